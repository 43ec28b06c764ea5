"""The columns of the frames a source comparison reads: the stored tables' names (parley.store.schema).

Shared by the reads (parley.store.compare_queries) and the analysis (parley.analyze.compare_model),
so neither imports the other.
"""

from __future__ import annotations

ARTICLE_COLUMNS = ("id", "outlet", "title", "lang", "published", "date_precision", "date_basis", "text")
SEGMENT_COLUMNS = ("article_id", "idx", "start", "end", "lang", "text")
MENTION_COLUMNS = ("article_id", "segment_idx", "actor_id", "start", "end", "surface", "via")
VENUE_COLUMNS = ("article_id", "segment_idx", "place_id", "role", "start", "end", "evidence")
POSITION_COLUMNS = ("article_id", "segment_idx", "actor_id", "topic", "stance", "start", "end", "evidence")
QUOTE_COLUMNS = ("article_id", "segment_idx", "speaker_id", "lang", "text", "start", "end")
EVENT_COLUMNS = ("article_id", "segment_idx", "event_id", "date", "date_precision", "kind", "actor_ids",
                 "place_id", "start", "end", "evidence")
