"""/review : names the gazetteer lacks, with evidence; accept or reject each candidate."""

import streamlit as st

from parley.render.html import evidence_block, text_block
from parley.ui import state, store
from parley.ui.errors import shown_errors
from parley.ui.html import show_html


def status_changed() -> None:
    """Status control callback: the shown status goes into the URL as ?status=..."""
    chosen = st.session_state.get("review_status")
    state.set_page_param("status", None if chosen in (None, "new") else chosen)


st.title("Review candidate names")
filters = state.sidebar_filters(show=("dates", "langs", "outlets"))
status = state.page_param("status", store.CANDIDATE_STATUSES, what="status") or "new"
if st.session_state.get("review_status") != status:
    st.session_state["review_status"] = status  # the URL decides
st.segmented_control("Show", store.CANDIDATE_STATUSES, key="review_status", on_change=status_changed)

with shown_errors("Could not read the candidates"):
    table = store.candidates_table(filters, status)
    st.caption(f"{len(table)} {status} candidates. Accepted names still need a gazetteer entry "
               f"(data/gazetteer/actors.yaml) before extraction uses them.")
    for c in table.itertuples(index=False):
        with st.container(border=True, key=f"cand_{c.id}"):
            left, right = st.columns([5, 1])
            with left:
                show_html(text_block(c.surface, c.lang, tag="h4"))
                show_html(evidence_block(c.evidence, c.lang, c.link, c.title or c.article_id,
                                         notes=[f"sign: {c.sign}"]))
            with right:
                for new in store.CANDIDATE_STATUSES:
                    if new != c.status and st.button(new.replace("new", "reset").capitalize(),
                                                      key=f"cand_{c.id}_{new}"):
                        store.set_candidate_status(int(c.id), new)
                        st.rerun()
