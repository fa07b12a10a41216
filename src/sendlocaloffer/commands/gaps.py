"""Find gaps in provision: active services counted by need, age band and kind of provision.

Each need (broad area and school census code) at each age band (0-4, 5-10, 11-15, 16-18,
19-25) is counted over all provision, each provision category, each level and in or outside
the area. A need and age with no service is a gap; one served by a single provider is a risk.
Exit code 0 (1 with --fail-on-gaps when all provision has a gap), 2 when the offer cannot be read.
"""

from __future__ import annotations

import argparse

from ..analysis.gaps import analyse_gaps
from ..publish.gaps import render_gaps
from ._read import emit, read_offer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("offer", metavar="OFFER", help="the offer (any readable format)")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="the offer's format, when it cannot be told")
    parser.add_argument("--format", choices=["text", "csv", "json", "html"], default="text",
                        help="text (a table), csv (one row a cell), json, or html (a page of heatmaps)")
    parser.add_argument("--output", "-o", metavar="PATH", help="write the report here instead of printing it")
    parser.add_argument("--open-counts-for-all", action="store_true",
                        help="count services that name no need under every need (by default they have their own row)")
    parser.add_argument("--fail-on-gaps", action="store_true", help="exit with code 1 when all provision has a gap")
    parser.add_argument("--partial", action="store_true", help="go on with what could be read when the offer has errors")


def run(args: argparse.Namespace) -> int:
    offer = read_offer(args.offer, args.from_format, partial=args.partial)
    report = analyse_gaps(offer, open_counts_for_all=args.open_counts_for_all)
    emit(render_gaps(report, args.format), args.output)
    return 1 if args.fail_on_gaps and report.overall.with_status("gap") else 0
