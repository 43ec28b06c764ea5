"""Positions on unseen wording, second round: frames read from the tuning half's newest articles.

Every sentence here was written for this test (none is copied from an article or a seed). Each
table is one frame, in Arabic, Persian and English.
"""

from __future__ import annotations

import datetime as dt

import pytest
from position_rows import DAY, pairs, positions

from parley.extract.pipeline import article_from_text, extract_article


# Having no plan or intention to do something turns it down: 'no plans to', 'لا نية لديها',
# Persian 'قصد … ندارد' / 'برنامه‌ای برای … ندارد' (a noun of intent negated by 'have not').
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Russia has no plans to hold talks with Kyiv before winter.",
     {("russia", "diplomacy", "rejects")}),
    ("en", "Russia does not plan to resume the negotiations next week.",
     {("russia", "diplomacy", "rejects")}),
    ("ar", "قال مسؤول إن روسيا لا نية لديها لاستئناف المفاوضات قبل الشتاء.",
     {("russia", "diplomacy", "rejects")}),
    ("ar", "أعلنت روسيا أنها ليست لديها خطط لعقد جولة أخرى من المحادثات.",
     {("russia", "diplomacy", "rejects")}),
    ("fa", "روسیه فعلا قصد مذاکره با اوکراین را ندارد.",
     {("russia", "diplomacy", "opposes")}),
    ("fa", "روسیه برنامه‌ای برای ازسرگیری گفت‌وگوها ندارد.",
     {("russia", "diplomacy", "opposes")}),
])
def test_no_plan_or_intention_turns_it_down(lang: str, text: str, want: set[tuple[str, str, str]]) -> None:
    got = positions(text, lang)
    assert want <= got
    assert not any(s == "supports" for _, _, s in got)


# 'Have not' negates a noun of intent, not every cue before it: three states that have no
# authority to trigger the snapback are not said to oppose it.
def test_have_not_negates_only_a_noun_of_intent() -> None:
    text = "سخنگوی وزارت خارجه گفت سه کشور اروپایی هیچ صلاحیتی برای فعال‌سازی مکانیسم ماشه ندارند."
    assert ("e3", "sanctions", "opposes") not in positions(text, "fa")


# Denying someone a weapon is the speaker's opposition ('X can't have', 'لن تمتلك', 'نباید … داشته
# باشد'): the one denied holds nothing. Preventing something opposes it; not allowing it too.
@pytest.mark.parametrize(("lang", "text", "holder", "topic", "not_holder"), [
    ("en", "\"Tehran can't have an atomic bomb, full stop,\" Rubio said.", "marco_rubio", "nuclear", "iran"),
    ("ar", "قال روبيو إن طهران لن تمتلك قنبلة نووية في أي وقت.", "marco_rubio", "nuclear", "iran"),
    ("fa", "روبیو گفت تهران هرگز نباید بمب اتمی داشته باشد.", "marco_rubio", "nuclear", "iran"),
    ("en", "Kallas said the bloc would work to prevent any new strikes on the region.", "kaja_kallas",
     "military_force", None),
    ("ar", "قالت قطر إنها ستعمل مع الوسطاء للحيلولة دون الهجمات على المدنيين.", "qatar", "military_force",
     None),
    ("fa", "عراقچی گفت ایران با روسیه رایزنی می‌کند تا از بازگشت تحریم‌ها جلوگیری کند.", "abbas_araghchi",
     "sanctions", None),
    ("en", "Israel will not allow the missile programme to be rebuilt, Netanyahu said.", "israel",
     "ballistic_missiles", None),
])
def test_denying_and_preventing_oppose(lang: str, text: str, holder: str, topic: str,
                                       not_holder: str | None) -> None:
    got = positions(text, lang)
    assert (holder, topic, "opposes") in got
    if not_holder is not None:
        assert not any(a == not_holder for a, _, _ in got)


# The one told holds nothing of what is told: 'told Washington', 'أبلغ … واشنطن' (Arabic: the
# subject right after the verb, the addressee after it).
@pytest.mark.parametrize(("lang", "text", "want", "not_holder"), [
    ("en", "Qatar told Washington that Hamas must not be disarmed by force.", ("qatar", "military_force"),
     "usa"),
    ("ar", "أبلغت قطر واشنطن أن إسرائيل يجب ألا تشن هجمات جديدة على غزة.", ("qatar", "military_force"),
     "usa"),
    ("ar", "أبلغ مسؤولون قطريون واشنطن أن الوسطاء يجب ألا يتخلوا عن الحوار.", None, "usa"),
])
def test_the_one_told_holds_nothing(lang: str, text: str, want: tuple[str, str] | None,
                                    not_holder: str) -> None:
    got = pairs(text, lang)
    if want is not None:
        assert want in got
    assert not any(a == not_holder for a, _ in got)


# A judgement against something ('illegal', 'غير مبرر', 'نامسئولانه') is the speaker's, never that of
# an actor named in what is judged ('the Board's resolution', 'اقدام … آمریکا').
@pytest.mark.parametrize(("lang", "text", "holder", "topic", "judged"), [
    ("ar", "أكدت الخارجية الروسية أن بيان الوكالة الدولية للطاقة الذرية بشأن الملف النووي غير مبرر.",
     "russia", "nuclear", "iaea"),
    ("en", "Russia said the IAEA statement on the nuclear file was irresponsible.",
     "russia", "nuclear", "iaea"),
    ("fa", "زاخارووا گفت: بیانیه آژانس درباره پرونده هسته‌ای کاملا نامسئولانه است.",
     "maria_zakharova", "nuclear", "iaea"),
])
def test_a_judgement_is_the_speakers(lang: str, text: str, holder: str, topic: str, judged: str) -> None:
    got = positions(text, lang)
    assert any(a == holder and t == topic and s in ("opposes", "rejects") for a, t, s in got)
    assert not any(a == judged for a, _, _ in got)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Zakharova said Kyiv's new proposal on a ceasefire was constructive."),
    ("ar", "قالت زاخاروفا إن ورقة كييف الجديدة بشأن وقف إطلاق النار كانت بناءة."),
    ("fa", "زاخارووا گفت پیشنهاد تازه کی‌یف درباره آتش‌بس سازنده بود."),
])
def test_a_favourable_judgement_is_the_speakers_too(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("maria_zakharova", "diplomacy", "supports") in got
    assert not any(a == "ukraine" for a, _, _ in got)


# Signatories of an agreement support it; the host or witness of the signing does not become a
# holder ('at the White House', 'in the presence of Trump', 'بحضور', 'با حضور'). Peace (an
# agreement, a framework, السلام، صلح) is diplomacy.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Russia and Ukraine signed a peace framework at the White House in the presence of Donald Trump."),
    ("ar", "وقعت روسيا وأوكرانيا اتفاقية السلام في البيت الأبيض بحضور الرئيس دونالد ترامب."),
    ("fa", "روسیه و اوکراین در کاخ سفید با حضور دونالد ترامپ پیمان صلح را امضا کردند."),
])
def test_signatories_support_the_deal_and_the_witness_holds_nothing(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert {("russia", "diplomacy", "supports"), ("ukraine", "diplomacy", "supports")} <= got
    assert not any(a in ("white_house", "donald_trump", "usa") for a, _, _ in got)


# Arabic وقع also says that something happened ('وقع هجوم'): as a signing it takes only a deal.
def test_an_attack_that_happened_is_no_signing() -> None:
    got = positions("وقع هجوم على قاعدة روسية قرب خاركيف أمس.", "ar")
    assert not any(t == "military_force" for _, t, _ in got)


# Taking part in talks, resuming them and sending a delegation to them support them; a delegation
# sent with no talks word is about talks too.
@pytest.mark.parametrize(("lang", "text", "holder"), [
    ("en", "Hamas sent a delegation to Cairo on Monday.", "hamas"),
    ("en", "Ukraine will take part in the new round of talks in Geneva.", "ukraine"),
    ("ar", "أرسلت حماس وفدا إلى القاهرة يوم الاثنين.", "hamas"),
    ("ar", "قالت أوكرانيا إنها ستشارك في الجولة الجديدة من المفاوضات في جنيف.", "ukraine"),
    ("fa", "حماس روز دوشنبه هیئتی را به قاهره اعزام کرد.", "hamas"),
    ("fa", "اوکراین در دور تازه مذاکرات در ژنو شرکت خواهد کرد.", "ukraine"),
    ("en", "Qatar and Egypt hope to resume the truce talks this week.", "qatar"),
    ("ar", "تسعى قطر لاستئناف محادثات الهدنة هذا الأسبوع.", "qatar"),
    ("fa", "قطر خواهان ازسرگیری مذاکرات آتش‌بس در این هفته است.", "qatar"),
])
def test_taking_part_and_sending_a_delegation_support_talks(lang: str, text: str, holder: str) -> None:
    assert (holder, "diplomacy", "supports") in positions(text, lang)


# 'Mediation efforts by X' names X as the mediator, as 'mediation by X' does; a Persian or Arabic
# mediation noun names its mediators in the genitive, an adjective ('مشترک') between.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Diplomats credited the joint mediation efforts by Qatar and Egypt for the pause."),
    ("ar", "قالت مصادر إن وساطة مشتركة قطرية ومصرية أفضت إلى التهدئة."),
    ("fa", "دیپلمات‌ها توقف درگیری‌ها را حاصل میانجیگری مشترک قطر و مصر دانستند."),
])
def test_mediation_efforts_by_name_the_mediators(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert {("qatar", "diplomacy", "mediates"), ("egypt", "diplomacy", "mediates")} <= got


# Arabic 'دعا' with its subject between it and 'إلى' still calls for what follows.
@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "ودعا وزير الخارجية التركي هاكان فيدان إلى وقف إطلاق النار في السودان."),
    ("fa", "هاکان فیدان وزیر خارجه ترکیه خواستار آتش‌بس در سودان شد."),
    ("en", "Turkish Foreign Minister Hakan Fidan called for a ceasefire in Sudan."),
])
def test_a_call_with_its_subject_inside(lang: str, text: str) -> None:
    assert ("hakan_fidan", "diplomacy", "demands") in positions(text, lang)


# 'In addition to' (بالإضافة إلى، علاوه بر) is no 'adding' speech verb and no cue: the list of a
# delegation's members does not open a new clause with a member as the holder.
@pytest.mark.parametrize(("lang", "text", "holder", "member"), [
    ("ar", "توجه عراقجي إلى مسقط مع نائبه، بالإضافة إلى المتحدث إسماعيل بقائي، للمشاركة في المحادثات.",
     "abbas_araghchi", "esmaeil_baghaei"),
    ("en", "Araghchi flew to Muscat with his deputy, in addition to spokesman Esmaeil Baghaei, to take part "
           "in the talks.", "abbas_araghchi", "esmaeil_baghaei"),
    ("fa", "عراقچی علاوه بر معاون خود و اسماعیل بقائی برای شرکت در مذاکرات به مسقط رفت.",
     "abbas_araghchi", "esmaeil_baghaei"),
])
def test_in_addition_to_is_no_new_clause(lang: str, text: str, holder: str, member: str) -> None:
    got = pairs(text, lang)
    assert (holder, "diplomacy") in got
    assert (member, "diplomacy") not in got


# A quote opened with a straight mark and closed with a curly one is one quote; a speaker named
# with a long title right after a quote ('“…,” Iranian Foreign Ministry spokesman Esmaeil Baghaei
# told …', Persian '«…»، سخنگوی … اسماعیل بقائی به خبرنگاران گفت') is its speaker, and a position
# inside it is the speaker's.
@pytest.mark.parametrize(("lang", "text", "inner"), [
    ("ar", "قال المتحدث باسم الخارجية الإيرانية إسماعيل بقائي: "
           "\"لا نرى سببا للقاء الأمريكيين هذا الشهر\u201d.",
     "لا نرى سببا للقاء الأمريكيين هذا الشهر"),
    ("fa", "اسماعیل بقائی گفت: \"دلیلی برای دیدار با آمریکایی‌ها در این ماه نمی‌بینیم\u201d.",
     "دلیلی برای دیدار با آمریکایی‌ها در این ماه نمی‌بینیم"),
    ("en", "\"We see no reason to meet the Americans this month,\u201d Esmaeil Baghaei said.",
     "We see no reason to meet the Americans this month,"),
])
def test_a_straight_mark_closed_by_a_curly_one_is_a_quote(lang: str, text: str, inner: str) -> None:
    quotes = extract_article(article_from_text(text, lang, DAY)).quotes  # type: ignore[arg-type]
    assert [(q.speaker_id, q.text.strip(" ,")) for q in quotes] == [("esmaeil_baghaei", inner.strip(" ,"))]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "\u201cWe have no plans to hold talks with the Americans this month,\u201d Iranian Foreign "
           "Ministry spokesman Esmaeil Baghaei told a weekly briefing."),
    ("fa", "«برنامه‌ای برای مذاکره با آمریکا در این ماه نداریم»، سخنگوی وزارت خارجه ایران اسماعیل بقائی "
           "به خبرنگاران گفت."),
])
def test_a_titled_speaker_after_the_quote_holds_it(lang: str, text: str) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    x = extract_article(art)
    assert [q.speaker_id for q in x.quotes] == ["esmaeil_baghaei"]
    assert any(p.actor_id == "esmaeil_baghaei" and p.topic == "diplomacy"
               and p.stance in ("rejects", "opposes") for p in x.positions)
    assert not any(p.actor_id == "usa" for p in x.positions)


# Travelling to talks or going to hold them supports them ('heading to Cairo for talks', 'في طريقه
# إلى القاهرة لإجراء محادثات', 'برای برگزاری گفت‌وگو عازم'); the same words about drills or tests
# state no position on missiles. Stressing the importance of something supports it.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "Witkoff is heading to Cairo for talks with the mediators on Sunday.",
     ("steve_witkoff", "diplomacy", "supports")),
    ("ar", "قال مسؤول إن ويتكوف في طريقه إلى القاهرة لإجراء محادثات مع الوسطاء.",
     ("steve_witkoff", "diplomacy", "supports")),
    ("fa", "ویتکاف برای برگزاری گفت‌وگو با میانجی‌ها عازم قاهره شد.",
     ("steve_witkoff", "diplomacy", "supports")),
    ("en", "Fidan stressed the importance of dialogue between Moscow and Kyiv.",
     ("hakan_fidan", "diplomacy", "supports")),
    ("ar", "أكد فيدان أهمية الحوار بين موسكو وكييف.", ("hakan_fidan", "diplomacy", "supports")),
    ("fa", "فیدان بر اهمیت گفت‌وگو میان مسکو و کی‌یف تأکید کرد.", ("hakan_fidan", "diplomacy", "supports")),
])
def test_travelling_to_talks_and_their_importance(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Iran's army is heading to the border to hold missile drills."),
    ("ar", "قال الجيش الإيراني إنه يتوجه إلى الحدود لإجراء مناورات صاروخية."),
    ("fa", "ارتش ایران برای برگزاری رزمایش موشکی عازم مرز شد."),
])
def test_travelling_to_drills_is_no_position(lang: str, text: str) -> None:
    assert not any(t == "ballistic_missiles" for _, t, _ in positions(text, lang))


# 'Cannot' (لا يمكن أن، لا تستطيع) negates the cue after it.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Iran cannot accept the proposal on enrichment, Araghchi said."),
    ("ar", "قال عراقجي إن إيران لا يمكن أن تقبل المقترح بشأن التخصيب."),
])
def test_cannot_negates(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("iran", "enrichment", "opposes") in got
    assert not any(s == "supports" for _, _, s in got)


# Travelling to meet other mediators makes the traveller a mediator, not also a supporter.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Abdelatty headed to Doha on Tuesday to meet other mediators."),
    ("ar", "توجه عبد العاطي إلى الدوحة للقاء وسطاء آخرين."),
    ("fa", "عبدالعاطی برای دیدار با سایر میانجی‌ها عازم دوحه شد."),
])
def test_a_travelling_mediator_only_mediates(lang: str, text: str) -> None:
    want = {("badr_abdelatty", "diplomacy", "mediates"), ("egypt", "diplomacy", "mediates")}
    assert positions(text, lang) == want


# A Persian sentence opened by a pronoun (او، وی) and closed by its verb holds the position of the
# last person named, a few sentences or headings back if the sentence before names only a title.
# Arabic and English name the pronoun's verb first ('وشدد على', 'He stressed'), which the reporting
# verb already resolves.
@pytest.mark.parametrize(("lang", "text"), [
    ("fa", "پزشکیان روز یکشنبه با سفیر چین دیدار کرد.\nرئیس‌جمهور از نقش پکن قدردانی کرد.\n"
           "او بار دیگر بر تمایل به گفت‌وگوی سازنده با همسایگان تأکید کرد."),
    ("ar", "التقى بزشكيان يوم الأحد السفير الصيني.\nوشدد على الرغبة في حوار بناء مع الجيران."),
    ("en", "Pezeshkian met the Chinese ambassador on Sunday.\nHe stressed his willingness for dialogue with "
           "the neighbours."),
])
def test_a_pronoun_subject_is_the_last_person_named(lang: str, text: str) -> None:
    assert ("masoud_pezeshkian", "diplomacy", "supports") in positions(text, lang)


# ... but an Arabic verb followed by a subject the gazetteer does not know ('وذكرت وسائل الإعلام
# أن …') is not the last person's.
def test_a_named_subject_is_no_pronoun() -> None:
    text = ("التقى بزشكيان يوم الأحد السفير الصيني.\n"
            "وذكرت وسائل الإعلام أن الزيارة تهدف إلى التوصل لاتفاق تجاري.")
    assert not any(a == "masoud_pezeshkian" for a, _, _ in positions(text, "ar"))


# An act as the subject of a cue ('في خطوة تهدد', 'in a move that threatens', 'اقدامی که … تهدید
# می‌کند') describes the act: the actor of the main clause does not warn.
@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "فعلت الترويكا الأوروبية آلية الزناد في خطوة تهدد بانهيار المفاوضات."),
    ("en", "The E3 triggered the snapback in a move that threatens the talks."),
    ("fa", "سه کشور اروپایی مکانیسم ماشه را فعال کردند؛ اقدامی که مذاکرات را تهدید می‌کند."),
])
def test_an_act_that_threatens_is_no_warning(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("e3", "sanctions", "supports") in got
    assert not any(s == "warns" for _, _, s in got)


# A withdrawal demanded is about force ('a full Israeli withdrawal from Gaza', 'بانسحاب إسرائيلي
# كامل', 'خروج کامل اسرائیل'); leaving a deal is not ('withdrawal from the nuclear deal', 'انسحاب
# واشنطن من الاتفاق النووي', 'خروج آمریکا از برجام').
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hamas demanded a full Israeli withdrawal from Gaza."),
    ("ar", "طالبت حماس بانسحاب إسرائيلي كامل من قطاع غزة."),
    ("fa", "حماس خواستار خروج کامل اسرائیل از غزه شد."),
])
def test_a_withdrawal_demanded_is_force(lang: str, text: str) -> None:
    assert ("hamas", "military_force", "demands") in positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Iran condemned the US withdrawal from the nuclear deal."),
    ("ar", "أدانت إيران انسحاب واشنطن من الاتفاق النووي."),
    ("fa", "ایران خروج آمریکا از برجام را محکوم کرد."),
])
def test_leaving_a_deal_is_no_withdrawal_of_forces(lang: str, text: str) -> None:
    got = pairs(text, lang)
    assert ("iran", "diplomacy") in got
    assert not any(t == "military_force" for _, t in got)


# A deal or talks with the IAEA (topics.yaml nuclear_parties) are nuclear cooperation.
@pytest.mark.parametrize(("lang", "text"), [
    ("ar", "شدد السيسي على أهمية التوصل إلى اتفاق بين إيران والوكالة الدولية للطاقة الذرية."),
    ("fa", "السیسی بر اهمیت دستیابی به توافق میان ایران و آژانس بین‌المللی انرژی اتمی تأکید کرد."),
    ("en", "Sisi stressed the importance of an agreement between Iran and the IAEA."),
])
def test_a_deal_with_the_iaea_is_nuclear(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("abdel_fattah_el_sisi", "nuclear", "supports") in got
    assert ("abdel_fattah_el_sisi", "diplomacy", "supports") not in got


# English and Persian 'and' with a short description before the next name still joins the two
# subjects ('the government of Sudan and the rebel Rapid Support Forces', 'و گروه شورشی …').
# Arabic glues its و to the next word, where a word's own first letter (وزير) looks the same: a
# description there ('والحكومة الأوكرانية') is left unjoined; a name right after و still joins.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "The government of Sudan and the rebel Rapid Support Forces signed a truce in Jeddah.",
     {("sudan", "diplomacy", "supports"), ("rsf", "diplomacy", "supports")}),
    ("fa", "دولت سودان و گروه شورشی نیروهای واکنش سریع توافق آتش‌بس را امضا کردند.",
     {("sudan", "diplomacy", "supports"), ("rsf", "diplomacy", "supports")}),
    ("ar", "وقعت السودان وقوات الدعم السريع اتفاق هدنة في جدة.",
     {("sudan", "diplomacy", "supports"), ("rsf", "diplomacy", "supports")}),
])
def test_and_with_a_description_joins_subjects(lang: str, text: str, want: set[tuple[str, str, str]]) -> None:
    assert want <= positions(text, lang)


# A judgement in the next sentence of a statement, with no reporting verb of its own, is the
# statement's speaker's, not that of the actors named in what it judges; a sentence that opens
# with its own subject keeps it.
@pytest.mark.parametrize(("lang", "text", "holder", "not_holder"), [
    ("ar", "قال بقائي إن القرار سياسي.\nولم يشر القرار إلى أن هجمات إسرائيل والولايات المتحدة على المنشآت "
           "النووية كانت غير قانونية.", "esmaeil_baghaei", "israel"),
    ("fa", "بقائی گفت قطعنامه سیاسی است.\nدر این قطعنامه هیچ اشاره‌ای به حملات اسرائیل و آمریکا به تأسیسات "
           "هسته‌ای که غیرقانونی بود نشده است.", "esmaeil_baghaei", "israel"),
    ("en", "Baghaei said that the resolution was political.\nNowhere does the text mention that the strikes "
           "by Israel and the United States on nuclear sites were illegal.", "esmaeil_baghaei", "israel"),
    ("ar", "قال بقائي إن القرار سياسي.\nبدورها، قالت إسرائيل إن الهجمات على المنشآت النووية غير مبررة.",
     "israel", "esmaeil_baghaei"),
])
def test_a_judgement_with_no_verb_is_the_statements(lang: str, text: str, holder: str,
                                                    not_holder: str) -> None:
    got = positions(text, lang)
    assert (holder, "military_force", "opposes") in got
    assert not any(a == not_holder for a, _, _ in got)


# Being somewhere 'to support' an effort (لدعم، برای حمایت از) supports it; peace efforts are talks.
@pytest.mark.parametrize(("lang", "text", "holder"), [
    ("ar", "قال فيدان إن مسؤولين من الخارجية التركية موجودون في جنيف لدعم جهود السلام.", "turkey"),
    ("fa", "فیدان گفت هیئتی از ترکیه برای حمایت از روند صلح در ژنو حضور دارد.", "turkey"),
    ("en", "Fidan said Turkish officials were in Geneva to support the peace efforts.", "hakan_fidan"),
])
def test_being_there_to_support_peace(lang: str, text: str, holder: str) -> None:
    assert (holder, "diplomacy", "supports") in positions(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "He told Mehr news agency that the strikes on the reactor were unlawful."),
        ("ar", "وقال لوكالة مهر للأنباء إن الهجمات على المفاعل غير قانونية."),
        ("fa", "او به خبرگزاری مهر گفت حملات به رآکتور غیرقانونی بود."),
    ],
)
def test_an_outlet_spoken_to_holds_no_position(lang: str, text: str) -> None:
    art = article_from_text(text, lang, dt.date(2025, 6, 1))
    assert "mehr_news" not in {p.actor_id for p in extract_article(art).positions}
