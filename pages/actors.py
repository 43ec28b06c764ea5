"""/actors : actors with mentions, side and role; ?actor=ID opens a profile."""

from collections.abc import Iterable
from typing import Any

import streamlit as st

from parley.render.html import evidence_block, link, meta_line, text_block
from parley.ui import curation_forms as forms
from parley.ui import state, store
from parley.ui.errors import shown_errors
from parley.ui.html import md_text, show_html
from parley.ui.tables import selectable_table


def pick_actor(actor_id: str | None) -> None:
    """Table callback: the selected actor goes into the URL as ?actor=ID."""
    current = state.current_filters(show_notices=False)
    state.write_filters(current.replace(actors=(actor_id,) if actor_id else ()))


def shown_of(shown: int, total: int) -> None:
    """Say so when a list shows only its first rows."""
    if shown < total:
        st.caption(f"The first {shown:,} of {total:,}: narrow the filters (dates, languages, outlets) "
                   "to see others.")


def show_all(fragments: Iterable[str]) -> None:
    """A list of fragments as one st.html (50 elements apiece took the browser long to draw)."""
    html = "".join(fragments)
    if html:
        show_html(html)


def article_facts(r: Any) -> list[str]:
    """Outlet, date and mention count of one row of a profile's articles."""
    return [r.outlet or "", str(r.published or "undated"), f"{r.mentions} mentions"]


PROFILE_ROWS = 50  # per list: a much-named actor has thousands of articles

st.title("Actors")
filters = state.sidebar_filters(show=("dates", "langs", "outlets", "sides", "actors"))

with shown_errors("Could not read the actors"):
    table = store.actors_table(filters)
    selected = filters.actors[0] if filters.actors else None
    st.caption(f"{len(table)} actors mentioned in the filtered articles. Select a row for a profile.")
    selectable_table(
        table, key="actors_table", id_column="actor_id", selected=selected, on_pick=pick_actor,
        columns=["name_en", "side", "kind", "role", "mentions", "articles", "name_ar", "name_fa"],
        column_config={"name_en": "Actor", "name_ar": "Arabic", "name_fa": "Persian"})
    if selected:
        profile = store.actor_profile(filters, selected, PROFILE_ROWS)
        if profile is None:
            st.warning("That actor is not in the database.")
        else:
            a = profile.actor
            st.header(md_text(a["name_en"]))
            names = [text_block(a[f"name_{lg}"], lg, tag="span") for lg in ("ar", "fa")
                     if a.get(f"name_{lg}")]
            show_html(" · ".join(names))
            show_html(meta_line([f"side: {a['side']}", f"kind: {a['kind']}", a["role"] or "",
                                 "✎ curated" if a.get("curated") else ""]))
            forms.curated_badge(a.get("curated"), a.get("correction_ids") or "", key="actor_hist")
            forms.actor_form(a, key="actor_fix")
            n_pos, n_quotes, n_arts = profile.totals
            tabs = st.tabs([f"Positions ({n_pos:,})", f"Quotes ({n_quotes:,})", f"Articles ({n_arts:,})"])
            with tabs[0]:
                show_all(evidence_block(p.evidence, p.lang, p.link, p.title or p.article_id,
                                        notes=[f"{p.topic}: {p.stance}", f"confidence {p.confidence:.2f}",
                                               f"cues: {p.cues}"])
                         for p in profile.positions.itertuples(index=False))
                if profile.positions.empty:
                    st.caption("No positions in the filtered articles.")
                shown_of(len(profile.positions), n_pos)
            with tabs[1]:
                show_all(evidence_block(q.text, q.lang, q.link, q.title or q.article_id, notes=[q.cue])
                         for q in profile.quotes.itertuples(index=False))
                if profile.quotes.empty:
                    st.caption("No quotes in the filtered articles.")
                shown_of(len(profile.quotes), n_quotes)
            with tabs[2]:
                show_all(f"<div>{link(r.link, r.title or r.article_id)} {meta_line(article_facts(r))}</div>"
                         for r in profile.articles.itertuples(index=False))
                shown_of(len(profile.articles), n_arts)
