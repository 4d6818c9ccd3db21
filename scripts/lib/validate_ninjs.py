#!/usr/bin/env python3
"""Validates ninjs documents against IPTC's JSON Schema, offline.

Usage: validate_ninjs.py [--schema FILE] SCHEMA_FOLDER FILE...
Prints one JSON line: {"FILE": [errors...], ...}; exits 1 when any document has errors.
The folder holds ninjs-schema_2.2.json and GeoJSON-schema.json (registered under its $id,
as every ninjs schema refers to it); --schema names another of IPTC's ninjs schemas (1.x is
draft-07, 2.x draft 2020-12: the validator is the one the schema declares).
Needs PyPI's jsonschema (scripts/lib/common.sh installs it).
"""
import json
import os
import sys

from jsonschema import FormatChecker, validators
from referencing import Registry, Resource


def main(arguments):
    schema_file = None
    if arguments[:1] == ["--schema"] and len(arguments) > 1:
        schema_file, arguments = arguments[1], arguments[2:]
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    folder, files = arguments[0], arguments[1:]
    schema = json.load(open(schema_file or os.path.join(folder, "ninjs-schema_2.2.json")))
    geojson = json.load(open(os.path.join(folder, "GeoJSON-schema.json")))
    registry = Registry().with_resource(geojson["$id"], Resource.from_contents(geojson))
    validator = validators.validator_for(schema)(schema, registry=registry, format_checker=FormatChecker())
    report = {}
    for path in files:
        document = json.load(open(path, encoding="utf-8"))
        report[path] = [f"{'/'.join(map(str, error.path)) or '(document)'}: {error.message}" for error in validator.iter_errors(document)]
    print(json.dumps(report, ensure_ascii=False))
    return 1 if any(report.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
