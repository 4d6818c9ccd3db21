#!/usr/bin/env python3
"""Reads feeds and sitemaps as their consumers do and prints what it found, as JSON.

Usage: check_feeds.py FILE...
For each file: whether PyPI's feedparser (what feed readers use) reads it without complaint
(`bozo`), its version, language, title and entries (id, title, published, updated, summary,
and the HTML of their content as feedparser gives it); the direction each Atom content's
outer div carries (XHTML, or escaped HTML); the Atom tombstones (RFC 6721 at:deleted-entry); for
any XML, whether it is well-formed and its root element; and for Atom feeds and entries,
whether they are valid against the RELAX NG reading of RFC 4287 in the test fixtures
(Debian's jing) and keep the two rules a grammar cannot say (RFC 4287 4.1.1: an author on
the feed or on every entry; at most one alternate link per type and hreflang). Needs
feedparser and jing (scripts/lib/common.sh installs them).
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONES = "{http://purl.org/atompub/tombstones/1.0}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                      "Tests", "NewsroomServerTests", "Fixtures", "atom", "atom.rnc")


def relax_ng(path):
    """jing's verdict: (valid, error lines). Its warnings about optional jars are not errors."""
    run = subprocess.run(["jing", "-c", SCHEMA, path], capture_output=True, text=True)
    errors = [line for line in (run.stdout + run.stderr).splitlines() if line and not line.startswith("[warning]")]
    return run.returncode == 0 and not errors, errors


def atom_rules(root):
    """RFC 4287 4.1.1 and 4.1.2's rules beyond the grammar; the broken ones, as text."""
    broken = []
    entries = [root] if root.tag == ATOM + "entry" else root.findall(ATOM + "entry")
    if root.tag == ATOM + "feed" and root.find(ATOM + "author") is None:
        broken += [f"entry {e.findtext(ATOM + 'id')} has no author and the feed has none"
                   for e in entries if e.find(ATOM + "author") is None]
    if root.tag == ATOM + "entry" and root.find(ATOM + "author") is None:
        broken.append("the entry has no author")
    for element in ([root] if root.tag == ATOM + "feed" else []) + entries:
        seen = set()
        for link in element.findall(ATOM + "link"):
            if link.get("rel", "alternate") == "alternate":
                key = (link.get("type"), link.get("hreflang"))
                if key in seen:
                    broken.append(f"two alternate links of type {key[0]} and hreflang {key[1]}")
                seen.add(key)
    return broken


def direction(content):
    """The dir of a content's outer div: an XHTML element, or the start of escaped HTML."""
    if content.get("type") == "xhtml":
        div = content.find(XHTML + "div")
        return div.get("dir") if div is not None else None
    found = re.match(r'\s*<div dir="([a-z]+)">', content.text or "")
    return found.group(1) if found else None


def describe(path):
    data = open(path, "rb").read()
    result = {"file": path}
    try:
        root = ElementTree.fromstring(data)
        result["wellFormed"] = True
        result["root"] = root.tag
        result["lang"] = root.get(XML_LANG)
        result["deleted"] = [{"ref": node.get("ref"), "when": node.get("when")} for node in root.iter(TOMBSTONES + "deleted-entry")]
        result["contentDirections"] = [direction(content) for content in root.iter(ATOM + "content")]
        result["locs"] = [node.text for node in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        result["newsDates"] = [node.text for node in root.iter("{http://www.google.com/schemas/sitemap-news/0.9}publication_date")]
    except ElementTree.ParseError as error:
        result["wellFormed"] = False
        result["parseError"] = str(error)
    if result.get("root") in (ATOM + "feed", ATOM + "entry"):
        valid, errors = relax_ng(path)
        result["relaxNG"] = {"valid": valid, "errors": errors}
        result["atomRules"] = atom_rules(root)
    if result.get("root") in (ATOM + "feed", "rss"):
        parsed = feedparser.parse(data)
        result["bozo"] = bool(parsed.bozo)
        result["bozoException"] = str(parsed.get("bozo_exception", ""))
        result["version"] = parsed.version
        result["language"] = parsed.feed.get("language")
        result["title"] = parsed.feed.get("title")
        result["entries"] = [{
            "id": entry.get("id"), "title": entry.get("title"), "link": entry.get("link"),
            "published": entry.get("published"), "updated": entry.get("updated"),
            "summary": entry.get("summary"),
            "content": [part.get("value") for part in entry.get("content", [])],
            # Media RSS, as feedparser reads it: the photo's address, type and size, and its words.
            "media": [{"url": m.get("url"), "type": m.get("type"), "width": m.get("width"), "height": m.get("height")}
                      for m in entry.get("media_content", [])],
            "mediaCredit": [c.get("content") for c in entry.get("media_credit", [])],
        } for entry in parsed.entries]
    return result


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    print(json.dumps([describe(path) for path in sys.argv[1:]], ensure_ascii=False))
