"""The command-line contract of PRODUCT.md, exercised as a user would: as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reflectie import __version__


def run(
    data: Path, *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``reflectie ARGS --data-dir DATA`` in a fresh interpreter."""
    full_env = {**os.environ, **(env or {})}
    payload = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "reflectie", *args, "--data-dir", str(data)],
        input=payload if payload is not None else b"",
        capture_output=True,
        env=full_env,
        timeout=60,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


def listed(data: Path) -> list[dict]:
    result = run(data, "lijst", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_version(tmp_path: Path) -> None:
    result = run(tmp_path, "--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_write_list_search_edit_delete_round(tmp_path: Path) -> None:
    first = run(tmp_path, "schrijf", "Een gesprek in het café", "--tag", "les", "--deelbaar")
    assert first.returncode == 0, first.stderr
    entry_id = first.stdout.strip()
    second = run(tmp_path, "schrijf", stdin="Tekst via stdin\nmet twee regels")
    assert second.returncode == 0

    entries = listed(tmp_path)
    assert [e["tekst"] for e in entries] == [
        "Tekst via stdin\nmet twee regels",
        "Een gesprek in het café",
    ]
    newest = entries[1]
    assert newest["id"] == entry_id and newest["tags"] == ["les"] and newest["deelbaar"] is True
    assert {"id", "aangemaakt", "tekst", "prompt", "tags", "deelbaar"} <= newest.keys()
    assert newest["aangemaakt"][10] == "T" and newest["aangemaakt"][-6] in "+-"

    found = json.loads(run(tmp_path, "zoek", "CAFE", "--json").stdout)
    assert [e["id"] for e in found] == [entry_id]

    assert run(tmp_path, "bewerk", entry_id, "Nieuwe tekst").returncode == 0
    assert listed(tmp_path)[1]["tekst"] == "Nieuwe tekst"

    refused = run(tmp_path, "verwijder", entry_id, stdin="n\n")
    assert refused.returncode == 1 and len(listed(tmp_path)) == 2
    assert run(tmp_path, "verwijder", entry_id, "--ja").returncode == 0
    assert [e["id"] for e in listed(tmp_path)] != [entry_id] and len(listed(tmp_path)) == 1
    assert run(tmp_path, "prullenbak", "--terug", entry_id).returncode == 0
    assert len(listed(tmp_path)) == 2


def test_lijst_aantal_limits(tmp_path: Path) -> None:
    for n in range(3):
        run(tmp_path, "schrijf", f"nummer {n}")
    entries = json.loads(run(tmp_path, "lijst", "--aantal", "2", "--json").stdout)
    assert [e["tekst"] for e in entries] == ["nummer 2", "nummer 1"]
    plain = run(tmp_path, "lijst").stdout
    assert "nummer 0" in plain


def test_schrijf_with_prompt_records_its_set(tmp_path: Path) -> None:
    prompts = json.loads(run(tmp_path, "prompts", "--json").stdout)
    prompt_id = prompts[0]["vragen"][0]["id"]
    assert run(tmp_path, "schrijf", "antwoord", "--prompt", prompt_id).returncode == 0
    entry = listed(tmp_path)[0]
    assert entry["prompt"] == prompt_id and entry["promptset"] == prompts[0]["id"]
    bad = run(tmp_path, "schrijf", "antwoord", "--prompt", "bestaat-niet")
    assert bad.returncode == 1 and "onbekende vraag" in bad.stderr
    assert len(listed(tmp_path)) == 1


def test_errors_are_dutch_on_stderr_and_change_nothing(tmp_path: Path) -> None:
    run(tmp_path, "schrijf", "bewaard")
    before = (tmp_path / "reflectie.db").read_bytes()
    for args, stdin, code in [
        (("schrijf", ""), None, 1),
        (("schrijf",), "  \n", 1),
        (("schrijf",), b"\xff\xfe ongeldig", 1),
        (("bewerk", "ffffffff", "x"), None, 1),
        (("lijst", "--aantal", "veel"), None, 2),
        (("onbekend",), None, 2),
    ]:
        result = run(tmp_path, *args, stdin=stdin)
        assert result.returncode == code, (args, result.stderr)
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert any(word in result.stderr for word in ("fout", "leeg", "geen", "ongeldig"))
    assert (tmp_path / "reflectie.db").read_bytes() == before


def test_reflectie_home_is_used_without_data_dir(tmp_path: Path) -> None:
    home = tmp_path / "home"
    proc = subprocess.run(
        [sys.executable, "-m", "reflectie", "schrijf", "via de omgeving"],
        capture_output=True,
        text=True,
        env={**os.environ, "REFLECTIE_HOME": str(home)},
        check=True,
    )
    assert proc.stdout.strip()
    assert (home / "reflectie.db").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_works_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    base = [sys.executable, "-m", "reflectie"]
    args = (
        [*base, "--data-dir", str(tmp_path), "schrijf", "x"]
        if where == "before"
        else [*base, "schrijf", "x", "--data-dir", str(tmp_path)]
    )
    subprocess.run(args, check=True, capture_output=True)
    assert len(listed(tmp_path)) == 1


def test_backup_and_restore_lose_nothing(tmp_path: Path) -> None:
    source, target = tmp_path / "bron", tmp_path / "doel"
    texts = [
        "Unicode: één, café, naïef, Ærø, 中文, emoji 🎉👩‍🏫",
        "# Markdown\n\n- lijst\n- **vet** en `code`\n\n> citaat\n",
        "groot " * 200_000,
    ]
    for n, text in enumerate(texts):
        assert (
            run(
                source, "schrijf", "--tag", f"t{n}", *(["--deelbaar"] if n else []), stdin=text
            ).returncode
            == 0
        )
    doomed = run(source, "schrijf", "naar de prullenbak").stdout.strip()
    run(source, "verwijder", doomed, "--ja")
    backup = tmp_path / "backup.json"
    assert run(source, "backup", "-o", str(backup)).returncode == 0
    assert oct(backup.stat().st_mode & 0o777) == "0o600"

    assert run(target, "herstel", str(backup)).returncode == 0
    assert listed(target) == listed(source)
    trash = json.loads(run(target, "prullenbak", "--json").stdout)
    assert [t["id"] for t in trash] == [doomed]

    # A second restore into a non-empty journal is refused unless asked.
    refused = run(target, "herstel", str(backup))
    assert refused.returncode == 1 and "--samenvoegen" in refused.stderr
    assert run(target, "herstel", str(backup), "--samenvoegen").returncode == 0
    assert len(listed(target)) == 3  # merged by id: no duplicates

    run(target, "schrijf", "alleen in doel")
    assert run(target, "herstel", str(backup), "--vervangen").returncode == 0
    assert listed(target) == listed(source)
    assert any("voor-herstel" in p.name for p in (target / "backups").iterdir())


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"geen json",
        b'{"formaat": "iets anders"}',
        b'{"formaat": "reflectie-backup", "versie": 99, "schema": 1, "tabellen": {}}',
        b'{"formaat": "reflectie-backup", "versie": 1, "schema": 1, '
        b'"tabellen": {"entries": [{"id": "a", "tekst": 5}]}}',
    ],
    ids=["leeg", "geen-json", "ander-formaat", "nieuwe-versie", "fout-type"],
)
def test_restore_refuses_bad_files(tmp_path: Path, content: bytes) -> None:
    run(tmp_path, "schrijf", "bestaand")
    before = listed(tmp_path)
    bad = tmp_path / "slecht.json"
    bad.write_bytes(content)
    result = run(tmp_path, "herstel", str(bad), "--samenvoegen")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert listed(tmp_path) == before


def test_prompts_json_contract(tmp_path: Path) -> None:
    data = json.loads(run(tmp_path, "prompts", "--json").stdout)
    assert data[0]["id"] == "onderzoekende-houding"
    for prompt_set in data:
        assert {"id", "titel", "bron", "vragen"} <= prompt_set.keys()
        assert all({"id", "tekst"} <= v.keys() for v in prompt_set["vragen"])


def test_reading_commands_work_while_the_app_holds_the_journal(tmp_path: Path) -> None:
    """The TUI keeps the journal locked; reading commands open it read-only beside it,
    writing commands refuse with a clear message and change nothing."""
    from reflectie.paths import resolve_paths
    from reflectie.session import open_session

    assert run(tmp_path, "schrijf", "Deelbaar: Bas zat achterin.", "--deelbaar").returncode == 0
    assert run(tmp_path, "leervraag", "nieuw", "Hoe activeer ik iedereen?").returncode == 0
    holder = open_session(resolve_paths(tmp_path))  # the app, holding the lock
    try:
        for args in (
            ("lijst",),
            ("zoek", "achterin"),
            ("leervraag", "lijst"),
            ("feedback", "lijst"),
            ("prompts",),
            ("export", "plg", "-o", str(tmp_path / "samenvatting.md")),
        ):
            result = run(tmp_path, *args)
            assert result.returncode == 0, (args, result.stderr)
        assert "Persoon 1" in (tmp_path / "samenvatting.md").read_text(encoding="utf-8")
        refused = run(tmp_path, "schrijf", "Nog een")
        assert refused.returncode == 1 and refused.stderr.strip()
        assert "Traceback" not in refused.stderr
    finally:
        holder.close()
    assert len(listed(tmp_path)) == 1
