"""A non-editable install must carry the prompt sets and themes inside the package."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("reflectie-*.whl"))


def test_wheel_contains_prompts_and_themes(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped_prompts = {p.name for p in (ROOT / "prompts").glob("*.toml")}
    shipped_themes = {p.name for p in (ROOT / "themes").glob("*.toml")}
    assert {
        Path(n).name for n in names if n.startswith("reflectie/_data/prompts/")
    } == shipped_prompts
    assert {
        Path(n).name for n in names if n.startswith("reflectie/_data/themes/")
    } == shipped_themes


def test_installed_package_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import json, reflectie, reflectie.resources as r;"
        "from reflectie.prompts import load_library;"
        "from reflectie.theme_files import load_themes;"
        "print(json.dumps([reflectie.__file__, str(r.shipped_dir('prompts')),"
        " len(load_library().sets), len(load_themes(None)[0])]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    module_file, prompts_dir, set_count, theme_count = json.loads(out.stdout)
    assert module_file.startswith(str(target))
    assert prompts_dir.startswith(str(target))
    assert set_count >= 8 and theme_count >= 4


def test_no_tracked_file_is_ignored() -> None:
    """A tracked file that .gitignore ignores (once: a whole committed .venv) hides
    missing install steps, because CI then reuses what the repository carries."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an sdist or installed copy)")
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-ci", "--exclude-standard"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert listed == []
