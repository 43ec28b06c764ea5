"""``python -m parley fetch|feeds|watch`` as real subprocesses against a loopback site."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from seeds import REPO
from sources_site import Route, Site, article_html, atom, rss

from parley.sources.cli import parse_every


def parley(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m parley ARGS`` with no host delay and no PARLEY_DB_URL in the environment."""
    env = {k: v for k, v in os.environ.items() if k not in ("PARLEY_DB_URL", "PARLEY_ALLOW_PRIVATE_URLS")}
    env["PARLEY_FETCH_DELAY"] = "0"
    return subprocess.run([sys.executable, "-m", "parley", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as s:
        for key in ("ar-muscat", "fa-muscat", "en-muscat", "en-doha"):
            s.routes[f"/{key}"] = Route(article_html(key))
        s.routes["/ar.xml"] = Route(rss("أخبار", [(s.url("/ar-muscat"), "مسقط", None),
                                                  (s.url("/fa-muscat"), "مسقط", None)], lang="ar"),
                                    content_type="application/rss+xml",
                                    last_modified="Mon, 02 Mar 2026 09:00:00 GMT")
        s.routes["/atom.xml"] = Route(atom("Atom", [("/en-doha", "Doha", "2026-03-04T06:00:00Z")]),
                                      content_type="application/atom+xml", etag='"a1"')
        yield s


def _lines(out: str, kind: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines() if line.startswith(kind + "\t")]


def test_fetch_prints_new_articles_errors_and_a_summary(sqlite_url: str, site: Site) -> None:
    run = parley("fetch", site.url("/en-muscat?utm_source=x"), site.url("/nothing"), "file:///etc/passwd",
                 "--db", sqlite_url, "--allow-private")
    assert run.returncode == 1, run.stderr  # some errors, the rest done
    new = _lines(run.stdout, "new")
    assert len(new) == 1 and new[0][2] == site.url("/en-muscat?utm_source=x")
    assert new[0][3] == "Oman sets date for next round of US-Iran talks"
    errors = {e[1]: e[2] for e in _lines(run.stdout, "error")}
    assert errors[site.url("/nothing")] == "HTTP 404"
    assert "not file://" in errors["file:///etc/passwd"]
    assert run.stdout.rstrip().splitlines()[-1] == "new 1, duplicates 0, already stored 0, errors 2"
    again = parley("fetch", site.url("/en-muscat"), "--db", sqlite_url, "--allow-private")
    assert again.returncode == 0 and again.stdout.strip() == "new 0, duplicates 0, already stored 1, errors 0"


def test_fetch_refuses_loopback_without_allow_private(sqlite_url: str, site: Site) -> None:
    run = parley("fetch", site.url("/en-muscat"), "--db", sqlite_url)
    assert run.returncode == 1
    assert "private, loopback or local address" in _lines(run.stdout, "error")[0][2]
    assert site.hits == []


def test_feeds_add_list_watch_and_remove(sqlite_url: str, site: Site, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="Atom" xmlUrl="{site.url("/atom.xml")}"/>'
                    f"</body></opml>", encoding="utf-8")
    add = parley("feeds", "add", site.url("/ar.xml"), "ftp://x/y", "--opml", opml, "--db", sqlite_url)
    assert add.returncode == 1, add.stderr
    assert [a[1] for a in _lines(add.stdout, "added")] == [site.url("/ar.xml"), site.url("/atom.xml")]
    assert add.stdout.rstrip().endswith("added 2, already there 0, errors 1")
    listed = parley("feeds", "list", "--db", sqlite_url)
    assert listed.returncode == 0 and "\tnew\tnever\t" in listed.stdout and listed.stdout.rstrip().endswith(
        "2 feed(s)")

    first = parley("watch", "--once", "--db", sqlite_url, "--allow-private")
    assert first.returncode == 0, first.stdout + first.stderr
    assert len(_lines(first.stdout, "new")) == 3
    assert first.stdout.rstrip().splitlines()[-1] == (
        "polled 2 feed(s) (0 not modified): new 3, duplicates 0, already stored 0, errors 0")
    second = parley("watch", "--once", "--every", "1h", "--db", sqlite_url, "--allow-private")
    assert second.returncode == 0 and second.stdout.strip() == (
        "polled 2 feed(s) (2 not modified): new 0, duplicates 0, already stored 0, errors 0")
    assert "\tnot modified\t" in parley("feeds", "list", "--db", sqlite_url).stdout

    removed = parley("feeds", "remove", site.url("/ar.xml"), site.url("/never.xml"), "--db", sqlite_url)
    assert removed.returncode == 1
    assert _lines(removed.stdout, "removed") == [["removed", site.url("/ar.xml")]]
    assert removed.stdout.rstrip().endswith("removed 1, errors 1")


def test_watch_reports_a_broken_feed(sqlite_url: str, site: Site) -> None:
    site.routes["/bad.xml"] = Route(b"<rss><channel><item><title>x</link>",
                                    content_type="application/rss+xml")
    parley("feeds", "add", site.url("/bad.xml"), "--db", sqlite_url)
    run = parley("watch", "--once", "--db", sqlite_url, "--allow-private")
    assert run.returncode == 1
    assert "not a readable RSS or Atom feed" in _lines(run.stdout, "error")[0][2]


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200), ("1d", 86400),
                                               ("45", 45), ("1.5h", 5400)])
def test_watch_intervals(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["5s", "0m", "soon", "-1m", ""])
def test_bad_watch_intervals_exit_2(text: str, sqlite_url: str) -> None:
    run = parley("watch", f"--every={text}", "--db", sqlite_url)
    assert run.returncode == 2 and run.stderr.startswith("parley: error: --every")
