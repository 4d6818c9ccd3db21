#!/usr/bin/env python3
"""An agency's HTTP API, as the wire tests poll it: an Atom feed of the items in a folder.

Usage: wire_http_source.py FOLDER PORT_FILE LOG_FILE
Listens on 127.0.0.1 (a free port, written to PORT_FILE once listening) and serves
  /feed         an Atom feed (RFC 4287) of the folder's files, newest first: a ninjs file's
                JSON inline in <content type="application/json">, a NewsML-G2 file linked by
                <link rel="enclosure">; with an ETag and Last-Modified, and 304 to a request
                whose If-None-Match or If-Modified-Since says it has this listing already;
  /items/NAME   the file NAME.
Each request is a line in LOG_FILE: method, path, If-None-Match, If-Modified-Since, status.
"""
import email.utils
import hashlib
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape, quoteattr


def listing(folder):
    names = sorted((name for name in os.listdir(folder) if not name.startswith(".")),
                   key=lambda name: os.stat(os.path.join(folder, name)).st_mtime_ns, reverse=True)
    stamps = [os.stat(os.path.join(folder, name)).st_mtime for name in names]
    etag = '"' + hashlib.sha256(repr([(n, os.path.getsize(os.path.join(folder, n))) for n in names]).encode()).hexdigest()[:16] + '"'
    modified = email.utils.formatdate(max(stamps, default=0), usegmt=True)
    return names, etag, modified


def feed(folder, names):
    entries = []
    for name in names:
        path = os.path.join(folder, name)
        entry = f"<entry><id>tag:agency.test,2023:{escape(name)}</id><title>{escape(name)}</title><updated>2023-08-03T12:00:00Z</updated>"
        if name.endswith(".json"):
            entry += f'<content type="application/json">{escape(open(path, encoding="utf-8").read())}</content>'
        else:
            entry += f"<link rel=\"enclosure\" type=\"application/vnd.iptc.g2.newsitem+xml\" href={quoteattr('/items/' + name)}/>"
        entries.append(entry + "</entry>")
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<id>tag:agency.test,2023:feed</id><title>Agency</title><updated>2023-08-03T12:00:00Z</updated>'
            + "".join(entries) + "</feed>").encode("utf-8")


class Agency(BaseHTTPRequestHandler):
    def do_GET(self):
        folder = self.server.folder
        status, body, headers = 404, b"not found", {"Content-Type": "text/plain"}
        if self.path == "/feed":
            names, etag, modified = listing(folder)
            headers = {"ETag": etag, "Last-Modified": modified, "Content-Type": "application/atom+xml; charset=utf-8"}
            if self.headers.get("If-None-Match") == etag or (self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == modified):
                status, body = 304, b""
            else:
                status, body = 200, feed(folder, names)
        elif self.path.startswith("/items/"):
            path = os.path.join(folder, os.path.basename(self.path))
            if os.path.isfile(path):
                status, body = 200, open(path, "rb").read()
                headers = {"Content-Type": "application/json" if path.endswith(".json") else "application/xml"}
        with open(self.server.log, "a") as log:
            log.write(f"GET {self.path} {self.headers.get('If-None-Match', '-')} {self.headers.get('If-Modified-Since', '-').replace(' ', '_')} {status}\n")
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


def main(arguments):
    if len(arguments) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    # Started from a test's thread, the process may inherit a mask that blocks SIGTERM.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    server = ThreadingHTTPServer(("127.0.0.1", 0), Agency)
    server.folder, server.log = arguments[0], arguments[2]
    with open(arguments[1] + ".tmp", "w") as port:
        port.write(str(server.server_address[1]))
    os.rename(arguments[1] + ".tmp", arguments[1])
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
