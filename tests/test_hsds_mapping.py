"""Every field of the model is mapped to Open Referral or kept in the sendlocaloffer block with
its reason, and docs/open-referral.md shows the current table."""

from __future__ import annotations

import typing
from pathlib import Path

from pydantic import BaseModel

from sendlocaloffer.formats._hsds_common import VOCAB_BASE
from sendlocaloffer.formats._hsds_mapping import MAPPING, markdown_table
from sendlocaloffer.model import LocalOffer

DOC = Path(__file__).resolve().parents[1] / "docs" / "open-referral.md"


def _models(tp: object, seen: set[type[BaseModel]]) -> None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in seen:
            return
        seen.add(tp)
        for info in tp.model_fields.values():
            _models(info.annotation, seen)
        return
    for arg in typing.get_args(tp):
        _models(arg, seen)


def test_every_model_field_is_mapped_or_explained() -> None:
    seen: set[type[BaseModel]] = set()
    _models(LocalOffer, seen)
    fields = {f"{cls.__name__}.{name}" for cls in seen for name in cls.model_fields}
    assert sorted(fields - MAPPING.keys()) == []
    assert sorted(MAPPING.keys() - fields) == []
    # Classes kept whole in a block: the reason is given where their holder is mapped.
    holders = {"Closure": "Service.closures", "SchoolInfo": "Service.school", "Document": "LocalOffer.documents",
               "AccessibleVersion": "LocalOffer.documents", "FeedbackReport": "LocalOffer.feedback_reports",
               "FeedbackItem": "LocalOffer.feedback_reports", "StatutoryLink": "LocalOffer.statutory_links",
               "AbsentProvision": "LocalOffer.absent_provision", "Phone": "Service.phones", "Contact": "Service.contacts"}
    for field, (hsds, oruk, note) in MAPPING.items():
        assert hsds and oruk, field
        if hsds.startswith("B") or oruk.startswith("B"):
            holder = holders.get(field.split(".")[0])
            assert note or (holder and MAPPING[holder][2]), f"{field} is kept in the block: say why"

def test_docs_show_the_current_mapping() -> None:
    text = DOC.read_text("utf-8")
    assert markdown_table(VOCAB_BASE) in text
    assert VOCAB_BASE == "https://sendlocaloffer.org/vocab/"


def test_term_uris_are_the_rdf_concept_iris() -> None:
    from sendlocaloffer import vocab
    from sendlocaloffer.formats._hsds_common import term_uri
    from sendlocaloffer.formats._rdf_terms import concept_iri

    for v in vocab.all_vocabularies():
        for t in v.terms:
            assert term_uri(v.name, t.code) == concept_iri(v.name, t.code)
