"""/read?a=ID[&s=START&e=END] : one article's clean text, each block in its own direction, actors
highlighted; a search hit (s, e) highlighted and scrolled to."""

import streamlit as st

from parley.render.html import SCROLL_TO_HIT, article_html, colours_for, legend, meta_line, text_block
from parley.ui import curation_forms as forms
from parley.ui import search, state, store
from parley.ui.errors import shown_errors
from parley.ui.html import run_script, show_html


def pick_article(article_id: str | None) -> None:
    """Picker callback: the chosen article goes into the URL as ?a=ID."""
    state.set_page_param("a", article_id)


PICKER_ROWS = 1000

filters = state.sidebar_filters(show=("dates", "langs", "outlets"))

with shown_errors("Could not read the article"):
    chosen = filters.articles[0] if filters.articles else None
    if chosen is None:
        st.title("Read an article")
        # the newest PICKER_ROWS of the filtered articles: narrow the filters (or use the
        # overview's table) to reach older ones
        table = store.articles_table(filters.replace(articles=()), PICKER_ROWS)
        titles = {str(i): f"{t or '(untitled)'} — {o or 'unknown outlet'}"
                  for i, t, o in zip(table["id"], table["title"], table["outlet"], strict=True)}
        picked = st.selectbox("Article", list(titles), index=None, format_func=titles.__getitem__,
                              placeholder="Choose an article", key="read_pick")
        if picked:
            pick_article(picked)
            st.rerun()
    else:
        view = store.article_view(chosen)
        if view is None:
            st.warning("That article is not in the database.")
        else:
            art = view.article
            lang = art["lang"]
            show_html(text_block(art["title"] or "(untitled)", lang, tag="h2", cls="parley-title"))
            if art["published"] is None:
                when = f"undated ({art['date_basis']})"
            else:
                shown = art["published"].strftime("%Y-%m" if art["date_precision"] == "month" else "%Y-%m-%d")
                when = f"published {shown} ({art['date_precision']} precision; from: {art['date_basis']})"
            show_html(meta_line([art["outlet"] or "unknown outlet", when, f"language: {lang}",
                                 f"source: {art['origin']}",
                                 f"duplicate of {art['duplicate_of']}" if art["duplicate_of"] else ""]))
            ments = view.mentions
            colours = colours_for(ments["actor_id"])
            names = dict(zip(ments["actor_id"], ments["name_en"], strict=True))
            if colours:
                show_html(legend((names[a], c) for a, c in colours.items()))
            raw = st.toggle("Show the raw text", key="read_raw")
            if raw:
                show_html(text_block(art["raw"], lang, cls="parley-raw"))
            else:
                marks = [(int(s), int(e), colours[a], names[a])
                         for s, e, a in zip(ments["start"], ments["end"], ments["actor_id"], strict=True)]
                segs = [(int(s), int(e), str(g)) for s, e, g in
                        zip(view.segments["start"], view.segments["end"], view.segments["lang"], strict=True)]
                hit = search.hit_span(len(art["text"]))  # from /search: ?s=START&e=END
                with st.container(key="article_text"):
                    show_html(article_html(art["text"], segs, marks, hit=hit))
                if hit is not None:
                    run_script(SCROLL_TO_HIT)
            sentences = [(int(i), int(s), int(e), str(t)) for i, s, e, t in zip(
                view.segments["idx"], view.segments["start"], view.segments["end"], view.segments["text"],
                strict=True)]
            forms.article_curation(chosen, sentences)
