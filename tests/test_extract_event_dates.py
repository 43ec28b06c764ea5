"""An event's date from the words of its article, in ar, fa and en: an undated article's own days
and months, and the same happening dated in another sentence. Every sentence is written for this
test."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

D = dt.date


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Talks between Armenia and Azerbaijan opened on 14 March in Oslo.\n"
               "Lavrov met Wang Yi in Beijing for talks.\n"),
        ("ar", "بدأت المحادثات بين أرمينيا وأذربيجان في 14 مارس في أوسلو.\n"
               "التقى لافروف وانغ يي في بكين لإجراء محادثات.\n"),
        ("fa", "مذاکرات ارمنستان و آذربایجان ۲۴ اسفند در اسلو آغاز شد.\n"
               "لاوروف با وانگ یی در پکن دیدار کرد.\n"),
    ],
)
def test_an_undated_articles_day_and_month_dates_its_undated_sentences(lang: str, text: str) -> None:
    """An undated article whose only day has no year: a sentence without a date of its own takes that
    day and month, without a year, so that other articles can give the year (as the sentence naming it
    does)."""
    events = extract_article(article_from_text(text, lang, None)).events
    got = [(e.date, e.date_basis.startswith("day and month without a year")) for e in events
           if "sergey_lavrov" in e.actor_ids]
    assert got == [(None, True)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Lavrov and Rubio met in Riyadh on Saturday, officials said.\n"
               "Lavrov and Rubio held talks in Riyadh that both sides described as useful."),
        ("ar", "التقى لافروف وروبيو في الرياض يوم السبت، بحسب مسؤولين.\n"
               "وعقد لافروف وروبيو محادثات في الرياض وصفها الجانبان بأنها مفيدة."),
        ("fa", "لاوروف و روبیو روز شنبه در ریاض دیدار کردند.\n"
               "لاوروف و روبیو در ریاض با یکدیگر دیدار و گفتگو کردند."),
    ],
)
def test_a_happening_undated_in_its_sentence_takes_its_dated_report(lang: str, text: str) -> None:
    """The same meeting (kind, place, parties) told twice: the sentence that gives no day takes the day
    the other gives, not the article's; with no dated report of it, the article's day stands."""
    events = extract_article(article_from_text(text, lang, D(2025, 3, 3))).events
    meetings = [(e.date, e.date_basis.startswith("the same meeting dated")) for e in events
                if e.kind == "meeting"]
    assert meetings == [(D(2025, 3, 1), False), (D(2025, 3, 1), True)]
    alone = extract_article(article_from_text(text.split("\n")[1], lang, D(2025, 3, 3))).events
    assert [(e.date, e.date_basis) for e in alone if e.kind == "meeting"] == [(D(2025, 3, 3), "article date")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # an announcement in the perfect ('اعلام کرده است/بود', 'has announced') is dated by its day
        ("fa", "روز گذشته، کرملین اعلام کرده بود که از نتایج نشست وین خبری ندارد."),
        ("fa", "دیروز وزارت خارجه قطر اعلام کرده است که میانجی‌گری ادامه دارد."),
        ("en", "Yesterday the Kremlin had announced that it knew nothing of the Vienna results."),
        ("ar", "وكان الكرملين قد أعلن أمس أنه لا يعلم شيئا عن نتائج اجتماع فيينا."),
    ],
)
def test_an_announcement_in_the_perfect_is_dated(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 3, 12))).events
    assert [e.date for e in events if e.kind == "announcement"] == [D(2025, 3, 11)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # writing to a body is a statement, dated by its day ('wrote to the UN on Tuesday')
        ("en", "The Egyptian foreign minister wrote to the UN Security Council on Tuesday about the "
               "crossings."),
        ("ar", "وكان عبد العاطي قد كتب إلى مجلس الأمن الثلاثاء بشأن المعابر."),
        ("fa", "وزیر خارجه مصر روز سه‌شنبه به شورای امنیت نامه نوشت و درباره گذرگاه‌ها هشدار داد."),
    ],
)
def test_a_letter_written_to_a_body_is_a_dated_statement(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 3, 13))).events
    assert [e.date for e in events if e.kind == "announcement"] == [D(2025, 3, 11)]


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        # 'since <date>' dates what its sentence reports from then (rounds since 3 March), unlike 'since
        # <a happening> <date>' ('since taking office last week'); 'مباحثات' is talks like 'محادثات'
        ("ar", "ومنذ 3 آذار/مارس، أجرت أرمينيا وأذربيجان جولتي مباحثات في أبوظبي.", D(2025, 3, 3)),
        ("en", "Since March 3, Armenia and Azerbaijan have held three rounds of talks in Abu Dhabi.",
         D(2025, 3, 3)),
        ("fa", "ارمنستان و روسیه از ۱۲ اسفند سه دور مذاکره در ابوظبی برگزار کرده‌اند.", D(2025, 3, 2)),
    ],
)
def test_rounds_since_a_date_are_dated_from_it(lang: str, text: str, date: dt.date) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 5, 20))).events
    assert [(e.kind, e.date) for e in events] == [("meeting", date)]


def test_talks_since_a_happening_are_not_dated_by_its_date() -> None:
    text = "Armenia and Azerbaijan have held three rounds of talks since signing the accord on March 3."
    events = extract_article(article_from_text(text, "en", D(2025, 5, 20))).events
    assert [e.date for e in events if e.kind == "meeting"] == [None]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # Malaysian usage names the prime minister by his given name; Anwar Gargash keeps his full name
        ("The ministers will bring proposals soon, Anwar told reporters at a briefing in Putrajaya on "
         "Tuesday.",
         "anwar_ibrahim"),
        ("Anwar Gargash spoke to reporters at a briefing in Abu Dhabi on Tuesday.", "anwar_gargash"),
    ],
)
def test_anwar_named_alone_is_the_malaysian_prime_minister(text: str, actor: str) -> None:
    events = extract_article(article_from_text(text, "en", D(2025, 3, 13))).events
    speeches = [(e.actor_ids.split(";")[0], e.date) for e in events if e.kind == "speech"]
    assert speeches == [(actor, D(2025, 3, 11))]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # an earlier one is dated by the date after its word, not by the news's day before it
        ("en", "Monday's meeting in Oslo follows previous meetings between Lavrov and Fidan in Ankara "
               "in early March."),
        ("ar", "ويأتي اجتماع الاثنين في أوسلو بعد اللقاءات السابقة بين لافروف وفيدان في أنقرة "
               "في أوائل مارس."),
        ("fa", "دیدار روز دوشنبه در اسلو پس از دیدارهای قبلی لاوروف و فیدان در آنکارا "
               "در اوایل مارس انجام شد."),
    ],
)
def test_an_earlier_one_takes_the_date_after_it(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 5, 14))).events
    assert (D(2025, 3, 1), "month") in [(e.date, e.date_precision) for e in events
                                        if "sergey_lavrov" in e.actor_ids.split(";")]
