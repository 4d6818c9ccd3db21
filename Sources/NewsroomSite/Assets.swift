/// The site's own style and its one script, served as files so the pages need no inline
/// script or style (the Content-Security-Policy allows only the site's own).
enum SiteAssets {
    static let stylesheetPath = "/assets/site.css"
    static let scriptPath = "/assets/site.js"

    /// Logical properties (inline-start, inline-end) so one sheet serves rtl and ltr pages.
    static let stylesheet = """
        :root { --ink: #1a1a1a; --muted: #5c5c5c; --rule: #d9d9d9; --accent: #b00020; --paper: #ffffff; }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body { margin: 0; background: var(--paper); color: var(--ink); line-height: 1.7;
               font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", sans-serif; }
        a { color: inherit; }
        .masthead { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1.5rem; padding: 0.75rem 1rem;
                    border-block-end: 3px solid var(--ink); }
        .masthead .site { font-size: 1.5rem; font-weight: bold; text-decoration: none; }
        .masthead ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: 0; padding: 0; }
        .ticker { display: flex; align-items: baseline; gap: 1rem; padding: 0.5rem 1rem; background: #f4f4f4;
                  border-block-end: 1px solid var(--rule); }
        .ticker h2 { font-size: 1rem; margin: 0; white-space: nowrap; color: var(--accent); }
        .ticker ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; list-style: none; margin: 0; padding: 0; }
        .ticker .badge { background: var(--accent); color: #fff; padding: 0 0.4rem; margin-inline-end: 0.4rem; font-size: 0.85rem; }
        /* On a phone, one line at a time: the list scrolls sideways, a line a stop (swiped, or
           with the keyboard once focused), and nothing moves by itself. */
        @media (max-width: 40rem) {
          .ticker { gap: 0.5rem; padding-inline: 0.75rem; }
          .ticker ul { flex: 1; min-width: 0; flex-wrap: nowrap; gap: 0; overflow-x: auto; overscroll-behavior-x: contain;
                       scroll-snap-type: x mandatory; }
          .ticker li { flex: 0 0 100%; scroll-snap-align: start; }
        }
        @media (max-width: 40rem) and (prefers-reduced-motion: no-preference) { .ticker ul { scroll-behavior: smooth; } }
        main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 2rem; line-height: 1.35; margin: 0.5rem 0; }
        .meta, .dateline, .byline, .empty { color: var(--muted); }
        .dateline { font-weight: bold; }
        .text-size { display: inline-flex; gap: 0.25rem; }
        .text-size button { font: inherit; padding: 0 0.5rem; }
        .body h2 { font-size: 1.3rem; margin-block: 1.5rem 0.5rem; }
        .body h3 { font-size: 1.1rem; margin-block: 1.25rem 0.5rem; }
        .body a { color: #0b4f8a; text-decoration: underline; }
        .body figure.quotation { margin: 1.25rem 0; }
        .body blockquote { margin: 1rem 0; margin-inline-start: 1.25rem; padding-inline-start: 1rem; border-inline-start: 4px solid #b8b8b8; font-style: italic; }
        .body figure.quotation blockquote { margin-block: 0 0.4rem; }
        .body figcaption { margin-inline-start: 2.25rem; color: #444; }
        figure.photo { margin: 1.25rem 0; }
        figure.photo img { display: block; width: 100%; height: auto; background: #eee; }
        figure.photo.lead img { width: auto; max-width: 100%; max-height: 75vh; margin-inline: auto; }
        figure.photo figcaption, .body figure.photo figcaption { margin: 0.4rem 0 0; color: #444; font-size: 0.9rem; }
        figure.photo .credit { color: #555; font-size: 0.8rem; }
        .body ul, .body ol { padding-inline-start: 1.75rem; }
        .body li { margin-block: 0.25rem; }
        .listing { list-style: none; padding: 0; margin: 0; }
        .listing li { padding-block: 0.6rem; border-block-end: 1px solid var(--rule); }
        .listing a { font-weight: bold; text-decoration: none; }
        .listing time, .listing .dateline { font-size: 0.9rem; }
        .search-link { margin-inline-start: auto; }
        .search { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin-block-end: 1rem; }
        .search input { flex: 1; min-width: 12rem; font: inherit; padding: 0.3rem; }
        .snippet { margin: 0.3rem 0 0; }
        mark { background: #fff3a0; color: inherit; }
        .corrections { margin-block-start: 2rem; border-block-start: 1px solid var(--rule); font-size: 0.95rem; }
        .pager { margin-block: 1.5rem; }
        .visually-quiet { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        footer { color: var(--muted); font-size: 0.85rem; padding: 1rem; border-block-start: 1px solid var(--rule); }
        """

    /// The text-size buttons (the sample page's +A -A): hidden in the markup, shown by this
    /// script, so a page read without script shows no control that does nothing. And the live
    /// strip: an open page follows the ticker stream and redraws its strip (text as text,
    /// never as markup); without script, or without EventSource, the strip is the page's own.
    static let script = """
        (function () {
          "use strict";
          var strip = document.querySelector(".ticker");
          if (!strip || !window.EventSource) { return; }
          var list = strip.querySelector("ul");
          var source = new EventSource("/api/v1/ticker/stream");
          source.addEventListener("ticker", function (event) {
            var lines;
            try { lines = JSON.parse(event.data).ticker; } catch (e) { return; }
            if (!Array.isArray(lines)) { return; }
            var items = lines.map(function (line) {
              var item = document.createElement("li");
              if (line.urgent) {
                item.className = "urgent";
                var badge = document.createElement("strong");
                badge.className = "badge";
                badge.textContent = strip.getAttribute("data-urgent");
                item.appendChild(badge);
              }
              var text;
              if (typeof line.story_id === "number") {
                text = document.createElement("a");
                text.href = "/stories/" + line.story_id;
                text.dir = "auto";
              } else {
                text = document.createElement("bdi");
              }
              text.textContent = String(line.text);
              item.appendChild(text);
              return item;
            });
            list.replaceChildren.apply(list, items);
            strip.hidden = items.length === 0;
          });
        })();
        (function () {
          "use strict";
          var group = document.querySelector(".text-size");
          if (!group) { return; }
          var size = 100;
          try { size = Number(window.localStorage.getItem("newsroom.textSize")) || 100; } catch (e) {}
          function apply() { document.documentElement.style.fontSize = size + "%"; }
          apply();
          group.hidden = false;
          group.addEventListener("click", function (event) {
            var button = event.target.closest("button");
            if (!button) { return; }
            size = Math.min(160, Math.max(80, size + (button.getAttribute("data-step") === "up" ? 10 : -10)));
            try { window.localStorage.setItem("newsroom.textSize", String(size)); } catch (e) {}
            apply();
          });
        })();
        """
}
