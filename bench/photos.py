#!/usr/bin/env python3
"""Photos (scripts/bench photos): every rendition of a 24-megapixel JPEG made by newsroom-media
(libvips) beside ImageMagick's convert making the same sizes in the same run, time and peak
memory; a 640-pixel WebP rendition served by newsroom-server under wrk beside nginx serving
the same bytes as a static file; an article page with a lead photo and three inline photos
beside the same page without them. Writes Markdown to stdout and --out."""
import argparse, json, os, re, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import REPO, ensure_archive, get, log, psql, publish_sample, setup, start_server, tool
import benchlib

ap = argparse.ArgumentParser()
ap.add_argument("--stories", type=int, default=1000)
ap.add_argument("--database", default="newsroom_photos_bench")
ap.add_argument("--runs", type=int, default=5, help="runs of each renditions command (the median is reported)")
ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
ap.add_argument("--wrk-runs", type=int, default=3)
ap.add_argument("--out", default="bench-results/photos.md")
args = ap.parse_args()

setup(args.database)
MEDIA = os.path.join(os.path.dirname(benchlib.NEWSROOM), "newsroom-media")
WORK = tempfile.mkdtemp(prefix="newsroom-photos-bench-")
CONVERT = "/usr/bin/convert"  # the real one, not a stand-in on PATH
rows, notes = [], []

# ---------------------------------------------------------------- renditions
photo = os.path.join(WORK, "photo24.jpg")
subprocess.run([CONVERT, "-size", "6000x4000", "-seed", "5", "plasma:fractal", "-blur", "0x1.5", "-quality", "92", photo], check=True)
size = os.path.getsize(photo)


def plan(width, height):
    """The sizes newsroom-media makes (RenditionPlan), as convert's operations, the focal point at the centre."""
    steps = []
    for target in [w for w in (320, 640, 1024, 1600, 2048) if w <= width]:
        steps += ["(", "+clone", "-resize", f"{target}x", "-quality", "82", "-interlace", "JPEG", "-write", f"w{target}.jpg",
                  "-quality", "78", "-write", f"w{target}.webp", "+delete", ")"]
    for name, across, down, widest in (("16x9", 16, 9, 1200), ("4x3", 4, 3, 1200), ("1x1", 1, 1, 1200), ("social", 1200, 630, 1200)):
        area_w, area_h = width, width * down // across
        if area_h > height:
            area_h, area_w = height, height * across // down
        left, top = (width - area_w) // 2, (height - area_h) // 2
        steps += ["(", "+clone", "-crop", f"{area_w}x{area_h}+{left}+{top}", "+repage", "-resize", f"{min(widest, area_w)}x",
                  "-quality", "82", "-write", f"{name}.jpg", "+delete", ")"]
    return steps


def measure(command, cwd):
    """Median seconds of `runs` runs, and the peak RSS (MiB) of one, from GNU time."""
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=benchlib.ENV)
        times.append(time.perf_counter() - start)
    timed = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, check=True, capture_output=True, text=True, env=benchlib.ENV)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timed.stderr).group(1)) / 1024
    return sorted(times)[len(times) // 2], peak


vips_dir, magick_dir = os.path.join(WORK, "vips"), os.path.join(WORK, "magick")
os.makedirs(magick_dir)
log("newsroom-media preview (libvips), every rendition…")
vips_time, vips_peak = measure([MEDIA, "preview", photo, "--output", vips_dir], WORK)
made = sorted(os.listdir(vips_dir))
log("ImageMagick convert, the same sizes…")
magick_time, magick_peak = measure([CONVERT, photo, "-auto-orient", "-strip", "-colorspace", "sRGB", *plan(6000, 4000), "null:"], magick_dir)
hinted_time, hinted_peak = measure([CONVERT, "-define", "jpeg:size=4096x2731", photo, "-auto-orient", "-strip", "-colorspace", "sRGB",
                                    *plan(6000, 4000), "null:"], magick_dir)
vips_bytes = sum(os.path.getsize(os.path.join(vips_dir, f)) for f in made)
rows += [
    "| what | median s | × libvips | peak memory MiB | × libvips |",
    "| --- | ---: | ---: | ---: | ---: |",
    f"| newsroom-media (libvips): {len(made)} renditions | {vips_time:.2f} | 1.00 | {vips_peak:.0f} | 1.00 |",
    f"| ImageMagick `convert`, the same sizes | {magick_time:.2f} | {magick_time / vips_time:.1f} | {magick_peak:.0f} | {magick_peak / vips_peak:.1f} |",
    f"| ImageMagick with `-define jpeg:size` (its own shrink-on-load) | {hinted_time:.2f} | {hinted_time / vips_time:.1f} | {hinted_peak:.0f} | {hinted_peak / vips_peak:.1f} |",
]
notes.append(f"The photo: 6000 × 4000, a JPEG of {size / 1_048_576:.1f} MB (ImageMagick's plasma fractal, blurred); "
             f"its renditions came to {vips_bytes / 1_048_576:.2f} MB in {len(made)} files. "
             f"Median of {args.runs} runs each; newsroom-media's figure includes its start-up (libvips loading).")

# ---------------------------------------------------------------- serving
ensure_archive(args.stories)
text_story = publish_sample()
ids = []
for index in range(4):
    file = os.path.join(WORK, f"p{index}.jpg")
    subprocess.run([CONVERT, "-size", "3000x2000", "-seed", str(index), "plasma:fractal", "-quality", "88", file], check=True)
    env = dict(benchlib.ENV, NEWSROOM_AS="reporter1")
    added = subprocess.run([MEDIA, "add", file, "--alt", f"صورة {index}", "--credit", "بغداد اليوم"], env=env, capture_output=True, text=True, check=True)
    ids.append(added.stdout.strip())
body = open(os.path.join(REPO, "samples", "article-body.txt"), encoding="utf-8").read().split("\n")
with_photos = "\n".join(body[:2] + [f"\n![](media:{ids[1]})\n"] + body[2:5] + [f"\n![](media:{ids[2]})\n"] + body[5:8]
                        + [f"\n![](media:{ids[3]})\n"] + body[8:])
body_file = os.path.join(WORK, "body.md")
open(body_file, "w", encoding="utf-8").write(with_photos)
photo_story = tool("draft", "create", "--section", "politics", "--headline", "خبر مصور للقياس", "--body-file", body_file, actor="reporter1")
tool("story", "photo", photo_story, "--lead", ids[0], actor="reporter1")
tool("story", "publish", photo_story, "--skip-review", "--reason", "bench", actor="chief1")

access_log = open(os.path.join(WORK, "access.log"), "w")
server, base = start_server(f"dbname={args.database}", access_log)
status, _, page = get(f"{base}/stories/{photo_story}")
assert status == 200, status
webp = re.search(rb'/media/[0-9a-f]{64}-w640\.webp', page).group(0).decode()
status, headers, data = get(base + webp)
assert status == 200 and headers["Content-Type"] == "image/webp", (status, headers)
static = os.path.join(WORK, "static")
os.makedirs(static)
open(os.path.join(static, "photo.webp"), "wb").write(data)
nginx, nginx_port = benchlib.start_nginx(static, WORK, "types { image/webp webp; }")
assert get(f"http://127.0.0.1:{nginx_port}/photo.webp")[0] == 200

serving = []
for name, url in [("nginx: the same WebP, a static file", f"http://127.0.0.1:{nginx_port}/photo.webp"),
                  ("newsroom-server: `/media/HASH-w640.webp`", base + webp),
                  ("article page, text only", f"{base}/stories/{text_story}"),
                  ("article page, a lead photo and three inline", f"{base}/stories/{photo_story}")]:
    log(f"{name}…")
    serving.append((name, benchlib.wrk(url, args.wrk_runs, args.duration)))
ceiling = serving[0][1][0]
text_rate = serving[2][1][0]
server.send_signal(signal.SIGTERM)
server.wait(timeout=30)
nginx.send_signal(signal.SIGQUIT)
nginx.wait(timeout=30)

report = [
    f"### Run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
    "",
    "Every rendition of a 24-megapixel JPEG:",
    "",
    *rows,
    "",
    *[f"- {note}" for note in notes],
    "",
    f"Serving, `wrk -t2 -c64 -d{args.duration}s` on loopback, median of {args.wrk_runs} runs; the WebP is {len(data):,} bytes:",
    "",
    "| what | requests/s | p99 ms | × nginx | × text-only page | non-2xx/3xx |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    *[f"| {name} | {rate:,.0f} | {p99:.2f} | {rate / ceiling:.2f} | {rate / text_rate:.2f} | {errors} |" for name, (rate, p99, errors) in serving],
]
benchlib.write_report(report, args.out)
shutil.rmtree(WORK, ignore_errors=True)
