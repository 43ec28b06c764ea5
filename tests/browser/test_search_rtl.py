"""Search in a real Chromium: an Arabic word typed without its clitic into the sidebar box lands on
/search, whose hits are right-to-left snippets (computed direction and alignment, first word at the
right edge) with the clitic forms marked; opening a hit shows /read scrolled to the marked hit."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browser.conftest import ARTIFACTS, READY, screenshot
from browser.rtl import MEASURE, PRESENTATION_FORMS, TOLERANCE_PX

from parley.text.normalize import normalize_text

pytestmark = pytest.mark.browser
WORD = "إيران"  # typed bare; the seeds also write it وإيران, لإيران, بإيران
DEEP = "تحالفات"  # once in the seeds, as التحالفات, some 4,300 characters into seed 002
CLITIC_FORMS = {"و", "ل", "ب", "ف"}

SNIPPETS = r"""() => [...document.querySelectorAll('.parley-search-hit')].map(hit => {
  const snip = hit.querySelector('.parley-snippet');
  const cs = getComputedStyle(snip);
  return {lang: snip.getAttribute('lang'), dir: snip.getAttribute('dir'), direction: cs.direction,
          align: cs.textAlign, href: hit.querySelector('a').getAttribute('href'),
          marks: [...snip.querySelectorAll('mark')].map(m => m.textContent),
          markBg: [...snip.querySelectorAll('mark')].map(m => getComputedStyle(m).backgroundColor)};
})"""
HIT_IN_VIEW = """() => { const m = document.getElementById('parley-hit'); if (!m) return null;
  const r = m.getBoundingClientRect();
  return {text: m.textContent, top: r.top, bottom: r.bottom, height: window.innerHeight,
          bg: getComputedStyle(m).backgroundColor}; }"""


@pytest.fixture(scope="module")
def landed(server: str, browser: Any) -> Any:
    """Overview opened, the bare word typed into the sidebar box and Enter pressed."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.goto(server + "/")
    page.wait_for_selector(READY, timeout=60_000)
    box = page.locator("[data-testid=stSidebar] input[aria-label='Search articles']")
    box.fill(WORD)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?"), timeout=60_000)
    page.wait_for_selector(".parley-search-hit", timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    yield page
    context.close()


def test_the_box_lands_on_search_with_the_query_in_the_url(landed: Any) -> None:
    query = parse_qs(urlsplit(landed.url).query)
    assert query["q"] == [WORD]
    assert landed.locator("[data-testid=stMain] input[aria-label='Search']").input_value() == WORD


def test_hits_are_rtl_snippets_with_the_clitic_forms_marked(landed: Any) -> None:
    hits = landed.evaluate(SNIPPETS)
    rtl = [h for h in hits if h["lang"] in ("ar", "fa")]
    assert len(rtl) >= 3, hits
    for h in rtl:
        assert h["dir"] == "rtl" and h["direction"] == "rtl", h
        assert h["align"] in ("right", "-webkit-right"), h
        assert h["marks"] and all(normalize_text(m).endswith(normalize_text("يران")) for m in h["marks"]), h
        assert all(bg not in ("rgba(0, 0, 0, 0)", "transparent") for bg in h["markBg"]), h
    clitic = [m for h in rtl for m in h["marks"] if m[0] in CLITIC_FORMS]
    assert clitic, rtl  # found without the clitic typed
    blocks = landed.evaluate(MEASURE, ".parley-snippet[dir=rtl]")
    for b in blocks:
        assert abs(b["word"]["right"] - b["right"]) <= TOLERANCE_PX, b
    assert not PRESENTATION_FORMS.search(landed.evaluate("() => document.body.innerText"))
    assert screenshot(landed, "search_iran").stat().st_size > 10_000


def test_opening_a_hit_shows_read_scrolled_to_the_marked_hit(landed: Any) -> None:
    """A word whose only hit lies far down its article (typed without the article ال)."""
    box = landed.locator("[data-testid=stSidebar] input[aria-label='Search articles']")
    box.fill(DEEP)
    box.press("Enter")
    landed.wait_for_url(re.compile(r"/search\?q=" + re.escape(quote(DEEP))), timeout=60_000)
    landed.wait_for_selector(READY, timeout=60_000)
    # the previous query's hits stay on the page until the new run replaces them: wait for the new
    landed.wait_for_function("() => { const m = [...document.querySelectorAll('.parley-search-hit mark')];"
                             f" return m.length > 0 && m.every(x => x.textContent.includes('{DEEP}')); }}",
                             timeout=60_000)
    landed.wait_for_selector(READY, timeout=60_000)
    hits = landed.evaluate(SNIPPETS)
    assert len(hits) == 1 and hits[0]["dir"] == "rtl", hits
    assert hits[0]["marks"] == ["ال" + DEEP]  # the clitic form, found without the clitic
    start = int(parse_qs(urlsplit(hits[0]["href"]).query)["s"][0])
    assert start > 3000
    landed.locator(".parley-search-hit a").first.click()
    landed.wait_for_url(re.compile(r"/read\?"), timeout=60_000)
    landed.wait_for_selector(READY, timeout=60_000)
    landed.wait_for_selector("#parley-hit", timeout=60_000)
    landed.wait_for_function("""() => { const m = document.getElementById('parley-hit');
        if (!m) return false; const r = m.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""", timeout=20_000)
    seen = landed.evaluate(HIT_IN_VIEW)
    assert seen["text"] == "ال" + DEEP, seen
    assert seen["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert parse_qs(urlsplit(landed.url).query)["s"] == [str(start)]
    scrolled = landed.evaluate("() => Math.max(window.scrollY, ...[...document.querySelectorAll('*')]"
                               ".map(e => e.scrollTop))")
    assert scrolled > 500  # the hit was far below the fold and the view moved to it
    direction = landed.evaluate("() => getComputedStyle(document.getElementById('parley-hit')"
                                ".closest('.parley-para')).direction")
    assert direction == "rtl"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    landed.screenshot(path=str(ARTIFACTS / "read_at_hit.png"))  # the viewport: what the reader sees
