"""Where reflectie keeps its files, and how they are created private.

The data folder holds the journal database, drafts and automatic backups. It is
the platform's user data folder unless ``--data-dir`` or ``REFLECTIE_HOME`` says
otherwise; an override also moves the config folder (``<dir>/config``) so that a
test or a second journal never reads the user's own prompt sets or themes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "reflectie"
ENV_HOME = "REFLECTIE_HOME"

DIR_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True)
class AppPaths:
    """The folders of one journal."""

    data_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "reflectie.db"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def drafts(self) -> Path:
        return self.data_dir / "concepten"

    @property
    def user_prompts(self) -> Path:
        return self.config_dir / "prompts"

    @property
    def user_themes(self) -> Path:
        return self.config_dir / "themes"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Pick the folders: explicit argument, then ``REFLECTIE_HOME``, then platform defaults."""
    chosen = data_dir if data_dir is not None else os.environ.get(ENV_HOME) or None
    if chosen is not None:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root / "config")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it readable by the owner only.

    A new folder only lasts a power loss once its parent is fsynced; files written
    into it right after (a journal, a draft, a copy) depend on that.
    """
    missing: list[Path] = []
    current = path
    while not current.is_dir() and current != current.parent:
        missing.append(current)
        current = current.parent
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix":
        os.chmod(path, DIR_MODE)
        for created in reversed(missing):
            _fsync_folder(created.parent)
    return path


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
