"""Events with dates: absolute, relative to the article's date, anaphoric; undated stays undated."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.events import event_id
from parley.extract.pipeline import article_from_text, extract_article

SUNDAY = dt.date(2026, 2, 1)


def events(
    text: str, day: dt.date | None = SUNDAY, lang: str = "ar"
) -> list[tuple[str, str, dt.date | None, str]]:
    art = article_from_text(text, lang, day)  # type: ignore[arg-type]
    return [(e.kind, e.actor_ids, e.date, e.date_precision) for e in extract_article(art).events]


@pytest.mark.parametrize(
    ("text", "kind", "actor", "date"),
    [
        (
            "وكان وزير الخارجية العماني قد زار طهران أمس السبت.",
            "visit",
            "badr_albusaidi",
            dt.date(2026, 1, 31),
        ),
        (
            "وأجرى الرئيس المصري عبدالفتاح السيسي اتصالا هاتفيا الجمعة مع نظيره التركي.",
            "call",
            "abdel_fattah_el_sisi",
            dt.date(2026, 1, 30),
        ),
        ("التقى ويتكوف عراقجي في مسقط اليوم.", "meeting", "steve_witkoff", SUNDAY),
        ("وألقى خامنئي خطابا مساء أمس.", "speech", "ali_khamenei", dt.date(2026, 1, 31)),
        ("التقى روبيو فيدان في 28 يناير 2026.", "meeting", "marco_rubio", dt.date(2026, 1, 28)),
    ],
)
def test_event_dates(text: str, kind: str, actor: str, date: dt.date) -> None:
    found = events(text)
    assert any(k == kind and actor in a.split(";") and d == date for k, a, d, _ in found), found


def test_anaphoric_day_before_counts_from_the_previous_date() -> None:
    text = (
        "وزار رئيس الوزراء القطري طهران أمس السبت.\n"
        "وقبل ذلك بيوم، استضاف وزير الخارجية التركي هاكان فيدان نظيره الإيراني عباس عراقجي."
    )
    found = events(text)
    assert ("meeting", "hakan_fidan;abbas_araghchi", dt.date(2026, 1, 30), "day") in found


def test_without_a_date_word_the_event_takes_the_article_date() -> None:
    art = article_from_text("التقى ويتكوف عراقجي في مسقط.", "ar", SUNDAY)
    (e,) = extract_article(art).events
    assert (e.date, e.date_basis, e.place_id) == (SUNDAY, "article date", "muscat")


def test_an_undated_article_gives_undated_events() -> None:
    for text in ("التقى ويتكوف عراقجي في مسقط.", "وزار فيدان طهران أمس."):
        found = events(text, day=None)
        assert found and all(d is None and p == "unknown" for _, _, d, p in found)


def test_hypothetical_is_not_an_event() -> None:
    assert events("إذا ما أمر ترامب بتوجيه ضربة عسكرية لإيران فستندلع حرب.") == []


def test_planned_is_an_event_planned_and_not_dated_by_the_report() -> None:
    """A meeting being arranged is kept, as planned, without the article's date."""
    art = article_from_text("وتعمل مصر على تنظيم اجتماع بين ويتكوف وعراقجي.", "ar", SUNDAY)
    (e,) = [e for e in extract_article(art).events if e.kind == "meeting"]
    assert (e.status, e.date, e.date_precision) == ("planned", None, "unknown")


def test_same_development_shares_one_event_id() -> None:
    a = extract_article(article_from_text("التقى ويتكوف عراقجي في مسقط اليوم.", "ar", SUNDAY)).events
    b = extract_article(article_from_text("وفي مسقط، التقى عراقجي ويتكوف اليوم.", "ar", SUNDAY)).events
    assert a and b and a[0].event_id == b[0].event_id
    assert event_id("meeting", ["b", "a"], None, None) == event_id("meeting", ["a", "b"], None, None)


def statuses(text: str, lang: str = "ar", day: dt.date | None = SUNDAY) -> list[tuple[str, str, str]]:
    art = article_from_text(text, lang, day)  # type: ignore[arg-type]
    return [(e.kind, e.actor_ids, e.status) for e in extract_article(art).events]


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("ar", "وقال عراقجي في حديثه لشبكة الجزيرة إن المحادثات جادة.",
         ("speech", "abbas_araghchi", "happened")),
        ("fa", "عراقچی در گفتگو با خبرگزاری ایرنا گفت مذاکرات ادامه دارد.",
         ("speech", "abbas_araghchi", "happened")),
        ("en", "Araghchi, speaking to reporters in Geneva, said the talks were serious.",
         ("speech", "abbas_araghchi", "happened")),
        ("ar", "كتب عراقجي على منصة إكس أن بلاده لن تتراجع.", ("announcement", "abbas_araghchi", "happened")),
    ],
)
def test_remarks_to_a_network_or_agency_and_a_post_on_a_platform_are_statements(
        lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in statuses(text, lang)


def test_a_statement_with_no_subject_is_the_previous_speakers_not_the_outlets() -> None:
    """'وأضاف في حديثه لشبكة …': the outlet is spoken to; the speaker of the sentence before added it."""
    found = statuses("قال روبيو إن واشنطن تدعم الحوار.\nوأضاف في حديثه لشبكة سي بي إس أن الحل ممكن.")
    assert ("speech", "marco_rubio", "happened") in found
    assert not any("cbs_news" in a.split(";") for _, a, _ in found)


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        ("ar", "ونقلت واشنطن مكان المحادثات المرتقبة مع طهران إلى جنيف.", {"usa", "iran"}),
        ("en", "The upcoming talks between Washington and Tehran were moved to Geneva.", {"usa", "iran"}),
        ("fa", "مذاکرات آتی تهران و واشنگتن به ژنو منتقل شد.", {"usa", "iran"}),
    ],
)
def test_talks_named_as_upcoming_are_a_planned_meeting_without_a_date(lang: str, text: str,
                                                                      actors: set[str]) -> None:
    art = article_from_text(text, lang, SUNDAY)  # type: ignore[arg-type]
    (e,) = [e for e in extract_article(art).events if e.kind == "meeting"]
    assert (set(e.actor_ids.split(";")), e.status, e.date) == (actors, "planned", None)


def test_the_next_round_with_no_party_named_is_the_reported_talks_planned() -> None:
    found = statuses("التقى ويتكوف عراقجي في مسقط السبت.\nوالجولة المقبلة في روما.")
    assert found == [("meeting", "steve_witkoff;abbas_araghchi", "happened"),
                     ("meeting", "steve_witkoff;abbas_araghchi", "planned")]
    # a talks noun with no date, no verb of holding and no plan is the subject matter, not a happening
    assert statuses("The talks ended without a deal.", "en") == []
    assert statuses("Iran said the next steps depend on Washington.", "en") == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "وقال عراقجي إنه من المحتمل أن تعقد جولة محادثات جديدة مع ويتكوف الأسبوع المقبل."),
        ("ar", "ومن المرجح أن يلتقي عراقجي ويتكوف في جنيف خلال أيام."),
        ("fa", "عراقچی به احتمال زیاد هفته آینده با ویتکاف دیدار می‌کند."),
        ("en", "Araghchi and Witkoff are likely to meet in Geneva next week."),
    ],
)
def test_a_meeting_likely_to_be_held_is_planned(lang: str, text: str) -> None:
    assert [s for k, _, s in statuses(text, lang) if k == "meeting"] == ["planned"]


def test_a_possible_meeting_is_no_happening() -> None:
    assert statuses("وتحدثت مصادر عن اجتماع محتمل بين عراقجي وويتكوف.") == []
    assert statuses("Araghchi could meet Witkoff in Geneva.", "en") == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "لاریجانی با اشاره به حملات اسرائیل به ایران گفت کشورش آماده دفاع است."),
        ("ar", "وقال لاريجاني في إشارة إلى الضربات الإسرائيلية على إيران إن بلاده مستعدة."),
        ("en", "Larijani, referring to the Israeli strikes on Iran, said his country was ready."),
        ("en", "The talks follow a first meeting of Witkoff and Araghchi last week in Muscat."),
        ("ar", "وكان عراقجي وويتكوف قد التقيا الأسبوع الماضي في مسقط."),
        ("fa", "عراقچی و ویتکاف هفته گذشته در مسقط دیدار کردند."),
        ("ar", "وقال لافروف إن الضربات التي شنتها إسرائيل قبل أيام على إيران عقدت المسار."),
        ("fa", "لاوروف گفت حملات اسرائیل به ایران چند روز پیش مسیر را پیچیده کرد."),
        ("en", "Lavrov said the Israeli strikes on Iran days earlier had complicated the path."),
    ],
)
def test_what_a_speaker_refers_to_and_last_weeks_meeting_are_background(lang: str, text: str) -> None:
    found = [(k, s) for k, _, s in statuses(text, lang, None) if k in ("strike", "meeting")]
    assert found and all(s == "background" for _, s in found), found


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        ("en", "Egypt, Qatar and Turkey met in Cairo on Friday.", "egypt;qatar;turkey"),
        ("en", "Iran and the United States held talks in Geneva on Friday.", "iran;usa"),
        ("ar", "التقى وزراء خارجية مصر وقطر وتركيا في القاهرة يوم الجمعة.", "egypt;qatar;turkey"),
    ],
)
def test_every_name_of_a_list_before_the_event_takes_part(lang: str, text: str, actors: str) -> None:
    assert [a for k, a, _ in statuses(text, lang) if k == "meeting"] == [actors]


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        ("en", "GENEVA, Switzerland (Reuters) – Russia and Ukraine held talks in Geneva on Friday.",
         "russia;ukraine"),
        ("ar", "الدوحة، قطر – التقى عراقجي ويتكوف في مسقط يوم الجمعة.", "abbas_araghchi;steve_witkoff"),
        ("en", "The talks resumed on Friday. Egypt – the host – hosted Israel and Hamas in Cairo on Friday.",
         "egypt;israel;hamas"),  # a dash inside a paragraph is no dateline
    ],
)
def test_the_dateline_takes_no_part_in_the_first_sentences_event(lang: str, text: str, actors: str) -> None:
    assert [a for k, a, _ in statuses(text, lang) if k == "meeting"] == [actors]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "actors"),
    [
        ("ar", "وأعلنت الخارجية القطرية أن وزير الخارجية التركي هاكان فيدان وصل إلى الدوحة يوم الجمعة.",
         "visit", "hakan_fidan"),
        ("en", "The State Department said that Rubio arrived in Doha on Friday.", "visit", "marco_rubio"),
        ("fa", "کاخ سفید اعلام کرد که ویتکاف روز جمعه وارد دوحه شد.", "visit", "steve_witkoff"),
        # the clause names only the other party: its dropped subject is the one who wrote it
        ("fa", "ترامپ نوشت که روز جمعه در آلاسکا با پوتین دیدار خواهد کرد.", "meeting",
         "donald_trump;vladimir_putin"),
        ("en", "Trump wrote that he will meet with Putin in Alaska on Friday.", "meeting",
         "donald_trump;vladimir_putin"),
    ],
)
def test_who_reports_a_happening_in_a_that_clause_takes_no_part_in_it(lang: str, text: str, kind: str,
                                                                       actors: str) -> None:
    assert [a for k, a, _ in statuses(text, lang) if k == kind] == [actors]


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        ("ar", "وقال مسؤول إن بزشكيان صادق على قانون جديد الأربعاء.", "masoud_pezeshkian"),
        ("fa", "وزارت امور خارجه عمان روز سه‌شنبه تأیید کرد که نشست بعدی در مسقط است.",
         "oman_foreign_ministry"),
        ("en", "The IAEA board of governors passed a resolution on Iran on Thursday.", "iaea"),
        ("en", "Pezeshkian signed a law on Wednesday suspending cooperation with the watchdog.",
         "masoud_pezeshkian"),
    ],
)
def test_ratifying_a_law_passing_a_resolution_or_confirming_is_an_announcement(lang: str, text: str,
                                                                                actor: str) -> None:
    assert any(k == "announcement" and actor in a.split(";") for k, a, _ in statuses(text, lang))


def test_a_round_named_alone_is_talks_and_a_round_of_talks_is_one_meeting() -> None:
    text = "Witkoff met Araghchi in Muscat on Saturday.\nA fourth round is set for next Friday in Rome."
    assert statuses(text, "en") == [("meeting", "steve_witkoff;abbas_araghchi", "happened"),
                                    ("meeting", "steve_witkoff;abbas_araghchi", "planned")]
    fa = statuses("دور پنجم مذاکرات ایران و آمریکا روز جمعه در رم برگزار خواهد شد.", "fa")
    assert fa == [("meeting", "iran;usa", "planned")]


def test_a_verb_of_starting_before_the_talks_word_makes_them_planned() -> None:
    """Arabic puts the verb first: 'تبدأ اليوم جولة جديدة من المفاوضات بين …' (starts today)."""
    found = statuses("تبدأ اليوم الأحد جولة جديدة من المفاوضات بين حماس وإسرائيل في الدوحة.")
    assert found == [("meeting", "hamas;israel", "planned")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "عراقچی گفت مذاکرات وارد مرحله جدیدی شده است."),  # entered a new phase
        ("en", "Talks have arrived at a critical juncture, Araghchi said on Sunday."),
    ],
)
def test_a_visit_goes_somewhere(lang: str, text: str) -> None:
    assert not any(k == "visit" for k, _, _ in statuses(text, lang))
    assert ("visit", "abbas_araghchi", "happened") in statuses("عراقچی روز یکشنبه وارد مسقط شد.", "fa")


def test_may_puts_a_bare_weekday_ahead_and_governs_only_the_next_event_word() -> None:
    """Written on Sunday 1 February: 'may announce … during his meeting … on Monday' is a planned
    meeting on the coming Monday (the 'may' is the announcement's)."""
    text = ("Officials said Trump may announce a deal during his meeting with Netanyahu in Washington"
            " on Monday.")
    art = article_from_text(text, "en", SUNDAY)
    (e,) = [e for e in extract_article(art).events if e.kind == "meeting"]
    assert {"donald_trump", "benjamin_netanyahu"} <= set(e.actor_ids.split(";"))
    assert (e.date, e.status) == (dt.date(2026, 2, 2), "planned")


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("fa", "گفتگوهای غیرمستقیم ایران و آمریکا در ژنو به پایان رسیده است.",
         ("meeting", "iran;usa", "happened")),
        ("ar", "وقالت المتحدثة باسم الخارجية الأميركية تامي بروس للصحافيين إن القرار غير مقبول.",
         ("speech", "tammy_bruce", "happened")),
    ],
)
def test_inflected_talks_words_held_verbs_and_spellings_of_reporters(lang: str, text: str,
                                                                     want: tuple[str, str, str]) -> None:
    assert want in statuses(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "agent"),
    [
        ("en", "Parliament passed the bill, citing Israel’s June 13 surprise attack on Iran.", "israel"),
        ("en", "The talks began after Hamas' attacks on southern Israel on October 7, 2023.", "hamas"),
        ("fa", "این بزرگ‌ترین مبادله از زمان تهاجم روسیه به اوکراین در اسفند ۱۴۰۰ است.", "russia"),
        ("ar", "وهذه أكبر صفقة منذ الغزو الروسي لأوكرانيا في فبراير 2022.", "russia"),
    ],
)
def test_whose_attack_or_invasion_it_was(lang: str, text: str, agent: str) -> None:
    strikes = [a.split(";") for k, a, _ in statuses(text, lang, dt.date(2025, 7, 2)) if k == "strike"]
    assert strikes and strikes[0][0] == agent, strikes


def test_a_team_dispatched_to_a_city_visits_it() -> None:
    found = statuses("هیئت ایرانی فردا به مسقط اعزام می‌شود.", "fa")
    assert ("visit", "iran", "planned") in found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "واشترطت إسرائيل عدم تعرضها لأي هجوم من إيران."),  # any attack: none happened
        ("fa", "ایران هرگونه حمله به تأسیسات خود را پاسخ می‌دهد."),
        ("en", "Iran rejected the IAEA's request to visit the sites on Monday."),
        ("en", "Trump called for talks with Iran on Monday."),  # a demand, not a phone call
        ("ar", "وقال المتحدث: سنستخدم كلمة غير مقبول لوصف قرار إيران."),  # a word, not a speech
    ],
)
def test_any_attack_a_requested_visit_a_call_for_talks_and_a_word_are_no_happenings(lang: str,
                                                                                    text: str) -> None:
    kinds = [k for k, _, _ in statuses(text, lang)]
    assert not {"strike", "visit", "call", "speech"} & set(kinds), kinds
    speech = statuses("وألقى خامنئي كلمة أمام حشد في طهران.")
    assert any(k == "speech" and a.startswith("ali_khamenei") for k, a, _ in speech)


def test_a_week_before_the_report_is_background_two_days_before_is_news() -> None:
    """Written on Sunday 1 February 2026."""
    week = statuses("The move comes a week after Iran's parliament passed legislation on the watchdog.", "en")
    assert ("announcement", "iran_parliament", "background") in week
    art = article_from_text("Araghchi met Witkoff in Muscat a week ago.", "en", SUNDAY)
    (e,) = extract_article(art).events
    assert (e.date, e.status) == (dt.date(2026, 1, 25), "background")
    assert statuses("التقى عراقجي ويتكوف في مسقط يوم الجمعة.") == [
        ("meeting", "abbas_araghchi;steve_witkoff", "happened")]


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        ("en", "BEIRUT – United States President, Donald Trump, has said in a post on X that the truce"
               " holds.",
         "donald_trump"),
        ("en", "After Hamas replied, US President Donald Trump posted on social media that peace was near.",
         "donald_trump"),
        ("fa", "پس از پاسخ حماس، «دونالد ترامپ» رئیس‌جمهور آمریکا در پیامی در شبکه اجتماعی نوشت"
               " که صلح نزدیک است.",
         "donald_trump"),
    ],
)
def test_the_person_a_state_qualifies_speaks_and_not_the_one_set_off_before_a_comma(lang: str, text: str,
                                                                                    speaker: str) -> None:
    assert [a for k, a, _ in statuses(text, lang) if k == "announcement"] == [speaker]


def test_an_invitation_to_visit_is_a_plan() -> None:
    found = statuses("Putin said Trump was invited to visit Moscow after the summit.", "en")
    assert [s for k, _, s in found if k == "visit"] == ["planned"]
