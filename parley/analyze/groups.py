"""Disjoint sets over item indices, and the reports of one happening grouped by their ties."""

from __future__ import annotations

import datetime as dt
from typing import Any

# A speech and the statements made in it are one happening (an interview reported as 'said').
STATEMENT_KINDS = ("speech", "announcement")


class DisjointSets:
    """Union-find with path halving over 0..n-1."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of ``i``'s set."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Merge the sets of ``i`` and ``j`` (``i``'s representative wins)."""
        self.parent[self.find(j)] = self.find(i)

    def groups(self) -> dict[int, list[int]]:
        """Representative -> members, members in index order."""
        out: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            out.setdefault(self.find(i), []).append(i)
        return out


def _family(kind: str) -> str:
    """The kind a report is merged as: a speech and a statement are one family."""
    return STATEMENT_KINDS[0] if kind in STATEMENT_KINDS else kind


def _ids(value: Any) -> list[str]:
    return [p for p in str(value or "").split(";") if p]


Reported = tuple[str, bool]  # a report's article id, and whether only its article's day dates it


def happenings(ids: list[str], kinds: list[str], places: list[Any], days: list[dt.date | None],
                precs: list[str], actor_ids: list[Any], reported: list[Reported],
                statuses: list[str] | None = None) -> dict[str, list[int]]:
    """Report indices grouped by happening (keyed by each group's first event_id): reports sharing
    an event_id, and reports of one kind (a speech and a statement count as one) at one place, with
    actors in common and compatible dates: the same day, a day within a month-precise date, or
    for two articles a day apart when the later is dated only by its article (a press conference
    reported that evening and the next morning). Bucketed by (kind, place, month). Within one article
    (_in_article), with ``statuses``, an undated report, or one its article's day only dates, is the
    same happening as a report of that kind, status and actor the article dates."""
    sets = DisjointSets(len(ids))
    first_of: dict[str, int] = {}
    for i, eid in enumerate(ids):
        sets.union(first_of.setdefault(eid, i), i)
    if statuses is not None:
        _in_article(sets, kinds, places, days, actor_ids, reported, statuses)
    buckets: dict[tuple[str, str, int, int], list[int]] = {}
    for i, day in enumerate(days):
        if day is not None and precs[i] in ("day", "month"):
            place = places[i] if isinstance(places[i], str) else ""
            family = _family(kinds[i])
            buckets.setdefault((family, place, day.year, day.month), []).append(i)
    # Two reports of a bucket tie when they share an actor and their dates agree. Per actor, that
    # ties every report naming it when one of them is only month-precise (it agrees with all),
    # else the reports of each day, and those a day apart (_a_day_apart). The groups are the same
    # as comparing every pair, without the pairs (a bucket of 100,000 articles' reports is large).
    for members in buckets.values():
        if len(members) < 2:
            continue
        by_actor: dict[str, list[int]] = {}
        for i in members:
            for actor in dict.fromkeys(_ids(actor_ids[i])):
                by_actor.setdefault(actor, []).append(i)
        for named in by_actor.values():
            if len(named) < 2:
                continue
            if any(precs[i] == "month" for i in named):
                tied = [named]
            else:
                by_day: dict[dt.date | None, list[int]] = {}
                for i in named:
                    by_day.setdefault(days[i], []).append(i)
                tied = list(by_day.values())
                # and a report dated only as its article's day ties to another article's report
                # of the day before (_a_day_apart); that day's reports are one group already
                for day, later in by_day.items():
                    before = by_day.get(day - _ONE_DAY) if day is not None else None
                    if not before:
                        continue
                    for j in later:
                        tie = next((i for i in before if _a_day_apart(i, j, days, reported)), None)
                        if tie is not None:
                            sets.union(tie, j)
            for group in tied:
                for j in group[1:]:
                    sets.union(group[0], j)
    return {ids[min(idx)]: idx for idx in sets.groups().values()}


_ONE_DAY = dt.timedelta(days=1)


def _a_day_apart(i: int, j: int, days: list[dt.date | None], reported: list[Reported]) -> bool:
    """Two articles' reports a day apart, the later one dated only as its article's day."""
    di, dj = days[i], days[j]
    if reported[i][0] == reported[j][0] or di is None or dj is None:
        return False
    late = i if di > dj else j
    return abs((di - dj).days) == 1 and reported[late][1]


_DEFAULT_DAYS = 7  # a report its article's day dates is one the article dates up to this many days before


def _in_article(sets: DisjointSets, kinds: list[str], places: list[Any], days: list[dt.date | None],
                actor_ids: list[Any], reported: list[Reported], statuses: list[str]) -> None:
    """Tie, inside each article, a report with no date of its own (undated, or dated only by the
    article's day) to another report of its kind family and status sharing an actor, at the same
    place or at none, that is dated or precedes it: 'the summit' and 'the summit on 15 August',
    'the ministry said' and 'the ministry said on Thursday'."""
    by_article: dict[str, list[int]] = {}
    for i, (art, _) in enumerate(reported):
        by_article.setdefault(art, []).append(i)
    for members in by_article.values():
        if len(members) < 2:
            continue
        for j in members:
            default = reported[j][1]
            if days[j] is not None and not default:
                continue
            mine = set(_ids(actor_ids[j]))
            family = _family(kinds[j])
            place = places[j] if isinstance(places[j], str) else ""
            for i in members:
                if i == j or statuses[i] != statuses[j]:
                    continue
                if _family(kinds[i]) != family:
                    continue
                other = places[i] if isinstance(places[i], str) else ""
                if (place and other and place != other) or not mine & set(_ids(actor_ids[i])):
                    continue
                di, dj = days[i], days[j]
                if dj is None and (di is not None or i < j):
                    sets.union(i, j)  # an undated report: the dated one, else the first
                elif dj is not None and di is not None and not reported[i][1] \
                        and 0 < (dj - di).days <= _DEFAULT_DAYS:
                    sets.union(i, j)  # dated by its article only: the day the article gives
