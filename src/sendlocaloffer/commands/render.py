"""Write the offer as one accessible, printable HTML page for families.

Contents by kind of provision and by need; each service in plain English: who it is for, how
to get it, what it costs, when and where, and how to get in touch. One self-contained file
that needs no JavaScript, with print styles for paper copies (SEND Regulations 2014 reg 57).
"""

from __future__ import annotations

import argparse
import sys

from ..publish.offer import write_offer_html
from ._read import read_offer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("offer", metavar="OFFER", help="the offer (any readable format)")
    parser.add_argument("output", metavar="OUTPUT", nargs="?", help="the HTML file to write (default: print it)")
    parser.add_argument("--output", "-o", dest="output_option", metavar="PATH", help="the same as OUTPUT")
    parser.add_argument("--from", dest="from_format", metavar="FORMAT", help="the offer's format, when it cannot be told")
    parser.add_argument("--format", choices=["html"], default="html", help="the page's format (html)")
    parser.add_argument("--partial", action="store_true", help="go on with what could be read when the offer has errors")


def run(args: argparse.Namespace) -> int:
    if args.output and args.output_option and args.output != args.output_option:
        print("sendlocaloffer render: give OUTPUT or --output, not two different ones", file=sys.stderr)
        return 2
    offer = read_offer(args.offer, args.from_format, partial=args.partial)
    write_offer_html(offer, args.output or args.output_option or sys.stdout)
    return 0
