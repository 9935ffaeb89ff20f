"""The shape the project promises: a core that never imports Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reflectie"
UI_PACKAGES = {"tui"}


def core_modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in UI_PACKAGES
    ]


def test_no_core_module_imports_textual() -> None:
    offenders = []
    for path in core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(PACKAGE)}: {name}"
                for name in names
                if name.split(".")[0] == "textual" or name.startswith("reflectie.tui")
            ]
    # The CLI may start the TUI, but only lazily, from inside a function.
    offenders = [o for o in offenders if not o.startswith("cli/main.py: reflectie.tui")]
    assert offenders == []


def test_importing_the_core_does_not_load_textual() -> None:
    code = (
        "import sys, reflectie.session, reflectie.backup_file, reflectie.cli.main;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
