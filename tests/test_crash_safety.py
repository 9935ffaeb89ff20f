"""SIGKILL the app at random moments; every acknowledged change must survive.

A worker process (``tests/crash_worker.py``) writes, edits, deletes and compacts
a journal and reports each change as acknowledged (``ACK``) only after the call
returned. The test kills it with SIGKILL at a seeded random moment, reopens the
journal here and checks what a teacher would see:

* the journal opens (never "beschadigd");
* every acknowledged write/edit shows exactly the acknowledged text, every
  acknowledged delete is gone from the list and sits in the prullenbak;
* the one change in flight at the kill is either there completely or not at
  all; no entry ever holds a text that was never written as a whole;
* temp files left by the kill are not loaded and are cleaned up on reopen;
* opening read-only, then read-write, then read-write again shows one state.

Trials continue on the previous trial's folder most of the time, so crashes pile
up (including crashes during compaction, which the worker is told to do
constantly) and only sometimes start afresh.
"""

from __future__ import annotations

import hashlib
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reflectie.database import open_database
from reflectie.journal import Journal
from reflectie.paths import AppPaths, resolve_paths
from reflectie.store.fileio import TEMP_MARK
from reflectie.store.records import parse_log

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")

WORKER = Path(__file__).with_name("crash_worker.py")
SEED = 20240611
TRIALS = 60
MAX_CHAIN = 6  # trials in a row on one folder before starting a fresh one
MAX_OPS = 400


@dataclass
class Observed:
    entries: dict[str, str]  # id -> sha256 of the text
    trash: list[tuple[str, str]]  # (id, sha256), sorted
    schema: object


@dataclass
class Model:
    """What the journal in one folder must contain, from the acknowledgements."""

    entries: dict[str, str] = field(default_factory=dict)
    trash: dict[str, str] = field(default_factory=dict)  # deleted id -> sha when deleted


@dataclass
class Trial:
    lines: list[list[str]]
    returncode: int
    stderr: str
    killed: bool


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _observe(paths: AppPaths, *, read_only: bool) -> Observed:
    database = open_database(paths, read_only=read_only, backups=False)
    try:
        journal = Journal(database)
        entries = {entry.id: _sha(entry.tekst) for entry in journal.latest()}
        trash = sorted((item.entry.id, _sha(item.entry.tekst)) for item in journal.trash())
        return Observed(entries, trash, database.storage.meta.get("schema"))
    finally:
        database.close()


def _temps(paths: AppPaths) -> list[Path]:
    return sorted(paths.data_dir.glob(f"*{TEMP_MARK}*"))


def _run_worker(paths: AppPaths, rng: random.Random, trial_seed: int, compact: int | None) -> Trial:
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    if compact is not None:
        env["REFLECTIE_TEST_COMPACT_BYTES"] = str(compact)
    # after-ready: a random delay once the journal is open; after-acks: right after the
    # n-th acknowledgement; at-begin: right after the n-th announcement of one kind of
    # change (lands inside compactions and between the commits of one change);
    # from-spawn: a random delay from the start, so some kills hit the opening itself.
    mode = rng.choices(
        ["after-ready", "after-acks", "at-begin", "from-spawn"], weights=[4, 2, 3, 2]
    )[0]
    delay = rng.uniform(0.005, 0.150)
    goal = rng.randint(1, 40) if mode == "after-acks" else rng.randint(1, 4)
    kind = rng.choice(["write", "edit", "delete", "compact"])
    stderr_path = paths.data_dir.parent / f"worker-{trial_seed}.err"
    with stderr_path.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, WORKER, "run", paths.data_dir, str(trial_seed), str(MAX_OPS)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
        )
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    started = time.monotonic()
    hang_limit = started + 60  # a watchdog only; a normal trial ends far sooner
    deadline = started + 0.1 + delay if mode == "from-spawn" else None
    buffer = b""
    lines: list[list[str]] = []
    killed = False
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        eof = False
        while not eof and not killed:
            wake = hang_limit if deadline is None else min(deadline, hang_limit)
            if time.monotonic() >= hang_limit:
                proc.kill()
                proc.wait()
                pytest.fail(f"worker {trial_seed} stopped making progress (mode {mode})")
            if selector.select(max(0.0, wake - time.monotonic())):
                chunk = os.read(fd, 65536)
                eof = not chunk
                buffer += chunk
                *complete, buffer = buffer.split(b"\n")
                for raw in complete:
                    line = raw.decode().split()
                    lines.append(line)
                    if line[0] == "READY" and mode == "after-ready":
                        deadline = time.monotonic() + delay
                    if mode == "after-acks":
                        reached = sum(1 for item in lines if item[0] == "ACK") >= goal
                    elif mode == "at-begin":
                        reached = sum(1 for item in lines if item[:2] == ["BEGIN", kind]) >= goal
                    else:
                        reached = False
                    if reached:
                        deadline = time.monotonic()
            if deadline is not None and time.monotonic() >= deadline and not eof:
                proc.send_signal(signal.SIGKILL)
                killed = True
    # Whatever the worker wrote before it died is still in the pipe.
    rest = proc.stdout.read()
    proc.stdout.close()
    returncode = proc.wait()
    buffer += rest
    *complete, _torn = buffer.split(b"\n")
    lines.extend(raw.decode().split() for raw in complete)
    stderr_text = stderr_path.read_text(errors="replace")
    stderr_path.unlink()
    return Trial(lines, returncode, stderr_text, killed and returncode == -signal.SIGKILL)


def _check_trial(paths: AppPaths, model: Model, trial: Trial, label: str) -> tuple[str, str]:
    """Verify the reopened journal against ``model``, then advance ``model`` to it.

    Returns (in-flight operation, "applied" / "not-applied" / "-").
    """
    assert trial.returncode in (0, -signal.SIGKILL), f"{label}: worker failed\n{trial.stderr}"
    assert "Traceback" not in trial.stderr, f"{label}: worker raised\n{trial.stderr}"
    if trial.returncode == 0:
        assert trial.lines and trial.lines[-1] == ["DONE"], label

    acked = Model(dict(model.entries), dict(model.trash))
    inflight: list[str] | None = None
    for line in trial.lines:
        if line[0] == "BEGIN":
            inflight = line[1:]
        elif line[0] == "ACK":
            assert inflight is not None and inflight[0] == line[1], f"{label}: {line}"
            op, entry_id, digest = line[1:]
            if op in ("write", "edit"):
                acked.entries[entry_id] = digest
            elif op == "delete":
                acked.trash[entry_id] = acked.entries.pop(entry_id)
            inflight = None

    temps_after_kill = _temps(paths)
    if not paths.database.exists():
        # Killed before the journal file was first created: nothing was acknowledged.
        assert not acked.entries and not acked.trash, label
        return ("open", "-")

    before = _observe(paths, read_only=True)  # read-only: parses, repairs nothing
    after = _observe(paths, read_only=False)  # the app's own open: may repair the tail
    again = _observe(paths, read_only=False)
    assert (before.entries, before.trash) == (after.entries, after.trash), (
        f"{label}: read-only and read-write opening show different journals"
    )
    assert after == again, f"{label}: opening a second time changed the journal"
    # A kill between creating the file and recording its schema is finished by the
    # next read-write open; it never goes missing after that.
    assert before.schema in (1, None) and after.schema == 1, label
    assert not _temps(paths), f"{label}: temp files left after reopen: {_temps(paths)}"
    clean = parse_log(paths.database.read_bytes(), paths.database)
    assert not clean.torn_tail, f"{label}: the reopened file still has a damaged tail"
    for leftover in temps_after_kill:
        assert not leftover.exists(), label

    entries = after.entries
    trashed = {entry_id for entry_id, _ in after.trash}
    outcome = "-"
    op = inflight[0] if inflight else "-"
    if not any(line[0] == "READY" for line in trial.lines):
        op = "open"  # killed while the app was still opening the journal
    if inflight is None or op == "compact":
        assert entries == acked.entries, f"{label}: acknowledged changes missing or altered"
    elif op == "write":
        digest = inflight[2]
        new = {k: v for k, v in entries.items() if k not in acked.entries}
        rest = {k: v for k, v in entries.items() if k in acked.entries}
        assert rest == acked.entries, f"{label}: acknowledged changes missing or altered"
        assert len(new) <= 1 and set(new.values()) <= {digest}, f"{label}: unknown entry {new}"
        outcome = "applied" if new else "not-applied"
    elif op == "edit":
        entry_id, digest = inflight[1], inflight[2]
        others = {k: v for k, v in entries.items() if k != entry_id}
        assert others == {k: v for k, v in acked.entries.items() if k != entry_id}, label
        assert entries.get(entry_id) in (acked.entries[entry_id], digest), (
            f"{label}: entry {entry_id} holds a text that was never written whole"
        )
        outcome = "applied" if entries[entry_id] == digest else "not-applied"
    elif op == "delete":
        assert inflight is not None
        entry_id = inflight[1]
        if entry_id in entries:
            assert entries == acked.entries, f"{label}: acknowledged changes missing or altered"
            # A delete is one commit: never in the list and the prullenbak at once.
            assert entry_id not in trashed, f"{label}: {entry_id} is half deleted"
            outcome = "not-applied"
        else:
            assert entries == {k: v for k, v in acked.entries.items() if k != entry_id}, label
            assert (entry_id, acked.entries[entry_id]) in after.trash, (
                f"{label}: deleted entry {entry_id} is not in the prullenbak"
            )
            acked.trash[entry_id] = acked.entries[entry_id]
            outcome = "applied"

    for entry_id, digest in acked.trash.items():
        assert (entry_id, digest) in after.trash, (
            f"{label}: deleted entry {entry_id} missing from the prullenbak"
        )
    unexpected = trashed - set(acked.trash)
    assert not unexpected, f"{label}: unknown entries in the prullenbak: {unexpected}"

    model.entries = dict(entries)
    model.trash = acked.trash
    return (op, outcome)


def test_sigkill_at_random_moments_never_loses_an_acknowledged_change(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder_number = 0
    chain = 0
    paths = resolve_paths(tmp_path / "d0")
    model = Model()
    total_acks = 0
    killed = 0
    outcomes: Counter[str] = Counter()
    temps_seen = 0
    for number in range(TRIALS):
        if number and (chain >= MAX_CHAIN or rng.random() < 0.3):
            folder_number += 1
            chain = 0
            paths = resolve_paths(tmp_path / f"d{folder_number}")
            model = Model()
        chain += 1
        compact = rng.choice([0, 0, 1024, 64 * 1024, None])
        label = f"trial {number} (seed {SEED}, folder d{folder_number}, compact {compact})"
        trial = _run_worker(paths, rng, SEED * 1000 + number, compact)
        temps_seen += len(_temps(paths))
        op, outcome = _check_trial(paths, model, trial, label)
        total_acks += sum(1 for line in trial.lines if line[0] == "ACK")
        killed += trial.killed
        if outcome != "-":
            outcomes[f"{op}:{outcome}"] += 1
        else:
            outcomes[f"{op}"] += 1

    applied = sum(n for key, n in outcomes.items() if key.endswith(":applied"))
    not_applied = sum(n for key, n in outcomes.items() if key.endswith(":not-applied"))
    # Kills during the daily backup leave temp copies in backups/; the next open
    # removes them (the final reopen of every folder ran daily_backup).
    backup_temps = len(list(tmp_path.glob(f"d*/backups/*{TEMP_MARK}*")))
    print(
        f"\ncrash-safety: {TRIALS} trials ({killed} SIGKILLed, {folder_number + 1} folders), "
        f"{total_acks} acknowledged ops all present; in flight at the kill: "
        f"{applied} applied, {not_applied} not applied, "
        f"{outcomes['compact']} compactions, {outcomes['open']} during open; "
        f"{temps_seen} temp files left by kills, all cleaned ({backup_temps} left in "
        f"backups/); seed {SEED}; "
        f"detail {dict(sorted(outcomes.items()))}"
    )
    assert killed >= TRIALS * 0.8, "most workers must actually be killed mid-work"
