#!/usr/bin/env python3
"""The staff desk under a newsroom's load (scripts/bench desk): --staff people, each signed in
as their own PostgreSQL login, using the desk for --duration seconds at once on the bench
archive: their desk, story lists, stories, searches, the ticker, new drafts, and moves (an
editor assigning a story, back and forth). Per kind of page: p50/p95/p99 as the client saw
them and as the desk logged them. The move beside the store's own statements run in one psql
session (the reference: what the move costs without HTTP, sessions or pages). Memory of the
desk before anyone signs in and with everyone signed in. Writes Markdown to stdout and --out.
"""
import argparse, http.client, os, random, re, signal, statistics, subprocess, sys, tempfile, threading, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import actor_sql, assign_sql, ensure_archive, fill_search, free_port, log, percentile, psql, rss_kib, setup, tool
import benchlib

ap = argparse.ArgumentParser()
ap.add_argument("--stories", type=int, default=1_000_000)
ap.add_argument("--database", default="newsroom_desk_bench")
ap.add_argument("--staff", type=int, default=50)
ap.add_argument("--duration", type=int, default=60)
ap.add_argument("--moves", type=int, default=300, help="moves timed for the reference comparison")
ap.add_argument("--out", default="bench-results/desk.md")
args = ap.parse_args()

setup(args.database)
DB = args.database
PASSWORD = "كلمة سر للقياس 2026"
WORK = tempfile.mkdtemp(prefix="newsroom-desk-bench-")
DESK = os.path.join(os.path.dirname(benchlib.NEWSROOM), "newsroom-desk")

# ---------------------------------------------------------------- data and people
ensure_archive(args.stories)
stories = int(psql("SELECT count(*) FROM stories"))
if int(psql("SELECT count(*) FROM story_search")) < stories * 0.9:
    log("Filling the search terms…")
    fill_search(DB)
top = int(psql("SELECT max(id) FROM stories"))
words = psql("SELECT string_agg(w, ' ') FROM (SELECT unnest(list[1:40]) AS w FROM (SELECT string_to_array(headline, ' ') AS list "
             "FROM story_texts WHERE story_id = 1) x) y").split()
roles = (["reporter"] * 6 + ["editor"] * 3 + ["chief"])
people = [f"{role}{index // len(roles) + 1}" for index, role in zip(range(args.staff), roles * args.staff)]
for handle in people:
    login = f"bdesk_{handle}"
    # Our own fixed names and password (identifiers cannot be parameters).
    psql(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{login}') THEN "
         f"CREATE ROLE {login} LOGIN PASSWORD '{PASSWORD}'; END IF; END $$")
    psql(f"UPDATE staff SET login = '{login}', active = true WHERE handle = '{handle}' AND login IS DISTINCT FROM '{login}'")
moved = tool("draft", "create", "--section", "politics", "--headline", "خبر تتناوبه الإسنادات", actor="chief1")

# ---------------------------------------------------------------- the desk
port = free_port()
desk_log = open(os.path.join(WORK, "access.log"), "w")
desk = subprocess.Popen([DESK, "--listen", f"127.0.0.1:{port}", "--database", f"dbname={DB}", "--max-sessions", str(args.staff + 10)],
                        env={k: v for k, v in benchlib.ENV.items() if k not in ("PGUSER", "PGDATABASE")},
                        stdout=desk_log, stderr=subprocess.PIPE, text=True)
started = []
for _ in range(20):
    started.append(desk.stderr.readline())
    if "serving" in started[-1] or not started[-1]:
        break
if "serving" not in started[-1]:
    raise SystemExit(f"newsroom-desk did not start: {''.join(started)}")
threading.Thread(target=lambda: desk.stderr.read(), daemon=True).start()
idle = rss_kib(desk.pid)


class Person:
    """One person's browser: a keep-alive connection, the cookies, the form token."""

    def __init__(self, handle):
        self.handle, self.cookies, self.csrf = handle, {}, ""
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def send(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode([("csrf", self.csrf)] + list(form)).encode()
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://127.0.0.1:{port}"})
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        answer = self.connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        seconds = time.perf_counter() - started
        for value in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";")[0]
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', text)
        if token:
            self.csrf = token.group(1)
        return answer.status, text, seconds

    def sign_in(self):
        self.send("GET", "/sign-in")
        status, _, _ = self.send("POST", "/sign-in", [("login", f"bdesk_{self.handle}"), ("password", PASSWORD)])
        if status != 303:
            raise SystemExit(f"{self.handle} could not sign in: {status}")
        self.send("GET", "/")


timings = {}
failures = []
lock = threading.Lock()


def work(person, until, rng):
    assigned = [f"editor{k}" for k in range(1, 4)]
    while time.monotonic() < until:
        kind = rng.choices(["my desk", "story list", "filtered list", "story", "search", "ticker", "new draft", "move"],
                           [20, 15, 10, 30, 10, 5, 5, 5])[0]
        if kind == "my desk":
            request = ("GET", "/", None)
        elif kind == "story list":
            request = ("GET", "/stories", None)
        elif kind == "filtered list":
            request = ("GET", "/stories?status=published&section=" + rng.choice(["politics", "security", "economy"]), None)
        elif kind == "story":
            request = ("GET", f"/stories/{rng.randint(1, top)}", None)
        elif kind == "search":
            request = ("GET", "/search?q=" + urllib.parse.quote(rng.choice(words)), None)
        elif kind == "ticker":
            request = ("GET", "/ticker", None)
        elif kind == "new draft":
            request = ("POST", "/stories", [("headline", f"خبر من المكتب {rng.random():.6f}"), ("section", "local"), ("dateline", "بغداد"),
                                             ("body", "نص قصير للقياس.")])
        else:
            if person.handle.startswith("reporter"):
                continue
            request = ("POST", f"/stories/{moved}/actions", [("action", "assign"), ("editor", rng.choice(assigned))])
        status, _, seconds = person.send(*request)
        with lock:
            timings.setdefault(kind, []).append(seconds * 1000)
            if status >= 400 and not (kind == "move" and status == 409):
                failures.append((kind, status))


log(f"Signing in {len(people)} people…")
crowd = [Person(handle) for handle in people]
for person in crowd:
    person.sign_in()
signed_in = rss_kib(desk.pid)
backends = int(psql(f"SELECT count(*) FROM pg_stat_activity WHERE usename LIKE 'bdesk_%' AND datname = '{DB}'"))
log(f"{len(crowd)} people on the desk for {args.duration} s…")
until = time.monotonic() + args.duration
threads = [threading.Thread(target=work, args=(person, until, random.Random(index))) for index, person in enumerate(crowd)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
loaded = rss_kib(desk.pid)

# ---------------------------------------------------------------- a move beside the store's statements
log("A move alone: the desk, then the same statements in one psql session…")
chief = next(p for p in crowd if p.handle.startswith("chief"))
desk_moves = []
for index in range(args.moves):
    status, _, seconds = chief.send("POST", f"/stories/{moved}/actions", [("action", "assign"), ("editor", f"editor{1 + index % 3}")])
    if status != 303:
        raise SystemExit(f"the move was refused: {status}")
    desk_moves.append(seconds * 1000)
script = os.path.join(WORK, "moves.sql")
with open(script, "w") as handle:
    handle.write("\\set ON_ERROR_STOP on\n")
    for index in range(args.moves):
        handle.write(actor_sql(chief.handle) + assign_sql(moved, chief.handle, f"editor{1 + index % 3}"))
empty = os.path.join(WORK, "empty.sql")
open(empty, "w").write("SELECT 1;\n")
# As the chief's own login, as the desk connects.
as_chief = dict(benchlib.ENV, PGUSER=f"bdesk_{chief.handle}", PGPASSWORD=PASSWORD)
def session(path):
    started = time.perf_counter()
    subprocess.run([benchlib.PSQL, "-X", "-q", "-d", DB, "-f", path], env=as_chief, check=True, capture_output=True)
    return time.perf_counter() - started
reference = (statistics.median(session(script) for _ in range(3)) - statistics.median(session(empty) for _ in range(3))) * 1000 / args.moves

desk.send_signal(signal.SIGTERM)
code = desk.wait(timeout=30)
desk_log.close()
server_side = {}
route_of = {"/": "my desk", "/stories": "story list", "/ticker": "ticker"}
for entry in open(os.path.join(WORK, "access.log"), encoding="utf-8", errors="replace"):
    match = re.search(r'"(GET|POST) ([^" ]+)" (\d+) \d+ ([\d.]+)ms', entry)
    if not match:
        continue
    method, target, milliseconds = match.group(1), match.group(2), float(match.group(4))
    path = target.split("?")[0]
    kind = ("move" if path.endswith("/actions") else "new draft" if method == "POST" and path == "/stories"
            else route_of.get(path)
            or ("search" if path == "/search" else "story" if re.fullmatch(r"/stories/\d+", path) else None))
    if kind:
        server_side.setdefault(kind, []).append(milliseconds)

rows = []
for kind in ["my desk", "story list", "filtered list", "story", "search", "ticker", "new draft", "move"]:
    seen, logged = timings.get(kind, []), server_side.get(kind, [])
    if not seen:
        continue
    # The access log has paths without their queries: both lists are one line there.
    rows.append(f"| {kind} | {len(seen):,} | {statistics.median(seen):.1f} | {percentile(seen, 0.95):.1f} | {percentile(seen, 0.99):.1f} | "
                + (f"{percentile(logged, 0.95):.1f} |" if logged else "with the story list |"))
everything = [t for values in timings.values() for t in values]
total = len(everything)
report = [
    f"### Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
    "",
    f"Database `{DB}`: {stories:,} stories. {len(crowd)} people ({', '.join(sorted({p.rstrip('0123456789') for p in people}))}), each signed in "
    f"as their own login with its own connection, for {args.duration} s at once, each as fast as the desk answers (no think time), "
    f"from Python threads on the same 2-core machine; {total:,} requests ({total / args.duration:,.0f}/s), {len(failures)} refused other than "
    f"moves that lost a race (409){': ' + ', '.join(f'{k} {v}' for k, v in sorted(set(failures))) if failures else ''}.",
    "",
    "| page | requests | p50 ms | p95 ms | p99 ms | p95 ms as the desk logged it |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    *rows,
    "",
    f"- A move (an editor assigned, {args.moves} in a row, one person): desk p50 {statistics.median(desk_moves):.2f} ms "
    f"(HTTP, session, the person's record, the move, the redirect); the same statements in one psql session: "
    f"{reference:.2f} ms a move; ratio {statistics.median(desk_moves) / reference:.2f}.",
    f"- Memory (RSS) of newsroom-desk: {idle[0] / 1024:.1f} MiB with nobody signed in, {signed_in[0] / 1024:.1f} MiB with "
    f"{len(crowd)} ({(signed_in[0] - idle[0]) / len(crowd):.0f} KiB a session), {loaded[0] / 1024:.1f} MiB after the load "
    f"(peak {loaded[1] / 1024:.1f} MiB). {backends} PostgreSQL connections, one a person.",
    f"- The desk exited with {code} on SIGTERM.",
]
benchlib.write_report(report, args.out)
