#!/usr/bin/env python3
"""Reads feeds and sitemaps as their consumers do and prints what it found, as JSON.

Usage: check_feeds.py FILE...
For each file: whether PyPI's feedparser (what feed readers use) reads it without complaint
(`bozo`), its version, language, title and entries (id, title, published, updated, and the
direction of Atom's XHTML content); the Atom tombstones (RFC 6721 at:deleted-entry); and, for
any XML, whether it is well-formed and its root element. Needs feedparser
(scripts/lib/common.sh installs it).
"""
import json
import sys
import xml.etree.ElementTree as ElementTree

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONES = "{http://purl.org/atompub/tombstones/1.0}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def describe(path):
    data = open(path, "rb").read()
    result = {"file": path}
    try:
        root = ElementTree.fromstring(data)
        result["wellFormed"] = True
        result["root"] = root.tag
        result["lang"] = root.get(XML_LANG)
        result["deleted"] = [{"ref": node.get("ref"), "when": node.get("when")} for node in root.iter(TOMBSTONES + "deleted-entry")]
        result["contentDirections"] = [div.get("dir") for content in root.iter(ATOM + "content") for div in content.iter(XHTML + "div")]
        result["locs"] = [node.text for node in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        result["newsDates"] = [node.text for node in root.iter("{http://www.google.com/schemas/sitemap-news/0.9}publication_date")]
    except ElementTree.ParseError as error:
        result["wellFormed"] = False
        result["parseError"] = str(error)
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
        } for entry in parsed.entries]
    return result


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    print(json.dumps([describe(path) for path in sys.argv[1:]], ensure_ascii=False))
