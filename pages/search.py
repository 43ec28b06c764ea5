"""/search?q=… : full-text search over every article's text, ranked, within the shared filters;
each hit a snippet in its own direction with the matches marked, linking to /read at the hit."""

import streamlit as st

from parley.render.search_html import search_hit_html
from parley.text.search_query import EXAMPLE
from parley.ui import search, state
from parley.ui.errors import shown_errors
from parley.ui.html import md_text, show_html

st.title("Search")
filters = state.sidebar_filters()
query = search.query_box()

with shown_errors("Could not search"):
    if not query:
        st.info(md_text(f"Type a word or a phrase ({EXAMPLE}). Words are matched with and without "
                        "their Arabic clitics (و ف ب ل ال), across Arabic and Persian spellings."))
    else:
        hits, problem = search.hits(query, filters)
        if problem:
            st.warning(md_text(problem), icon=":material/search_off:")
        elif not hits:
            st.info("No article matches this search within the filters.")
        else:
            n = len(hits)
            more = f" (the best {n} shown)" if n >= search.MAX_HITS else ""
            st.caption(f"{n} matching article{'s' if n != 1 else ''}{more}, best first.")
            with st.container(key="search_hits"):
                for hit in hits:
                    when = hit.published.isoformat() if hit.published else "undated"
                    facts = [hit.outlet or "unknown outlet", when, f"language: {hit.lang}"]
                    show_html(search_hit_html(hit.title, hit.lang, hit.link, facts, hit.snippet,
                                              hit.snippet_lang, hit.marks))
