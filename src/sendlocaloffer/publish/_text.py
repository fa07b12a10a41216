"""Making any text from an offer safe to show: inert, isolated and bounded.

Text fields can hold anything a council's system exported. Before it reaches a page, text
loses the Unicode bidirectional embedding, override and isolate controls (which can reorder
what a reader sees: the "Trojan Source" attack, CVE-2021-42574) and other control characters,
and runs of combining marks are cut to :data:`MAX_MARKS` so a line cannot grow into a tower
that covers the text around it. Markup is not interpreted: templates escape everything.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

__all__ = ["MAX_MARKS", "clean", "mailto", "safe_url", "spreadsheet_safe", "tel"]

#: The most combining marks kept on one base character; real scripts need no more than this.
MAX_MARKS = 4

# Unicode Standard Annex #9: LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI. Templates put
# text in <bdi> instead, which isolates its direction without letting it leak.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# ...and C0/C1 control characters other than tab and newline, and a byte order mark inside text.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff" + _BIDI_CONTROLS + "]")


def clean(text: str) -> str:
    """``text`` without bidirectional controls or control characters, with carriage returns
    turned into newlines and runs of combining marks cut to :data:`MAX_MARKS`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _DROP.search(text):
        text = _DROP.sub("", text)
    if text.isascii():
        return text
    text = text.encode("utf-8", "replace").decode("utf-8")
    out: list[str] = []
    run = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            if run > MAX_MARKS:
                continue
        else:
            run = 0
        out.append(ch)
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address; otherwise None, so it is shown as text
    and never becomes a link (no ``javascript:``, ``data:`` or ``file:``)."""
    if not url:
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ch.isspace() or ord(ch) < 0x20 for ch in text):
        return None
    return text


def mailto(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return "mailto:" + quote(email.strip(), safe="@.+-_")


def tel(number: str | None) -> str | None:
    """A ``tel:`` link for a UK number, in the international form phones dial from anywhere."""
    if not number:
        return None
    digits = "".join(ch for ch in number if ch.isdigit())
    if not digits:
        return None
    if number.strip().startswith("+"):
        return "tel:+" + digits
    if digits.startswith("0") and len(digits) > 5:
        return "tel:+44" + digits[1:]
    return "tel:" + digits


def spreadsheet_safe(value: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP "CSV injection"): text
    starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
