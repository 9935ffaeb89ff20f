"""Speerpunten in a member's app: storage, import, monitoring, borging, evaluation.

Two tables:

``uitkomsten``
    One document per PLG-uitkomst this journal imported: the last imported content
    (``inhoud``, compared on import), and its speerpunten, each the PLG's plan plus
    this member's own state (``status``, ``sinds``, ``uitgesteld_tot``,
    ``volgende_evaluatie``, ``evaluaties``, ``leervragen``, ``mijn_rollen``). An
    import, a new version or any change of state rewrites that one document in one
    durable commit, so an uitkomst is never half imported.
``uitkomsten_opgesteld``
    Uitkomsten written here (by whoever keeps the PLG's agenda), so a newer version
    can carry the same ids.

Monitoring notes are ordinary journal entries with ``speerpunt`` set (and
``promptset`` :data:`MONITOR_SET`): private unless marked deelbaar, searchable, in
the backup, encrypted with the journal. A borging round counts as done when a note
answers one of the borging questions, so answering is a single write.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from tinydb import Query

from reflectie.clock import Clock, iso, system_clock
from reflectie.database import Database
from reflectie.exchange import ExchangeError, encode
from reflectie.feedback import FeedbackService
from reflectie.journal import EntryFilter, Journal, NotFoundError
from reflectie.model import Entry, ValidationError
from reflectie.prompts import Prompt, PromptLibrary, choose_prompt
from reflectie.settings import SettingsStore
from reflectie.team import borging
from reflectie.team.model import (
    KWALITEITSBEWAKER,
    ROLES,
    PlgUitkomst,
    SpeerpuntPlan,
    make_uitkomst,
)

UITKOMSTEN = "uitkomsten"
OPGESTELD = "uitkomsten_opgesteld"

#: The prompt set of monitoring and borging questions (prompts/speerpunt-monitoren.toml).
MONITOR_SET = "speerpunt-monitoren"
#: The two borging questions of that set; a note answering one completes a borging round.
BORGING_PROMPTS: tuple[str, ...] = ("sm-borg-zoals-bedoeld", "sm-borg-knelpunten")
#: The question for the evaluation on the agreed date.
EVALUATION_PROMPT = "sm-evaluatie"
#: After closing a speerpunt, a new cycle starts with the verbeterplan set (aanbeveling 1).
NEW_CYCLE_SET = "verbeterplan"
#: How monitoring notes are grouped in a PLG summary (and so in the agenda).
GROUP_PREFIX = "Speerpunt: "

STATUSES: dict[str, str] = {
    "actief": "actief",
    "bijstellen": "wordt bijgesteld",
    "afgesloten": "afgesloten",
    "vervallen": "vervallen (niet meer in de nieuwste uitkomst)",
}
OPEN_STATUSES = ("actief", "bijstellen")


@dataclass(frozen=True)
class Evaluation:
    datum: str  # ISO 8601 moment
    effect: str
    besluit: str  # a key of borging.DECISIONS
    deelbaar: bool

    def to_doc(self) -> dict[str, Any]:
        return {
            "datum": self.datum,
            "effect": self.effect,
            "besluit": self.besluit,
            "deelbaar": self.deelbaar,
        }


@dataclass(frozen=True)
class Speerpunt:
    """A speerpunt as this member has it: the PLG's plan plus the member's own state."""

    plan: SpeerpuntPlan
    uitkomst_id: str
    uitkomst_titel: str
    uitkomst_versie: int
    status: str
    sinds: str  # when it first arrived here (ISO 8601)
    uitgesteld_tot: str | None = None  # borging reminder postponed until (ISO date)
    volgende_evaluatie: str | None = None  # set by the member when continuing
    evaluaties: tuple[Evaluation, ...] = ()
    leervragen: tuple[str, ...] = ()
    mijn_rollen: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.plan.id

    @property
    def titel(self) -> str:
        return self.plan.titel

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def since_date(self) -> date:
        return datetime.fromisoformat(self.sinds).date()

    @property
    def group(self) -> str:
        """The heading its shared notes get in a PLG summary."""
        return GROUP_PREFIX + self.titel

    def to_json(self) -> dict[str, Any]:
        """The shape of ``reflectie speerpunt lijst --json``."""
        return {
            **self.plan.to_json(),
            "status": self.status,
            "uitkomst": self.uitkomst_id,
            "uitkomst_titel": self.uitkomst_titel,
            "uitkomst_versie": self.uitkomst_versie,
            "sinds": self.sinds,
            "uitgesteld_tot": self.uitgesteld_tot,
            "volgende_evaluatie": self.volgende_evaluatie,
            "evaluaties": [e.to_doc() for e in self.evaluaties],
            "leervragen": list(self.leervragen),
            "mijn_rollen": list(self.mijn_rollen),
        }


@dataclass(frozen=True)
class UitkomstImportResult:
    """What importing an uitkomst did; ``changes`` lists each difference in Dutch."""

    kind: str  # always "uitkomst"
    id: str
    changed: bool
    message: str
    changes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MonitoringSuggestion:
    speerpunt: Speerpunt
    prompt: Prompt


@dataclass(frozen=True)
class BorgingReminder:
    """A quiet reminder: the two borging questions for one speerpunt."""

    speerpunt: Speerpunt
    due_on: date
    questions: tuple[Prompt, ...]
    #: Tasks of the roles this member holds for the speerpunt (kwaliteitsbewaker …).
    tasks: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class BorgingState:
    due_on: date
    last_answer: date | None
    postponed_until: date | None
    shown: bool


# -- helpers -----------------------------------------------------------------------------------


def _local_state(now: str) -> dict[str, Any]:
    return {
        "status": "actief",
        "sinds": now,
        "uitgesteld_tot": None,
        "volgende_evaluatie": None,
        "evaluaties": [],
        "leervragen": [],
        "mijn_rollen": [],
    }


def _speerpunt(doc: dict[str, Any], sp: dict[str, Any]) -> Speerpunt:
    return Speerpunt(
        plan=SpeerpuntPlan.from_doc(sp),
        uitkomst_id=doc["id"],
        uitkomst_titel=doc.get("titel", ""),
        uitkomst_versie=doc["uitkomst_versie"],
        status=sp["status"],
        sinds=sp["sinds"],
        uitgesteld_tot=sp.get("uitgesteld_tot"),
        volgende_evaluatie=sp.get("volgende_evaluatie"),
        evaluaties=tuple(
            Evaluation(e["datum"], e["effect"], e["besluit"], bool(e.get("deelbaar")))
            for e in sp.get("evaluaties") or ()
        ),
        leervragen=tuple(sp.get("leervragen") or ()),
        mijn_rollen=tuple(sp.get("mijn_rollen") or ()),
    )


def _role_names(ids: Iterable[str]) -> str:
    return ", ".join(ROLES[r].neutral_titel().lower() for r in ids if r in ROLES) or "geen"


def describe_changes(old: SpeerpuntPlan, new: SpeerpuntPlan) -> list[str]:
    """What a newer version changed in one speerpunt, in short Dutch phrases."""
    changes: list[str] = []
    if old.titel != new.titel:
        changes.append(f"titel: '{old.titel}' → '{new.titel}'")
    if old.aanpak != new.aanpak:
        changes.append("aanpak gewijzigd")
    if old.zoals_bedoeld != new.zoals_bedoeld:
        changes.append("'uitgevoerd zoals bedoeld' gewijzigd")
    if old.aandachtspunten != new.aandachtspunten:
        changes.append("aandachtspunten gewijzigd")
    if old.monitoring != new.monitoring:
        changes.append("monitoringmomenten gewijzigd")
    if old.evaluatie != new.evaluatie:
        changes.append(f"evaluatiedatum: {old.evaluatie or 'geen'} → {new.evaluatie or 'geen'}")
    if old.rollen != new.rollen:
        changes.append(f"rollen: {_role_names(old.rollen)} → {_role_names(new.rollen)}")
    if old.betrekken != new.betrekken:
        changes.append("betrekken van studenten/leerlingen gewijzigd")
    return changes


def carry_ids(previous: PlgUitkomst, plans: Sequence[SpeerpuntPlan]) -> tuple[SpeerpuntPlan, ...]:
    """Give the speerpunten of a newer version the ids they had before.

    A speerpunt with the same title keeps its id; when both versions hold exactly
    one speerpunt, it is the same one (renamed or adjusted), so monitoring notes stay
    attached.
    """
    by_title = {p.titel.casefold(): p.id for p in previous.speerpunten}
    if len(previous.speerpunten) == 1 and len(plans) == 1:
        return (replace(plans[0], id=previous.speerpunten[0].id),)
    used: set[str] = set()
    out = []
    for plan in plans:
        old = by_title.get(plan.titel.casefold())
        if old is not None and old not in used:
            plan = replace(plan, id=old)
            used.add(old)
        out.append(plan)
    return tuple(out)


def _uitkomst_from_content(content: dict[str, Any]) -> PlgUitkomst:
    return PlgUitkomst(
        id=content["id"],
        uitkomst_versie=content["uitkomst_versie"],
        titel=content["titel"],
        opgesteld=content["opgesteld"],
        speerpunten=tuple(SpeerpuntPlan.from_doc(s) for s in content["speerpunten"]),
    )


# -- the service -------------------------------------------------------------------------------


class TeamService:
    """Speerpunten from PLG-uitkomsten, and everything a member does with them."""

    def __init__(
        self,
        database: Database,
        journal: Journal,
        feedback: FeedbackService,
        settings: SettingsStore,
        clock: Clock = system_clock,
    ) -> None:
        self.journal = journal
        self.feedback = feedback
        self.settings = settings
        self.clock = clock
        self._lock = threading.RLock()
        self._uitkomsten = database.db.table(UITKOMSTEN)
        self._opgesteld = database.db.table(OPGESTELD)

    def today(self) -> date:
        return self.clock().date()

    def sector(self) -> str:
        return self.settings.load().sector or "mbo"

    # -- writing an uitkomst (the one who keeps the agenda) ------------------------------------

    def new_uitkomst(
        self,
        plans: Sequence[SpeerpuntPlan],
        *,
        titel: str = "",
        vervangt: str | None = None,
    ) -> PlgUitkomst:
        """Build (not yet store) an uitkomst; ``vervangt`` makes it a newer version of the
        uitkomst with that id (or of the one holding that speerpunt; a prefix works)."""
        previous = self.latest_version(vervangt) if vervangt else None
        if previous is not None:
            plans = carry_ids(previous, plans)
        old_dates = {p.id: p.evaluatie for p in previous.speerpunten} if previous else {}
        for plan in plans:
            day = plan.evaluatie_datum
            if day and day < self.today() and old_dates.get(plan.id) != plan.evaluatie:
                raise ValidationError(
                    f"De evaluatiedatum {plan.evaluatie} ligt in het verleden; er is niets "
                    "geschreven."
                )
        uitkomst = make_uitkomst(
            list(plans),
            opgesteld=iso(self.clock()),
            titel=titel if titel or previous is None else previous.titel,
            uitkomst_id=previous.id if previous else None,
            uitkomst_versie=previous.uitkomst_versie + 1 if previous else 1,
        )
        if previous is not None and _same_decisions(previous, uitkomst):
            raise ValidationError(
                f"Er is niets veranderd ten opzichte van versie {previous.uitkomst_versie}; "
                "er is niets geschreven."
            )
        return uitkomst

    def remember_authored(self, uitkomst: PlgUitkomst) -> None:
        """Keep what was sent, so the next version can build on it (one durable write)."""
        doc = {
            "id": uitkomst.id,
            "uitkomst_versie": uitkomst.uitkomst_versie,
            "inhoud": uitkomst.content(),
        }
        with self._lock:
            self._opgesteld.upsert(doc, Query().id == uitkomst.id)

    def publish(self, uitkomst: PlgUitkomst, write: Callable[[str], None]) -> str:
        """Remember ``uitkomst`` as written here and hand its exchange text to ``write``
        (a file, the clipboard). If writing fails, the record is put back as it was, so
        a failure changes nothing stored."""
        text = encode(uitkomst)
        with self._lock:
            before = self._opgesteld.get(Query().id == uitkomst.id)
            self.remember_authored(uitkomst)
            try:
                write(text)
            except BaseException:
                if before is None:
                    self._opgesteld.remove(Query().id == uitkomst.id)
                else:
                    self._opgesteld.upsert(dict(before), Query().id == uitkomst.id)
                raise
        return text

    def authored(self) -> list[PlgUitkomst]:
        return [_uitkomst_from_content(d["inhoud"]) for d in self._opgesteld.all()]

    def latest_version(self, id_or_prefix: str) -> PlgUitkomst:
        """The newest known version (written here or imported) of an uitkomst, found by
        its id, a speerpunt's id, or an unambiguous prefix of either (4+ characters)."""
        key = id_or_prefix.strip().lower()
        known: dict[str, PlgUitkomst] = {}
        for candidate in [
            *self.authored(),
            *(_uitkomst_from_content(d["inhoud"]) for d in self._uitkomsten.all()),
        ]:
            current = known.get(candidate.id)
            if current is None or candidate.uitkomst_versie > current.uitkomst_versie:
                known[candidate.id] = candidate

        def hits(exact: bool) -> set[str]:
            found = set()
            for u in known.values():
                ids = [u.id, *(p.id for p in u.speerpunten)]
                if any(i == key if exact else i.startswith(key) for i in ids):
                    found.add(u.id)
            return found

        matches = hits(True) or (hits(False) if len(key) >= 4 else set())
        if len(matches) > 1:
            raise ValidationError(f"'{id_or_prefix}' past bij meer dan één uitkomst.")
        if not matches:
            raise ValidationError(f"Er is geen uitkomst of speerpunt met id '{id_or_prefix}'.")
        return known[matches.pop()]

    # -- import (every member) -----------------------------------------------------------------

    def import_uitkomst(self, item: PlgUitkomst) -> UitkomstImportResult:
        """Store a new uitkomst or a newer version; twice changes nothing."""
        with self._lock:
            incoming = {p.id for p in item.speerpunten}
            for other in self._uitkomsten.all():
                if other["id"] != item.id and incoming & {s["id"] for s in other["speerpunten"]}:
                    raise ExchangeError(
                        "Een speerpunt in dit bestand heeft het id van een speerpunt uit een "
                        "andere uitkomst; het bestand is niet te vertrouwen. Er is niets "
                        "opgeslagen."
                    )
            doc = self._uitkomsten.get(Query().id == item.id)
            name = f" '{item.titel}'" if item.titel else ""
            if doc is None:
                return self._import_new(item, name)
            stored = doc["uitkomst_versie"]
            if item.uitkomst_versie == stored:
                if doc["inhoud"] == item.content():
                    return UitkomstImportResult(
                        "uitkomst",
                        item.id,
                        False,
                        f"Deze PLG-uitkomst (versie {stored}) was al geïmporteerd; er is "
                        "niets veranderd.",
                    )
                raise ExchangeError(
                    f"Deze PLG-uitkomst heeft hetzelfde versienummer ({stored}) als de "
                    "geïmporteerde, maar een andere inhoud. Er is niets gewijzigd; vraag de "
                    "opsteller om een nieuwe versie."
                )
            if item.uitkomst_versie < stored:
                return UitkomstImportResult(
                    "uitkomst",
                    item.id,
                    False,
                    f"Dit is een oudere versie ({item.uitkomst_versie}) van een PLG-uitkomst "
                    f"waarvan je versie {stored} al hebt; er is niets gewijzigd.",
                )
            return self._import_newer(dict(doc), item, name)

    def _import_new(self, item: PlgUitkomst, name: str) -> UitkomstImportResult:
        now = iso(self.clock())
        self._uitkomsten.insert(
            {
                "id": item.id,
                "uitkomst_versie": item.uitkomst_versie,
                "titel": item.titel,
                "opgesteld": item.opgesteld,
                "inhoud": item.content(),
                "geimporteerd": now,
                "bijgewerkt": now,
                "speerpunten": [{**p.to_json(), **_local_state(now)} for p in item.speerpunten],
                "geschiedenis": [{"versie": item.uitkomst_versie, "datum": now, "wijzigingen": []}],
            }
        )
        titles = ", ".join(f"'{p.titel}'" for p in item.speerpunten)
        count = len(item.speerpunten)
        noun = "speerpunt" if count == 1 else "speerpunten"
        changes = tuple(f"nieuw speerpunt '{p.titel}'" for p in item.speerpunten)
        return UitkomstImportResult(
            "uitkomst",
            item.id,
            True,
            f"PLG-uitkomst{name} (versie {item.uitkomst_versie}) geïmporteerd: {count} "
            f"{noun}: {titles}.",
            changes,
        )

    def _import_newer(
        self, doc: dict[str, Any], item: PlgUitkomst, name: str
    ) -> UitkomstImportResult:
        now = iso(self.clock())
        old_by_id = {s["id"]: s for s in doc["speerpunten"]}
        changes: list[str] = []
        if doc.get("titel", "") != item.titel:
            changes.append(f"titel van de uitkomst: '{doc.get('titel', '')}' → '{item.titel}'")
        merged: list[dict[str, Any]] = []
        for plan in item.speerpunten:
            old = old_by_id.pop(plan.id, None)
            if old is None:
                merged.append({**plan.to_json(), **_local_state(now)})
                changes.append(f"nieuw speerpunt '{plan.titel}'")
                continue
            state = {k: v for k, v in old.items() if k not in plan.to_json()}
            diff = describe_changes(SpeerpuntPlan.from_doc(old), plan)
            if state["status"] == "vervallen":
                state["status"] = "actief"
                diff.append("weer opgenomen (actief)")
            elif state["status"] == "bijstellen" and (
                old["aanpak"] != plan.aanpak or old["zoals_bedoeld"] != plan.zoals_bedoeld
            ):
                state["status"] = "actief"
                diff.append("de bijgestelde aanpak is weer actief")
            if old.get("evaluatie", "") != plan.evaluatie:
                state["volgende_evaluatie"] = None  # the team's new date wins
            state["mijn_rollen"] = [r for r in state.get("mijn_rollen", []) if r in plan.rollen]
            if diff:
                changes.append(f"speerpunt '{plan.titel}': " + "; ".join(diff))
            merged.append({**plan.to_json(), **state})
        for gone in old_by_id.values():
            if gone["status"] not in ("afgesloten", "vervallen"):
                gone = {**gone, "status": "vervallen"}
                changes.append(
                    f"speerpunt '{gone['titel']}' staat niet meer in deze versie (vervallen; "
                    "je notities blijven bewaard)"
                )
            merged.append(gone)
        if not changes:
            changes.append("alleen de datum van opstellen is anders")
        history = [
            *doc.get("geschiedenis", []),
            {"versie": item.uitkomst_versie, "datum": now, "wijzigingen": changes},
        ]
        self._uitkomsten.update(
            {
                "uitkomst_versie": item.uitkomst_versie,
                "titel": item.titel,
                "opgesteld": item.opgesteld,
                "inhoud": item.content(),
                "bijgewerkt": now,
                "speerpunten": merged,
                "geschiedenis": history,
            },
            Query().id == item.id,
        )
        message = (
            f"PLG-uitkomst{name} bijgewerkt van versie {doc['uitkomst_versie']} naar versie "
            f"{item.uitkomst_versie}. Wat er veranderde:\n"
            + "\n".join(f"- {line}" for line in changes)
        )
        return UitkomstImportResult("uitkomst", item.id, True, message, tuple(changes))

    # -- reading -------------------------------------------------------------------------------

    def speerpunten(self, *, open_only: bool = False) -> list[Speerpunt]:
        """All speerpunten, oldest uitkomst first; ``open_only`` drops closed and dropped ones."""
        found = [
            _speerpunt(doc, sp)
            for doc in sorted(self._uitkomsten.all(), key=lambda d: d["geimporteerd"])
            for sp in doc["speerpunten"]
        ]
        return [s for s in found if s.is_open] if open_only else found

    def resolve(self, id_or_prefix: str) -> str:
        """A full speerpunt id, or an unambiguous prefix of at least four characters."""
        key = id_or_prefix.strip().lower()
        ids = [s.id for s in self.speerpunten()]
        if key in ids:
            return key
        matches = [i for i in ids if i.startswith(key)] if len(key) >= 4 else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise NotFoundError(f"'{id_or_prefix}' past bij meer dan één speerpunt.")
        raise NotFoundError(f"Er is geen speerpunt met id '{id_or_prefix}'.")

    def speerpunt(self, id_or_prefix: str) -> Speerpunt:
        speerpunt_id = self.resolve(id_or_prefix)
        return next(s for s in self.speerpunten() if s.id == speerpunt_id)

    def history(self, uitkomst_id: str) -> list[dict[str, Any]]:
        """Versions of an uitkomst as imported here, with what each changed."""
        doc = self._uitkomsten.get(Query().id == uitkomst_id)
        return list(doc.get("geschiedenis", [])) if doc else []

    def titles(self) -> dict[str, str]:
        """Speerpunt id → title, for grouping notes (also of closed speerpunten)."""
        return {s.id: s.titel for s in self.speerpunten()}

    # -- monitoring ----------------------------------------------------------------------------

    def monitor(
        self,
        id_or_prefix: str,
        tekst: str,
        *,
        deelbaar: bool = False,
        prompt_id: str | None = None,
        tags: Iterable[str] = (),
        library: PromptLibrary | None = None,
    ) -> Entry:
        """Store a monitoring note (a reflection linked to the speerpunt); durable on return."""
        speerpunt = self.speerpunt(id_or_prefix)
        if not speerpunt.is_open:
            raise ValidationError(
                f"Het speerpunt '{speerpunt.titel}' is {STATUSES[speerpunt.status]}; er is "
                "niets opgeslagen."
            )
        if prompt_id is not None:
            prompt = library.find(prompt_id) if library else None
            if prompt is None or prompt.set_id != MONITOR_SET:
                raise ValidationError(
                    f"'{prompt_id}' is geen vraag uit de set {MONITOR_SET}; er is niets opgeslagen."
                )
        return self.journal.write(
            tekst,
            prompt=prompt_id,
            promptset=MONITOR_SET,
            tags=tags,
            deelbaar=deelbaar,
            speerpunt=speerpunt.id,
        )

    def notes(self, id_or_prefix: str) -> list[Entry]:
        """The monitoring notes of a speerpunt, newest first."""
        return self.journal.filter(EntryFilter(speerpunt=self.resolve(id_or_prefix)))

    def monitoring_prompts(self, library: PromptLibrary) -> tuple[Prompt, ...]:
        prompt_set = library.get_set(MONITOR_SET)
        if prompt_set is None:
            return ()
        special = {*BORGING_PROMPTS, EVALUATION_PROMPT}
        return tuple(p for p in prompt_set.vragen if p.id not in special)

    def monitoring_suggestions(
        self, library: PromptLibrary, rng: random.Random | None = None
    ) -> list[MonitoringSuggestion]:
        """One monitoring question for each open speerpunt whose last note is a week old.

        The home screen puts these into its question rotation; the questions rotate per
        speerpunt, the ones not answered recently first.
        """
        prompts = self.monitoring_prompts(library)
        prompt_set = library.get_set(MONITOR_SET)
        if not prompts or prompt_set is None:
            return []
        subset = replace(prompt_set, vragen=prompts)
        today = self.today()
        out = []
        for speerpunt in self.speerpunten(open_only=True):
            notes = self.notes(speerpunt.id)
            last = notes[0].created.date() if notes else None
            if borging.monitoring_due(today, last, speerpunt.since_date):
                recent = [n.prompt for n in notes if n.prompt]
                out.append(MonitoringSuggestion(speerpunt, choose_prompt(subset, recent, rng)))
        return out

    # -- borging -------------------------------------------------------------------------------

    def borging_state(self, speerpunt: Speerpunt) -> BorgingState:
        answers = [
            n.created.date() for n in self.notes(speerpunt.id) if n.prompt in BORGING_PROMPTS
        ]
        last = max(answers) if answers else None
        due_on = borging.borging_due_on(speerpunt.since_date, last)
        postponed = (
            date.fromisoformat(speerpunt.uitgesteld_tot) if speerpunt.uitgesteld_tot else None
        )
        shown = speerpunt.is_open and borging.borging_shown(self.today(), due_on, postponed)
        return BorgingState(due_on, last, postponed, shown)

    def borging_reminders(self, library: PromptLibrary) -> list[BorgingReminder]:
        """Reminders for today: open speerpunten whose half year is over, not postponed."""
        prompt_set = library.get_set(MONITOR_SET)
        questions = tuple(
            p for p in (prompt_set.vragen if prompt_set else ()) if p.id in BORGING_PROMPTS
        )
        sector = self.sector()
        out = []
        for speerpunt in self.speerpunten(open_only=True):
            state = self.borging_state(speerpunt)
            if state.shown:
                out.append(
                    BorgingReminder(
                        speerpunt, state.due_on, questions, self.checklist(speerpunt, sector)
                    )
                )
        return out

    def postpone_borging(self, id_or_prefix: str, days: int = borging.POSTPONE_DAYS) -> date:
        """Hide the borging reminder for ``days`` days ("later"); returns until when."""
        try:
            until = borging.postpone_until(self.today(), days)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

        def change(sp: dict[str, Any]) -> None:
            sp["uitgesteld_tot"] = until.isoformat()

        self._change(id_or_prefix, change)
        return until

    # -- evaluation ----------------------------------------------------------------------------

    def evaluation_due_on(self, speerpunt: Speerpunt) -> date | None:
        if not speerpunt.is_open:
            return None
        done = [datetime.fromisoformat(e.datum).date() for e in speerpunt.evaluaties]
        local = (
            date.fromisoformat(speerpunt.volgende_evaluatie)
            if speerpunt.volgende_evaluatie
            else None
        )
        return borging.evaluation_due_on(speerpunt.plan.evaluatie_datum, local, done)

    def due_evaluations(self) -> list[tuple[Speerpunt, date]]:
        """Open speerpunten whose evaluation date has come."""
        today = self.today()
        out = []
        for speerpunt in self.speerpunten(open_only=True):
            due = self.evaluation_due_on(speerpunt)
            if due is not None and due <= today:
                out.append((speerpunt, due))
        return out

    def evaluate(
        self,
        id_or_prefix: str,
        effect: str,
        besluit: str,
        *,
        deelbaar: bool = False,
        volgende: date | None = None,
    ) -> Speerpunt:
        """Record the effect and the decision (voortzetten, bijstellen or afsluiten).

        Voortzetten keeps the speerpunt active (``volgende`` sets a next evaluation date);
        bijstellen marks it as being adjusted until a newer uitkomst arrives; afsluiten
        closes it (a new cycle can then start with :data:`NEW_CYCLE_SET`). A deelbare
        evaluation appears in the next PLG summary under its speerpunt.
        """
        if besluit not in borging.DECISIONS:
            raise ValidationError("Kies voortzetten, bijstellen of afsluiten.")
        effect = (effect or "").strip()
        if not effect:
            raise ValidationError("Beschrijf kort het effect; er is niets opgeslagen.")
        if len(effect) > 20_000:
            raise ValidationError("De beschrijving van het effect is te lang.")
        if volgende is not None and besluit != "voortzetten":
            raise ValidationError("Een volgende evaluatiedatum hoort alleen bij voortzetten.")
        if volgende is not None and volgende <= self.today():
            raise ValidationError("De volgende evaluatiedatum moet in de toekomst liggen.")
        record = Evaluation(iso(self.clock()), effect, besluit, deelbaar)
        status = {"voortzetten": "actief", "bijstellen": "bijstellen", "afsluiten": "afgesloten"}

        def change(sp: dict[str, Any]) -> None:
            if sp["status"] not in OPEN_STATUSES:
                raise ValidationError(
                    f"Dit speerpunt is {STATUSES[sp['status']]}; er is niets opgeslagen."
                )
            sp["evaluaties"] = [*sp.get("evaluaties", []), record.to_doc()]
            sp["status"] = status[besluit]
            sp["volgende_evaluatie"] = volgende.isoformat() if volgende else None

        return self._change(id_or_prefix, change)

    def shared_evaluations(
        self, van: date | None = None, tot: date | None = None
    ) -> list[tuple[Speerpunt, Evaluation]]:
        """Deelbare evaluations in the period, for the PLG summary (oldest first)."""
        out = []
        for speerpunt in self.speerpunten():
            for evaluation in speerpunt.evaluaties:
                day = datetime.fromisoformat(evaluation.datum).date()
                if evaluation.deelbaar and not (van and day < van) and not (tot and day > tot):
                    out.append((speerpunt, evaluation))
        return sorted(out, key=lambda pair: pair[1].datum)

    # -- leervragen and roles ------------------------------------------------------------------

    def link_leervraag(self, id_or_prefix: str, leervraag_id: str) -> Speerpunt:
        self.feedback.leervraag(leervraag_id)  # must exist

        def change(sp: dict[str, Any]) -> None:
            if leervraag_id not in sp.get("leervragen", []):
                sp["leervragen"] = [*sp.get("leervragen", []), leervraag_id]

        return self._change(id_or_prefix, change)

    def unlink_leervraag(self, id_or_prefix: str, leervraag_id: str) -> Speerpunt:
        def change(sp: dict[str, Any]) -> None:
            sp["leervragen"] = [i for i in sp.get("leervragen", []) if i != leervraag_id]

        return self._change(id_or_prefix, change)

    def set_my_roles(self, id_or_prefix: str, rollen: Iterable[str]) -> Speerpunt:
        """Mark which of the speerpunt's roles this member holds (kept locally only)."""
        wanted = list(dict.fromkeys(r.strip().lower() for r in rollen if r.strip()))

        def change(sp: dict[str, Any]) -> None:
            missing = [r for r in wanted if r not in sp.get("rollen", [])]
            if missing:
                raise ValidationError(
                    f"De rol '{missing[0]}' hoort niet bij dit speerpunt (wel: "
                    f"{', '.join(sp.get('rollen', [])) or 'geen'})."
                )
            sp["mijn_rollen"] = wanted

        return self._change(id_or_prefix, change)

    def checklist(
        self, speerpunt: Speerpunt, sector: str | None = None
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(role title, tasks) for each role this member holds, kwaliteitsbewaker first."""
        sector = sector or self.sector()
        held = sorted(speerpunt.mijn_rollen, key=lambda r: (r != KWALITEITSBEWAKER, r))
        return tuple(
            (ROLES[r].render_titel(sector), tuple(ROLES[r].render_taken(sector)))
            for r in held
            if r in ROLES
        )

    # -- internals -----------------------------------------------------------------------------

    def _change(self, id_or_prefix: str, change: Callable[[dict[str, Any]], None]) -> Speerpunt:
        """Apply ``change`` to one speerpunt and store its uitkomst in one durable commit."""
        with self._lock:
            speerpunt_id = self.resolve(id_or_prefix)
            for doc in self._uitkomsten.all():
                speerpunten = [dict(sp) for sp in doc["speerpunten"]]
                for sp in speerpunten:
                    if sp["id"] == speerpunt_id:
                        change(sp)
                        self._uitkomsten.update(
                            {"speerpunten": speerpunten}, Query().id == doc["id"]
                        )
                        return _speerpunt(doc, sp)
        raise NotFoundError(f"Er is geen speerpunt met id '{id_or_prefix}'.")  # pragma: no cover


def _same_decisions(a: PlgUitkomst, b: PlgUitkomst) -> bool:
    """Equal apart from the version and the moment of writing."""
    return (a.titel, a.speerpunten) == (b.titel, b.speerpunten)
