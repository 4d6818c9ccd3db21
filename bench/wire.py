#!/usr/bin/env python3
"""Agency wires (scripts/bench wire). Ingest: 10,000 NewsML-G2 items (Arabic, from the sample
article) dropped into a folder and taken in by one `newsroom wire run --once`, items per second
and peak memory, beside `xmllint --noout` (and `--schema`, IPTC's NewsML-G2 2.35) over the same
files in the same run; the same files delivered again (each version stored once); and the same
into a queue of a million. The queue: a million items (bench/wire_generate.sql), `wire list` and
`wire search` as whole commands through hyperfine beside psql running the same statements, and
the store's own time for a search. Writes Markdown to stdout and --out."""
import argparse, json, os, random, re, shlex, shutil, statistics, subprocess, sys, tempfile, time
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib
from benchlib import REPO, actor_sql, log, psql, q, tool

ap = argparse.ArgumentParser()
ap.add_argument("--files", type=int, default=10_000)
ap.add_argument("--items", type=int, default=1_000_000, help="items in the queue")
ap.add_argument("--pool", type=int, default=20_000, help="stories whose headlines and bodies the queue's items are made of")
ap.add_argument("--runs", type=int, default=30)
ap.add_argument("--reuse", action="store_true", help="keep the queue database of an earlier run")
ap.add_argument("--out", default="bench-results/wire.md")
args = ap.parse_args()

WORK = tempfile.mkdtemp(prefix="newsroom-wire-bench-")
os.chmod(WORK, 0o755)
SCHEMA = os.path.join(REPO, "Tests", "Fixtures", "wire", "schema", "NewsML-G2_2.35-spec-All-Power.xsd")
SESSION = "options='-c TimeZone=UTC -c DateStyle=ISO -c lock_timeout=5s'"
report = [f"### Agency wires ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", ""]


def timed(command, env=None):
    """Wall seconds and peak resident MiB (GNU time) of one run."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", *command], env=env or benchlib.ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    return seconds, peak, result.stdout


# ---------------------------------------------------------------- the files
body = open(os.path.join(REPO, "samples", "article-body.txt"), encoding="utf-8").read()
blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
headline = open(os.path.join(REPO, "samples", "article-headline.txt"), encoding="utf-8").read().strip()
sources_folder = os.path.join(WORK, "files")
os.makedirs(sources_folder)
rng = random.Random(32)
for n in range(args.files):
    words = headline.split()
    rng.shuffle(words)
    paragraphs = blocks[n % len(blocks):] + blocks[:n % len(blocks)]
    xhtml = "\n".join(f"<h2>{escape(b[3:])}</h2>" if b.startswith("## ") else f"<p>{escape(b)}</p>" for b in paragraphs)
    sent = time.strftime("%Y-%m-%dT%H:%M:%S+03:00", time.gmtime(time.time() - (args.files - n) * 8 + 3 * 3600))
    urgency = 1 if n % 200 == 0 else 3 if n % 20 == 0 else 4 + n % 5
    open(os.path.join(sources_folder, f"item-{n:05d}.xml"), "w", encoding="utf-8").write(f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:bench.iq:{n}" version="1" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="ar">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"/>
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="bench"/><versionCreated>{sent}</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>
  <contentMeta><urgency>{urgency}</urgency><located qcode="geo:diyala"><name>ديالى</name></located><creditline>بغداد اليوم</creditline>
    <slugline>العراق-{n}</slugline><headline>{escape(' '.join(words))} {n}</headline><dateline>بغداد اليوم - ديالى</dateline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{n}</title></head><body>
{xhtml}
</body></html></inlineXML></contentSet>
</newsItem>
""")
names = sorted(os.listdir(sources_folder))
total_bytes = sum(os.path.getsize(os.path.join(sources_folder, f)) for f in names)
log(f"{len(names):,} NewsML-G2 files, {total_bytes / 1_048_576:.1f} MB")


def xmllint(*options):
    """xmllint over every file, 1,000 to a process (its start-up counted, as ours is)."""
    command = f"cd {sources_folder} && ls | xargs -n 1000 xmllint --noout {' '.join(options)} 2>/dev/null"
    seconds, peak, _ = timed(["sh", "-c", command])
    return seconds, peak


lint = min((xmllint() for _ in range(3)), key=lambda r: r[0])
schema = xmllint("--schema", SCHEMA)


def ingest(database, source, label):
    """The files dropped into a new source's folder and one `wire run --once`: then again."""
    benchlib.setup(database)
    inbox = os.path.join(WORK, "inbox-" + database)
    shutil.copytree(sources_folder, inbox)
    tool("wire", "source", "add", source, "--folder", inbox, "--settle", "0", actor="chief1")
    first = timed([benchlib.NEWSROOM, "wire", "run", "--once"])
    assert f"wire: {len(names)} stored" in first[2], first[2][-500:]
    for name in names:
        shutil.copy(os.path.join(sources_folder, name), inbox)
    again = timed([benchlib.NEWSROOM, "wire", "run", "--once"])
    assert f"wire: 0 stored, {len(names)} already there" in again[2], again[2][-500:]
    stored = int(psql(f"SELECT count(*) FROM wire_versions v JOIN wire_items i ON i.id = v.item_id WHERE i.source = {q(source)}"))
    assert stored == len(names), stored
    return [(f"`wire run --once`, {len(names):,} new items, {label}", first),
            (f"the same files delivered again ({len(names):,} already there), {label}", again)]


# ---------------------------------------------------------------- ingest into an empty queue
EMPTY = "newsroom_wire_ingest_bench"
benchlib.setup(EMPTY)
psql(f'DROP DATABASE IF EXISTS "{EMPTY}" WITH (FORCE)', "postgres")
psql(f'CREATE DATABASE "{EMPTY}"', "postgres")
tool("migrate")
psql("SET session_replication_role = replica; INSERT INTO staff (handle, name, role) VALUES ('chief1', 'رئيس تحرير', 'chief')")
ingests = ingest(EMPTY, "bench", "empty queue")

# ---------------------------------------------------------------- the queue of a million
DB = "newsroom_wire_bench"
benchlib.setup(DB)
if not args.reuse or psql(f"SELECT count(*) FROM pg_database WHERE datname = '{DB}'", "postgres") != "1":
    log(f"Creating {DB}: a pool of {args.pool:,} stories, then {args.items:,} wire items…")
    psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)', "postgres")
    psql(f'CREATE DATABASE "{DB}"', "postgres")
    tool("migrate")
    subprocess.run([benchlib.PSQL, "-X", "-q", "-d", DB, "-v", f"stories={args.pool}", "-v", "tickers=100", "-v", f"body={body}",
                    "-f", os.path.join(REPO, "bench", "generate.sql")], env=benchlib.ENV, check=True)
    benchlib.fill_search(DB)
    # Loaded without its secondary indexes, which are then built by their own definitions.
    indexes = psql("SELECT indexname || '|' || indexdef FROM pg_indexes WHERE tablename = 'wire_items' "
                   "AND indexname NOT IN ('wire_items_pkey', 'wire_item_once')").splitlines()
    psql("DROP INDEX " + ", ".join(line.split("|")[0] for line in indexes))
    started = time.time()
    subprocess.run([benchlib.PSQL, "-X", "-q", "-d", DB, "-v", f"items={args.items}", "-f", os.path.join(REPO, "bench", "wire_generate.sql")],
                   env=benchlib.ENV, check=True, stdout=subprocess.DEVNULL)
    loaded = time.time() - started
    started = time.time()
    for line in indexes:
        psql("SET maintenance_work_mem = '256MB'; " + line.split("|", 1)[1])
    built = time.time() - started
    psql("VACUUM ANALYZE wire_items, wire_versions")
    report.append(f"The queue: {args.items:,} items over 5 sources and 29 days, headlines and bodies drawn from {args.pool:,} "
                  f"generated stories (bench/generate.sql's Zipf vocabulary), loaded in {loaded:.0f} s, its indexes built in {built:.0f} s; "
                  f"wire_items {psql('SELECT pg_size_pretty(pg_total_relation_size(' + q('wire_items') + '))')}, "
                  f"wire_versions {psql('SELECT pg_size_pretty(pg_total_relation_size(' + q('wire_versions') + '))')}.")
    report.append("")
else:
    tool("migrate")
items = int(psql("SELECT count(*) FROM wire_items"))

SUMMARY = ("i.id, i.source, i.guid, i.version, i.version_created, i.received_at, i.urgency::integer AS urgency, i.pub_status, i.headline, "
           "ARRAY(SELECT o.story_id::text FROM story_wire_origins o WHERE o.item_id = i.id ORDER BY o.story_id) AS stories")
PREFIX = "SELECT name, checksum, applied_at FROM newsroom_migrations ORDER BY name;\n" + actor_sql("editor1") + \
         "SELECT now() AS now, (SELECT value FROM settings WHERE key = 'timezone') AS timezone;\n"


def list_sql(source=None, urgency=None, since=None, limit=50):
    value = lambda v, cast: f"{q(v) if isinstance(v, str) else v}::{cast}" if v is not None else f"NULL::{cast}"
    return (f"SELECT {SUMMARY} FROM wire_items i WHERE ({value(source, 'text')} IS NULL OR i.source = {value(source, 'text')}) "
            f"AND ({value(urgency, 'int')} IS NULL OR i.urgency <= {value(urgency, 'int')}) "
            f"AND ({value(since, 'timestamptz')} IS NULL OR i.version_created >= {value(since, 'timestamptz')}) "
            f"ORDER BY i.version_created DESC, i.urgency ASC NULLS LAST, i.id DESC LIMIT {limit};\n")


def hyperfine(arguments, sql):
    """p50 and p95 (ms) of the command and of psql running `sql` in one session, alternated by hyperfine."""
    path = os.path.join(WORK, "q.sql")
    open(path, "w").write("\\set ON_ERROR_STOP on\n" + PREFIX + sql)
    out = os.path.join(WORK, "hf.json")
    env = dict(benchlib.ENV, NEWSROOM_AS="editor1")
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(args.runs), "--export-json", out,
                    shlex.join(arguments if arguments[0].startswith("/") else [benchlib.NEWSROOM, *arguments]),
                    f'{benchlib.PSQL} -X -q -d "{SESSION}" -o /dev/null -f {path}'], env=env, check=True, capture_output=True)
    results = json.load(open(out))["results"]
    ms = lambda r: sorted(t * 1000 for t in r["times"])
    return [(statistics.median(ms(r)), benchlib.percentile(ms(r), 0.95)) for r in results]


lists = []
WIRE = os.path.join(os.path.dirname(benchlib.NEWSROOM), "newsroom-wire")
since = psql("SELECT (now() - interval '2 hours')::text")
for label, arguments, sql in [
    ("newest 50", [], list_sql()),
    ("newest 50, by `newsroom-wire list` itself (no hand-over)", None, list_sql()),
    ("one source", ["--source", "reuters"], list_sql("reuters")),
    ("flashes only (`--urgency 1`, 0.5% of items)", ["--urgency", "1"], list_sql(urgency=1)),
    ("`--urgency 3` (5%)", ["--urgency", "3"], list_sql(urgency=3)),
    ("one source, `--urgency 2`", ["--source", "ina", "--urgency", "2"], list_sql("ina", 2)),
    ("the last two hours, 500", ["--since=-2h", "--limit", "500"], list_sql(since=since, limit=500)),
]:
    command = [WIRE, "list", "--json"] if arguments is None else ["wire", "list", "--json", *arguments]
    (tool_p50, tool_p95), (psql_p50, psql_p95) = hyperfine(command, sql)
    lists.append(f"| `wire list` {label} | {tool_p50:.1f} / {tool_p95:.1f} | {psql_p50:.1f} / {psql_p95:.1f} | {tool_p50 / psql_p50:.2f} | "
                 f"{'yes' if tool_p95 < 50 else '**no**'} |")
    log(lists[-1])

# Words picked by how many items have them, measured here.
common = psql("SELECT e, f FROM (SELECT unnest(most_common_elems::text::text[]) e, unnest(most_common_elem_freqs) f "
              "FROM pg_stats WHERE tablename = 'wire_items' AND attname = 'terms') s WHERE e ~ '^[ء-ي]{3,}$'").splitlines()
frequencies = [(line.split("|")[0], float(line.split("|")[1])) for line in common]
nearest = lambda share: min(frequencies, key=lambda pair: abs(pair[1] - share))[0]
headline_words = psql("SELECT string_agg(headline, ' ') FROM (SELECT headline FROM wire_items WHERE id % 9973 = 0 LIMIT 100) h").split()
matching = lambda word: int(psql(f"SELECT count(*) FROM wire_items WHERE terms @@ newsroom_search_query(ARRAY[{q(word)}], ARRAY['word'], ARRAY[false])"))
candidates = [w for w in sorted(set(headline_words)) if len(w) >= 5 and all("ء" <= c <= "ي" for c in w)][:60]
rare = min(candidates, key=lambda w: abs(matching(w) - items * 0.0003))
first, second = psql("SELECT (regexp_split_to_array(btrim(body_text), '\\s+'))[1:2] FROM wire_versions WHERE item_id = 1").strip("{}").split(",")
word3, word30 = nearest(0.03), nearest(0.30)
searches = []
for label, words, extra in [
    ("a rare word", [rare], []), ("a word in ~3% of items", [word3], []), ("a word in ~30% of items", [word30], []),
    ("a two-word phrase", [f'"{first} {second}"'], []), ("a prefix", [word3[:3] + "*"], []),
    ("a misspelling (close spellings)", [rare[:2] + ("ب" if rare[2] != "ب" else "ت") + rare[3:]], []),
    ("a word in ~3%, one source", [word3], ["--source", "kuna"]),
]:
    env = dict(benchlib.ENV, NEWSROOM_AS="editor1", NEWSROOM_TRACE_SEARCH="1")
    command = [benchlib.NEWSROOM, "wire", "search", *words, *extra, "--json"]
    inner = []
    for run in range(args.runs + 3):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"wire search {words} failed: {result.stderr}")
        if run < 3:
            continue  # warm-up: the first reads of each index come from disk
        line = [l for l in result.stderr.splitlines() if l.startswith("search: ")][-1]
        inner.append(float(line.split("search: ")[1].split(" ms")[0]))
    # The whole command as the list's are timed (hyperfine, no shell), not from Python.
    out = os.path.join(WORK, "hf.json")
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(args.runs), "--export-json", out, shlex.join(command)],
                   env=dict(benchlib.ENV, NEWSROOM_AS="editor1"), check=True, capture_output=True)
    whole = [t * 1000 for t in json.load(open(out))["results"][0]["times"]]
    found = len(json.loads(result.stdout))
    searches.append(f"| `wire search` {label}: `{' '.join(words + extra)}` | {found} | {statistics.median(inner):.1f} / "
                    f"{benchlib.percentile(inner, 0.95):.1f} | {statistics.median(whole):.1f} / {benchlib.percentile(whole, 0.95):.1f} | "
                    f"{'yes' if benchlib.percentile(whole, 0.95) < 50 else '**no**'} |")
    log(searches[-1])

# A source of its own each run (a --reuse run finds the last one there).
ingests += ingest(DB, f"bench-{int(time.time())}", f"a queue of {items:,}")

# ---------------------------------------------------------------- the report
rows = [f"| `xmllint --noout`, the same files | {lint[0]:.2f} | {len(names) / lint[0]:,.0f} | 1.00 | {lint[1]:.0f} |",
        f"| `xmllint --noout --schema` (NewsML-G2 2.35) | {schema[0]:.2f} | {len(names) / schema[0]:,.0f} | {schema[0] / lint[0]:.1f} | {schema[1]:.0f} |"]
rows += [f"| {label} | {r[0]:.2f} | {len(names) / r[0]:,.0f} | {r[0] / lint[0]:.1f} | {r[1]:.0f} |" for label, r in ingests]
report += [
    f"Ingest: {len(names):,} NewsML-G2 files ({total_bytes / 1_048_576:.1f} MB: the sample article's paragraphs and subheadings as "
    "inline XHTML, about 4 KB each) in a folder source, one `wire run --once` (release build, its start-up counted), beside xmllint "
    "over the same files in the same run (1,000 files a process; the best of three for `--noout`):",
    "", "| what | s | items/s | × `xmllint --noout` | peak memory MiB |", "| --- | ---: | ---: | ---: | ---: |", *rows, "",
    f"The queue of {items:,} items: whole commands (process start-up, connection, the tool's own reads) through hyperfine, "
    f"{args.runs} runs after 3 warm-ups, beside psql sending the same statements in one session:",
    "", "| command | p50 / p95 ms | psql, same statements, p50 / p95 ms | × psql p50 | p95 < 50 ms |",
    "| --- | ---: | ---: | ---: | --- |", *lists, "",
    f"Wire search over the same queue, {args.runs} runs each after 3 warm-ups; the store's own time is what the command prints "
    "with NEWSROOM_TRACE_SEARCH, the whole command is timed by hyperfine as the lists are:",
    "", "| query | items found (page) | store p50 / p95 ms | whole command p50 / p95 ms | p95 < 50 ms |",
    "| --- | ---: | ---: | ---: | --- |", *searches,
]
benchlib.write_report(report, args.out)
shutil.rmtree(WORK, ignore_errors=True)
