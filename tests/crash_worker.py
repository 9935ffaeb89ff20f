"""Helper process for the crash-safety and lock tests (not a test module itself).

``python crash_worker.py run DATA_DIR SEED MAX_OPS``
    Open the journal in DATA_DIR the way the app does (``open_session``) and
    perform a seeded random mix of writes, edits, deletes and compactions.
    Every operation is announced before it starts and acknowledged after it
    *returned*, one line each on stdout, written with ``os.write`` so nothing
    sits in a buffer when the process is killed::

        READY <number of entries>
        BEGIN write - <sha256>      ACK write <id> <sha256>
        BEGIN edit <id> <sha256>    ACK edit <id> <sha256>
        BEGIN delete <id> -         ACK delete <id> -
        BEGIN compact - -           ACK compact - -
        DONE

    ``REFLECTIE_TEST_COMPACT_BYTES`` (if set) replaces
    ``reflectie.store.logstorage.MIN_COMPACT_BYTES`` so compaction (a snapshot
    rewrite via atomic rename) happens all the time. ``REFLECTIE_TEST_PASSPHRASE``
    (if set) is the passphrase of an encrypted journal.

``python crash_worker.py restore DATA_DIR SOURCE KILL_AT``
    Run ``reflectie herstel SOURCE --vervangen --data-dir DATA_DIR`` (an automatic
    copy goes through ``backups.restore_backup``, as the TUI's recovery screen does;
    a JSON backup through ``restore_backup_file``) and SIGKILL itself just before
    its KILL_AT-th file-system call (``os.open``, ``write``, ``fsync``, ``close``,
    ``link``, ``replace``, ``rename``, ``unlink``), so every step boundary of a
    restore can be hit. Prints ``STEP <n> <call>`` before each call, then
    ``DONE <exit code>`` if it got through.

``python crash_worker.py switch DATA_DIR KIND OLD NEW KILL_AT``
    Run ``encryption.enable`` (KIND ``aan``), ``change`` (``wijzig``) or ``disable``
    (``uit``) with the passphrases OLD and NEW (``-`` for none), SIGKILLed just before
    its KILL_AT-th file-system call as above; prints ``DONE`` if it got through.

``python crash_worker.py open DATA_DIR PASSPHRASE KILL_AT``
    Open the journal for writing (``-``: without a passphrase), which finishes or
    rolls back an interrupted switch, SIGKILLed as above; ``DONE`` if it opened.

``REFLECTIE_TEST_CHEAP_KDF`` (if set) makes new keys with the cheapest Argon2id
parameters the header accepts, so a test can derive hundreds of keys.

``python crash_worker.py hold DATA_DIR``
    Open the journal, print ``READY <n>`` and keep it (and its lock) open until
    stdin reaches end-of-file.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys

WORDS = (
    "reflectie", "leerling", "les", "feedback", "één", "ruïne", "café", "naïef",
    "coöperatie", "Ĳsselmeer", "zo’n", "„citaat”", "—", "🙂", "📚", "日本語",
    "ÆØÅ", "straße", "déjà-vu", "mentor", "klas", "toets", "\t", "\r\n", "\n\n",
    "docent", "PLG", "leervraag", "°C", "½", "€", "ñ", "Ω", "🇳🇱", "😀👍",
)  # fmt: skip


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_RAW_WRITE = os.write  # say() must not count as a step of the code under test


def say(*parts: str) -> None:
    _RAW_WRITE(1, (" ".join(parts) + "\n").encode("utf-8"))


def make_text(rng: random.Random, head: str) -> str:
    """A recognisable text of 100 B to 50 KB (log-uniform), full of non-ASCII."""
    target = int(100 * (500 ** rng.random()))
    parts = [head]
    size = len(head.encode("utf-8"))
    while size < target:
        word = rng.choice(WORDS)
        parts.append(word)
        size += len(word.encode("utf-8")) + 1
    return " ".join(parts)


def run(data_dir: str, seed: int, max_ops: int) -> None:
    compact_bytes = os.environ.get("REFLECTIE_TEST_COMPACT_BYTES")
    if compact_bytes is not None:
        import reflectie.store.logstorage as logstorage

        logstorage.MIN_COMPACT_BYTES = int(compact_bytes)

    from reflectie.paths import resolve_paths
    from reflectie.session import open_session

    rng = random.Random(seed)
    # REFLECTIE_TEST_PASSPHRASE (if set) opens an encrypted journal.
    passphrase = os.environ.get("REFLECTIE_TEST_PASSPHRASE")
    session = open_session(resolve_paths(data_dir), passphrase=passphrase)
    journal = session.journal
    ids = journal.ids_newest_first()
    say("READY", str(len(ids)))
    for number in range(max_ops):
        roll = rng.random()
        if not ids or roll < 0.45:
            text = make_text(rng, f"Reflectie {seed}/{number}:")
            digest = sha(text)
            say("BEGIN", "write", "-", digest)
            entry = journal.write(text, tags=["crash"])
            ids.append(entry.id)
            say("ACK", "write", entry.id, digest)
        elif roll < 0.75:
            target = rng.choice(ids)
            text = make_text(rng, f"BEWERKT {target} in {seed}/{number}:")
            digest = sha(text)
            say("BEGIN", "edit", target, digest)
            journal.edit(target, tekst=text)
            say("ACK", "edit", target, digest)
        elif roll < 0.92:
            target = rng.choice(ids)
            say("BEGIN", "delete", target, "-")
            journal.delete(target)
            ids.remove(target)
            say("ACK", "delete", target, "-")
        else:
            say("BEGIN", "compact", "-", "-")
            session.database.storage.compact()
            say("ACK", "compact", "-", "-")
    session.close()
    say("DONE")


#: The calls a restore or switch makes that change (or fix in place) what is on disk.
STEP_CALLS = (
    "open", "write", "pwrite", "fsync", "close", "link", "replace", "rename", "unlink",
    "mkdir", "rmdir",
)  # fmt: skip


def cheap_kdf() -> None:
    """Test keys: Argon2id with 64 KiB, one pass, one lane (never for real journals)."""
    if os.environ.get("REFLECTIE_TEST_CHEAP_KDF"):
        import reflectie.store.crypto as crypto

        crypto.KDF_MEMORY_KIB, crypto.KDF_TIME, crypto.KDF_PARALLELISM = 64, 1, 1


def kill_at_step(kill_at: int) -> None:
    """Make ``os.<call>`` SIGKILL this process just before the ``kill_at``-th such call."""
    import signal

    count = [0]

    def wrap(name: str, real):  # type: ignore[no-untyped-def]
        def step(*args, **kwargs):  # type: ignore[no-untyped-def]
            count[0] += 1
            say("STEP", str(count[0]), name)
            if count[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        return step

    for name in STEP_CALLS:
        setattr(os, name, wrap(name, getattr(os, name)))


def restore(data_dir: str, source: str, kill_at: int) -> None:
    from reflectie.cli.main import main as cli

    kill_at_step(kill_at)
    code = cli(["herstel", source, "--vervangen", "--data-dir", data_dir])
    say("DONE", str(code))


def switch(data_dir: str, kind: str, old: str, new: str, kill_at: int) -> None:
    from reflectie import encryption
    from reflectie.paths import resolve_paths

    cheap_kdf()
    paths = resolve_paths(data_dir)
    kill_at_step(kill_at)
    if kind == "aan":
        encryption.enable(paths, new)
    elif kind == "wijzig":
        encryption.change(paths, old, new)
    else:
        encryption.disable(paths, old)
    say("DONE")


def open_after(data_dir: str, passphrase: str, kill_at: int) -> None:
    from reflectie.paths import resolve_paths
    from reflectie.session import open_session

    cheap_kdf()
    kill_at_step(kill_at)
    session = open_session(
        resolve_paths(data_dir), passphrase=None if passphrase == "-" else passphrase
    )
    session.close()
    say("DONE")


def hold(data_dir: str) -> None:
    from reflectie.paths import resolve_paths
    from reflectie.session import open_session

    session = open_session(resolve_paths(data_dir))
    say("READY", str(len(session.journal)))
    sys.stdin.buffer.read()
    session.close()


def main(argv: list[str]) -> int:
    if argv[0] == "run":
        run(argv[1], int(argv[2]), int(argv[3]))
    elif argv[0] == "restore":
        restore(argv[1], argv[2], int(argv[3]))
    elif argv[0] == "switch":
        switch(argv[1], argv[2], argv[3], argv[4], int(argv[5]))
    elif argv[0] == "open":
        open_after(argv[1], argv[2], int(argv[3]))
    elif argv[0] == "hold":
        hold(argv[1])
    else:
        print(f"onbekende opdracht {argv[0]!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
