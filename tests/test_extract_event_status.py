"""An event's status and date from the words around it, in ar, fa and en: plans, postponements,
earlier rounds and counted periods ('three weeks ago'). Every sentence is written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

D = dt.date
SUNDAY = D(2025, 6, 1)


def found(text: str, lang: str) -> list[tuple[str, str, dt.date | None, str]]:
    art = article_from_text(text, lang, SUNDAY)
    return [(e.kind, e.status, e.date, e.date_precision) for e in extract_article(art).events]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "status", "date", "precision"),
    [
        # a count of units before the report: a month or a week before it is background
        ("en", "Iranian Foreign Minister Abbas Araghchi met Steve Witkoff in Muscat two months ago.",
         "meeting", "background", D(2025, 4, 1), "month"),
        ("en", "Araghchi met Witkoff in Muscat three weeks ago.", "meeting", "background", D(2025, 5, 5),
         "week"),
        ("ar", "التقى عراقجي وويتكوف في مسقط قبل شهرين في الجولة الأولى.", "meeting", "background",
         D(2025, 4, 1), "month"),
        ("ar", "التقى عراقجي وويتكوف في مسقط قبل ثلاثة أسابيع.", "meeting", "background", D(2025, 5, 5),
         "week"),
        ("fa", "عراقچی و ویتکاف دو ماه پیش در مسقط دیدار کردند.", "meeting", "background", D(2025, 4, 1),
         "month"),
        ("fa", "عراقچی سه هفته پیش در مسقط با ویتکاف دیدار کرد.", "meeting", "background", D(2025, 5, 5),
         "week"),
        # a month named after a preposition, even one that is also a word
        ("en", "Araghchi visited Cairo in March, weeks before the war.", "visit", "background",
         D(2025, 3, 1), "month"),
        # 'earlier this year' is background, though its year is the report's
        ("en", "Earlier this year, Witkoff met Araghchi in Oman.", "meeting", "background", D(2025, 1, 1),
         "year"),
        ("ar", "وفي وقت سابق من هذا العام، زار عراقجي القاهرة.", "visit", "background", D(2025, 1, 1),
         "year"),
        ("fa", "عراقچی اوایل امسال به قاهره سفر کرده بود.", "visit", "background", D(2025, 1, 1), "year"),
        # a plan: 'are to meet', 'scheduled to travel', 'will hold', 'قرار است … سفر کند'
        ("en", "Araghchi and Witkoff are to meet in Geneva on Friday.", "meeting", "planned", D(2025, 6, 6),
         "day"),
        ("en", "Witkoff is scheduled to travel to Doha next Tuesday.", "visit", "planned", D(2025, 6, 3),
         "day"),
        ("en", "Iran and the United States will hold a fifth round of talks in Rome.", "meeting", "planned",
         None, "unknown"),
        ("fa", "قرار است ویتکاف هفته آینده به دوحه سفر کند.", "visit", "planned", D(2025, 6, 2), "week"),
        ("fa", "ایران و آمریکا دور پنجم مذاکرات را در رم برگزار خواهند کرد.", "meeting", "planned", None,
         "unknown"),
        ("fa", "هیئت ایران برای دور تازه گفتگوها به ژنو سفر می‌کند.", "visit", "planned", None, "unknown"),
    ],
)
def test_status_and_date(lang: str, text: str, kind: str, status: str, date: dt.date | None,
                         precision: str) -> None:
    assert found(text, lang) == [(kind, status, date, precision)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Putin and Trump are slated to meet in Alaska."),
        ("en", "Putin and Trump are expected to meet in Alaska."),
        ("en", "Iran and the United States are preparing to hold talks in Oman."),
    ],
)
def test_a_meeting_word_that_says_it_is_ahead_is_planned(lang: str, text: str) -> None:
    assert [(k, s) for k, s, _, _ in found(text, lang)] == [("meeting", "planned")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Talks between Iran and the United States, which were due on Sunday, have been put off."),
        ("ar", "وأعلنت سلطنة عمان إرجاء الجولة بين إيران والولايات المتحدة التي كانت مقررة السبت."),
        ("fa", "دور پنجم مذاکرات ایران و آمریکا که برای شنبه برنامه‌ریزی شده بود، لغو شد."),
    ],
)
def test_postponed_talks_are_called_off(lang: str, text: str) -> None:
    assert [s for k, s, _, _ in found(text, lang) if k == "meeting"] == ["called_off"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Araghchi and Witkoff held a previous round of talks in Rome."),
        ("ar", "وكانت الجولة السابقة من المحادثات بين إيران والولايات المتحدة قد عقدت في روما."),
        ("fa", "مذاکرات قبلی ایران و آمریکا در رم برگزار شد."),
    ],
)
def test_an_earlier_round_is_background(lang: str, text: str) -> None:
    assert [s for k, s, _, _ in found(text, lang) if k == "meeting"] == ["background"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Araghchi said the talks in Muscat on Sunday were more useful than previous rounds."),
        ("ar", "قال عراقجي إن محادثات مسقط اليوم كانت أكثر جدية مقارنة بالجولات السابقة."),
        ("fa", "عراقچی گفت مذاکرات امروز در مسقط جدی‌تر از دورهای قبلی بود."),
    ],
)
def test_a_comparison_with_earlier_rounds_leaves_the_news_as_news(lang: str, text: str) -> None:
    assert [s for k, s, _, _ in found(text, lang) if k == "meeting"] == ["happened"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Witkoff spoke by phone with Araghchi about the upcoming talks in Geneva on Friday."),
        ("ar", "وبحث وزير الخارجية التركي هاكان فيدان مع نظيره الإيراني عباس عراقجي في اتصال هاتفي المحادثات"
               " المرتقبة في جنيف يوم الجمعة."),
        ("fa", "هاکان فیدان در تماس تلفنی با عباس عراقچی درباره مذاکرات آینده در ژنو در روز جمعه گفتگو کرد."),
    ],
)
def test_a_call_about_upcoming_talks_happened_on_the_report_day(lang: str, text: str) -> None:
    """The talks' day and plan are theirs, not the call's."""
    events = found(text, lang)
    assert [(s, d) for k, s, d, _ in events if k == "call"] == [("happened", SUNDAY)]
    assert [(s, d) for k, s, d, _ in events if k == "meeting"] == [("planned", D(2025, 6, 6))]


def test_a_word_that_names_june_in_the_maghreb_is_young_in_persian() -> None:
    art = article_from_text("به گزارش باشگاه خبرنگاران جوان، عراقچی امروز با ویتکاف دیدار کرد.", "fa", SUNDAY)
    (e,) = extract_article(art).events
    assert (e.kind, e.date, e.status) == ("meeting", SUNDAY, "happened")
    assert e.actor_ids == "abbas_araghchi;steve_witkoff"  # the other party before the verb takes part


@pytest.mark.parametrize(
    ("lang", "text", "kind", "status", "date"),
    [
        # an Arabic present verb with a bare weekday: the coming one, so a plan
        ("ar", "يلتقي وزيرا خارجية مصر وقطر الجمعة في الدوحة.", "meeting", "planned", D(2025, 6, 6)),
        ("ar", "اجتماع مرتقب بين عراقجي وغروسي في القاهرة", "meeting", "planned", None),
        # a Persian pluperfect of holding or travelling is recalled context
        ("fa", "دور اول مذاکرات ایران و آمریکا در مسقط برگزار شده بود.", "meeting", "background", None),
        ("fa", "عراقچی پیش از آن به مسکو سفر کرده بود.", "visit", "background", None),
        # a plane that landed is a visit, not a meeting (نشست)
        ("fa", "هواپیمای حامل عراقچی در ژنو به زمین نشست.", "visit", "happened", SUNDAY),
        # 'will not be held' calls the talks off
        ("fa", "مذاکرات ایران و آمریکا روز یکشنبه در مسقط برگزار نخواهد شد.", "meeting", "called_off",
         D(2025, 6, 8)),
        ("en", "The talks between Iran and the US will not take place in Muscat on Sunday.", "meeting",
         "called_off", D(2025, 6, 8)),
        ("ar", "لن تعقد المحادثات بين إيران والولايات المتحدة في مسقط يوم الأحد.", "meeting", "called_off",
         D(2025, 6, 8)),
        # negotiating sessions with a date are a meeting
        ("ar", "وعقدت أمس في الدوحة جلسات التفاوض بين حماس وإسرائيل.", "meeting", "happened",
         D(2025, 5, 31)),
    ],
)
def test_more_forms_of_plans_recalls_and_cancellations(lang: str, text: str, kind: str, status: str,
                                                       date: dt.date | None) -> None:
    assert [(k, s, d) for k, s, d, _ in found(text, lang) if k == kind] == [(kind, status, date)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Israel is considering a strike on Iran's nuclear sites."),
        ("ar", "وتدرس إسرائيل شن هجوم على المنشآت النووية الإيرانية."),
        ("fa", "اسرائیل در حال بررسی حمله به تأسیسات هسته‌ای ایران است."),
    ],
)
def test_an_attack_under_consideration_is_no_happening(lang: str, text: str) -> None:
    assert [k for k, _, _, _ in found(text, lang) if k == "strike"] == []


def test_after_a_meeting_recalled_as_context_the_sentences_own_meeting_is_the_news() -> None:
    text = "بعد الاجتماع مع حماس، عقد الوفدان المصري والقطري اجتماعا أمس مع الوفد الأمريكي في شرم الشيخ."
    assert [(k, s) for k, s, _, _ in found(text, "ar")] == [("meeting", "happened")]


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        # a plain speech verb is a statement when a date stands beside it, and that date is the saying's
        ("en", "Grossi insisted on Thursday that inspectors must return.", D(2025, 5, 29)),
        ("en", "Lavrov warned Friday that the plan was dead.", D(2025, 5, 30)),
        ("en", "Vance struck a hopeful tone, saying Friday that a deal will be reached soon.",
         D(2025, 5, 30)),
        ("ar", "وشددت الخارجية المصرية، يوم الخميس، على ضرورة وقف إطلاق النار.", D(2025, 5, 29)),
        ("ar", "وحذر لافروف الجمعة من انهيار المحادثات.", D(2025, 5, 30)),
        ("fa", "گروسی روز پنجشنبه در نشستی خبری در مقر آژانس در وین هشدار داد که زمان کم است.",
         D(2025, 5, 29)),
    ],
)
def test_a_dated_plain_statement_is_an_announcement_on_that_day(lang: str, text: str, date: dt.date) -> None:
    assert [(s, d) for k, s, d, _ in found(text, lang) if k == "announcement"] == [("happened", date)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The two delegations will meet in Doha on Friday, Lavrov said."),
        ("en", "Lavrov said talks would resume in Doha next week."),
        ("ar", "قال لافروف إن الوفدين سيلتقيان في الدوحة يوم الجمعة."),
    ],
)
def test_the_date_of_what_was_said_does_not_date_the_saying(lang: str, text: str) -> None:
    assert [k for k, _, _, _ in found(text, lang) if k == "announcement"] == []


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        ("en", "Russia said it would host Ukrainian and American envoys on Tuesday.", D(2025, 6, 3)),
        ("en", "Trump said he would meet Putin in Budapest.", None),
        ("ar", "قطر تستضيف جولة جديدة من المحادثات بين حماس وإسرائيل.", None),
    ],
)
def test_what_someone_said_would_happen_and_hosting_now_are_plans(lang: str, text: str,
                                                                  date: dt.date | None) -> None:
    assert [(s, d) for k, s, d, _ in found(text, lang) if k == "meeting"] == [("planned", date)]


def test_no_further_attacks_is_no_attack() -> None:
    assert found("Tehran signaled that no further attacks would take place, an official said.", "en") == []


@pytest.mark.parametrize(
    ("lang", "text", "kind", "status"),
    [
        ("en", "Earlier rounds of talks between Iran and the US ended with pledges but no deal.",
         "meeting", "background"),
        # 'were to hold talks' plans the talks, not the attack that came before them
        ("en", "Israel's attack on Friday came two days before Iran and the US were to hold talks.", "strike",
         "happened"),
    ],
)
def test_earlier_rounds_and_an_attack_before_planned_talks(lang: str, text: str, kind: str,
                                                           status: str) -> None:
    assert [s for k, s, _, _ in found(text, lang) if k == kind] == [status]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Rubio urged Tehran to hold direct talks with Washington in Oman on Sunday."),
        ("fa", "روبیو از ایران خواست روز یکشنبه در مسقط با آمریکا مذاکرات مستقیم برگزار کند."),
    ],
)
def test_talks_someone_asks_for_are_no_happening(lang: str, text: str) -> None:
    assert [k for k, _, _, _ in found(text, lang) if k == "meeting"] == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ar", "تبدأ غدا جولة جديدة من المفاوضات غير المباشرة بين حماس وإسرائيل في الدوحة."),
        ("fa", "دور تازه‌ای از مذاکرات میان حماس و اسرائیل فردا در دوحه آغاز می‌شود."),
        ("en", "A new round of the talks between Hamas and Israel begins in Doha tomorrow."),
    ],
)
def test_a_round_of_talks_is_one_happening_with_the_parties_named_after_it(lang: str, text: str) -> None:
    art = article_from_text(text, lang, SUNDAY)
    assert [(e.kind, e.actor_ids, e.status) for e in extract_article(art).events] == [
        ("meeting", "hamas;israel", "planned")]


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        # parties signing an agreement meet to sign it; one leader signing a law announces it
        ("en", "Hamas and Israel signed the agreement in Sharm el-Sheikh on Friday.", "meeting"),
        ("ar", "وقعا حماس وإسرائيل الاتفاق في شرم الشيخ يوم الجمعة.", "meeting"),
        ("fa", "حماس و اسرائیل روز جمعه در شرم‌الشیخ توافق را امضا کردند.", "meeting"),
        ("en", "Trump signed a law on Friday.", "announcement"),
        # a board adopting a resolution states it
        ("en", "The Security Council adopted the resolution on Friday.", "announcement"),
        ("fa", "بقائی روز جمعه در واکنش به صدور قطعنامه شورای امنیت گفت این اقدام غیرقانونی است.",
         "announcement"),
    ],
)
def test_signings_and_resolutions(lang: str, text: str, kind: str) -> None:
    assert kind in [k for k, _, d, _ in found(text, lang) if d == D(2025, 5, 30)]


def test_arabic_present_held_verbs_make_talks_a_plan() -> None:
    """'تنعقد الجولة … الجمعة': the coming Friday's round, as 'تبدأ اليوم' is today's."""
    assert found("تنعقد الجولة الخامسة بين حماس وإسرائيل الجمعة في الدوحة.", "ar") == [
        ("meeting", "planned", D(2025, 6, 6), "day")]
    assert [(k, s) for k, s, _, _ in found("تعقد المحادثات بين حماس وإسرائيل اليوم في الدوحة.", "ar")] == [
        ("meeting", "planned")]


@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        ("fa", "ما نشست ایران و آمریکا را که برای روز شنبه برنامه‌ریزی شده بود، به زمان دیگری موکول می‌کنیم.",
         "called_off"),
        ("ar", "دعا السيسي ترامب لحضور مراسم توقيع الاتفاق في شرم الشيخ.", "planned"),
    ],
)
def test_a_meeting_put_off_to_another_time_and_an_invitation_to_attend(lang: str, text: str,
                                                                       status: str) -> None:
    assert [s for k, s, _, _ in found(text, lang) if k == "meeting"] == [status]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "date"),
    [
        # an act's 'that' is a relative clause: the act keeps the date after it
        ("en", "The board of governors passed a resolution to that effect on Thursday.", "announcement",
         D(2025, 5, 29)),
        # the day of the saying is not the day of the plan it reports
        ("en", "Qatar announced on Monday that the two delegations will meet next week.", "meeting",
         D(2025, 6, 2)),
        ("ar", "أعلنت قطر الاثنين أن الوفدين سيلتقيان الأسبوع المقبل.", "meeting", D(2025, 6, 2)),
        # … but it dates a past happening the saying reports
        ("ar", "أعلن عراقجي أمس أنه التقى ويتكوف.", "meeting", D(2025, 5, 31)),
    ],
)
def test_which_date_an_act_or_a_reported_happening_takes(lang: str, text: str, kind: str,
                                                        date: dt.date) -> None:
    assert [d for k, _, d, _ in found(text, lang) if k == kind] == [date]


def test_the_iaea_board_is_the_iaea() -> None:
    art = article_from_text("شورای حکام آژانس روز پنجشنبه قطعنامه‌ای را تصویب کرد.", "fa", SUNDAY)
    assert [(e.kind, e.actor_ids) for e in extract_article(art).events] == [("announcement", "iaea")]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "status", "date"),
    [
        # what the news follows is a happening: background only when dated a week or more back
        ("en", "Grossi announced the agreement with Iran after a meeting with Araghchi in Cairo.", "meeting",
         "happened", SUNDAY),
        ("ar", "أعلن غروسي الاتفاق بعد أن التقى عراقجي في القاهرة.", "meeting", "happened", SUNDAY),
        ("fa", "گروسی پس از دیدار با عراقچی در قاهره توافق با ایران را اعلام کرد.", "meeting", "happened",
         SUNDAY),
        ("en", "The envoy returned to Doha after his meeting with Araghchi on 2 May.", "meeting",
         "background", D(2025, 5, 2)),
        # an attack the news follows, and whatever 'since' names, are background
        # (undated: the report's day is not theirs)
        ("en", "Iran and the United States resumed contacts after the Israeli strikes on Natanz.", "strike",
         "background", None),
        ("ar", "استأنفت إيران والولايات المتحدة الاتصالات بعد الضربات الإسرائيلية على نطنز.", "strike",
         "background", None),
        ("fa", "ایران و آمریکا پس از حملات اسرائیل به نطنز تماس‌ها را از سر گرفتند.", "strike", "background",
         None),
    ],
)
def test_what_the_news_follows(lang: str, text: str, kind: str, status: str, date: dt.date | None) -> None:
    got = [(k, s, d) for k, s, d, _p in found(text, lang) if k == kind]
    assert got == [(kind, status, date)]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "status", "date"),
    [
        # a date or a mark inside a 'since' phrase is when something else began
        ("en", "Araghchi arrived in Cairo on Sunday, his first visit abroad since taking office last month.",
         "visit", "happened", SUNDAY),
        ("ar", "وصل عراقجي إلى القاهرة اليوم الأحد في أول زيارة خارجية له منذ توليه منصبه الشهر الماضي.",
         "visit", "happened", SUNDAY),
        ("fa", "عراقچی روز یکشنبه به قاهره رفت؛ این نخستین سفر خارجی او "
               "از زمان آغاز به کار در ماه گذشته است.",
         "visit", "happened", SUNDAY),
        # 'initially scheduled … but postponed' is called off
        ("en", "The meeting between Araghchi and Witkoff was initially scheduled for Tuesday but was later "
               "postponed, officials said.", "meeting", "called_off", D(2025, 6, 3)),
    ],
)
def test_since_and_initially(lang: str, text: str, kind: str, status: str, date: dt.date) -> None:
    got = [(k, s, d) for k, s, d, _p in found(text, lang) if k == kind]
    assert got == [(kind, status, date)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a plan said after the event word, nearer another one, is that one's
        ("en", "Araghchi and Witkoff held talks in Rome, and a third round is expected."),
        ("ar", "عقد عراقجي وويتكوف محادثات في روما، ومن المتوقع عقد جولة ثالثة."),
        ("ar", "عقد عراقجي وويتكوف محادثات في روما ومن المتوقع عقد جولة ثالثة."),
        ("fa", "عراقچی و ویتکاف در رم مذاکره کردند و انتظار می‌رود دور سوم مذاکرات برگزار شود."),
    ],
)
def test_a_plan_after_the_news_is_the_next_ones(lang: str, text: str) -> None:
    got = [(k, s) for k, s, _d, _p in found(text, lang)]  # (the plan may be a meeting of its own)
    assert got[0] == ("meeting", "happened")
    assert set(got[1:]) <= {("meeting", "planned")}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # ... but not when the nearer word names the same talks, or the plan comes first
        ("en", "The third round of talks between Araghchi and Witkoff will be held in Rome."),
        ("ar", "الجولة الثالثة من المحادثات بين عراقجي وويتكوف ستعقد في روما."),
        ("fa", "قرار است عراقچی در جریان این سفر با ویتکاف دیدار کند."),
    ],
)
def test_a_plan_of_the_same_talks_stays(lang: str, text: str) -> None:
    assert ("meeting", "planned") in [(k, s) for k, s, _d, _p in found(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # an undated article: a weekday with a day and month fixes the year ('Saturday, 3 May' is
        # 2025), and dates the article's other relative days
        ("en", "Oman said on Thursday that the round planned for Saturday, 3 May, had been postponed."),
        ("ar", "أعلنت سلطنة عمان اليوم الخميس تأجيل الجولة التي كانت مقررة يوم السبت 3 مايو."),
        ("fa", "وزیر خارجه عمان روز پنجشنبه اعلام کرد دور مذاکرات که قرار بود شنبه ۱۳ اردیبهشت برگزار شود "
               "به تعویق افتاد."),
    ],
)
def test_an_undated_articles_weekday_and_day_date_its_other_days(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, None)).events
    assert [(e.kind, e.date) for e in events if e.kind == "announcement"] == [("announcement", D(2025, 5, 1))]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a plan after 'though' is its own clause's, not the news before it
        ("en", "Araghchi and Witkoff met in Geneva on Sunday, though a Russian delegation is not expected to "
               "take part."),
        ("ar", "التقى عراقجي وويتكوف في جنيف يوم الأحد رغم أن روسيا من المقرر أن تنضم لاحقا."),
        ("fa", "عراقچی و ویتکاف در ژنو دیدار کردند هرچند روسیه قرار است بعدا بپیوندد."),
    ],
)
def test_a_plan_after_though_is_not_the_news(lang: str, text: str) -> None:
    assert [(k, s) for k, s, _d, _p in found(text, lang)] == [("meeting", "happened")]


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        # a date inside a name ('the March 23 Movement') is no date
        ("en", "The March 23 Movement signed a peace framework with Kinshasa in Doha.", "meeting"),
        ("ar", "التقى عراقجي قادة حركة 23 مارس في الدوحة.", "meeting"),
        ("fa", "هیئت جنبش ۲۳ مارس به دوحه سفر کرد.", "visit"),
    ],
)
def test_a_date_inside_a_name_is_no_date(lang: str, text: str, kind: str) -> None:
    assert [(k, s, d) for k, s, d, _p in found(text, lang) if k == kind] == [(kind, "happened", SUNDAY)]


@pytest.mark.parametrize(
    ("lang", "text", "actor", "date"),
    [
        # triggering the snapback and sanctions coming back are acts of the day
        ("en", "Britain, France and Germany triggered the snapback on Thursday.", "germany", D(2025, 5, 29)),
        ("ar", "وقالت الترويكا الأوروبية إنها فعلت آلية الزناد يوم الخميس.", "e3", D(2025, 5, 29)),
        ("fa", "فرانسه، انگلیس و آلمان روز پنجشنبه مکانیسم ماشه را فعال کردند.", "germany", D(2025, 5, 29)),
        ("en", "UN sanctions on Iran were reinstated on Saturday.", "un", D(2025, 5, 31)),
        ("ar", "أعيد فرض عقوبات الأمم المتحدة على إيران يوم السبت.", "un", D(2025, 5, 31)),
    ],
)
def test_snapback_acts(lang: str, text: str, actor: str, date: dt.date) -> None:
    events = extract_article(article_from_text(text, lang, SUNDAY)).events
    assert [(e.kind, e.date) for e in events if actor in e.actor_ids.split(";")] == [("announcement", date)]


@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        # a count of rounds is a recap of earlier talks, undated unless its sentence dates it
        ("en", "The United States and Iran have conducted four rounds of negotiations through Oman.",
         "background"),
        ("ar", "وأجرى عراقجي وويتكوف خمس جولات من المحادثات منذ شهر أبريل.", "background"),
        ("fa", "سه دور مذاکرات غیرمستقیم امریکا و ایران در مسقط و رم برگزار شد.", "background"),
        # ... and a plan when one is said
        ("en", "Iran and the United States will hold two more rounds of talks.", "planned"),
    ],
)
def test_a_count_of_rounds_is_a_recap(lang: str, text: str, status: str) -> None:
    assert [(k, s, d) for k, s, d, _p in found(text, lang)] == [("meeting", status, None)]


@pytest.mark.parametrize(
    ("lang", "text", "kind", "actor"),
    [
        # reaching an agreement is a meeting of its parties; 'their meeting' (لقائه) is a meeting word;
        # a briefing is a speech
        ("en", "Iran and the IAEA reached an agreement in Cairo on Tuesday.", "meeting", "iaea"),
        ("ar", "وكانت إيران توصلت إلى اتفاق مع الوكالة الدولية للطاقة الذرية في القاهرة يوم الثلاثاء.",
         "meeting", "iaea"),
        ("fa", "ایران و آژانس روز سه‌شنبه در قاهره به توافق رسیدند.", "meeting", "iaea"),
        ("ar", "وتحدث ترامب عن لقائه مع نتنياهو في البيت الأبيض يوم الثلاثاء.", "meeting",
         "benjamin_netanyahu"),
        ("en", "Araghchi spoke about the talks during a briefing in Tehran on Tuesday.", "speech",
         "abbas_araghchi"),
    ],
)
def test_agreements_meetings_and_briefings(lang: str, text: str, kind: str, actor: str) -> None:
    events = extract_article(article_from_text(text, lang, SUNDAY)).events
    assert [(e.kind, e.date) for e in events if actor in e.actor_ids.split(";")] == [(kind, D(2025, 5, 27))]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # talks between two nationalities' officials are talks of their states
        ("ar", "وانتهت يوم السبت محادثات بين مسؤولين أميركيين وأوكرانيين استمرت لأيام."),
        ("en", "Talks between American and Ukrainian officials ended on Saturday in Geneva."),
        ("fa", "مذاکرات میان مقام‌های آمریکایی و اوکراینی روز شنبه در ژنو پایان یافت."),
    ],
)
def test_talks_between_two_nationalities(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, SUNDAY)).events
    assert [(e.kind, set(e.actor_ids.split(";")), e.date) for e in events] == \
        [("meeting", {"usa", "ukraine"}, D(2025, 5, 31))]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a plan quoted first, then 'said in a post on Wednesday': the post's Wednesday is the last one
        ("en", '"The next round will take place in Rome on Friday," Albusaidi said in a post on X '
               'on Wednesday.'),
        ("ar", '"ستعقد الجولة المقبلة في روما يوم الجمعة"، كتب البوسعيدي في منشور الأربعاء.'),
        ("fa", "«دور بعدی مذاکرات جمعه در رم برگزار خواهد شد»، البوسعیدی روز چهارشنبه در پیامی در شبکه ایکس "
               "نوشت."),
    ],
)
def test_a_post_on_a_weekday_after_a_quoted_plan(lang: str, text: str) -> None:
    got = [(k, s, d) for k, s, d, _p in found(text, lang) if k == "announcement"]
    assert got == [("announcement", "happened", D(2025, 5, 28))]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a wire dateline dates its paragraph's news; 'May' beside a day is the month, not 'may'
        ("en", "ISTANBUL, May 30 (Reuters) - The talks opened at noon.\nRussia and Ukraine held talks in "
               "Istanbul, officials said."),
        ("ar", "إسطنبول، 30 مايو (رويترز) - بدأت المحادثات ظهرا.\nعقدت روسيا وأوكرانيا محادثات في إسطنبول."),
        ("fa", "استانبول، ۹ خرداد (ایرنا) - مذاکرات ظهر آغاز شد.\nهیئت‌های روسیه و اوکراین در استانبول "
               "دیدار کردند."),
    ],
)
def test_a_dateline_dates_its_news(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 6, 1))).events
    assert [(e.kind, e.date, e.date_basis.startswith("dateline")) for e in events
            if "russia" in e.actor_ids] == [("meeting", D(2025, 5, 30), True)]
    undated = extract_article(article_from_text(text, lang, None)).events  # the year from other articles
    assert [(e.kind, e.date, e.date_basis.startswith("day and month without a year")) for e in undated
            if "russia" in e.actor_ids] == [("meeting", None, True)]


@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        # the pluperfect is background ('had met' is also a meeting word), unless reported speech put it
        # there or its sentence names a day within the week
        ("en", "Araghchi and Witkoff had met in Muscat.", "background"),
        ("en", "Yermak said his delegation had met Araghchi in Geneva.", "happened"),
        ("ar", "وكان عراقجي وويتكوف التقيا في مسقط.", "background"),
        ("fa", "عراقچی و ویتکاف در مسقط دیدار کرده بودند.", "background"),
        ("ar", "وكان رئيس الوزراء القطري قد زار طهران أمس حيث التقى عراقجي.", "happened"),
    ],
)
def test_the_pluperfect(lang: str, text: str, status: str) -> None:
    assert [s for _k, s, _d, _p in found(text, lang)][:1] == [status]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # an earlier round whose only name is its venue's ('Doha, Qatar'; a city's country is part of
        # the place) is a round of the talks just reported, with their parties, and background
        ("en", "Lavrov and Rubio held talks in Riyadh on Tuesday. Their first round of talks had been held "
               "in Doha, Qatar on 12 February."),
        ("ar", "التقى لافروف وروبيو في الرياض يوم الثلاثاء. وكانت الجولة الأولى من هذه المحادثات قد عقدت "
               "في الدوحة بقطر في 12 فبراير."),
        ("fa", "لاوروف و روبیو روز سه‌شنبه در ریاض دیدار کردند. دور نخست این مذاکرات ۱۲ فوریه در دوحه قطر "
               "برگزار شده بود."),
    ],
)
def test_a_round_named_by_its_venue_has_the_talks_parties(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 3, 5))).events
    assert [(e.kind, e.actor_ids, e.date, e.status) for e in events] == [
        ("meeting", "sergey_lavrov;marco_rubio", D(2025, 3, 4), "happened"),
        ("meeting", "sergey_lavrov;marco_rubio", D(2025, 2, 12), "background")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # an earlier meeting named beside the news ('after earlier meetings in Baku in July') is a second
        # meeting of its sentence, background, dated by what follows it, not by the news's Tuesday
        ("en", "Shaibani met Dermer in Paris on Tuesday, after earlier meetings in Baku in July."),
        ("ar", "التقى الشيباني ديرمر في باريس يوم الثلاثاء، بعد اللقاءات السابقة بينهما في باكو في يوليو."),
        ("fa", "شیبانی روز سه‌شنبه در پاریس با درمر دیدار کرد، پس از دیدارهای قبلی در باکو در ژوئیه."),
    ],
)
def test_an_earlier_meeting_beside_the_news(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 8, 20))).events
    assert [(e.kind, e.date, e.status) for e in events] == [
        ("meeting", D(2025, 8, 19), "happened"), ("meeting", D(2025, 7, 1), "background")]
    assert all("asaad_al_shaibani" in e.actor_ids for e in events)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # talks held, and a plan to meet again in the same sentence: two happenings, told apart by their
        # status; the plan's words are the plan's, not the talks' ('agreed to meet again')
        ("en", "Lavrov and Rubio held talks in Riyadh on Friday and agreed to meet again."),
        ("ar", "عقد لافروف وروبيو محادثات في الرياض يوم الجمعة واتفقا على الاجتماع مجددا."),
        ("fa", "لاوروف و روبیو روز جمعه در ریاض دیدار کردند و توافق کردند دوباره دیدار کنند."),
    ],
)
def test_talks_held_and_a_plan_to_meet_again(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 5, 17))).events
    assert [(e.kind, e.actor_ids, e.date, e.status) for e in events] == [
        ("meeting", "sergey_lavrov;marco_rubio", D(2025, 5, 16), "happened"),
        ("meeting", "sergey_lavrov;marco_rubio", None, "planned")]


@pytest.mark.parametrize(
    ("lang", "text", "status"),
    [
        # in a dated report, an attack named by its agent with no day of its own is the war recalled;
        # one the report dates is the day's news; an undated report cannot tell, and keeps it
        ("en", "The envoys met in Muscat on Monday. Israel's attack on Iran upended the diplomacy.",
         "background"),
        ("en", "Israeli strikes hit Tehran on Saturday.", "happened"),
        ("ar", "التقى المبعوثان في مسقط يوم الاثنين. وقد أدت الضربات الإسرائيلية إلى تعطيل المسار "
               "الدبلوماسي.", "background"),
        ("ar", "استهدفت الضربات الإسرائيلية طهران يوم السبت.", "happened"),
        ("fa", "فرستادگان روز دوشنبه در مسقط دیدار کردند. حملات هوایی اسرائیل روند دیپلماسی را متوقف کرد.",
         "background"),
        ("fa", "حملات هوایی اسرائیل روز شنبه تهران را هدف قرار داد.", "happened"),
    ],
)
def test_an_attack_recalled_in_a_dated_report(lang: str, text: str, status: str) -> None:
    strikes = [s for k, s, _d, _p in found(text, lang) if k == "strike"]
    assert strikes == [status]
    undated = extract_article(article_from_text(text, lang, None)).events
    assert [e.status for e in undated if e.kind == "strike"] == ["happened"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # talks named as an earlier round need no date to be a happening: a background one, undated
        ("en", "Hopes for a truce rose after a previous round of talks between Hamas and Israel in Doha."),
        ("ar", "وتزايدت الآمال بالهدنة بعد جولة سابقة من المحادثات بين حماس وإسرائيل في الدوحة."),
        ("fa", "امیدها به آتش‌بس پس از دور قبلی مذاکرات حماس و اسرائیل در دوحه افزایش یافت."),
    ],
)
def test_an_earlier_round_needs_no_date(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 5, 17))).events
    assert [(e.kind, e.actor_ids, e.date, e.status) for e in events] == [
        ("meeting", "hamas;israel", None, "background")]


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        # a news conference is a speech, a letter a statement
        ("en", "Baghaei told a news conference on Monday that the talks would continue.", "speech"),
        ("ar", "وقال بقائي في مؤتمر صحافي يوم الاثنين إن المحادثات ستستمر.", "speech"),
        ("en", "In a letter to Guterres on Monday, Araghchi described the snapback as illegal.",
         "announcement"),
        ("ar", "ووصف عراقجي في رسالة إلى غوتيريش يوم الاثنين آلية الزناد بأنها غير قانونية.", "announcement"),
        ("fa", "عراقچی روز دوشنبه در نامه‌ای به گوترش سازوکار ماشه را غیرقانونی خواند.", "announcement"),
        # a signed ceasefire, truce or accord is a meeting of its signatories; a call by its verb
        ("en", "Armenia and Azerbaijan signed a treaty in Washington on Monday.", "meeting"),
        ("en", "Thailand and Cambodia signed a ceasefire in Kuala Lumpur on Monday.", "meeting"),
        ("ar", "أرمينيا وأذربيجان وقعتا على اتفاقية سلام في واشنطن يوم الاثنين.", "meeting"),
        ("fa", "لاوروف روز دوشنبه با روبیو تلفنی گفتگو کرد.", "call"),
    ],
)
def test_news_conferences_and_letters(lang: str, text: str, kind: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 5, 17))).events
    assert [(e.kind, e.date, e.status) for e in events] == [(kind, D(2025, 5, 12), "happened")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Qatar has postponed the talks between Hamas and Israel, officials said."),
    ("en", "Kyiv said the negotiations with Moscow were called off."),
    ("ar", "أعلنت القاهرة تأجيل المفاوضات بين حماس وإسرائيل."),
    ("ar", "قررت أنقرة إلغاء المحادثات بين روسيا وأوكرانيا."),
    ("fa", "مذاکرات روسیه و اوکراین به تعویق افتاد."),
    ("fa", "قطر لغو مذاکرات حماس و اسرائیل را اعلام کرد."),
])
def test_talks_called_off_need_no_date(lang: str, text: str) -> None:
    """Talks named by a noun are a happening only with a day or a verb that holds them; one that
    calls them off holds them too: a called-off meeting, with no day of its own."""
    assert ("meeting", "called_off") in {(k, s) for k, s, _, _ in found(text, lang)}


@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "وقد رفض المتحدث التعليق على المفاوضات بين حماس وإسرائيل."),
    ("ar", "وتعليقا على المحادثات بين روسيا وأوكرانيا، قال لافروف إنها مفيدة."),
])
def test_commenting_on_talks_calls_nothing_off(lang: str, text: str) -> None:
    assert all(s != "called_off" for _, s, _, _ in found(text, lang))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Talks between Armenia and Azerbaijan resumed in Abu Dhabi."),
    ("ar", "استؤنفت المحادثات بين أرمينيا وأذربيجان في أبوظبي."),
    ("fa", "مذاکرات ارمنستان و آذربایجان در ابوظبی از سر گرفته شد."),
])
def test_talks_resumed_are_held_without_a_day(lang: str, text: str) -> None:
    events = extract_article(article_from_text(text, lang, D(2025, 5, 17))).events
    assert [(e.kind, e.date, e.status) for e in events] == [("meeting", D(2025, 5, 17), "happened")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Lammy and Lavrov had met in Geneva."),
    ("ar", "وكان لامي ولافروف قد التقيا في جنيف."),
    ("fa", "لامی و لاوروف در ژنو با هم دیدار کرده بودند."),
])
def test_the_past_recalled_is_not_dated_by_its_report(lang: str, text: str) -> None:
    """Background with no day of its own is undated (the closing pass may borrow one), not put on
    the day of the report that recalls it."""
    events = extract_article(article_from_text(text, lang, D(2025, 5, 17))).events
    assert [(e.kind, e.date, e.status) for e in events] == [("meeting", None, "background")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "A planned meeting between Lammy and Lavrov never materialised."),
    ("en", "The meeting between Lammy and Lavrov did not take place."),
    ("ar", "لم تعقد المحادثات بين روسيا وأوكرانيا في جنيف."),
    ("fa", "دیدار لامی و لاوروف هرگز برگزار نشد."),
])
def test_talks_that_did_not_happen_are_called_off(lang: str, text: str) -> None:
    assert ("meeting", "called_off") in {(k, s) for k, s, _, _ in found(text, lang)}
