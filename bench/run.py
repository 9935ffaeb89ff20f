"""Benchmark reflectie's journal storage against TinyDB's JSONStorage.

    .venv/bin/python bench/run.py            # full run (~1 minute on 2 cores)
    .venv/bin/python bench/run.py --quick    # smoke run (< 30 s), fewer repetitions
    .venv/bin/python bench/run.py --json results.json

See bench/README.md for what each number means and for the goals. Progress goes
to stderr; the report goes to stdout.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson
from corpus import SEARCH_TERM, Corpus, expected_hits
from startup import (
    StartupError,
    measure_bare_startup,
    measure_tui_startup,
    tui_available,
)
from tinydb import Query, TinyDB

from reflectie.database import ENTRIES, open_database
from reflectie.journal import Journal
from reflectie.paths import resolve_paths
from reflectie.textnorm import fold

SIZES = (100, 1_000, 10_000)
OURS, JSON = "ours", "json"

# Goals (see README).
GOAL_SAVE_10K_MS = 10.0
GOAL_SAVE_GROWTH = 2.0
GOAL_SEARCH_10K_MS = 20.0


@dataclass(frozen=True)
class Plan:
    """How many repetitions of what."""

    open_runs: int
    open_first_of_day_runs: int
    fresh_open_runs: int
    gets: int
    latest: int
    searches: int
    saves: int
    compacts: int
    json_reps: dict[int, int]  # per size: save/get/latest/search repetitions for JSONStorage
    json_open_runs: int
    cli_runs: int
    startup_runs: int


FULL = Plan(
    open_runs=7,
    open_first_of_day_runs=3,
    fresh_open_runs=5,
    gets=200,
    latest=100,
    searches=30,
    saves=60,
    compacts=3,
    json_reps={100: 50, 1_000: 30, 10_000: 10},
    json_open_runs=5,
    cli_runs=7,
    startup_runs=5,
)
QUICK = Plan(
    open_runs=3,
    open_first_of_day_runs=1,
    fresh_open_runs=2,
    gets=50,
    latest=20,
    searches=10,
    saves=20,
    compacts=1,
    json_reps={100: 10, 1_000: 5, 10_000: 3},
    json_open_runs=2,
    cli_runs=3,
    startup_runs=2,
)

# -- measuring helpers ------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def clock() -> float:
    return time.perf_counter()


def time_each(fn: Callable[[Any], Any], args: list[Any]) -> list[float]:
    """Seconds per call of ``fn(arg)`` for every arg."""
    gc.collect()
    samples = []
    for arg in args:
        start = clock()
        fn(arg)
        samples.append(clock() - start)
    return samples


# Reads of the database file, seen two independent ways: an audit hook counts every
# open() (builtins.open, io.open, os.open, Path.read_bytes, ...) of a file in the data
# folder, and /proc/self/io's rchar counts every byte the process read through any
# descriptor, including one kept open (which is how JSONStorage re-reads).
_WATCHED: list[str] = []
_OPENED: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not _WATCHED or isinstance(args[0], int):
        return
    try:
        path = os.path.abspath(os.fsdecode(args[0]))
    except (TypeError, ValueError):
        return
    for folder in _WATCHED:
        if path == folder or path.startswith(folder + os.sep):
            _OPENED.append(path)


sys.addaudithook(_audit)


def _bytes_read() -> int | None:
    try:
        with open("/proc/self/io", "rb") as handle:
            for line in handle:
                if line.startswith(b"rchar:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


@dataclass
class ReadWatch:
    """Opens of files in ``folder`` and bytes read while the watch is active."""

    folder: Path
    opens: int = 0
    bytes_read: int | None = 0
    calls: int = 0

    @contextmanager
    def active(self, calls: int) -> Iterator[None]:
        _WATCHED.append(str(self.folder.resolve()))
        _OPENED.clear()
        before = _bytes_read()
        try:
            yield
        finally:
            after = _bytes_read()
            _WATCHED.pop()
            self.opens += len(_OPENED)
            _OPENED.clear()
            self.calls += calls
            if before is None or after is None or self.bytes_read is None:
                self.bytes_read = None
            else:
                self.bytes_read += after - before


@contextmanager
def count_fsyncs() -> Iterator[list[float]]:
    """Seconds spent in each ``os.fsync`` call (LogStorage and JSONStorage both call it
    through ``os``), so a save's disk wait can be told apart from its own work."""
    durations: list[float] = []
    original = os.fsync

    def timed_fsync(fd: Any) -> None:
        start = clock()
        try:
            original(fd)
        finally:
            durations.append(clock() - start)

    os.fsync = timed_fsync  # type: ignore[assignment]
    try:
        yield durations
    finally:
        os.fsync = original  # type: ignore[assignment]


# -- results -----------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: int
    db_bytes: dict[str, int] = field(default_factory=dict)
    samples: dict[str, dict[str, list[float]]] = field(default_factory=lambda: {OURS: {}, JSON: {}})
    watch: dict[str, ReadWatch] = field(default_factory=dict)
    fsyncs_per_save: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, backend: str, op: str, samples: list[float]) -> None:
        self.samples[backend].setdefault(op, []).extend(samples)

    def med_ms(self, backend: str, op: str) -> float | None:
        samples = self.samples[backend].get(op)
        return median(samples) * 1000 if samples else None

    def p95_ms(self, backend: str, op: str) -> float | None:
        samples = self.samples[backend].get(op)
        return p95(samples) * 1000 if samples else None


def check(condition: bool, message: str, result: SizeResult) -> None:
    if not condition:
        result.notes.append("SANITY: " + message)
        log("  warning: " + message)


# The in-process "open" runs in a long-lived process with a large, warm heap (the
# generated documents), which changes allocator and GC behaviour; "open, fresh
# process" times the same open inside a new interpreter, as the CLI and TUI run it.
FRESH_OPEN = {
    OURS: """
import sys, time
from reflectie.database import open_database
from reflectie.journal import Journal
from reflectie.paths import resolve_paths
paths = resolve_paths(sys.argv[1])
start = time.perf_counter()
database = open_database(paths)
journal = Journal(database)
elapsed = time.perf_counter() - start
database.close()
print(elapsed, len(journal))
""",
    JSON: """
import sys, time
from tinydb import TinyDB
start = time.perf_counter()
db = TinyDB(sys.argv[1])
count = len(db.table("entries"))
elapsed = time.perf_counter() - start
db.close()
print(elapsed, count)
""",
}


def open_in_fresh_process(backend: str, target: Path, runs: int) -> list[float]:
    """Seconds for the open itself (imports excluded), each in a new interpreter."""
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", FRESH_OPEN[backend], str(target)],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(float(done.stdout.split()[0]))
    return samples


# -- ours ----------------------------------------------------------------------------------


def populate_ours(data_dir: Path, docs: list[dict[str, Any]]) -> None:
    """A journal holding ``docs``, written as one snapshot through the storage's write()."""
    database = open_database(resolve_paths(data_dir))  # creates it, sets the schema
    try:
        database.storage.write({ENTRIES: {str(i): doc for i, doc in enumerate(docs, 1)}})
    finally:
        database.close()


def bench_ours(
    data_dir: Path, docs: list[dict[str, Any]], corpus: Corpus, plan: Plan, result: SizeResult
) -> None:
    size = len(docs)
    paths = resolve_paths(data_dir)
    hits = expected_hits(size)
    watch = result.watch.setdefault(OURS, ReadWatch(data_dir))
    rng = random.Random(size)

    # open (cold in-process: new Database + Journal from the file each time), and the
    # first search on each freshly built Journal (it builds the fold index).
    open_times, first_search = [], []
    journal = None
    for run in range(plan.open_runs):
        gc.collect()
        start = clock()
        database = open_database(paths)
        journal = Journal(database)
        open_times.append(clock() - start)
        check(len(journal) == size, f"ours opened {len(journal)} entries, expected {size}", result)
        with watch.active(1):
            start = clock()
            found = journal.search(SEARCH_TERM)
            first_search.append(clock() - start)
        check(len(found) == hits, f"ours first search found {len(found)}, expected {hits}", result)
        if run < plan.open_runs - 1:
            database.close()
    result.add(OURS, "open", open_times)
    result.add(OURS, "search_first", first_search)
    assert journal is not None

    ids = [d["id"] for d in docs]
    get_ids = [rng.choice(ids) for _ in range(plan.gets)]
    with watch.active(plan.gets):
        result.add(OURS, "get", time_each(journal.get, get_ids))
    with watch.active(plan.latest):
        result.add(OURS, "latest20", time_each(lambda _: journal.latest(20), [None] * plan.latest))
    newest = {d["id"] for d in sorted(docs, key=lambda d: d["aangemaakt"])[-20:]}
    check({e.id for e in journal.latest(20)} == newest, "ours latest-20 differs", result)
    with watch.active(plan.searches):
        result.add(
            OURS,
            "search_warm",
            time_each(lambda _: journal.search(SEARCH_TERM), [None] * plan.searches),
        )

    # save: real writes through Journal.write (append + fsync before it returns).
    new_docs = [corpus.new_document() for _ in range(plan.saves)]

    def save(doc: dict[str, Any]) -> None:
        journal.write(
            doc["tekst"], prompt=doc["prompt"], promptset=doc["promptset"], tags=doc["tags"]
        )

    with count_fsyncs() as fsyncs:
        result.add(OURS, "save", time_each(save, new_docs))
    result.fsyncs_per_save[OURS] = len(fsyncs) / plan.saves
    result.add(OURS, "save_fsync", fsyncs)
    check(len(journal) == size + plan.saves, "ours lost a save", result)

    # compaction (rare: once the appended deltas outgrow the snapshot and 4 MB).
    storage = journal.database.storage
    result.add(OURS, "compact", time_each(lambda _: storage.compact(), [None] * plan.compacts))
    journal.database.close()

    # The first open of a day also copies the whole file into backups/.
    first_of_day = []
    for _ in range(plan.open_first_of_day_runs):
        shutil.rmtree(paths.backups, ignore_errors=True)
        gc.collect()
        start = clock()
        database = open_database(paths)
        Journal(database)
        first_of_day.append(clock() - start)
        database.close()
    result.add(OURS, "open_first_of_day", first_of_day)
    result.add(OURS, "open_fresh", open_in_fresh_process(OURS, data_dir, plan.fresh_open_runs))
    with open_database(paths, read_only=True) as database:
        check(len(Journal(database)) == size + plan.saves, "ours: saves not on disk", result)


# -- TinyDB JSONStorage -------------------------------------------------------------------


def bench_json(
    path: Path, docs: list[dict[str, Any]], corpus: Corpus, plan: Plan, result: SizeResult
) -> None:
    size = len(docs)
    reps = plan.json_reps[size]
    hits = expected_hits(size)
    term = fold(SEARCH_TERM)
    watch = result.watch.setdefault(JSON, ReadWatch(path.parent))
    rng = random.Random(size)

    def matches(text: str) -> bool:
        return term in fold(text)

    def search(table: Any) -> list[Any]:
        table.clear_cache()  # TinyDB caches query results until the next write
        return table.search(Query().tekst.test(matches))

    open_times, first_search = [], []
    db = None
    for run in range(plan.json_open_runs):
        gc.collect()
        start = clock()
        db = TinyDB(path)
        count = len(db.table(ENTRIES))
        open_times.append(clock() - start)
        check(count == size, f"JSONStorage opened {count} entries, expected {size}", result)
        with watch.active(1):
            start = clock()
            found = search(db.table(ENTRIES))
            first_search.append(clock() - start)
        check(len(found) == hits, f"JSONStorage search found {len(found)}, expected {hits}", result)
        if run < plan.json_open_runs - 1:
            db.close()
    result.add(JSON, "open", open_times)
    result.add(JSON, "search_first", first_search)
    assert db is not None
    table = db.table(ENTRIES)

    ids = [d["id"] for d in docs]
    get_ids = [rng.choice(ids) for _ in range(reps)]
    with watch.active(reps):
        result.add(JSON, "get", time_each(lambda x: table.get(Query().id == x), get_ids))

    def latest(_: Any) -> list[Any]:
        return sorted(table.all(), key=lambda d: d["aangemaakt"], reverse=True)[:20]

    with watch.active(reps):
        result.add(JSON, "latest20", time_each(latest, [None] * reps))
    with watch.active(reps):
        result.add(JSON, "search_warm", time_each(lambda _: search(table), [None] * reps))

    new_docs = [corpus.new_document() for _ in range(reps)]
    with count_fsyncs() as fsyncs:
        result.add(JSON, "save", time_each(table.insert, new_docs))
    result.fsyncs_per_save[JSON] = len(fsyncs) / reps
    result.add(JSON, "save_fsync", fsyncs)
    db.close()
    result.add(JSON, "open_fresh", open_in_fresh_process(JSON, path, plan.fresh_open_runs))


def populate_json(path: Path, docs: list[dict[str, Any]]) -> None:
    db = TinyDB(path)
    try:
        db.table(ENTRIES).insert_multiple(docs)
    finally:
        db.close()


# -- whole process ---------------------------------------------------------------------


def reflectie_command() -> list[str]:
    script = Path(sys.executable).with_name("reflectie")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reflectie"]


def time_cli(args: list[str], runs: int) -> tuple[list[float], str]:
    """One untimed warm-up (bytecode, page cache, today's backup), then ``runs`` timed runs."""
    command = reflectie_command() + args
    samples = []
    output = ""
    for index in range(runs + 1):
        start = clock()
        done = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL)
        elapsed = clock() - start
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr.decode().strip()}")
        output = done.stdout.decode("utf-8", "replace")
        if index:
            samples.append(elapsed)
    return samples, output


def bench_cli(
    empty_dir: Path, full_dir: Path, full_size: int, corpus: Corpus, plan: Plan
) -> dict[str, Any]:
    text = corpus.text()
    results: dict[str, Any] = {}
    for label, folder in (("empty", empty_dir), (str(full_size), full_dir)):
        log(f"  whole process: {label} journal")
        schrijf, _ = time_cli(["schrijf", text, "--data-dir", str(folder)], plan.cli_runs)
        zoek, output = time_cli(["zoek", SEARCH_TERM, "--data-dir", str(folder)], plan.cli_runs)
        lines = [line for line in output.splitlines() if line.strip()]
        found = 0 if lines == ["Geen reflecties gevonden."] else len(lines)
        results[label] = {"schrijf": schrijf, "zoek": zoek, "zoek_hits": found}
    return results


# -- report ----------------------------------------------------------------------------------

ROWS = [
    ("save", "save, median"),
    ("save_p95", "save, p95"),
    ("save_fsync", "  of which in fsync, median"),
    ("get", "get by id"),
    ("latest20", "list-latest-20"),
    ("search_first", "search, first (builds index)"),
    ("search_warm", "search, warm"),
    ("open", "open (database + Journal)"),
    ("open_fresh", "open, fresh process"),
    ("open_first_of_day", "open, 1st of day (+backup)"),
    ("compact", "compact (rare)"),
]


def value_ms(result: SizeResult, backend: str, op: str) -> float | None:
    if op == "save_p95":
        return result.p95_ms(backend, "save")
    return result.med_ms(backend, op)


def count(result: SizeResult, backend: str, op: str) -> int:
    return len(result.samples[backend].get("save" if op == "save_p95" else op, []))


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1:
        return f"{value:.3f}"
    if value < 100:
        return f"{value:.2f}"
    return f"{value:.0f}"


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 0.01:
        return f"{value:.4f}×"
    if value < 10:
        return f"{value:.2f}×"
    return f"{value:.0f}×"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def print_report(
    results: dict[int, SizeResult],
    cli: dict[str, Any] | None,
    startup: dict[str, Any],
    plan: Plan,
    goals: list[tuple[str, bool, str]],
) -> None:
    out = print
    out("")
    out("Times in milliseconds: median unless marked p95; n = repetitions ours/JSONStorage.")
    header = (
        f"{'operation':<30}{'entries':>8}{'ours':>11}{'JSONStorage':>13}{'ours/JSON':>11}{'n':>10}"
    )
    out(header)
    out("-" * len(header))
    for op, label in ROWS:
        for size, result in results.items():
            ours, theirs = value_ms(result, OURS, op), value_ms(result, JSON, op)
            n = f"{count(result, OURS, op)}/{count(result, JSON, op) or '-'}"
            out(
                f"{label:<30}{size:>8,}{fmt_ms(ours):>11}{fmt_ms(theirs):>13}"
                f"{fmt_ratio(ratio(ours, theirs)):>11}{n:>10}"
            )
        out("")
    sizes = list(results)
    small, large = results[sizes[0]], results[sizes[-1]]
    out(
        f"Growth of ours, {sizes[-1]:,} vs {sizes[0]:,} entries "
        f"({sizes[-1] // sizes[0]}× the data):"
    )
    for op, label in ROWS:
        growth = ratio(value_ms(large, OURS, op), value_ms(small, OURS, op))
        out(f"  {label:<30}{fmt_ratio(growth):>10}")
    out("")
    reps = ", ".join(f"{size:,}: {plan.json_reps[size]}" for size in sizes)
    out(
        f"JSONStorage re-reads and re-writes the whole file per call, so it gets fewer "
        f"repetitions ({reps}; open: {plan.json_open_runs})."
    )
    out(
        "fsyncs per save: "
        + "; ".join(
            f"{size:,}: ours {r.fsyncs_per_save.get(OURS, 0):.1f}, "
            f"JSON {r.fsyncs_per_save.get(JSON, 0):.1f}"
            for size, r in results.items()
        )
    )
    out(
        "database file: "
        + "; ".join(
            f"{size:,}: ours {r.db_bytes[OURS] / 1e6:.2f} MB, JSON {r.db_bytes[JSON] / 1e6:.2f} MB"
            for size, r in results.items()
        )
    )
    out("File reads during queries (get, latest, searches):")
    for size, r in results.items():
        parts = []
        for backend, name in ((OURS, "ours"), (JSON, "JSONStorage")):
            w = r.watch[backend]
            read = "n/a" if w.bytes_read is None else f"{w.bytes_read / 1e6:.3f} MB read"
            parts.append(f"{name} {w.opens} opens, {read} in {w.calls} calls")
        out(f"  {size:>6,}: " + "; ".join(parts))
    notes = [note for r in results.values() for note in r.notes]
    for note in notes:
        out(note)

    if cli is not None:
        out("")
        out(f"Whole process (subprocess wall time, median of {plan.cli_runs} after 1 warm-up):")
        labels = list(cli)
        for command in ("schrijf", "zoek"):
            empty, full = (
                median(cli[labels[0]][command]) * 1000,
                median(cli[labels[1]][command]) * 1000,
            )
            out(
                f"  reflectie {command:<8} empty {empty:7.0f} ms   {int(labels[1]):,} entries "
                f"{full:7.0f} ms   ratio {fmt_ratio(full / empty)}"
            )
        out(f"  (zoek found {cli[labels[1]]['zoek_hits']} entries in the full journal)")

    out("")
    out(
        f"Start-up to first screen (subprocess, headless 80×24, "
        f"median of {plan.startup_runs} after 1 warm-up):"
    )
    bare = startup.get("bare")
    if bare:
        out(
            f"  bare Textual app (Header, list, TextArea, Footer): {fmt_ms(median(bare) * 1000)} ms"
        )
    else:
        out(f"  bare Textual app: failed: {startup.get('bare_error')}")
    if startup.get("tui") is None:
        out(f"  TUI start-up: {startup.get('tui_status', 'not yet available')}")
    else:
        for label, samples in startup["tui"].items():
            tui = median(samples) * 1000
            base = median(bare) * 1000 if bare else None
            what = "first screen (loading)" if label.startswith("first") else "home screen"
            journal = label.removeprefix("first ")
            out(
                f"  reflectie TUI to {what}, {journal} journal: {fmt_ms(tui)} ms   "
                f"ratio to bare {fmt_ratio(ratio(tui, base))}"
            )

    out("")
    out("Goals:")
    for name, passed, detail in goals:
        out(f"  {'PASS' if passed else 'FAIL'}  {name}  ({detail})")


def evaluate_goals(results: dict[int, SizeResult]) -> list[tuple[str, bool, str]]:
    goals = []
    sizes = list(results)
    large, small = results[sizes[-1]], results[sizes[0]]
    save_large = large.med_ms(OURS, "save") or math.inf
    save_small = small.med_ms(OURS, "save") or math.inf
    goals.append(
        (
            f"save at {sizes[-1]:,} ≤ {GOAL_SAVE_10K_MS:g} ms (median)",
            save_large <= GOAL_SAVE_10K_MS,
            f"{save_large:.2f} ms",
        )
    )
    goals.append(
        (
            f"save at {sizes[-1]:,} ≤ {GOAL_SAVE_GROWTH:g}× save at {sizes[0]:,}",
            save_large <= GOAL_SAVE_GROWTH * save_small,
            f"{save_large:.2f} ms vs {save_small:.2f} ms = {save_large / save_small:.2f}×",
        )
    )
    search = large.med_ms(OURS, "search_warm") or math.inf
    goals.append(
        (
            f"search over {sizes[-1]:,} ≤ {GOAL_SEARCH_10K_MS:g} ms (warm median)",
            search <= GOAL_SEARCH_10K_MS,
            f"{search:.2f} ms",
        )
    )
    reread = []
    for size, r in results.items():
        w = r.watch[OURS]
        if w.opens or (w.bytes_read is not None and w.bytes_read >= r.db_bytes[OURS]):
            reread.append(f"{size:,}: {w.opens} opens, {w.bytes_read} bytes")
    how = "no open() of any file in the data folder" + (
        ", and less than one file's worth of bytes read in total"
        if all(r.watch[OURS].bytes_read is not None for r in results.values())
        else " (rchar unavailable: opens only)"
    )
    goals.append(
        (
            "queries never re-read the database file",
            not reread,
            "; ".join(reread) if reread else how,
        )
    )
    return goals


# -- main ---------------------------------------------------------------------------------------


def run(plan: Plan, sizes: tuple[int, ...], root: Path, skip_cli: bool) -> dict[str, Any]:
    results: dict[int, SizeResult] = {}
    cli_dirs: tuple[Path, Path] | None = None
    for size in sizes:
        log(f"{size:,} entries: generating")
        corpus = Corpus(seed=size)
        docs = corpus.documents(size)
        result = results[size] = SizeResult(size)

        ours_dir = root / f"ours-{size}"
        log(f"{size:,} entries: populating ours")
        populate_ours(ours_dir, docs)
        result.db_bytes[OURS] = resolve_paths(ours_dir).database.stat().st_size
        if size == sizes[-1] and not skip_cli:
            empty_dir, full_dir = root / "cli-empty", root / f"cli-{size}"
            open_database(resolve_paths(empty_dir)).close()
            full_dir.mkdir()
            shutil.copy2(resolve_paths(ours_dir).database, resolve_paths(full_dir).database)
            cli_dirs = (empty_dir, full_dir)
        log(f"{size:,} entries: measuring ours")
        bench_ours(ours_dir, docs, corpus, plan, result)

        json_path = root / f"json-{size}" / "db.json"
        json_path.parent.mkdir()
        log(f"{size:,} entries: populating JSONStorage")
        populate_json(json_path, docs)
        result.db_bytes[JSON] = json_path.stat().st_size
        log(f"{size:,} entries: measuring JSONStorage ({plan.json_reps[size]} repetitions)")
        bench_json(json_path, docs, corpus, plan, result)
        del docs
        gc.collect()

    cli = None
    if cli_dirs is not None:
        cli = bench_cli(*cli_dirs, sizes[-1], Corpus(seed=7), plan)

    startup: dict[str, Any] = {}
    log("start-up: bare Textual app")
    try:
        startup["bare"] = measure_bare_startup(plan.startup_runs)
    except StartupError as exc:
        startup["bare"] = None
        startup["bare_error"] = str(exc)
    available, why = tui_available()
    if not available:
        startup["tui"] = None
        startup["tui_status"] = f"not yet available ({why})"
    else:
        log("start-up: reflectie TUI")
        try:
            tui: dict[str, list[float]] = {}
            if cli_dirs is not None:
                big = f"{sizes[-1]:,}-entry"
                tui["empty"] = measure_tui_startup(cli_dirs[0], plan.startup_runs)
                tui[big] = measure_tui_startup(cli_dirs[1], plan.startup_runs)
                tui[f"first {big}"] = measure_tui_startup(
                    cli_dirs[1], plan.startup_runs, until_home=False
                )
            else:
                empty = root / "tui-empty"
                tui["empty"] = measure_tui_startup(empty, plan.startup_runs)
            startup["tui"] = tui
        except StartupError as exc:
            startup["tui"] = None
            startup["tui_status"] = f"failed: {exc}"

    goals = evaluate_goals(results)
    print_report(results, cli, startup, plan, goals)
    return {
        "meta": {
            "when": datetime.now().astimezone().isoformat(timespec="seconds"),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "sizes": list(sizes),
            "search_term": SEARCH_TERM,
        },
        "sizes": {
            str(size): {
                "db_bytes": r.db_bytes,
                "fsyncs_per_save": r.fsyncs_per_save,
                "reads_during_queries": {
                    b: {"opens": w.opens, "bytes_read": w.bytes_read, "calls": w.calls}
                    for b, w in r.watch.items()
                },
                "ops": {
                    backend: {
                        op: {
                            "median_ms": median(s) * 1000,
                            "p95_ms": p95(s) * 1000,
                            "samples_ms": [x * 1000 for x in s],
                        }
                        for op, s in ops.items()
                    }
                    for backend, ops in r.samples.items()
                },
                "notes": r.notes,
            }
            for size, r in results.items()
        },
        "whole_process_ms": None
        if cli is None
        else {
            label: {k: ([x * 1000 for x in v] if isinstance(v, list) else v) for k, v in d.items()}
            for label, d in cli.items()
        },
        "startup_ms": {
            k: (
                [x * 1000 for x in v]
                if isinstance(v, list)
                else {kk: [x * 1000 for x in vv] for kk, vv in v.items()}
                if isinstance(v, dict)
                else v
            )
            for k, v in startup.items()
        },
        "goals": [{"goal": n, "pass": p, "detail": d} for n, p, d in goals],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--json", metavar="FILE", help="also write the raw results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    parser.add_argument("--no-cli", action="store_true", help="skip the whole-process runs")
    args = parser.parse_args(argv)

    plan = QUICK if args.quick else FULL
    root = Path(tempfile.mkdtemp(prefix="reflectie-bench-"))
    started = clock()
    log(f"working in {root}")
    try:
        data = run(plan, SIZES, root, skip_cli=args.no_cli)
    finally:
        if args.keep:
            log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    elapsed = clock() - started
    data["meta"]["quick"] = args.quick
    data["meta"]["duration_s"] = elapsed
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"; load average at the end {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
        data["meta"]["loadavg_end"] = os.getloadavg()
    print(f"\n(total benchmark time {elapsed:.0f} s{', --quick' if args.quick else ''}{load})")
    if args.json:
        Path(args.json).write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        log(f"wrote {args.json}")
    return 1 if not all(g["pass"] for g in data["goals"]) else 0


if __name__ == "__main__":
    sys.exit(main())
