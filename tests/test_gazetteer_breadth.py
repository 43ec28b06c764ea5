"""Issue 10: the gazetteer's breadth (principals, commanders, envoys, bodies, outlets and talk
venues of the 2024-2026 stories) in ar, fa and en, and the forms left out because they fold onto
a common word of the other language. The sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 9, 20)


@pytest.mark.parametrize(
    ("lang", "text", "actors", "places"),
    [
        ("ar", "وقال بتسلئيل سموتريتش إن إيتمار بن غفير لن يقبل، فيما التقى ديفيد زيني رونين بار في الكنيست.",
         {"bezalel_smotrich", "itamar_ben_gvir", "david_zini", "ronen_bar", "knesset"}, set()),
        ("fa", "حسین سلامی و محمد باقری و امیرعلی حاجی‌زاده کشته شدند و عزیز نصیرزاده به قم رفت.",
         {"hossein_salami", "mohammad_bagheri", "amir_ali_hajizadeh", "aziz_nasirzadeh"}, {"qom"}),
        ("en", "Kyrylo Budanov and Rustem Umerov mocked Dmitry Medvedev and met Alexander Lukashenko.",
         {"kyrylo_budanov", "rustem_umerov", "dmitry_medvedev", "alexander_lukashenko"}, set()),
        ("ar", "واستقبل رئيس الوزراء أنوتين تشارنفيراكول الوزير الكمبودي براك سوخون في كوالالمبور.",
         {"anutin_charnvirakul", "prak_sokhonn"}, {"kuala_lumpur"}),
        ("fa", "تامی بروس گفت لیندسی گراهام و ریچارد گرنل به ریاض رفتند و در کاخ درعیه گفت‌وگو کردند.",
         {"lindsey_graham", "richard_grenell"}, {"riyadh", "diriyah_palace"}),
        ("en", "Olivier Nduhungirehe and Corneille Nangaa spoke in Luanda; MONUSCO and the AFC traded blame.",
         {"olivier_nduhungirehe", "corneille_nangaa", "monusco", "afc"}, {"luanda"}),
        ("ar", "وأعلنت كتائب القسام أن أبو عبيدة سيلقي كلمة، بينما وصل وفد الحركة إلى معبر كرم أبو سالم.",
         {"al_qassam_brigades", "abu_obeida"}, {"kerem_shalom"}),
        ("fa", "به گزارش اقتصادنیوز و روزنامه هم‌میهن، نشست در کنسولگری ایران در استانبول برگزار شد.",
         {"eghtesad_news", "ham_mihan"}, {"iran_consulate_istanbul"}),
    ],
)
def test_new_principals_bodies_outlets_and_venues(lang: str, text: str, actors: set[str],
                                                  places: set[str]) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert actors <= {m.actor_id for m in x.mentions}
    assert places <= {v.place_id for v in x.venues}


@pytest.mark.parametrize(
    ("lang", "text", "day", "holder"),
    [
        ("en", "The Thai prime minister said the border would stay closed.", dt.date(2024, 11, 2),
         "paetongtarn_shinawatra"),
        ("ar", "وقال رئيس الوزراء التايلاندي إن الحدود ستبقى مغلقة.", dt.date(2025, 10, 2),
         "anutin_charnvirakul"),
        ("fa", "نخست‌وزیر کامبوج گفت آتش‌بس پابرجاست.", dt.date(2025, 8, 1), "hun_manet"),
        ("fa", "وزیر امور خارجه ایران به نیویورک رفت.", dt.date(2024, 3, 1), "hossein_amir_abdollahian"),
        ("ar", "وقال وزير الدفاع الإسرائيلي إن العملية مستمرة.", dt.date(2024, 6, 1), "yoav_gallant"),
        # heads of agencies and bodies named by their title alone
        ("ar", "وأكد رئيس المخابرات العامة المصرية أن الاتفاق قريب.", dt.date(2025, 10, 1),
         "hassan_mahmoud_rashad"),
        ("ar", "وأكد رئيس المخابرات العامة المصرية أن الاتفاق قريب.", dt.date(2024, 5, 1), "abbas_kamel"),
        ("en", "The Shin Bet chief told ministers the plan was ready.", dt.date(2025, 3, 1), "ronen_bar"),
        ("fa", "رئیس پارلمان لبنان گفت گفت‌وگو ضروری است.", dt.date(2025, 4, 1), "nabih_berri"),
        ("en", "The Russian defence minister inspected the troops.", dt.date(2025, 2, 1), "andrei_belousov"),
        ("fa", "وزیر اطلاعات گفت شبکه‌ای شناسایی شد.", dt.date(2025, 7, 1), "esmaeil_khatib"),
    ],
)
def test_predecessors_hold_their_titles_at_the_date(lang: str, text: str, day: dt.date, holder: str) -> None:
    x = extract_article(article_from_text(text, lang, day))  # type: ignore[arg-type]
    assert holder in {m.actor_id for m in x.mentions}


@pytest.mark.parametrize(
    ("lang", "text", "not_actors", "not_places"),
    [
        # Persian چاد (Chad) folds onto Arabic جاد (serious)
        ("ar", "وأكد الوزير أن الحوار جاد وأن بلاده مستعدة لحوار جاد.", {"chad"}, {"chad"}),
        # Persian رئیسی folds onto Arabic رئيسي (main)
        ("ar", "وتضرر مبنى رئيسي في المجمع.", {"ebrahim_raisi"}, set()),
        # Arabic جنين folds onto Persian چنین (such); العديد (many) is no air base
        ("fa", "چنین اقدامی بی‌سابقه است و ایلات و عشایر هم حمایت کردند.", set(), {"jenin", "eilat"}),
        ("ar", "وقال العديد من المسؤولين إن المشهد معقد.", set(), {"al_udeid", "mashhad"}),
        # one letter from a common word next to a speech verb: همکاری (cooperation), شادمانی (joy)
        ("fa", "او گفت همکاری ادامه دارد و شادمانی مردم را دید.", {"daniel_hagari", "ali_shadmani"}, set()),
        # Asaad al-Shaibani is also spelt Assad
        ("en", "Syria's foreign minister Assad al-Shaibani met the envoy.", {"bashar_al_assad"}, set()),
    ],
)
def test_common_words_are_not_the_new_names(lang: str, text: str, not_actors: set[str],
                                            not_places: set[str]) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert not {m.actor_id for m in x.mentions} & not_actors
    assert not {v.place_id for v in x.venues} & not_places


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("ar", 'ونقلت وكالة "تسنيم" عن مصدر مطلع أن الجولة المقبلة ستعقد قريبا.', "tasnim"),
        ("ar", "وذكرت صحيفة «القبس» أن الوفد غادر العاصمة.", "al_qabas"),
        ("fa", "روزنامه «هم‌میهن» در گزارشی نوشت گفت‌وگوها متوقف شده است.", "ham_mihan"),
        ("fa", 'به گزارش خبرگزاری "ایسنا"، هیئت ایرانی وارد ژنو شد.', "isna"),
    ],
)
def test_an_outlet_quoted_after_its_noun_is_the_outlet(lang: str, text: str, want: str) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert want in {m.actor_id for m in x.mentions}


def test_a_quote_after_an_outlet_noun_names_no_outlet_by_itself() -> None:
    x = extract_article(article_from_text('وقال الموقع "إن الجولة انتهت" دون تفاصيل.', "ar", DAY))
    assert not {m.actor_id for m in x.mentions}


def test_an_outlet_whose_own_name_is_quoted_is_no_quotation() -> None:
    text = 'وفي تصريحات لشبكة "إن بي سي نيوز" الإخبارية، أطلق الوزير تحذيرات جديدة للحكومة.'
    x = extract_article(article_from_text(text, "ar", DAY))
    assert "nbc_news" in {m.actor_id for m in x.mentions}
    assert not [q for q in x.quotes if "نيوز" in q.text]


@pytest.mark.parametrize(
    ("lang", "text", "day", "want", "not_want"),
    [
        # the article put the title next to a name: alone later, it is that person, whatever the date
        ("fa", "«رستم عمروف» وزیر دفاع اوکراین گفت تبادل انجام می‌شود. وزیر دفاع اوکراین افزود "
               "که گفتگو ادامه دارد.",
         dt.date(2025, 8, 20), "rustem_umerov", "denys_shmyhal"),
        ("en", "Ukrainian Defence Minister Rustem Umerov led the team. "
               "The Ukrainian defence minister said it went well.",
         dt.date(2025, 9, 1), "rustem_umerov", "denys_shmyhal"),
        # a former holder named with the title does not take the title from the holder at the date
        ("ar", "وقال وزير الدفاع الإسرائيلي السابق يوآف غالانت إن الحرب طويلة. "
               "ورد وزير الدفاع الإسرائيلي بأن العملية مستمرة.",
         dt.date(2025, 8, 20), "israel_katz", None),
    ],
)
def test_a_title_the_article_bound_to_a_name_is_that_person(lang: str, text: str, day: dt.date, want: str,
                                                            not_want: str | None) -> None:
    x = extract_article(article_from_text(text, lang, day))  # type: ignore[arg-type]
    got = {m.actor_id for m in x.mentions if m.via == "title"}
    assert want in got and not_want not in got
