"""`sendlocaloffer render`: the offer as one accessible, printable HTML document for families."""

from __future__ import annotations

import html
import re
import unicodedata
import uuid
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendlocaloffer import api
from sendlocaloffer.cli import main
from sendlocaloffer.model import LocalOffer
from sendlocaloffer.publish import describe_service, offer_html
from sendlocaloffer.publish._text import MAX_MARKS, clean

from .conftest import EXAMPLE
from .strategies import offers


@pytest.fixture
def example() -> LocalOffer:
    if not EXAMPLE.is_file():
        pytest.skip(f"the City of London example {EXAMPLE} is not there yet")
    return api.load(EXAMPLE)


class Page(HTMLParser):
    """What a test needs to know about a page: ids, links, tags, and the text of each heading."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str, str]] = []
        self.h3: list[str] = []
        self._in_h3 = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "id":
                self.ids.append(value or "")
            if name == "href" and tag == "a":
                self.hrefs.append(value or "")
        if tag == "h3":
            self._in_h3 = True
            self.h3.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._in_h3 = False

    def handle_data(self, data: str) -> None:
        if self._in_h3:
            self.h3[-1] += data


def _assert_links_resolve(page: Page) -> None:
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal
    assert sorted(set(internal) - set(page.ids)) == []
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"


def test_example_lists_every_shown_service_once_with_its_plain_english_parts(example: LocalOffer) -> None:
    text = offer_html(example)
    page = Page(text)
    shown = [s for s in example.services if s.status in ("active", "temporarily closed")]
    assert sorted(h for h in page.h3 if h in {s.name for s in shown}) == sorted(s.name for s in shown)
    assert page.ids.count(f"service-{shown[0].id}") == 1
    for part in ("Who it is for", "How to get it", "What it costs", "How to get in touch"):
        assert text.count(f"<dt>{part}</dt>") == len(shown)
    _assert_links_resolve(page)


def test_contents_by_provision_category_and_need(example: LocalOffer) -> None:
    page = Page(offer_html(example))
    used = {c for s in example.services for c in s.provision_categories}
    assert {f"category-{c}" for c in used} <= {h[1:] for h in page.hrefs}
    named = {n for s in example.services for n in s.eligibility.needs}
    assert {f"need-{n.lower()}" for n in named} <= set(page.ids)


def test_self_contained_with_print_styles_and_no_script(example: LocalOffer) -> None:
    text = offer_html(example)
    page = Page(text)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not [a for a in page.attrs if a[1] == "src" or a[1].startswith("on")]
    assert "@media print" in text and '<html lang="en-GB">' in text


def test_same_offer_same_bytes(example: LocalOffer, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["render", str(EXAMPLE), str(a)]) == 0
    assert main(["render", str(EXAMPLE), "--output", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes() == offer_html(example).encode("utf-8")


def _hostile(**fields: Any) -> LocalOffer:
    ns = uuid.uuid4()
    service = {"id": str(uuid.uuid5(ns, "s")), "name": "Hostile service", "provision_categories": ["health"], **fields}
    return LocalOffer.model_validate({"id": str(ns), "title": "Offer", "local_authority": {"name": "Council"}, "services": [service]})


def test_script_in_a_description_is_inert_text() -> None:
    text = offer_html(_hostile(description='<script>alert("x")</script><img src=x onerror=alert(1)>'))
    assert "<script" not in text.lower() and "<img" not in text.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    assert "script" not in Page(text).tags


def test_javascript_links_in_text_never_become_links() -> None:
    text = offer_html(_hostile(description='<a href="javascript:alert(1)">click</a>', name="javascript:alert(1)",
                               access={"how_to_apply": "javascript:alert(document.cookie)"}))
    page = Page(text)
    assert not [h for h in page.hrefs if not (h.startswith("#") or h.startswith("https:"))]
    assert "javascript:alert(1)" in html.unescape(text)  # shown, as text


def test_a_javascript_web_address_that_bypassed_validation_is_not_linked() -> None:
    offer = _hostile()
    sneaky = offer.services[0].model_copy(update={"website": "javascript:alert(1)", "email": 'a"@b.c'})
    text = offer_html(offer.model_copy(update={"services": [sneaky]}))
    assert not [h for h in Page(text).hrefs if h.lower().startswith("javascript")]
    assert "javascript:alert(1)" in text


def test_right_to_left_overrides_are_removed_and_text_isolated() -> None:
    name = "Speech \u202egnp.exe\u202c therapy \u2067x\u2069"
    text = offer_html(_hostile(name=name, description="\u202eevil\u202c and \u05e9\u05dc\u05d5\u05dd"))
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert control not in text
    assert "<h3 id=\"service-" in text and "<bdi>Speech gnp.exe therapy x</bdi>" in text
    assert "<p><bdi>evil and \u05e9\u05dc\u05d5\u05dd</bdi></p>" in text  # Hebrew kept, isolated in <bdi>


def _longest_mark_run(text: str) -> int:
    longest = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        longest = max(longest, run)
    return longest


def test_ten_thousand_combining_marks_are_bounded() -> None:
    zalgo = "Z" + "\u0301" * 10_000 + "algo"
    name = "N" + "\u0489" * 990  # a name is at most 1,000 characters
    text = offer_html(_hostile(name=name, description=zalgo, eligibility={"description": "\u036f" * 10_000}))
    assert _longest_mark_run(text) == MAX_MARKS
    assert "Z" + "\u0301" * MAX_MARKS + "algo" in text
    assert "<bdi>N" + "\u0489" * MAX_MARKS + "</bdi>" in text
    assert len(text) < len(offer_html(_hostile())) + 1_000


def test_clean_keeps_ordinary_accents_and_newlines() -> None:
    assert clean("Café\r\nnaïve\x00\x1b[31m") == "Café\nnaïve[31m"
    assert clean("tiê\u0301ng Việt") == "tiê\u0301ng Việt"


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_plain_english_for_who_how_cost_when_and_contact() -> None:
    offer = _hostile(
        eligibility={"min_age": 5, "max_age": 18, "needs": ["ASD"], "ehc_plan_required": False},
        access={"routes": ["self-referral"]},
        cost={"kind": "paid", "options": [{"option": "per session", "amount": 12.5}], "personal_budget": True},
        opening_hours=[{"days": ["MO", "TU", "WE", "TH", "FR"], "opens": "09:00", "closes": "17:30", "note": "Term time only"},
                       {"days": ["SA", "TU"], "opens": "12:00", "closes": "13:00"}],
        phones=[{"number": "020 7332 1002"}], email="send@cityoflondon.gov.uk",
    )
    view = describe_service(offer.services[0], {}, {})
    assert view.who[:2] == ["Ages 5 to 18.", "For children and young people with: Autistic spectrum disorder."]
    assert view.how[0].startswith("Self-referral")
    assert view.cost == ["There is a charge.", "£12.50, per session.", "You can pay for it with an EHC plan personal budget."]
    assert view.when == ["Monday to Friday: 9am to 5:30pm (Term time only)", "Tuesday and Saturday: 12 noon to 1pm"]
    text = offer_html(offer)
    assert 'href="tel:+442073321002"' in text and 'href="mailto:send@cityoflondon.gov.uk"' in text
    assert "Monday to Friday: 9am to 5:30pm (Term time only)" in _plain(text)


def test_inactive_and_defunct_services_are_left_out_and_closed_ones_flagged() -> None:
    ns = uuid.uuid4()
    offer = LocalOffer.model_validate({"id": str(ns), "title": "Offer", "local_authority": {"name": "Council"}, "services": [
        {"id": str(uuid.uuid5(ns, status)), "name": f"Service {status}", "status": status}
        for status in ("active", "inactive", "defunct", "temporarily closed")]})
    h3 = Page(offer_html(offer)).h3
    assert "Service active" in h3 and "Service temporarily closed" in h3
    assert "Service inactive" not in h3 and "Service defunct" not in h3
    assert "This service is temporarily closed." in offer_html(offer)


def test_missing_offer_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "none.json"), str(tmp_path / "out.html")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "out.html").exists()


@settings(max_examples=30)
@given(offers(max_services=6))
def test_any_offer_renders_with_every_link_resolving_and_every_name_shown(offer: LocalOffer) -> None:
    text = offer_html(offer)
    page = Page(text)
    _assert_links_resolve(page)
    shown = [s for s in offer.services if s.status in ("active", "temporarily closed")]
    headings = [" ".join(h.split()) for h in page.h3]
    for s in shown:
        assert " ".join(clean(s.name).split()) in headings
    assert "script" not in page.tags


_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@settings(max_examples=50)
@given(st.text(max_size=300))
def test_clean_never_leaves_bidi_controls_or_a_long_run_of_marks(text: str) -> None:
    out = clean(text)
    assert not (_CONTROLS & set(out))
    assert not any(ord(ch) < 0x20 and ch not in "\t\n" for ch in out)
    assert _longest_mark_run(out) <= MAX_MARKS


@settings(max_examples=30)
@given(st.text(max_size=200).filter(str.strip), st.text(max_size=500))
def test_any_text_in_name_and_description_adds_no_markup(name: str, description: str) -> None:
    plain = Page(offer_html(_hostile()))
    page = Page(offer_html(_hostile(name=name, description=description)))
    assert page.tags <= plain.tags | {"br", "p", "bdi"}
    assert {a for a in page.attrs if a[1] != "id" and a[1] != "href" and a[1] != "aria-labelledby"} == {
        a for a in plain.attrs if a[1] != "id" and a[1] != "href" and a[1] != "aria-labelledby"}
