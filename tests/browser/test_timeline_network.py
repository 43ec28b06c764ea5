"""/timeline and /network in a real Chromium, opened from URLs with parameters, over the seeds.

The Qatari prime minister's visit to Tehran on 2026-01-31 ('أمس السبت' in seed 003, dated
2026-02-01) is on the timeline and its evidence reads right to left; on the network the
mediators link the US and Iran (metrics and brokers list); Arabic labels are drawn.
Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from apptest.seeddb import SeededDb
from browser.conftest import screenshot

pytestmark = pytest.mark.browser

QATAR_PM = "Mohammed bin Abdulrahman Al Thani"
MEDIATORS = ("egypt", "qatar", "turkey", "oman")

# Every point of the plotly figure on the page: trace name, x, hover text and customdata.
# _fullData holds the decoded arrays (numeric arrays travel base64-encoded in gd.data).
POINTS = r"""
() => {
  const gd = document.querySelector('[data-testid=stApp] .js-plotly-plot');
  if (!gd || !gd._fullData) return null;
  const arr = v => (v == null ? [] : Array.from(v));
  const out = [];
  gd._fullData.forEach(t => {
    const x = arr(t.x), y = arr(t.y), hv = arr(t.hovertext), cd = arr(t.customdata), tx = arr(t.text);
    x.forEach((xv, i) => out.push({trace: t.name, x: xv, y: y[i], hover: hv[i] || null,
                                   custom: cd[i] ? Array.from(cd[i]) : null, text: tx[i] || null}));
  });
  return out;
}
"""

# Drawn SVG text of the plotly figure with its rendered width (0 when not painted).
SVG_TEXT = r"""
() => [...document.querySelectorAll('[data-testid=stApp] .js-plotly-plot text')].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, width: r.width, height: r.height};
})
"""


def _wait_plot(page: Any) -> list[dict[str, Any]]:
    page.wait_for_selector("[data-testid=stApp] .js-plotly-plot", timeout=60_000)
    page.wait_for_function("() => { const g = document.querySelector('.js-plotly-plot');"
                           " return g && g._fullData && g._fullData.length > 0; }", timeout=60_000)
    points: list[dict[str, Any]] = page.evaluate(POINTS)
    return points


def _qatar_visit(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for p in points if p["custom"] and p["custom"][0] == "event" and p["hover"]
            and QATAR_PM in p["hover"] and str(p["x"]).startswith("2026-01-31")
            and "Visit" in p["hover"]]


def test_timeline_shows_the_qatari_pm_visit_and_its_rtl_evidence(
        open_page: Callable[[str], Any], browser_db: SeededDb) -> None:
    page = open_page("/timeline?from=2026-01-25&to=2026-02-10")
    visit = _qatar_visit(_wait_plot(page))
    assert visit, "the Qatari PM's visit on 2026-01-31 is not on the timeline"
    assert "in Tehran" in visit[0]["hover"]
    points = page.evaluate(POINTS)
    published = {p["custom"][1] for p in points if p["custom"] and p["custom"][0] == "article"}
    assert browser_db.ids["003"] in published  # the article track holds seed 003 (2026-02-01)
    screenshot(page, "timeline-seeds")

    event_id = visit[0]["custom"][1]
    page = open_page(f"/timeline?from=2026-01-25&to=2026-02-10&rows=actor&event={event_id}")
    _wait_plot(page)
    block = page.locator(".parley-evidence blockquote", has_text="أمس السبت").first
    block.wait_for(timeout=60_000)
    info = block.evaluate("el => ({dir: el.getAttribute('dir'), lang: el.getAttribute('lang'),"
                          " direction: getComputedStyle(el).direction, align: getComputedStyle(el).textAlign,"
                          " width: el.getBoundingClientRect().width})")
    assert info["dir"] == "rtl" and info["direction"] == "rtl" and info["lang"] == "ar", info
    assert info["align"] in ("right", "start"), info
    assert info["width"] > 100, info
    link = page.locator(f'a[href="/read?a={browser_db.ids["003"]}"]').first
    assert link.is_visible()
    rows = {p["y"] for p in page.evaluate(POINTS) if p["custom"] and p["custom"][0] == "event"}
    assert QATAR_PM in rows  # rows by actor, from the URL
    block.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(screenshot(page, "timeline-seeds-event")))  # the evidence, in view


def test_network_has_arabic_labels_and_mediators_between_us_and_iran(
        open_page: Callable[[str], Any]) -> None:
    page = open_page("/network")
    points = _wait_plot(page)
    actors = {p["custom"][1] for p in points if p["custom"] and p["custom"][0] == "actor"}
    assert {"usa", "iran"} <= actors
    drawn = page.evaluate(SVG_TEXT)
    arabic = [t for t in drawn if any("\u0600" <= ch <= "\u06ff" for ch in t["text"])]
    assert any("إيران" in t["text"] for t in arabic), drawn[:20]
    assert all(t["width"] > 0 and t["height"] > 0 for t in arabic)
    screenshot(page, "network-seeds")

    page = open_page("/network?level=states")
    _wait_plot(page)
    page.wait_for_selector(".parley-brokers li", timeout=60_000)
    listed = page.eval_on_selector_all(".parley-brokers li", "els => els.map(e => e.dataset.actor)")
    missing = [m for m in MEDIATORS if m not in listed]
    assert not missing, f"mediators not between the US and Iran: {missing}; listed {listed}"
    brokers_text = page.locator(".parley-brokers").inner_text()
    assert "سلطنة عمان" in brokers_text or "عمان" in brokers_text
    screenshot(page, "network-seeds-states")


def test_network_focus_from_the_url(open_page: Callable[[str], Any]) -> None:
    page = open_page("/network?actor=oman&level=actors")
    points = _wait_plot(page)
    actors = {p["custom"][1] for p in points if p["custom"] and p["custom"][0] == "actor"}
    assert "oman" in actors and len(actors) >= 2
    assert page.get_by_text("focused on Oman and neighbours").first.is_visible()
    screenshot(page, "network-seeds-focus-oman")
