"""Disjoint sets over item indices: the reports of one happening, grouped by pairwise ties."""

from __future__ import annotations


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
