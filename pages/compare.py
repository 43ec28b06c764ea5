"""/compare?a=ID1,ID2[,ID3] : sources side by side, aligned passages on shared rows, a facts table.

Also ``mode=outlet`` (two or three outlets, ``outlet=A,B``) or ``mode=side`` (``side=us,iran``):
the groups' facts compared. Every source keeps to the articles the sidebar's filters keep (dates,
languages, outlets, sides, ...; never duplicates). Bad ids give a notice, never a crash.
"""

import streamlit as st

from parley.analyze.compare import (
    column_heads,
    compare_sources,
    date_note,
    legend_items,
    marked_ids,
    notable_facts,
    summarize,
    view_rows,
)
from parley.render.html import colours_for, legend, side_by_side
from parley.render.images import comparison_png
from parley.ui import state, store
from parley.ui.errors import shown_errors
from parley.ui.html import md_text, show_html

MODES = {"articles": "Articles", "outlet": "Two outlets", "side": "Two sides"}
MAX_SOURCES = 3

filters = state.sidebar_filters(show=("dates", "outlets", "sides"))
st.title("Compare sources")
st.caption("How different outlets, in different languages, tell the same story: passages that report "
           "the same thing share a row; facts show which source carries what, and where they differ.")

mode = state.page_param("mode", MODES, what="mode") or "articles"
choice = st.segmented_control("Compare", list(MODES), default=mode, format_func=MODES.__getitem__,
                              key="compare_mode")
if choice and choice != mode:
    state.set_page_param("mode", None if choice == "articles" else choice)
    st.rerun()

PICKER_ROWS = 2000

with shown_errors("The comparison could not be built"):
    acts, plcs = store.compare_reference_frames()
    if mode == "articles":
        picks = store.compare_article_choices(filters, PICKER_ROWS)  # the newest, and those picked
        labels = dict(zip(picks["id"], picks["label"], strict=True))
        chosen = list(filters.articles)  # known ids; one outside the filters is reported as left out
        offered = [a for a in chosen[:MAX_SOURCES] if a in labels]
        picked = st.multiselect("Articles (two or three)", list(labels), default=offered,
                                format_func=labels.__getitem__, max_selections=MAX_SOURCES,
                                key="compare_pick")
        if picked != offered:
            state.set_page_param("a", ",".join(picked) or None)
            st.rerun()
        if len(chosen) > MAX_SOURCES:
            st.warning(f"Only {MAX_SOURCES} articles can be compared; the first {MAX_SOURCES} are shown.")
        sources, missing = store.compare_article_sources(filters, chosen[:MAX_SOURCES])
        if missing:
            st.warning(f"{len(missing)} article(s) are not in the database or outside the filters "
                       "and were left out.")
    else:
        options = store.compare_group_choices(filters)[mode]
        current = list(filters.outlets if mode == "outlet" else filters.sides)
        picked = st.multiselect(f"{MODES[mode]} (two or three)", options,
                                default=[v for v in current if v in options][:MAX_SOURCES],
                                max_selections=MAX_SOURCES, key=f"compare_{mode}")
        if picked != [v for v in current if v in options][:MAX_SOURCES]:
            state.write_filters(filters.replace(**{"outlets" if mode == "outlet" else "sides": picked}))
            st.rerun()
        sources = store.compare_group_sources(filters, "outlet" if mode == "outlet" else "side", picked)

    if len(sources) < 2:
        st.info("Pick two or three sources to compare.")
        st.stop()

    comparison = compare_sources(sources, actors=acts, places=plcs, align=mode == "articles")
    for s in sources:
        note = date_note(s)
        if note.startswith("no date"):
            st.info(md_text(f"{s.label}: {note}. Its events are shown undated; no date is assumed."),
                    icon=":material/event_busy:")

    colours = colours_for(marked_ids(comparison))
    if colours:
        show_html(legend(legend_items(comparison, colours)))

    heads = column_heads(comparison)
    if comparison.rows:
        aligned = sum(1 for r in comparison.rows if r.aligned)
        st.caption(f"{aligned} aligned passages; {len(comparison.rows) - aligned} found in one source only.")
        with st.container(key="compare_grid"):
            show_html(side_by_side(heads, view_rows(comparison, colours)))
    else:
        show_html(side_by_side(heads, []))

    st.subheader("Facts")
    facts = comparison.facts
    differ = int(facts["disagreement"].sum()) if not facts.empty else 0
    st.caption(f"{len(facts)} facts; {differ} where the sources disagree (different dates or venues).")
    only_diff = st.toggle("Only facts where sources disagree or one source alone carries it",
                          key="compare_only_diff")
    shown = notable_facts(facts) if only_diff else facts
    st.dataframe(shown.drop(columns=["key", "carried_by"]), hide_index=True, key="compare_facts",
                 column_config={"disagreement": st.column_config.CheckboxColumn("differs")})

    st.download_button("Download the summary (PNG)", data=lambda: comparison_png(summarize(comparison)),
                       file_name="parley-comparison.png", mime="image/png", on_click="ignore",
                       icon=":material/image:", key="compare_png")
