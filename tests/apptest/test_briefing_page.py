"""/briefing in AppTest: the summary of the filters, saving gives an id, ?b=ID is read-only."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from apptest.conftest import HOSTILE, RunPage, html_of, texts
from sqlalchemy import select

from parley.briefing import FIGURE_CAPTIONS
from parley.filters import Filters
from parley.store.briefings import load_briefing
from parley.store.db import make_engine
from parley.store.filters import article_ids
from parley.store.schema import briefings


def _headings(at: object) -> list[str]:
    return [str(h.value) for h in at.subheader]  # type: ignore[attr-defined]


def _content(at: object) -> list[str]:
    """The page's st.html fragments in order (the main area: not the sidebar's link to the view),
    without the app's stylesheet."""
    return [str(h.proto.body) for h in at.main.get("html")  # type: ignore[attr-defined]
            if not str(h.proto.body).lstrip().startswith("<style")]


class _Tables(HTMLParser):
    """The body rows of every <table>, each cell's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.tables[-1].append([])
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tbody":
            self._in_body = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _tables(at: object) -> list[list[list[str]]]:
    """The briefing's tables as the page shows them (HTML, as in the downloaded document)."""
    parser = _Tables()
    parser.feed("".join(_content(at)))
    return parser.tables


def _frames(at: object) -> list[list[list[str]]]:
    return [e.value.astype(str).values.tolist() for e in at.dataframe]  # type: ignore[attr-defined]


def test_editable_summary_of_the_filters(run_page: RunPage) -> None:
    at = run_page("pages/briefing.py", lang="fa")
    assert not at.exception
    assert {"Sources by language and outlet", "Selected quotes", "Actor network"} <= set(_headings(at))
    assert [t.label for t in at.main.text_input] == ["Title"]  # (the sidebar holds the search box)
    assert [t.label for t in at.text_area] == ["Analyst notes"]
    assert any(b.label == "Save briefing" for b in at.button)
    sources = _tables(at)[0]
    assert {row[0] for row in sources} == {"fa"}  # the language filter reached the summary
    body = html_of(at)
    assert 'dir="rtl" lang="fa"' in body  # the Persian quote, in its own language and direction
    assert "ترامپ آماده است" in body


def test_save_then_open_the_link_read_only(run_page: RunPage, seeded: object) -> None:
    at = run_page("pages/briefing.py", lang="fa,ar", actor="marco_rubio")
    assert not at.exception
    at.text_input[0].set_value("Rubio <b>briefing</b>")
    at.text_area[0].set_value("Analyst note: the Persian quote matters.")
    at.run()
    next(b for b in at.button if b.label == "Save briefing").click()
    at.run()
    assert not at.exception
    code = "\n".join(str(c.value) for c in at.code)
    m = re.search(r"\?b=([A-Za-z0-9_-]{6,16})", code)
    assert m, code
    bid = m.group(1)
    url = seeded.url  # type: ignore[attr-defined]
    saved = load_briefing(make_engine(url), bid)
    assert saved is not None and saved.title == "Rubio <b>briefing</b>"
    pinned = saved.params.pop("a").split(",")  # pinned to the articles shown when saved
    assert saved.params == {"actor": "marco_rubio", "lang": "fa,ar"}
    # the articles the filters keep (parley.store.filters.where): those naming Rubio, in fa or ar
    keeps = article_ids(make_engine(url), Filters(langs=("fa", "ar"), actors=("marco_rubio",)))
    assert keeps and sorted(pinned) == sorted(keeps)
    edit_frames, edit_html = _frames(at), _content(at)
    assert not edit_frames and "<table>" in "".join(edit_html)  # tables as in the document, in HTML

    view = run_page("pages/briefing.py", b=bid)
    assert not view.exception
    # Read-only: no editing widgets and no sidebar filters, only the downloads.
    assert not view.text_input and not view.text_area and not view.button
    assert not view.multiselect and not view.date_input
    assert len(view.get("download_button")) == 4
    assert "Rubio &lt;b&gt;briefing&lt;/b&gt;" in html_of(view)  # the title, escaped
    # The same content as the editor showed when it was saved.
    assert _frames(view) == edit_frames
    assert _content(view) == edit_html
    assert "Analyst note: the Persian quote matters." in html_of(view)


def test_a_bad_link_gives_a_notice_not_a_crash(run_page: RunPage, seeded: object) -> None:
    for value in (*HOSTILE.values(), "nosuchid1"):
        at = run_page("pages/briefing.py", b=value)
        assert not at.exception, value
        assert not at.text_input and not at.button
        assert "not valid" in texts(at, "error") or texts(at, "warning"), value
    engine = make_engine(seeded.url)  # type: ignore[attr-defined]
    with engine.connect() as conn:  # nothing was saved by opening links
        ids = [r for (r,) in conn.execute(select(briefings.c.id))]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{8}", i) for i in ids)


def test_the_charts_are_drawn_when_their_panel_is_opened(run_page: RunPage) -> None:
    """Each chart of the document sits in a panel named after it, drawn only while open; the
    caption stays."""
    at = run_page("pages/briefing.py")
    assert not at.exception and not at.get("plotly_chart")
    panels = [str(e.label).replace("\\", "") for e in at.main.expander if str(e.label).startswith("Chart")]
    assert panels == [f"Chart: {FIGURE_CAPTIONS['network']}"], panels  # the seeds, all articles: one chart
    assert FIGURE_CAPTIONS["network"] in texts(at, "caption").replace("\\", "")
    at.session_state["parley_briefing_chart_0"] = True  # as a click on the panel does
    at.run()
    assert not at.exception and len(at.get("plotly_chart")) == 1
