"""Full-text search in the store (store/search.py, store/search_index.py) on a real SQLite file
and a real PostgreSQL server: clitics, phrases, prefixes, boolean queries, the shared filters,
ranking, snippets in their own direction, hostile queries, and the index kept in step with the
articles (same transaction, duplicates, deletes, a store made before search, a rule change)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, delete, func, select, text

from parley.filters import Filters
from parley.ingest import ingest_uploads
from parley.store import db
from parley.store.schema import articles, store_meta
from parley.store.search import search
from parley.store.search_index import FORMAT_KEY
from parley.text.search_query import QueryError

AR_MUSCAT = """محادثات مسقط تستأنف الجمعة
وقال وزير الخارجية العُماني إنّ المحادثات بين الولايات المتحدة وإيران ستُستأنف بمسقط يوم الجمعة.
وأضاف أن الوفد الإيراني وصل إلى العاصمة العمانية مساء الخميس.
"""
AR_ANKARA = """أنقرة تعرض استضافة الجولة المقبلة
أعلنت تركيا استعدادها لاستضافة جولة جديدة من المفاوضات، وقالت إن للولايات المتحدة دوراً في ذلك.
"""
FA_MUSCAT = """مذاکرات مسقط
عراقچی گفت مذاکرات با آمریکا در مسقط برگزار می‌شود و هیئت ایرانی آماده است.
"""
EN_MUSCAT = """Muscat talks to resume
Oman's foreign minister said talks between the United States and Iran would resume in Muscat on Friday.
Negotiators were expected to discuss enrichment and sanctions.
"""
EN_DENSE = """Muscat again
Muscat, Muscat and Muscat: everything happens in Muscat.
"""
FILES = {"ar_muscat.txt": AR_MUSCAT, "ar_ankara.txt": AR_ANKARA, "fa_muscat.txt": FA_MUSCAT,
         "en_muscat.txt": EN_MUSCAT, "en_dense.txt": EN_DENSE,
         "en_muscat_copy.txt": "Share this article\n" + EN_MUSCAT}


@pytest.fixture
def corpus(engine: Engine) -> Iterator[tuple[Engine, dict[str, str]]]:
    """The six files ingested (with extraction); name -> article id (the copy is a duplicate)."""
    report = ingest_uploads([(n, t.encode()) for n, t in FILES.items()], engine)
    assert not report.rejected and len(report.duplicates) == 1
    with engine.connect() as conn:
        ids = {str(o): str(i) for o, i in conn.execute(select(articles.c.origin, articles.c.id))}
    yield engine, ids


def names(hits: list, ids: dict[str, str]) -> list[str]:  # type: ignore[type-arg]
    by_id = {v: k for k, v in ids.items()}
    return [by_id[h.article_id] for h in hits]


def test_a_word_without_its_clitic_finds_the_clitic_forms(corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    hits = search(engine, "مسقط")
    assert set(names(hits, ids)) == {"ar_muscat.txt", "fa_muscat.txt"}
    iran = search(engine, "ايران")  # hamza-less, clitic-less: finds وإيران
    assert names(iran, ids) == ["ar_muscat.txt"]
    hit = iran[0]
    with engine.connect() as conn:
        stored = conn.execute(select(articles.c.text).where(articles.c.id == hit.article_id)).scalar_one()
    assert hit.start is not None and hit.end is not None
    assert stored[hit.start:hit.end] == "وإيران"
    s, e = hit.marks[0]
    assert hit.snippet[s:e] == "وإيران" and hit.snippet in stored
    assert set(names(search(engine, "الولايات"), ids)) == {"ar_muscat.txt", "ar_ankara.txt"}
    assert names(search(engine, "عراقجي"), ids) == ["fa_muscat.txt"]  # Arabic spelling, Persian text


def test_phrases_prefixes_and_booleans(corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    assert names(search(engine, '"العاصمة العمانية"'), ids) == ["ar_muscat.txt"]
    assert names(search(engine, '"talks between"'), ids) == ["en_muscat.txt"]
    assert search(engine, '"between talks"') == []
    assert set(names(search(engine, '"الولايات المتحدة"'), ids)) == {"ar_muscat.txt", "ar_ankara.txt"}
    assert names(search(engine, "enrich*"), ids) == ["en_muscat.txt"]
    assert names(search(engine, "مذاکر*"), ids) == ["fa_muscat.txt"]
    assert set(names(search(engine, "Friday OR أنقرة"), ids)) == {"en_muscat.txt", "ar_ankara.txt"}
    assert names(search(engine, "مسقط NOT عراقچی"), ids) == ["ar_muscat.txt"]
    assert names(search(engine, "Muscat AND sanctions"), ids) == ["en_muscat.txt"]


def test_hits_keep_to_the_shared_filters(corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    assert names(search(engine, "مسقط", Filters(langs=("fa",))), ids) == ["fa_muscat.txt"]
    only = Filters(articles=(ids["ar_muscat.txt"],))
    assert names(search(engine, "مسقط", only), ids) == ["ar_muscat.txt"]
    assert search(engine, "Muscat", Filters(langs=("ar",))) == []


def test_duplicates_are_not_hits_and_ranking_prefers_the_dense_article(
        corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    hits = search(engine, "Muscat")
    assert names(hits, ids) == ["en_dense.txt", "en_muscat.txt"]
    assert hits[0].score > hits[1].score
    assert len(search(engine, "Muscat", limit=1)) == 1


def test_snippets_carry_their_own_language(corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    hits = search(engine, "مسقط OR Muscat")
    langs = {name: h.snippet_lang for name, h in zip(names(hits, ids), hits, strict=True)}
    assert langs == {"ar_muscat.txt": "ar", "fa_muscat.txt": "fa", "en_muscat.txt": "en",
                     "en_dense.txt": "en"}
    for h in hits:
        assert h.marks and all(0 <= s < e <= len(h.snippet) for s, e in h.marks)
        assert h.link.startswith(f"/read?a={h.article_id}&s=")


@pytest.mark.parametrize("hostile", ['"unclosed', "NOT x", "((", "a" * 600, "x\x00y"])
def test_unreadable_queries_raise_query_errors(corpus: tuple[Engine, dict[str, str]], hostile: str) -> None:
    with pytest.raises(QueryError):
        search(corpus[0], hostile)


@pytest.mark.parametrize("odd", ["'; DROP TABLE articles; --", 'terms : "x" OR stems : *', "NEAR(a b)",
                                 "a:b", "^x", "{stems}: Muscat", "!x & y | z <-> w", "x' OR '1'='1"])
def test_fts_and_tsquery_syntax_typed_by_a_user_is_just_words(corpus: tuple[Engine, dict[str, str]],
                                                               odd: str) -> None:
    engine, _ids = corpus
    search(engine, odd)  # no StoreError
    assert db.count_articles(engine) == len(FILES)


def test_the_index_is_written_in_the_article_transaction(engine: Engine) -> None:
    from parley.load.article import build_article
    from parley.records import RawDocument
    from parley.store.writes import store_article

    db.init_db(engine)
    article = build_article(RawDocument(origin="x.txt", raw=EN_MUSCAT))
    with engine.connect() as conn:
        trans = conn.begin()
        store_article(conn, article, None)
        assert conn.execute(text("SELECT count(*) FROM search_docs")).scalar() == 1
        trans.rollback()
    assert search(engine, "Muscat") == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_docs")).scalar() == 0


def test_a_deleted_article_leaves_the_index(corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    with engine.begin() as conn:
        conn.execute(delete(articles).where(articles.c.id == ids["ar_ankara.txt"]))
    assert search(engine, "أنقرة") == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_docs")).scalar() == len(FILES) - 1


def _drop_index(engine: Engine) -> None:
    """Make the store look like one written before search existed."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER search_docs_gone")
            conn.exec_driver_sql("DROP TABLE search_fts")
        conn.exec_driver_sql("DROP TABLE search_docs")
        conn.execute(delete(store_meta).where(store_meta.c.key == FORMAT_KEY))


def test_a_store_made_before_search_is_indexed_on_first_open(corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    with engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(articles)).scalar()
    _drop_index(engine)
    db.init_db(engine)
    assert set(names(search(engine, "مسقط"), ids)) == {"ar_muscat.txt", "fa_muscat.txt"}
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar() == before
        assert conn.execute(text("SELECT count(*) FROM search_docs")).scalar() == before


def test_other_indexing_rules_rebuild_the_index(corpus: tuple[Engine, dict[str, str]]) -> None:
    engine, ids = corpus
    with engine.begin() as conn:
        conn.execute(store_meta.update().where(store_meta.c.key == FORMAT_KEY).values(value=1))
    db.init_db(engine)
    assert names(search(engine, "enrich*"), ids) == ["en_muscat.txt"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_docs")).scalar() == len(FILES)
        assert conn.execute(select(store_meta.c.value).where(store_meta.c.key == FORMAT_KEY)).scalar() != 1


def test_a_huge_article_is_stored_and_searchable_from_its_start(engine: Engine) -> None:
    words = " ".join(f"zq{i}" for i in range(80_000))
    report = ingest_uploads([("huge.txt", f"A huge list\n{words}\n".encode())], engine, extract=False)
    assert report.ingested == ["huge.txt"], report.summary()
    assert len(search(engine, "zq10")) == 1


def test_a_broad_query_is_ranked_among_its_newest_matches(engine: Engine) -> None:
    from parley.store.search import ranked_ids
    from parley.text.search_query import parse_query

    stored = []
    for i in range(4):  # one ingest each: stored in this order
        body = f"Report {i}\nThe talks in Muscat went on for day {i}." + (" Muscat." * (3 - i))
        ingest_uploads([(f"r{i}.txt", body.encode())], engine, extract=False)
        with engine.connect() as conn:
            mine = select(articles.c.id).where(articles.c.origin == f"r{i}.txt")
            stored.append(conn.execute(mine).scalar_one())
    tree = parse_query("Muscat")
    everything = [a for a, _ in ranked_ids(engine, tree, Filters(), 20)]
    assert everything[0] == stored[0]  # the densest, stored first
    newest = [a for a, _ in ranked_ids(engine, tree, Filters(), 20, pool=2)]
    assert set(newest) == set(stored[2:])
    assert newest == [a for a in everything if a in newest]  # ranked the same way within the pool


def test_a_phrase_is_checked_among_its_newest_candidates(engine: Engine) -> None:
    """PostgreSQL picks a phrase's candidates by its words (GIN keeps no positions) and checks the
    phrase among the newest ``pool`` of them; SQLite (FTS5 keeps positions) among its newest matches.
    With fewer candidates than the pool both find every article holding the phrase, ranked."""
    from parley.store.search import ranked_ids
    from parley.text.search_query import parse_query

    bodies = ["They spoke of a red line." + " Red line." * 3,  # the phrase, dense
              "A line of red flags was seen.",  # both words, apart
              "They spoke of a red line.",  # the phrase
              "The line was red."]  # both words, apart
    stored = []
    for i, body in enumerate(bodies):  # one ingest each: stored in this order
        ingest_uploads([(f"p{i}.txt", f"Report {i}\n{body}".encode())], engine, extract=False)
        with engine.connect() as conn:
            stored.append(conn.execute(select(articles.c.id).where(articles.c.origin == f"p{i}.txt"))
                          .scalar_one())

    def ranked(query: str, pool: int | None = None) -> list[str]:
        return [a for a, _ in ranked_ids(engine, parse_query(query), Filters(), 20, pool=pool)]

    assert ranked('"red line"') == [stored[0], stored[2]]
    assert ranked('"red line"', pool=4) == [stored[0], stored[2]]  # as many candidates as the pool
    assert ranked('"red flags"') == [stored[1]]
    assert ranked('"flags red"') == []
    assert set(ranked('"red line" OR flags')) == {stored[0], stored[1], stored[2]}
    assert set(ranked('Report NOT "red line"')) == {stored[1], stored[3]}  # words apart stay
    assert set(ranked('"red line" NOT flags')) == {stored[0], stored[2]}
    assert set(ranked('"red line" AND dense')) == set()
    # A pool smaller than the candidates: PostgreSQL checks the phrase among the newest two
    # candidates (p2 and p3), SQLite ranks the newest two articles holding the phrase.
    newest = set(ranked('"red line"', pool=2))
    assert newest == ({stored[2]} if engine.dialect.name == "postgresql" else {stored[0], stored[2]})
    assert set(ranked("red line", pool=2)) == {stored[2], stored[3]}  # words, not a phrase: unchanged


def test_phrase_candidates_are_its_words_anded() -> None:
    from parley.store.search import tsquery_candidates, tsquery_expression
    from parley.text.search_query import parse_query

    assert tsquery_expression(parse_query('"red line"')) == "('red' <-> 'line')"
    assert tsquery_candidates(parse_query('"red line"')) == "('red' & 'line')"
    assert tsquery_candidates(parse_query('"الولايات المتحدة"')) == "('ولايات' & 'متحده')"
    assert tsquery_candidates(parse_query('Iran OR "red line"')) == "('iran' | ('red' & 'line'))"
    # a NOT of a phrase excludes nothing among the candidates (the words may stand apart)
    assert tsquery_candidates(parse_query('Iran NOT "red line"')) == "'iran'"
    assert tsquery_candidates(parse_query('Iran NOT Oman')) == "('iran' & !'oman')"
    assert tsquery_candidates(parse_query('Iran NOT (Oman OR "red line")')) == "'iran'"
    assert tsquery_candidates(parse_query("talk*")) == tsquery_expression(parse_query("talk*"))
