"""Benchmark extract_article: throughput on synthetic ar/fa/en articles, flat in gazetteer size.

    .venv/bin/python bench/extract.py            # 5,000 articles, then 150 vs 5,000 aliases
    .venv/bin/python bench/extract.py --n 600    # a quicker run while iterating

Prints articles/s on one core (a single process) and the time per article with a small
gazetteer (about 150 actor aliases) and a large one (the same plus synthetic actors, about
5,000 aliases), built in temporary copies of data/gazetteer/ (PARLEY_GAZETTEER_DIR).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from parley.extract.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from parley.extract.pipeline import article_from_text, extract_article  # noqa: E402
from parley.records import Article, Lang  # noqa: E402

PEOPLE = {
    "ar": [
        "ماركو روبيو",
        "عباس عراقجي",
        "ستيف ويتكوف",
        "دونالد ترامب",
        "هاكان فيدان",
        "وزير الخارجية الأمريكي",
        "نائب الرئيس الأمريكي",
        "المرشد الإيراني",
    ],
    "fa": ["مارکو روبیو", "عباس عراقچی", "ویتکاف", "دونالد ترامپ", "وزیر خارجه آمریکا"],
    "en": ["Marco Rubio", "Abbas Araghchi", "Steve Witkoff", "Donald Trump", "Hakan Fidan", "JD Vance"],
}
STATES = {
    "ar": ["إيران", "الولايات المتحدة", "سلطنة عمان", "قطر", "مصر", "تركيا", "طهران", "واشنطن"],
    "fa": ["ایران", "آمریکا", "عمان", "قطر", "ترکیه", "تهران", "واشینگتن"],
    "en": ["Iran", "the United States", "Oman", "Qatar", "Egypt", "Turkey", "Tehran", "Washington"],
}
PLACES = {
    "ar": ["مسقط", "الدوحة", "أنقرة", "روما", "جنيف", "إسطنبول", "القاهرة"],
    "fa": ["مسقط", "دوحه", "آنکارا", "رم", "ژنو", "استانبول"],
    "en": ["Muscat", "Doha", "Ankara", "Rome", "Geneva", "Istanbul", "Cairo"],
}
TOPICS = {
    "ar": [
        "البرنامج النووي",
        "برنامج الصواريخ الباليستية",
        "الجماعات الوكيلة",
        "حقوق الإنسان",
        "العقوبات",
        "التخصيب",
    ],
    "fa": ["برنامه هسته‌ای", "برنامه موشکی", "گروه‌های نیابتی", "حقوق بشر", "تحریم‌ها"],
    "en": [
        "the nuclear programme",
        "ballistic missiles",
        "proxy groups",
        "human rights",
        "sanctions",
        "enrichment",
    ],
}
DATES = {
    "ar": ["أمس السبت", "اليوم", "مساء أمس", "5 فبراير 2026", "الخميس", "قبل ذلك بيوم"],
    "fa": ["دیروز", "امروز", "۵ فوریه ۲۰۲۶", "۱۵ بهمن ۱۴۰۴"],
    "en": ["yesterday", "on Thursday", "on February 5, 2026", "today"],
}
TEMPLATES = {
    "ar": [
        "قال {p} إن {s} مستعدة للحوار إذا توقفت الضغوط.",
        "وأكد {p} أن {s} ترفض التفاوض بشأن {t}.",
        "تصر {s} على مناقشة {t} فقط، بينما تطالب {s2} بإدراج {t2}.",
        "وزار {p} {c} {d} حيث التقى مع {p2}.",
        "وأجرى {p} اتصالا هاتفيا {d} مع {p2}.",
        "أعلن البيت الأبيض نقل المحادثات إلى {c} بدلا من {c2}.",
        "وتعمل {s} و{s2} على تنظيم اجتماع في {c} الأسبوع المقبل.",
        'وأضاف: "نريد اتفاقا عادلا يشمل {t} ويضمن الاستقرار".',
        "يظل دور {s} كوسيط أساسي في المفاوضات.",
        'وكشف موقع "أكسيوس" أن {s} أبلغت {s2} استعدادها للتفاوض على {t}.',
    ],
    "fa": [
        "{p} گفت: «{s} آماده گفتوگو درباره {t} است.»",
        "او افزود که {s} با مذاکره درباره {t} مخالف است.",
        "{p} {d} به {c} سفر کرد و با {p2} دیدار کرد.",
        "به گفته {p}، دور بعدی مذاکرات در {c} برگزار می‌شود.",
        "اگر تحریم‌ها لغو شود، {s} آماده مذاکره است.",
    ],
    "en": [
        "{p} said that {s} was ready to talk if the pressure stopped.",
        "{s} rejects any negotiation on {t}, {p} told reporters {d}.",
        "{p} visited {c} {d} and met {p2}.",
        "The talks were moved to {c} instead of {c2}.",
        "{s} insists on {t} only, while {s2} demands limits on {t2}.",
        '"We want a fair deal that covers {t}," {p} said.',
    ],
}


def make_article(rng: random.Random, i: int) -> Article:
    """One synthetic article of 6-12 sentences in a random language."""
    lang: Lang = rng.choice(("ar", "ar", "fa", "en"))

    def pick(table: dict[str, list[str]]) -> str:
        return rng.choice(table[lang])

    lines = []
    for _ in range(rng.randint(6, 12)):
        tpl = rng.choice(TEMPLATES[lang])
        lines.append(
            tpl.format(
                p=pick(PEOPLE),
                p2=pick(PEOPLE),
                s=pick(STATES),
                s2=pick(STATES),
                c=pick(PLACES),
                c2=pick(PLACES),
                t=pick(TOPICS),
                t2=pick(TOPICS),
                d=pick(DATES),
            )
        )
    day = None if i % 7 == 0 else dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 60))
    return article_from_text("\n".join(lines), lang, day, origin=f"synthetic-{i}")


def _forms(entry: dict[str, Any]) -> int:
    names = entry.get("name") or {}
    aliases = entry.get("aliases") or {}
    return len(names) + sum(len(v) if isinstance(v, list) else 1 for v in aliases.values())


def build_gazetteer_dir(root: Path, target_aliases: int, rng: random.Random) -> tuple[Path, int]:
    """A copy of data/gazetteer/ whose actors.yaml holds about ``target_aliases`` forms."""
    src = REPO / "data" / "gazetteer"
    dst = root / f"gaz_{target_aliases}"
    shutil.copytree(src, dst)
    data = yaml.safe_load((dst / "actors.yaml").read_text(encoding="utf-8"))
    actors: list[dict[str, Any]] = data["actors"]
    places = yaml.safe_load((dst / "places.yaml").read_text(encoding="utf-8"))["places"]
    needed = {p.get("country") for p in places} | {a.get("country") for a in actors}
    keep_ids = {
        "marco_rubio",
        "abbas_araghchi",
        "steve_witkoff",
        "donald_trump",
        "hakan_fidan",
        "jd_vance",
        "white_house",
        "axios",
    } | needed
    kept = [a for a in actors if a["id"] in keep_ids]
    kept_ids = {a["id"] for a in kept}
    for a in kept:  # keep references valid
        if a.get("country") not in kept_ids:
            a.pop("country", None)
    total = sum(_forms(a) for a in kept)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    n = 0
    used: set[str] = set()  # no two synthetic actors may share a form (checked on load)
    while total < target_aliases:
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 7))) for _ in range(3)]
        if len(set(words)) < 3 or used & set(words):
            continue
        used.update(words)
        n += 1
        latin = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4)).title()
        kept.append(
            {
                "id": f"synthetic_{n}",
                "kind": "person",
                "side": "other",
                "name": {"en": f"{latin} Synthetic{n}", "ar": " ".join(words[:2])},
                "aliases": {"ar": [words[2], f"{words[0]} {words[2]}"], "en": [f"{latin}{n}"]},
            }
        )
        total += 5
    data["actors"] = kept
    (dst / "actors.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return dst, total


def timed(articles: list[Article], gaz: Gazetteer) -> float:
    """CPU seconds of this process to extract every article (after one warm-up call).

    Process time, not wall time: the machine is shared, and one process uses one core.
    """
    extract_article(articles[0], gaz)
    t0 = time.process_time()
    for a in articles:
        extract_article(a, gaz)
    return time.process_time() - t0


def main() -> None:
    """Run the benchmark and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000, help="synthetic articles (default 5000)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = [make_article(rng, i) for i in range(args.n)]
    by_lang = {lang: sum(1 for a in articles if a.lang == lang) for lang in ("ar", "fa", "en")}
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} synthetic articles {by_lang}, {chars / len(articles):.0f} chars each on average")

    gaz = load_gazetteer()
    secs = timed(articles, gaz)
    print(
        f"default gazetteer ({len(gaz.actors)} actors): {len(articles) / secs:.0f} articles/s "
        f"({1000 * secs / len(articles):.2f} ms/article, one core)"
    )

    sample = articles[: min(len(articles), 1500)]
    with tempfile.TemporaryDirectory() as tmp:
        for target in (150, 5000):
            folder, forms = build_gazetteer_dir(Path(tmp), target, rng)
            os.environ["PARLEY_GAZETTEER_DIR"] = str(folder)
            g = load_gazetteer()
            s = timed(sample, g)
            print(
                f"gazetteer with {forms:>5} actor aliases ({len(g.actors)} actors): "
                f"{1000 * s / len(sample):.2f} ms/article over {len(sample)} articles"
            )
        os.environ.pop("PARLEY_GAZETTEER_DIR", None)


if __name__ == "__main__":
    main()
