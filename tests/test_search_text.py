"""Search words and queries (text/search_terms.py, text/search_query.py): the normalisation of
matching, Arabic clitics, the query grammar and its errors, highlights in original offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parley.store.search import fts5_expression, tsquery_expression
from parley.store.search_index import bounded
from parley.text.search_query import MAX_ITEMS, QueryError, leaves, parse_query
from parley.text.search_terms import (
    IndexDoc,
    index_document,
    match_spans,
    query_words,
    snippet,
    stem,
    variants,
)


@pytest.mark.parametrize(("typed", "words"), [
    pytest.param("إيـــران", ["ايران"], id="ar-tatweel-hamza"),
    pytest.param("أُجْرِيَت المُفاوَضات", ["اجريت", "المفاوضات"], id="ar-diacritics"),
    pytest.param("آتش‌بس", ["اتشبس"], id="fa-zwnj-madda"),
    pytest.param("عراقچی", ["عراقجي"], id="fa-che-yeh"),
    pytest.param("عراقجي", ["عراقجي"], id="ar-same-name"),
    pytest.param("کشور", ["كشور"], id="fa-keheh"),
    pytest.param("۱۵ بهمن ۱۴۰۴", ["15", "بهمن", "1404"], id="fa-digits"),
    pytest.param("٢٠٢٦", ["2026"], id="ar-indic-digits"),
    pytest.param("Oman's MINISTER", ["oman", "s", "minister"], id="en-case"),
    pytest.param("«مسقط»", ["مسقط"], id="ar-quote-marks"),
])
def test_query_words_normalise_like_matching(typed: str, words: list[str]) -> None:
    assert query_words(typed) == words


@pytest.mark.parametrize(("indexed", "found_by"), [
    pytest.param("والولايات", ["الولايات", "ولايات"], id="wa-al"),
    pytest.param("بمسقط", ["مسقط"], id="bi"),
    pytest.param("للولايات", ["الولايات", "ولايات"], id="lil-contraction"),
    pytest.param("فبالمفاوضات", ["المفاوضات", "مفاوضات"], id="fa-bi-al"),
    pytest.param("لايران", ["ايران"], id="li"),
    pytest.param("كالعاده", ["العاده", "عاده"], id="ka-al"),
    pytest.param("بتهران", ["تهران"], id="persian-attached-be"),
])
def test_a_word_without_its_clitic_finds_the_clitic_form(indexed: str, found_by: list[str]) -> None:
    for word in found_by:
        assert word in variants(indexed)


@pytest.mark.parametrize("word", ["مسقط", "ايران", "talks", "1404"])
def test_words_without_a_prefix_are_only_themselves(word: str) -> None:
    assert variants(word)[0] == word and stem(word) in variants(word)


def test_too_short_a_remainder_is_not_a_clitic_form() -> None:
    assert variants("وصل") == ("وصل",)  # two letters after و: too short to be a word cut off a clitic
    assert stem("بل") == "بل"


@pytest.mark.parametrize("forms", [
    ["الولايات", "والولايات", "بالولايات", "للولايات", "فالولايات"],
    ["المفاوضات", "والمفاوضات", "بالمفاوضات"],
])
def test_clitic_forms_share_one_stem(forms: list[str]) -> None:
    assert len({stem(f) for f in forms}) == 1


def test_index_document_holds_stems_in_order_and_every_term() -> None:
    doc = index_document("وصل الوفد", "وقال إنّ المحادثات ستُعقد بمسقط")
    assert doc.stems.split() == ["وصل", "وفد", "قال", "ان", "محادثات", "ستعقد", "مسقط"]
    assert {"وقال", "قال", "الوفد", "وفد", "بمسقط", "مسقط"} <= set(doc.terms.split())


def test_index_document_skips_missing_texts() -> None:
    assert index_document(None, "", "Muscat") == IndexDoc("muscat", "muscat")


@pytest.mark.parametrize(("query", "fts5", "tsquery"), [
    pytest.param("مسقط", 'terms : "مسقط"', "'مسقط'", id="word"),
    pytest.param('"الولايات المتحدة"', 'stems : "ولايات متحده"', "('ولايات' <-> 'متحده')", id="phrase"),
    pytest.param("enrich*", 'terms : "enrich" *', "'enrich':*", id="prefix"),
    pytest.param("Rubio OR Witkoff", '(terms : "rubio" OR terms : "witkoff")',
                 "('rubio' | 'witkoff')", id="or"),
    pytest.param("talks NOT Geneva", '(terms : "talks" NOT terms : "geneva")',
                 "('talks' & !'geneva')", id="not"),
    pytest.param("عراقچی AND مسقط", '(terms : "عراقجي" AND terms : "مسقط")',
                 "('عراقجي' & 'مسقط')", id="and-fa-ar"),
    pytest.param("(Oman OR Qatar) talks", '((terms : "oman" OR terms : "qatar") AND terms : "talks")',
                 "(('oman' | 'qatar') & 'talks')", id="parentheses-implicit-and"),
    pytest.param("U.S. talks", '(stems : "u s" AND terms : "talks")', "(('u' <-> 's') & 'talks')",
                 id="dotted-word-is-a-phrase"),
    pytest.param("Iran or talks", '(terms : "iran" AND terms : "or" AND terms : "talks")',
                 "('iran' & 'or' & 'talks')", id="lower-case-or-is-a-word"),
    pytest.param("«محادثات مسقط»", 'stems : "محادثات مسقط"', "('محادثات' <-> 'مسقط')", id="guillemets"),
    pytest.param("talks ; DROP TABLE articles", '(terms : "talks" AND terms : "drop" AND terms : "table" '
                 'AND terms : "articles")', "('talks' & 'drop' & 'table' & 'articles')", id="sql"),
])
def test_queries_compile_to_safe_expressions(query: str, fts5: str, tsquery: str) -> None:
    tree = parse_query(query)
    assert fts5_expression(tree) == fts5
    assert tsquery_expression(tree) == tsquery


@pytest.mark.parametrize(("query", "message"), [
    pytest.param("", "Nothing to search for", id="empty"),
    pytest.param("  ... ;; !!", "Nothing to search for", id="punctuation-only"),
    pytest.param('"المحادثات في مسقط', "closing quote", id="open-quote"),
    pytest.param("NOT Geneva", "NOT needs a word or phrase before it", id="leading-not"),
    pytest.param("talks OR", "on each side", id="dangling-or"),
    pytest.param("talks AND AND Muscat", "AND needs", id="double-and"),
    pytest.param("(talks", "not closed", id="open-paren"),
    pytest.param("talks)", "no opening one", id="close-paren"),
    pytest.param("()", "Empty parentheses", id="empty-parens"),
    pytest.param('"Muscat talks"*', "end of a word", id="star-after-phrase"),
    pytest.param("x" * 501, "too long", id="too-long"),
    pytest.param("talks\x00", "control characters", id="nul"),
    pytest.param(" ".join(f"w{i}" for i in range(MAX_ITEMS + 1)), "Too many words", id="too-many"),
    pytest.param("(" * 9 + "x" + ")" * 9, "nest too deep", id="too-deep"),
])
def test_unreadable_queries_say_why(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(query)


@given(st.text(max_size=80))
def test_any_input_parses_or_gives_a_query_error(query: str) -> None:
    try:
        tree = parse_query(query)
    except QueryError:
        return
    for expr in (fts5_expression(tree), tsquery_expression(tree)):
        assert "\x00" not in expr
    assert all(lf.words and all(w.isalnum() for w in lf.words) for lf in leaves(tree, positive=False))


def test_highlights_are_the_original_characters() -> None:
    text = "وصلَ الوفدُ العُمانيّ إلى مَسقـــط، وقال إنّ المحادثاتِ بمسقط ستبدأ."
    spans = match_spans(text, leaves(parse_query("مسقط")))
    assert [text[s:e] for s, e in spans] == ["مَسقـــط", "بمسقط"]


def test_phrase_highlight_covers_the_words_with_their_clitics() -> None:
    text = "أكدت والولايات المتحدة أمس أنّ الولاياتِ المتحدة مستعدة."
    spans = match_spans(text, leaves(parse_query('"الولايات المتحدة"')))
    assert [text[s:e] for s, e in spans] == ["والولايات المتحدة", "الولاياتِ المتحدة"]


def test_negated_words_are_not_highlighted() -> None:
    text = "Talks in Muscat, not in Geneva."
    tree = parse_query("talks NOT Istanbul")
    assert [text[s:e] for s, e in match_spans(text, leaves(tree))] == ["Talks"]


def test_persian_prefix_highlight() -> None:
    text = "عراقچی گفت مذاکرات در مسقط برگزار می‌شود و مذاکره‌کنندگان آماده‌اند."
    spans = match_spans(text, leaves(parse_query("مذاکر*")))
    assert [text[s:e] for s, e in spans] == ["مذاکرات", "مذاکره‌کنندگان"]


def test_snippet_keeps_to_the_sentence_and_marks_inside() -> None:
    first = "Opening line about something else entirely. " * 8
    sentence = "Oman's foreign minister said the talks would resume in Muscat on Friday."
    text = first + sentence + " More text follows here." * 10
    spans = match_spans(text, leaves(parse_query("Muscat")))
    start = len(first)
    snip = snippet(text, spans, (start, start + len(sentence)))
    assert snip.text == sentence
    assert [snip.text[s:e] for s, e in snip.marks] == ["Muscat"]
    assert snip.hit == spans[0] and text[snip.hit[0]:snip.hit[1]] == "Muscat"


def test_snippet_of_a_long_sentence_is_short_and_holds_the_match() -> None:
    text = " ".join(["كلمة"] * 200 + ["بمسقط"] + ["كلمة"] * 200)
    spans = match_spans(text, leaves(parse_query("مسقط")))
    snip = snippet(text, spans, (0, len(text)), width=120)
    assert len(snip.text) <= 130 and "بمسقط" in snip.text
    assert [snip.text[s:e] for s, e in snip.marks] == ["بمسقط"]


def test_bounded_cuts_a_huge_document_under_the_budget() -> None:
    words = " ".join(f"w{i}" for i in range(20_000))
    doc = bounded(IndexDoc(words, words), 50_000)
    assert 0 < len(doc.stems.split()) < 20_000 and doc.stems.split()[0] == "w0"
    small = IndexDoc("a b", "a b")
    assert bounded(small, 50_000) is small


def test_the_index_format_is_the_same_in_every_process() -> None:
    """A number that varied with string hashing would rebuild the whole index at every start."""
    import os
    import subprocess
    import sys

    code = "from parley.store.search_index import index_format; print(index_format())"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(seen) == 1
