"""A small, hand-made store for the timeline and network tests: rows inserted directly.

It mirrors the seeds' story (the Qatari PM in Tehran on 2026-01-31, Sisi's call, Fidan
hosting Araghchi, talks moved from Turkey to Muscat at Iran's request) so the tests do not
depend on extraction quality; tests/browser/ uses the real ingest of the seeds instead.
The links rows are typed as ingest types them (parley.extract.links), from the sentences below.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, insert

from parley.extract.links import link_types
from parley.store.db import bump_version, init_db, make_engine
from parley.store.schema import actors, articles, base_of, events, links, mentions, places, segments, venues

D = dt.date

ACTORS = [
    # actor_id, name_en, name_ar, side, kind
    ("usa", "United States", "الولايات المتحدة", "us", "state"),
    ("iran", "Iran", "إيران", "iran", "state"),
    ("marco_rubio", "Marco Rubio", "ماركو روبيو", "us", "person"),
    ("steve_witkoff", "Steve Witkoff", "ستيف ويتكوف", "us", "person"),
    ("abbas_araghchi", "Abbas Araghchi", "عباس عراقجي", "iran", "person"),
    ("ali_larijani", "Ali Larijani", "علي لاريجاني", "iran", "person"),
    ("masoud_pezeshkian", "Masoud Pezeshkian", "مسعود بيزشكيان", "iran", "person"),
    ("oman", "Oman", "سلطنة عمان", "mediator", "state"),
    ("qatar", "Qatar", "قطر", "mediator", "state"),
    ("egypt", "Egypt", "مصر", "mediator", "state"),
    ("turkey", "Turkey", "تركيا", "mediator", "state"),
    ("mohammed_al_thani", "Mohammed bin Abdulrahman Al Thani", "محمد بن عبدالرحمن آل ثاني", "mediator",
     "person"),
    ("abdel_fattah_el_sisi", "Abdel Fattah el-Sisi", "عبدالفتاح السيسي", "mediator", "person"),
    ("hakan_fidan", "Hakan Fidan", "هاكان فيدان", "mediator", "person"),
    ("israel", "Israel", "إسرائيل", "israel", "state"),
]
PLACES = [("tehran", "Tehran", "طهران"), ("muscat", "Muscat", "مسقط"), ("ankara", "Ankara", "أنقرة"),
          ("istanbul", "Istanbul", "إسطنبول"), ("turkey", "Turkey", "تركيا")]

# article id -> (lang, outlet, published, precision, [(segment text, [actor ids mentioned])])
ARTICLES: dict[str, tuple[str, str | None, dt.date | None, str, list[tuple[str, list[str]]]]] = {
    "a003": ("ar", "Khaberni", D(2026, 2, 1), "day", [
        ("وتعمل مصر وتركيا وقطر على تنظيم اجتماع بين مبعوث البيت الأبيض ستيف ويتكوف وكبار المسؤولين "
         "في أنقرة.", ["egypt", "turkey", "qatar", "steve_witkoff"]),
        ("وكان رئيس الوزراء القطري محمد بن عبدالرحمن آل ثاني قد زار طهران أمس السبت حيث التقى مع "
         "علي لاريجاني.", ["mohammed_al_thani", "ali_larijani"]),
        ("وبالتزامن أجرى الرئيس المصري عبدالفتاح السيسي اتصالا هاتفيًا السبت مع نظيره الإيراني مسعود "
         "بيزشكيان.", ["abdel_fattah_el_sisi", "masoud_pezeshkian"]),
        ("وقبل ذلك بيوم، استضاف وزير الخارجية التركي هاكان فيدان نظيره الإيراني عباس عراقجي.",
         ["hakan_fidan", "abbas_araghchi"]),
        ("وتواصل مصر وقطر وتركيا المحادثات مع إيران وتنسق جهودها.", ["egypt", "qatar", "turkey", "iran"]),
    ]),
    "a000": ("ar", "Sky News Arabia", D(2026, 2, 5), "day", [
        ("أكد وزير الخارجية الأمريكي ماركو روبيو أن الولايات المتحدة منفتحة على الحوار.",
         ["marco_rubio", "usa"]),
        ("وأعلن البيت الأبيض نقل مكان المحادثات مع إيران إلى سلطنة عُمان بدلًا من تركيا.",
         ["iran", "oman", "turkey"]),
        ("ونقلت سلطنة عمان رسالة من روبيو إلى طهران.", ["oman", "marco_rubio"]),
    ]),
    "a001": ("fa", "Iran International", D(2026, 2, 4), "day", [
        ("روبیو گفت عمان میانجی گفتگو با عراقچی است.", ["marco_rubio", "oman", "abbas_araghchi"]),
        ("پیشنهاد شد نشست در استانبول برگزار شود.", []),
    ]),
    "a002": ("ar", "Gate", D(2026, 2, 1), "month", [
        ("في أوائل فبراير 2026 وافقت الولايات المتحدة وإيران على استئناف المفاوضات في مسقط.",
         ["usa", "iran"]),
        ("تم نقل الجولة الأخيرة من المناقشات إلى عمان بناءً على طلب إيران.", ["iran"]),
        ("يظل دور عمان كوسيط مركزي مع عراقجي.", ["oman", "abbas_araghchi"]),
    ]),
    "a004": ("ar", None, None, "unknown", [
        ("طلب ترامب من ستيف ويتكوف الترتيب للقاء مع عباس عراقجي.", ["steve_witkoff", "abbas_araghchi"]),
        ("وحذرت إسرائيل إيران من التصعيد.", ["israel", "iran"]),
    ]),
}

# event_id, article_id, segment_idx, date, precision, basis, kind, actor_ids, place_id
EVENTS = [
    ("ev_qatar_visit", "a003", 1, D(2026, 1, 31), "day", "أمس السبت", "visit",
     "mohammed_al_thani;ali_larijani", "tehran"),
    ("ev_sisi_call", "a003", 2, D(2026, 1, 31), "day", "السبت", "call",
     "abdel_fattah_el_sisi;masoud_pezeshkian", None),
    ("ev_fidan_host", "a003", 3, D(2026, 1, 30), "day", "قبل ذلك بيوم", "meeting",
     "hakan_fidan;abbas_araghchi", "ankara"),
    ("ev_move", "a000", 1, D(2026, 2, 5), "day", "اليوم الخميس", "announcement", "usa;iran", "muscat"),
    ("ev_move", "a002", 1, D(2026, 2, 1), "month", "أوائل فبراير 2026", "announcement", "iran", "muscat"),
    ("ev_resume", "a002", 0, D(2026, 2, 1), "month", "أوائل فبراير 2026", "meeting", "usa;iran", "muscat"),
    ("ev_undated", "a004", 0, None, "unknown", "undated article", "meeting",
     "steve_witkoff;abbas_araghchi", None),
]

# article_id, segment_idx, place_id, role
VENUES = [
    ("a003", 0, "ankara", "proposed"),
    ("a001", 1, "istanbul", "proposed"),
    ("a000", 1, "muscat", "moved_to"),
    ("a000", 1, "turkey", "moved_from"),
    ("a002", 1, "muscat", "moved_to"),
    ("a002", 0, "muscat", "mentioned"),
]

NAMES_AR = {a[0]: a[2] for a in ACTORS}


def _find(text: str, needle: str) -> tuple[int, int]:
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else (0, min(len(needle), len(text)))


def build_store(url: str) -> Engine:
    """A fresh store at ``url`` holding the rows above; returns its engine."""
    engine = make_engine(url)
    init_db(engine)
    art_rows: list[dict[str, Any]] = []
    seg_rows: list[dict[str, Any]] = []
    men_rows: list[dict[str, Any]] = []
    seg_span: dict[tuple[str, int], tuple[int, str]] = {}
    for aid, (lang, outlet, published, prec, segs) in ARTICLES.items():
        text = "\n".join(s for s, _ in segs)
        pos = 0
        for i, (s, ids) in enumerate(segs):
            seg_lang = lang
            seg_rows.append({"article_id": aid, "idx": i, "start": pos, "end": pos + len(s),
                             "lang": seg_lang, "text": s})
            seg_span[(aid, i)] = (pos, s)
            for actor in ids:
                surface = NAMES_AR[actor]
                # mention span: the Arabic name where it is written, else the sentence start
                a0, a1 = _find(s, surface.split()[-1] if " " in surface else surface)
                men_rows.append({"article_id": aid, "segment_idx": i, "actor_id": actor,
                                 "start": pos + a0, "end": pos + a1, "surface": s[a0:a1] or surface,
                                 "via": "name"})
            pos += len(s) + 1
        art_rows.append({
            "id": aid, "origin": f"{aid}.txt", "outlet": outlet, "url": None, "title": segs[0][0][:60],
            "lang": lang, "published": published, "date_precision": prec,
            "date_basis": "test", "text": text, "raw": text, "body_hash": aid, "duplicate_of": None,
            "chars_raw": len(text), "chars_clean": len(text),
            "ingested_at": dt.datetime(2026, 2, 6, 12, 0),
        })
    ev_rows = []
    for eid, aid, idx, day, prec, basis, kind, ids, place in EVENTS:
        start, s = seg_span[(aid, idx)]
        ev_rows.append({"event_id": eid, "article_id": aid, "segment_idx": idx, "date": day,
                        "date_precision": prec, "date_basis": basis, "kind": kind, "actor_ids": ids,
                        "place_id": place, "start": start, "end": start + len(s), "evidence": s})
    # links: every segment naming two or more actors (its mentions and its events' actors)
    named: dict[tuple[str, int], set[str]] = {}
    for row in men_rows:
        named.setdefault((row["article_id"], row["segment_idx"]), set()).add(row["actor_id"])
    for row in ev_rows:
        named.setdefault((row["article_id"], row["segment_idx"]), set()).update(row["actor_ids"].split(";"))
    link_rows = [{"article_id": aid, "segment_idx": idx, "types": link_types([seg_span[(aid, idx)][1]])}
                 for (aid, idx), ids in sorted(named.items()) if len(ids) >= 2]
    ven_rows = []
    for aid, idx, place, role in VENUES:
        start, s = seg_span[(aid, idx)]
        ven_rows.append({"article_id": aid, "segment_idx": idx, "place_id": place, "role": role,
                         "start": start, "end": start + len(s), "evidence": s})
    with engine.begin() as conn:
        conn.execute(insert(base_of(actors)), [
            {"actor_id": a, "name_en": en, "name_ar": ar, "name_fa": None, "kind": kind, "side": side,
             "role": None} for a, en, ar, side, kind in ACTORS])
        conn.execute(insert(places), [
            {"place_id": p, "name_en": en, "name_ar": ar, "name_fa": None, "country": None, "lat": None,
             "lon": None} for p, en, ar in PLACES])
        conn.execute(insert(articles), art_rows)
        conn.execute(insert(segments), seg_rows)
        conn.execute(insert(base_of(mentions)), men_rows)
        conn.execute(insert(base_of(events)), ev_rows)
        conn.execute(insert(links), link_rows)
        conn.execute(insert(base_of(venues)), ven_rows)
        bump_version(conn)
    return engine
