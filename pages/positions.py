"""/positions : actor × topic grid of stances; ?actor=ID&topic=T shows the cell's evidence."""

import streamlit as st

from parley.analyze.positions import CURATED_MARK, MATRIX_ACTOR, curated_cells, grid_matrix
from parley.render.html import evidence_block
from parley.ui import curation_forms as forms
from parley.ui import state, store
from parley.ui.errors import shown_errors
from parley.ui.html import show_html
from parley.ui.tables import cell_table


def pick_cell(actor_id: str, topic: str) -> None:
    """Grid callback: the chosen cell goes into the URL as ?actor=ID&topic=T."""
    current = state.current_filters(show_notices=False)
    if topic == MATRIX_ACTOR:
        state.write_filters(current.replace(actors=(actor_id,), topics=()))
    else:
        state.write_filters(current.replace(actors=(actor_id,), topics=(topic,)))


st.title("Positions")
filters = state.sidebar_filters()

with shown_errors("Could not read the positions"):
    # actor and topic pick a cell here; they do not hide the rest of the grid
    grid = store.positions_grid(filters.replace(actors=(), topics=()))
    matrix, row_ids = grid_matrix(grid)
    st.caption("Each cell lists the stances an actor takes on a topic (number of statements); "
               f"{CURATED_MARK} marks a cell an analyst corrected. Select a cell to read its evidence"
               " and correct it.")
    cell_table(matrix, key="positions_grid", row_ids=row_ids, on_pick=pick_cell,
               column_config={MATRIX_ACTOR: st.column_config.TextColumn("Actor", pinned=True)})
    marked = curated_cells(grid)
    if marked:
        st.caption(f"{CURATED_MARK} Curated cells: " + "; ".join(marked), help="Select a cell, then open the "
                   "history under its evidence, or see every correction on the History page.")
    actor = filters.actors[0] if len(filters.actors) == 1 else None
    topic = filters.topics[0] if len(filters.topics) == 1 else None
    if actor and topic:
        names = dict(zip(grid["actor_id"], grid["name_en"], strict=True))
        st.subheader(f"{names.get(actor, actor)} on {topic}")
        evidence = store.position_evidence(filters, actor, topic)
        if evidence.empty:
            st.info("No statements for this actor and topic in the filtered articles.")
        for e in evidence.itertuples(index=False):
            when = str(e.published) if e.published is not None else "undated"
            notes = [e.stance, f"confidence {e.confidence:.2f}", f"cues: {e.cues}", e.outlet or "", when]
            if e.curated:
                notes.insert(0, f"{CURATED_MARK} curated")
            show_html(evidence_block(e.evidence, e.lang, e.link, e.title or e.article_id, notes=notes))
            with st.container(key=f"position_{int(e.id)}".replace("-", "n")):
                forms.curated_badge(e.curated, e.correction_ids, key=f"pos_{e.id}")
                forms.position_form(int(e.id), {"actor_id": actor, "topic": topic, "stance": e.stance},
                                    key=f"pos_{e.id}")
    elif filters.actors or filters.topics:
        st.caption("Choose one actor and one topic (or select a cell) to see the evidence.")
