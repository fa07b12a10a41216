"""The rules page (``docs/rules.md``), generated from the registry so it cannot drift.

    python -m sendlocaloffer.checks.docs docs/rules.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from .registry import RESERVED_PREFIXES, iter_rules

__all__ = ["rules_markdown", "write_rules_markdown"]

_GROUPS = {
    "offer": "The offer as a whole",
    "coverage": "What the offer covers",
    "service": "Each service",
    "integrity": "Ids and references",
    "quality": "Quality of what is written",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown(*, include_plugins: bool = False) -> str:
    """Every built-in rule (and, if asked, every plugged-in one) with its code, severity,
    citation, why it matters and how to fix it."""
    rules = [r for r in iter_rules() if include_plugins or r.check.__module__.startswith("sendlocaloffer.")]
    order = list(_GROUPS)
    groups: dict[str, list[str]] = {}
    for r in sorted(rules, key=lambda r: (order.index(r.group) if r.group in order else len(order), r.code)):
        groups.setdefault(r.group, []).append(r.code)
    out = [
        "# Validation rules",
        "",
        "<!-- Generated from the rule registry by sendlocaloffer.checks.docs; do not edit by hand. -->",
        "",
        "`sendlocaloffer validate` runs these rules over an offer after the model has checked each field. "
        f"Codes beginning {', '.join(f'`{p}`' for p in RESERVED_PREFIXES)} are made by the model, the readers and "
        "the registry itself, not by rules.",
        "",
        "- Errors break the law or the data; warnings are likely problems; advice (info) is worth a look.",
        "- `--as-of DATE` fixes the date staleness is judged by (default today), so reports are reproducible.",
        "- `--ignore CODES` switches rules off and `--select CODES` keeps only some (a group such as `service.` "
        "takes all its rules); `--severity CODE=LEVEL` reports a rule at another severity; `--fail-on warning` "
        "makes warnings fail the run.",
        "- In Python: `sendlocaloffer.validate(offer, as_of=..., ignore=[...], severities={...})`; add your own "
        "rules with `@sendlocaloffer.rule(...)` or a module in the `sendlocaloffer.rules` entry point group.",
        "- Options, through `sendlocaloffer.checks.run_rules(offer, options={...})`: `stale_months` (default 12) "
        "and `very_stale_months` (24) for `service.stale` and `service.very_stale`; `copied_description_min` (3) "
        "for `quality.copied_description`.",
        "",
        "| Code | Severity | Title |",
        "| --- | --- | --- |",
    ]
    for r in rules:
        out.append(f"| [`{r.code}`](#{r.code.replace('.', '')}) | {r.severity.value} | {_cell(r.title)} |")
    for group, codes in groups.items():
        out += ["", f"## {_GROUPS.get(group, group.capitalize())} (`{group}.`)"]
        for code in codes:
            r = next(x for x in rules if x.code == code)
            out += [
                "",
                f"### {r.code}",
                "",
                f"**{r.title}.** Severity: {r.severity.value}.",
                "",
                f"- Source: {r.citation}",
                f"- Why: {r.why}",
                f"- How to fix: {r.fix}",
            ]
    return "\n".join(out) + "\n"


def write_rules_markdown(path: str | Path) -> None:
    from .._io import write_bytes

    write_bytes(Path(path), rules_markdown().encode("utf-8"))


if __name__ == "__main__":
    write_rules_markdown(sys.argv[1] if len(sys.argv) > 1 else "docs/rules.md")
