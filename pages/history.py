"""/history : every correction analysts made (who, when, what, before and after, why), filterable by who,
what and when; any correction can be reverted (the revert is recorded too). ``?c=1,2`` shows those
corrections (a curated cell's history link)."""

import streamlit as st

from parley.ui import curation, state
from parley.ui.errors import shown_errors
from parley.ui.html import md_text

SHOWN = 200

st.title("Curation history")
st.caption("Every correction made over the extracted tables, newest first. A correction stays through "
           "re-extraction; one whose evidence no longer exists is flagged, not dropped. Reverting records a "
           "revert, which can itself be reverted.")

with shown_errors("Could not read the corrections"):
    asked = str(st.query_params.get("c") or "")[:2000].split(",")
    ids = [int(i) for i in asked if i.strip().isdigit() and len(i.strip()) < 12][:200]
    if any(i.strip() for i in asked) and len(ids) < len([i for i in asked if i.strip()]):
        st.warning("'c' takes correction numbers separated by commas; the rest was ignored.",
                   icon=":material/link_off:")
    flagged_total = curation.flagged_count()
    if flagged_total:
        st.warning(f"{flagged_total} correction(s) in force no longer apply: their row or evidence span is "
                   "gone after re-extraction. They are kept and marked FLAGGED below.",
                   icon=":material/flag:")
    c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
    who = c1.multiselect("Who", curation.correctors(), key="history_who")
    kinds = c2.multiselect("What", list(curation.KIND_LABELS), format_func=curation.KIND_LABELS.__getitem__,
                           key="history_kind")
    since = c3.date_input("From", value=None, key="history_from", format="YYYY-MM-DD")
    until = c4.date_input("To", value=None, key="history_to", format="YYYY-MM-DD")
    flagged = st.toggle("Flagged only", key="history_flagged")
    if ids:
        st.info(f"Showing corrections {', '.join(f'#{i}' for i in ids)}.", icon=":material/filter_alt:")
        if st.button("Show all corrections", key="history_all"):
            state.set_page_param("c", None)
            st.rerun()
    frame = curation.history(who=who, kinds=kinds, since=since, until=until, ids=ids, flagged=flagged)
    more = f"; the latest {SHOWN} listed." if len(frame) > SHOWN else "."
    st.caption(f"{len(frame)} correction(s){more}")
    can_write = curation.can_curate()
    for row in frame.head(SHOWN).to_dict("records"):
        with st.container(border=True, key=f"correction_{row['id']}"):
            left, right = st.columns([6, 1])
            left.markdown(md_text(curation.describe(row)))
            if row["article_id"]:
                left.page_link("pages/read.py", label="Evidence in its article", icon=":material/article:",
                               query_params={"a": str(row["article_id"])})
            reverted = row["reverted_by"] is not None and str(row["reverted_by"]) not in ("nan", "<NA>")
            if can_write and not reverted and right.button("Revert", key=f"history_revert_{row['id']}",
                                                          icon=":material/undo:"):
                curation.revert(int(row["id"]))
                st.rerun()
