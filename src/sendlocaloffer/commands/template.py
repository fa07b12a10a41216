"""Write the spreadsheet template councils fill in: a guidance sheet, one sheet for each kind of
thing, headers explained in comments, drop-downs for every list and yes/no column.

Check the filled-in workbook with:  sendlocaloffer validate offer.xlsx
"""

from __future__ import annotations

import argparse
import sys

from ..errors import SendLocalOfferError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", metavar="OUTPUT.xlsx", help="where to write the template")
    parser.add_argument("--example", action="store_true", help="add an example row to each sheet (delete it before use)")


def run(args: argparse.Namespace) -> int:
    from ..formats import xlsx

    if not str(args.output).lower().endswith(".xlsx"):
        print(f"sendlocaloffer: {args.output}: the template is an Excel workbook; give a name ending .xlsx", file=sys.stderr)
        return 2
    try:
        xlsx.write_template(args.output, example=args.example)
    except (OSError, SendLocalOfferError) as exc:
        print(f"sendlocaloffer: {args.output}: {exc}", file=sys.stderr)
        return 2
    print(args.output)
    return 0
