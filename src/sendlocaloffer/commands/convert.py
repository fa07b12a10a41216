"""Convert an offer from one format to another (through the model).

The input's format comes from its suffix or content (or --from); the output's from --to or
its suffix. The output is written atomically: on any error the old file is left as it was.
"""

from __future__ import annotations

import argparse
import sys

from .. import api
from ..checks.findings import Severity
from ._read import show_findings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", help="the offer to read (a file, or a folder of CSV files)")
    parser.add_argument("output", help="where to write it")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="the input's format (see `sendlocaloffer formats`)")
    parser.add_argument("--to", dest="to_format", metavar="FORMAT", help="the output's format")
    parser.add_argument("--hsds-version", choices=["3.0", "3.1"], help="HSDS version to write (hsds, oruk, hsds-tabular)")
    parser.add_argument("--base-iri", help="base IRI for RDF output, such as https://data.cityoflondon.gov.uk/send/")
    parser.add_argument("--force", action="store_true", help="write even when the input has errors (what could not be read is left out)")


def run(args: argparse.Namespace) -> int:
    result = api.read(args.input, args.from_format)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    show_findings(result, severity=Severity.INFO, limit=50)
    if result.offer is None or (errors and not args.force):
        print(f"sendlocaloffer: not converted: {len(errors)} error(s) in {result.source}; fix them, or pass --force "
              "to write what could be read", file=sys.stderr)
        return 2 if result.offer is None else 1
    options = {}
    if args.hsds_version:
        options["hsds_version"] = args.hsds_version
    if args.base_iri:
        options["base_iri"] = args.base_iri
    api.dump(result.offer, args.output, args.to_format, **options)
    return 0
