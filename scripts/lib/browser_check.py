#!/usr/bin/env python3
"""Renders reader-site pages in headless Chromium and prints what a reader would see, as JSON.

Usage: browser_check.py URL [SCREENSHOT.png] [URL [SCREENSHOT.png]]...
       browser_check.py --live URL TEXT COMMAND [ARGS...]
       browser_check.py --phone URL [SCREENSHOT.png]
(a screenshot path is "-" for none). For each page: the html element's lang and dir, the
h1's computed direction and whether its first character is drawn to the right of its last
(right to left), the same for the first body paragraph and the first search snippet, the
search marks (and whether they are highlighted), the body's parts (links, bold, the
quotation and its attribution, list items, whether a link in right-to-left text is drawn
after the words before it), the ticker's items in the order they
are laid out, and whether the +A button enlarges the text (the page's one script ran).
With --live: opens URL, runs COMMAND once the page has been open a while, and reports
whether a strip line containing TEXT appeared without a reload, how long it took, and the
strip then. With --phone: the page at 390 x 844 (with script, without, and with
prefers-reduced-motion), and how its ticker strip is laid out there. Needs Debian's chromium and chromium-driver, and PyPI's selenium (scripts/lib/common.sh
installs them for the tests).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

PROBE = r"""
function order(element) {
  if (!element) return null;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let node, text = null;
  while ((node = walker.nextNode())) { if (node.textContent.trim().length > 1) { text = node; break; } }
  if (!text) return null;
  const value = text.textContent;
  const first = document.createRange(); first.setStart(text, 0); first.setEnd(text, 1);
  let end = value.length;
  // the last character on the first line: walk back until it sits on the first line
  const top = first.getBoundingClientRect().top;
  let last = null;
  for (let i = Math.min(end, 40) - 1; i > 0; i--) {
    const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
    const box = r.getBoundingClientRect();
    if (box.width > 0 && Math.abs(box.top - top) < 4) { last = box; break; }
  }
  const box = element.getBoundingClientRect();
  const firstBox = first.getBoundingClientRect();
  return {
    text: value.trim().slice(0, 80),
    direction: getComputedStyle(element).direction,
    textAlign: getComputedStyle(element).textAlign,
    firstCharRight: firstBox.right, lastCharLeft: last ? last.left : null,
    elementLeft: box.left, elementRight: box.right,
    rightToLeft: last ? firstBox.left > last.left : null,
    startsAtRightEdge: Math.abs(box.right - firstBox.right) < 24,
  };
}
function bodyParts() {
  const body = document.querySelector(".body");
  if (!body) return null;
  // In right-to-left text a link's words come after the words before it: drawn to their left.
  let linkAfterPrecedingText = null;
  const link = body.querySelector("p a");
  if (link && link.previousSibling && link.previousSibling.nodeType === Node.TEXT_NODE) {
    const before = document.createRange(); before.setStart(link.previousSibling, 0); before.setEnd(link.previousSibling, 1);
    const b = before.getBoundingClientRect(), l = link.getBoundingClientRect();
    if (Math.abs(b.top - l.top) < 4) linkAfterPrecedingText = l.right <= b.left + 1;
  }
  const quote = body.querySelector("blockquote");
  return {
    links: Array.from(body.querySelectorAll("a")).map(a => ({ href: a.getAttribute("href"), rel: a.getAttribute("rel"), text: a.textContent })),
    strong: Array.from(body.querySelectorAll("strong")).map(e => e.textContent),
    quotation: quote ? { text: quote.textContent.trim(), direction: getComputedStyle(quote.querySelector("p")).direction,
                         indented: quote.getBoundingClientRect().width < body.getBoundingClientRect().width } : null,
    attribution: Array.from(body.querySelectorAll("figure.quotation figcaption")).map(e => e.textContent.trim()),
    items: Array.from(body.querySelectorAll("li")).map(e => e.firstChild.textContent.trim()),
    nested: body.querySelectorAll("li ul, li ol").length,
    subheadings3: Array.from(body.querySelectorAll("h3")).map(e => e.textContent.trim()),
    linkAfterPrecedingText: linkAfterPrecedingText,
  };
}
const html = document.documentElement;
const ticker = Array.from(document.querySelectorAll(".ticker li")).map(li => ({
  text: li.textContent.trim(), urgent: li.querySelector(".badge") !== null,
  link: li.querySelector("a") ? li.querySelector("a").getAttribute("href") : null,
  top: li.getBoundingClientRect().top, right: li.getBoundingClientRect().right,
}));
const sizeBefore = parseFloat(getComputedStyle(html).fontSize);
const larger = document.querySelector('.text-size button[data-step="up"]');
let sizeAfter = null, controlsVisible = false;
if (larger) {
  controlsVisible = larger.getClientRects().length > 0;
  if (controlsVisible) { larger.click(); sizeAfter = parseFloat(getComputedStyle(html).fontSize); larger.nextElementSibling.click(); }
}
return {
  lang: html.getAttribute("lang"), dir: html.getAttribute("dir"), title: document.title,
  h1Count: document.querySelectorAll("h1").length,
  h1: order(document.querySelector("h1")),
  paragraph: order(document.querySelector(".body p")),
  subheadings: Array.from(document.querySelectorAll(".body h2")).map(h => h.textContent.trim()),
  snippet: order(document.querySelector(".snippet")),
  marks: Array.from(document.querySelectorAll("mark")).map(m => ({
    text: m.textContent, highlighted: getComputedStyle(m).backgroundColor !== "rgba(0, 0, 0, 0)" })),
  ticker: ticker,
  textSize: { controlsVisible: controlsVisible, before: sizeBefore, after: sizeAfter },
  body: bodyParts(),
  // Photos as the browser has them: which file it chose, whether it decoded it, how it loads.
  photos: Array.from(document.querySelectorAll("figure.photo")).map(f => {
    const img = f.querySelector("img");
    return { lead: f.classList.contains("lead"), alt: img.getAttribute("alt"), loading: img.getAttribute("loading"),
             currentSrc: img.currentSrc, naturalWidth: img.naturalWidth, complete: img.complete,
             shownWidth: img.getBoundingClientRect().width, caption: f.querySelector("figcaption").textContent.trim() };
  }),
};
"""


STRIP = r"""
const strip = document.querySelector(".ticker");
return {
  marker: window.newsroomMarker === 1,
  hidden: strip ? strip.hidden : null,
  lines: Array.from(document.querySelectorAll(".ticker li")).map(li => ({
    text: li.textContent.trim(), urgent: li.querySelector(".badge") !== null,
    badge: li.querySelector(".badge") ? li.querySelector(".badge").textContent : null,
    link: li.querySelector("a") ? li.querySelector("a").getAttribute("href") : null,
  })),
};
"""


PHONE = r"""
const strip = document.querySelector(".ticker");
const list = strip.querySelector("ul");
const items = Array.from(list.querySelectorAll("li"));
const box = list.getBoundingClientRect();
const shown = items.filter(li => { const r = li.getBoundingClientRect(); return r.width > 0 && r.right > box.left + 1 && r.left < box.right - 1; });
const first = document.querySelector("main h2, main h3, main h1");
return {
  stripHeight: strip.getBoundingClientRect().height, lines: items.length, visible: shown.length,
  scrollsSideways: list.scrollWidth > list.clientWidth + 1, focusable: list.tabIndex >= 0,
  scrollBehavior: getComputedStyle(list).scrollBehavior,
  firstHeadingTop: first ? first.getBoundingClientRect().top : null,
  pageWiderThanScreen: document.documentElement.scrollWidth > window.innerWidth + 1,
};
"""


def phone(driver, url, shot):
    """The page at 390 × 844 as a phone shows it: with script, without, and with reduced motion."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    variants = {}
    for name, script, motion in (("scripted", True, "no-preference"), ("noScript", False, "no-preference"), ("reducedMotion", True, "reduce")):
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not script})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": motion}]})
        driver.get(url)
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        variants[name] = driver.execute_script(PHONE)
        if name == "scripted" and shot != "-":
            driver.save_screenshot(shot)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return {"url": url, "variants": variants, "consoleErrors": console_errors(driver)}


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"] \
        if hasattr(driver, "get_log") else []


def live(driver, url, expected, command):
    driver.get(url)
    driver.execute_script("window.newsroomMarker = 1;")
    before = driver.execute_script(STRIP)
    time.sleep(1.5)  # the page's script opens the stream and gets the strip as it stands
    started = time.monotonic()
    ran = subprocess.run(command, capture_output=True, text=True)
    seconds, after = None, None
    while time.monotonic() - started < 5:
        after = driver.execute_script(STRIP)
        if any(expected in line["text"] for line in after["lines"]):
            seconds = time.monotonic() - started
            break
        time.sleep(0.05)
    return {"url": url, "before": before, "after": after, "seconds": seconds, "commandStatus": ran.returncode,
            "commandError": ran.stderr, "consoleErrors": console_errors(driver)}


def main(arguments):
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 64
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1100,1400", "--lang=ar", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    # Chromium's profile and its singleton folders go in a folder of our own, removed at the
    # end: left in /tmp they pile up, one set a run.
    scratch = tempfile.mkdtemp(prefix="newsroom-chromium-")
    options.add_argument("--user-data-dir=" + os.path.join(scratch, "profile"))
    service = Service("/usr/bin/chromedriver", env=dict(os.environ, TMPDIR=scratch))
    try:
        driver = webdriver.Chrome(service=service, options=options)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    results = []
    try:
        if arguments[0] == "--live":
            if len(arguments) < 4:
                print(__doc__, file=sys.stderr)
                return 64
            print(json.dumps([live(driver, arguments[1], arguments[2], arguments[3:])], ensure_ascii=False))
            return 0
        if arguments[0] == "--phone":
            print(json.dumps([phone(driver, arguments[1], arguments[2] if len(arguments) > 2 else "-")], ensure_ascii=False))
            return 0
        pairs = list(zip(arguments[0::2], arguments[1::2] + ["-"] * (len(arguments) % 2)))
        for url, shot in pairs:
            driver.get(url)
            result = driver.execute_script(PROBE)
            result["url"] = url
            result["consoleErrors"] = console_errors(driver)
            if shot != "-":
                driver.save_screenshot(shot)
            results.append(result)
    finally:
        driver.quit()
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
