"""Print the JSON Schema of the Local Offer format, or write every schema into a folder."""

from __future__ import annotations

import argparse
import sys

from .. import schemagen


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", "-o", metavar="DIR", help="write local-offer.schema.json and report.schema.json into DIR")


def run(args: argparse.Namespace) -> int:
    if args.output:
        for path in schemagen.write_schemas(args.output):
            print(path)
    else:
        sys.stdout.write(schemagen.schema_files()["local-offer.schema.json"])
    return 0
