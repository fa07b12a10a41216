"""List the formats the library reads and writes."""

from __future__ import annotations

import argparse

from .. import formats


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    rows = [
        (f.name, ("read" if f.can_read else "") + ("/" if f.can_read and f.can_write else "") + ("write" if f.can_write else ""),
         ", ".join(f.suffixes) or ("folder" if f.folder else "-"), f.description)
        for f in formats.all_formats()
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        print(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}")
    return 0
