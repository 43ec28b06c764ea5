"""Tune-only date misses (issue 10): each gold event with a date (date_in_text not false) that no
stored event with one of its actors carries at the right precision, with the article's date and
the events sharing an actor. Never reads held gold rows' output; skips the validation-30 unless
--validation. Usage: python scripts/date_misses.py [--validation] [--quiet]"""
from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from parley.devset import dev_documents, load_manifest
from parley.evaluate import _alts, _date_ok, load_gold
from parley.ingest import ingest_documents
from parley.store import schema
from parley.store.db import init_db, make_engine

GOLD, TEXT = Path("devset/gold"), Path("devset/text")


def is_validation(origin: str) -> bool:
    n = int(Path(origin).stem)
    return n % 2 == 0 and any(lo <= n <= lo + 18 for lo in (170, 270, 370))


def main() -> None:
    val = "--validation" in sys.argv
    quiet = "--quiet" in sys.argv
    entries = [e for e in load_manifest(GOLD) if e.split == "tune" and is_validation(e.origin) == val
               and (TEXT / e.origin).is_file()]
    gold = load_gold(GOLD)
    with tempfile.TemporaryDirectory() as tmp:
        eng = make_engine(f"sqlite:///{tmp}/d.db")
        init_db(eng)
        ingest_documents(dev_documents(entries, TEXT, True), eng)
        with eng.connect() as c:
            arts = {a.id: a for a in c.execute(select(schema.articles))}
            t = schema.base_of(schema.events)
            evs: dict[str, list] = {}
            for ev in c.execute(select(t)):
                evs.setdefault(Path(arts[ev.article_id].origin).name, []).append(ev)
        by_origin = {Path(a.origin).name: a for a in arts.values()}
    kinds: Counter[str] = Counter()
    total = ok = 0
    for e in entries:
        g = gold[e.origin]
        a = by_origin.get(e.origin)
        rows = evs.get(e.origin, [])
        for ge in g.get("events") or []:
            if ge.get("optional") or ge.get("date") is None or ge.get("date_in_text") is False:
                continue
            total += 1
            actors = _alts(ge["actor"])
            share = [r for r in rows if actors & set(r.actor_ids.split(";"))]
            if any(_date_ok((r.kind, tuple(r.actor_ids.split(";")), r.date, r.date_precision, r.status),
                            ge["date"]) for r in share):
                ok += 1
                continue
            if not share:
                k = "no_row"
            elif all(r.date is None for r in share):
                k = "undated"
            else:
                want = ge["date"] if isinstance(ge["date"], list) else [ge["date"]]
                ws = [str(w) for w in want]
                if any(r.date and any(r.date.isoformat()[:7] == w[:7] for w in ws) and len(ws[0]) == 10
                       and r.date_precision != "day" for r in share) or \
                   any(r.date and any(r.date.isoformat()[:7] == w for w in ws) for r in share):
                    k = "precision"
                else:
                    k = "dated_wrong"
            kinds[k] += 1
            if quiet:
                continue
            print(f"\n## {e.origin} [{e.lang}] MISS={k} gold: {ge['kind']} {ge['actor']} {ge['date']} "
                  f"status={ge.get('status')} note={ge.get('note', '')}")
            print(f"   published: {a.published if a else None} ({a.date_precision if a else ''}; "
                  f"{a.date_basis if a else ''}) gold-published={g.get('published')}")
            for r in share or ([] if "--all" not in sys.argv else rows):
                print(f"   {'-' if r in share else '~'} {r.kind} {r.actor_ids} {r.date} {r.date_precision} "
                      f"{r.status} basis={r.date_basis!r} :: {r.evidence[:200]!r}")
    print(f"\n{'validation' if val else 'tune-minus-validation'}: {ok}/{total} = {ok / max(total, 1):.3f}; "
          f"misses by kind: {dict(kinds)}")


if __name__ == "__main__":
    main()
