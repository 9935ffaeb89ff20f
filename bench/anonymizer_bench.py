"""Benchmark of the anonymizer against its budget.

    python bench/anonymizer_bench.py [--paragraphs N]

Measures, each in a fresh subprocess so caches and imports start cold:

* ready time: importing ``reflectie.anonymizer`` plus the first ``anonymize`` call
  (which loads the lexicons);
* throughput: paragraphs per second, one ``anonymize`` call per paragraph and one
  ``anonymize_many`` call over all of them, on >= 2,000 teacher-note paragraphs;
* memory: peak extra memory of the process (max RSS minus that of a bare interpreter,
  and the tracemalloc peak of Python allocations).

Budget: ready <= 1 s, >= 1,000 paragraphs/s, <= 200 MB extra memory. Exit code 1 when a
budget is not met.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_READY_S = 1.0
BUDGET_PARAGRAPHS_PER_S = 1000.0
BUDGET_EXTRA_MB = 200.0

READY = """
import time
t0 = time.perf_counter()
from reflectie.anonymizer import Anonymizer
Anonymizer().anonymize("Jan de Vries (06-12345678) belde over Ahmeds stage.")
print(time.perf_counter() - t0)
"""

THROUGHPUT = """
import json, sys, time
from reflectie.anonymizer import Anonymizer
paragraphs = json.load(sys.stdin)
anonymizer = Anonymizer()
anonymizer.anonymize("warm-up: Jan de Vries")
t0 = time.perf_counter()
for p in paragraphs:
    anonymizer.anonymize(p)
single = time.perf_counter() - t0
t0 = time.perf_counter()
anonymizer.anonymize_many(paragraphs)
many = time.perf_counter() - t0
print(json.dumps({"single": len(paragraphs) / single, "many": len(paragraphs) / many}))
"""

MEMORY = """
import json, resource, sys, tracemalloc
paragraphs = json.load(sys.stdin)
tracemalloc.start()
from reflectie.anonymizer import Anonymizer
anonymizer = Anonymizer()
for p in paragraphs:
    anonymizer.anonymize(p)
anonymizer.anonymize_many(paragraphs)
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "traced": peak}))
"""

BARE = """
import json, resource, sys
json.load(sys.stdin)
print(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

# Extra paragraphs in the style of teacher notes, so the benchmark runs without shared/.
_TEMPLATES = [
    "Gesprek met {a} over de BPV. {b} vindt dat {a} goed werkt, maar de planning moet beter. "
    "Mail gestuurd naar {m}@student.roc.nl; bellen kan op 06-{n:08d}.",
    "In de PLG bespraken we het model van Hattie en Timperley (2007). {a} wil het proberen "
    "in klas 3B, {b} twijfelt nog. Volgende week evalueren we met de teamleider.",
    "**Aandachtspunten**\n- {a} (studentnummer {s}): achterstand\n- {b}: extra uitdaging",
    "Vandaag zat er een merel op de vensterbank. In de hoop dat de rust blijft, begon ik "
    "met een korte herhaling. Ik ben tevreden over de les.",
    "Meneer {c} belde over zijn zoon {a}. Terugbellen op +31 6 {n:08d}. {a}s cijfers zijn "
    "gezakt sinds de herfstvakantie.",
]
_NAMES = ["Sanne", "Ahmed", "Lotte", "Youssef", "Elif", "Daan", "Fatima", "Kacper", "Noor", "Bram"]
_SURNAMES = ["de Vries", "Bakker", "Yilmaz", "Nowak", "van den Berg", "El Amrani", "Jansen"]


def paragraphs(count: int) -> list[str]:
    found: list[str] = []
    for path in (
        ROOT.parent / "shared" / "anon-dev" / "corpus.jsonl",
        ROOT / "tests" / "anon_extra.jsonl",
    ):
        if path.exists():
            found += [
                json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line
            ]
    n = 0
    while len(found) < count // 2:
        for template in _TEMPLATES:
            found.append(
                template.format(
                    a=_NAMES[n % len(_NAMES)],
                    b=_NAMES[(n * 3 + 1) % len(_NAMES)],
                    c=_SURNAMES[n % len(_SURNAMES)].split()[-1],
                    m=_NAMES[n % len(_NAMES)].lower(),
                    n=10000000 + n * 7919,
                    s=300000 + n,
                )
            )
            n += 1
    out: list[str] = []
    while len(out) < count:
        out += found
    return out[:count]


def _run(code: str, stdin: str = "") -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return result.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description="Anonymizer benchmark")
    parser.add_argument("--paragraphs", type=int, default=2400)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for time measurements")
    args = parser.parse_args()
    data = json.dumps(paragraphs(max(args.paragraphs, 2000)))

    ready = min(float(_run(READY)) for _ in range(args.repeat))
    speeds = [json.loads(_run(THROUGHPUT, data)) for _ in range(args.repeat)]
    single = max(s["single"] for s in speeds)
    many = max(s["many"] for s in speeds)
    mem = json.loads(_run(MEMORY, data))
    bare = json.loads(_run(BARE, data))
    extra_mb = (mem["rss_kb"] - bare["rss_kb"]) / 1024
    traced_mb = mem["traced"] / (1024 * 1024)

    checks = [
        (
            "ready (import + first call)",
            f"{ready * 1000:.0f} ms",
            ready <= BUDGET_READY_S,
            "<= 1000 ms",
        ),
        (
            "paragraphs/s, anonymize()",
            f"{single:,.0f}",
            single >= BUDGET_PARAGRAPHS_PER_S,
            ">= 1,000",
        ),
        (
            "paragraphs/s, anonymize_many()",
            f"{many:,.0f}",
            many >= BUDGET_PARAGRAPHS_PER_S,
            ">= 1,000",
        ),
        ("extra memory (max RSS)", f"{extra_mb:.1f} MB", extra_mb <= BUDGET_EXTRA_MB, "<= 200 MB"),
        (
            "Python allocations (peak)",
            f"{traced_mb:.1f} MB",
            traced_mb <= BUDGET_EXTRA_MB,
            "<= 200 MB",
        ),
    ]
    print(f"anonymizer benchmark ({len(json.loads(data))} paragraphs, best of {args.repeat})")
    for name, value, ok, budget in checks:
        print(f"  {name:32} {value:>10}   budget {budget:12} {'PASS' if ok else 'FAIL'}")
    return 0 if all(ok for _, _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
