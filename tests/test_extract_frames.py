"""Clause frames: one table per kind of miss seen on unseen articles, in Arabic, Persian and English.

Every sentence here was written for this test (none is copied from an article): the rules must
hold on wording they were not tuned to.
"""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.dates import date_mentions
from parley.extract.pipeline import article_from_text, extract_article
from parley.extract.records import Extraction

SATURDAY = dt.date(2025, 5, 10)


def extract(text: str, lang: str) -> Extraction:
    return extract_article(article_from_text(text, lang, SATURDAY))  # type: ignore[arg-type]


def positions(text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(p.actor_id, p.topic, p.stance) for p in extract(text, lang).positions}


def venues(text: str, lang: str) -> set[tuple[str, str]]:
    return {(v.place_id, v.role) for v in extract(text, lang).venues}


# The stance lives in the frame: wanting/seeking an item demands it; confining the talks to one
# topic insists on it; 'ready, but not on X' is a condition, with X rejected.
FRAMES = [
    ("en", "Washington is seeking to have the missile programme added to the agenda of the talks.",
     {("usa", "ballistic_missiles", "demands")}),
    ("ar", "تسعى واشنطن إلى إدراج ملف الصواريخ على جدول أعمال المحادثات.",
     {("usa", "ballistic_missiles", "demands")}),
    ("fa", "آمریکا به دنبال گنجاندن برنامه موشکی در دستور کار مذاکرات است.",
     {("usa", "ballistic_missiles", "demands")}),
    ("en", "Tehran wants the negotiations limited to the nuclear file.", {("iran", "nuclear", "insists")}),
    ("ar", "تريد طهران أن تقتصر المفاوضات على الملف النووي.", {("iran", "nuclear", "insists")}),
    ("fa", "تهران می‌خواهد مذاکرات به پرونده هسته‌ای محدود شود.", {("iran", "nuclear", "insists")}),
    ("en", "Iran said it was ready to resume negotiations, but not on its missile programme.",
     {("iran", "diplomacy", "conditional"), ("iran", "ballistic_missiles", "rejects")}),
    ("ar", "أبدت إيران استعدادها لاستئناف المفاوضات، لكن ليس بشأن قدراتها الدفاعية.",
     {("iran", "diplomacy", "conditional"), ("iran", "ballistic_missiles", "rejects")}),
    ("fa", "ایران آماده از سرگیری مذاکرات است اما نه درباره توان دفاعی خود.",
     {("iran", "diplomacy", "conditional"), ("iran", "ballistic_missiles", "rejects")}),
    ("en", "Hegseth called for the full dismantlement of Iran's nuclear programme.",
     {("pete_hegseth", "nuclear", "demands")}),
]

# Two holders in one sentence: each clause of 'while / بينما / در حالی که' has its own.
TWO_HOLDERS = [
    ("en", "Iran insists on its right to enrichment, while Washington demands that enrichment stop entirely.",
     {("iran", "enrichment", "insists"), ("usa", "enrichment", "demands")}),
    ("ar", "تتمسك إيران بحقها في التخصيب، بينما تطالب الولايات المتحدة بوقف التخصيب بالكامل.",
     {("iran", "enrichment", "insists"), ("usa", "enrichment", "demands")}),
    ("fa", "ایران بر حق غنی‌سازی تاکید دارد، در حالی که آمریکا خواستار توقف کامل غنی‌سازی است.",
     {("iran", "enrichment", "insists"), ("usa", "enrichment", "demands")}),
]

# No position: a noun naming a topic, uncertainty, a question.
NOT_POSITIONS = [
    ("en", "Iran's support for armed groups in the region worries Gulf states."),
    ("ar", "يثير دعم إيران للجماعات المسلحة قلق دول الخليج."),
    ("fa", "حمایت ایران از گروه‌های مسلح نگرانی کشورهای خلیج فارس را برانگیخته است."),
    ("en", "It is unclear whether Iran will accept the American proposal on enrichment."),
    ("ar", "ليس واضحا ما إذا كانت إيران ستقبل المقترح الأمريكي بشأن التخصيب."),
    ("fa", "روشن نیست که آیا ایران پیشنهاد آمریکا درباره غنی‌سازی را می‌پذیرد."),
    ("en", "Will Iran accept limits on enrichment?"),
    ("ar", "هل تقبل إيران قيودا على التخصيب؟"),
]

# Mediators: hosting, relaying messages, good offices, 'mediated by X', 'Egyptian mediators'.
MEDIATION = [
    ("en", "Oman relayed messages between the two delegations and offered its good offices.", "oman"),
    ("ar", "نقلت سلطنة عمان الرسائل بين الوفدين وعرضت مساعيها الحميدة.", "oman"),
    ("fa", "عمان پیام‌ها را میان دو هیئت منتقل کرد و میانجیگری کرد.", "oman"),
    ("en", "The indirect talks, mediated by Oman, lasted four hours.", "oman"),
    ("ar", "جرت المحادثات بين الجانبين بوساطة سلطنة عمان.", "oman"),
    ("fa", "مذاکرات با میانجیگری عمان برگزار شد.", "oman"),
    ("en", "Egyptian mediators handed Hamas a new proposal on Monday.", "egypt"),
    ("ar", "تسلم الوفد مقترحا جديدا من الوسطاء المصريين.", "egypt"),
    ("en", "Qatar hosted the latest round of talks.", "qatar"),
]


@pytest.mark.parametrize(("lang", "text", "want"), FRAMES + TWO_HOLDERS)
def test_stance_from_frame(lang: str, text: str, want: set[tuple[str, str, str]]) -> None:
    assert want <= positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), NOT_POSITIONS)
def test_not_a_position(lang: str, text: str) -> None:
    assert positions(text, lang) == set()


@pytest.mark.parametrize(("lang", "text", "mediator"), MEDIATION)
def test_mediation(lang: str, text: str, mediator: str) -> None:
    assert (mediator, "diplomacy", "mediates") in positions(text, lang)
    assert all(stance != "mediates" or actor == mediator for actor, _, stance in positions(text, lang))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Reuters reported that the two sides were ready to meet again."),
    ("ar", "ذكرت وكالة رويترز أن الجانبين مستعدان للقاء مجددا."),
])
def test_agencies_relay_but_hold_no_position(lang: str, text: str) -> None:
    assert not any(actor == "reuters" for actor, _, _ in positions(text, lang))


def test_cues_match_only_in_their_own_language() -> None:
    """Persian 'کامل' (complete) folds to Arabic 'ك' + 'امل' (I hope): no Arabic cue in Persian."""
    got = positions("آمریکا خواستار توقف کامل غنی‌سازی است.", "fa")
    assert ("usa", "enrichment", "supports") not in got


VENUES = [
    ("en", "Rome was floated as a possible venue for the next round.", ("rome", "proposed")),
    ("ar", "طرحت روما كمكان محتمل للجولة المقبلة.", ("rome", "proposed")),
    ("fa", "رم به عنوان محل احتمالی دور بعدی مطرح شد.", ("rome", "proposed")),
    ("en", "Turkey offered to host the next round.", ("turkey", "proposed")),
    ("ar", "أبدت تركيا استعدادها لاستضافة الجولة المقبلة.", ("turkey", "proposed")),
    ("en", "The talks were moved from Rome to Muscat at Iran's request.", ("muscat", "moved_to")),
    ("ar", "نقلت المحادثات من روما إلى مسقط بطلب من إيران.", ("rome", "moved_from")),
    ("fa", "مذاکرات به درخواست ایران از رم به مسقط منتقل شد.", ("muscat", "moved_to")),
    ("fa", "مذاکرات به درخواست ایران از رم به مسقط منتقل شد.", ("rome", "moved_from")),
    ("ar", "عقدت في مدينة إسطنبول أمس أول جولة من المحادثات المباشرة.", ("istanbul", "talks_venue")),
    ("fa", "دور دوم گفتگوها روز شنبه در رم برگزار شد.", ("rome", "talks_venue")),
    ("en", "The delegations met in Geneva for a second day.", ("geneva", "talks_venue")),
    ("en", "Araghchi arrived in Muscat on Friday ahead of the talks.", ("muscat", "visit")),
    ("ar", "وصل عراقجي إلى مسقط يوم الجمعة قبيل المحادثات.", ("muscat", "visit")),
    ("fa", "عراقچی روز جمعه وارد مسقط شد.", ("muscat", "visit")),
]


@pytest.mark.parametrize(("lang", "text", "want"), VENUES)
def test_venue_role_from_frame(lang: str, text: str, want: tuple[str, str]) -> None:
    assert want in venues(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The talks were moved from Rome to Muscat at Iran's request."),
    ("ar", "نقلت المحادثات من روما إلى مسقط بطلب من إيران."),
    ("fa", "مذاکرات به درخواست ایران از رم به مسقط منتقل شد."),
])
def test_a_requester_is_not_a_venue(lang: str, text: str) -> None:
    assert not any(place == "iran" and role != "mentioned" for place, role in venues(text, lang))


WEEKDAYS = [  # the article is dated Saturday 10 May 2025
    ("The two sides will meet again on Friday.", dt.date(2025, 5, 16)),
    ("They met on Friday.", dt.date(2025, 5, 9)),
    ("من المقرر أن يلتقي الطرفان يوم الأحد.", dt.date(2025, 5, 11)),
    ("التقى الطرفان يوم الأحد.", dt.date(2025, 5, 4)),
    ("قرار است روز یکشنبه دیدار کنند.", dt.date(2025, 5, 11)),
    ("روز یکشنبه دیدار کردند.", dt.date(2025, 5, 4)),
]


@pytest.mark.parametrize(("text", "want"), WEEKDAYS)
def test_weekday_by_tense(text: str, want: dt.date) -> None:
    got = [m.date for m in date_mentions(text, SATURDAY) if m.relative]
    assert got == [want]


def events(text: str, lang: str, published: dt.date | None = SATURDAY) -> set[tuple[str, dt.date | None]]:
    art = article_from_text(text, lang, published)  # type: ignore[arg-type]
    return {(e.kind, e.date) for e in extract_article(art).events}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The third round of talks between Iran and the United States was held in Muscat."),
    ("ar", "عقدت الجولة الثالثة من المحادثات بين إيران والولايات المتحدة في مسقط."),
    ("fa", "دور سوم مذاکرات ایران و آمریکا در مسقط برگزار شد."),
    ("en", "Iran and the United States resume their talks on Sunday."),
])
def test_talks_held_or_dated_are_a_meeting(lang: str, text: str) -> None:
    assert any(kind == "meeting" for kind, _ in events(text, lang))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Iran and the United States disagree on the scope of the talks."),
    ("ar", "تختلف إيران والولايات المتحدة حول نطاق المفاوضات."),
    ("fa", "ایران و آمریکا بر سر دامنه مذاکرات اختلاف دارند."),
])
def test_talks_as_a_subject_are_no_event(lang: str, text: str) -> None:
    assert events(text, lang) == set()


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "On 3 March 2025 the envoy arrived. Araghchi met Witkoff the next morning.", dt.date(2025, 3, 3)),
    ("ar", "في 3 مارس 2025 وصل المبعوث. والتقى عراقجي ويتكوف بعد ذلك.", dt.date(2025, 3, 3)),
])
def test_undated_article_events_take_its_latest_named_day(lang: str, text: str, want: dt.date) -> None:
    """An undated article is never stamped with today's date, but its own days date its events."""
    got = events(text, lang, published=None)
    assert ("meeting", want) in got
    assert all(d is None or d.year == 2025 for _, d in got)


@pytest.mark.parametrize(("lang", "text", "agent"), [
    ("en", "Israeli strikes hit a missile base near Tabriz on Sunday.", "israel"),
    ("ar", "استهدفت ضربات جوية أمريكية ثلاث منشآت نووية يوم الأحد.", "usa"),
    ("fa", "حملات هوایی اسرائیلی روز یکشنبه چند پایگاه را هدف گرفت.", "israel"),
])
def test_strike_agent_named_by_adjective(lang: str, text: str, agent: str) -> None:
    strikes = [e for e in extract(text, lang).events if e.kind == "strike"]
    assert strikes and agent in strikes[0].actor_ids.split(";")


def test_a_guest_named_by_adjective_is_no_mediator() -> None:
    got = positions("Today we hosted the Iranian foreign minister in Muscat.", "en")
    assert ("iran", "diplomacy", "mediates") not in got


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Araghchi said that enrichment is non-negotiable.", ("abbas_araghchi", "enrichment", "insists")),
    ("ar", "قال عراقجي إن التخصيب غير قابل للتفاوض.", ("abbas_araghchi", "enrichment", "insists")),
    ("fa", "عراقچی گفت غنی‌سازی قابل مذاکره نیست.", ("abbas_araghchi", "enrichment", "insists")),
    ("en", "Qatar condemned the strikes on the base.", ("qatar", "military_force", "opposes")),
    ("ar", "أدانت قطر الهجمات على القاعدة.", ("qatar", "military_force", "opposes")),
])
def test_predicative_and_condemning_frames(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Officials said the raid was crossing a very clear red line on missiles."),
    ("en", "Tehran protested the agency's failure to condemn the strikes."),
])
def test_descriptions_are_not_positions(lang: str, text: str) -> None:
    assert not any(stance in ("insists", "opposes") for _, _, stance in positions(text, lang))


@pytest.mark.parametrize(("lang", "text", "want"), [
    # a participle clause reports the sentence's subject
    ("ar", "تحدث عراقجي للتلفزيون بعد الجولة، مؤكدًا أن التخصيب غير قابل للتفاوض.",
     ("abbas_araghchi", "enrichment", "insists")),
    # 'our goal is X' demands X
    ("ar", "قال عراقجي إن هدفنا من المفاوضات هو رفع العقوبات.", ("abbas_araghchi", "sanctions", "demands")),
    ("en", "Araghchi said our goal is the lifting of sanctions.", ("abbas_araghchi", "sanctions", "demands")),
    # a fronted phrase set off by a comma names someone else
    ("en", "Responding to Araghchi's remarks, Rubio urged new sanctions.",
     ("marco_rubio", "sanctions", "demands")),
    # the mediator after 'through' / 'with the mediation of'
    ("fa", "دور نخست مذاکرات با واسطه وزیر خارجه عمان برگزار شد.",
     ("badr_albusaidi", "diplomacy", "mediates")),
])
def test_holder_of_the_frame(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hamas delivered its answer to the mediators on Friday."),
    ("ar", "سلمت حماس ردها إلى الوسطاء يوم الجمعة."),
    ("fa", "دور دوم مذاکرات ایران و آمریکا به میزبانی رم برگزار شد."),
])
def test_parties_and_addressees_are_not_mediators(lang: str, text: str) -> None:
    assert not any(stance == "mediates" and actor in ("hamas", "iran", "usa")
                   for actor, _, stance in positions(text, lang))


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("fa", "گفتگوهای غیرمستقیم دو طرف امروز در مسقط آغاز شد.", ("muscat", "talks_venue")),
    ("ar", "وانتهت مساء اليوم في الدوحة جولة جديدة من المفاوضات.", ("doha", "talks_venue")),
    ("ar", "يتوجه وزير الخارجية إلى روما غدا.", ("rome", "visit")),
    ("en", "The delegation departed for Doha on Sunday.", ("doha", "visit")),
])
def test_more_venue_frames(lang: str, text: str, want: tuple[str, str]) -> None:
    assert want in venues(text, lang)


@pytest.mark.parametrize(("lang", "text", "who"), [
    ("en", "An Israeli delegation departed for Doha on Sunday.", "israel"),
    ("ar", "وصل الوفد الإيراني إلى مسقط يوم السبت.", "iran"),
    ("fa", "هیئت ایرانی روز شنبه وارد مسقط شد.", "iran"),
])
def test_delegation_named_by_nationality(lang: str, text: str, who: str) -> None:
    visits = [e for e in extract(text, lang).events if e.kind == "visit"]
    assert visits and who in visits[0].actor_ids.split(";")


@pytest.mark.parametrize(("lang", "text", "want"), [
    # an obligation laid on another is the speaker's demand
    ("en", "Araghchi said the United States must recognise Iran's right to enrichment.",
     ("abbas_araghchi", "enrichment", "demands")),
    ("ar", "قال عراقجي إنه يجب على الولايات المتحدة الاعتراف بحق إيران في التخصيب.",
     ("abbas_araghchi", "enrichment", "demands")),
    # 'he/وی' speaks for the last sentence's subject
    ("fa", "عراقچی شروط ایران را اعلام کرد. وی تأکید کرد که آمریکا باید حق ایران برای غنی‌سازی را بپذیرد.",
     ("abbas_araghchi", "enrichment", "demands")),
    # calling a measure illegal opposes it
    ("en", "Baghaei said the snapback was illegal.", ("esmaeil_baghaei", "sanctions", "opposes")),
    ("ar", "قال بقائي إن تفعيل آلية الزناد غير قانوني.", ("esmaeil_baghaei", "sanctions", "opposes")),
    ("fa", "بقائی گفت بازگرداندن قطعنامه‌های شورای امنیت غیرقانونی است.",
     ("esmaeil_baghaei", "sanctions", "opposes")),
])
def test_obligations_and_verdicts(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in positions(text, lang)


def test_the_one_obliged_is_not_the_holder() -> None:
    got = positions("Araghchi said the United States must recognise Iran's right to enrichment.", "en")
    assert ("usa", "enrichment", "demands") not in got


@pytest.mark.parametrize(("lang", "text", "who"), [
    # a title resolves to its holder at the article's date ...
    ("en", "The Omani foreign minister met the delegations on Saturday.", "badr_albusaidi"),
    ("fa", "وزیر خارجه عمان روز شنبه با هیئت‌ها دیدار کرد.", "badr_albusaidi"),
    # ... and with no single known holder it stays a role instead of being dropped
    ("en", "The Iranian deputy foreign minister met the delegations on Saturday.",
     "role_iran_deputy_foreign_minister"),
    ("ar", "التقى نائب وزير الخارجية الإيراني الوفود يوم السبت.", "role_iran_deputy_foreign_minister"),
    # the formal 'of the Islamic Republic of Iran' is still Iran's minister and ministry
    ("fa", "سخنگوی وزارت امور خارجه جمهوری اسلامی ایران امروز گفت مذاکرات ادامه دارد.", "esmaeil_baghaei"),
    ("ar", "قال وزير خارجية الجمهورية الإسلامية الإيرانية إن المحادثات مستمرة.", "abbas_araghchi"),
    # 'top diplomat' is the foreign minister
    ("en", "The top Omani diplomat said on Sunday that the round went well.", "badr_albusaidi"),
    ("ar", "قال كبير الدبلوماسيين الإيرانيين إن الجولة كانت جيدة.", "abbas_araghchi"),
    ("fa", "دیپلمات ارشد ایران گفت این دور خوب بود.", "abbas_araghchi"),
])
def test_titles_without_names(lang: str, text: str, who: str) -> None:
    assert who in {m.actor_id for m in extract(text, lang).mentions}


@pytest.mark.parametrize(("lang", "text", "dated"), [
    ("en", "Netanyahu said on Thursday that he welcomed the offer.", True),
    ("ar", "قال عراقجي اليوم إن المحادثات كانت بناءة.", True),
    ("fa", "بقائی روز دوشنبه گفت مذاکرات ادامه دارد.", True),
    ("en", "Netanyahu said that he welcomed the offer.", False),
    # a public rejection or denial, dated, is a statement too
    ("en", "Baghaei on Tuesday denied that Iran had asked for talks.", True),
    ("ar", "ونفى بقائي الثلاثاء أن تكون إيران قد طلبت التفاوض.", True),
    ("fa", "بقائی روز سه‌شنبه درخواست ایران برای مذاکره را تکذیب کرد.", True),
])
def test_a_dated_statement_is_an_announcement(lang: str, text: str, dated: bool) -> None:
    kinds = {kind for kind, _ in events(text, lang)}
    assert ("announcement" in kinds) is dated


@pytest.mark.parametrize(("lang", "text", "status"), [
    ("en", "Araghchi met Witkoff in Muscat on Saturday.", "happened"),
    ("ar", "من المقرر أن يلتقي عراقجي ويتكوف يوم الأحد في مسقط.", "planned"),
    ("fa", "قرار است عراقچی و ویتکاف روز یکشنبه در مسقط دیدار کنند.", "planned"),
    ("en", "Oman hosted talks between Araghchi and Witkoff in Muscat last year.", "background"),
    ("ar", "التقى عراقجي ويتكوف في 12 أبريل 2024 في مسقط.", "background"),
    ("en", "The meeting between Araghchi and Witkoff in Rome was postponed.", "called_off"),
    ("fa", "دیدار عراقچی و ویتکاف در رم به تعویق افتاد.", "called_off"),
    ("ar", "يلتقي عراقجي ويتكوف قريبا في مسقط.", "planned"),
    ("fa", "عراقچی به زودی با ویتکاف در مسقط دیدار می‌کند.", "planned"),
])
def test_event_status(lang: str, text: str, status: str) -> None:
    got = [e.status for e in extract(text, lang).events if e.kind == "meeting"]
    assert got == [status]


BARE_MONTHS = [  # the article is dated Saturday 10 May 2025
    ("In April, Tehran suspended its cooperation.", dt.date(2025, 4, 1)),
    ("last June the war began", dt.date(2024, 6, 1)),
    ("علقت إيران تعاونها في فبراير الماضي.", dt.date(2025, 2, 1)),
    ("ایران در فروردین ماه همکاری را تعلیق کرد.", dt.date(2025, 4, 1)),
    ("The talks will resume in September.", dt.date(2025, 9, 1)),
]


@pytest.mark.parametrize(("text", "want"), BARE_MONTHS)
def test_a_month_named_alone(text: str, want: dt.date) -> None:
    got = [(m.date, m.precision) for m in date_mentions(text, SATURDAY) if m.relative]
    assert got == [(want, "month")]


def test_modal_may_is_no_month() -> None:
    assert date_mentions("Iran may resume the talks.", SATURDAY) == []


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Araghchi said the US must, before any negotiation, compensate Iran for the damage."),
    ("fa", "عراقچی گفت آمریکا باید پیش از هرگونه مذاکره خسارات را جبران کند."),
])
def test_a_precondition_makes_talks_conditional(lang: str, text: str) -> None:
    assert ("abbas_araghchi", "diplomacy", "conditional") in positions(text, lang)


@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("en", "Araghchi arrived in Muscat on Saturday and met Witkoff.", "visit"),
    ("ar", "وصل عراقجي إلى مسقط يوم السبت والتقى ويتكوف.", "visit"),
    ("en", "Araghchi told reporters at a press conference after meeting Witkoff on Saturday.", "speech"),
    # what someone states in an interview is the interview, not an announcement beside it
    ("en", "In an interview on Monday, Baghaei stated that Tehran would not bargain.", "speech"),
    ("ar", "وأكد بقائي في مقابلة تلفزيونية الاثنين أن طهران لن تساوم.", "speech"),
    ("fa", "بقائی روز دوشنبه در مصاحبه‌ای تلویزیونی تأکید کرد که تهران معامله نمی‌کند.", "speech"),
])
def test_one_happening_gives_one_event(lang: str, text: str, kind: str) -> None:
    assert [e.kind for e in extract(text, lang).events] == [kind]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Oman announced on Monday that Araghchi will meet Witkoff in Muscat next week."),
    ("ar", "أعلنت عمان يوم الاثنين أن عراقجي سيلتقي ويتكوف في مسقط الأسبوع المقبل."),
])
def test_an_announcement_of_a_plan_is_two_happenings(lang: str, text: str) -> None:
    got = {(e.kind, e.status) for e in extract(text, lang).events}
    assert ("announcement", "happened") in got
    assert ("meeting", "planned") in got


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("ar", "تسلم الوفد مقترحا جديدا من الوسطاء المصريين والقطريين.",
     {("egypt", "diplomacy", "mediates"), ("qatar", "diplomacy", "mediates")}),
    ("en", "Egyptian and Qatari mediators handed Hamas a proposal.",
     {("egypt", "diplomacy", "mediates"), ("qatar", "diplomacy", "mediates")}),
    ("en", "Iran suspended its cooperation with the IAEA on Wednesday.", {("iran", "nuclear", "rejects")}),
    ("fa", "ایران همکاری با آژانس را تعلیق کرد.", {("iran", "nuclear", "rejects")}),
    ("en", "Tammy Bruce said Iran must cooperate fully with the IAEA.",
     {("tammy_bruce", "nuclear", "demands")}),
])
def test_coordinated_mediators_and_iaea_cooperation(lang: str, text: str,
                                                   want: set[tuple[str, str, str]]) -> None:
    assert want <= positions(text, lang)


def test_the_subject_of_a_reported_clause_is_not_its_speaker() -> None:
    """'A spokesman said Iran must …': Iran is obliged, not speaking (the speaker is unknown)."""
    got = positions("A spokesman said Iran must cooperate fully with the IAEA.", "en")
    assert ("iran", "nuclear", "demands") not in got


def test_an_obligation_without_a_reporting_verb_is_the_sentence_subjects_demand() -> None:
    got = positions("Witkoff appeared to harden his line days later, insisting Iran must stop enrichment.",
                    "en")
    assert ("steve_witkoff", "enrichment", "demands") in got and ("iran", "enrichment", "demands") not in got


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Israel attacked a military base near Isfahan on Friday."),
    ("ar", "هاجمت إسرائيل قاعدة عسكرية قرب أصفهان يوم الجمعة."),
    ("fa", "اسرائیل روز جمعه به یک پایگاه نظامی نزدیک اصفهان حمله کرد."),
])
def test_an_attack_is_a_strike(lang: str, text: str) -> None:
    strikes = [e for e in extract(text, lang).events if e.kind == "strike"]
    assert strikes and "israel" in strikes[0].actor_ids.split(";")
    assert strikes[0].date == dt.date(2025, 5, 9)  # the Friday before the Saturday article


def test_an_arabic_campaign_is_no_persian_attack() -> None:
    """حملة (campaign) folds to Persian حمله (attack): cues match only in their own language."""
    assert not [e for e in extract("أطلقت إيران حملة دبلوماسية واسعة يوم الجمعة.", "ar").events
                if e.kind == "strike"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Talks between Araghchi and Witkoff resumed in Muscat on Saturday after the Israeli strikes."),
    ("fa", "عراقچی خواستار جبران خسارات ناشی از حملات اسرائیل شد."),
    ("ar", "علّق البرلمان التعاون مع الوكالة في ضوء الضربات الإسرائيلية على المنشآت يوم الأحد."),
    ("en", "The ministry froze cooperation on Monday in light of the Israeli strikes."),
    ("fa", "مذاکرات در رم به دنبال حملات اسرائیل به تعویق افتاد."),  # the postponement is the talks'
])
def test_an_event_named_as_context_is_background(lang: str, text: str) -> None:
    strikes = [e.status for e in extract(text, lang).events if e.kind == "strike"]
    assert strikes == ["background"]


@pytest.mark.parametrize(("lang", "text", "want"), [
    # a sentence ends at a closing quote after its full stop; the next sentence keeps its own holder
    ("en", "Rubio spoke to reporters on Monday, insisting Tehran must “halt all enrichment at once.” "
           "Vance later called for the dismantlement of the nuclear program.",
     {("marco_rubio", "enrichment", "demands"), ("jd_vance", "nuclear", "demands")}),
    ("fa", "عراقچی گفت: «از غنی‌سازی دست نمی‌کشیم.» ویتکاف خواستار برچیدن برنامه هسته‌ای شد.",
     {("steve_witkoff", "nuclear", "demands")}),
    # English names the speaker before the verb, not the subject of what is said
    ("en", "Araghchi told reporters Washington must lift the sanctions first.",
     {("abbas_araghchi", "sanctions", "demands")}),
])
def test_quoted_clauses_keep_their_speaker_and_sentence(lang: str, text: str,
                                                        want: set[tuple[str, str, str]]) -> None:
    got = {(p.actor_id, p.topic, p.stance) for p in extract(text, lang).positions}
    assert want <= got, got


@pytest.mark.parametrize(("lang", "text", "mediator"), [
    ("ar", "يستضيف العراق محادثات بين الجانبين الأسبوع المقبل.", "iraq"),  # the verb's subject follows it
    ("ar", "وصل الوفد إلى جولة تستضيفها قطر بعد أيام.", "qatar"),  # an object pronoun; a host venue
    # not the joiner before it (a party's minister: a mediator joining talks would mediate them too)
    ("ar", "سينضم وزير الخارجية الإيراني غدا إلى محادثات تستضيفها مصر.", "egypt"),
    ("en", "Qatar, which hosted the talks in Doha, said progress was made.", "qatar"),
    ("fa", "عراقچی گفت: گفت‌وگوها به همت آقای بوسعیدی، وزیر خارجه عمان، انجام شد "
           "که بین دو هیئت در رفت و آمد بود.", "badr_albusaidi"),  # shuttling between the delegations
])
def test_a_host_mediates(lang: str, text: str, mediator: str) -> None:
    got = [(p.actor_id, p.stance) for p in extract(text, lang).positions if p.stance == "mediates"]
    if mediator == "badr_albusaidi":  # Oman's foreign minister speaks for Oman
        assert sorted(got) == [(mediator, "mediates"), ("oman", "mediates")]
    else:
        assert got == [(mediator, "mediates")]


@pytest.mark.parametrize(("lang", "text", "holder"), [
    ("en", "Araghchi said progress in the talks depends on Washington's seriousness.", "abbas_araghchi"),
    ("ar", "وقال بقائي إن نجاح المفاوضات مرهون بجدية واشنطن.", "esmaeil_baghaei"),
    ("fa", "عراقچی پیشرفت مذاکرات را مستلزم حسن نیت آمریکا دانست.", "abbas_araghchi"),
])
def test_a_condition_in_the_cue_is_conditional_support(lang: str, text: str, holder: str) -> None:
    """The actor the condition names ('on Washington') is its complement, not the holder (the
    Iranian official speaks for Iran too)."""
    got = {(p.actor_id, p.topic, p.stance) for p in extract(text, lang).positions}
    assert got == {(holder, "diplomacy", "conditional"), ("iran", "diplomacy", "conditional")}


def test_an_anaphor_before_the_verb_does_not_override_a_named_subject() -> None:
    """'later' right before the verb refers back only when the sentence names no one before it."""
    text = ("Vance said on Sunday that he backs the talks. Rubio, speaking in Paris, hardened his tone days "
            "later, insisting Tehran must halt enrichment.")
    got = {(p.actor_id, p.topic, p.stance) for p in extract(text, "en").positions}
    assert ("marco_rubio", "enrichment", "demands") in got
    assert ("jd_vance", "enrichment", "demands") not in got


@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Hamas sent its reply to the mediators on Sunday.", set()),  # an addressee, no mediator
    ("ar", "وقالت حماس إنها سلمت ردها إلى الوسطاء.", set()),
    ("ar", "وقالت حماس إنها قدمت ردا إيجابيا على مقترح وقف إطلاق النار.",
     {("hamas", "diplomacy", "supports")}),
    ("fa", "حماس به پیشنهاد آتش‌بس پاسخ مثبت داد.", {("hamas", "diplomacy", "supports")}),
    ("en", "Israel responded positively to the truce proposal.", {("israel", "diplomacy", "supports")}),
])
def test_replies_to_mediators_and_on_a_ceasefire(lang: str, text: str,
                                                 want: set[tuple[str, str, str]]) -> None:
    assert {(p.actor_id, p.topic, p.stance) for p in extract(text, lang).positions} == want



@pytest.mark.parametrize(("lang", "text", "status"), [
    # a cancellation said far from the event, of something else, leaves it as it happened
    ("ar", "أصدر مجلس المحافظين قرارا خلال اجتماع مغلق يوم الخميس يطالب إيران بالكشف عن مخزونها من "
           "اليورانيوم ومواقعها النووية كافة، فيما أعلنت طهران لاحقا إلغاء اتفاق التعاون مع الوكالة.",
     "happened"),
    ("en", "The Board of Governors met on Thursday in a closed session to vote on a long resolution about "
           "the stockpile and the damaged sites, while Tehran said it had cancelled its cooperation deal.",
     "happened"),
])
def test_a_distant_cancellation_is_not_the_events(lang: str, text: str, status: str) -> None:
    got = {e.status for e in extract(text, lang).events if e.kind in ("meeting", "announcement")}
    assert got == {status}, got


@pytest.mark.parametrize(("lang", "text", "holder"), [
    ("en", "Tammy Bruce said on Tuesday that Tehran must cooperate with the UN watchdog.", "tammy_bruce"),
    ("ar", "قال روبيو إنه يجب على طهران التعاون مع الوكالة الذرية.", "marco_rubio"),
    ("fa", "بقائی گفت ایران باید همکاری با آژانس را ادامه دهد.", "esmaeil_baghaei"),
])
def test_cooperation_with_the_watchdog_is_a_nuclear_position(lang: str, text: str, holder: str) -> None:
    assert {t for a, t, _ in positions(text, lang) if a == holder} == {"nuclear"}


@pytest.mark.parametrize(("lang", "text", "status"), [
    # talks that will be held are a planned meeting, wherever the verb stands in the sentence
    ("en", "The next round of talks between Iran and the United States, in Geneva, will be held on Tuesday.",
     "planned"),
    ("ar", "وقالت الخارجية إن الجولة المقبلة بين إيران والولايات المتحدة ستعقد في جنيف يوم الثلاثاء.",
     "planned"),
    ("fa", "دور بعدی مذاکرات ایران و آمریکا، در ژنو، روز سه‌شنبه برگزار خواهد شد.", "planned"),
    # a plan the sentence says did not come about was called off
    ("en", "The talks between Iran and the United States were supposed to take place on Tuesday, but Oman "
           "announced a delay.", "called_off"),
    ("ar", "كان من المقرر أن تعقد المحادثات بين إيران والولايات المتحدة يوم الثلاثاء، "
           "لكن عمان أعلنت إرجاءها.",
     "called_off"),
    ("fa", "قرار بود مذاکرات ایران و آمریکا روز سه‌شنبه برگزار شود، اما عمان آن را عقب انداخت.", "called_off"),
])
def test_scheduled_and_unrealized_talks(lang: str, text: str, status: str) -> None:
    got = {e.status for e in extract(text, lang).events if e.kind == "meeting"}
    assert got == {status}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Baghaei announced on Saturday that the next round would probably take place next week."),
    ("ar", "أعلن بقائي السبت أن الجولة المقبلة ستعقد على الأرجح الأسبوع المقبل."),
])
def test_a_statement_is_dated_by_its_own_words_not_by_what_it_announces(lang: str, text: str) -> None:
    said = [e for e in extract(text, lang).events if e.kind == "announcement"]
    assert [(e.date, e.status) for e in said] == [(SATURDAY, "happened")]


@pytest.mark.parametrize(("lang", "text", "holder"), [
    # an evaluation of the talks is support for them
    ("en", "Baghaei said the talks in Geneva were constructive and productive.", "esmaeil_baghaei"),
    ("ar", "وقال بقائي إن المحادثات في جنيف كانت بناءة ومثمرة.", "esmaeil_baghaei"),
    ("fa", "بقائی گفت مذاکرات ژنو سازنده و مفید بود.", "esmaeil_baghaei"),
])
def test_talks_called_constructive_are_supported(lang: str, text: str, holder: str) -> None:
    assert (holder, "diplomacy", "supports") in positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    # the demands are the object of the rejection: Iran rejects, it demands nothing
    ("en", "Iran rejected the US demands for dismantling its nuclear programme."),
    ("ar", "رفضت إيران المطالب الأمريكية بتفكيك برنامجها النووي."),
    ("fa", "ایران خواسته آمریکا برای برچیدن برنامه هسته‌ای را رد کرد."),
])
def test_rejecting_demands_is_no_demand(lang: str, text: str) -> None:
    got = {(a, s) for a, t, s in positions(text, lang) if t == "nuclear"}
    assert got == {("iran", "rejects")}


@pytest.mark.parametrize(("lang", "text", "holder"), [
    # ending the war is a matter for diplomacy
    ("en", "Hamas called for guarantees to end the war in Gaza.", "hamas"),
    ("ar", "وطالبت حماس بضمانات دولية لإنهاء الحرب في غزة.", "hamas"),
    ("fa", "حماس خواستار تضمین‌های بین‌المللی برای پایان جنگ در غزه شد.", "hamas"),
])
def test_ending_the_war_is_diplomacy(lang: str, text: str, holder: str) -> None:
    assert {t for a, t, _ in positions(text, lang) if a == holder} == {"diplomacy"}


@pytest.mark.parametrize(("lang", "text", "holder"), [
    # passing word to both sides, or offering any role, is mediation
    ("en", "Erdogan sent messages to both sides and said Ankara was ready to play any role.",
     "recep_tayyip_erdogan"),
    ("ar", "وقال البوسعيدي إن سلطنة عمان ستنقل المقترح إلى الطرفين.", "badr_albusaidi"),
    ("fa", "بوسعیدی گفت عمان زمان دور بعد را به اطلاع طرفین می‌رساند.", "badr_albusaidi"),
])
def test_word_passed_to_both_sides_is_mediation(lang: str, text: str, holder: str) -> None:
    assert (holder, "diplomacy", "mediates") in positions(text, lang)


@pytest.mark.parametrize(("lang", "text", "kind", "who"), [
    # a post on a social platform is a statement; remarks to a broadcaster are an interview
    ("en", "Araghchi wrote on X that the next round would be decisive.", "announcement", "abbas_araghchi"),
    ("ar", "وقال ترمب في منشور على منصته إن الجولة المقبلة ستكون حاسمة.", "announcement", "donald_trump"),
    ("fa", "بقائی در پیامی در شبکه اجتماعی ایکس نوشت دور بعدی تعیین‌کننده است.", "announcement",
     "esmaeil_baghaei"),
    ("fa", "عراقچی در گفت‌وگو با شبکه الجزیره گفت دور بعدی تعیین‌کننده است.", "speech", "abbas_araghchi"),
    ("ar", "وأكد عراقجي في حديث لقناة الجزيرة أن الجولة المقبلة ستكون حاسمة.", "speech", "abbas_araghchi"),
    # a name inside the quotation did not say it
    ("en", "\u201cWitkoff and Araghchi agreed to meet again,\u201d Albusaidi said in a post on X.",
     "announcement", "badr_albusaidi"),
])
def test_posts_and_interviews_are_statements(lang: str, text: str, kind: str, who: str) -> None:
    got = [e for e in extract(text, lang).events if e.kind == kind]
    assert [e.actor_ids.split(";")[0] for e in got] == [who]


@pytest.mark.parametrize(("lang", "text"), [
    # a happening named to date another is its background
    ("en", "On the night of the Israeli attack on Iran, Rubio called Fidan."),
    ("ar", "وفي ليلة الهجوم الإسرائيلي على إيران اتصل روبيو بفيدان."),
    ("fa", "در شب حمله اسرائیل به ایران، روبیو با فیدان تماس گرفت."),
])
def test_the_night_of_an_attack_is_background(lang: str, text: str) -> None:
    assert {e.status for e in extract(text, lang).events if e.kind == "strike"} == {"background"}


@pytest.mark.parametrize(("lang", "text", "holder", "stance"), [
    # 'all options' held in reserve, and disarming a group, are matters of force
    ("en", "Baghaei warned that Tehran keeps all options open to respond.", "esmaeil_baghaei", "warns"),
    ("ar", "وحذر بقائي من أن طهران تحتفظ بجميع الخيارات للرد.", "esmaeil_baghaei", "warns"),
    ("fa", "بقائی هشدار داد که ایران همه گزینه‌ها را برای پاسخ در اختیار دارد.", "esmaeil_baghaei", "warns"),
    ("en", "Netanyahu insists on the disarmament of Hamas.", "benjamin_netanyahu", "insists"),
    ("ar", "يصر نتنياهو على نزع سلاح حماس.", "benjamin_netanyahu", "insists"),
    ("fa", "نتانیاهو بر خلع سلاح حماس اصرار دارد.", "benjamin_netanyahu", "insists"),
])
def test_options_and_disarmament_are_force(lang: str, text: str, holder: str, stance: str) -> None:
    assert (holder, "military_force", stance) in positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    # a side or delegation named by its nationality stands for its state
    ("en", "The Ukrainian side asked for direct talks between the two presidents."),
    ("ar", "طلب الجانب الأوكراني إجراء محادثات مباشرة بين الرئيسين."),
    ("fa", "طرف اوکراینی خواستار مذاکرات مستقیم میان دو رئیس‌جمهور شد."),
])
def test_a_side_named_by_its_nationality_holds_a_position(lang: str, text: str) -> None:
    assert "ukraine" in {a for a, t, _ in positions(text, lang) if t == "diplomacy"}


def test_a_word_that_only_looks_like_a_clitic_and_a_cue_is_no_cue() -> None:
    # بحثت (discussed) is not ب + حثت (urged)
    assert positions("وعقدت في إسطنبول محادثات بحثت وقف إطلاق النار وتبادل الأسرى.", "ar") == set()
    urged = positions("وحث عراقجي واشنطن على وقف إطلاق النار.", "ar")
    assert ("abbas_araghchi", "diplomacy", "demands") in urged  # a ceasefire urged is demanded


@pytest.mark.parametrize(("lang", "text"), [
    # 'the two sides' of a plan are the parties of the talks just reported
    ("en", "Araghchi and Witkoff met in Geneva on Saturday. The two sides agreed to meet again next week."),
    ("ar", "التقى عراقجي وويتكوف في جنيف يوم السبت. واتفق الطرفان على اللقاء مجددا الأسبوع المقبل."),
    ("fa", "عراقچی و ویتکاف روز شنبه در ژنو دیدار کردند. دو طرف توافق کردند هفته آینده دوباره دیدار کنند."),
])
def test_the_two_sides_of_a_plan_are_the_last_talks_parties(lang: str, text: str) -> None:
    planned = [e for e in extract(text, lang).events if e.kind == "meeting" and e.status == "planned"]
    assert [set(e.actor_ids.split(";")) for e in planned] == [{"abbas_araghchi", "steve_witkoff"}]


@pytest.mark.parametrize(("lang", "text"), [
    # the person of 'name, title of a state' said it, not the state inside the title
    ("fa", "هاکان فیدان، وزیر امور خارجه ترکیه، روز جمعه در نشست خبری گفت جنگ تمام شده است."),
    ("ar", "هاكان فيدان، وزير الخارجية التركي، قال يوم الجمعة في مؤتمر صحفي إن الحرب انتهت."),
    ("en", "Hakan Fidan, the Turkish foreign minister, said at a press conference on Friday that the war "
           "was over."),
])
def test_a_name_with_its_title_speaks_not_the_state_in_the_title(lang: str, text: str) -> None:
    speeches = [e.actor_ids.split(";")[0] for e in extract(text, lang).events if e.kind == "speech"]
    assert speeches == ["hakan_fidan"]


@pytest.mark.parametrize(("lang", "text"), [
    # announcing a change to upcoming talks is done; the talks are what is planned
    ("en", "The White House announced the move of the upcoming talks with Iran to Geneva."),
    ("ar", "وتزامنت التصريحات مع إعلان البيت الأبيض نقل المحادثات المرتقبة مع إيران إلى جنيف."),
    ("fa", "کاخ سفید انتقال مذاکرات آینده با ایران به ژنو را اعلام کرد."),
])
def test_an_announcement_about_upcoming_talks_happened(lang: str, text: str) -> None:
    assert {e.status for e in extract(text, lang).events if e.kind == "announcement"} == {"happened"}
