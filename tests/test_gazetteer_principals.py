"""The parties and principals of the other negotiations (Russia-Ukraine, Armenia-Azerbaijan,
India-Pakistan, Sudan, Gaza) are gazetteer actors and places in ar, fa and en; the sentences
are our own."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.pipeline import article_from_text, extract_article

DAY = dt.date(2025, 8, 20)


@pytest.mark.parametrize(
    ("lang", "text", "actors", "places"),
    [
        ("en", "Nikol Pashinyan and Ilham Aliyev shook hands as Mirzoyan and Bayramov looked on.",
         {"nikol_pashinyan", "ilham_aliyev", "ararat_mirzoyan", "jeyhun_bayramov"}, set()),
        ("ar", "واستقبل زيلينسكي في كييف المبعوث كيلوغ بحضور يرماك.",
         {"volodymyr_zelensky", "keith_kellogg", "andriy_yermak", "ukraine"}, {"kyiv"}),
        ("fa", "نارندرا مودی و جایشانکار در دهلی نو درباره پاکستان گفت‌وگو کردند.",
         {"narendra_modi", "subrahmanyam_jaishankar", "india", "pakistan"}, {"new_delhi"}),
        ("ar", "وقال محمد حمدان دقلو إن قواته لن تنسحب من الخرطوم.",
         {"mohamed_hamdan_dagalo"}, {"khartoum"}),
        ("fa", "حمیدتی در سفر به آدیس آبابا با اتحادیه آفریقا دیدار کرد.",
         {"mohamed_hamdan_dagalo", "african_union"}, {"addis_ababa"}),
        ("en", "NATO chief Mark Rutte met Yuri Ushakov? No: Rutte met Andrii Sybiha in Warsaw.",
         {"nato", "mark_rutte", "yuri_ushakov", "andrii_sybiha"}, {"warsaw"}),
    ],
)
def test_principals_and_their_places_are_known(lang: str, text: str, actors: set[str],
                                                places: set[str]) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert actors <= {m.actor_id for m in x.mentions}
    assert places <= {v.place_id for v in x.venues}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "ایران در آستانه دور تازه مذاکرات است."),  # آستانه: threshold, not Astana
        ("fa", "کلاغ روی کابل برق نشست."),  # کلاغ (crow) is no envoy
    ],
)
def test_common_words_are_not_taken_for_the_new_names(lang: str, text: str) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert not {m.actor_id for m in x.mentions} & {"india", "keith_kellogg", "kazakhstan"}
    assert not {v.place_id for v in x.venues} & {"astana", "india"}


@pytest.mark.parametrize(
    ("lang", "text", "day", "holder"),
    [
        # a title alone is its holder at the article's date
        ("en", "The Ukrainian president said the exchange would go ahead.", dt.date(2025, 6, 2),
         "volodymyr_zelensky"),
        ("ar", "وقال رئيس الوزراء الأرميني إن الاتفاق تاريخي.", dt.date(2025, 8, 9), "nikol_pashinyan"),
        ("fa", "وزیر امور خارجه هند گفت آتش‌بس پابرجاست.", dt.date(2025, 5, 12), "subrahmanyam_jaishankar"),
        ("ar", "ورفض قائد الجيش السوداني الهدنة.", dt.date(2025, 11, 3), "abdel_fattah_al_burhan"),
        ("en", "The NATO chief welcomed the talks.", dt.date(2025, 3, 1), "mark_rutte"),
        ("en", "The NATO chief welcomed the talks.", dt.date(2023, 3, 1), "jens_stoltenberg"),
        # before any holder we know took office the title names nobody: it stays a role
        ("en", "The NATO chief welcomed the talks.", dt.date(2013, 3, 1), "role_nato_secretary_general"),
    ],
)
def test_titles_resolve_to_their_holder_at_the_date(lang: str, text: str, day: dt.date,
                                                   holder: str) -> None:
    x = extract_article(article_from_text(text, lang, day))  # type: ignore[arg-type]
    assert holder in {m.actor_id for m in x.mentions}


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        # actors of the tune half's third batch, in sentences of our own
        ("ar", "وأكد الناطق محمد الشناوي أن أنور إبراهيم سيستقبل هون مانيت وفومتام ويتشاياشا.",
         {"mohamed_elshenawy", "anwar_ibrahim", "hun_manet", "phumtham_wechayachai"}),
        ("en", "Kinshasa and the M23 rebels thanked Togo; the Gaza Humanitarian Foundation was not there.",
         {"drc", "m23", "togo", "gaza_humanitarian_foundation"}),
        ("fa", "به گزارش باشگاه خبرنگاران جوان و صدا وسیما، کامبوج و تایلند به میانجی‌گری مالزی توافق کردند.",
         {"yjc", "irib", "cambodia", "thailand", "malaysia"}),
        ("en", "Israel's Channel 13 and Al Araby TV reported the talks, IANS said.",
         {"channel_13_israel", "al_araby", "ians"}),
    ],
)
def test_tune_batch_actors_are_known(lang: str, text: str, actors: set[str]) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert actors <= {m.actor_id for m in x.mentions}


def test_bare_arab_adjective_is_not_the_channel() -> None:
    x = extract_article(article_from_text("وقال الأمين العام إن الموقف العربي موحد.", "ar", DAY))
    assert "al_araby" not in {m.actor_id for m in x.mentions}


@pytest.mark.parametrize(
    ("lang", "text", "want", "not_want"),
    [
        # the Iranian press names its own officials by bare titles
        ("fa", "سخنگوی وزارت امور خارجه روز دوشنبه گفت دور بعدی قطعی نیست.", {"esmaeil_baghaei"}, set()),
        ("fa", "وزیر خارجه در پایان سفر گفت گفتگوها سازنده بود.", {"abbas_araghchi"}, set()),
        # another state's name right after a bare title makes it that state's title
        ("fa", "وزیر امور خارجه نروژ گفت گفتگوها سازنده بود.", {"norway"}, {"abbas_araghchi"}),
        ("fa", "سخنگوی وزارت خارجه چین گفت پکن از گفتگو حمایت می‌کند.", {"china"}, {"esmaeil_baghaei"}),
        # a name after a bare title is whom it introduces (an unknown one stays a candidate)
        ("fa", "سخنگوی وزارت خارجه ناصر کاظمی گفت گفتگوها سازنده بود.", set(), {"esmaeil_baghaei"}),
        # a full title followed by its object (Persian puts the object after the subject) keeps its holder
        ("fa", "رئیس‌جمهور آمریکا ایران را به مذاکره فراخواند.", {"donald_trump", "iran"}, set()),
        # Arabic and English titles without a state are not bare titles of Iran's officials
        ("ar", "وقال وزير الخارجية إن الجولة المقبلة لم تحدد.", set(), {"abbas_araghchi"}),
        ("en", "The ministry spokesman said the next round was not fixed.", set(), {"esmaeil_baghaei"}),
    ],
)
def test_bare_persian_titles(lang: str, text: str, want: set[str], not_want: set[str]) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    got = {m.actor_id for m in extract_article(art).mentions}
    assert want <= got and not (not_want & got)


@pytest.mark.parametrize(
    ("lang", "text", "not_want"),
    [
        ("fa", "هیئت‌ها ساختمان را ترک کردند و به مرز بازگشتند.", {"turkey", "friedrich_merz"}),
        ("fa", "گفتگوها از مرز کلیات عبور کرد.", {"friedrich_merz"}),
    ],
)
def test_persian_common_words_are_not_merz_or_turkey(lang: str, text: str, not_want: set[str]) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    assert not {m.actor_id for m in extract_article(art).mentions} & not_want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("fa", "فریدریش مرز صدراعظم آلمان گفت اروپا آماده است.", "friedrich_merz"),
        ("ar", "وقال المستشار الألماني فريدريش ميرتس إن أوروبا مستعدة.", "friedrich_merz"),
        ("en", "Merz said Europe was ready.", "friedrich_merz"),
    ],
)
def test_merz_by_his_names(lang: str, text: str, want: str) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    assert want in {m.actor_id for m in extract_article(art).mentions}


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("en", "Fighting continued in Donetsk while envoys talked in Belgium.", "donetsk"),
        ("en", "Fighting continued in Donetsk while envoys talked in Belgium.", "belgium"),
        ("ar", "واستمرت المعارك في الفاشر بينما التقى الوسطاء في جدة.", "el_fasher"),
        ("fa", "مذاکرات درباره قره‌باغ و کریدور زنگزور در کاخ سفید ادامه یافت.", "nagorno_karabakh"),
        ("fa", "مذاکرات درباره قره‌باغ و کریدور زنگزور در کاخ سفید ادامه یافت.", "zangezur"),
        ("ar", "وعقد الاجتماع في كوالالمبور بحضور ممثلي تايلاند وكمبوديا.", "kuala_lumpur"),
    ],
)
def test_places_of_the_other_negotiations(lang: str, text: str, place: str) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert place in {v.place_id for v in x.venues}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fa", "جلسه روز دوشنبه برگزار شد."),  # دوشنبه is Monday, never Dushanbe (not listed)
        ("fa", "نام او سینا است."),  # سینا alone is a name, not Sinai
    ],
)
def test_weekday_and_names_are_not_places(lang: str, text: str) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert not x.venues


@pytest.mark.parametrize(
    ("lang", "text", "actors"),
    [
        ("en", "Galuzin and Kyslytsya sat across the table while Ulyanov spoke in Vienna.",
         {"mikhail_galuzin", "sergiy_kyslytsya", "mikhail_ulyanov"}),
        ("ar", "وقال أسامة حمدان إن موسى أبو مرزوق وحسام بدران سيشاركان في الجولة.",
         {"osama_hamdan", "mousa_abu_marzouk", "hossam_badran"}),
        ("fa", "مسعد بولس و رمطان لعمامره درباره سودان با کامل ادریس گفتگو کردند.",
         {"massad_boulos", "ramtane_lamamra", "kamil_idris", "sudan"}),
    ],
)
def test_more_principals_are_known(lang: str, text: str, actors: set[str]) -> None:
    x = extract_article(article_from_text(text, lang, DAY))  # type: ignore[arg-type]
    assert actors <= {m.actor_id for m in x.mentions}


@pytest.mark.parametrize(
    ("lang", "text", "want", "not_want"),
    [
        ("en", "TASS and Xinhua carried the statement; Euronews aired it at dawn.",
         {"tass", "xinhua", "euronews"}, {"dawn"}),
        ("ar", "ونقلت وكالة الأنباء القطرية عن الوزير قوله إن اليوم السابع من الهدنة مر بهدوء قرب الأهرام.",
         {"qna"}, {"youm7", "al_ahram"}),
        ("fa", "به گزارش صدای آمریکا و خبرآنلاین، او تاس را انداخت.", {"voa", "khabar_online"}, {"tass"}),
    ],
)
def test_outlets_and_their_common_word_look_alikes(lang: str, text: str, want: set[str],
                                                   not_want: set[str]) -> None:
    art = article_from_text(text, lang, DAY)  # type: ignore[arg-type]
    got = {m.actor_id for m in extract_article(art).mentions}
    assert want <= got and not (not_want & got)
