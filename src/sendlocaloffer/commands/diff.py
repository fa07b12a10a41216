"""Compare two versions of an offer: what was added, removed and changed, field by field.

Services, organisations and locations are matched by id (then by name) and compared field by
field, as are the offer's own fields.

The two files may be in different formats. Offers from different councils are refused unless
--force is given. Exit code 0 when they are the same, 1 when they differ, 2 when either cannot
be read or they are different councils' offers.
"""

from __future__ import annotations

import argparse

from ..analysis.diff import diff_offers
from ..publish.diff import render_diff
from ._read import emit, read_offer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier offer (any readable format)")
    parser.add_argument("new", metavar="NEW", help="the later offer (any readable format)")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="the files' format, when it cannot be told")
    parser.add_argument("--format", choices=["text", "csv", "json", "html"], default="text", help="how to write the changes")
    parser.add_argument("--output", "-o", metavar="PATH", help="write the changes here instead of printing them")
    parser.add_argument("--force", action="store_true", help="compare offers from different councils anyway")
    parser.add_argument("--partial", action="store_true", help="go on with what could be read when an offer has errors")


def run(args: argparse.Namespace) -> int:
    old = read_offer(args.old, args.from_format, partial=args.partial)
    new = read_offer(args.new, args.from_format, partial=args.partial)
    changes = diff_offers(old, new, force=args.force)
    emit(render_diff(changes, args.format), args.output)
    return 1 if changes else 0
