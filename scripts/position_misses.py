"""Position misses on the tune split (never held): missed gold pairs and wrong stored pairs, by kind.

    .venv/bin/python scripts/position_misses.py [--list] [--val]

Prints counts by kind for the tune articles outside the validation-30 subset, and the figures
(recall, stance, precision) of that subset and of the validation subset (figures only, unless --val).
"""
from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from parley.devset import dev_documents, load_manifest
from parley.evaluate import _alts, load_gold
from parley.ingest import ingest_documents
from parley.store import schema
from parley.store.db import init_db, make_engine

GOLD = Path("devset/gold")
DUMP: list[str] = []
TEXT = Path("devset/text")


def is_val(origin: str) -> bool:
    n = int(Path(origin).stem)
    return n % 2 == 0 and any(lo <= n <= lo + 18 for lo in (170, 270, 370))


_Q = re.compile(r"[?\u061f]")


def main() -> None:
    show = "--list" in sys.argv
    show_val = "--val" in sys.argv
    entries = [e for e in load_manifest(GOLD) if e.split == "tune" and (TEXT / e.origin).is_file()]
    gold = load_gold(GOLD)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/t.db")
        init_db(engine)
        ingest_documents(dev_documents(entries, TEXT, True), engine)
        with engine.connect() as conn:
            arts = {a.id: Path(a.origin).name for a in conn.execute(select(schema.articles.c.id,
                                                                              schema.articles.c.origin))}
            t = schema.extracted_positions
            rows: dict[str, list] = {o: [] for o in arts.values()}
            for r in conn.execute(select(t)):
                rows[arts[r.article_id]].append(r)
        engine.dispose()
    kinds: Counter[str] = Counter()
    figs = {k: Counter() for k in ("train", "val")}
    for e in entries:
        val = is_val(e.origin)
        fig = figs["val" if val else "train"]
        listing = show and (show_val or not val)
        g = gold[e.origin]
        gp = g.get("positions") or []
        rs = rows.get(e.origin, [])
        lines = []
        for p in gp:
            if p.get("optional"):
                continue
            fig["gold"] += 1
            A, T, S = _alts(p["actor"]), _alts(p["topic"]), _alts(p["stance"])
            hits = [r for r in rs if r.actor_id in A and r.topic in T]
            if hits:
                fig["found"] += 1
                if any(r.stance in S for r in hits):
                    fig["stance"] += 1
                else:
                    if not val:
                        kinds["miss:stance wrong"] += 1
                    lines.append(f"  STANCE gold {p['actor']}/{p['topic']}/{p['stance']} got "
                                 f"{sorted({r.stance for r in hits})} :: {p.get('note','')}\n"
                                 f"      ev: {hits[0].evidence[:300]!r} cues={hits[0].cues}")
                continue
            same_a = [r for r in rs if r.actor_id in A]
            same_t = [r for r in rs if r.topic in T]
            kind = "topic wrong" if same_a else "holder wrong" if same_t else "no row"
            if not val:
                kinds["miss:" + kind] += 1
            extra = ""
            if same_a:
                extra = f" have {sorted({(r.topic, r.stance) for r in same_a})}"
            elif same_t:
                extra = f" have {sorted({(r.actor_id, r.stance) for r in same_t})}"
            lines.append(f"  MISS[{kind}] {p['actor']}/{p['topic']}/{p['stance']}{extra}"
                         f" :: {p.get('note', '')}")
        pairs = {}
        for r in rs:
            pairs.setdefault((r.actor_id, r.topic), r)
        for (a, tp), r in pairs.items():
            fig["pred"] += 1
            ok = any(a in _alts(p["actor"]) and tp in _alts(p["topic"]) for p in gp)
            if not val:
                DUMP.append(f"{int(ok)}\t{e.origin}\t{a}\t{tp}\t{r.stance}\t{r.cues}\t{r.confidence}")
            if ok:
                fig["pred_ok"] += 1
                continue
            ga = any(a in _alts(p["actor"]) for p in gp)
            gt = any(tp in _alts(p["topic"]) for p in gp)
            if _Q.search(r.evidence):
                kind = "spurious:question?"
            elif ga:
                kind = "topic wrong"
            elif gt:
                kind = "holder wrong"
            else:
                kind = "spurious"
            if not val:
                kinds["wrong:" + kind] += 1
            lines.append(f"  WRONG[{kind}] {a}/{tp}/{r.stance} cues={r.cues} conf={r.confidence}\n"
                         f"      ev: {r.evidence[:300]!r}")
        if listing and lines:
            print(f"== {e.origin} ({e.lang}) {e.story}")
            print("\n".join(lines))
    for k, c in figs.items():
        print(f"{k}: recall {c['found'] / max(1, c['gold']):.3f} ({c['found']}/{c['gold']}) "
              f"stance {c['stance'] / max(1, c['found']):.3f} "
              f"precision {c['pred_ok'] / max(1, c['pred']):.3f} ({c['pred_ok']}/{c['pred']})")
    if "--dump" in sys.argv:
        Path("/tmp/position_rows.tsv").write_text("\n".join(DUMP) + "\n", encoding="utf-8")
    for k, n in sorted(kinds.items()):
        print(f"  {k}: {n}")


if __name__ == "__main__":
    main()
