"""The pages people read, opened in a real browser: headless Debian Chromium driven by
selenium, with axe-core injected to check WCAG 2.2 A and AA, every internal link followed, and
a full-page PNG screenshot of each written to tests/artifacts/ for a person to look at.

Needs /usr/bin/chromium, /usr/bin/chromedriver and axe-core's axe.min.js
(``.ci/setup-browser.sh`` installs them); skips, saying which is missing, without them.
"""

from __future__ import annotations

import base64
import copy
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendlocaloffer import api
from sendlocaloffer.analysis import analyse_gaps, diff_offers
from sendlocaloffer.cli import main
from sendlocaloffer.model import LocalOffer
from sendlocaloffer.publish import write_offer_html
from sendlocaloffer.publish.diff import render_diff
from sendlocaloffer.publish.gaps import render_gaps

from .conftest import EXAMPLE, REPO

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
AXE_CANDIDATES = [
    Path(p) for p in (
        os.environ.get("AXE_CORE_JS", ""),
        REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js",
        REPO / "tests" / "artifacts" / "node_modules" / "axe-core" / "axe.min.js",
    ) if str(p)
]
ARTIFACTS = REPO / "tests" / "artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = ["offer", "gaps", "diff", "validation", "hostile"]


def _axe() -> Path | None:
    return next((p for p in AXE_CANDIDATES if p.is_file()), None)


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM}; run .ci/setup-browser.sh"
    if not CHROMEDRIVER.exists():
        return f"chromedriver is not installed at {CHROMEDRIVER}; run .ci/setup-browser.sh"
    if _axe() is None:
        return "axe-core's axe.min.js was not found in .ci/node/node_modules; run .ci/setup-browser.sh"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install selenium)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


@pytest.fixture(scope="module")
def example() -> LocalOffer:
    if not EXAMPLE.is_file():
        pytest.skip(f"the City of London example {EXAMPLE} is not there yet")
    return api.load(EXAMPLE)


@pytest.fixture(scope="module")
def pages(example: LocalOffer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    out = {"offer": folder / "offer.html", "gaps": folder / "gaps.html", "diff": folder / "diff.html"}
    write_offer_html(example, out["offer"])
    out["gaps"].write_text(render_gaps(analyse_gaps(example), "html"), encoding="utf-8")
    changed = copy.deepcopy(example)
    changed.services[0].name += " (renamed)"
    changed.services[1].eligibility.max_age = 19
    del changed.services[2]
    out["diff"].write_text(render_diff(diff_offers(example, changed), "html"), encoding="utf-8")
    out["hostile"] = folder / "hostile.html"
    write_offer_html(_hostile_offer(), out["hostile"])
    out["broken"] = folder / "broken.html"
    out["broken"].write_text('<html><body><p style="color:#ccc;background:#fff">faint</p><img src="x.png">'
                             '<a href="#nowhere"></a></body></html>', encoding="utf-8")
    try:
        import sendlocaloffer.checks.html  # noqa: F401
    except ImportError:
        pass
    else:
        out["validation"] = folder / "validation.html"
        main(["validate", str(EXAMPLE), "--format", "html", "--output", str(out["validation"])])
    return out


def _hostile_offer() -> LocalOffer:
    ns = uuid.uuid4()
    service = {
        "id": str(uuid.uuid5(ns, "s")), "name": "Z" + "\u0301" * 900 + " \u202egnp.exe",
        "description": '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">' + "a\u0300" * 5_000,
        "access": {"how_to_apply": '<a href="javascript:window.pwned = 3">apply</a>'},
        "provision_categories": ["health"],
    }
    return LocalOffer.model_validate({"id": str(ns), "title": "Hostile offer", "local_authority": {"name": "Council"},
                                      "services": [service]})


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as DriverService

    profile = tempfile.mkdtemp(prefix="sendlocaloffer-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1280,1000", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=DriverService(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(browser: Any, pages: dict[str, Path], name: str) -> None:
    if name not in pages:
        pytest.skip(f"the {name} page is not available: sendlocaloffer.checks.html (validate --format html) is not there yet")
    browser.get(pages[name].as_uri())


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_22_aa_violations(browser: Any, pages: dict[str, Path], name: str) -> None:
    _open(browser, pages, name)
    axe = _axe()
    assert axe is not None
    browser.execute_script(axe.read_text(encoding="utf-8"))
    raw = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(JSON.stringify({violations: r.violations, passes: r.passes.length})))"
        ".catch(e => done(JSON.stringify({error: String(e)})));",
        WCAG_TAGS,
    )
    result = json.loads(raw)
    assert "error" not in result, result.get("error")
    report = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:5]]}: {v['nodes'][0]['failureSummary']}"
        for v in result["violations"]
    ]
    assert report == []
    assert result["passes"] > 10  # axe really ran its rules over the page


@pytest.mark.parametrize("name", PAGES)
def test_every_internal_link_resolves(browser: Any, pages: dict[str, Path], name: str) -> None:
    _open(browser, pages, name)
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href^=\"#\"]')).map(a => a.getAttribute('href'));"
    )
    broken = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
        ".map(a => a.getAttribute('href'))"
        ".filter(h => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1))));"
    )
    assert links, "the page has no internal links at all"
    assert broken == []


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _shoot(browser: Any, target: Path, height: int) -> bytes:
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1}},
    )
    data = base64.b64decode(shot["data"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return data


@pytest.mark.parametrize("name", PAGES)
def test_full_page_screenshot_is_written(browser: Any, pages: dict[str, Path], name: str) -> None:
    """``NAME.png`` is the whole page (up to 16,000 pixels, Chromium's limit); ``NAME-top.png``
    the first 1,400 pixels, at a size a person can read."""
    _open(browser, pages, name)
    height = int(browser.execute_script("return document.documentElement.scrollHeight;"))
    full = _shoot(browser, ARTIFACTS / f"{name}.png", min(height, 16000))
    top = _shoot(browser, ARTIFACTS / f"{name}-top.png", min(height, 1400))
    assert _png_size(full) == (1280, min(height, 16000))
    assert _png_size(top) == (1280, min(height, 1400))
    assert height > 400 and len(full) > 20_000  # a page of content, not a blank one


def test_axe_does_report_violations_on_an_inaccessible_page(browser: Any, pages: dict[str, Path]) -> None:
    """The accessibility check can fail: a page without a language, with faint text, an image
    without alternative text and an empty link has violations."""
    _open(browser, pages, "broken")
    axe = _axe()
    assert axe is not None
    browser.execute_script(axe.read_text(encoding="utf-8"))
    raw = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(r => done(r.violations.map(v => v.id)));",
        WCAG_TAGS,
    )
    assert {"html-has-lang", "color-contrast", "image-alt", "link-name"} <= set(raw)


def test_hostile_text_stays_inert_and_bounded_in_the_browser(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages, "hostile")
    state = browser.execute_script(
        "const h = document.querySelector('article h3');"
        "return {scripts: document.scripts.length, images: document.images.length, pwned: window.pwned === undefined ? null : window.pwned,"
        " links: Array.from(document.links).map(a => a.protocol), height: h.getBoundingClientRect().height,"
        " text: document.querySelector('article').innerText};"
    )
    assert state["scripts"] == 0 and state["images"] == 0 and state["pwned"] is None
    assert set(state["links"]) <= {"file:"}  # internal #links only: no javascript: link was made
    assert state["height"] < 150  # combining marks bounded: the heading stays about one line high
    assert "<script>window.pwned = 1</script>" in state["text"]


def test_print_styles_hide_navigation_aids_and_drop_the_dark_header(browser: Any, pages: dict[str, Path]) -> None:
    """Paper copies for families without internet (SEND Regulations 2014 reg 57): with print
    media, the skip link and back links go and the header prints black on white."""
    _open(browser, pages, "offer")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        state = browser.execute_script(
            "const s = e => getComputedStyle(document.querySelector(e));"
            "return {skip: s('.skip').display, back: s('.back').display, header: s('.page-header').backgroundColor,"
            " title: s('.page-header h1').color, categories: s('section.category').breakBefore};"
        )
        _shoot(browser, ARTIFACTS / "offer-print-top.png", 1400)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert state["skip"] == "none" and state["back"] == "none"
    assert state["header"] in ("rgba(0, 0, 0, 0)", "transparent") and state["title"] == "rgb(0, 0, 0)"
    assert state["categories"] == "page"
