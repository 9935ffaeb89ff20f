"""cProfile one journal operation at a given size, to see where a goal's time goes.

    .venv/bin/python bench/profile_ops.py                      # warm search, 10,000 entries
    .venv/bin/python bench/profile_ops.py first-search --size 1000
    .venv/bin/python bench/profile_ops.py save open latest get

Prints the wall-clock median without the profiler, then the top functions by
own time (tottime) with the profiler on.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import SEARCH_TERM, Corpus
from run import populate_ours

from reflectie.database import open_database
from reflectie.journal import Journal
from reflectie.paths import resolve_paths

OPS = ("search", "first-search", "save", "open", "latest", "get")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ops", nargs="*", choices=OPS, default=["search"])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="reflectie-profile-"))
    try:
        corpus = Corpus(seed=args.size)
        docs = corpus.documents(args.size)
        populate_ours(root, docs)
        paths = resolve_paths(root)
        journal = Journal(open_database(paths))
        journal.search(SEARCH_TERM)  # build the fold index, so "search" is warm
        some_id = docs[len(docs) // 2]["id"]
        texts = iter([corpus.text() for _ in range(args.reps * 2)])

        def open_once() -> None:
            Journal(open_database(paths, read_only=True)).database.close()

        actions = {
            "search": lambda: journal.search(SEARCH_TERM),
            "first-search": lambda: Journal(journal.database).search(SEARCH_TERM),
            "save": lambda: journal.write(next(texts), tags=["bench"]),
            "open": open_once,
            "latest": lambda: journal.latest(20),
            "get": lambda: journal.get(some_id),
        }
        for op in args.ops:
            action = actions[op]
            samples = []
            for _ in range(args.reps):
                start = time.perf_counter()
                action()
                samples.append(time.perf_counter() - start)
            ms = statistics.median(samples) * 1000
            print(f"\n== {op} at {args.size:,} entries: median {ms:.3f} ms (no profiler)")
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.reps):
                action()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)
        journal.database.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
