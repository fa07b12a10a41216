"""Text helpers shared by the rules: markup stripped, text folded for comparison."""

from __future__ import annotations

import html
import re

__all__ = ["fold", "has_text", "plain"]

_TAG = re.compile(r"<[^>]*>")


def plain(text: str | None) -> str:
    """The visible text of ``text``: HTML tags and entities removed, spaces collapsed.
    ``<p><br></p>`` and ``&nbsp;`` become empty, as real feeds show they should."""
    if not text:
        return ""
    if "<" in text or "&" in text:
        text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())  # str.split drops every kind of space, no-break spaces too


def has_text(text: str | None) -> bool:
    """True when ``text`` has visible text once markup is stripped (cheap for plain text)."""
    if not text:
        return False
    if "<" not in text and "&" not in text:
        return not text.isspace()
    return bool(plain(text))


def fold(text: str | None) -> str:
    """``text`` for comparing: visible text only, case-folded."""
    return plain(text).casefold()
