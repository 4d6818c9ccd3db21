#!/usr/bin/env python3
"""The reader site under load (scripts/bench site): wrk against newsroom-server and, in the
same run, nginx serving a saved copy of the same article page as a static file (the ceiling
of this machine). Also: 304 answers, memory before and after, and the time from
`story publish` returning to the page showing the story. Writes Markdown to stdout and --out.

Uses a bench database with the archive in it (generated with bench/generate.sql when it is
missing or smaller than --stories)."""
import argparse, os, signal, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import ensure_archive, get, log, psql, publish_sample, rss_kib, setup, start_server, tool
import benchlib

ap = argparse.ArgumentParser()
ap.add_argument("--stories", type=int, default=1_000_000)
ap.add_argument("--database", default="newsroom_site_bench")
ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
ap.add_argument("--runs", type=int, default=3, help="wrk runs per route (the median is reported)")
ap.add_argument("--publishes", type=int, default=30)
ap.add_argument("--out", default="bench-results/site.md")
args = ap.parse_args()

setup(args.database)
DB = args.database
WORK = tempfile.mkdtemp(prefix="newsroom-site-bench-")
rows, notes = [], []

# ---------------------------------------------------------------- data
ensure_archive(args.stories)
stories = int(psql("SELECT count(*) FROM stories"))
published = int(psql("SELECT count(*) FROM stories WHERE status = 'published'"))
story = publish_sample()

# ---------------------------------------------------------------- servers
access_log = open(os.path.join(WORK, "access.log"), "w")
server, base = start_server(f"dbname={DB}", access_log)
status, headers, page = get(f"{base}/stories/{story}")
assert status == 200, status
etag = headers["ETag"]

static = os.path.join(WORK, "static")
os.makedirs(static)
open(os.path.join(static, "article.html"), "wb").write(page)
nginx, nginx_port = benchlib.start_nginx(static, WORK, 'default_type "text/html; charset=utf-8";')
assert get(f"http://127.0.0.1:{nginx_port}/article.html")[0] == 200

def wrk(url, headers=()):
    return benchlib.wrk(url, args.runs, args.duration, headers)

before = rss_kib(server.pid)
log("nginx, the saved article page…")
ceiling = wrk(f"http://127.0.0.1:{nginx_port}/article.html")
routes = [("article page `/stories/ID`", f"/stories/{story}", ()), ("front page `/`", "/", ()),
          ("`/api/v1/stories/ID`", f"/api/v1/stories/{story}", ()), ("`/api/v1/ticker`", "/api/v1/ticker", ()),
          ("`/api/v1/stories/ID.ninjs`", f"/api/v1/stories/{story}.ninjs", ()), ("Atom feed `/feed.atom`", "/feed.atom", ()),
          ("RSS feed `/feed.rss`", "/feed.rss", ()), ("news sitemap `/sitemap-news.xml`", "/sitemap-news.xml", ()),
          ("article page, `304` (If-None-Match)", f"/stories/{story}", (f"If-None-Match: {etag}",)),
          ("article page, gzip", f"/stories/{story}", ("Accept-Encoding: gzip",))]
rows.append(f"| nginx: the same article page, static file | {ceiling[0]:,.0f} | {ceiling[1]:.2f} | 1.00 | — |")
for name, path, headers in routes:
    log(f"newsroom-server, {name}…")
    rate, p99, errors = wrk(base + path, headers)
    rows.append(f"| {name} | {rate:,.0f} | {p99:.2f} | {rate / ceiling[0]:.2f} | {errors} |")
after = rss_kib(server.pid)

# ---------------------------------------------------------------- publish to visible
log("publish → visible…")
delays = []
for index in range(args.publishes):
    draft = tool("draft", "create", "--section", "security", "--headline", f"خبر للقياس {index}", actor="reporter2")
    tool("story", "assign", draft, "--editor", "editor2", actor="chief1")
    tool("story", "submit", draft, actor="reporter2")
    tool("story", "approve", draft, actor="editor2")
    get(f"{base}/stories/{draft}")  # the 404 is now in memory
    tool("story", "publish", draft, actor="editor2")
    returned = time.perf_counter()
    while get(f"{base}/stories/{draft}")[0] != 200:
        time.sleep(0.001)
    delays.append((time.perf_counter() - returned) * 1000)
p50 = statistics.median(delays)
p99 = benchlib.percentile(delays, 0.99)

server.send_signal(signal.SIGTERM)
code = server.wait(timeout=30)
nginx.send_signal(signal.SIGQUIT)
nginx.wait(timeout=30)
access_log.close()
log_lines = sum(1 for _ in open(os.path.join(WORK, "access.log")))

report = [
    f"### Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
    "",
    f"Database `{DB}`: {stories:,} stories ({published:,} published). `wrk -t2 -c64 -d{args.duration}s` on loopback, "
    f"median of {args.runs} runs; nginx (Debian, `worker_processes auto`) serving the article page the server made, "
    "saved as a file, in the same run. newsroom-server as shipped: access log on (to a file), pool of 4.",
    "",
    "| what | requests/s | p99 ms | × nginx | non-2xx/3xx |",
    "| --- | ---: | ---: | ---: | ---: |",
    *rows,
    "",
    f"- Memory (RSS) of newsroom-server: {before[0] / 1024:.1f} MiB before the load, {after[0] / 1024:.1f} MiB after "
    f"(peak {after[1] / 1024:.1f} MiB).",
    f"- Publish → visible (from `story publish` returning to the article page answering 200, {len(delays)} stories): "
    f"p50 {p50:.1f} ms, p99 {p99:.1f} ms.",
    f"- The server exited with {code} on SIGTERM; its access log has {log_lines:,} lines.",
]
benchlib.write_report(report, args.out)
