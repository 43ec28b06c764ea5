"""``python -m parley search`` as a real subprocess: one line per hit, best first, --limit, and a
query it cannot read as one line on stderr with exit code 2."""

from __future__ import annotations

from seeds import SEED_DIR
from sqlalchemy import select
from test_cli import parley

from parley.store.db import make_engine
from parley.store.schema import articles
from parley.text.normalize import normalize_text


def test_search_prints_id_score_snippet_lines(sqlite_url: str) -> None:
    assert parley("ingest", SEED_DIR, "--db", sqlite_url, "--no-extract").returncode == 0
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        texts = dict(conn.execute(select(articles.c.id, articles.c.text)).all())
    engine.dispose()
    out = parley("search", "ايران", "--db", sqlite_url)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) >= 3
    scores = []
    for line in lines:
        article_id, score, snippet = line.split("\t")
        assert article_id in texts
        assert "ايران" in normalize_text(snippet)  # إيران, وإيران, ایران (Persian) ...
        assert " ".join(snippet.split()) == snippet
        assert snippet.replace(" ", "") in "".join(texts[article_id].split())
        scores.append(float(score))
    assert scores == sorted(scores, reverse=True)
    limited = parley("search", "ايران", "--db", sqlite_url, "--limit", "2")
    assert limited.stdout.splitlines() == lines[:2]
    assert parley("search", "zzzznotaword", "--db", sqlite_url).stdout == ""


def test_an_unreadable_query_is_one_line_and_exit_2(sqlite_url: str) -> None:
    out = parley("search", '"المحادثات في مسقط', "--db", sqlite_url)
    assert out.returncode == 2
    assert out.stderr.strip() == "parley: error: A phrase is missing its closing quote mark."
