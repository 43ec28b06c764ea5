"""Who takes part in a meeting or a call, in ar, fa and en: the people its sentence names on the
parties' sides. Every sentence is written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Iran and the United States held a new round of talks in Geneva on Monday, with Araghchi and "
               "Witkoff heading the delegations."),
        ("ar", "عقدت إيران والولايات المتحدة جولة محادثات جديدة في جنيف يوم الاثنين برئاسة عراقجي وويتكوف."),
        ("fa", "دور تازه مذاکرات ایران و آمریکا روز دوشنبه در ژنو به ریاست عراقچی و ویتکاف برگزار شد."),
    ],
)
def test_the_people_of_the_parties_take_part(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, dt.date(2025, 5, 1))).events
    assert [(e.kind, set(e.actor_ids.split(";"))) for e in events] == [
        ("meeting", {"iran", "usa", "abbas_araghchi", "steve_witkoff"})]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # the source of the news ('according to X') is no party, nor a person of another state
        ("en", "According to Lavrov, Iran and the United States held talks in Muscat on Monday."),
        ("ar", "بحسب لافروف، عقدت إيران والولايات المتحدة محادثات في مسقط يوم الاثنين."),
        ("fa", "به گفته لاوروف، مذاکرات ایران و آمریکا روز دوشنبه در مسقط برگزار شد."),
    ],
)
def test_the_source_is_no_party(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, dt.date(2025, 5, 1))).events
    assert [(e.kind, set(e.actor_ids.split(";"))) for e in events] == [("meeting", {"iran", "usa"})]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # two nationalities right after the talks word are its parties, before a person named further on
        ("en", "Talks between Russian and Ukrainian officials ended in Istanbul on Friday, with Zelensky "
               "joining by video link."),
        ("ar", "واختتمت الجمعة محادثات بين مسؤولين روسيين وأوكرانيين في إسطنبول شارك فيها زيلينسكي "
               "عبر الفيديو."),
        ("fa", "مذاکرات میان مقام‌های روسی و اوکراینی روز جمعه در استانبول با حضور تصویری زلنسکی پایان یافت."),
    ],
)
def test_two_nationalities_are_the_parties_before_a_person_named_later(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, dt.date(2025, 5, 17))).events
    meetings = [e for e in events if e.kind == "meeting"]
    assert len(meetings) == 1 and {"russia", "ukraine"} <= set(meetings[0].actor_ids.split(";"))
    assert meetings[0].date == dt.date(2025, 5, 16)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a state in apposition to the venue after a capital noun is the venue's, not a party: the round
        # is the talks the article last reported
        ("en", "Russia and Ukraine have held three rounds of talks. The first round took place on "
               "March 3 in Doha, the capital of Qatar."),
        ("ar", "أجرت روسيا وأوكرانيا ثلاث جولات من المحادثات. وعقدت الجولة الأولى من المحادثات في الدوحة، "
               "عاصمة قطر، في 3 مارس."),
        ("fa", "روسیه و اوکراین سه دور مذاکره برگزار کرده‌اند. دور اول مذاکرات ۳ مارس در دوحه، پایتخت قطر "
               "برگزار شد."),
    ],
)
def test_the_capital_of_a_state_after_the_venue_is_no_party(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, dt.date(2025, 5, 17))).events
    dated = [e for e in events if e.date == dt.date(2025, 3, 3)]
    assert len(dated) == 1 and "qatar" not in dated[0].actor_ids.split(";")
    assert {"russia", "ukraine"} <= set(dated[0].actor_ids.split(";"))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # who tells of a round names no party: the round is the talks the article last reported
        ("en", "Russia and Ukraine held talks in Istanbul on Friday. Erdogan announced a second round of "
               "talks on June 2."),
        ("ar", "عقدت روسيا وأوكرانيا محادثات في إسطنبول الجمعة. وأعلنت الرئاسة التركية عن جولة ثانية "
               "في 2 يونيو."),
        ("fa", "روسیه و اوکراین روز جمعه در استانبول مذاکره کردند. ریاست جمهوری ترکیه اعلام کرد دور دوم "
               "مذاکرات ۲ ژوئن برگزار می‌شود."),
    ],
)
def test_who_announces_a_round_is_no_party_to_it(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, dt.date(2025, 5, 17))).events
    rounds = [e for e in events if e.kind == "meeting" and e.date == dt.date(2025, 6, 2)]
    assert len(rounds) == 1 and {"russia", "ukraine"} <= set(rounds[0].actor_ids.split(";"))
