"""The ``sendlocaloffer`` command line: thin; each command is a module in
:mod:`sendlocaloffer.commands` with ``add_arguments(parser)`` and ``run(args) -> int``.

Exit codes: 0 valid (or done), 1 findings at or above the failing severity, 2 input that could
not be read or bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from . import __version__, commands
from .errors import SendLocalOfferError

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sendlocaloffer", description="Publish and validate a SEND Local Offer.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))
    order = ["validate", "convert", "template", "gaps", "diff", "render", "schema", "formats"]
    for name in sorted(names, key=lambda n: (order.index(n) if n in order else len(order), n)):
        module = importlib.import_module(f"{commands.__name__}.{name}")
        doc = (module.__doc__ or name).strip()
        summary = doc.splitlines()[0]
        p = sub.add_parser(getattr(module, "NAME", name), help=summary, description=doc)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_UNREADABLE
    try:
        return int(args.run(args))
    except SendLocalOfferError as exc:
        print(f"sendlocaloffer: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
