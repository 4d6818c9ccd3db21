#!/usr/bin/env python3
"""The body format's cost (scripts/bench body): `newsroom body FILE` (check, then parse and
render to HTML, as a write and a page do) against `cmark FILE` (the same C library's own
command, Debian's `cmark`: the best this machine does with the parser), under hyperfine, for
a typical article (samples/article-rich.md), a 1 MB one, and hostile shapes (a million `*`,
10,000 nested quotations, 40,000 links). No database. Writes Markdown to stdout and --out."""
import argparse, json, os, subprocess, sys, tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWSROOM = os.environ["NEWSROOM_BIN"]
ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=20)
ap.add_argument("--out", default="bench-results/body.md")
args = ap.parse_args()

work = tempfile.mkdtemp(prefix="newsroom-body-bench-")
rich = open(os.path.join(REPO, "samples", "article-rich.md"), encoding="utf-8").read()
# A 1 MB body: the rich article again and again (each copy a few paragraphs, a quotation, lists).
big = (rich.strip() + "\n\n") * (1_000_000 // len(rich.encode()) + 1)
big = big.encode()[:1_000_000].decode("utf-8", "ignore")
big = big[: big.rfind("\n\n")]
files = {
    "typical article (samples/article-rich.md, %d KB)" % (len(rich.encode()) // 1000): rich,
    "1 MB article (the rich article repeated, %.1f MB of markup)" % (len(big.encode()) / 1e6): big,
    "a million `*` in a paragraph (text, as CommonMark says)": "نص " + "*" * 1_000_000 + " نص",
    "10,000 nested quotations (refused)": "> " * 10_000 + "قال",
    "40,000 links (1.6 MB of markup)": "\n".join("[رابط %d](https://example.org/%d)" % (n, n) for n in range(40_000)),
}
rows = []
for index, (name, text) in enumerate(files.items()):
    path = os.path.join(work, "%d.md" % index)
    open(path, "w", encoding="utf-8").write(text)
    export = os.path.join(work, "%d.json" % index)
    subprocess.run(["hyperfine", "-N", "-i", "--warmup", "2", "--runs", str(args.runs), "--export-json", export,
                    "-n", "newsroom", f"{NEWSROOM} body {path} --format html",
                    "-n", "cmark", f"cmark {path}"], check=True, capture_output=True)
    results = {r["command"]: r for r in json.load(open(export))["results"]}
    ours, theirs = results["newsroom"]["median"] * 1000, results["cmark"]["median"] * 1000
    check = subprocess.run([NEWSROOM, "body", path, "--format", "check"], capture_output=True, text=True)
    verdict = "refused: " + check.stderr.strip().split(": ", 1)[-1][:60] if check.returncode else "accepted"
    rows.append(f"| {name} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.1f}× | {verdict} |")
    print(rows[-1], file=sys.stderr)
empty = os.path.join(work, "empty.md")
open(empty, "w").write("نص")
subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(args.runs), "--export-json", empty + ".json",
                f"{NEWSROOM} body {empty} --format html"], check=True, capture_output=True)
start = json.load(open(empty + ".json"))["results"][0]["median"] * 1000

table = "\n".join([
    "| body | `newsroom body` ms (median) | `cmark` ms | ratio | the core's verdict |",
    "| --- | ---: | ---: | ---: | --- |", *rows, "",
    f"`newsroom body` on a one-word body (the process alone: start, read, check, parse, render): {start:.1f} ms.",
    "Both commands read the file and write HTML; `newsroom body` also checks the body as `draft create`",
    "does (which parses it once more, strictly) and renders through the core's `ArticleBody` blocks.",
])
os.makedirs(os.path.dirname(os.path.join(REPO, args.out)), exist_ok=True)
open(os.path.join(REPO, args.out), "w").write(table + "\n")
print(table)
