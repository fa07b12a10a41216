"""The controlled vocabularies of a Local Offer, loaded once from the package's data files.

Each vocabulary is a small list of terms with a stable code, a label, a definition, an
optional broader term and the source (law, Code of Practice or standard) it comes from.
Fields that take a vocabulary accept a term's code and forgive its label in any case.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "VOCABULARY_NAMES",
    "Term",
    "UnknownTermError",
    "Vocabulary",
    "all_vocabularies",
    "get",
]

_SPACE = re.compile(r"\s+")

VOCABULARY_NAMES: tuple[str, ...] = (
    "needs",
    "provision-categories",
    "levels",
    "provider-types",
    "access-routes",
    "delivery-methods",
    "service-status",
    "cost-kinds",
    "statutory-topics",
    "document-kinds",
    "accessible-formats",
    "weekdays",
    "phone-types",
    "location-types",
    "accessibility-features",
)


@dataclass(frozen=True)
class Term:
    """One term of a controlled vocabulary."""

    code: str
    label: str
    definition: str
    source: str
    broader: str | None = None
    flags: Mapping[str, Any] = field(default_factory=dict)


class UnknownTermError(ValueError):
    """A value that is neither a code nor a label of the vocabulary."""

    def __init__(self, vocabulary: Vocabulary, value: str, suggestion: str | None) -> None:
        self.vocabulary = vocabulary
        self.value = value
        self.suggestion = suggestion
        hint = f" Did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(
            f"{value!r} is not in the {vocabulary.title} list.{hint} "
            f"Allowed: {', '.join(vocabulary.codes)}."
        )


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.strip()).casefold()


class Vocabulary:
    """A controlled list of terms, looked up by code or (forgivingly) by label."""

    def __init__(self, name: str, title: str, description: str, source: str, terms: list[Term]):
        self.name = name
        self.title = title
        self.description = description
        self.source = source
        self.terms: tuple[Term, ...] = tuple(terms)
        self.by_code: dict[str, Term] = {t.code: t for t in terms}
        self.codes: tuple[str, ...] = tuple(t.code for t in terms)
        self._folded: dict[str, str] = {}
        for t in terms:
            self._folded[_fold(t.label)] = t.code
        for t in terms:  # a code wins over a label that folds to the same text
            self._folded[_fold(t.code)] = t.code
        self._candidates: dict[str, str] = {}
        for t in terms:
            for text in (t.code, t.label, *t.label.replace("/", " ").split()):
                self._candidates.setdefault(_fold(text), t.code)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __getitem__(self, code: str) -> Term:
        return self.by_code[code]

    def normalise(self, value: str) -> str:
        """Return the code for ``value`` (a code, or a label in any case and spacing).

        Raises :class:`UnknownTermError`, which names the allowed codes and the nearest one.
        """
        if value in self.by_code:
            return value
        code = self._folded.get(_fold(value))
        if code is None:
            raise UnknownTermError(self, value, self.suggest(value))
        return code

    def suggest(self, value: str) -> str | None:
        """The code nearest to ``value``, or None when nothing is close."""
        folded = _fold(value)
        if not folded:
            return None
        matches = difflib.get_close_matches(folded, list(self._candidates), n=1, cutoff=0.6)
        return self._candidates[matches[0]] if matches else None

    def label(self, code: str) -> str:
        return self.by_code[code].label

    def narrower(self, code: str) -> tuple[str, ...]:
        """Codes whose broader term is ``code``."""
        return tuple(t.code for t in self.terms if t.broader == code)

    def flagged(self, flag: str) -> tuple[str, ...]:
        """Codes of the terms that carry ``flag`` (such as ``statutory`` or ``required``)."""
        return tuple(t.code for t in self.terms if t.flags.get(flag))


@cache
def get(name: str) -> Vocabulary:
    """The vocabulary called ``name`` (one of :data:`VOCABULARY_NAMES`), loaded once."""
    if name not in VOCABULARY_NAMES:
        raise KeyError(f"no vocabulary called {name!r}; known: {', '.join(VOCABULARY_NAMES)}")
    raw = json.loads(resources.files(__package__).joinpath("data").joinpath(f"{name}.json").read_text("utf-8"))
    base = {"code", "label", "definition", "broader", "source"}
    terms = [
        Term(
            code=t["code"],
            label=t["label"],
            definition=t["definition"],
            source=t["source"],
            broader=t.get("broader"),
            flags={k: v for k, v in t.items() if k not in base},
        )
        for t in raw["terms"]
    ]
    return Vocabulary(raw["id"], raw["title"], raw["description"], raw["source"], terms)


def all_vocabularies() -> list[Vocabulary]:
    """Every vocabulary, in a stable order."""
    return [get(name) for name in VOCABULARY_NAMES]
