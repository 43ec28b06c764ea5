"""Positions on unseen wording: holders, topics and stances, one table per rule, in ar/fa/en.

Every sentence here was written for this test (none is copied from an article or a seed): each
rule was changed from a miss on the tuning half of devset/ and must hold on new wording.
"""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article
from parley.extract.records import Extraction

DAY = dt.date(2025, 5, 10)


def extract(text: str, lang: str) -> Extraction:
    return extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]


def positions(text: str, lang: str) -> set[tuple[str, str, str]]:
    return {(p.actor_id, p.topic, p.stance) for p in extract(text, lang).positions}


def pairs(text: str, lang: str) -> set[tuple[str, str]]:
    return {(p.actor_id, p.topic) for p in extract(text, lang).positions}


# A marked quote right after the speech verb is the verb's clause, even when a 'that' (أن، که)
# stands inside it: 'وأضاف "الوفود … تدرك أن …"' continues the last speaker; the words before the
# 'that' are the quote's, not a speaker slot. ('الآن', now, is no ال + أن.)
@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "قال وزير الخارجية الإيراني عباس عراقجي إن الجولة انتهت.\n"
           "وأضاف \"الوفود في العاصمة العمانية تدرك الآن أن التخصيب خط أحمر\"."),
    ("fa", "عباس عراقچی گفت که دور مذاکرات پایان یافت.\n"
           "او افزود «هیئت‌های دو طرف اکنون می‌دانند که غنی‌سازی خط قرمز است»."),
    ("en", "Abbas Araghchi said that the round was over.\n"
           "He added \"the delegations of both sides now know that enrichment is a red line\"."),
])
def test_a_quote_after_the_verb_is_its_clause(lang: str, text: str) -> None:
    assert ("abbas_araghchi", "enrichment", "insists") in positions(text, lang)
    quotes = extract(text, lang).quotes
    assert quotes and all(q.speaker_id == "abbas_araghchi" for q in quotes)


# 'Talks about the nuclear file' are nuclear talks, as 'nuclear talks' are: support for them is
# support for diplomacy. Talks about a bargaining item ('its missiles') still name that item.
# 'ready for' is 'ready to'.
@pytest.mark.parametrize(("lang", "text", "want", "not_want"), [
    ("ar", "أبدت إيران استعدادها لمفاوضات جديدة حول برنامجها النووي.",
     ("iran", "diplomacy", "supports"), ("iran", "nuclear")),
    ("fa", "ایران آمادگی خود را برای گفت‌وگو درباره برنامه هسته‌ای اعلام کرد.",
     ("iran", "diplomacy", "supports"), ("iran", "nuclear")),
    ("en", "Iran said it is ready for talks about its nuclear programme.",
     ("iran", "diplomacy", "supports"), ("iran", "nuclear")),
    ("ar", "قالت إيران إنها جاهزة للحوار بشأن ملفها النووي.",
     ("iran", "diplomacy", "supports"), ("iran", "nuclear")),
    ("fa", "ایران حاضر است درباره برنامه هسته‌ای مذاکره کند.",
     ("iran", "diplomacy", "supports"), ("iran", "nuclear")),
    ("ar", "ترفض إيران التفاوض حول برنامجها الصاروخي.",
     ("iran", "ballistic_missiles", "rejects"), ("iran", "diplomacy")),
    ("fa", "ایران مذاکره درباره برنامه موشکی را رد می‌کند.",
     ("iran", "ballistic_missiles", "rejects"), ("iran", "diplomacy")),
    ("en", "Iran refuses talks about its missile programme.",
     ("iran", "ballistic_missiles", "rejects"), ("iran", "diplomacy")),
])
def test_talks_about_the_nuclear_file_are_diplomacy(lang: str, text: str, want: tuple[str, str, str],
                                                    not_want: tuple[str, str]) -> None:
    assert want in positions(text, lang)
    assert not_want not in pairs(text, lang)


# 'nuclear enrichment', 'التخصيب النووي': 'nuclear' only qualifies the topic next to it.
@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "طالب ماركو روبيو بوقف التخصيب النووي الإيراني."),
    ("fa", "مارکو روبیو خواستار توقف غنی‌سازی هسته‌ای ایران شد."),
    ("en", "Marco Rubio demanded an end to Iran's nuclear enrichment."),
])
def test_nuclear_next_to_another_topic_qualifies_it(lang: str, text: str) -> None:
    assert pairs(text, lang) == {("marco_rubio", "enrichment"), ("usa", "enrichment")}  # Rubio's is the US's


# Topic and stance cues seen missing on unseen articles, each in three languages: the
# non-proliferation treaty is nuclear; humanitarian aid is a human-rights matter; a troop
# withdrawal is a matter of force, and demanding it stays a demand; 'maintains that' insists;
# a real chance for talks, joining talks and agreeing on them support diplomacy; a call for
# something demands it.
CUES = [
    ("en", "Germany condemned Iran for breaching its non-proliferation obligations.",
     ("germany", "nuclear", "opposes")),
    ("ar", "أدانت ألمانيا انتهاك إيران لالتزاماتها بمعاهدة عدم الانتشار.", ("germany", "nuclear", "opposes")),
    ("fa", "آلمان نقض تعهدات ایران در چارچوب ان‌پی‌تی را محکوم کرد.", ("germany", "nuclear", "opposes")),
    ("en", "Egypt demands that humanitarian aid reach Gaza.", ("egypt", "human_rights", "demands")),
    ("ar", "تطالب مصر بإدخال المساعدات الإنسانية إلى غزة.", ("egypt", "human_rights", "demands")),
    ("fa", "مصر خواستار ارسال کمک‌های بشردوستانه به غزه شد.", ("egypt", "human_rights", "demands")),
    ("en", "Hamas demands a full withdrawal of Israeli forces.", ("hamas", "military_force", "demands")),
    ("ar", "تطالب حماس بانسحاب كامل للقوات الإسرائيلية.", ("hamas", "military_force", "demands")),
    ("fa", "حماس خواستار عقب‌نشینی کامل نیروهای اسرائیلی است.", ("hamas", "military_force", "demands")),
    ("en", "Iran has long maintained that its enrichment is peaceful.", ("iran", "enrichment", "insists")),
    ("ar", "إيران تؤكد باستمرار أن التخصيب سلمي.", ("iran", "enrichment", "insists")),
    ("fa", "ایران همواره تأکید کرده که غنی‌سازی صلح‌آمیز است.", ("iran", "enrichment", "insists")),
    ("en", "Trump said there is a real chance for negotiations.", ("donald_trump", "diplomacy", "supports")),
    ("ar", "تحدث ترامب عن فرصة حقيقية لنجاح المفاوضات.", ("donald_trump", "diplomacy", "supports")),
    ("fa", "ترامپ از فرصت واقعی برای مذاکرات سخن گفت.", ("donald_trump", "diplomacy", "supports")),
    # Turkey is a mediator (actors.yaml side): joining talks, it mediates them
    ("en", "Turkey will join the talks in Cairo.", ("turkey", "diplomacy", "mediates")),
    ("ar", "ستنضم تركيا إلى المحادثات في القاهرة.", ("turkey", "diplomacy", "mediates")),
    ("fa", "ترکیه به مذاکرات قاهره خواهد پیوست.", ("turkey", "diplomacy", "mediates")),
    ("en", "Iran and Oman agreed on a new round of talks.", ("oman", "diplomacy", "supports")),
    ("ar", "اتفقت إيران وعمان على جولة جديدة من المحادثات.", ("oman", "diplomacy", "supports")),
    ("fa", "ایران و عمان درباره دور جدید مذاکرات توافق کردند.", ("oman", "diplomacy", "supports")),
    ("en", "The UN repeated its call for Iran to cooperate with the IAEA.", ("un", "nuclear", "demands")),
    ("ar", "جددت الأمم المتحدة دعوتها إلى إيران للتعاون مع الوكالة الدولية للطاقة الذرية.",
     ("un", "nuclear", "demands")),
    ("fa", "سازمان ملل دعوت به همکاری با آژانس کرد.", ("un", "nuclear", "demands")),
]


@pytest.mark.parametrize(("lang", "text", "want"), CUES)
def test_topic_and_stance_cues(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in positions(text, lang)


# A source ('diplomatic sources') or an interview ('في حوار مع', 'در گفت‌وگو با') holds a topic
# word but names no topic: only the condemnation of the strikes is a position (the spokesman's is
# Iran's too).
@pytest.mark.parametrize(("lang", "text", "holders"), [
    ("en", "Diplomatic sources said Qatar condemned the strikes.", {"qatar"}),
    ("ar", "قالت مصادر دبلوماسية إن قطر أدانت الهجمات.", {"qatar"}),
    ("fa", "به گفته منابع دیپلماتیک، قطر حملات را محکوم کرد.", {"qatar"}),
    ("en", "In an interview, Baghaei condemned the strikes.", {"esmaeil_baghaei", "iran"}),
    ("ar", "وأدان بقائي في حوار مع صحيفة محلية الهجمات.", {"esmaeil_baghaei", "iran"}),
    ("fa", "بقائی در گفت‌وگو با خبرنگاران، حملات را محکوم کرد.", {"esmaeil_baghaei", "iran"}),
])
def test_sources_and_interviews_are_no_diplomacy(lang: str, text: str, holders: set[str]) -> None:
    assert positions(text, lang) == {(h, "military_force", "opposes") for h in holders}


# An explicit demand or request of talks stays a demand; a wish for them ('seeks', 'تسعى إلى',
# 'به دنبال') still supports them.
@pytest.mark.parametrize(("lang", "text", "stance"), [
    ("ar", "طلبت أوكرانيا عقد اجتماع بين الرئيسين.", "demands"),
    ("fa", "اوکراین خواستار دیدار دو رئیس‌جمهور شد.", "demands"),
    ("en", "Ukraine requested a meeting of the two presidents.", "demands"),
    ("ar", "أوكرانيا تسعى إلى عقد اجتماع بين الرئيسين.", "supports"),
    ("fa", "اوکراین به دنبال دیدار دو رئیس‌جمهور است.", "supports"),
    ("en", "Ukraine seeks a meeting of the two presidents.", "supports"),
])
def test_requesting_talks_demands_them_wishing_supports(lang: str, text: str, stance: str) -> None:
    assert positions(text, lang) == {("ukraine", "diplomacy", stance)}


# Inside a quote, an Arabic verb's own subject right after it holds the position, not the speaker
# ('«طالب الجانب الأوكراني …»'); Persian and English name it before the verb.
@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "وقال ميدينسكي: «طالب الجانب الأوكراني بوقف إطلاق النار فورا»."),
    ("fa", "مدینسکی گفت: «طرف اوکراینی خواستار آتش‌بس فوری شد»."),
    ("en", "Medinsky said: \"The Ukrainian side requested an immediate ceasefire.\""),
])
def test_a_quoted_subject_holds_the_position_not_the_speaker(lang: str, text: str) -> None:
    assert positions(text, lang) == {("ukraine", "diplomacy", "demands")}


# More frames, each in three languages: setting a condition ('اشترطت', 'شرط گذاشت',
# 'conditioned') is conditional; an aim ('بهدف', 'با هدف', 'with the aim of') demands what it
# names; a door to talks that stays open, and looking forward to a meeting, support talks; not
# backing away from something insists on it.
FRAMES = [
    ("ar", "اشترطت إسرائيل وقف الهجمات الصاروخية.", ("israel", "military_force", "conditional")),
    ("fa", "اسرائیل توقف حملات موشکی را شرط گذاشت.", ("israel", "military_force", "conditional")),
    ("en", "Israel conditioned the truce on an end to rocket attacks.",
     ("israel", "military_force", "conditional")),
    ("ar", "كثفت قطر اتصالاتها بهدف التوصل إلى اتفاق يحد من البرنامج النووي الإيراني.",
     ("qatar", "nuclear", "demands")),
    ("fa", "قطر تماس‌های خود را با هدف محدود کردن برنامه هسته‌ای ایران افزایش داد.",
     ("qatar", "nuclear", "demands")),
    ("en", "Qatar stepped up contacts with the aim of limiting Iran's nuclear programme.",
     ("qatar", "nuclear", "demands")),
    ("ar", "قال بزشكيان إن باب الدبلوماسية لا يزال مفتوحا.", ("masoud_pezeshkian", "diplomacy", "supports")),
    ("fa", "پزشکیان گفت در دیپلماسی همچنان باز است.", ("masoud_pezeshkian", "diplomacy", "supports")),
    ("en", "Pezeshkian said the door to diplomacy remains open.",
     ("masoud_pezeshkian", "diplomacy", "supports")),
    ("ar", "تتطلع عمان إلى الاجتماع المقبل.", ("oman", "diplomacy", "supports")),
    ("fa", "عمان مشتاقانه منتظر دیدار بعدی است.", ("oman", "diplomacy", "supports")),
    ("en", "Oman looks forward to the next meeting.", ("oman", "diplomacy", "supports")),
    ("ar", "قالت إيران إنها لن تتراجع عن التخصيب.", ("iran", "enrichment", "insists")),
    ("fa", "ایران از غنی‌سازی عقب‌نشینی نمی‌کند.", ("iran", "enrichment", "insists")),
    ("en", "Iran will not back down from its demand for enrichment.", ("iran", "enrichment", "insists")),
]


@pytest.mark.parametrize(("lang", "text", "want"), FRAMES)
def test_conditions_aims_open_doors_and_not_backing_down(lang: str, text: str,
                                                         want: tuple[str, str, str]) -> None:
    assert want in positions(text, lang)


# 'غير' / 'عدم' negate only the word right after them: 'indirect contacts with the aim of …' still
# aims; 'غير مستعدة' (not ready) is still negated.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("ar", "أجرت عمان اتصالات غير مباشرة بهدف استئناف المفاوضات.", {("oman", "diplomacy", "supports")}),
    ("fa", "عمان تماس‌های غیر مستقیم را با هدف ازسرگیری مذاکرات انجام داد.",
     {("oman", "diplomacy", "supports")}),
    ("en", "Oman held indirect contacts with the aim of resuming negotiations.",
     {("oman", "diplomacy", "supports")}),
    ("ar", "إيران غير مستعدة للتفاوض.", {("iran", "diplomacy", "opposes")}),
])
def test_a_word_negator_negates_only_the_next_word(lang: str, text: str,
                                                   want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


# 'between the two sides (Israel and Hamas)': the names in brackets are the parties, not mediators.
@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "تجري مفاوضات غير مباشرة بين الطرفين (إسرائيل وحماس) في الدوحة."),
    ("fa", "مذاکرات غیرمستقیم بین دو طرف (اسرائیل و حماس) در دوحه برگزار می‌شود."),
    ("en", "Indirect talks between the two sides (Israel and Hamas) are held in Doha."),
])
def test_the_parties_in_brackets_are_no_mediators(lang: str, text: str) -> None:
    assert not {p for p in positions(text, lang) if p[2] == "mediates"}


# Whose demand: English names the holder of a noun cue in a possessive before it ('Israel's
# demand', 'Hamas' refusal'), Arabic and Persian in the genitive right after it ('مطالبة إسرائيل',
# 'درخواست اسرائیل'); a predicative judgement after it ('unacceptable', 'غير مقبولة') is the
# sentence subject's, about the same topic, and no object of the demand.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hamas officials called Israel's demand for disarmament unacceptable."),
    ("ar", "وصف مسؤولو حماس مطالبة إسرائيل بنزع السلاح بأنها غير مقبولة."),
    ("fa", "مقامات حماس درخواست اسرائیل برای خلع سلاح را غیرقابل قبول خواندند."),
])
def test_whose_demand_and_who_judges_it(lang: str, text: str) -> None:
    assert positions(text, lang) == {("israel", "military_force", "demands"),
                                     ("hamas", "military_force", "rejects")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Talks stalled over Hamas' continued refusal to disarm."),
    ("ar", "تعثرت المحادثات بسبب رفض حماس المستمر نزع سلاحها."),
    ("fa", "مذاکرات به دلیل امتناع حماس از خلع سلاح متوقف شد."),
])
def test_a_refusal_is_its_owners(lang: str, text: str) -> None:
    assert positions(text, lang) == {("hamas", "military_force", "rejects")}


# 'In the view of' (بالنسبة ل، از نظر) names who holds a judgement.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("ar", "وقف إيران التعاون مع الوكالة الدولية للطاقة الذرية خطوة \"غير مقبولة\" بالنسبة لواشنطن.",
     ("usa", "nuclear", "rejects")),
    ("ar", "التخصيب غير مقبول بالنسبة لإسرائيل.", ("israel", "enrichment", "rejects")),
    ("fa", "تعلیق همکاری با آژانس از نظر واشنگتن غیرقابل قبول است.", ("usa", "nuclear", "rejects")),
    ("en", "Suspending cooperation with the IAEA is unacceptable in the view of Washington.",
     ("usa", "nuclear", "rejects")),
])
def test_in_the_view_of_names_the_holder(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert positions(text, lang) == {want}


# English: a sentence opening with 'Their/Its' continues the last sentence's subject, and a state
# right before 'mediators' qualifies them ('US mediators'), holding nothing else.
def test_their_proposal_is_the_last_subjects() -> None:
    text = ("Hamas delegates left Doha on Sunday.\n"
            "Their plan, shown to Egyptian and US mediators, calls for a permanent ceasefire.")
    got = positions(text, "en")
    assert ("hamas", "diplomacy", "demands") in got
    assert not {p for p in got if p[0] == "usa" and p[2] != "mediates"}


# A reason given for a stance (citing, بسبب، به دلیل) is no topic of it, before or after the verb.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Iran suspended cooperation with the IAEA, citing the Israeli strikes."),
    ("ar", "رفضت إيران التعاون مع الوكالة الدولية للطاقة الذرية بسبب الضربات الإسرائيلية."),
    ("fa", "ایران همکاری با آژانس را به دلیل حملات اسرائیل تعلیق کرد."),
])
def test_a_reason_is_no_topic(lang: str, text: str) -> None:
    assert pairs(text, lang) == {("iran", "nuclear")}


# Mediators spoken to ('a positive answer to the mediators on …') do not end what the cue governs.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hamas said it gave a positive answer to the mediators on the ceasefire plan."),
    ("ar", "قالت حماس إنها قدمت ردا إيجابيا إلى الوسطاء بشأن مقترح وقف إطلاق النار."),
    ("fa", "حماس اعلام کرد که پاسخ مثبتی به میانجی‌ها درباره طرح آتش‌بس داده است."),
])
def test_mediators_spoken_to_do_not_end_the_frame(lang: str, text: str) -> None:
    assert positions(text, lang) == {("hamas", "diplomacy", "supports")}


# English clause syntax (Arabic and Persian mark these with their own words, tested above):
# ', however,' is a parenthesis, not a new clause; a verb after a comma ('…, demands …, and
# seeks …') is the subject's again once a 'that' clause has ended; an English subject stands before
# its verb, not after it; a reduced relative at the end ('a condition Hamas has rejected') has
# its object before it.
@pytest.mark.parametrize(("text", "want"), [
    ("Netanyahu's office, however, dismissed the ceasefire proposal.",
     {("benjamin_netanyahu", "diplomacy", "rejects"), ("israel", "diplomacy", "rejects")}),
    ("Hamas insists that the UN run aid deliveries, demands a full withdrawal of Israeli forces, "
     "and seeks a truce.",
     {("hamas", "military_force", "demands"), ("hamas", "diplomacy", "demands")}),
    ("Israel wants the disarmament of Hamas, a condition Hamas has rejected.",
     {("israel", "military_force", "demands"), ("hamas", "military_force", "rejects")}),
    ("Rubio called for the dismantling of Iran's enrichment programme, demands Tehran has dismissed.",
     {("marco_rubio", "enrichment", "demands"), ("iran", "enrichment", "rejects")}),
])
def test_english_clause_frames(text: str, want: set[tuple[str, str, str]]) -> None:
    assert want <= positions(text, "en")
    assert not {p for p in positions(text, "en") if p[0] in ("un", "israel") and p not in want}


# English speech set off by a dash and attributed at its end ('… - said Medinsky.', '… - Umerov
# said.') is the named speaker's; Arabic and Persian name the speaker before the speech.
@pytest.mark.parametrize(("text", "who"), [
    ("Talks ended in Istanbul.\nOn the whole we are satisfied and ready to continue contacts - said "
     "Medinsky.", "vladimir_medinsky"),
    ("We are preparing a meeting of the leaders and are ready to continue talks - Umerov said.",
     "rustem_umerov"),
])
def test_a_dash_attribution_names_the_speaker(text: str, who: str) -> None:
    assert (who, "diplomacy", "supports") in positions(text, "en")
    assert any(q.speaker_id == who for q in extract(text, "en").quotes)


# A ministry or parliament speaks for its state too; a movement based in a country does not.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("ar", "رفضت وزارة الخارجية الإيرانية المفاوضات المباشرة.",
     {("iran_foreign_ministry", "diplomacy", "rejects"), ("iran", "diplomacy", "rejects")}),
    ("fa", "وزارت امور خارجه ایران مذاکره مستقیم را رد کرد.",
     {("iran_foreign_ministry", "diplomacy", "rejects"), ("iran", "diplomacy", "rejects")}),
    ("en", "Iran's Foreign Ministry rejected direct talks.",
     {("iran_foreign_ministry", "diplomacy", "rejects"), ("iran", "diplomacy", "rejects")}),
    ("en", "Hamas rejected the truce.", {("hamas", "diplomacy", "rejects")}),
])
def test_a_state_institution_speaks_for_its_state(lang: str, text: str,
                                                  want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


# A speech verb that is itself the stance cue ('… and warned Washington that …') keeps the subject
# before it, and what it governs starts at its 'that' (أن، که), however long its object.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Fighting resumed on Monday while Iran fired drones at Israel and warned Washington that its "
           "forces have a free hand to attack American bases."),
    ("ar", "استؤنف القتال الاثنين بينما أطلقت إيران مسيرات على إسرائيل وحذرت واشنطن من أن لقواتها يدا "
           "طليقة لمهاجمة القواعد الأمريكية."),
    ("fa", "درگیری‌ها دوشنبه از سر گرفته شد در حالی که ایران پهپادهایی به سوی اسرائیل شلیک کرد و به "
           "واشنگتن هشدار داد که نیروهایش برای حمله به پایگاه‌های آمریکا دست باز دارند."),
])
def test_a_warning_verb_keeps_its_subject(lang: str, text: str) -> None:
    assert ("iran", "military_force", "warns") in positions(text, lang)


# Talks that were serious are supported by the one who says so; the partner named after 'with'
# (مع، با) holds nothing; an English possessive before a title ('Iran's Foreign Minister X')
# only qualifies the person.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Abbas Araghchi said the talks with Washington were serious.",
     {("abbas_araghchi", "diplomacy", "supports"), ("iran", "diplomacy", "supports")}),
    ("ar", "قال عباس عراقجي إن المحادثات مع واشنطن كانت جادة.",
     {("abbas_araghchi", "diplomacy", "supports"), ("iran", "diplomacy", "supports")}),
    ("fa", "عباس عراقچی گفت مذاکرات با واشنگتن جدی بود.",
     {("abbas_araghchi", "diplomacy", "supports"), ("iran", "diplomacy", "supports")}),
    ("en", "Iran's Foreign Minister Abbas Araghchi on Sunday insisted that enrichment will continue.",
     {("abbas_araghchi", "enrichment", "insists"), ("iran", "enrichment", "insists")}),
])
def test_serious_talks_partners_and_possessive_titles(lang: str, text: str,
                                                      want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


# A cue word inside a name ('the Rapid Support Forces') states nothing; a movement of the 'other'
# side does not speak for its country either.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Rapid Support Forces rejected the truce."),
    ("ar", "رفضت قوات الدعم السريع الهدنة."),
    ("fa", "نیروهای پشتیبانی سریع آتش‌بس را رد کردند."),
])
def test_a_cue_inside_a_name_is_no_cue(lang: str, text: str) -> None:
    assert positions(text, lang) == {("rsf", "diplomacy", "rejects")}


# A deal called possible on a condition is conditional support; vowing to go on fighting insists on
# force; two names side by side without 'and' (verb, subject, object) are no coordination.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("ar", "قال عراقجي إن الاتفاق ممكن إذا التزمت واشنطن بتعهداتها.",
     {("abbas_araghchi", "diplomacy", "conditional"), ("iran", "diplomacy", "conditional")}),
    ("fa", "عراقچی گفت توافق امکان‌پذیر است اگر واشنگتن به تعهداتش پایبند باشد.",
     {("abbas_araghchi", "diplomacy", "conditional"), ("iran", "diplomacy", "conditional")}),
    ("en", "Araghchi said a deal is possible if Washington keeps its commitments.",
     {("abbas_araghchi", "diplomacy", "conditional"), ("iran", "diplomacy", "conditional")}),
    ("en", "The Sudanese army vowed to continue fighting the rebels.",
     {("saf", "military_force", "insists")}),
    ("ar", "تعهد الجيش السوداني بمواصلة القتال.", {("saf", "military_force", "insists")}),
    ("fa", "ارتش سودان متعهد شد به جنگیدن ادامه دهد.", {("saf", "military_force", "insists")}),
    ("ar", "اتهمت أوكرانيا الجانب الروسي بتقديم مطالب جديدة وصفتها بغير المقبولة لسحب القوات.",
     {("ukraine", "military_force", "rejects")}),
])
def test_possible_deals_vows_and_side_by_side_names(lang: str, text: str,
                                                    want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


# Agreeing to something unnamed 'so long as' something holds makes that condition the topic.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Israel agreed to it so long as Iran launches no new attacks."),
    ("ar", "وافقت إسرائيل على ذلك طالما لم تشن إيران هجمات جديدة."),
    ("fa", "اسرائیل با آن موافقت کرد تا زمانی که ایران حمله جدیدی انجام ندهد."),
])
def test_agreeing_on_a_condition_is_conditional_on_it(lang: str, text: str) -> None:
    assert positions(text, lang) == {("israel", "military_force", "conditional")}


# Persian plural and indefinite forms of a topic word ('حملاتی', 'تلافی‌جویانه') keep a long list
# of demands together, up to its last item.
def test_a_persian_list_of_demands_reaches_its_last_item() -> None:
    text = ("عباس عراقچی شروط ایران را اعلام کرد.\n"
            "وی گفت که آمریکا باید خسارات حملات را جبران کند، تضمین دهد که چنین حملاتی تکرار نخواهد شد "
            "و حق ایران برای غنی‌سازی را بپذیرد.")
    assert ("abbas_araghchi", "enrichment", "demands") in positions(text, "fa")


SNAPBACK = {("uk", "sanctions", "supports"), ("france", "sanctions", "supports"),
            ("germany", "sanctions", "supports")}


# Acts that are positions: triggering the snapback supports sanctions; signing an agreement supports
# it (a state and a movement joined by 'and' sign together); signing a law that suspends something
# suspends it, not supports it.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Britain, France and Germany triggered the snapback mechanism.",
     SNAPBACK),
    ("ar", "أعلنت بريطانيا وفرنسا وألمانيا تفعيل آلية الزناد.",
     SNAPBACK),
    ("fa", "بریتانیا، فرانسه و آلمان مکانیسم ماشه را فعال کردند.",
     SNAPBACK),
    ("en", "Hamas and Israel signed the ceasefire agreement in Cairo.",
     {("hamas", "diplomacy", "supports"), ("israel", "diplomacy", "supports")}),
    ("ar", "حماس وإسرائيل وقعتا على اتفاق وقف إطلاق النار في القاهرة.",
     {("hamas", "diplomacy", "supports"), ("israel", "diplomacy", "supports")}),
    ("fa", "حماس و اسرائیل توافق آتش‌بس را در قاهره امضا کردند.",
     {("hamas", "diplomacy", "supports"), ("israel", "diplomacy", "supports")}),
    ("en", "Pezeshkian signed a law suspending cooperation with the IAEA.",
     {("masoud_pezeshkian", "nuclear", "rejects"), ("iran", "nuclear", "rejects")}),
    ("ar", "وقع بزشكيان على قانون يرفض التعاون مع الوكالة الدولية للطاقة الذرية.",
     {("masoud_pezeshkian", "nuclear", "rejects"), ("iran", "nuclear", "rejects")}),
    ("fa", "پزشکیان قانون تعلیق همکاری با آژانس را امضا کرد.",
     {("masoud_pezeshkian", "nuclear", "rejects"), ("iran", "nuclear", "rejects")}),
])
def test_triggering_and_signing(lang: str, text: str, want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


# Willingness (تمایل، رغبة) supports; an Arabic masculine verb's state right after it is its
# object (states take feminine verbs: 'تطالب إيران'); welcoming another's readiness is the
# welcomer's support.
@pytest.mark.parametrize(("lang", "text", "want", "not_holder"), [
    ("fa", "ایران تمایل خود به گفت‌وگو با آمریکا را اعلام کرد.", ("iran", "diplomacy", "supports"), "usa"),
    ("ar", "أبدت إيران رغبة في الحوار مع الولايات المتحدة.", ("iran", "diplomacy", "supports"), "usa"),
    ("en", "Iran expressed its willingness to hold talks with the United States.",
     ("iran", "diplomacy", "supports"), "usa"),
    ("ar", "أصدر مجلس الأمن قرارا يطالب إيران بوقف التخصيب.", ("unsc", "enrichment", "demands"), "iran"),
    ("ar", "تطالب إيران بوقف العقوبات.", ("iran", "sanctions", "demands"), "unsc"),
    ("en", "Netanyahu welcomed Egypt's willingness to advance a deal.",
     ("benjamin_netanyahu", "diplomacy", "supports"), "egypt"),
    ("ar", "رحب نتنياهو باستعداد مصر للتوصل إلى اتفاق.",
     ("benjamin_netanyahu", "diplomacy", "supports"), "egypt"),
    ("fa", "نتانیاهو از آمادگی مصر برای توافق استقبال کرد.",
     ("benjamin_netanyahu", "diplomacy", "supports"), "usa"),
])
def test_willingness_object_states_and_welcomes(lang: str, text: str, want: tuple[str, str, str],
                                                not_holder: str) -> None:
    got = positions(text, lang)
    assert want in got
    assert not {p for p in got if p[0] == not_holder}


# A cue that names no other topic but governs the place where talks are to be held is about the
# venue ('agreed to hold the next round in Muscat'); agreeing to talks there is about the talks.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("ar", "وافقت طهران على عقد الجولة المقبلة يوم الأحد في مسقط.", {("iran", "venue", "supports")}),
    ("fa", "تهران موافقت کرد که دور بعدی یکشنبه در مسقط برگزار شود.", {("iran", "venue", "supports")}),
    ("en", "Tehran agreed to hold the next round on Sunday in Muscat.", {("iran", "venue", "supports")}),
    ("en", "Tehran agreed to talks in Muscat.", {("iran", "diplomacy", "supports")}),
])
def test_agreeing_to_a_place_is_about_the_venue(lang: str, text: str,
                                                want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


# 'Between' (بين، میان) names the parties of a deal, not who speaks of it; a deal that is close
# is supported; an aim demands; preparing a meeting supports it.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("fa", "ترامپ گفت توافق آتش‌بس میان روسیه و اوکراین در حال نزدیک شدن است.",
     {("donald_trump", "diplomacy", "supports"), ("usa", "diplomacy", "supports")}),
    ("ar", "قال ترامب إن اتفاق وقف إطلاق النار بين روسيا وأوكرانيا بات قريبا.",
     {("donald_trump", "diplomacy", "supports"), ("usa", "diplomacy", "supports")}),
    ("en", "Trump said a ceasefire deal between Russia and Ukraine is close.",
     {("donald_trump", "diplomacy", "supports"), ("usa", "diplomacy", "supports")}),
    ("en", "Israel has said its aim is to destroy Iran's nuclear programme.",
     {("israel", "nuclear", "demands")}),
    ("ar", "قالت إسرائيل إنها تهدف إلى تدمير البرنامج النووي الإيراني.", {("israel", "nuclear", "demands")}),
    ("fa", "اسرائیل اعلام کرد هدفش نابودی برنامه هسته‌ای ایران است.", {("israel", "nuclear", "demands")}),
])
def test_between_parties_close_deals_and_aims(lang: str, text: str,
                                             want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Umerov said Ukraine is preparing a meeting of the two presidents."),
    ("ar", "قال عمروف إن أوكرانيا يجري التحضير لاجتماع بين الرئيسين."),
    ("fa", "عمروف گفت اوکراین در حال آماده‌سازی دیدار دو رئیس‌جمهور است."),
])
def test_preparing_a_meeting_supports_it(lang: str, text: str) -> None:
    assert ("ukraine", "diplomacy", "supports") in positions(text, lang)


# A dash attribution at the end of a paragraph ('… - Umerov said.') names the speaker of all of it.
def test_a_dash_attribution_covers_its_paragraph() -> None:
    text = ("We are preparing a meeting of the two presidents. We also discussed a prisoner exchange. "
            "We will say more soon - Umerov said.")
    assert ("rustem_umerov", "diplomacy", "supports") in positions(text, "en")


# Talks wanted are supported; an outcome sought or called for (a ceasefire, a deal, the end of the
# war) is demanded.
@pytest.mark.parametrize(("lang", "text", "stance"), [
    ("en", "Qatar calls for new talks.", "supports"),
    ("en", "Qatar calls for an immediate ceasefire.", "demands"),
    ("ar", "قطر تدعو إلى استئناف المحادثات.", "supports"),
    ("ar", "قطر تدعو إلى وقف إطلاق النار فورا.", "demands"),
    ("fa", "قطر به دنبال از سرگیری مذاکرات است.", "supports"),
    ("fa", "قطر به دنبال آتش‌بس فوری است.", "demands"),
])
def test_talks_wanted_are_supported_outcomes_sought_demanded(lang: str, text: str, stance: str) -> None:
    assert positions(text, lang) == {("qatar", "diplomacy", stance)}


ABDELATTY_MEDIATES = ("badr_abdelatty", "diplomacy", "mediates")
EGYPT_MEDIATES = ("egypt", "diplomacy", "mediates")  # Egypt's foreign minister speaks for Egypt


# Meeting 'other mediators' makes the subject a mediator too; handing a reply 'to the mediators'
# does not.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Badr Abdelatty flew to Doha to meet other mediators.",
     {ABDELATTY_MEDIATES, EGYPT_MEDIATES}),
    ("ar", "توجه بدر عبد العاطي إلى الدوحة للقاء وسطاء آخرين.", {ABDELATTY_MEDIATES, EGYPT_MEDIATES}),
    ("fa", "بدر عبدالعاطی برای دیدار با سایر میانجی‌ها به دوحه رفت.",
     {ABDELATTY_MEDIATES, EGYPT_MEDIATES}),
    ("en", "Hamas handed its reply to the mediators.", set()),
])
def test_other_mediators(lang: str, text: str, want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want


QATAR_MEDIATES = ("qatar", "diplomacy", "mediates")


# A city that a relative clause with a mediation cue describes stands for its state; a city that
# merely hosts a round does not mediate.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("ar", "عقدت الجولة في الدوحة التي تقود منذ أشهر جهود الوساطة.", {QATAR_MEDIATES}),
    ("en", "The round was held in Doha, which has led the mediation for months.", {QATAR_MEDIATES}),
    ("fa", "دوحه که ماه‌هاست میانجی‌گری را بر عهده دارد، دور تازه مذاکرات را برگزار کرد.", {QATAR_MEDIATES}),
    ("ar", "روما تستضيف الجولة الثانية من المحادثات.", set()),
])
def test_a_mediating_city_stands_for_its_state(lang: str, text: str,
                                               want: set[tuple[str, str, str]]) -> None:
    assert positions(text, lang) == want
