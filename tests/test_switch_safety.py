"""An encryption switch is one commit: old or new passphrase, for everything, and said so.

``reflectie versleutel aan|wijzig|uit`` (and the TUI's F5/F6/F7, which call the same
functions) re-encodes the journal, its drafts and its automatic copies. Here each
switch is killed (SIGKILL, in a subprocess) just before every one of its file-system
calls in turn, sometimes followed by a kill of the next open, which finishes or rolls
back what the switch left; and made to fail with ENOSPC or EIO at every ``write``,
``fsync``, ``replace``, ``open``, ``mkdir``, ``unlink`` and ``rmdir`` in turn. After
each one:

* the journal opens with exactly one of the two passphrases (old or new), and what
  the command said matches which one ("er is niets gewijzigd" only when it is the
  old one);
* every entry is there, every draft is visible in a session opened with that
  passphrase (none left under the other key, where it would be invisible for good),
  and every copy is in that same codec and readable;
* the safety copy exists only when the switch happened; nothing is left in plain
  text when the outcome is encrypted; the staging folder is gone after the open.

The same checks run on a real tmpfs (as root) filled up to 0, 4, 8, … KiB of room,
without injected faults. An open that cannot finish a committed switch says so and
changes nothing; restoring a copy settles an interrupted switch first.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import reflectie.store.crypto as crypto
import reflectie.store.fileio as fileio
from reflectie import encryption
from reflectie.at_rest import decode_log, staging_folder
from reflectie.backups import list_backups, make_backup
from reflectie.cli.main import main
from reflectie.database import open_database
from reflectie.drafts import Draft, DraftStore
from reflectie.journal import Journal
from reflectie.paths import AppPaths, resolve_paths
from reflectie.session import open_session
from reflectie.store.crypto import codec_matches, read_header
from reflectie.store.errors import PassphraseRequiredError, WrongPassphraseError

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs POSIX signals and /proc"
)

WORKER = Path(__file__).with_name("crash_worker.py")
OLD = "oud wachtwoord 1"
NEW = "nieuw wachtwoord 2"
SECRET = "Geheim: wat Jantje de Vries in 3B vertelde over thuis."
ENTRIES = sorted([f"{SECRET} Reflectie {n}." for n in range(3)])
DRAFTS = sorted([f"{SECRET} Concept nieuw.", f"{SECRET} Concept van een reflectie."])
KINDS = ("aan", "wijzig", "uit")
#: (passphrase before, passphrase after); None: not encrypted.
PASSPHRASES: dict[str, tuple[str | None, str | None]] = {
    "aan": (None, NEW),
    "wijzig": (OLD, NEW),
    "uit": (OLD, None),
}
SAFETY = {
    "aan": "voor-versleutelen",
    "wijzig": "voor-wachtwoordwijziging",
    "uit": "voor-ontsleutelen",
}


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test keys derive in microseconds (the header carries the parameters)."""
    monkeypatch.setattr(crypto, "KDF_MEMORY_KIB", 64)
    monkeypatch.setattr(crypto, "KDF_TIME", 1)
    monkeypatch.setattr(crypto, "KDF_PARALLELISM", 1)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    env["REFLECTIE_TEST_CHEAP_KDF"] = "1"
    return env


def build(paths: AppPaths, kind: str) -> None:
    """A journal with entries, two drafts and two automatic copies, in the state
    ``kind`` starts from (plain for ``aan``, encrypted with OLD otherwise)."""
    session = open_session(paths)
    written = [session.journal.write(text) for text in ENTRIES]
    session.drafts.save(Draft("nieuw", DRAFTS[0]))
    session.drafts.save(Draft(written[0].id, DRAFTS[1]))
    session.close()
    make_backup(paths, reason="handmatig")
    open_database(paths).close()  # today's automatic copy
    if kind != "aan":
        encryption.enable(paths, OLD)
        # Only the safety copy of that first switch is left over from it.
        for info in list_backups(paths):
            if info.reason == SAFETY["aan"]:
                info.path.unlink()


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sjablonen")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crypto, "KDF_MEMORY_KIB", 64)
        patch.setattr(crypto, "KDF_TIME", 1)
        patch.setattr(crypto, "KDF_PARALLELISM", 1)
        for kind in KINDS:
            build(resolve_paths(root / kind), kind)
    return {kind: root / kind for kind in KINDS}


def fresh(templates: dict[str, Path], kind: str, target: Path) -> AppPaths:
    shutil.copytree(templates[kind], target)
    return resolve_paths(target)


def opens_with(paths: AppPaths, passphrase: str | None) -> bool:
    """Does the journal open read-only (which changes nothing) with ``passphrase``?"""
    if passphrase is None:
        if encryption.is_encrypted(paths):
            return False
    elif not encryption.is_encrypted(paths):
        return False
    try:
        open_session(paths, read_only=True, passphrase=passphrase).close()
    except (WrongPassphraseError, PassphraseRequiredError):
        return False
    return True


def _no_plaintext(folder: Path) -> None:
    needle = SECRET.encode()[:24]
    for path in folder.rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), f"{path} bevat leesbare tekst"


def check(paths: AppPaths, kind: str, label: str) -> str:
    """The whole state after a switch ended somehow; returns "old" or "new"."""
    before, after = PASSPHRASES[kind]
    opening = [pw for pw in (before, after) if opens_with(paths, pw)]
    assert len(opening) == 1, f"{label}: opens with {opening}"
    passphrase = opening[0]
    outcome = "old" if passphrase == before else "new"
    # Writable (it settles the switch), without today's copy (the count stays fixed).
    with open_database(paths, backups=False, passphrase=passphrase) as database:
        assert sorted(e.tekst for e in Journal(database).latest()) == ENTRIES, label
        codec = database.storage.codec
        drafts = DraftStore(paths, codec=codec).all()
        assert sorted(d.tekst for d in drafts) == DRAFTS, label
    assert opens_with(paths, passphrase), label  # the open changed nothing about that
    assert not staging_folder(paths).exists(), label
    assert not list(paths.data_dir.rglob(f"*{fileio.TEMP_MARK}*")), label
    copies = list_backups(paths)
    assert len(copies) == (3 if outcome == "new" else 2), f"{label}: {copies}"
    for info in copies:
        header = read_header(info.path)
        assert header is not None and codec_matches(codec, header), f"{label}: {info.path}"
        tables, _meta = decode_log(info.path.read_bytes(), info.path, codec)
        assert {doc["tekst"] for doc in tables["entries"].values()} <= set(ENTRIES), label
    assert (SAFETY[kind] in {c.reason for c in copies}) == (outcome == "new"), label
    if (outcome == "new") == (kind != "uit"):
        _no_plaintext(paths.data_dir)
    return outcome


# -- kills -------------------------------------------------------------------------------


def run_worker(*argv: str) -> tuple[int, list[str], str]:
    result = subprocess.run(
        [sys.executable, WORKER, *argv],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines(), result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_kill_at_any_step_of_a_switch_leaves_everything_old_or_everything_new(
    templates: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    before, after = PASSPHRASES[kind]
    rng = random.Random(f"omzetting-{kind}")
    outcomes = {"old": 0, "new": 0}
    kill_at = 1
    while True:
        paths = fresh(templates, kind, tmp_path / f"k{kill_at}")
        code, lines, _err = run_worker(
            "switch", str(paths.data_dir), kind, before or "-", after or "-", str(kill_at)
        )
        label = f"{kind}: killed before step {kill_at} ({lines[-1] if lines else 'start'})"
        if code == 0:
            assert lines[-1] == "DONE", label
            assert check(paths, kind, label) == "new"
            break
        assert code == -signal.SIGKILL, label
        if kill_at % 3 == 0 and staging_folder(paths).exists():
            # The open that finishes or rolls back the switch is killed too, somewhere.
            current = before if opens_with(paths, before) else after
            open_kill = rng.randint(1, 40)
            code, _, _ = run_worker("open", str(paths.data_dir), current or "-", str(open_kill))
            assert code in (0, -signal.SIGKILL), label
            label += f", then the open killed before step {open_kill}"
        outcomes[check(paths, kind, label)] += 1
        kill_at += 1
    # Kills landed before and after the commit point.
    assert outcomes["old"] >= 10 and outcomes["new"] >= 3, outcomes


# -- failing disks -------------------------------------------------------------------------


@contextlib.contextmanager
def fail_nth(name: str, nth: int, error: OSError) -> Iterator[list[int]]:
    """``os.<name>`` raises ``error`` on its ``nth`` call inside the block."""
    calls = [0]
    real = getattr(os, name)

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth:
            raise error
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, name, fake)
        yield calls


FAULTS = {
    "write ENOSPC": ("write", errno.ENOSPC),
    "fsync ENOSPC": ("fsync", errno.ENOSPC),
    "fsync EIO": ("fsync", errno.EIO),
    "replace EIO": ("replace", errno.EIO),
    "open ENOSPC": ("open", errno.ENOSPC),
    "mkdir ENOSPC": ("mkdir", errno.ENOSPC),
    "unlink EIO": ("unlink", errno.EIO),
    "rmdir EIO": ("rmdir", errno.EIO),
}


def stdin_for(kind: str) -> bytes:
    return {"aan": f"{NEW}\n", "wijzig": f"{OLD}\n{NEW}\n", "uit": f"{OLD}\n"}[kind].encode()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_a_failing_disk_at_any_step_of_a_switch_says_what_is_true(
    templates: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    kind: str,
) -> None:
    name, code = FAULTS[fault]
    nth = 1
    said: dict[str, int] = {"niets gewijzigd": 0, "gewijzigd": 0, "gelukt": 0}
    while True:
        paths = fresh(templates, kind, tmp_path / f"f{nth}")
        capsys.readouterr()
        stdin = io.TextIOWrapper(io.BytesIO(stdin_for(kind)))
        monkeypatch.setattr(sys, "stdin", stdin)
        argv = ["versleutel", kind, "--wachtwoord-stdin", "--data-dir", str(paths.data_dir)]
        with fail_nth(name, nth, OSError(code, os.strerror(code))) as calls:
            result = main(argv)
        out, err = capsys.readouterr()
        label = f"{kind}, {fault} at call {nth}: {err.strip() or out.strip()}"
        assert "Traceback" not in err, label
        if calls[0] < nth:  # the fault was never reached: a clean switch
            assert result == 0, label
            assert check(paths, kind, label) == "new"
            break
        if result == 0:
            said["gelukt"] += 1
            assert check(paths, kind, label) == "new", label
        elif "niets gewijzigd" in err:
            said["niets gewijzigd"] += 1
            assert check(paths, kind, label) == "old", label
        else:
            # Committed: the message says the journal opens the new way now.
            assert "opent vanaf nu" in err or "opent nu" in err, label
            said["gewijzigd"] += 1
            assert check(paths, kind, label) == "new", label
        nth += 1
    assert nth > 1, "the fault never happened"
    if name in ("write", "fsync", "open"):
        assert said["niets gewijzigd"] >= 1, said


def test_the_reported_case_full_disk_during_wijzig(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    """The case from the issue: `wijzig` on a nearly full disk said "niets gewijzigd",
    yet the journal then opened only with the new passphrase."""
    paths = fresh(templates, "wijzig", tmp_path / "vol")
    real_write = os.write

    def full(fd: int, data: Any) -> int:
        # Room for the database, not for the converted copies.
        where = os.readlink(f"/proc/self/fd/{fd}")
        if where.startswith((str(paths.backups), str(paths.data_dir / "omzetting"))):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    with pytest.MonkeyPatch.context() as patch, pytest.raises(encryption.SwitchError) as caught:
        patch.setattr(os, "write", full)
        encryption.change(paths, OLD, NEW)
    assert not caught.value.committed
    assert "niets gewijzigd" in str(caught.value) and "schijf is vol" in str(caught.value)
    assert check(paths, "wijzig", "vol") == "old"
    encryption.change(paths, OLD, NEW)  # with room again it works
    assert check(paths, "wijzig", "daarna") == "new"


# -- a real file system, filled to the brim -------------------------------------------------


@contextlib.contextmanager
def small_filesystem(where: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` KiB at ``where`` (root only), unmounted afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def fill_leaving(folder: Path, room: int) -> Path:
    """Fill the file system of ``folder`` up, then give back ``room`` bytes."""
    filler = folder / "vulling"
    with filler.open("wb") as handle:
        chunk = b"\0" * 65536
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - room))
    return filler


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
@pytest.mark.parametrize("kind", KINDS)
def test_switches_on_a_real_full_filesystem_say_what_is_true(
    templates: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    """No injected faults: a real tmpfs with 0, 4, 8, … KiB left, until the switch fits."""
    before, after = PASSPHRASES[kind]
    seen = {"old": 0, "new": 0}
    with small_filesystem(tmp_path / "klein", 2048) as mount:
        room = 0
        while True:
            paths = fresh(templates, kind, mount / f"r{room}")
            filler = fill_leaving(mount, room)
            capsys.readouterr()
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin_for(kind))))
            argv = ["versleutel", kind, "--wachtwoord-stdin", "--data-dir", str(paths.data_dir)]
            result = main(argv)
            out, err = capsys.readouterr()
            label = f"{kind} with {room // 1024} KiB left: {err.strip() or out.strip()}"
            assert "Traceback" not in err, label
            expected = "new" if result == 0 or "opent" in err else "old"
            if result != 0 and expected == "old":
                assert "niets gewijzigd" in err, label
            # Still on the full disk: it opens (read-only) exactly as the message says.
            assert opens_with(paths, after if expected == "new" else before), label
            assert not opens_with(paths, before if expected == "new" else after), label
            filler.unlink()  # the teacher makes room, and opens the journal again
            assert check(paths, kind, label) == expected, label
            seen[expected] += 1
            shutil.rmtree(paths.data_dir)
            if result == 0:
                break
            room += 4096  # a page at a time
            assert room < 1024 * 1024, "the switch never fit"
    assert seen["old"] >= 5 and seen["new"] == 1, seen


# -- what settles an interrupted switch -----------------------------------------------------


def _committed_but_unfinished(paths: AppPaths) -> None:
    """`wijzig` whose move of the staged files fails after the commit point."""
    real_replace = os.replace

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if "omzetting" in str(source) and "omzetting" not in str(target):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(source, target, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch, pytest.raises(encryption.SwitchError) as caught:
        patch.setattr(os, "replace", replace)
        encryption.change(paths, OLD, NEW)
    assert caught.value.committed and "met het nieuwe wachtwoord" in str(caught.value)
    assert staging_folder(paths).exists()
    assert opens_with(paths, NEW) and not opens_with(paths, OLD)


def test_an_open_that_cannot_finish_a_switch_says_so_and_changes_nothing(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    from reflectie.at_rest import SettleError

    paths = fresh(templates, "wijzig", tmp_path / "j")
    _committed_but_unfinished(paths)
    real_replace = os.replace

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.MonkeyPatch.context() as patch, pytest.raises(SettleError) as caught:
        patch.setattr(os, "replace", broken)
        open_database(paths, backups=False, passphrase=NEW)
    assert "niet worden afgemaakt" in str(caught.value) and "heel" in str(caught.value)
    assert os.replace is real_replace
    assert check(paths, "wijzig", "daarna") == "new"  # the next open finishes it


def test_restoring_a_copy_settles_an_interrupted_switch_first(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    from reflectie.backups import restore_backup

    paths = fresh(templates, "wijzig", tmp_path / "j")
    _committed_but_unfinished(paths)
    (daily,) = [info for info in list_backups(paths) if info.reason is None]
    restore_backup(paths, daily.path)
    # The copy was restored as the switch left it (in the new key), so the journal,
    # its drafts and its copies still share one passphrase.
    with open_database(paths, backups=False, passphrase=NEW) as database:
        drafts = DraftStore(paths, codec=database.storage.codec).all()
        assert sorted(d.tekst for d in drafts) == DRAFTS
    assert not opens_with(paths, OLD)
    assert not staging_folder(paths).exists()
