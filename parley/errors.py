"""One exception tree for Parley. Pages catch ParleyError once and show it."""

from __future__ import annotations


class ParleyError(Exception):
    """Base of every error Parley raises on purpose."""


class LoadError(ParleyError):
    """An input could not be read; the message names the file and the reason in one line."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class GazetteerError(ParleyError):
    """A data file under data/gazetteer/ is malformed; the message names the file and entry."""


class StoreError(ParleyError):
    """The database could not be opened, written or read."""
