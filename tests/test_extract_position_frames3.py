"""Positions on unseen wording, third round: frames read from the tuning half's newest articles
(ids 140-169, 240-269, 340-369), which the rules had never seen.

Every sentence here was written for this test (none is copied from an article or a seed). Each
table is one frame, in Arabic, Persian and English.
"""

from __future__ import annotations

import pytest
from position_rows import Row, pairs, positions


# A mediation word inside the object ('a US-brokered peace agreement', 'توافق صلح با میانجیگری
# آمریکا را امضا کرد') qualifies the deal: the signing still reaches the deal, and the mediator
# mediates.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Armenia and Azerbaijan signed a US-brokered peace agreement on Monday."),
    ("ar", "وقعت أرمينيا وأذربيجان اتفاق سلام بوساطة أمريكية يوم الاثنين."),
    ("fa", "ارمنستان توافق صلح با میانجیگری آمریکا را امضا کرد."),
])
def test_a_mediation_word_inside_the_object_does_not_cut_it(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert {("armenia", "diplomacy", "supports"), ("usa", "diplomacy", "mediates")} <= got


def test_a_hyphenated_mediation_adjective_leaves_the_welcome_its_topic() -> None:
    got = positions("Thailand welcomed the Malaysia-mediated truce with Cambodia.", "en")
    assert {("thailand", "diplomacy", "supports"), ("malaysia", "diplomacy", "mediates")} <= got


# The one told holds nothing, with an article between the verb and it in English ('told the UN').
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Britain has told the UN it is ready to resume talks with Iran."),
    ("ar", "أبلغت بريطانيا الأمم المتحدة أنها مستعدة لاستئناف المحادثات مع إيران."),
    ("fa", "بریتانیا به سازمان ملل اعلام کرد که آماده ازسرگیری مذاکرات با ایران است."),
])
def test_the_one_told_holds_nothing(lang: str, text: str) -> None:
    got = pairs(text, lang)
    assert ("uk", "diplomacy") in got
    assert not any(a == "un" for a, _ in got)


# A Persian noun of activation is no stance ('از تهدیدها برای فعال‌سازی … انتقاد کرد', 'پس از
# فعال‌سازی تحریم‌ها'): whoever is named with it holds nothing by it; English has no such cue. The
# Arabic verbal noun stays a cue: announcing it is doing it ('أعلنت … تفعيل آلية الزناد').
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Russia criticised the European threats of snapback activation."),
    ("fa", "روسیه از تهدیدهای اروپا برای فعال‌سازی مکانیسم ماشه انتقاد کرد."),
    ("fa", "ایران پس از فعال‌سازی تحریم‌ها خویشتن‌داری کرد."),
])
def test_a_noun_of_activation_is_no_support(lang: str, text: str) -> None:
    assert not any(t == "sanctions" and s == "supports" for _, t, s in positions(text, lang))


def test_an_announced_arabic_activation_still_supports() -> None:
    got = positions("أعلنت بريطانيا وفرنسا تفعيل آلية الزناد في رسالة إلى مجلس الأمن.", "ar")
    assert {("uk", "sanctions", "supports"), ("france", "sanctions", "supports")} <= got


# Beginning or setting off something supports it ('initiated the process to reimpose', 'لبدء
# إجراءات', 'روند … را آغاز کردند'); the target after 'against' (ضد، علیه) holds nothing. A bare
# past 'began' (English began, Arabic بدأت) reports that something started and was left out: on the
# newest tuning articles it gave rows for whoever was named ('talks began …').
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The E3 initiated the process to reimpose UN sanctions against Iran."),
    ("ar", "اجتمعت الدول الأوروبية الثلاث لبدء إجراءات إعادة فرض العقوبات ضد إيران."),
    ("fa", "سه کشور اروپایی روند فعال‌سازی مکانیسم ماشه علیه ایران را آغاز کردند."),
])
def test_beginning_a_process_supports_it(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("e3", "sanctions", "supports") in got
    assert not any(a == "iran" for a, _, _ in got)


# ... but strikes begun are an act, not a stance on force.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Israel initiated strikes on Iranian sites."),
    ("ar", "بدأت إسرائيل الهجمات على المنشآت الإيرانية."),
    ("fa", "اسرائیل حملات را آغاز کرد."),
])
def test_beginning_strikes_is_no_stance_on_force(lang: str, text: str) -> None:
    assert ("israel", "military_force") not in pairs(text, lang)


# What one urges another to do is demanded, however far the 'to' ('urged the European parties to the
# 2015 accord to trigger the snapback', 'حثت … على تفعيل', 'خواستار فعال‌سازی … شد').
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Israel urged the European parties to the 2015 accord to trigger the snapback."),
    ("ar", "حثت إسرائيل الأطراف الأوروبية في الاتفاق على تفعيل آلية الزناد."),
    ("fa", "اسرائیل خواستار فعال‌سازی مکانیسم ماشه از سوی کشورهای اروپایی شد."),
])
def test_what_is_urged_is_demanded(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("israel", "sanctions", "demands") in got
    assert ("israel", "sanctions", "supports") not in got


# Judging talks useless or harmful turns them down ('pointless', 'لا جدوى منه', 'بی‌فایده'), and a
# predicative judgement judges the topic nearest before it (with those joined to it), not one in
# another part of the sentence ('… را بی‌فایده دانست و از ادامه غنی‌سازی دفاع کرد').
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Khamenei said talks with Washington were pointless under the present conditions, and praised "
           "enrichment."),
    ("ar", "قال خامنئي إن التفاوض مع أميركا لا جدوى منه في الظروف الراهنة."),
    ("fa", "رهبر ایران هرگونه مذاکره با آمریکا را بی‌فایده دانست و از ادامه غنی‌سازی دفاع کرد."),
])
def test_talks_judged_useless_are_turned_down(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("ali_khamenei", "diplomacy", "rejects") in got
    assert not any(t == "enrichment" for _, t, _ in got)
    assert not any(a == "usa" for a, _, _ in got)


def test_a_judgement_keeps_the_topics_joined_before_it() -> None:
    got = positions("Iran said that enrichment and missiles are non-negotiable.", "en")
    assert {("iran", "enrichment", "insists"), ("iran", "ballistic_missiles", "insists")} <= got


# A cue inside a condition states a hypothesis, not a position ('unless Iran resumes the talks',
# 'إذا رفضت إيران المحادثات', 'اگر ایران از مذاکره امتناع کند'); the main clause keeps its
# condition ('ready to talk if sanctions are lifted' is conditional).
@pytest.mark.parametrize(("lang", "text", "main"), [
    ("en", "Britain is ready to hold talks unless Iran attacks. If Iran rejects the talks, Britain will act.",
     ("uk", "diplomacy", "conditional")),
    ("ar", "إيران مستعدة للمفاوضات إذا رفعت العقوبات. وقالت بريطانيا إنها ستعيد فرض العقوبات إذا رفضت إيران "
           "المحادثات.", ("iran", "diplomacy", "conditional")),
    ("fa", "ایران آماده مذاکره است اگر تحریم‌ها لغو شود. بریتانیا گفت اگر ایران از مذاکره امتناع کند "
           "تحریم‌ها بازمی‌گردد.", ("iran", "diplomacy", "conditional")),
])
def test_a_cue_inside_a_condition_is_no_position(lang: str, text: str, main: Row) -> None:
    got = positions(text, lang)
    assert main in got
    assert not any(s == "rejects" or (a == "iran" and s == "opposes") for a, _, s in got)


# Arabic 'expressed his hope for' (أعرب عن أمله في) supports what it hopes for.
def test_an_arabic_hope_supports() -> None:
    got = positions("أعرب عراقجي عن أمله في استئناف المحادثات إذا أبدت واشنطن جدية.", "ar")
    assert ("abbas_araghchi", "diplomacy", "conditional") in got


# Only agreeing or accepting takes the venue as its topic ('agreed to hold the next round in
# Muscat'); a deal signed in a city says nothing of the venue.
@pytest.mark.parametrize(("lang", "agreed", "signed"), [
    ("en", "Iran agreed to hold the next round in Muscat.", "Iran signed the accord in Muscat last year."),
    ("ar", "وافقت إيران على عقد الجولة المقبلة في مسقط.", "وقعت إيران الاتفاق في مسقط العام الماضي."),
    ("fa", "ایران با برگزاری دور بعد در مسقط موافقت کرد.", "ایران توافق را سال گذشته در مسقط امضا کرد."),
])
def test_only_agreeing_takes_the_venue(lang: str, agreed: str, signed: str) -> None:
    assert ("iran", "venue", "supports") in positions(agreed, lang)
    assert not any(t == "venue" for _, t, _ in positions(signed, lang))


# 'Good faith' (حسن نية، حسن نیت) is no intention to do what follows.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Araghchi stressed Iran's good faith on the nuclear file."),
    ("ar", "أكد عراقجي حسن نية إيران في الملف النووي."),
    ("fa", "عراقچی بر حسن نیت ایران در پایبندی به دیپلماسی درباره موضوع هسته‌ای تأکید کرد."),
])
def test_good_faith_is_no_intention(lang: str, text: str) -> None:
    assert not any(t == "nuclear" for _, t, _ in positions(text, lang))


# A deal that a nuclear party (the IAEA) itself signs is nuclear cooperation, not diplomacy.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Iran and the IAEA signed an agreement in Cairo."),
    ("ar", "وقعت إيران والوكالة الدولية للطاقة الذرية اتفاقا في القاهرة."),
    ("fa", "ایران و آژانس بین‌المللی انرژی اتمی در قاهره توافقی امضا کردند."),
])
def test_a_deal_the_iaea_signs_is_nuclear(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert {("iran", "nuclear", "supports"), ("iaea", "nuclear", "supports")} <= got
    assert not any(t == "diplomacy" for _, t, _ in got)


# A serial comma before 'and' still joins the last name to the list ('France, Germany, and the
# United Kingdom initiated …', 'ایران و آمریکا، و عمان'); Arabic glues its و and joined already.
@pytest.mark.parametrize(("lang", "text", "want"), [
    ("en", "France, Germany, and the United Kingdom initiated a process to reimpose UN sanctions.",
     {"france", "germany", "uk"}),
    ("ar", "رحبت مصر وقطر، وتركيا باستئناف المحادثات.", {"egypt", "qatar", "turkey"}),
    ("fa", "ایران و آمریکا، و عمان از ازسرگیری مذاکرات حمایت کردند.", {"iran", "usa", "oman"}),
])
def test_a_serial_comma_keeps_the_list(lang: str, text: str, want: set[str]) -> None:
    assert want <= {a for a, _, _ in positions(text, lang)}


# What talks are about holds nothing ('talks on Ukraine', 'بشأن أوكرانيا', 'درباره اوکراین'), unless
# it owns the cue ("regarding Hamas' continued refusal to disarm": Hamas refuses).
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The Kremlin said the door remains open to talks on Ukraine."),
    ("ar", "قال الكرملين إن الباب مفتوح للمفاوضات بشأن أوكرانيا."),
    ("fa", "کرملین اعلام کرد که درها بر روی مذاکرات درباره اوکراین گشوده است."),
])
def test_what_talks_are_about_holds_nothing(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("kremlin", "diplomacy", "supports") in got
    assert not any(a == "ukraine" for a, _, _ in got)


def test_a_possessor_after_about_still_holds() -> None:
    got = positions("Obstacles remain, especially regarding Hamas' continued refusal to disarm.", "en")
    assert ("hamas", "military_force", "rejects") in got


# A mediator rescheduling a round of others' talks mediates ('postponed the round between Iran and the
# United States', 'أعلن … تأجيل الجولة', 'از تعویق دور بعدی مذاکرات خبر داد'); a party postponing its
# own talks states nothing.
@pytest.mark.parametrize(("lang", "mediator", "party"), [
    ("en", "Omani Foreign Minister Badr Albusaidi postponed the round between Iran and the United States.",
     "Iran postponed its talks with the United States."),
    ("ar", "أعلن وزير الخارجية العماني بدر البوسعيدي تأجيل الجولة بين إيران والولايات المتحدة.",
     "أعلنت إيران تأجيل محادثاتها مع الولايات المتحدة."),
    ("fa", "وزیر خارجه عمان از تعویق دور بعدی مذاکرات ایران و آمریکا خبر داد.",
     "ایران مذاکرات با آمریکا را به تعویق انداخت."),
])
def test_a_mediator_rescheduling_talks_mediates(lang: str, mediator: str, party: str) -> None:
    got = positions(mediator, lang)
    assert ("badr_albusaidi", "diplomacy", "mediates") in got
    assert not any(a in ("iran", "usa") for a, _, _ in got)
    assert positions(party, lang) == set()


# A pronoun subject ('…, where he urged …', 'He also urged …') holds for the person named earlier in
# the sentence, else the last person named before; Persian 'او' and an Arabic sentence opened by a
# speech verb with no subject ('وشدد على …') already did so.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Netanyahu met Trump in Washington, where he urged new sanctions on Iran."),
    ("en", "Netanyahu met Trump in Washington on Monday. He also urged new sanctions on Iran."),
    ("ar", "التقى نتنياهو ترامب في واشنطن يوم الاثنين. وشدد على ضرورة فرض عقوبات جديدة على إيران."),
    ("fa", "نتانیاهو روز دوشنبه با ترامب در واشنگتن دیدار کرد. او خواستار تحریم‌های تازه علیه ایران شد."),
])
def test_a_pronoun_subject_holds_for_the_person_named_before(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("benjamin_netanyahu", "sanctions", "demands") in got
    assert not any(a in ("donald_trump", "iran") for a, _, _ in got)


# 'Necessarily' (بالضرورة، لزوماً) is an adverb, not the demand 'necessity' (ضرورة).
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The envoy said Lebanon's plan would not necessarily require military action."),
    ("ar", "قال المبعوث إن خطة لبنان لن تنطوي بالضرورة على عمل عسكري."),
    ("fa", "فرستاده آمریکا گفت طرح لبنان لزوماً به اقدام نظامی نیاز ندارد."),
])
def test_necessarily_is_no_demand(lang: str, text: str) -> None:
    assert not any(t == "military_force" for _, t, _ in positions(text, lang))


# Talks asked of another are demanded ('called on Iran to resume negotiations', 'حثت … إيران على
# استئناف المفاوضات', 'از ایران می‌خواهد که … وارد مذاکرات شود'); talks one wants oneself are supported.
@pytest.mark.parametrize(("lang", "asked", "wanted", "holder"), [
    ("en", "Rubio called on Iran to resume direct negotiations without delay.",
     "Rubio wants direct negotiations with Iran.", "marco_rubio"),
    ("ar", "حثت الدول الأوروبية الثلاث إيران على استئناف المفاوضات.",
     "تريد الدول الأوروبية الثلاث استئناف المفاوضات مع إيران.", "e3"),
    ("fa", "روبیو از ایران می‌خواهد که بدون تأخیر وارد مذاکرات مستقیم شود.",
     "روبیو می‌خواهد مذاکرات مستقیم با ایران آغاز شود.", "marco_rubio"),
])
def test_talks_asked_of_another_are_demanded(lang: str, asked: str, wanted: str, holder: str) -> None:
    assert (holder, "diplomacy", "demands") in positions(asked, lang)
    got = positions(wanted, lang)
    assert (holder, "diplomacy", "supports") in got
    assert (holder, "diplomacy", "demands") not in got


# Refusing talks on a condition is a conditional position on them ('will not negotiate if Washington
# insists on zero enrichment'); a cue inside the condition is not the object of the refusal.
@pytest.mark.parametrize(("lang", "text", "holder"), [
    ("en", "Iran rejects negotiations if Washington insists on zero enrichment.", "iran"),
    ("ar", "قال ولايتي إن إيران لن تقبل التفاوض إذا أصرت واشنطن على وقف التخصيب.", "iran"),
    ("fa", "ولایتی گفت ایران مذاکره را رد می‌کند اگر آمریکا بر توقف غنی‌سازی اصرار کند.", "iran"),
])
def test_refusing_talks_on_a_condition_is_conditional(lang: str, text: str, holder: str) -> None:
    got = positions(text, lang)
    assert (holder, "diplomacy", "conditional") in got
    assert not any(a == "usa" for a, _, _ in got)


def test_a_condition_keeps_the_main_clause() -> None:
    got = positions("Britain is ready to reimpose sanctions unless Iran resumes the talks.", "en")
    assert ("uk", "sanctions", "conditional") in got
    assert not any(a == "iran" for a, _, _ in got)


# Saying the talks went well or move forward supports them ('went well', 'تسير بشكل إيجابي', 'خوب
# بود', 'رو به جلو است'): the speaker's judgement, not the partner's.
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Araghchi said the talks with the Americans went well."),
    ("ar", "قال عراقجي إن المحادثات مع الأمريكيين تسير بشكل إيجابي."),
    ("fa", "عراقچی گفت جلسه امروز با آمریکایی‌ها خوب بود و مذاکرات رو به جلو است."),
])
def test_talks_said_to_go_well_are_supported(lang: str, text: str) -> None:
    got = positions(text, lang)
    assert ("abbas_araghchi", "diplomacy", "supports") in got
    assert not any(a == "usa" for a, _, _ in got)


# Announcing one's agreement to something supports it: the Arabic verbal noun ('أعلنت الموافقة على
# هدنة', 'نوافق على'), English 'acceptance of', Persian 'موافقت کرد'. (The bare Persian noun موافقت
# was tried and dropped: it named other parties' agreement on the tuning half.)
@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Hamas announced its acceptance of a two-month humanitarian truce."),
    ("ar", "أعلنت حماس الموافقة على هدنة إنسانية لمدة شهرين."),
    ("fa", "حماس با آتش‌بس دو ماهه موافقت کرد."),
])
def test_announced_agreement_supports(lang: str, text: str) -> None:
    assert ("hamas", "diplomacy", "supports") in positions(text, lang)


# The 'resistance' (حركات المقاومة، محور مقاومت, 'resistance movements') is how Iran's camp names its
# armed allies: supporting it is a position on proxies; the noun 'support for …' names the topic.
@pytest.mark.parametrize(("lang", "said", "named"), [
    ("en", "Larijani said Iran will always support resistance movements in the region.",
     "Larijani criticised Iran's support for resistance movements."),
    ("ar", "قال لاريجاني إن إيران تدعم حركات المقاومة دائما.",
     "انتقد المسؤول دعم حركات المقاومة من قبل إيران."),
    ("fa", "لاریجانی گفت ایران همواره از محور مقاومت حمایت می‌کند.",
     "این مقام از حمایت از محور مقاومت از سوی ایران انتقاد کرد."),
])
def test_supporting_the_resistance_is_about_proxies(lang: str, said: str, named: str) -> None:
    assert ("iran", "proxies", "supports") in positions(said, lang)
    assert not any(s == "supports" for _, _, s in positions(named, lang))
