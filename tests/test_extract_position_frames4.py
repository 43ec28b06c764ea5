"""Positions, fourth round: generic filters and frames, each checked against the tuning half's
older 150 articles and the 30 newest ones (never read), not against one sentence.

Every sentence here was written for this test (none is copied from an article or a seed). Each
table is one frame, in Arabic, Persian and English.
"""

from __future__ import annotations

import pytest
from position_rows import pairs, positions


# Taking part in force, resuming it or joining it is an act that happened, not a stance on force:
# only readiness ('ready to use force') turns support into a warning.
@pytest.mark.parametrize(("lang", "text", "actor"), [
    ("en", "Britain joined France in bombing the rebel positions last week.", "uk"),
    ("en", "Britain resumed air strikes on the rebel positions on Monday.", "uk"),
    ("ar", "انضمت تركيا إلى الضربات الجوية على مواقع المتمردين.", "turkey"),
    ("fa", "ترکیه هفته گذشته در حمله به مواضع شورشیان شرکت کرد.", "turkey"),
])
def test_an_act_of_force_is_no_warning(lang: str, text: str, actor: str) -> None:
    assert (actor, "military_force") not in pairs(text, lang)


@pytest.mark.parametrize(("lang", "text", "actor"), [
    ("en", "Britain said it was ready to use force against the rebels.", "uk"),
    ("ar", "قالت تركيا إنها مستعدة لاستخدام القوة العسكرية ضد المتمردين.", "turkey"),
    ("fa", "ترکیه گفت آماده استفاده از نیروی نظامی علیه شورشیان است.", "turkey"),
])
def test_readiness_to_use_force_still_warns(lang: str, text: str, actor: str) -> None:
    assert (actor, "military_force", "warns") in positions(text, lang)


# An aim that talks have is no one's position: 'talks … aimed at', 'the goal of the meeting is …'.
@pytest.mark.parametrize(("lang", "text", "actor", "topic"), [
    ("en", "Qatar and Egypt have held three rounds of talks in Doha aimed at limiting Iran's nuclear "
           "program.", "qatar", "nuclear"),
    ("en", "Egypt said the goal of the meeting is to reach a ceasefire in Sudan.", "egypt", "diplomacy"),
    ("ar", "عقدت قطر ومصر ثلاث جولات من المفاوضات تهدف إلى تقييد البرنامج النووي الإيراني.", "qatar",
     "nuclear"),
    ("ar", "قالت مصر إن الهدف من الاجتماع هو التوصل إلى وقف لإطلاق النار في السودان.", "egypt", "diplomacy"),
    ("fa", "قطر و مصر سه دور مذاکراتی برگزار کرده‌اند که هدف آن محدود کردن برنامه هسته‌ای ایران است.",
     "qatar", "nuclear"),
    ("fa", "مصر گفت هدف از جلسه رسیدن به آتش‌بس در سودان است.", "egypt", "diplomacy"),
])
def test_an_aim_of_talks_is_no_position(lang: str, text: str, actor: str, topic: str) -> None:
    assert (actor, topic) not in pairs(text, lang)


# An actor's own aim, or the purpose of its act ('with the aim of'), stays a demand.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Qatar aims to limit Iran's nuclear program."),
    ("ar", "تهدف قطر إلى تقييد البرنامج النووي الإيراني."),
    ("en", "Qatar held talks with the aim of limiting Iran's nuclear program."),
    ("fa", "قطر می‌کوشد با هدف محدود کردن برنامه هسته‌ای ایران رایزنی کند."),
])
def test_an_actors_own_aim_is_a_demand(lang: str, text: str) -> None:
    assert ("qatar", "nuclear", "demands") in positions(text, lang)


# A weaker cue ('prevent', 'illegal': strength 0.7) whose subject stands more than 15 words back has
# too little frame to be anyone's position: here the text, not Germany, is meant to prevent.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Germany began a long legal process at the United Nations in New York last week over the accord "
           "of 2015, a text meant to prevent Iran from building nuclear weapons."),
    ("ar", "بدأت ألمانيا الأسبوع الماضي إجراءات قانونية طويلة في الأمم المتحدة في نيويورك "
           "بشأن اتفاق عام 2015 وهو نص وضع من أجل الحيلولة دون امتلاك إيران أسلحة نووية."),
    ("fa", "آلمان هفته گذشته روند حقوقی طولانی را در سازمان ملل در نیویورک درباره توافق سال ۲۰۱۵ آغاز کرد "
           "که متنی است که برای جلوگیری از دستیابی ایران به سلاح هسته‌ای نوشته شده بود."),
])
def test_a_weak_cue_far_from_its_subject_gives_no_row(lang: str, text: str) -> None:
    assert ("germany", "nuclear") not in pairs(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Germany wants to prevent Iran from building nuclear weapons."),
    ("ar", "تسعى ألمانيا إلى الحيلولة دون امتلاك إيران أسلحة نووية."),
    ("fa", "آلمان می‌خواهد از دستیابی ایران به سلاح هسته‌ای جلوگیری کند."),
])
def test_a_weak_cue_near_its_subject_keeps_its_row(lang: str, text: str) -> None:
    assert ("germany", "nuclear", "opposes") in positions(text, lang)


# The one something is for ('open for Tehran', 'برای تهران', 'أمام طهران') holds nothing.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "For Tehran the path to talks remains open, the EU said."),
    ("ar", "أمام طهران فرصة حقيقية للعودة إلى المفاوضات، وفق الاتحاد الأوروبي."),
    ("fa", "اتحادیه اروپا و آمریکا تأکید کردند که با وجود بازگشت تحریم‌ها، راه دیپلماسی هنوز برای تهران "
           "باز است."),
])
def test_the_one_it_is_for_holds_nothing(lang: str, text: str) -> None:
    assert not any(a == "iran" for a, _, _ in positions(text, lang))


def test_the_subject_before_the_one_it_is_for_holds_it() -> None:
    text = ("اتحادیه اروپا و آمریکا تأکید کردند که با وجود بازگشت تحریم‌ها، "
            "راه دیپلماسی هنوز برای تهران باز است.")
    assert {("eu", "diplomacy", "supports"), ("usa", "diplomacy", "supports")} <= positions(text, "fa")


# An expectation is someone else's forecast, not the subject's stance.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Russia and Ukraine are expected to resume talks in Istanbul next week."),
    ("ar", "من المتوقع أن تعود روسيا وأوكرانيا إلى استئناف المحادثات في إسطنبول الأسبوع المقبل."),
    ("fa", "انتظار می‌رود روسیه و اوکراین هفته آینده در استانبول مذاکرات را ازسرگیری کنند."),
])
def test_an_expectation_is_no_position(lang: str, text: str) -> None:
    assert not any(a in ("russia", "ukraine") for a, _, _ in positions(text, lang))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Russia and Ukraine agreed to resume talks in Istanbul next week."),
    ("ar", "وافقت روسيا وأوكرانيا على استئناف المحادثات في إسطنبول الأسبوع المقبل."),
    ("fa", "روسیه و اوکراین با ازسرگیری مذاکرات در استانبول در هفته آینده موافقت کردند."),
])
def test_an_agreement_to_resume_is_a_position(lang: str, text: str) -> None:
    assert {("russia", "diplomacy"), ("ukraine", "diplomacy")} <= pairs(text, lang)


# The parties after 'between' never mediate their own talks, the second of the pair included when a
# title stands before the first ('between Presidents Putin and Zelensky'). Persian already left a
# coordinated pair out; its case guards that.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Earlier direct talks between Presidents Putin and Zelensky were also hosted in Istanbul."),
    ("ar", "عقدت جولة محادثات بين الرئيسين بوتين وزيلينسكي ضمن جهود وساطة سابقة."),
    ("fa", "گفتگوهای مستقیم میان رئیسان جمهور پوتین و زلنسکی در چارچوب یک میانجیگری پیشین برگزار شد."),
])
def test_the_parties_between_do_not_mediate(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert not any(a in ("vladimir_putin", "volodymyr_zelensky") and s == "mediates" for a, _, s in got)


# A person in one of a state's offices at the article's date (a foreign minister) speaks for the
# state, as a ministry does; a former holder of the office speaks only for himself.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Araghchi rejected any negotiation over the missile program."),
    ("ar", "رفض عراقجي أي تفاوض بشأن البرنامج الصاروخي."),
    ("fa", "عراقچی هرگونه مذاکره درباره برنامه موشکی را رد کرد."),
])
def test_an_official_speaks_for_the_state(lang: str, text: str) -> None:
    got = positions(text, lang)
    want = {("abbas_araghchi", "ballistic_missiles", "rejects"), ("iran", "ballistic_missiles", "rejects")}
    assert want <= got


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Zarif rejected any negotiation over the missile program."),
    ("ar", "رفض محمد جواد ظريف أي تفاوض بشأن البرنامج الصاروخي."),
    ("fa", "محمدجواد ظریف هرگونه مذاکره درباره برنامه موشکی را رد کرد."),
])
def test_a_former_official_speaks_for_himself(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("mohammad_javad_zarif", "ballistic_missiles", "rejects") in got
    assert not any(a == "iran" for a, _, _ in got)


# Joining or attending with no topic word of its own is about the talks its sentence or the one
# before names; not attending opposes nothing (Arabic and Persian negate these verbs so that they
# are no cue at all: those cases guard it).
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The talks opened in Cairo on Sunday.\nRussia joined on Monday."),
    ("ar", "افتتحت المحادثات في القاهرة يوم الأحد.\nوانضمت روسيا يوم الاثنين."),
    ("fa", "مذاکرات یکشنبه در قاهره آغاز شد.\nروسیه روز دوشنبه در آن شرکت کرد."),
])
def test_joining_is_about_the_talks_named_before(lang: str, text: str) -> None:
    assert ("russia", "diplomacy", "supports") in positions(text, lang)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Turkey did not attend the talks in Cairo."),
    ("ar", "لم تشارك تركيا في المحادثات في القاهرة."),
    ("fa", "ترکیه در مذاکرات قاهره شرکت نکرد."),
])
def test_not_attending_opposes_nothing(lang: str, text: str) -> None:
    assert not any(a == "turkey" for a, _, _ in positions(text, lang))


# A mediator (actors.yaml side 'mediator') joining or attending talks mediates them.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The talks between Hamas and Israel opened on Sunday.\nEgypt joined on Monday."),
    ("ar", "افتتحت المحادثات بين حماس وإسرائيل يوم الأحد.\nوانضمت مصر يوم الاثنين."),
    ("fa", "مذاکرات میان حماس و اسرائیل یکشنبه آغاز شد.\nمصر روز دوشنبه در آن شرکت کرد."),
])
def test_a_mediator_joining_talks_mediates(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("egypt", "diplomacy", "mediates") in got
    assert ("egypt", "diplomacy", "supports") not in got


# An office of an international body is no office of the holder's country: the IAEA's director
# general speaks for the IAEA's side of things, not for Argentina.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Grossi welcomed the resumption of inspections in Iran."),
    ("ar", "رحب غروسي باستئناف عمليات التفتيش في إيران."),
    ("fa", "گروسی از ازسرگیری بازرسی‌ها در ایران استقبال کرد."),
])
def test_an_international_office_speaks_for_no_state(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert any(a == "rafael_grossi" for a, _, _ in got)
    assert not any(a == "argentina" for a, _, _ in got)
