"""On any valid offer the rules never fail, and every finding points into the offer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sendlocaloffer.checks.registry import CODE_PATTERN, RULE_FAILED, get_rule, run_rules
from sendlocaloffer.formats.native import dumps
from sendlocaloffer.model import LocalOffer

from .strategies import offers


def _resolve(doc: Any, path: str) -> bool:
    """True when the JSON pointer ``path`` names a value of ``doc``, or a member (and what is
    below it) absent from an object that exists: a finding about a missing field points at
    where it belongs, and the writer leaves empty fields out."""
    node = doc
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]] if path else []
    for part in parts:
        if isinstance(node, dict):
            if part not in node:
                return True
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


@settings(max_examples=30)
@given(offer=offers(), as_of=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_rules_never_fail_and_every_finding_points_into_the_offer(offer: LocalOffer, as_of: dt.date) -> None:
    findings = run_rules(offer, as_of=as_of)
    doc = json.loads(dumps(offer))
    for f in findings:
        assert f.code != RULE_FAILED, f.value
        assert CODE_PATTERN.match(f.code)
        r = get_rule(f.code)
        assert r is not None and f.severity is r.severity and f.citation == r.citation
        assert f.message.strip()
        assert _resolve(doc, f.path), f"{f.code} points at {f.path}, which is not in the offer"
    assert run_rules(offer, as_of=as_of) == findings, "the same offer and date must give the same findings"
