"""The Jinja2 environment every page is rendered with: autoescaping on, and every value
passed through :func:`~sendlocaloffer.publish._text.clean` on its way out."""

from __future__ import annotations

import io
import json
import os
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import IO, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .._io import atomic_path
from ._text import clean, mailto, safe_url, tel

__all__ = ["environment", "paragraphs", "render_to", "stream"]


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return clean(value)
    return value


def paragraphs(text: str | None) -> Markup:
    """Plain text as HTML paragraphs (blank lines) and line breaks, every part escaped and
    isolated in <bdi>; markup in the text shows as text."""
    if not text:
        return Markup("")
    out = []
    for block in clean(text).split("\n\n"):
        lines = [escape(line) for line in block.strip("\n").split("\n")]
        if any(line.strip() for line in lines):
            out.append(Markup("<p><bdi>") + Markup("<br>").join(lines) + Markup("</bdi></p>"))
    return Markup("\n").join(out)


def value_text(value: Any) -> str:
    """A JSON value in words: lists joined with commas, objects as compact JSON."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("sendlocaloffer.publish", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(paragraphs=paragraphs, safe_url=safe_url, mailto=mailto, tel=tel, value_text=value_text)
    return env


def stream(template: str, **context: Any) -> Iterator[str]:
    """The page's text in pieces, so a large offer is never held as one string."""
    yield from environment().get_template(template).generate(**context)


def render_to(chunks: Iterable[str], target: str | os.PathLike[str] | IO[str] | IO[bytes] | None) -> str | None:
    """Write text chunks to a path (atomically, UTF-8), a binary or a text stream; with no
    target, return the text."""
    if target is None:
        return "".join(chunks)
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
            fh.writelines(chunks)
        return None
    if isinstance(target, (io.RawIOBase, io.BufferedIOBase)):
        for chunk in chunks:
            target.write(chunk.encode("utf-8"))
        return None
    text_target = typing.cast(IO[str], target)
    for chunk in chunks:
        text_target.write(chunk)
    return None
