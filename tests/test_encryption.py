"""Encryption at rest: Argon2id + AES-256-GCM over the journal, its copies and drafts."""

from __future__ import annotations

import base64
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from reflectie import encryption
from reflectie.backups import list_backups, make_backup
from reflectie.drafts import Draft
from reflectie.model import ValidationError
from reflectie.paths import AppPaths
from reflectie.session import open_session
from reflectie.store.crypto import read_header
from reflectie.store.errors import (
    CorruptDatabaseError,
    PassphraseRequiredError,
    WrongPassphraseError,
)
from reflectie.store.records import _crc

PW = "correct paard batterij"
PW2 = "ander-wachtwoord-2"
SENTENCE = "Vandaag vertelde Jantje de Vries in 3B iets heel persoonlijks over thuis."
WORKER = Path(__file__).with_name("crash_worker.py")


def _snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_no_plaintext(folder: Path, sentence: str = SENTENCE) -> None:
    needle = sentence.encode("utf-8")
    windows = {needle[i : i + 12] for i in range(len(needle) - 11)}
    files = _snapshot(folder)
    assert files
    for path, data in files.items():
        for window in windows:
            assert window not in data, f"{path} bevat {window!r} onversleuteld"


def _texts(paths: AppPaths, passphrase: str | None) -> list[str]:
    session = open_session(paths, read_only=True, passphrase=passphrase)
    try:
        return sorted(e.tekst for e in session.journal.latest())
    finally:
        session.close()


def _cli(paths: AppPaths, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}
    return subprocess.run(
        [sys.executable, "-m", "reflectie", "--data-dir", str(paths.data_dir), *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_round_trip_enable_write_reopen_disable(paths: AppPaths) -> None:
    session = open_session(paths)
    session.journal.write("voor het versleutelen")
    session.close()
    encryption.enable(paths, PW)
    assert encryption.is_encrypted(paths)
    session = open_session(paths, passphrase=PW)
    session.journal.write(SENTENCE)
    session.close()
    assert _texts(paths, PW) == sorted([SENTENCE, "voor het versleutelen"])
    encryption.disable(paths, PW)
    assert not encryption.is_encrypted(paths)
    assert _texts(paths, None) == sorted([SENTENCE, "voor het versleutelen"])
    assert SENTENCE.encode() in paths.database.read_bytes()


def test_cli_round_trip_and_wrong_passphrase(paths: AppPaths) -> None:
    assert _cli(paths, "schrijf", "eerste reflectie").returncode == 0
    on = _cli(paths, "versleutel", "aan", "--wachtwoord-stdin", stdin=PW + "\n")
    assert on.returncode == 0, on.stderr
    assert "kan niemand herstellen" in on.stderr
    wrote = _cli(paths, "--wachtwoord-stdin", "schrijf", stdin=f"{PW}\n{SENTENCE}")
    assert wrote.returncode == 0, wrote.stderr
    listed = _cli(paths, "lijst", "--json", "--wachtwoord-stdin", stdin=PW + "\n")
    assert listed.returncode == 0
    assert SENTENCE in {e["tekst"] for e in orjson.loads(listed.stdout)}
    before = _snapshot(paths.data_dir)
    wrong = _cli(paths, "lijst", "--wachtwoord-stdin", stdin="helemaal-fout\n")
    assert wrong.returncode == 1
    assert "Onjuist wachtwoord." in wrong.stderr and "Traceback" not in wrong.stderr
    missing = _cli(paths, "lijst")  # stdin is not a terminal: refuse, never hang
    assert missing.returncode == 1 and "wachtwoord" in missing.stderr
    assert _snapshot(paths.data_dir) == before
    _assert_no_plaintext(paths.data_dir)


def test_cli_change_and_disable(paths: AppPaths) -> None:
    assert _cli(paths, "schrijf", SENTENCE).returncode == 0
    assert _cli(paths, "versleutel", "aan", "--wachtwoord-stdin", stdin=PW + "\n").returncode == 0
    short = _cli(paths, "versleutel", "wijzig", "--wachtwoord-stdin", stdin=f"{PW}\nkort\n")
    assert short.returncode == 1 and "minstens 8 tekens" in short.stderr
    changed = _cli(paths, "versleutel", "wijzig", "--wachtwoord-stdin", stdin=f"{PW}\n{PW2}\n")
    assert changed.returncode == 0, changed.stderr
    with pytest.raises(WrongPassphraseError):
        _texts(paths, PW)
    assert _texts(paths, PW2) == [SENTENCE]
    _assert_no_plaintext(paths.data_dir)
    off = _cli(paths, "versleutel", "uit", "--wachtwoord-stdin", stdin=PW2 + "\n")
    assert off.returncode == 0, off.stderr
    assert _texts(paths, None) == [SENTENCE]


def test_nothing_in_plain_text_anywhere(paths: AppPaths, clock) -> None:  # type: ignore[no-untyped-def]
    session = open_session(paths, clock=clock)
    session.journal.write(SENTENCE)
    session.drafts.save(Draft("nieuw", SENTENCE))
    session.close()
    make_backup(paths, reason="voor-herstel", clock=clock)
    assert any(SENTENCE.encode() in p.read_bytes() for p in paths.backups.iterdir())
    encryption.enable(paths, PW, clock=clock)
    _assert_no_plaintext(paths.data_dir)
    assert any(b.reason == "voor-versleutelen" for b in list_backups(paths))
    # Writing on: a new entry, a new draft, a fresh automatic copy, a compaction.
    clock.advance(days=1)
    session = open_session(paths, clock=clock, passphrase=PW)
    session.journal.write(SENTENCE + " Opnieuw.")
    session.drafts.save(Draft("abc123", SENTENCE))
    assert session.drafts.load("abc123").tekst == SENTENCE
    session.database.storage.compact()
    session.close()
    make_backup(paths, reason="voor-herstel", clock=clock)
    _assert_no_plaintext(paths.data_dir)
    # Every copy opens with the passphrase and holds the text.
    for info in list_backups(paths):
        header = read_header(info.path)
        assert header is not None and header["codec"] == "aes-gcm"


def test_enable_finishes_leftovers_on_next_open(paths: AppPaths) -> None:
    """A plain copy written behind an encrypted journal's back is encrypted on the next open."""
    session = open_session(paths)
    session.journal.write(SENTENCE)
    session.close()
    plain = paths.database.read_bytes()
    encryption.enable(paths, PW)
    stray = paths.backups / "reflectie-2020-01-01.db"
    stray.write_bytes(plain)
    (paths.drafts).mkdir(exist_ok=True)
    (paths.drafts / "nieuw.json").write_bytes(Draft("nieuw", SENTENCE).to_json())
    open_session(paths, passphrase=PW).close()
    _assert_no_plaintext(paths.data_dir)


def test_wrong_and_missing_passphrase_leave_files_untouched(paths: AppPaths) -> None:
    open_session(paths).close()
    encryption.enable(paths, PW)
    before = _snapshot(paths.data_dir)
    with pytest.raises(WrongPassphraseError) as info:
        open_session(paths, passphrase="niet-het-wachtwoord")
    assert str(info.value).startswith("Onjuist wachtwoord.")
    with pytest.raises(PassphraseRequiredError):
        open_session(paths)
    with pytest.raises(WrongPassphraseError):
        encryption.change(paths, "niet-het-wachtwoord", PW2)
    with pytest.raises(WrongPassphraseError):
        encryption.disable(paths, "niet-het-wachtwoord")
    assert _snapshot(paths.data_dir) == before


def test_short_passphrase_refused(paths: AppPaths) -> None:
    open_session(paths).close()
    with pytest.raises(ValidationError, match="minstens 8 tekens"):
        encryption.enable(paths, "kort")
    assert not encryption.is_encrypted(paths)


def _flip_in_record(raw: bytes, record: int) -> bytes:
    """Flip one bit inside a record's ciphertext and fix its CRC (a deliberate tamper)."""
    lines = raw.split(b"\n")
    kind, _crc_old, payload = lines[record].split(b" ", 2)
    data = bytearray(base64.b64decode(payload))
    data[len(data) // 2] ^= 0x01
    payload = base64.b64encode(bytes(data))
    lines[record] = kind + b" " + _crc(kind, payload) + b" " + payload
    return b"\n".join(lines)


@pytest.mark.parametrize("record", [1, 2])
def test_tampered_record_is_corruption_not_garbage(paths: AppPaths, record: int) -> None:
    open_session(paths).close()
    encryption.enable(paths, PW)
    session = open_session(paths, passphrase=PW)
    session.journal.write(SENTENCE)
    session.close()
    tampered = _flip_in_record(paths.database.read_bytes(), record)
    paths.database.write_bytes(tampered)
    with pytest.raises(CorruptDatabaseError, match="ontsleutelen mislukt"):
        open_session(paths, passphrase=PW)
    assert paths.database.read_bytes() == tampered
    result = _cli(paths, "lijst", "--wachtwoord-stdin", stdin=PW + "\n")
    assert result.returncode == 1 and "beschadigd" in result.stderr
    assert "reflectie herstel" in result.stderr  # the last good copy is offered
    assert "Traceback" not in result.stderr


def test_tampered_salt(paths: AppPaths) -> None:
    open_session(paths).close()
    encryption.enable(paths, PW)
    raw = paths.database.read_bytes()
    header_end = raw.index(b"\n")
    _magic, _crc_old, body = raw[:header_end].split(b" ", 2)
    header = orjson.loads(body)
    salt = bytearray(base64.b64decode(header["kdf"]["zout"]))
    salt[0] ^= 0x01
    header["kdf"]["zout"] = base64.b64encode(bytes(salt)).decode()
    new_body = orjson.dumps(header)
    # A bit flip alone is caught by the header's checksum ...
    flipped = raw[:header_end].replace(body, new_body) + raw[header_end:]
    paths.database.write_bytes(flipped)
    with pytest.raises(CorruptDatabaseError):
        open_session(paths, passphrase=PW)
    # ... and with the checksum recomputed, the key check fails: nothing is decrypted.
    refit = b"REFLECTIE-DB " + _crc(b"REFLECTIE-DB", new_body) + b" " + new_body
    paths.database.write_bytes(refit + raw[header_end:])
    with pytest.raises(WrongPassphraseError):
        open_session(paths, passphrase=PW)
    assert paths.database.read_bytes() == refit + raw[header_end:]


def test_salt_unique_and_nonces_unique(paths: AppPaths, tmp_path: Path) -> None:
    salts = set()
    other = AppPaths(tmp_path / "ander", tmp_path / "ander" / "config")
    for target in (paths, other):
        open_session(target).close()
        encryption.enable(target, PW)
        salts.add(read_header(target.database)["kdf"]["zout"])
    encryption.change(paths, PW, PW2)
    salts.add(read_header(paths.database)["kdf"]["zout"])
    encryption.disable(paths, PW2)
    encryption.enable(paths, PW)
    salts.add(read_header(paths.database)["kdf"]["zout"])
    assert len(salts) == 4
    session = open_session(paths, passphrase=PW)
    for n in range(150):
        session.journal.write(f"zelfde tekst {n % 3}")
    session.close()
    nonces = [
        base64.b64decode(line.split(b" ", 2)[2])[:12]
        for line in paths.database.read_bytes().splitlines()[1:]
    ]
    assert len(nonces) > 150
    assert len(set(nonces)) == len(nonces)


def test_encrypted_backup_file(paths: AppPaths, tmp_path: Path) -> None:
    session = open_session(paths)
    session.journal.write(SENTENCE)
    session.close()
    encryption.enable(paths, PW)
    target = tmp_path / "kopie.json"
    made = _cli(paths, "backup", "-o", str(target), "--wachtwoord-stdin", stdin=PW + "\n")
    assert made.returncode == 0, made.stderr
    assert SENTENCE.encode()[:12] not in target.read_bytes()
    assert orjson.loads(target.read_bytes())["formaat"] == "reflectie-backup-versleuteld"
    fresh = AppPaths(tmp_path / "nieuw", tmp_path / "nieuw" / "config")
    wrong = _cli(fresh, "herstel", str(target), "--wachtwoord-stdin", stdin="fout-wachtwoord\n")
    assert wrong.returncode == 1 and "Onjuist wachtwoord." in wrong.stderr
    restored = _cli(fresh, "herstel", str(target), "--wachtwoord-stdin", stdin=PW + "\n")
    assert restored.returncode == 0, restored.stderr
    assert _texts(fresh, None) == [SENTENCE]
    plain = tmp_path / "open.json"
    assert (
        _cli(paths, "backup", "-o", str(plain), "--onversleuteld", "--wachtwoord-stdin",
             stdin=PW + "\n").returncode == 0
    )  # fmt: skip
    assert SENTENCE.encode() in plain.read_bytes()


# -- kills ---------------------------------------------------------------------------------

CHANGE_SCRIPT = """
import sys
from reflectie import encryption
from reflectie.paths import resolve_paths
encryption.change(resolve_paths(sys.argv[1]), sys.argv[2], sys.argv[3])
print("KLAAR", flush=True)
"""


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "REFLECTIE_HOME"}


def _which_passphrase(paths: AppPaths, candidates: tuple[str, str]) -> str:
    for candidate in candidates:
        try:
            open_session(paths, read_only=True, passphrase=candidate).close()
            return candidate
        except WrongPassphraseError:
            continue
    raise AssertionError("het dagboek opent met geen van beide wachtwoorden")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")
def test_passphrase_change_survives_sigkill(paths: AppPaths) -> None:
    session = open_session(paths)
    texts = {session.journal.write(f"Reflectie {n}: {SENTENCE}").id for n in range(40)}
    session.close()
    encryption.enable(paths, PW)
    expected = _texts(paths, PW)
    assert len(expected) == len(texts)
    started = time.monotonic()
    encryption.change(paths, PW, PW2)
    encryption.change(paths, PW2, PW)
    duration = (time.monotonic() - started) / 2 + 0.3  # plus interpreter start-up
    rng = random.Random(20260611)
    killed = 0
    for trial in range(12):
        current = _which_passphrase(paths, (PW, PW2))
        other = PW2 if current == PW else PW
        proc = subprocess.Popen(
            [sys.executable, "-c", CHANGE_SCRIPT, str(paths.data_dir), current, other],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        try:
            proc.wait(timeout=rng.uniform(0.05, duration))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, -signal.SIGKILL), err
        now = _which_passphrase(paths, (PW, PW2))
        assert _texts(paths, now) == expected, f"proef {trial}"
        # Every copy is either in the old or the new key: never in plain text.
        _assert_no_plaintext(paths.data_dir)
    assert killed >= 1


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")
def test_encrypted_writes_survive_sigkill(paths: AppPaths) -> None:
    """The crash promise on an encrypted journal: every acknowledged change survives."""
    open_session(paths).close()
    encryption.enable(paths, PW)
    env = _env() | {"REFLECTIE_TEST_PASSPHRASE": PW, "REFLECTIE_TEST_COMPACT_BYTES": "20000"}
    rng = random.Random(424242)
    model: dict[str, str] = {}
    for trial in range(20):
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), "run", str(paths.data_dir), str(trial), "300"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        try:
            proc.wait(timeout=rng.uniform(0.3, 1.2))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, -signal.SIGKILL), err.decode()
        acked = dict(model)
        inflight = None
        for line in out.decode().splitlines():
            parts = line.split()
            if len(parts) < 4:
                continue
            if parts[0] == "BEGIN":
                inflight = parts[2]
            elif parts[0] == "ACK":
                op, entry_id, digest = parts[1:]
                if op in ("write", "edit"):
                    acked[entry_id] = digest
                elif op == "delete":
                    acked.pop(entry_id, None)
                inflight = None
        session = open_session(paths, passphrase=PW)
        seen = {
            e.id: hashlib.sha256(e.tekst.encode()).hexdigest() for e in session.journal.latest()
        }
        session.close()
        for entry_id, digest in acked.items():
            if entry_id == inflight:
                continue
            assert seen.get(entry_id) == digest, f"proef {trial}: {entry_id}"
        extra = set(seen) - set(acked)
        assert len(extra) <= 1  # at most the one write in flight
        model = seen
    _assert_no_plaintext(paths.data_dir, "Reflectie 0/0: ")  # worker texts start like this
