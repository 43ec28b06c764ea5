"""/review : names the gazetteer lacks, with evidence; accept or reject each candidate."""

import streamlit as st

from parley.render.html import evidence_block, text_block
from parley.ui import auth, state, store
from parley.ui import curation_forms as forms
from parley.ui.errors import shown_errors
from parley.ui.html import show_html


def status_changed() -> None:
    """Status control callback: the shown status goes into the URL as ?status=..."""
    chosen = st.session_state.get("review_status")
    state.set_page_param("status", None if chosen in (None, "new") else chosen)


_FIXING = "review_fixing"  # the candidate whose accept form is open


def fix_candidate(candidate_id: int) -> None:
    """Open the accept form of one candidate (closing any other)."""
    st.session_state[_FIXING] = candidate_id


PAGE_ROWS = 25  # candidates per page (?p=N): each has its own buttons

st.title("Review candidate names")
filters = state.sidebar_filters(show=("dates", "langs", "outlets"))
status = state.page_param("status", store.CANDIDATE_STATUSES, what="status") or "new"
if st.session_state.get("review_status") != status:
    st.session_state["review_status"] = status  # the URL decides
st.segmented_control("Show", store.CANDIDATE_STATUSES, key="review_status", on_change=status_changed)

can_write = auth.current().can_write
with shown_errors("Could not read the candidates"):
    total = store.count_candidates(filters, status)
    page = state.page_number(total, PAGE_ROWS)
    table = store.candidates_table(filters, status, PAGE_ROWS, (page - 1) * PAGE_ROWS)
    st.caption(f"{total:,} {status} candidates. Accept one as a new actor or as another name of a known "
               "actor: its mentions count at once, and `python -m parley curation export --gazetteer FILE` "
               "writes accepted actors as data/gazetteer/actors.yaml entries for the next extraction."
               + ("" if can_write else " Only analysts accept or reject candidates."))
    for c in table.itertuples(index=False):
        with st.container(border=True, key=f"cand_{c.id}"):
            left, right = st.columns([5, 1])
            with left:
                show_html(text_block(c.surface, c.lang, tag="h4")
                          + evidence_block(c.evidence, c.lang, c.link, c.title or c.article_id,
                                           notes=[f"sign: {c.sign}"]))
                key = f"cand_{c.id}_fix".replace("-", "n")
                # one accept form on the page, for the candidate picked with its button: a form per
                # candidate (each with a picker of every actor) made the page slow to draw
                if c.status == "new" and can_write and st.session_state.get(_FIXING) != int(c.id):
                    st.button("Accept as an actor or an alias…", key=f"{key}_open", type="tertiary",
                              icon=":material/person_add:", on_click=fix_candidate, args=(int(c.id),))
                elif c.status == "new":
                    forms.candidate_form(int(c.id), c.surface, c.lang, key=key)
            with right:
                for new in store.CANDIDATE_STATUSES if can_write else ():
                    if new != c.status and st.button(new.replace("new", "reset").capitalize(),
                                                      key=f"cand_{c.id}_{new}"):
                        store.set_candidate_status(int(c.id), new)
                        st.rerun()

AUDIT_ROWS = 100
st.subheader("Audit log")
with shown_errors("Could not read the audit log"):
    total = store.audit_count()
    st.caption(f"Every write made through the dashboard: who, when (UTC), what and which ids. "
               f"{total} recorded" + (f"; the latest {AUDIT_ROWS} shown." if total > AUDIT_ROWS else "."))
    st.dataframe(store.audit_log(AUDIT_ROWS), hide_index=True, key="audit_log",
                 column_config={
                     "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss"),
                     "who": "Who", "action": "Action", "ids": "Ids", "detail": "Detail"})
