#!/usr/bin/env python3
"""The reader site under load (scripts/bench site): wrk against newsroom-server and, in the
same run, nginx serving a saved copy of the same article page as a static file (the ceiling
of this machine). Also: 304 answers, memory before and after, and the time from
`story publish` returning to the page showing the story. Writes Markdown to stdout and --out.

Uses a bench database with the archive in it (generated with bench/generate.sql when it is
missing or smaller than --stories)."""
import argparse, os, re, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--stories", type=int, default=1_000_000)
ap.add_argument("--database", default="newsroom_site_bench")
ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
ap.add_argument("--runs", type=int, default=3, help="wrk runs per route (the median is reported)")
ap.add_argument("--publishes", type=int, default=30)
ap.add_argument("--out", default="bench-results/site.md")
args = ap.parse_args()

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWSROOM = os.environ["NEWSROOM_BIN"]
SERVER = os.path.join(os.path.dirname(NEWSROOM), "newsroom-server")
PSQL = os.environ["PSQL_BIN"]
DB = args.database
WORK = tempfile.mkdtemp(prefix="newsroom-site-bench-")
ENV = {k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_") or k == "NEWSROOM_BIN"}
ENV.update(PGDATABASE=DB)
rows, notes = [], []

def log(message):
    print(message, file=sys.stderr, flush=True)

def psql(sql, database=DB):
    result = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", database, "-c", sql],
                            env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"psql failed: {sql[:200]}\n{result.stderr}")
    return result.stdout.strip()

def tool(*arguments, actor=None):
    env = dict(ENV)
    if actor:
        env["NEWSROOM_AS"] = actor
    result = subprocess.run([NEWSROOM, *arguments], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"newsroom {' '.join(arguments)} failed: {result.stderr}")
    return result.stdout.strip()

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()

def rss_kib(pid):
    fields = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status"))
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

# ---------------------------------------------------------------- data
exists = psql(f"SELECT count(*) FROM pg_database WHERE datname = '{DB}'", database="postgres") == "1"
have = 0
if exists:
    have = int(psql("SELECT CASE WHEN to_regclass('stories') IS NULL THEN 0 ELSE (SELECT count(*) FROM stories) END"))
if have < args.stories:
    log(f"Creating {DB} with {args.stories:,} stories (bench/generate.sql)…")
    psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)', database="postgres")
    psql(f'CREATE DATABASE "{DB}"', database="postgres")
    tool("migrate")
    body = open(os.path.join(REPO, "samples", "article-body.txt"), encoding="utf-8").read()
    subprocess.run([PSQL, "-X", "-q", "-d", DB, "-v", f"stories={args.stories}", "-v", "tickers=10000",
                    "-v", f"body={body}", "-f", os.path.join(REPO, "bench", "generate.sql")], env=ENV, check=True)
    psql("ANALYZE")
else:
    log(f"Using {DB} ({have:,} stories); migrating it")
    tool("migrate")
stories = int(psql("SELECT count(*) FROM stories"))
published = int(psql("SELECT count(*) FROM stories WHERE status = 'published'"))

# The sample article, published by the tool, with the sample's strip.
headline = open(os.path.join(REPO, "samples", "article-headline.txt"), encoding="utf-8").read().strip()
story = tool("draft", "create", "--section", "politics", "--dateline", "بغداد اليوم - ديالى", "--headline", headline,
             "--body-file", os.path.join(REPO, "samples", "article-body.txt"), actor="reporter1")
tool("story", "publish", story, "--skip-review", "--reason", "bench", actor="chief1")
lines = open(os.path.join(REPO, "samples", "ticker-items.txt"), encoding="utf-8").read().splitlines()
for index, line in enumerate(lines):
    extra = ["--urgent"] if index == 1 else []
    tool("ticker", "schedule", "--text", line, "--for", "6h", *extra, actor="editor1")

# ---------------------------------------------------------------- servers
port = free_port()
access_log = open(os.path.join(WORK, "access.log"), "w")
server = subprocess.Popen([SERVER, "--listen", f"127.0.0.1:{port}", "--database", f"dbname={DB}"], env=ENV,
                          stdout=access_log, stderr=subprocess.PIPE, text=True)
line = server.stderr.readline()
if "serving" not in line:
    raise SystemExit(f"newsroom-server did not start: {line}{server.stderr.read()}")
base = f"http://127.0.0.1:{port}"
status, headers, page = get(f"{base}/stories/{story}")
assert status == 200, status
etag = headers["ETag"]

static = os.path.join(WORK, "static")
os.makedirs(static)
open(os.path.join(static, "article.html"), "wb").write(page)
nginx_port = free_port()
conf = os.path.join(WORK, "nginx.conf")
user = "user root;" if os.geteuid() == 0 else ""
open(conf, "w").write(f"""{user}
worker_processes auto;
pid {WORK}/nginx.pid;
error_log {WORK}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log {WORK}/nginx-access.log;
    sendfile on; tcp_nopush on; keepalive_requests 100000;
    server {{ listen 127.0.0.1:{nginx_port}; root {static}; default_type "text/html; charset=utf-8"; }}
}}
""")
nginx = subprocess.Popen(["nginx", "-c", conf, "-g", "daemon off;"], stderr=subprocess.PIPE)
time.sleep(0.5)
assert get(f"http://127.0.0.1:{nginx_port}/article.html")[0] == 200

def wrk(url, headers=()):
    results = []
    for _ in range(args.runs):
        command = ["wrk", "-t2", "-c64", f"-d{args.duration}s", "--latency"]
        for header in headers:
            command += ["-H", header]
        output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
        scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        results.append((rate, float(p99.group(1)) * scale, int(non2xx.group(1)) if non2xx else 0))
    results.sort()
    return results[len(results) // 2]

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
delays.sort()
p50 = statistics.median(delays)
p99 = delays[min(len(delays) - 1, int(round(0.99 * (len(delays) - 1))))]

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
text = "\n".join(report) + "\n"
os.makedirs(os.path.dirname(os.path.join(REPO, args.out)), exist_ok=True)
open(os.path.join(REPO, args.out), "w").write(text)
print(text)
