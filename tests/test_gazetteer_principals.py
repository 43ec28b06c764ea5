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
