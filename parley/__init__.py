"""Parley: multilingual diplomacy news -> tables of actors, venues, positions, quotes, events.

The public surface is small; everything else is internal.
"""

from parley.errors import GazetteerError, LoadError, ParleyError, StoreError

__all__ = ["GazetteerError", "LoadError", "ParleyError", "StoreError"]
__version__ = "0.1.0"
