"""Evaluation against hand-written gold (tests/gold/NNN.yaml): precision, recall, F1 per table.

Gold format (tests/gold/README.md): actors, venues {place, role}, positions {actor, topic,
stance}, quotes {speaker, text}, events {kind, actor, date}; '|' lists alternatives and
``optional: true`` marks entries that are right but not required (never a miss, never a
false hit). Articles are matched to gold files by the file name of their origin.
Scores are micro-averaged over the articles that have gold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from sqlalchemy import Engine, select

from parley.errors import ParleyError
from parley.extract.gazetteer import ROLE_PREFIX
from parley.extract.records import Extraction
from parley.records import Article
from parley.store import schema
from parley.text.normalize import normalize_text

TABLES = ("actors", "venues", "positions", "quotes", "events")


@dataclass
class Rows:
    """What was extracted for one article, in the shape the scorer compares."""

    actors: set[str] = field(default_factory=set)
    venues: set[tuple[str, str]] = field(default_factory=set)
    positions: set[tuple[str, str, str]] = field(default_factory=set)
    quotes: list[tuple[str | None, str]] = field(default_factory=list)
    events: list[tuple[str, tuple[str, ...], dt.date | None, str, str]] = field(default_factory=list)
    # the same events as reports (event_id, place_id, in the order of ``events``), merged into
    # happenings as the timeline merges them
    reports: list[tuple[str, str | None, str]] = field(default_factory=list)  # and the date's basis

    def happenings(self) -> int:
        """How many rows the timeline shows for this article's events (analyze.timeline.merge_reports)."""
        if not self.events:
            return 0
        from parley.analyze.timeline import merge_reports

        reports = self.reports or [(f"e{i}", None, "") for i in range(len(self.events))]
        frame = pd.DataFrame({
            "event_id": [r[0] for r in reports], "place_id": [r[1] for r in reports],
            "kind": [e[0] for e in self.events], "actor_ids": [";".join(e[1]) for e in self.events],
            "date": [e[2] for e in self.events], "date_precision": [e[3] for e in self.events],
            "status": [e[4] for e in self.events], "date_basis": [r[2] for r in reports], "article_id": "a"})
        return len(merge_reports(frame))


@dataclass
class _Count:
    pred: int = 0
    pred_ok: int = 0
    gold: int = 0
    gold_ok: int = 0

    def scores(self) -> dict[str, float]:
        p = self.pred_ok / self.pred if self.pred else 1.0
        r = self.gold_ok / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                "pred": float(self.pred), "gold": float(self.gold)}


def _alts(value: Any) -> set[str]:
    return {v.strip() for v in str(value).split("|")}


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", normalize_text(text)))


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold files by origin file name; raises ParleyError naming a malformed file."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(Path(gold_dir).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("origin"), str):
            raise ParleyError(f"{path}: gold needs 'origin' (the article's file name)")
        for key in TABLES:
            if not isinstance(data.get(key) or [], list):
                raise ParleyError(f"{path}: '{key}' must be a list")
        out[data["origin"]] = data
    return out


def _match_sets(count: _Count, preds: Iterable[tuple[str, ...]], gold: list[dict[str, Any]],
                keys: tuple[str, ...]) -> None:
    preds = set(preds)
    items = [(tuple(_alts(g[k]) for k in keys), bool(g.get("optional"))) for g in gold]
    count.pred += len(preds)
    count.pred_ok += sum(1 for p in preds if any(all(v in a for v, a in zip(p, alts, strict=True))
                                                 for alts, _ in items))
    for alts, optional in items:
        if optional:
            continue
        count.gold += 1
        if any(all(v in a for v, a in zip(p, alts, strict=True)) for p in preds):
            count.gold_ok += 1


def _quote_ok(pred: tuple[str | None, str], g: dict[str, Any]) -> bool:
    speaker = g.get("speaker")
    want = str(speaker) if speaker is not None else None
    return pred[0] == want and _words(str(g["text"])) in _words(pred[1])


def _date_ok(pred: tuple[str, tuple[str, ...], dt.date | None, str, str], want: Any) -> bool:
    date, precision = pred[2], pred[3]
    if date is None:
        return False
    wants = want if isinstance(want, list) else [want]
    for w in wants:
        if isinstance(w, dt.date) and precision == "day" and date == w:
            return True
        if isinstance(w, str) and re.fullmatch(r"\d{4}-\d{2}", w) and precision == "month" \
                and date.isoformat()[:7] == w:
            return True
        if isinstance(w, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", w) and precision == "day" \
                and date.isoformat() == w:
            return True
    if precision == "week":  # 'next week': the gold can only say its month, or list its days
        days = [w for w in wants if isinstance(w, dt.date)]
        if any(isinstance(w, str) and date.isoformat()[:7] == w for w in wants):
            return True
        return bool(days) and all(date <= d <= date + dt.timedelta(days=6) for d in days)
    return False


def _pair_hit(actor: str, topic: str, g: dict[str, Any]) -> bool:
    return actor in _alts(g["actor"]) and topic in _alts(g["topic"])


def _score_detail(gold: dict[str, Any], rows: Rows, d: dict[str, int]) -> None:
    """The issue's measures: venue found / role right, position pair recall / stance
    agreement / pair precision, dates where the article's own text gives them, event count."""
    for g in gold.get("venues") or []:
        if g.get("optional"):
            continue
        places = _alts(g["place"])
        got = {r for p, r in rows.venues if p in places}
        d["venue_gold"] += 1
        if got:
            d["venue_found"] += 1
            d["venue_role_ok"] += bool(got & _alts(g["role"]))
    gp = gold.get("positions") or []
    for g in gp:
        if g.get("optional"):
            continue
        d["pos_gold"] += 1
        hits = [st for a, t, st in rows.positions if _pair_hit(a, t, g)]
        if hits:
            d["pos_found"] += 1
            d["pos_stance_ok"] += any(st in _alts(g["stance"]) for st in hits)
    pairs = {(a, t) for a, t, _ in rows.positions}
    d["pos_pred"] += len(pairs)
    d["pos_pred_ok"] += sum(1 for a, t in pairs if any(_pair_hit(a, t, g) for g in gp))
    gev = gold.get("events") or []
    for g in gev:
        if g.get("optional") or g.get("date") is None or g.get("date_in_text") is False:
            continue
        d["date_gold"] += 1
        d["date_ok"] += any(_date_ok(e, g["date"]) for e in rows.events if _alts(g["actor"]) & set(e[1]))
    for g in gev:
        if g.get("optional") or not g.get("status"):
            continue
        found = [e for e in rows.events if e[0] in _alts(g["kind"]) and _alts(g["actor"]) & set(e[1])]
        if found:
            d["status_found"] += 1
            d["status_ok"] += any(e[4] in _alts(g["status"]) for e in found)
    d["events_gold"] += sum(1 for g in gev if not g.get("optional"))
    d["events_pred"] += len(rows.events)
    d["happenings"] += rows.happenings()


def score_article(gold: dict[str, Any], rows: Rows, counts: dict[str, _Count]) -> None:
    """Add one article's comparison to ``counts`` (one _Count per table)."""
    want = set(gold.get("actors") or [])
    # a title with no known holder stays a role ('role_…'): gold names people, so a role is
    # neither right nor wrong here (the person it hides is still a miss)
    optional = set(gold.get("optional_actors") or []) | {a for a in rows.actors if a.startswith(ROLE_PREFIX)}
    c = counts["actors"]
    c.pred += len(rows.actors - optional)
    c.pred_ok += len((rows.actors - optional) & want)
    c.gold += len(want)
    c.gold_ok += len(want & rows.actors)
    _match_sets(counts["venues"], rows.venues, gold.get("venues") or [], ("place", "role"))
    _match_sets(counts["positions"], rows.positions, gold.get("positions") or [],
                ("actor", "topic", "stance"))
    gq = gold.get("quotes") or []
    c = counts["quotes"]
    c.pred += len(rows.quotes)
    c.pred_ok += sum(1 for q in rows.quotes if any(_quote_ok(q, g) for g in gq))
    for g in gq:
        if not g.get("optional"):
            c.gold += 1
            c.gold_ok += any(_quote_ok(q, g) for q in rows.quotes)
    c = counts["events"]
    for g in gold.get("events") or []:
        if g.get("optional") or g.get("date") is None:
            continue
        c.gold += 1
        found = [e for e in rows.events if e[0] in _alts(g["kind"]) and _alts(g["actor"]) & set(e[1])]
        c.gold_ok += any(_date_ok(e, g["date"]) for e in found)
    c.pred += len(rows.events)
    c.pred_ok += sum(1 for e in rows.events
                     if any(e[0] in _alts(g["kind"]) and _alts(g["actor"]) & set(e[1])
                            for g in gold.get("events") or []))


DETAIL = ("venue_gold", "venue_found", "venue_role_ok", "pos_gold", "pos_found", "pos_stance_ok",
          "pos_pred", "pos_pred_ok", "date_gold", "date_ok", "events_gold", "events_pred", "status_found",
          "status_ok", "happenings")


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def evaluate_rows(rows: dict[str, Rows], gold_dir: Path,
                  only: set[str] | None = None) -> dict[str, dict[str, float]]:
    """Scores of extracted rows keyed by origin file name against the gold in ``gold_dir``
    (only the gold files whose origin is in ``only``, when given)."""
    gold = load_gold(gold_dir)
    if only is not None:
        gold = {o: g for o, g in gold.items() if o in only}
    counts = {t: _Count() for t in TABLES}
    d: dict[str, int] = dict.fromkeys(DETAIL, 0)
    for origin, g in gold.items():
        score_article(g, rows.get(origin, Rows()), counts)
        _score_detail(g, rows.get(origin, Rows()), d)
    out = {t: counts[t].scores() for t in TABLES}
    out["detail"] = {
        "venue_found": _ratio(d["venue_found"], d["venue_gold"]),
        "venue_role_right": _ratio(d["venue_role_ok"], d["venue_found"]),
        "position_recall": _ratio(d["pos_found"], d["pos_gold"]),
        "stance_agreement": _ratio(d["pos_stance_ok"], d["pos_found"]),
        "position_precision": _ratio(d["pos_pred_ok"], d["pos_pred"]),
        "dates_in_text": _ratio(d["date_ok"], d["date_gold"]),
        "events_per_gold_event": _ratio(d["happenings"], d["events_gold"]),  # as the timeline shows them
        "event_rows_per_gold_event": _ratio(d["events_pred"], d["events_gold"]),  # before merging
        "event_status_agreement": _ratio(d["status_ok"], d["status_found"]),
    }
    ev = counts["events"]
    out["events"]["dated"] = round(ev.gold_ok / ev.gold, 3) if ev.gold else 1.0
    out["articles"] = {"gold": float(len(gold)), "found": float(sum(1 for o in gold if o in rows))}
    return out


def rows_from_extraction(extraction: Extraction) -> Rows:
    """The comparable rows of one Extraction (no database)."""
    return Rows(
        actors={m.actor_id for m in extraction.mentions},
        venues={(v.place_id, v.role) for v in extraction.venues},
        positions={(p.actor_id, p.topic, p.stance) for p in extraction.positions},
        quotes=[(q.speaker_id, q.text) for q in extraction.quotes],
        events=[(e.kind, tuple(e.actor_ids.split(";")), e.date, e.date_precision, e.status)
                for e in extraction.events],
        reports=[(e.event_id, e.place_id, e.date_basis) for e in extraction.events],
    )


def evaluate_extractions(items: Iterable[tuple[Article, Extraction]],
                         gold_dir: Path) -> dict[str, dict[str, float]]:
    """Scores of in-memory extractions (no database) against the gold in ``gold_dir``."""
    rows = {Path(a.origin).name: rows_from_extraction(x) for a, x in items}
    return evaluate_rows(rows, gold_dir)


def evaluate(engine: Engine, gold_dir: Path,
             only: set[str] | None = None, *, curated: bool = True) -> dict[str, dict[str, float]]:
    """Scores of the stored rows (articles matched to gold by origin file name): the curated
    tables, or with ``curated=False`` the rows as extraction wrote them."""
    def table(view: Any) -> Any:
        return view if curated else schema.base_of(view)

    rows: dict[str, Rows] = {}
    with engine.connect() as conn:
        arts = schema.articles
        ids = {a.id: Path(a.origin).name for a in conn.execute(select(arts.c.id, arts.c.origin))}
        for name in ids.values():
            rows.setdefault(name, Rows())
        t = table(schema.mentions)
        for m in conn.execute(select(t.c.article_id, t.c.actor_id)):
            rows[ids[m.article_id]].actors.add(m.actor_id)
        t = table(schema.venues)
        for v in conn.execute(select(t.c.article_id, t.c.place_id, t.c.role)):
            rows[ids[v.article_id]].venues.add((v.place_id, v.role))
        t = table(schema.positions)
        for p in conn.execute(select(t.c.article_id, t.c.actor_id, t.c.topic, t.c.stance)):
            rows[ids[p.article_id]].positions.add((p.actor_id, p.topic, p.stance))
        t = table(schema.quotes)
        for q in conn.execute(select(t.c.article_id, t.c.speaker_id, t.c.text)):
            rows[ids[q.article_id]].quotes.append((q.speaker_id, q.text))
        t = table(schema.events)
        cols = (t.c.article_id, t.c.kind, t.c.actor_ids, t.c.date, t.c.date_precision, t.c.status,
                t.c.event_id, t.c.place_id, t.c.date_basis)
        for e in conn.execute(select(*cols)):
            actor_ids = tuple(e.actor_ids.split(";"))
            rows[ids[e.article_id]].events.append((e.kind, actor_ids, e.date, e.date_precision, e.status))
            rows[ids[e.article_id]].reports.append((e.event_id, e.place_id, e.date_basis))
    return evaluate_rows(rows, gold_dir, only)


def format_report(scores: dict[str, dict[str, float]]) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'table':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'pred':>5} {'gold':>5}"]
    for t in TABLES:
        s = scores[t]
        lines.append(f"{t:<10} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f} "
                     f"{int(s['pred']):>5} {int(s['gold']):>5}")
    lines.append(f"dated events found with the exact date: {scores['events']['dated']:.3f}")
    for k, v in scores.get("detail", {}).items():
        lines.append(f"  {k.replace('_', ' ')}: {v:.3f}")
    return "\n".join(lines)
