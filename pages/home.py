"""/ : corpus overview — how many articles match; by language, outlet and date; the articles
table, one page at a time (?p=N)."""

import streamlit as st

from parley.ui import state, store
from parley.ui.errors import shown_errors
from parley.ui.html import show_html

st.title("Corpus overview")
filters = state.sidebar_filters()

PAGE_ROWS = 100

with shown_errors("Could not read the corpus"):
    total = store.count_matching(filters)
    st.caption(f"{total:,} articles match the filters.")
    cols = st.columns(3)
    for col, (by, title) in zip(cols, [("lang", "By language"), ("outlet", "By outlet"),
                                       ("published", "By date")], strict=True):
        with col, st.container(key=f"chart_{by}"):  # HTML bars: plotly's start-up cost more than the page
            show_html(store.corpus_bars(filters, by, title))
    st.subheader("Articles")
    page = state.page_number(total, PAGE_ROWS)
    table = store.articles_table(filters, PAGE_ROWS, (page - 1) * PAGE_ROWS)
    st.dataframe(
        table, hide_index=True, key="articles",
        column_order=["link", "title", "outlet", "lang", "published", "date_precision", "mentions", "origin"],
        column_config={
            "link": st.column_config.LinkColumn("Read", display_text="open"),
            "title": st.column_config.TextColumn("Title", width="large"),
            "published": st.column_config.DateColumn("Published"),
            "date_precision": "Precision",
        },
    )
