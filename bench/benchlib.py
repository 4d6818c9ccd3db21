"""Helpers the reader-site benchmarks share (bench/site.py, bench/delivery.py): psql and the
newsroom CLI on the bench database, HTTP gets, free ports, process memory, wrk, the bench
data. Each script sets DB and ENV through setup() first."""
import os, re, socket, subprocess, sys, time, urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWSROOM = os.environ["NEWSROOM_BIN"]
SERVER = os.path.join(os.path.dirname(NEWSROOM), "newsroom-server")
PSQL = os.environ["PSQL_BIN"]
DB = None
ENV = {}


def setup(database):
    global DB, ENV
    DB = database
    ENV = {k: v for k, v in os.environ.items() if not k.startswith("NEWSROOM_") or k == "NEWSROOM_BIN"}
    ENV.update(PGDATABASE=database)


def q(text):  # a literal for the psql scripts (our own fixed values only)
    return "'" + text.replace("'", "''") + "'"


def actor_sql(handle):
    """What the tool asks first of every command: who is connected, and the staff member acting."""
    return f"""SELECT current_user AS login,
       (SELECT d.datdba = r.oid OR r.rolsuper FROM pg_database d, pg_roles r
         WHERE d.datname = current_database() AND r.rolname = current_user) AS privileged,
       s.handle, s.name, s.role, s.active, s.login AS staff_login,
       a.handle AS as_handle, a.name AS as_name, a.role AS as_role, a.active AS as_active, a.login AS as_login
  FROM (SELECT 1) AS one LEFT JOIN staff s ON s.login = current_user LEFT JOIN staff a ON a.handle = {q(handle)};
"""


# As the store reads a story (its row joined to its text) and writes a move (its row alone).
STORY_COLUMNS = ("s.id, t.headline, s.section, t.dateline, t.body, s.author, s.editor, s.status, s.version, s.created_at, s.updated_at, "
                 "s.submitted_at, s.approved_at, s.publish_at, s.published_at, s.withdrawn_at, s.embargo_until")
STORY_TABLES = "stories s JOIN story_texts t ON t.story_id = s.id"
# The tool reads a story's unexpired edit lease with it when it locks it (0024).
LEASE = ("l.story_id, l.holder, l.since, l.expires_at, l.taken_from",
         "LEFT JOIN story_leases l ON l.story_id = s.id AND l.expires_at > now()")
MOVE_COLUMNS = ("id, section, author, editor, status, version, created_at, updated_at, "
                "submitted_at, approved_at, publish_at, published_at, withdrawn_at, embargo_until")


def assign_sql(story, actor, editor):
    """The statements of `story assign STORY --editor EDITOR` by ACTOR on a draft, as the store runs them."""
    return f"""BEGIN;
SELECT set_config('newsroom.actor', {q(actor)}, true);
SELECT {STORY_COLUMNS}, (SELECT e.active FROM staff e WHERE e.handle = s.editor) AS editor_active, {LEASE[0]} FROM {STORY_TABLES} {LEASE[1]} WHERE s.id = {story} FOR UPDATE OF s;
SELECT handle, name, role, active, login FROM staff WHERE handle = {q(editor)};
UPDATE stories SET status = 'draft', editor = {q(editor)}, version = version + 1, updated_at = now() WHERE id = {story} RETURNING {MOVE_COLUMNS} \\gset s_
INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, note, scheduled_for)
VALUES ({story}, {q(actor)}, 'assign', 'draft', 'draft', :s_version, {q('editor: ' + editor)}, NULL);
COMMIT;
"""


def write_report(lines, out):
    """A run's Markdown, to `out` (under the repository) and to stdout."""
    text = "\n".join(lines) + "\n"
    os.makedirs(os.path.dirname(os.path.join(REPO, out)), exist_ok=True)
    open(os.path.join(REPO, out), "w").write(text)
    print(text)


def log(message):
    print(message, file=sys.stderr, flush=True)


def psql(sql, database=None):
    result = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-d", database or DB, "-c", sql],
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


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def wrk(url, runs, duration, headers=()):
    """The median of `runs` wrk runs: (requests/s, p99 ms, non-2xx/3xx answers)."""
    results = []
    for _ in range(runs):
        command = ["wrk", "-t2", "-c64", f"-d{duration}s", "--latency"]
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


def ensure_archive(stories, tickers=10000):
    """The bench database with at least `stories` stories (bench/generate.sql), migrated."""
    exists = psql(f"SELECT count(*) FROM pg_database WHERE datname = '{DB}'", database="postgres") == "1"
    have = 0
    if exists:
        have = int(psql("SELECT CASE WHEN to_regclass('stories') IS NULL THEN 0 ELSE (SELECT count(*) FROM stories) END"))
    if have < stories:
        log(f"Creating {DB} with {stories:,} stories (bench/generate.sql)…")
        psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)', database="postgres")
        psql(f'CREATE DATABASE "{DB}"', database="postgres")
        tool("migrate")
        body = open(os.path.join(REPO, "samples", "article-body.txt"), encoding="utf-8").read()
        subprocess.run([PSQL, "-X", "-q", "-d", DB, "-v", f"stories={stories}", "-v", f"tickers={tickers}",
                        "-v", f"body={body}", "-f", os.path.join(REPO, "bench", "generate.sql")], env=ENV, check=True)
        psql("ANALYZE")
    else:
        log(f"Using {DB} ({have:,} stories); migrating it")
        tool("migrate")


def publish_sample():
    """The sample article, published by the tool, with the sample's strip; returns its id."""
    headline = open(os.path.join(REPO, "samples", "article-headline.txt"), encoding="utf-8").read().strip()
    story = tool("draft", "create", "--section", "politics", "--dateline", "بغداد اليوم - ديالى", "--headline", headline,
                 "--body-file", os.path.join(REPO, "samples", "article-body.txt"), actor="reporter1")
    tool("story", "publish", story, "--skip-review", "--reason", "bench", actor="chief1")
    lines = open(os.path.join(REPO, "samples", "ticker-items.txt"), encoding="utf-8").read().splitlines()
    for index, line in enumerate(lines):
        extra = ["--urgent"] if index == 1 else []
        tool("ticker", "schedule", "--text", line, "--for", "6h", *extra, actor="editor1")
    return story


def start_server(database_conninfo, log_file):
    """newsroom-server on a free port; returns (process, base URL)."""
    port = free_port()
    server = subprocess.Popen([SERVER, "--listen", f"127.0.0.1:{port}", "--database", database_conninfo], env=ENV,
                              stdout=log_file, stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    if "serving" not in line:
        raise SystemExit(f"newsroom-server did not start: {line}{server.stderr.read()}")
    return server, f"http://127.0.0.1:{port}"


def start_nginx(static, work, http_extra=""):
    """nginx (Debian's, `worker_processes auto`) serving the folder `static` as files on a free
    port, its pid and logs in `work`: the ceiling the reader server is measured against.
    Returns (process, port)."""
    port = free_port()
    conf = os.path.join(work, "nginx.conf")
    user = "user root;" if os.geteuid() == 0 else ""
    open(conf, "w").write(f"""{user}
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log {work}/nginx-access.log;
    sendfile on; tcp_nopush on; keepalive_requests 100000;
    {http_extra}
    server {{ listen 127.0.0.1:{port}; root {static}; }}
}}
""")
    nginx = subprocess.Popen(["nginx", "-c", conf, "-g", "daemon off;"], stderr=subprocess.PIPE)
    time.sleep(0.5)
    return nginx, port


SEARCH_INDEXES = {
    "story_search_headline": "CREATE INDEX story_search_headline ON story_search USING gin (headline_terms)",
    "story_search_terms": "CREATE INDEX story_search_terms ON story_search USING gin (terms)",
    "story_search_headline_words": "CREATE INDEX story_search_headline_words ON story_search USING gin (headline_words gin_trgm_ops)",
}


def fill_search(database, workers=2):
    """The search terms of stories generated with triggers off (bench/generate.sql): computed
    by `workers` sessions at once, then the indexes built. Returns the seconds each step took
    and the sizes, for BENCHMARKS.md."""
    import time
    psql("DROP INDEX IF EXISTS " + ", ".join(SEARCH_INDEXES), database)
    psql("TRUNCATE story_search", database)
    started = time.time()
    sessions = [subprocess.Popen([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c",
                                  "INSERT INTO story_search (story_id, headline_terms, terms, headline_words) "
                                  "SELECT t.story_id, r.headline_terms, r.terms, r.headline_words FROM story_texts t, "
                                  "LATERAL story_search_row(t.headline, t.dateline, t.body) r "
                                  f"WHERE t.story_id % {workers} = {k}"], env=ENV) for k in range(workers)]
    if any(s.wait() != 0 for s in sessions):
        raise SystemExit("filling story_search failed")
    timings = {"terms": time.time() - started}
    # The close spellings' vocabulary, as the migrations fill it (0021; 0029 counts headlines).
    started = time.time()
    psql("TRUNCATE search_words", database)
    counted = psql("SELECT count(*) FROM pg_attribute WHERE attrelid = 'search_words'::regclass AND attname = 'headlines'", database) == "1"
    psql("INSERT INTO search_words (word" + (", headlines" if counted else "") + ") SELECT u.w"
         + (", count(*)::integer" if counted else "") + " FROM story_search x, LATERAL (SELECT DISTINCT w FROM "
         "unnest(string_to_array(x.headline_words, ' ')) AS w WHERE w <> '') u GROUP BY u.w", database)
    timings["vocabulary"] = time.time() - started
    for name, statement in SEARCH_INDEXES.items():
        started = time.time()
        psql("SET maintenance_work_mem = '256MB'; " + statement, database)
        timings[name] = time.time() - started
    psql("VACUUM ANALYZE story_search", database)
    sizes = {name: psql(f"SELECT pg_size_pretty(pg_relation_size('{name}'))", database) for name in SEARCH_INDEXES}
    sizes["story_search"] = psql("SELECT pg_size_pretty(pg_table_size('story_search'))", database)
    return timings, sizes


BACKLOG = """SET session_replication_role = replica;
BEGIN;
WITH made AS (
  INSERT INTO stories (section, author, editor, status, version, submitted_at, approved_at, publish_at, scheduled_by, embargo_until,
                       expire_at, expire_by)
  SELECT 'politics', 'reporter1', 'editor1', 'scheduled', 4, now(), now(), now() - interval '1 minute', 'editor1',
         -- every other one under an embargo that ends as it falls due (0022 holds the scheduler to it)
         CASE WHEN g % 2 = 0 THEN now() - interval '1 minute' END,
         -- and every third set to expire a day later (0025: the scheduler carries it through)
         CASE WHEN g % 3 = 0 THEN now() + interval '1 day' END, CASE WHEN g % 3 = 0 THEN 'editor1' END
    FROM generate_series(1, {n}) g RETURNING id, publish_at, expire_at),
texts AS (
  INSERT INTO story_texts (story_id, version, headline, body)
  SELECT id, 1, t.headline, t.body FROM made JOIN story_texts t ON t.story_id = 1 + made.id % 997),
-- Their text and search terms (the trigger is off here) are those of an earlier story, so that
-- the newest stories read like the rest, as in a real newsroom.
terms AS (
  INSERT INTO story_search (story_id, headline_terms, terms, headline_words)
  SELECT m.id, x.headline_terms, x.terms, x.headline_words FROM made m JOIN story_search x ON x.story_id = 1 + m.id % 997)
INSERT INTO story_history (story_id, actor, action, from_status, to_status, version, scheduled_for, expires_at)
SELECT id, 'editor1', a.action, a.from_status, a.to_status, a.v, CASE WHEN a.v = 4 THEN publish_at END,
       CASE WHEN a.v = 4 THEN expire_at END FROM made,
  (VALUES (1, 'create', NULL, 'draft'), (2, 'submit', 'draft', 'in_review'), (3, 'approve', 'in_review', 'approved'),
          (4, 'schedule', 'approved', 'scheduled')) AS a(v, action, from_status, to_status);
COMMIT;
SET session_replication_role = origin;
"""

def make_backlog(n):
    """n stories scheduled a minute ago, with their texts and history (triggers off, written
    consistent), for the scheduler's figures."""
    # Stories already due from the generated data would blur the figures: push them later.
    psql("SET session_replication_role = replica; UPDATE stories SET publish_at = now() + interval '1 year' WHERE status = 'scheduled' AND publish_at <= now() + interval '1 hour'")
    subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", DB, "-c", BACKLOG.format(n=n)], env=ENV, check=True, capture_output=True)
    # Statistics as autovacuum would have them a minute later. Without this, whichever side
    # runs first plans its batches for the table as it was before the backlog (on a small
    # database, a sort of every due story per batch) and the other side gets fresh ones.
    psql("ANALYZE stories, story_texts, story_history")
