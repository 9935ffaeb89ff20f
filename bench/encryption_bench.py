"""Encryption at rest: unlock time and save time, encrypted vs plain.

    .venv/bin/python bench/encryption_bench.py            # 100 and 10,000 entries
    .venv/bin/python bench/encryption_bench.py --saves 30

Unlock = Argon2id key derivation (m=64 MiB, t=3, p=4) + reading and decrypting
the journal (``open_database`` with the passphrase). Save = one ``Journal.write``
(one AES-GCM-encrypted, fsynced log line). Goal: an encrypted save at 10,000
entries within 1.5x the plain goal of 10 ms, i.e. <= 15 ms (median).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import Corpus

from reflectie import encryption
from reflectie.database import ENTRIES, open_database
from reflectie.journal import Journal
from reflectie.paths import resolve_paths

PASSPHRASE = "bench-wachtwoord-123"
GOAL_PLAIN_SAVE_MS = 10.0
GOAL_RATIO = 1.5


def _populate(data_dir: Path, size: int) -> None:
    docs = Corpus(seed=size).documents(size)
    database = open_database(resolve_paths(data_dir), backups=False)
    try:
        database.storage.write({ENTRIES: {str(i): doc for i, doc in enumerate(docs, 1)}})
    finally:
        database.close()


def _save_median(data_dir: Path, passphrase: str | None, saves: int) -> float:
    database = open_database(resolve_paths(data_dir), backups=False, passphrase=passphrase)
    try:
        journal = Journal(database)
        corpus = Corpus(seed=99)
        timings = []
        for _ in range(saves):
            text = corpus.text()
            start = time.perf_counter()
            journal.write(text, tags=["bench"])
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        database.close()
    return statistics.median(timings)


def _unlock_median(data_dir: Path, reps: int) -> float:
    timings = []
    for _ in range(reps):
        start = time.perf_counter()
        open_database(resolve_paths(data_dir), backups=False, passphrase=PASSPHRASE).close()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def run(sizes: tuple[int, ...], saves: int, unlocks: int) -> dict[int, dict[str, float]]:
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="reflectie-crypt-bench-") as tmp:
        for size in sizes:
            data_dir = Path(tmp) / f"j{size}"
            print(f"{size:,} entries: populating", file=sys.stderr)
            _populate(data_dir, size)
            plain = _save_median(data_dir, None, saves)
            start = time.perf_counter()
            encryption.enable(resolve_paths(data_dir), PASSPHRASE)
            enable_ms = (time.perf_counter() - start) * 1000
            results[size] = {
                "plain_save_ms": plain,
                "encrypted_save_ms": _save_median(data_dir, PASSPHRASE, saves),
                "unlock_ms": _unlock_median(data_dir, unlocks),
                "enable_ms": enable_ms,
            }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--unlocks", type=int, default=5)
    args = parser.parse_args()
    results = run((100, 10_000), args.saves, args.unlocks)
    print(
        f"{'entries':>8} {'unlock ms':>10} {'plain save':>11} {'enc. save':>10} {'enable ms':>10}"
    )
    for size, r in results.items():
        print(
            f"{size:>8,} {r['unlock_ms']:>10.1f} {r['plain_save_ms']:>11.2f} "
            f"{r['encrypted_save_ms']:>10.2f} {r['enable_ms']:>10.1f}"
        )
    large = results[10_000]
    ratio = large["encrypted_save_ms"] / large["plain_save_ms"]
    goal = GOAL_RATIO * GOAL_PLAIN_SAVE_MS
    ok = large["encrypted_save_ms"] <= goal
    print(f"encrypted/plain save at 10,000: {ratio:.2f}x")
    print(f"goal: encrypted save at 10,000 <= {goal:g} ms: {'OK' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
