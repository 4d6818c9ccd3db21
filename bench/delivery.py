#!/usr/bin/env python3
"""The reader site past one server (scripts/bench delivery): a primary and a real streaming
standby on this machine (a cluster of their own, made for the run), a newsroom-server on each.
Measures how soon a publication on the primary shows on each server (p50/p99), the same
article served by both under wrk in one run, and the ticker stream's fan-out: --clients
EventSource-like clients on one server (and --stalled clients that never read), each line
scheduled with the CLI timed to every client, with the server's memory before and after.
Writes Markdown to stdout and --out."""
import argparse, asyncio, os, signal, socket, statistics, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import REPO, ensure_archive, get, log, percentile, psql, publish_sample, rss_kib, setup, start_server, tool
import benchlib

ap = argparse.ArgumentParser()
ap.add_argument("--stories", type=int, default=100_000)
ap.add_argument("--database", default="newsroom_delivery_bench")
ap.add_argument("--publishes", type=int, default=50)
ap.add_argument("--clients", type=int, default=1000)
ap.add_argument("--stalled", type=int, default=100)
ap.add_argument("--lines", type=int, default=20)
ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--out", default="bench-results/delivery.md")
args = ap.parse_args()

setup(args.database)
WORK = tempfile.mkdtemp(prefix="newsroom-delivery-bench-")
STANDBY = os.path.join(REPO, "scripts", "lib", "standby")
report = [f"### Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", ""]

ensure_archive(args.stories)
story = publish_sample()
stories = int(psql("SELECT count(*) FROM stories"))

log("Making a streaming standby (pg_basebackup -R)…")
standby_folder = os.path.join(WORK, "standby")
made = subprocess.run([STANDBY, "start", os.environ["PGHOST"], standby_folder], capture_output=True, text=True)
if made.returncode != 0:
    raise SystemExit(f"the standby could not be made: {made.stderr}")
standby_socket = made.stdout.strip().splitlines()[-1]
logs = open(os.path.join(WORK, "access.log"), "w")
primary_server, primary = start_server(f"dbname={args.database}", logs)
standby_server, standby = start_server(f"host='{standby_socket}' user=newsroom dbname={args.database}", logs)
assert get(f"{standby}/stories/{story}")[0] == 200

try:
    # ------------------------------------------------------------ freshness
    log("publish on the primary → visible on each server…")
    on_primary, on_standby, from_start = [], [], []
    for index in range(args.publishes):
        draft = tool("draft", "create", "--section", "security", "--headline", f"خبر للقياس {index}", actor="reporter2")
        tool("story", "assign", draft, "--editor", "editor2", actor="chief1")
        tool("story", "submit", draft, actor="reporter2")
        tool("story", "approve", draft, actor="editor2")
        for base in (primary, standby):
            get(f"{base}/stories/{draft}")  # the 404 is now in memory on both
        started = time.perf_counter()
        tool("story", "publish", draft, actor="editor2")
        returned = time.perf_counter()
        seen = {}
        while len(seen) < 2 and time.perf_counter() - returned < 10:
            for name, base in (("primary", primary), ("standby", standby)):
                if name not in seen and get(f"{base}/stories/{draft}")[0] == 200:
                    seen[name] = time.perf_counter()
            time.sleep(0.0005)
        on_primary.append((seen.get("primary", float("inf")) - returned) * 1000)
        on_standby.append((seen.get("standby", float("inf")) - returned) * 1000)
        from_start.append((seen.get("standby", float("inf")) - started) * 1000)
    report += [
        f"Database `{args.database}`: {stories:,} stories, on a primary and a streaming standby of it (same machine, "
        "`pg_basebackup -R`, asynchronous replication), a newsroom-server on each.",
        "",
        f"**Publish → visible** ({args.publishes} stories published with the CLI on the primary; from `story publish` "
        "returning — just after its commit — to the article page answering 200):",
        "",
        "| server | p50 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: |",
        f"| on the primary (LISTEN) | {statistics.median(on_primary):.1f} | {percentile(on_primary, 0.99):.1f} | {max(on_primary):.1f} |",
        f"| on the standby (replay, record polled every 100 ms) | {statistics.median(on_standby):.1f} | {percentile(on_standby, 0.99):.1f} | {max(on_standby):.1f} |",
        f"| on the standby, from the command's start | {statistics.median(from_start):.1f} | {percentile(from_start, 0.99):.1f} | {max(from_start):.1f} |",
        "",
    ]

    # ------------------------------------------------------------ the same article, both servers
    log("the same article from both servers under wrk…")
    rows = []
    for name, base in (("primary", primary), ("standby", standby)):
        rate, p99, errors = benchlib.wrk(f"{base}/stories/{story}", args.runs, args.duration)
        rows.append((name, rate, p99, errors))
    same = get(f"{primary}/stories/{story}")[1].get("ETag") == get(f"{standby}/stories/{story}")[1].get("ETag")
    report += [
        f"**The same article page** (`wrk -t2 -c64 -d{args.duration}s`, median of {args.runs}; the ETags "
        f"{'are equal' if same else 'DIFFER'}):",
        "",
        "| server | requests/s | p99 ms | × primary | non-2xx/3xx |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| {name} | {rate:,.0f} | {p99:.2f} | {rate / rows[0][1]:.2f} | {errors} |" for name, rate, p99, errors in rows],
        "",
    ]

    # ------------------------------------------------------------ the ticker stream's fan-out
    log(f"ticker stream: {args.clients} clients and {args.stalled} that never read…")
    port = int(primary.rsplit(":", 1)[1])
    marker = lambda k: f"bench-line-{k}-".encode()
    arrivals = {}  # (client, line) -> time

    async def client(number, ready):
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        writer.write(b"GET /api/v1/ticker/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
        await writer.drain()
        waiting, tail = 0, b""
        first = True
        while waiting < args.lines:
            data = await reader.read(65536)
            if not data:
                return
            if first:
                first = False
                ready.release()
            tail += data
            while waiting < args.lines and marker(waiting) in tail:
                arrivals[(number, waiting)] = time.perf_counter()
                tail = tail[tail.index(marker(waiting)):]
                waiting += 1
            if len(tail) > 65536:
                tail = tail[-4096:]
        writer.close()

    def stalled_clients():
        sockets = []
        for _ in range(args.stalled):
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /api/v1/ticker/stream HTTP/1.1\r\nHost: bench\r\n\r\n")
            sockets.append(s)
        return sockets

    async def fan_out():
        memory = {"before": rss_kib(primary_server.pid)}
        ready = asyncio.Semaphore(0)
        tasks = [asyncio.create_task(client(n, ready)) for n in range(args.clients)]
        for _ in range(args.clients):
            await asyncio.wait_for(ready.acquire(), timeout=60)
        stalled = stalled_clients()
        await asyncio.sleep(1)
        memory["connected"] = rss_kib(primary_server.pid)
        scheduled = []
        filler = "سطر للقياس في شريط الأخبار العاجلة " * 2
        for k in range(args.lines):
            started = time.perf_counter()
            await asyncio.to_thread(tool, "ticker", "schedule", "--text", f"bench-line-{k}- {filler}"[:200], "--for", "1h",
                                    actor="editor1")
            returned = time.perf_counter()
            scheduled.append((started, returned))
            deadline = time.perf_counter() + 5
            while sum(1 for n in range(args.clients) if (n, k) in arrivals) < args.clients and time.perf_counter() < deadline:
                await asyncio.sleep(0.01)
        memory["after"] = rss_kib(primary_server.pid)
        for task in tasks:
            task.cancel()
        for s in stalled:
            s.close()
        return scheduled, memory

    scheduled, memory = asyncio.run(fan_out())
    latencies = [(arrivals[(n, k)] - scheduled[k][0]) * 1000 for n in range(args.clients) for k in range(args.lines) if (n, k) in arrivals]
    after_return = [(arrivals[(n, k)] - scheduled[k][1]) * 1000 for n in range(args.clients) for k in range(args.lines) if (n, k) in arrivals]
    missing = args.clients * args.lines - len(latencies)
    report += [
        f"**Ticker stream fan-out**: {args.clients} clients reading `/api/v1/ticker/stream` from the primary's server, plus "
        f"{args.stalled} that sent the request and never read (receive buffer 1 KiB); {args.lines} lines scheduled one at a "
        "time with the CLI (`ticker schedule`), each timed to every reading client:",
        "",
        f"- From the command's start: p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"max {max(latencies):.1f} ms; from its return: p50 {statistics.median(after_return):.1f} ms, "
        f"p99 {percentile(after_return, 0.99):.1f} ms. Events not received within 5 s: {missing}.",
        f"- Server memory (RSS): {memory['before'][0] / 1024:.1f} MiB before the clients, "
        f"{memory['connected'][0] / 1024:.1f} MiB with {args.clients + args.stalled} connected, "
        f"{memory['after'][0] / 1024:.1f} MiB after the {args.lines} lines (peak {memory['after'][1] / 1024:.1f} MiB).",
        "",
    ]
finally:
    for server in (primary_server, standby_server):
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    subprocess.run([STANDBY, "stop", standby_folder], capture_output=True)

benchlib.write_report(report, args.out)
