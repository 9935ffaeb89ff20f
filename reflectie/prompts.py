"""The prompt library: reflective questions as TOML data files, loaded without Textual.

Prompt sets are data, not code, so that a contributor or a teacher can add or
reword questions without touching Python. Shipped sets live in ``prompts/*.toml``
(inside the wheel: ``reflectie/_data/prompts``); a user adds sets of their own as
``<config>/prompts/*.toml``. This module parses, validates and picks prompts; the
TUI and the CLI only display what it returns.

File format (``formaat = 1``)::

    formaat = 1
    id = "onderzoekende-houding"      # must equal the file stem
    titel = "Onderzoekende houding"
    bron = "…"                        # citation for the set as a whole
    beschrijving = "…"                # one or two Dutch sentences

    [[vraag]]
    id = "oh-aannames"                # unique across *all* sets
    tekst = "Welke aanname over je {studenten} ..."
    toelichting = "…"                 # optional one-sentence hint
    bron = "…"                        # required: where the idea comes from
    fase = "probleemanalyse"          # optional, one of FASEN

Texts may use the sector placeholders listed in :data:`PLACEHOLDERS`
(``{opleiding}``, ``{studenten}``, ``{student}``, ``{teamleden}`` and their
capitalised variants). They are filled in by :meth:`Prompt.render` for the
sector the user chose once, so one file serves both mbo and vo.

Validation is strict on purpose: a typo in a key (``toelichtng``) or a
placeholder (``{leerlingen}``) would otherwise show up as a silently missing hint
or a literal ``{...}`` in front of a teacher. Every problem becomes a Dutch
message naming the file, and the line where it can be found, so that the user
can repair it. A broken *user* file never stops the app: :func:`load_library`
reports it in :attr:`PromptLibrary.problems` and loads the rest. A broken
*shipped* file is a developer bug and raises :class:`PromptFileError`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflectie.datafiles import DataFileError, read_toml
from reflectie.resources import shipped_dir

__all__ = [
    "DEFAULT_SET",
    "FASEN",
    "FORMAT_VERSION",
    "PLACEHOLDERS",
    "SECTORS",
    "Prompt",
    "PromptFileError",
    "PromptLibrary",
    "PromptSet",
    "choose_prompt",
    "load_library",
    "load_prompt_file",
    "render_text",
    "to_json",
]

SECTORS: tuple[str, ...] = ("mbo", "vo")
"""The sectors whose wording the prompts adapt to."""

DEFAULT_SET = "onderzoekende-houding"
"""The core set (aanbeveling 3), offered when the user has not chosen one."""

FORMAT_VERSION = 1
"""The only ``formaat`` this version understands; bumped when the format changes."""

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "opleiding": {"mbo": "opleiding", "vo": "school"},
    "studenten": {"mbo": "studenten", "vo": "leerlingen"},
    "student": {"mbo": "student", "vo": "leerling"},
    "teamleden": {"mbo": "teamleden", "vo": "collega's"},
    "Opleiding": {"mbo": "Opleiding", "vo": "School"},
    "Studenten": {"mbo": "Studenten", "vo": "Leerlingen"},
    "Student": {"mbo": "Student", "vo": "Leerling"},
    "Teamleden": {"mbo": "Teamleden", "vo": "Collega's"},
}
"""Placeholder name → wording per sector. mbo and vo name the same things differently."""

FASEN: dict[str, str] = {
    "probleemanalyse": "Probleemanalyse",
    "literatuurstudie": "Literatuurstudie",
    "onderzoeksopzet": "Onderzoeksopzet",
    "resultaten": "Resultaten",
    "conclusies": "Conclusies en aanbevelingen",
}
"""Research phases a prompt may belong to (for the reflective dialogue in a PLG), with labels."""

_SET_KEYS_REQUIRED: tuple[str, ...] = ("formaat", "id", "titel", "bron", "beschrijving", "vraag")
_PROMPT_KEYS_REQUIRED: tuple[str, ...] = ("id", "tekst", "bron")
_PROMPT_KEYS_OPTIONAL: tuple[str, ...] = ("toelichting", "fase")

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_VRAAG_HEADER_RE = re.compile(r"^\s*\[\[\s*vraag\s*\]\]")
_TABLE_HEADER_RE = re.compile(r"^\s*\[")


def _check_sector(sector: str) -> None:
    """Refuse an unknown sector loudly rather than render half-filled text."""
    if sector not in SECTORS:
        raise ValueError(f"Onbekende sector {sector!r}; kies uit: {', '.join(SECTORS)}.")


def render_text(text: str, sector: str) -> str:
    """Fill the sector placeholders in ``text`` for ``sector`` ("mbo" or "vo").

    Unknown placeholders are left as they are; the loader already refuses them,
    so in practice they only survive in hand-built prompts.
    """
    _check_sector(sector)

    def substitute(match: re.Match[str]) -> str:
        wording = PLACEHOLDERS.get(match.group(1))
        return wording[sector] if wording is not None else match.group(0)

    return _PLACEHOLDER_RE.sub(substitute, text)


@dataclass(frozen=True)
class Prompt:
    """One reflective question, stored with placeholders and rendered per sector."""

    id: str
    set_id: str
    tekst: str
    bron: str
    toelichting: str | None = None
    fase: str | None = None

    def render(self, sector: str) -> str:
        """The question text in the wording of ``sector``."""
        return render_text(self.tekst, sector)

    def render_hint(self, sector: str) -> str | None:
        """The optional hint in the wording of ``sector`` (``None`` when there is none)."""
        return None if self.toelichting is None else render_text(self.toelichting, sector)


@dataclass(frozen=True)
class PromptSet:
    """One validated prompt file.

    ``builtin`` tells shipped sets from the user's own: shipped sets may not be
    shadowed, and the UI may want to say where a set came from.
    """

    id: str
    titel: str
    bron: str
    beschrijving: str
    vragen: tuple[Prompt, ...]
    path: Path
    builtin: bool

    def render_beschrijving(self, sector: str) -> str:
        """The set's description in the wording of ``sector`` (it may use placeholders too)."""
        return render_text(self.beschrijving, sector)


@dataclass(frozen=True)
class PromptLibrary:
    """All usable prompt sets plus the problems met while loading user files.

    ``sets`` holds the shipped sets first (the core set first of all), then the
    user's sets in file-name order. ``problems`` holds one Dutch message per user
    file that was skipped, so the UI can show why a set is missing.
    """

    sets: tuple[PromptSet, ...]
    problems: tuple[str, ...] = ()

    @property
    def weekly_sets(self) -> tuple[PromptSet, ...]:
        """The sets a teacher can choose for the question of the day. The speerpunt
        set is left out: its questions belong to a speerpunt, and the home screen asks
        them for each active speerpunt by itself (a reflection on them without the
        speerpunt would never reach the PLG under it)."""
        return tuple(s for s in self.sets if s.id not in SPEERPUNT_SETS)

    def get_set(self, set_id: str) -> PromptSet | None:
        """The set with id ``set_id``, or ``None``."""
        for prompt_set in self.sets:
            if prompt_set.id == set_id:
                return prompt_set
        return None

    def find(self, prompt_id: str) -> Prompt | None:
        """The prompt with id ``prompt_id`` in any set, or ``None``.

        Entries store only a prompt id, so this is how an old entry finds its question.
        """
        for prompt_set in self.sets:
            for prompt in prompt_set.vragen:
                if prompt.id == prompt_id:
                    return prompt
        return None


class PromptFileError(DataFileError):
    """A prompt file that cannot be used; the message is Dutch and names the file.

    ``line`` is the 1-based line number where the problem was found, when known.
    """

    kind = "Vragenset"


# --------------------------------------------------------------------------- loading


class _Locator:
    """Best-effort line numbers for semantic errors, which tomllib does not report.

    It scans the raw text for ``[[vraag]]`` headers and ``key =`` lines. Files
    written with inline tables simply get no line number; the message still names
    the file and the offending id.
    """

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.vraag_starts = [i for i, line in enumerate(self.lines) if _VRAAG_HEADER_RE.match(line)]

    def top_key(self, key: str) -> int | None:
        """Line of a top-level ``key = ...`` (before the first table header)."""
        key_re = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for i, line in enumerate(self.lines):
            if _TABLE_HEADER_RE.match(line):
                break
            if key_re.match(line):
                return i + 1
        return None

    def vraag(self, index: int, key: str | None = None) -> int | None:
        """Line of the ``index``-th ``[[vraag]]`` header, or of ``key`` inside that table."""
        if index >= len(self.vraag_starts):
            return None
        start = self.vraag_starts[index]
        if key is None:
            return start + 1
        key_re = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for i in range(start + 1, len(self.lines)):
            if _TABLE_HEADER_RE.match(self.lines[i]):
                break
            if key_re.match(self.lines[i]):
                return i + 1
        return start + 1


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    return read_toml(path, PromptFileError)


def _placeholder_problems(text: str) -> list[str]:
    """Describe every placeholder or stray brace in ``text`` that rendering cannot fill."""
    problems: list[str] = []
    for match in _PLACEHOLDER_RE.finditer(text):
        if match.group(1) not in PLACEHOLDERS:
            problems.append(f"onbekende plaatshouder {match.group(0)}")
    leftover = _PLACEHOLDER_RE.sub("", text)
    if "{" in leftover or "}" in leftover:
        problems.append("losse accolade { of }")
    return problems


def _known_placeholders() -> str:
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS)


def _require_text(path: Path, value: Any, what: str, line: int | None) -> str:
    """Return ``value`` stripped, or fail when it is not a non-empty string."""
    if not isinstance(value, str):
        raise PromptFileError(path, f"{what} moet tekst zijn (tussen aanhalingstekens).", line)
    stripped = value.strip()
    if not stripped:
        raise PromptFileError(path, f"{what} is leeg.", line)
    return stripped


def _check_placeholders(path: Path, text: str, what: str, line: int | None) -> None:
    problems = _placeholder_problems(text)
    if problems:
        raise PromptFileError(
            path,
            f"{what} bevat {'; '.join(problems)}. Toegestaan zijn: {_known_placeholders()}.",
            line,
        )


def _parse_prompt(
    path: Path, set_id: str, index: int, entry: Any, locate: _Locator, seen: set[str]
) -> Prompt:
    """Validate one ``[[vraag]]`` table and build its :class:`Prompt`."""
    label = f"vraag {index + 1}"
    if not isinstance(entry, dict):
        raise PromptFileError(path, f"{label} moet een tabel [[vraag]] zijn.", locate.vraag(index))
    unknown = sorted(set(entry) - set(_PROMPT_KEYS_REQUIRED) - set(_PROMPT_KEYS_OPTIONAL))
    if unknown:
        raise PromptFileError(
            path,
            f"{label} heeft een onbekend veld: {', '.join(unknown)}. Toegestaan zijn: "
            f"{', '.join(_PROMPT_KEYS_REQUIRED + _PROMPT_KEYS_OPTIONAL)}.",
            locate.vraag(index, unknown[0]),
        )
    for key in _PROMPT_KEYS_REQUIRED:
        if key not in entry:
            raise PromptFileError(path, f"{label} mist het veld '{key}'.", locate.vraag(index))

    prompt_id = _require_text(path, entry["id"], f"{label}: id", locate.vraag(index, "id"))
    if not _ID_RE.fullmatch(prompt_id):
        raise PromptFileError(
            path,
            f"{label}: id {prompt_id!r} mag alleen kleine letters, cijfers en "
            "streepjes bevatten (bijvoorbeeld 'oh-aannames').",
            locate.vraag(index, "id"),
        )
    if prompt_id in seen:
        raise PromptFileError(
            path, f"vraag-id {prompt_id!r} komt meer dan eens voor.", locate.vraag(index, "id")
        )
    seen.add(prompt_id)
    label = f"vraag {prompt_id!r}"

    tekst = _require_text(path, entry["tekst"], f"{label}: tekst", locate.vraag(index, "tekst"))
    _check_placeholders(path, tekst, f"{label}: tekst", locate.vraag(index, "tekst"))
    bron = _require_text(path, entry["bron"], f"{label}: bron", locate.vraag(index, "bron"))

    toelichting: str | None = None
    if "toelichting" in entry:
        line = locate.vraag(index, "toelichting")
        toelichting = _require_text(path, entry["toelichting"], f"{label}: toelichting", line)
        _check_placeholders(path, toelichting, f"{label}: toelichting", line)

    fase: str | None = None
    if "fase" in entry:
        line = locate.vraag(index, "fase")
        fase = _require_text(path, entry["fase"], f"{label}: fase", line)
        if fase not in FASEN:
            raise PromptFileError(
                path,
                f"{label}: onbekende fase {fase!r}; kies uit: {', '.join(FASEN)}.",
                line,
            )

    return Prompt(
        id=prompt_id,
        set_id=set_id,
        tekst=tekst,
        bron=bron,
        toelichting=toelichting,
        fase=fase,
    )


def load_prompt_file(path: Path, *, builtin: bool = False) -> PromptSet:
    """Read and strictly validate one prompt file.

    Checks: valid UTF-8 TOML, ``formaat == 1``, all required fields present with
    the right types, no unknown keys (typos must not pass silently), ``id`` equal
    to the file stem, unique prompt ids within the file, only known placeholders
    and known phases. Raises :class:`PromptFileError` with a Dutch message.
    """
    path = Path(path)
    data, source = _read_toml(path)
    locate = _Locator(source)

    unknown = sorted(set(data) - set(_SET_KEYS_REQUIRED))
    if unknown:
        raise PromptFileError(
            path,
            f"onbekend veld: {', '.join(unknown)}. Toegestaan zijn: "
            f"{', '.join(_SET_KEYS_REQUIRED)}.",
            locate.top_key(unknown[0]),
        )
    for key in _SET_KEYS_REQUIRED:
        if key not in data:
            hint = " (voeg minstens één [[vraag]] toe)" if key == "vraag" else ""
            raise PromptFileError(path, f"het veld '{key}' ontbreekt{hint}.")

    formaat = data["formaat"]
    if type(formaat) is not int or formaat != FORMAT_VERSION:
        raise PromptFileError(
            path,
            f"formaat {formaat!r} wordt niet ondersteund; deze versie kent alleen "
            f"formaat = {FORMAT_VERSION}.",
            locate.top_key("formaat"),
        )

    set_id = _require_text(path, data["id"], "id", locate.top_key("id"))
    if set_id != path.stem:
        raise PromptFileError(
            path,
            f"id {set_id!r} moet gelijk zijn aan de bestandsnaam zonder .toml ({path.stem!r}).",
            locate.top_key("id"),
        )
    if not _ID_RE.fullmatch(set_id):
        raise PromptFileError(
            path,
            f"id {set_id!r} mag alleen kleine letters, cijfers en streepjes bevatten.",
            locate.top_key("id"),
        )
    titel = _require_text(path, data["titel"], "titel", locate.top_key("titel"))
    bron = _require_text(path, data["bron"], "bron", locate.top_key("bron"))
    beschrijving = _require_text(
        path, data["beschrijving"], "beschrijving", locate.top_key("beschrijving")
    )
    _check_placeholders(path, beschrijving, "beschrijving", locate.top_key("beschrijving"))

    entries = data["vraag"]
    if not isinstance(entries, list) or not entries:
        raise PromptFileError(
            path, "'vraag' moet een lijst van minstens één [[vraag]]-tabel zijn.", None
        )
    seen: set[str] = set()
    vragen = tuple(
        _parse_prompt(path, set_id, index, entry, locate, seen)
        for index, entry in enumerate(entries)
    )
    return PromptSet(
        id=set_id,
        titel=titel,
        bron=bron,
        beschrijving=beschrijving,
        vragen=vragen,
        path=path,
        builtin=builtin,
    )


#: Sets asked per speerpunt, never as the question of the day.
SPEERPUNT_SETS = frozenset({"speerpunt-monitoren"})

_SHIPPED_ORDER: tuple[str, ...] = (
    DEFAULT_SET,
    "verbeterplan",
    "uitvoeren-borgen",
    "speerpunt-monitoren",
    "samen-leren",
    "kennis-benutten",
    "gespreid-leiderschap",
    "reflectieve-dialoog",
    "kwaliteitscultuur",
)
"""Menu order of the shipped sets: core set first, then the leidraad's own order."""


def _shipped_sort_key(path: Path) -> tuple[int, str]:
    """Known sets in :data:`_SHIPPED_ORDER`, any other shipped file after them by name."""
    try:
        return (_SHIPPED_ORDER.index(path.stem), path.name)
    except ValueError:
        return (len(_SHIPPED_ORDER), path.name)


def _shipped_sets() -> list[PromptSet]:
    """Load every shipped set, core set first; any defect raises (it is a developer bug)."""
    folder = shipped_dir("prompts")
    files = sorted(folder.glob("*.toml"), key=_shipped_sort_key)
    sets: list[PromptSet] = []
    owner: dict[str, str] = {}
    for file in files:
        prompt_set = load_prompt_file(file, builtin=True)
        for prompt in prompt_set.vragen:
            if prompt.id in owner:
                raise PromptFileError(
                    file,
                    f"vraag-id {prompt.id!r} bestaat ook al in de set {owner[prompt.id]!r}.",
                )
            owner[prompt.id] = prompt_set.id
        sets.append(prompt_set)
    return sets


def load_library(user_dir: Path | None = None) -> PromptLibrary:
    """Load the shipped sets, then the user's ``*.toml`` files from ``user_dir``.

    A user file that is broken, or whose set id or prompt ids collide with a set
    already loaded, is skipped with one Dutch message in ``problems``: one bad
    file must not take the teacher's other sets (or the shipped ones) down.
    Shipped files are trusted; a defect there raises :class:`PromptFileError`.
    """
    sets = _shipped_sets()
    problems: list[str] = []
    set_ids = {s.id: s for s in sets}
    prompt_owner = {p.id: s.id for s in sets for p in s.vragen}

    if user_dir is not None:
        user_dir = Path(user_dir)
        if user_dir.exists() and not user_dir.is_dir():
            problems.append(f"{user_dir} is geen map; eigen vragensets worden overgeslagen.")
        elif user_dir.is_dir():
            for file in sorted(user_dir.glob("*.toml")):
                try:
                    prompt_set = load_prompt_file(file, builtin=False)
                except PromptFileError as exc:
                    problems.append(str(exc))
                    continue
                clash = set_ids.get(prompt_set.id)
                if clash is not None:
                    kind = "meegeleverde" if clash.builtin else "eigen"
                    problems.append(
                        f"Vragenset {file}: de id {prompt_set.id!r} is al in gebruik door een "
                        f"{kind} set; kies een andere id (en bestandsnaam). Overgeslagen."
                    )
                    continue
                taken = [p.id for p in prompt_set.vragen if p.id in prompt_owner]
                if taken:
                    first = taken[0]
                    problems.append(
                        f"Vragenset {file}: vraag-id {first!r} is al in gebruik in de set "
                        f"{prompt_owner[first]!r}; geef je vragen een eigen voorvoegsel. "
                        "Overgeslagen."
                    )
                    continue
                sets.append(prompt_set)
                set_ids[prompt_set.id] = prompt_set
                prompt_owner.update({p.id: prompt_set.id for p in prompt_set.vragen})

    return PromptLibrary(sets=tuple(sets), problems=tuple(problems))


# --------------------------------------------------------------------------- choosing


def choose_prompt(
    prompt_set: PromptSet,
    recent_ids: Sequence[str],
    rng: random.Random | None = None,
    exclude: str | None = None,
) -> Prompt:
    """Pick the next prompt from ``prompt_set``, rotating through the set.

    ``recent_ids`` lists recently used prompt ids, most recent first. Prompts not
    in it are preferred; when every prompt was used, the ones whose last use lies
    furthest back are. Ties are broken at random with ``rng`` (pass a seeded
    ``random.Random`` for repeatable choices). ``exclude`` (the prompt on screen,
    for "andere vraag") is never returned unless it is the only prompt in the set.
    """
    if not prompt_set.vragen:
        raise ValueError(f"De vragenset {prompt_set.id!r} bevat geen vragen.")
    rng = rng if rng is not None else random.Random()
    candidates = [p for p in prompt_set.vragen if p.id != exclude] or list(prompt_set.vragen)

    last_use: dict[str, int] = {}
    for position, prompt_id in enumerate(recent_ids):
        last_use.setdefault(prompt_id, position)
    never_used = len(recent_ids)

    def age(prompt: Prompt) -> int:
        """Higher is longer ago; never-used prompts rank above everything used."""
        return last_use.get(prompt.id, never_used)

    oldest = max(age(p) for p in candidates)
    return rng.choice([p for p in candidates if age(p) == oldest])


# --------------------------------------------------------------------------- export


def to_json(library: PromptLibrary, sector: str) -> list[dict[str, Any]]:
    """The library as plain data for ``reflectie prompts --json``, rendered for ``sector``."""
    _check_sector(sector)
    return [
        {
            "id": prompt_set.id,
            "titel": prompt_set.titel,
            "bron": prompt_set.bron,
            "beschrijving": prompt_set.render_beschrijving(sector),
            "vragen": [
                {
                    "id": prompt.id,
                    "tekst": prompt.render(sector),
                    "toelichting": prompt.render_hint(sector),
                    "bron": prompt.bron,
                    "fase": prompt.fase,
                }
                for prompt in prompt_set.vragen
            ],
        }
        for prompt_set in library.sets
    ]
