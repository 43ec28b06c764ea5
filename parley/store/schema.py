"""The database tables: the contract between the core and the pages (see DESIGN.md).

Every extracted row points back to its article and to a character span of the article's
clean text (articles.text), so any cell can show its evidence highlighted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# One ingested document. id = content hash of the raw text (idempotent re-ingest);
# body_hash = hash of the normalised clean body (an article under other chrome -> duplicate_of).
articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("outlet", Text),
    Column("url", Text),
    Column("title", Text),
    Column("lang", String(8), nullable=False),
    Column("published", Date),  # null when unknown: never today's date
    Column("date_precision", String(16), nullable=False),  # day / month / year / unknown
    Column("date_basis", Text, nullable=False),
    Column("text", Text, nullable=False),  # clean text; offsets index this
    Column("raw", Text, nullable=False),
    Column("body_hash", String(64), nullable=False, index=True),
    Column("duplicate_of", String(32)),
    Column("chars_raw", Integer, nullable=False),
    Column("chars_clean", Integer, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
)
# One original per body: two ingests that meet the same body at once cannot both store it as
# the original; the one that loses the insert stores its article as a duplicate of the other.
ORIGINAL_BODY = Index("ux_articles_original_body", articles.c.body_hash, unique=True,
                      sqlite_where=articles.c.duplicate_of.is_(None),
                      postgresql_where=articles.c.duplicate_of.is_(None))

# The columns the shared filters read, covered by one index: on SQLite duplicate_of sits behind the
# text's overflow pages in the row, so a read that checks it for each of thousands of rows (search
# over a common word) reads this index instead of walking every article's text.
FILTER_COLUMNS = Index("ix_articles_filters", articles.c.id, articles.c.duplicate_of, articles.c.lang,
                       articles.c.outlet, articles.c.published)

segments = Table(
    "segments",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("lang", String(8), nullable=False),
    Column("text", Text, nullable=False),
)

# Canonical actors and places, synced from data/gazetteer/ at extraction time.
gazetteer_actors = Table(
    "gazetteer_actors",
    metadata,
    Column("actor_id", String(64), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text),
    Column("name_fa", Text),
    Column("kind", String(16), nullable=False),  # person / state / org / media
    Column("side", String(16), nullable=False),  # us iran mediator israel gulf europe media other
    Column("role", Text),
)

places = Table(
    "places",
    metadata,
    Column("place_id", String(64), primary_key=True),
    Column("name_en", Text, nullable=False),
    Column("name_ar", Text),
    Column("name_fa", Text),
    Column("country", String(64)),
    Column("lat", Float),
    Column("lon", Float),
)

extracted_mentions = Table(
    "extracted_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("segment_idx", Integer, nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("surface", Text, nullable=False),
    Column("via", String(16), nullable=False, default="name"),  # name / surname / title / fuzzy / demonym
    Index("ix_mentions_article", "article_id"),
    Index("ix_mentions_actor", "actor_id"),
    # "articles mentioning these actors" (filters.where): without it SQLite walks every mention of
    # the actor for each article (minutes for a much-named actor at 100,000 articles)
    Index("ix_mentions_article_actor", "article_id", "actor_id"),
)

extracted_venues = Table(
    "extracted_venues",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("segment_idx", Integer, nullable=False),
    Column("place_id", String(64), nullable=False),
    Column("role", String(16), nullable=False),  # talks_venue proposed moved_from moved_to visit mentioned
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_venues_article", "article_id"),
)

extracted_positions = Table(
    "extracted_positions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("segment_idx", Integer, nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("topic", String(32), nullable=False),
    Column("stance", String(16), nullable=False),
    Column("polarity", Integer, nullable=False),  # +1 for, -1 against, 0 neutral/mediating
    Column("condition", Text),
    Column("cues", Text, nullable=False),  # the cue words found, ';'-separated
    Column("confidence", Float, nullable=False),
    Column("start", Integer, nullable=False),  # the clause span
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_positions_article", "article_id"),
)

extracted_quotes = Table(
    "extracted_quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("segment_idx", Integer, nullable=False),
    Column("speaker_id", String(64)),  # null when unattributed
    Column("lang", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue", Text, nullable=False),
    Index("ix_quotes_article", "article_id"),
)

# One row per report of an event; event_id groups the reports of the same development
# across articles (kind + actors + place + date), so one event can have several reports.
extracted_events = Table(
    "extracted_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("segment_idx", Integer, nullable=False),
    Column("date", Date),
    Column("date_precision", String(16), nullable=False),
    Column("date_basis", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # meeting call visit speech announcement strike
    Column("actor_ids", Text, nullable=False),  # ';'-separated canonical ids
    Column("place_id", String(64)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    # happened / planned / background / called_off
    Column("status", String(16), nullable=False, default="happened"),
    Index("ix_events_article", "article_id"),
    Index("ix_events_event_id", "event_id"),
)

# One row per segment naming two or more actors (its mentions and its events' actors together):
# the edge types its cue words state (data/gazetteer/edge_cues.yaml), typed once at ingest so
# the network page never reads sentence text.
links = Table(
    "links",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("segment_idx", Integer, primary_key=True),
    Column("types", Text, nullable=False, default=""),  # ';'-separated, cue file order; '' when none
)

# Person names the gazetteer lacks, kept for review rather than dropped.
extracted_candidates = Table(
    "extracted_candidates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("segment_idx", Integer, nullable=False),
    Column("surface", Text, nullable=False),
    Column("normalized", Text, nullable=False),
    Column("sign", String(32), nullable=False),  # title / speech_verb / capitalised
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("status", String(16), nullable=False, default="new"),  # new / accepted / rejected
)

briefings = Table(
    "briefings",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("params", Text, nullable=False),  # JSON of the filters and selection
    Column("created_at", DateTime, nullable=False),
)

# Every write made through the dashboard: who (a signed-in email, or "local" in open mode), when,
# what (the action) and which ids; read newest first on the Review page (parley/store/audit.py).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),  # UTC, naive
    Column("who", Text, nullable=False),
    Column("action", String(32), nullable=False),  # upload / candidate_status / briefing_save
    Column("ids", Text, nullable=False, default=""),  # ','-separated ids the write touched
    Column("detail", Text, nullable=False, default=""),
)

# Live sources (parley/sources/): the feeds polled, with what their last poll did; each feed item
# seen (retried while it failed, up to a few attempts); and every canonical URL an article came
# from, so one article is fetched once however its links are dressed (utm_*, fragments, case).
feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2000), nullable=False, unique=True),  # canonical
    Column("title", Text),
    Column("added_at", DateTime, nullable=False),  # UTC, naive
    Column("last_fetch", DateTime),
    Column("status", String(32), nullable=False, default="new"),  # new / ok / not modified / error
    Column("etag", Text),  # conditional GET: sent back as If-None-Match
    Column("last_modified", Text),  # ... and as If-Modified-Since
    Column("error", Text),  # the last poll's error (or its items' errors), one line
    Column("new_count", Integer, nullable=False, default=0),  # new articles of the last poll
)

feed_items = Table(
    "feed_items",
    metadata,
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    Column("item_key", String(1000), primary_key=True),  # the guid, else the canonical link
    Column("url", String(2000), nullable=False),
    Column("article_id", String(32)),  # null while it failed
    Column("status", String(16), nullable=False),  # stored / error
    Column("error", Text),
    Column("attempts", Integer, nullable=False, default=1),
    Column("first_seen", DateTime, nullable=False),
)

source_urls = Table(
    "source_urls",
    metadata,
    Column("url", String(2000), primary_key=True),  # canonical
    Column("article_id", String(32), nullable=False, index=True),
    Column("feed_id", Integer),  # the feed it came through, if any (kept when the feed is removed)
    Column("fetched_at", DateTime, nullable=False),
)

# Store-wide counters by key: "version", bumped by every write, so page caches key on it;
# "unfinished", set by every article written and cleared by the pass that ends a batch.
store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Integer, nullable=False),
)


# --- curation (README "Curation"): analysts' corrections, a layer over what extraction wrote ----------
# One row per correction, the record of who changed what, when and why. ``target`` names the row it
# corrects by a key that survives re-extraction (article, span and the extracted values; never an
# autoincrement id); the span's text hash lets a later extraction notice that the evidence is gone.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),  # UTC, naive
    Column("who", Text, nullable=False),
    Column("kind", String(32), nullable=False, index=True),
    Column("target", Text, nullable=False, default="{}"),  # JSON: the stable key of the corrected row
    Column("before", Text, nullable=False, default="{}"),  # JSON: the values the analyst saw
    Column("after", Text, nullable=False, default="{}"),  # JSON: the values they set
    Column("note", Text, nullable=False, default=""),
    Column("reverted_by", Integer),  # the revert that undid this one (null: in force)
    Column("article_id", String(32)),  # the evidence span (null for actor-wide corrections)
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("span_hash", String(16)),
    Column("flag", Text, nullable=False, default=""),  # why it no longer applies ('' when it does)
)


def _patch_table(base: Table, name: str, key_type: Any) -> Table:
    """The curated rows of ``base``: a row replacing the extracted row ``raw_id`` (or hiding it, with
    ``deleted``), or a row added by an analyst (``raw_id`` null). Rebuilt from ``corrections`` after
    every correction and every extraction (store/overlay.py), so raw ids here are always current."""
    cols = [Column(c.name, c.type) for c in base.columns if c.name != "id"]
    return Table(name, metadata,
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("raw_id", key_type, index=True),
                 Column("deleted", Integer, nullable=False, default=0),
                 Column("correction_ids", Text, nullable=False, default=""),  # ';'-separated
                 *cols)


curated_actors = _patch_table(gazetteer_actors, "curated_actors", String(64))
curated_mentions = _patch_table(extracted_mentions, "curated_mentions", Integer)
curated_venues = _patch_table(extracted_venues, "curated_venues", Integer)
curated_positions = _patch_table(extracted_positions, "curated_positions", Integer)
curated_quotes = _patch_table(extracted_quotes, "curated_quotes", Integer)
curated_events = _patch_table(extracted_events, "curated_events", Integer)
curated_candidates = _patch_table(extracted_candidates, "curated_candidates", Integer)

# The tables every read uses are views: the extracted (or gazetteer) rows no correction touches,
# plus the curated rows (store/overlay.py creates them). Their extra columns: ``curated`` (1 when a
# correction made the row) and ``correction_ids``. Reads, briefings, exports and the CLI all see the
# curated tables through them; only writes.py and the overlay touch the base tables.
view_metadata = MetaData()


def _view_table(base: Table, name: str) -> Table:
    return Table(name, view_metadata,
                 *[Column(c.name, c.type, primary_key=c.primary_key) for c in base.columns],
                 Column("curated", Integer), Column("correction_ids", Text))


actors = _view_table(gazetteer_actors, "actors")
mentions = _view_table(extracted_mentions, "mentions")
venues = _view_table(extracted_venues, "venues")
positions = _view_table(extracted_positions, "positions")
quotes = _view_table(extracted_quotes, "quotes")
events = _view_table(extracted_events, "events")
candidates = _view_table(extracted_candidates, "candidates")

# view -> (base table, curated table)
CURATED_VIEWS: dict[Table, tuple[Table, Table]] = {
    actors: (gazetteer_actors, curated_actors),
    mentions: (extracted_mentions, curated_mentions),
    venues: (extracted_venues, curated_venues),
    positions: (extracted_positions, curated_positions),
    quotes: (extracted_quotes, curated_quotes),
    events: (extracted_events, curated_events),
    candidates: (extracted_candidates, curated_candidates),
}


def base_of(view: Table) -> Table:
    """The base table under a curated view (tests and benchmarks write rows there)."""
    return CURATED_VIEWS[view][0] if view in CURATED_VIEWS else view


EXTRACTED_TABLES = (extracted_mentions, extracted_venues, extracted_positions, extracted_quotes,
                    extracted_events, extracted_candidates, links)

# Summary tables: what the unfiltered views count, kept up to date by the one write path
# (parley/store/summaries.py), so that a page over 100,000 articles reads a few hundred rows.
# Over the articles stored as originals (where(Filters())): per publication day ('' undated),
# language and outlet ('' unknown), how many articles; per actor, mentions and articles.
summary_days = Table(
    "summary_days",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("lang", String(8), primary_key=True),
    Column("outlet", Text, primary_key=True),
    Column("articles", Integer, nullable=False),
)

summary_actors = Table(
    "summary_actors",
    metadata,
    Column("actor_id", String(64), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
)

# How many rows of articles and mentions the summaries account for, and how many corrections
# there were when they were counted: a reader trusts them only when the tables hold exactly that
# many (a writer that went around the write path, or a new correction, shows).
summary_state = Table(
    "summary_state",
    metadata,
    Column("key", String(16), primary_key=True),
    Column("articles_rows", Integer, nullable=False),
    Column("mentions_rows", Integer, nullable=False),
    Column("corrections", Integer, nullable=False, default=0),  # corrections rows when last counted
)

# The network's edge weights by day live beside these, in summary_schema.py (imported here so that
# every table is made by init_db).
from parley.store import summary_schema as _summary_schema  # noqa: E402,F401
