#!/usr/bin/env python3
"""Search at archive scale (scripts/bench search): a database of its own with N stories
from bench/generate.sql's Zipf vocabulary, their search terms filled in parallel and the
indexes built (timed, with their sizes), then a set of queries, each through `newsroom
search` (the store's time, printed by the tool with NEWSROOM_TRACE_SEARCH, and the whole
command) and through the API of a running newsroom-server, beside psql running the naive
plan on the same terms ("rank everything that matches") in the same run. Then what keeping
the terms costs `draft create` and `story edit`: the same commands with the trigger that
writes them disabled, alternated."""
import argparse, json, os, statistics, subprocess, sys, time, urllib.parse, urllib.request

import benchlib
from benchlib import log, psql, tool

ap = argparse.ArgumentParser()
ap.add_argument("--stories", type=int, default=1_000_000)
ap.add_argument("--runs", type=int, default=30)
ap.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
ap.add_argument("--out", default="bench-results/search.md")
ap.add_argument("--data-only", action="store_true", help="generate and fill, then stop (measure later with --reuse)")
args = ap.parse_args()
DB = "newsroom_search_bench"
benchlib.setup(DB)
REPO = benchlib.REPO
# What filling the terms took, kept for a later --reuse run's report.
FILL_RECORD = os.path.join(REPO, "bench-results", "search-fill.json")


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# ---------------------------------------------------------------- data
fill = None
if not args.reuse:
    log(f"Creating {DB} with {args.stories:,} stories…")
    psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)', "postgres")
    psql(f'CREATE DATABASE "{DB}"', "postgres")
    tool("migrate")
    body = open(os.path.join(REPO, "samples", "article-body.txt"), encoding="utf-8").read()
    started = time.time()
    subprocess.run([benchlib.PSQL, "-X", "-q", "-d", DB, "-v", f"stories={args.stories}", "-v", "tickers=10000",
                    "-v", f"body={body}", "-f", os.path.join(REPO, "bench", "generate.sql")], env=benchlib.ENV, check=True)
    log(f"Generated in {time.time() - started:.0f} s; filling the search terms…")
    fill = benchlib.fill_search(DB)
    log(f"Search terms: {fill}")

    os.makedirs(os.path.dirname(FILL_RECORD), exist_ok=True)
    with open(FILL_RECORD, "w") as f:
        json.dump(fill, f)
if args.data_only:
    sys.exit(0)
if args.reuse:
    tool("migrate")  # the database of an earlier run gets this binary's later migrations
if fill is None and os.path.exists(FILL_RECORD):
    with open(FILL_RECORD) as f:
        fill = json.load(f)

total = int(psql("SELECT count(*) FROM story_search"))


def count(query_sql):
    return int(psql(f"SELECT count(*) FROM story_search WHERE terms @@ ({query_sql})"))


def stems(word):
    return psql(f"SELECT btrim(newsroom_search_stem(newsroom_search_words('{word}')))")


# The queries: words picked by how many stories have them, measured here, not assumed.
common = psql("SELECT e, f FROM (SELECT unnest(most_common_elems::text::text[]) e, unnest(most_common_elem_freqs) f "
              "FROM pg_stats WHERE tablename = 'story_search' AND attname = 'terms') s WHERE e ~ '^[ء-ي]{3,}$'").splitlines()
frequencies = [(line.split("|")[0], float(line.split("|")[1])) for line in common]


def nearest(share):
    return min(frequencies, key=lambda pair: abs(pair[1] - share))[0]


vocabulary = psql("SELECT array_to_string(ARRAY(SELECT unnest(regexp_split_to_array(headline, ' ')) FROM story_texts "
                  "WHERE story_id % 997 = 0 LIMIT 4000), ' ')").split()
# Rare: among the headlines' longer words, the one whose count is nearest 0.03% of the stories.
candidates = [w for w in sorted(set(vocabulary)) if len(w) >= 5 and all("ء" <= c <= "ي" for c in w)][:80]
rare = min(candidates, key=lambda w: abs(count(f"newsroom_search_query(ARRAY['{w}'], ARRAY['word'], ARRAY[false])") - max(3, total * 0.0003)))
word30, word3 = nearest(0.30), nearest(0.03)
first, second = psql("SELECT regexp_split_to_array(btrim(body), '\\s+') FROM story_texts WHERE story_id = 1").strip("{}").split(",")[:2]
misspelt = rare[:2] + ("ب" if rare[2] != "ب" else "ت") + rare[3:]


def typo(length):
    """A headline word of `length` letters (the middle one by how many stories have it) with one
    letter changed so that no story has the result: a short word mistyped (issue 27)."""
    words = [w for w in sorted(set(vocabulary)) if len(w) == length and all("ء" <= c <= "ي" for c in w)][:40]
    words.sort(key=lambda w: count(f"newsroom_search_query(ARRAY['{w}'], ARRAY['word'], ARRAY[false])"))
    for word in words[len(words) // 2:] + words[:len(words) // 2]:
        for letter in "بتثجحخ":
            mistyped = word[:length // 2] + letter + word[length // 2 + 1:]
            if mistyped != word and count(f"newsroom_search_query(ARRAY['{mistyped}'], ARRAY['word'], ARRAY[false])") == 0:
                return mistyped
    raise SystemExit(f"no {length}-letter word to mistype")


QUERIES = [
    ("a rare word", rare),
    ("a word in ~3% of stories", word3),
    ("a word in ~30% of stories", word30),
    ("a two-word phrase", f'"{first} {second}"'),
    ("a prefix", word3[:3] + "*"),
    ("a misspelling (close spellings)", misspelt),
    ("a four-letter word, one letter changed", typo(4)),
    ("a three-letter word, one letter changed", typo(3)),
]

# ---------------------------------------------------------------- queries
# The state autovacuum keeps a live database in: earlier runs' scheduler batches leave dead
# versions of stories below its threshold, which the time index's walks would step over.
psql("VACUUM ANALYZE stories")
rows = []
server, base = benchlib.start_server(f"dbname={DB}", subprocess.DEVNULL)
try:
    # One unmeasured pass: the first reads of each index come from disk, not the query.
    for _, query in QUERIES:
        subprocess.run([benchlib.NEWSROOM, "search", query, "--json"], env=benchlib.ENV, capture_output=True)
        with urllib.request.urlopen(f"{base}/api/v1/search?q=" + urllib.parse.quote(query)) as response:
            response.read()
    for label, query in QUERIES:
        inner, whole, api = [], [], []
        env = dict(benchlib.ENV, NEWSROOM_TRACE_SEARCH="1")
        plan = ""
        for _ in range(args.runs):
            started = time.perf_counter()
            result = subprocess.run([benchlib.NEWSROOM, "search", query, "--json"], env=env, capture_output=True, text=True)
            whole.append((time.perf_counter() - started) * 1000)
            if result.returncode != 0:
                raise SystemExit(f"newsroom search {query} failed: {result.stderr}")
            line = [l for l in result.stderr.splitlines() if "search:" in l][-1]
            inner.append(float(line.split("search: ")[1].split(" ms")[0]))
            plan = line.split("; ", 1)[1] if "; " in line else ""
            url = f"{base}/api/v1/search?q=" + urllib.parse.quote(query)
            started = time.perf_counter()
            with urllib.request.urlopen(url) as response:
                response.read()
            api.append((time.perf_counter() - started) * 1000)
        stems_of = psql(f"SELECT newsroom_search_query(ARRAY['{query.strip(chr(34))}'], ARRAY['{'phrase' if query.startswith(chr(34)) else ('prefix' if query.endswith('*') else 'word')}'], ARRAY[false])::text")
        matches = count(f"'{stems_of.replace(chr(39), chr(39) * 2)}'::tsquery") if stems_of else 0
        naive = []
        for _ in range(5):
            started = time.perf_counter()
            psql(f"SELECT id FROM (SELECT story_id AS id, ts_rank(terms, q) AS r FROM story_search, "
                 f"(SELECT '{stems_of.replace(chr(39), chr(39) * 2)}'::tsquery AS q) q WHERE terms @@ q ORDER BY r DESC LIMIT 20) x") if stems_of else None
            naive.append((time.perf_counter() - started) * 1000)
        rows.append(f"| {label}: `{query}` | {matches:,} | {statistics.median(inner):.1f} / {pct(inner, 95):.1f} | "
                    f"{statistics.median(whole):.1f} / {pct(whole, 95):.1f} | {statistics.median(api):.1f} / {pct(api, 95):.1f} | "
                    f"{statistics.median(naive):.0f} | {plan} |")
        log(rows[-1])
finally:
    server.terminate()
    server.wait()

# ---------------------------------------------------------------- what keeping the terms costs
costs = []
story = tool("draft", "create", "--headline", "خبر للقياس", "--section", "politics", actor="reporter1")
for label, arguments in [("`draft create`", ["draft", "create", "--headline", "خبر للقياس", "--section", "politics", "--body-file", "-"]),
                         ("`story edit`", ["story", "edit", story, "--body-file", "-"])]:
    timings = {True: [], False: []}
    body = open(os.path.join(REPO, "samples", "article-body.txt"), encoding="utf-8").read()
    for i in range(2 * args.runs):
        keep = i % 2 == 0
        psql(f"ALTER TABLE story_texts {'ENABLE' if keep else 'DISABLE'} TRIGGER story_search_follow_text")
        env = dict(benchlib.ENV, NEWSROOM_AS="reporter1")
        started = time.perf_counter()
        subprocess.run([benchlib.NEWSROOM, *arguments], env=env, input=body + f"\n\nمرة {i}", capture_output=True, text=True, check=True)
        timings[keep].append((time.perf_counter() - started) * 1000)
    psql("ALTER TABLE story_texts ENABLE TRIGGER story_search_follow_text")
    with_terms, without = statistics.median(timings[True]), statistics.median(timings[False])
    costs.append(f"| {label} with the sample body | {with_terms:.1f} | {without:.1f} | {with_terms / without:.2f} |")
    log(costs[-1])

# The scheduler writes neither story_texts nor story_search: its rate with the terms' trigger
# on and off, alternated, says what the search costs it (nothing, if this is right).
rates = {True: [], False: []}
for i in range(4):
    keep = i % 2 == 0
    psql(f"ALTER TABLE story_texts {'ENABLE' if keep else 'DISABLE'} TRIGGER story_search_follow_text")
    benchlib.make_backlog(10_000)
    started = time.perf_counter()
    subprocess.run([benchlib.NEWSROOM, "scheduler", "run", "--once"], env=benchlib.ENV, check=True, capture_output=True)
    rates[keep].append(10_000 / (time.perf_counter() - started))
psql("ALTER TABLE story_texts ENABLE TRIGGER story_search_follow_text")
with_rate, without_rate = statistics.median(rates[True]), statistics.median(rates[False])
costs.append(f"| scheduler, 10,000 due stories (stories/s) | {with_rate:,.0f} | {without_rate:,.0f} | {without_rate / with_rate:.2f} |")
log(costs[-1])

sizes = "" if fill is None else (
    f"Search terms computed in {fill[0]['terms']:.0f} s (two sessions); indexes built in "
    + ", ".join(f"{n} {fill[0][n]:.0f} s ({fill[1][n]})" for n in benchlib.SEARCH_INDEXES)
    + f"; the table {fill[1]['story_search']}.\n")
report = f"""### Search at {total:,} stories ({time.strftime('%Y-%m-%d %H:%M')})

{sizes}
| query | stories matching | `newsroom search`, store p50 / p95 ms | whole command p50 / p95 ms | API request p50 / p95 ms | psql, naive rank-all p50 ms | plan |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
{chr(10).join(rows)}

| keeping the terms | ms with (p50) | ms without (p50) | ratio |
| --- | ---: | ---: | ---: |
{chr(10).join(costs)}
"""
os.makedirs(os.path.dirname(os.path.join(REPO, args.out)), exist_ok=True)
with open(os.path.join(REPO, args.out), "w") as f:
    f.write(report)
print(report)
