/// The desk's stylesheet and script, served from the desk itself (the policy allows nothing
/// else). Pages work without the script; it adds the toolbar, live counts, the browser's copy
/// of unsaved text and the lease's renewal.
public enum DeskAssets {
    public static let stylesheet = """
        :root { color-scheme: light; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; line-height: 1.6; }
        body { margin: 0; color: #1a1a1a; background: #fbfbf8; }
        a { color: #0b4f8a; }
        .skip { position: absolute; inset-inline-start: -999px; }
        .skip:focus { inset-inline-start: 0.5rem; top: 0.5rem; background: #fff; padding: 0.5rem; }
        header { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: center; padding: 0.75rem 1rem; background: #10253f; color: #fff; }
        header a, header .who { color: #fff; }
        header nav ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: 0; padding: 0; }
        header form { display: flex; gap: 0.5rem; align-items: center; margin: 0; }
        header button { border-color: #fff; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        label { display: block; margin-top: 0.75rem; font-weight: 600; }
        .filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: flex-end; }
        .filters button { margin-bottom: 0.1rem; }
        header label, .language label { color: #fff; }
        input, select, textarea, button { font: inherit; }
        input, select, textarea { box-sizing: border-box; max-width: 100%; padding: 0.4rem; border: 1px solid #5a5a5a; border-radius: 3px; background: #fff; color: #1a1a1a; }
        .editor input, .editor select, .editor textarea, .sign-in input { width: 100%; }
        textarea { min-height: 12rem; }
        button { margin-top: 0.5rem; padding: 0.4rem 0.9rem; border: 1px solid #10253f; border-radius: 3px; background: #10253f; color: #fff; cursor: pointer; }
        button:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #d97706; outline-offset: 2px; }
        table { width: 100%; border-collapse: collapse; }
        th, td { padding: 0.4rem; border-bottom: 1px solid #ccc; text-align: start; vertical-align: top; }
        .status { padding: 0 0.4rem; border-radius: 3px; background: #e6e6e6; white-space: nowrap; }
        .status-published { background: #d1f0d8; } .status-in_review { background: #fff1c2; } .status-spiked, .status-withdrawn { background: #f6d5d5; }
        .refusal { border-inline-start: 6px solid #b42318; background: #fdecea; padding: 0.5rem 1rem; margin: 1rem 0; }
        .notice { border-inline-start: 6px solid #1d6b36; background: #e8f5ec; padding: 0.5rem 1rem; }
        .actions form { display: inline-block; vertical-align: top; margin: 0 0 1rem; }
        fieldset { border: 1px solid #bbb; border-radius: 3px; }
        .count { margin: 0.2rem 0; color: #4a4a4a; font-size: 0.9rem; } .count.over { color: #b42318; font-weight: 700; }
        .toolbar { display: flex; flex-wrap: wrap; gap: 0.25rem; }
        .toolbar button { margin: 0.25rem 0; background: #fff; color: #10253f; }
        ins { background: #d1f0d8; text-decoration: none; } del { background: #f6d5d5; }
        .strip { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; padding: 0.5rem; background: #10253f; color: #fff; }
        .strip .urgent strong { background: #b42318; padding: 0 0.3rem; }
        .thread { border-inline-start: 3px solid #bbb; padding-inline-start: 0.75rem; margin-bottom: 1rem; } .thread.resolved { opacity: 0.8; }
        .live { position: sticky; top: 0; background: #fff1c2; }
        @media (max-width: 40rem) {
          header { gap: 0.4rem 0.9rem; padding: 0.5rem 0.75rem; }
          header p { margin: 0; font-size: 0.9rem; }
          header form.search label { position: absolute; inset-inline-start: -999px; }
          header form.search input { width: 9rem; }
          header button { margin-top: 0; }
          table { font-size: 0.9rem; table-layout: fixed; overflow-wrap: anywhere; }
          td input, td select { width: 100%; min-width: 0; }
        }
        """

    public static let script = """
        "use strict";
        (function () {
          var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
          function graphemes(text) {
            text = text.normalize("NFC").trim();
            if (!segmenter) return Array.from(text).length;
            var n = 0; for (var _ of segmenter.segment(text)) n++; return n;
          }
          document.querySelectorAll("input[data-limit]").forEach(function (input) {
            var counter = document.getElementById("count-" + input.id);
            if (!counter) return;
            var limit = Number(input.dataset.limit);
            function update() { var n = graphemes(input.value); counter.querySelector("span").textContent = String(n); counter.classList.toggle("over", n > limit); }
            input.addEventListener("input", update); update();
          });
          document.querySelectorAll(".toolbar").forEach(function (bar) {
            var area = document.getElementById(bar.dataset.for);
            if (!area) return;
            bar.hidden = false;
            bar.querySelectorAll("button[data-mark]").forEach(function (button) {
              button.addEventListener("click", function () {
                var mark = button.dataset.mark, start = area.selectionStart, end = area.selectionEnd;
                var chosen = area.value.slice(start, end), text;
                if (mark === "**") text = "**" + chosen + "**";
                else if (mark.indexOf("[](") === 0) text = "[" + chosen + "](https://)";
                else if (mark.indexOf("![](") === 0) text = "\\n![" + chosen + "](media:)\\n";
                else text = (start > 0 && area.value[start - 1] !== "\\n" ? "\\n" : "") + mark + chosen;
                area.setRangeText(text, start, end, "end");
                area.focus();
                area.dispatchEvent(new Event("input"));
              });
            });
          });
          // The browser keeps what is typed until the server has it: a refusal, a timeout or an
          // ended session loses nothing.
          var main = document.getElementById("main");
          var params = new URLSearchParams(location.search);
          if (params.get("saved")) { try { localStorage.removeItem("newsroom-draft-" + params.get("saved")); } catch (e) {} }
          document.querySelectorAll("textarea[data-draft-key]").forEach(function (area) {
            var key = "newsroom-draft-" + area.dataset.draftKey, form = area.form;
            var fields = ["headline", "dateline", "body"];
            function current() { var o = {}; fields.forEach(function (f) { if (form.elements[f]) o[f] = form.elements[f].value; }); return o; }
            var stored = null; try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) {}
            var offer = form.querySelector(".draft-copy");
            if (stored && offer && JSON.stringify(stored) !== JSON.stringify(current())) {
              offer.hidden = false;
              offer.querySelector(".restore").addEventListener("click", function () {
                fields.forEach(function (f) { if (form.elements[f] && stored[f] !== undefined) form.elements[f].value = stored[f]; });
                offer.hidden = true;
              });
            }
            form.addEventListener("input", function () { try { localStorage.setItem(key, JSON.stringify(current())); } catch (e) {} });
          });
          // The edit lease: renewed while the page is open, given back when it closes.
          var editor = document.querySelector("form.editor[data-story][data-renew]");
          if (editor) {
            var story = editor.dataset.story, token = editor.elements.csrf.value, submitting = false;
            editor.addEventListener("submit", function () { submitting = true; });
            function post(path) { var body = new URLSearchParams(); body.set("csrf", token); return fetch(path, { method: "POST", body: body, credentials: "same-origin" }); }
            setInterval(function () {
              post("/stories/" + story + "/lease/renew").then(function (answer) {
                var warning = document.getElementById("lease-warning");
                if (warning) warning.hidden = answer.status === 204;
              }).catch(function () {});
            }, Number(editor.dataset.renew) * 1000);
            window.addEventListener("pagehide", function () {
              if (submitting) return;
              var body = new URLSearchParams(); body.set("csrf", token);
              navigator.sendBeacon("/stories/" + story + "/lease/release", body);
            });
          }
          // Live: the desk's events, as they happen.
          if (main && main.dataset.viewer && window.EventSource) {
            var live = document.getElementById("live"), storyPage = document.querySelector("article.story[data-story]");
            var source = new EventSource("/events" + (storyPage ? "?story=" + storyPage.dataset.story : ""));
            // Who holds the edit lease, as it changes: the author sees the editor at work.
            source.addEventListener("lease", function (event) {
              var line = document.getElementById("lease");
              if (line) { line.textContent = JSON.parse(event.data).text; line.classList.toggle("held", line.textContent !== ""); }
            });
            source.addEventListener("desk", function (event) {
              var data = JSON.parse(event.data), here = document.querySelector("[data-story]");
              if (live && (!here || !data.story || String(data.story) === here.dataset.story)) {
                var line = document.createElement("p"); line.textContent = data.text; live.prepend(line);
              }
            });
          }
        })();
        """
}
