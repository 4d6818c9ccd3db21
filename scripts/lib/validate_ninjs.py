#!/usr/bin/env python3
"""Validates ninjs documents against IPTC's JSON Schema, offline.

Usage: validate_ninjs.py SCHEMA_FOLDER FILE...
Prints one JSON line: {"FILE": [errors...], ...}; exits 1 when any document has errors.
The folder holds ninjs-schema_2.2.json and GeoJSON-schema.json (registered under its $id,
as every ninjs schema refers to it). Needs PyPI's jsonschema (scripts/lib/common.sh installs it).
"""
import json
import os
import sys

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource


def main(arguments):
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    folder, files = arguments[0], arguments[1:]
    schema = json.load(open(os.path.join(folder, "ninjs-schema_2.2.json")))
    geojson = json.load(open(os.path.join(folder, "GeoJSON-schema.json")))
    registry = Registry().with_resource(geojson["$id"], Resource.from_contents(geojson))
    validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    report = {}
    for path in files:
        document = json.load(open(path, encoding="utf-8"))
        report[path] = [f"{'/'.join(map(str, error.path)) or '(document)'}: {error.message}" for error in validator.iter_errors(document)]
    print(json.dumps(report, ensure_ascii=False))
    return 1 if any(report.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
