"""The correction forms pages place beside what they show: a position, an event, a venue, an actor,
a candidate name, and a sentence of /read to add a position or an event from. Each form records
one correction (parley/ui/curation.py) and reruns; a refused correction shows as st.error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from parley.curation import edits
from parley.errors import ParleyError
from parley.store.curation import Span
from parley.ui import curation, store


def _actor_names() -> dict[str, str]:
    return dict(sorted(store.known_ids().actor_names.items(), key=lambda kv: (kv[1].lower(), kv[0])))


def _choice(label: str, options: Sequence[str], current: Any, key: str,
            names: Mapping[str, str] | None = None) -> Any:
    opts = list(options)
    if current is not None and current not in opts:
        opts.insert(0, current)
    return st.selectbox(label, opts, index=opts.index(current) if current in opts else 0, key=key,
                        format_func=(lambda v: f"{names.get(v, v)} ({v})") if names else str)


def _submit(run: Callable[[], int], done: str) -> None:
    try:
        cid = run()
    except ParleyError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.toast(f"{done} (correction #{cid})", icon=":material/edit:")
    st.rerun()


def panel(label: str, *, icon: str, key: str) -> Any:
    """An expander whose content the caller draws only while it is open (``if panel.open``): a
    correction form holds pickers of every actor, and a page with a form per row sent them all on
    every visit, closed. Opening it reruns the page; its state is st.session_state[key + "_panel"]."""
    return st.expander(label, icon=icon, key=f"{key}_panel", on_change="rerun")


def curated_badge(curated: Any, correction_ids: str, *, key: str) -> None:
    """For a curated row: a mark and its history (with Revert), one click away."""
    if not curated:
        return
    box = panel(f"✎ Curated: history ({len([i for i in str(correction_ids).split(';') if i])})",
                icon=":material/history:", key=f"{key}_history")
    with box:
        if box.open:
            curation.show_history(correction_ids, key=key)


def position_form(row_id: int, current: Mapping[str, Any], *, key: str) -> None:
    """Change this position's actor, topic or stance, or delete it."""
    if not curation.can_curate():
        return
    box = panel("Correct this position", icon=":material/edit:", key=key)
    if not box.open:
        return
    v = curation.vocabulary()
    with box, st.form(f"{key}_form", border=False):
        actor = _choice("Actor", list(_actor_names()), current["actor_id"], f"{key}_actor", _actor_names())
        topic = _choice("Topic", v.topics, current["topic"], f"{key}_topic")
        stance = _choice("Stance", list(v.stances), current["stance"], f"{key}_stance")
        note = curation.note_input(f"{key}_note")
        save, delete = st.columns(2)
        if save.form_submit_button("Save", type="primary", icon=":material/save:"):
            _submit(lambda: curation.correct(
                "edit a position", edits.edit_position, int(row_id),
                actor_id=None if actor == current["actor_id"] else actor,
                topic=None if topic == current["topic"] else topic,
                stance=None if stance == current["stance"] else stance, note=note), "Position corrected")
        if delete.form_submit_button("Delete this position", icon=":material/delete:"):
            _submit(lambda: curation.correct("delete a position", edits.delete_position, int(row_id), note),
                    "Position deleted")


def event_form(row_id: int, current: Mapping[str, Any], places: Mapping[str, str], *, key: str) -> None:
    """Correct an event report's date (with precision), place or kind."""
    if not curation.can_curate():
        return
    box = panel("Correct this event", icon=":material/edit_calendar:", key=key)
    if not box.open:
        return
    v = curation.vocabulary()
    with box, st.form(f"{key}_form", border=False):
        day = current.get("date")
        day_value = dt.date.fromisoformat(str(day)[:10]) if day not in (None, "", "NaT") else None
        new_day = st.date_input("Date (empty: undated)", value=day_value, key=f"{key}_date",
                                format="YYYY-MM-DD")
        precision = _choice("Date precision", v.precisions, current.get("date_precision") or "unknown",
                            f"{key}_precision")
        place = _choice("Place", ["", *places], current.get("place_id") or "", f"{key}_place",
                        {"": "no place", **places})
        kind = _choice("Kind", v.event_kinds, current["kind"], f"{key}_kind")
        note = curation.note_input(f"{key}_note")
        if st.form_submit_button("Save", type="primary", icon=":material/save:"):
            date_arg: dt.date | str | None = new_day if isinstance(new_day, dt.date) else None
            if date_arg == day_value:
                date_arg = ""
            _submit(lambda: curation.correct(
                "edit an event", edits.edit_event, int(row_id), date=date_arg,
                precision=None if precision == current.get("date_precision") else precision,
                place_id=None if place == (current.get("place_id") or "") else place,
                kind=None if kind == current["kind"] else kind, note=note), "Event corrected")


def venue_form(row_id: int, current: Mapping[str, Any], *, key: str) -> None:
    """Change a venue row's role."""
    if not curation.can_curate():
        return
    box = panel("Correct this venue", icon=":material/edit_location:", key=key)
    if not box.open:
        return
    with box, st.form(f"{key}_form", border=False):
        role = _choice("Role", edits.VENUE_ROLES, current["role"], f"{key}_role")
        note = curation.note_input(f"{key}_note")
        if st.form_submit_button("Save", type="primary", icon=":material/save:"):
            _submit(lambda: curation.correct("change a venue's role", edits.set_venue_role, int(row_id), role,
                                             note), "Venue corrected")


def sentence_forms(article_id: str, segments: Sequence[tuple[int, int, int, str]],
                   places: Mapping[str, str], *, key: str) -> None:
    """Select a sentence of the article (its span is kept) and add a position or an event from it."""
    if not curation.can_curate() or not segments:
        return
    box = panel("Add a position or an event from a sentence", icon=":material/add_comment:", key=key)
    if not box.open:
        return
    v = curation.vocabulary()
    labels = {idx: f"{idx}: {text[:90]}" for idx, _s, _e, text in segments}
    spans = {idx: (start, end) for idx, start, end, _t in segments}
    with box:
        idx = st.selectbox("Evidence sentence", list(labels), format_func=labels.__getitem__,
                           key=f"{key}_sentence")
        span = Span(article_id, *spans[idx])
        names = _actor_names()
        with st.form(f"{key}_position", border=True):
            st.markdown("**New position**")
            actor = st.selectbox("Actor", list(names), format_func=lambda a: f"{names[a]} ({a})",
                                 key=f"{key}_p_actor")
            topic = st.selectbox("Topic", v.topics, key=f"{key}_p_topic")
            stance = st.selectbox("Stance", list(v.stances), key=f"{key}_p_stance")
            note = curation.note_input(f"{key}_p_note")
            if st.form_submit_button("Add position", icon=":material/add:"):
                _submit(lambda: curation.correct("add a position", edits.add_position, span, int(idx),
                                                 actor_id=actor, topic=topic, stance=stance, note=note),
                        "Position added")
        with st.form(f"{key}_event", border=True):
            st.markdown("**New event**")
            kind = st.selectbox("Kind", v.event_kinds, key=f"{key}_e_kind")
            day = st.date_input("Date (empty: undated)", value=None, key=f"{key}_e_date", format="YYYY-MM-DD")
            precision = st.selectbox("Date precision", v.precisions, key=f"{key}_e_precision")
            who = st.multiselect("Actors", list(names), format_func=lambda a: f"{names[a]} ({a})",
                                 key=f"{key}_e_actors")
            place = st.selectbox("Place", ["", *places], format_func=lambda p: places.get(p, "no place"),
                                 key=f"{key}_e_place")
            note = curation.note_input(f"{key}_e_note")
            if st.form_submit_button("Add event", icon=":material/add:"):
                _submit(lambda: curation.correct(
                    "add an event", edits.add_event, span, int(idx), kind=kind,
                    date=day if isinstance(day, dt.date) else None, precision=precision, actor_ids=who,
                    place_id=place or None, note=note), "Event added")


def actor_form(actor: Mapping[str, Any], *, key: str) -> None:
    """Change an actor's side, or merge the actor into another."""
    if not curation.can_curate():
        return
    box = panel("Correct this actor", icon=":material/manage_accounts:", key=key)
    if not box.open:
        return
    v = curation.vocabulary()
    with box:
        with st.form(f"{key}_side", border=False):
            side = _choice("Side", v.sides, actor["side"], f"{key}_side_pick")
            note = curation.note_input(f"{key}_side_note")
            if st.form_submit_button("Save side", type="primary", icon=":material/save:"):
                _submit(lambda: curation.correct("change an actor's side", edits.set_actor_side,
                                                 str(actor["actor_id"]), side, note), "Side changed")
        names = {a: n for a, n in _actor_names().items() if a != actor["actor_id"]}
        with st.form(f"{key}_merge", border=False):
            into = st.selectbox("Merge into (the same person or body under another name)", list(names),
                                index=None, format_func=lambda a: f"{names[a]} ({a})",
                                key=f"{key}_merge_into")
            note = curation.note_input(f"{key}_merge_note")
            if st.form_submit_button("Merge", icon=":material/merge:") and into:
                _submit(lambda: curation.correct("merge actors", edits.merge_actors, str(actor["actor_id"]),
                                                 str(into), note), "Actors merged")


def candidate_form(candidate_id: int, surface: str, lang: str, *, key: str) -> None:
    """Accept a candidate name as a new actor, or as another name of an existing one."""
    if not curation.can_curate():
        return
    v = curation.vocabulary()
    names = _actor_names()
    with st.container(border=False):
        with st.form(f"{key}_new", border=False):
            st.markdown("**New actor**")
            actor_id = st.text_input("Id (lower-case ASCII, e.g. hakan_fidan)", key=f"{key}_id", max_chars=63)
            name_en = st.text_input("English name", key=f"{key}_en", max_chars=200)
            name_ar = st.text_input("Arabic name", value=surface if lang == "ar" else "", key=f"{key}_ar",
                                    max_chars=200)
            name_fa = st.text_input("Persian name", value=surface if lang == "fa" else "", key=f"{key}_fa",
                                    max_chars=200)
            kind = st.selectbox("Kind", v.actor_kinds, key=f"{key}_kind")
            side = st.selectbox("Side", v.sides, index=v.sides.index("other"), key=f"{key}_sidepick")
            note = curation.note_input(f"{key}_new_note")
            if st.form_submit_button("Accept as a new actor", type="primary", icon=":material/person_add:"):
                _submit(lambda: curation.correct(
                    "accept a name as a new actor", edits.accept_candidate, int(candidate_id),
                    actor_id=actor_id.strip(), name_en=name_en, name_ar=name_ar, name_fa=name_fa, kind=kind,
                    side=side, lang=lang, note=note), "Actor accepted")
        with st.form(f"{key}_alias", border=False):
            st.markdown("**Another name of**")
            target = st.selectbox("Actor", list(names), index=None, format_func=lambda a: f"{names[a]} ({a})",
                                  key=f"{key}_alias_of")
            note = curation.note_input(f"{key}_alias_note")
            if st.form_submit_button("Accept as an alias", icon=":material/link:") and target:
                _submit(lambda: curation.correct("accept a name as an alias", edits.alias_candidate,
                                                 int(candidate_id), str(target), lang=lang, note=note),
                        "Alias accepted")


def _records(frame: Any) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def article_curation(article_id: str, segments: Sequence[tuple[int, int, int, str]]) -> None:
    """/read's curation panel: the article's positions, events and venues as they stand (curated ones
    marked, with their history), a form beside each, and the sentence forms to add rows."""
    _actors, place_frame = store.compare_reference_frames()
    places = dict(zip(place_frame["place_id"].astype(str), place_frame["name_en"].astype(str), strict=True))
    rows = curation.article_rows(article_id)
    st.subheader("Extracted rows of this article")
    st.caption("As the tables show them: ✎ marks a row an analyst corrected or added." +
               ("" if curation.can_curate() else " Only analysts correct them."))
    sentence_forms(article_id, segments, places, key="read_add")
    names = store.known_ids().actor_names
    for p in _records(rows["positions"]):
        mark = "✎ " if p["curated"] else ""
        with st.container(border=True, key=f"read_pos_{p['id']}".replace("-", "n")):
            st.markdown(f"{mark}**Position** · {names.get(p['actor_id'], p['actor_id'])} · {p['topic']} · "
                        f"{p['stance']} · sentence {p['segment_idx']}")
            curated_badge(p["curated"], p["correction_ids"], key=f"read_pos_{p['id']}")
            position_form(int(p["id"]), p, key=f"read_pos_{p['id']}")
    for e in _records(rows["events"]):
        mark = "✎ " if e["curated"] else ""
        with st.container(border=True, key=f"read_ev_{e['id']}".replace("-", "n")):
            who = ", ".join(names.get(a, a) for a in str(e["actor_ids"] or "").split(";") if a)
            where = places.get(e["place_id"] or "", "no place")
            st.markdown(f"{mark}**Event** · {e['kind']} · {e['date'] or 'undated'} ({e['date_precision']}) · "
                        f"{where} · {who or 'no actor'} · {e['status']}")
            curated_badge(e["curated"], e["correction_ids"], key=f"read_ev_{e['id']}")
            event_form(int(e["id"]), e, places, key=f"read_ev_{e['id']}")
    for v in _records(rows["venues"]):
        mark = "✎ " if v["curated"] else ""
        with st.container(border=True, key=f"read_ven_{v['id']}".replace("-", "n")):
            st.markdown(f"{mark}**Venue** · {places.get(v['place_id'], v['place_id'])} · {v['role']} · "
                        f"sentence {v['segment_idx']}")
            curated_badge(v["curated"], v["correction_ids"], key=f"read_ven_{v['id']}")
            venue_form(int(v["id"]), v, key=f"read_ven_{v['id']}")
