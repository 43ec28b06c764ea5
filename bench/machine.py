"""How fast this machine is right now: a fixed pure-Python workload, timed.

The machines here are virtual and their speed drifts by a third over minutes, so a
throughput figure means little alone. The benches print this beside their figures, before
and after: compare runs (and machines) by it.
"""

from __future__ import annotations

import time

_N = 200_000


def _work() -> int:
    s = 0
    for i in range(_N):
        s += i * i % 7
    return s


def speed_ms(repeat: int = 7) -> tuple[float, float]:
    """(best, median) milliseconds of the fixed workload over ``repeat`` runs; lower is faster."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        _work()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[0], times[len(times) // 2]


def describe() -> str:
    """A one-line figure for a bench's output."""
    best, median = speed_ms()
    return (f"machine speed: fixed pure-Python loop {median:.1f} ms median, {best:.1f} ms best "
            "(lower is faster)")
