"""/ : corpus overview — articles by language, outlet and date, and the articles table."""

import streamlit as st

from parley.ui import state, store
from parley.ui.charts import count_bar
from parley.ui.errors import shown_errors

st.title("Corpus overview")
filters = state.sidebar_filters()

with shown_errors("Could not read the corpus"):
    table = store.articles_table(filters)
    st.caption(f"{len(table)} articles match the filters.")
    cols = st.columns(3)
    for col, (by, title) in zip(cols, [("lang", "By language"), ("outlet", "By outlet"),
                                       ("published", "By date")], strict=True):
        with col, st.container(key=f"chart_{by}"):  # plotly draws its own LTR layout
            st.plotly_chart(count_bar(store.corpus_counts(filters, by), by, title), key=f"fig_{by}",
                            config={"displayModeBar": False})
    st.subheader("Articles")
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
