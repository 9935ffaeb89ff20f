"""Leervragen and feedback rounds between pairs, without a server.

A (the asker) keeps *rounds* in the ``feedbackvragen`` table: a request aimed
at one leervraag, B's BKC answer once imported, A's reflection on receiving it,
voornemens with evaluation dates, and whether B was thanked. B keeps the
requests it received in ``ontvangen``. The two apps talk through
:mod:`reflectie.exchange` texts. Names of exchange partners are added to the
known-names list the anonymizer uses.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from tinydb import Query

from reflectie.clock import Clock, iso, system_clock
from reflectie.database import Database
from reflectie.exchange import (
    ExchangeError,
    FeedbackAnswer,
    FeedbackRequest,
    decode,
    encode,
)
from reflectie.model import ValidationError, new_id
from reflectie.settings import SettingsStore

LEERVRAGEN = "leervragen"
ROUNDS = "feedbackvragen"
RECEIVED = "ontvangen"
NAMES = "namen"

LEERVRAAG_STATUSES = ("open", "bezig", "afgerond")
OUTCOMES = ("gelukt", "deels", "niet")
NAME_ROLES = ("collega", "student", "anders")
MAX_SHORT = 2000


def _required(text: str, what: str, limit: int = MAX_SHORT) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"{what} is leeg.")
    if len(text) > limit:
        raise ValidationError(f"{what} is te lang (maximaal {limit} tekens).")
    return text


@dataclass(frozen=True)
class ImportResult:
    """What an import did, for a one-line Dutch report."""

    kind: str  # "vraag" or "antwoord"
    id: str
    changed: bool
    message: str


class FeedbackService:
    """Leervragen, feedback rounds (as asker and as giver), voornemens, known names."""

    def __init__(
        self, database: Database, settings: SettingsStore, clock: Clock = system_clock
    ) -> None:
        self.settings = settings
        self.clock = clock
        self._lock = threading.RLock()
        db = database.db
        self._leervragen = db.table(LEERVRAGEN)
        self._rounds = db.table(ROUNDS)
        self._received = db.table(RECEIVED)
        self._names = db.table(NAMES)

    # -- leervragen ----------------------------------------------------------------------

    def new_leervraag(self, tekst: str, *, deelbaar: bool = False) -> dict[str, Any]:
        now = iso(self.clock())
        doc = {
            "id": self._fresh(self._leervragen),
            "tekst": _required(tekst, "De leervraag"),
            "status": "open",
            "conclusie": "",
            "deelbaar": deelbaar,
            "aangemaakt": now,
            "gewijzigd": now,
        }
        with self._lock:
            self._leervragen.insert(doc)
        return doc

    def leervragen(self, *, status: str | None = None) -> list[dict[str, Any]]:
        docs = [dict(d) for d in self._leervragen if status is None or d["status"] == status]
        return sorted(docs, key=lambda d: d["aangemaakt"], reverse=True)

    def leervraag(self, leervraag_id: str) -> dict[str, Any]:
        doc = self._leervragen.get(Query().id == self.resolve_leervraag(leervraag_id))
        if doc is None:
            raise ValidationError(f"Er is geen leervraag met id '{leervraag_id}'.")
        return dict(doc)

    def resolve_leervraag(self, id_or_prefix: str) -> str:
        """A full leervraag id, or an unambiguous prefix of at least four characters."""
        return _resolve(self._leervragen, id_or_prefix, "leervraag")

    def resolve_round(self, id_or_prefix: str) -> str:
        """A full feedbackvraag id, or an unambiguous prefix of at least four characters
        (the ids the CLI prints are shortened like entry ids)."""
        return _resolve(self._rounds, id_or_prefix, "feedbackvraag")

    def update_leervraag(
        self,
        leervraag_id: str,
        *,
        tekst: str | None = None,
        status: str | None = None,
        conclusie: str | None = None,
        deelbaar: bool | None = None,
    ) -> dict[str, Any]:
        leervraag_id = self.resolve_leervraag(leervraag_id)
        with self._lock:
            doc = self.leervraag(leervraag_id)
            if tekst is not None:
                doc["tekst"] = _required(tekst, "De leervraag")
            if status is not None:
                if status not in LEERVRAAG_STATUSES:
                    raise ValidationError(f"Onbekende status '{status}' (open, bezig of afgerond).")
                if status == "afgerond" and not (conclusie or doc["conclusie"]).strip():
                    raise ValidationError("Schrijf een korte conclusie bij het afronden.")
                doc["status"] = status
            if conclusie is not None:
                doc["conclusie"] = conclusie.strip()
            if deelbaar is not None:
                doc["deelbaar"] = deelbaar
            doc["gewijzigd"] = iso(self.clock())
            self._leervragen.update(doc, Query().id == leervraag_id)
            return doc

    # -- rounds, for the asker (A) ---------------------------------------------------------

    def new_request(
        self,
        leervraag_id: str,
        *,
        aan: str,
        focus: str,
        wanneer: str = "",
        kijkpunten: tuple[str, ...] | list[str] = (),
    ) -> dict[str, Any]:
        """A request in status concept; :meth:`export_request` sends it."""
        leervraag_id = self.resolve_leervraag(leervraag_id)
        self.leervraag(leervraag_id)
        doc = {
            "id": secrets.token_hex(8),
            "leervraag": leervraag_id,
            "aan": _required(aan, "De naam van je collega", 200),
            "focus": _required(focus, "Waar je collega vooral op moet letten"),
            "wanneer": (wanneer or "").strip(),
            "kijkpunten": [_required(p, "Een kijkpunt") for p in kijkpunten if p.strip()],
            "status": "concept",
            "aangemaakt": iso(self.clock()),
            "verstuurd": None,
            "antwoord": None,
            "ontvangst": "",
            "voornemens": [],
            "bedankt": False,
        }
        with self._lock:
            self._rounds.insert(doc)
            self.add_name(doc["aan"], "collega", bron="feedback")
        return doc

    def request_text(self, round_id: str) -> tuple[str, str]:
        """The exchange text of a request and the moment it counts as sent. Nothing is
        stored: call :meth:`mark_sent` with that moment once the text reached a file or
        the clipboard, so a failed write leaves the round a concept."""
        round_id = self.resolve_round(round_id)
        with self._lock:
            doc = self.round(round_id)
            leervraag = self.leervraag(doc["leervraag"])
            sent = doc["verstuurd"] or iso(self.clock())
            request = FeedbackRequest(
                id=doc["id"],
                van=self.settings.load().naam,
                van_dagboek=self.settings.journal_id(),
                leervraag=leervraag["tekst"],
                focus=doc["focus"],
                wanneer=doc["wanneer"],
                kijkpunten=tuple(doc["kijkpunten"]),
                verstuurd=sent,
            )
            return encode(request), sent

    def mark_sent(self, round_id: str, verstuurd: str) -> None:
        """A concept becomes verstuurd (at the moment written in the text that went out)."""
        round_id = self.resolve_round(round_id)
        with self._lock:
            doc = self.round(round_id)
            if doc["status"] == "concept":
                self._rounds.update(
                    {"status": "verstuurd", "verstuurd": verstuurd}, Query().id == round_id
                )

    def export_request(self, round_id: str) -> str:
        """The exchange text for a request, marked verstuurd at once (for callers that
        cannot fail after this; the CLI and TUI use request_text + mark_sent)."""
        text, sent = self.request_text(round_id)
        self.mark_sent(round_id, sent)
        return text

    def rounds(self) -> list[dict[str, Any]]:
        return sorted((dict(d) for d in self._rounds), key=lambda d: d["aangemaakt"], reverse=True)

    def round(self, round_id: str) -> dict[str, Any]:
        doc = self._rounds.get(Query().id == self.resolve_round(round_id))
        if doc is None:
            raise ValidationError(f"Er is geen feedbackvraag met id '{round_id}'.")
        return dict(doc)

    def reflect_on_answer(self, round_id: str, tekst: str) -> None:
        round_id = self.resolve_round(round_id)
        with self._lock:
            self._require_answered(round_id)
            self._rounds.update(
                {"ontvangst": _required(tekst, "Je reflectie", 20_000)}, Query().id == round_id
            )

    def add_voornemen(self, round_id: str, tekst: str, evalueren_op: date) -> dict[str, Any]:
        round_id = self.resolve_round(round_id)
        with self._lock:
            doc = self._require_answered(round_id)
            voornemen = {
                "id": new_id(),
                "tekst": _required(tekst, "Het voornemen"),
                "evalueren_op": evalueren_op.isoformat(),
                "evaluatie": None,
            }
            self._rounds.update(
                {"voornemens": [*doc["voornemens"], voornemen]}, Query().id == round_id
            )
            return voornemen

    def evaluate_voornemen(
        self, round_id: str, voornemen_id: str, uitkomst: str, reflectie: str
    ) -> None:
        round_id = self.resolve_round(round_id)
        if uitkomst not in OUTCOMES:
            raise ValidationError("Kies gelukt, deels of niet.")
        with self._lock:
            doc = self.round(round_id)
            voornemens = [dict(v) for v in doc["voornemens"]]
            for v in voornemens:
                if v["id"] == voornemen_id:
                    v["evaluatie"] = {
                        "uitkomst": uitkomst,
                        "reflectie": (reflectie or "").strip(),
                        "datum": iso(self.clock()),
                    }
                    break
            else:
                raise ValidationError(f"Er is geen voornemen met id '{voornemen_id}'.")
            self._rounds.update({"voornemens": voornemens}, Query().id == round_id)
            self._maybe_finish(round_id)

    def unmark_thanked(self, round_id: str) -> None:
        """Undo :meth:`mark_thanked` (pressed by mistake); a finished round opens again."""
        round_id = self.resolve_round(round_id)
        with self._lock:
            doc = self._require_answered(round_id)
            changes: dict[str, Any] = {"bedankt": False}
            if doc["status"] == "afgerond":
                changes["status"] = "beantwoord"
            self._rounds.update(changes, Query().id == round_id)

    def mark_thanked(self, round_id: str) -> None:
        round_id = self.resolve_round(round_id)
        with self._lock:
            self._require_answered(round_id)
            self._rounds.update({"bedankt": True}, Query().id == round_id)
            self._maybe_finish(round_id)

    def due_evaluations(
        self, today: date | None = None
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Voornemens whose evaluation date has come, for the home screen."""
        today = today or self.clock().date()
        due = []
        for doc in self.rounds():
            for v in doc["voornemens"]:
                if v["evaluatie"] is None and date.fromisoformat(v["evalueren_op"]) <= today:
                    due.append((doc, v))
        return due

    # -- for the giver (B) -----------------------------------------------------------------

    def received(self) -> list[dict[str, Any]]:
        return sorted((dict(d) for d in self._received), key=lambda d: d["ontvangen"], reverse=True)

    def received_request(self, request_id: str) -> dict[str, Any]:
        doc = self._received.get(Query().id == request_id)
        if doc is None:
            raise ValidationError(f"Er is geen ontvangen feedbackvraag met id '{request_id}'.")
        return dict(doc)

    def answer(self, request_id: str, *, bevestiging: str, kritiek: str, constructief: str) -> str:
        """Store B's BKC answer and return the exchange text to send back."""
        with self._lock:
            self.received_request(request_id)
            stored = {
                "van": self.settings.load().naam,
                "bevestiging": _required(bevestiging, "De bevestiging", 20_000),
                "kritiek": _required(kritiek, "De kritiek", 20_000),
                "constructief": _required(constructief, "Het constructieve deel", 20_000),
                "beantwoord": iso(self.clock()),
            }
            self._received.update(
                {"antwoord": stored, "status": "beantwoord"}, Query().id == request_id
            )
            text = self.answer_text(request_id)
            assert text is not None
            return text

    def answer_text(self, request_id: str) -> str | None:
        """The exchange text of an answer given earlier (None if not answered yet).

        Built from exactly what was stored, so sending it again is recognised on
        the asker's side as the same answer, not a second one.
        """
        doc = self.received_request(request_id)
        stored = doc.get("antwoord")
        if not stored:
            return None
        return encode(
            FeedbackAnswer(
                vraag_id=doc["id"],
                aan_dagboek=doc["van_dagboek"],
                van=stored.get("van", ""),
                bevestiging=stored["bevestiging"],
                kritiek=stored["kritiek"],
                constructief=stored["constructief"],
                beantwoord=stored["beantwoord"],
            )
        )

    # -- import ----------------------------------------------------------------------------

    def import_text(self, raw: bytes | str) -> ImportResult:
        """Import a request (as B) or an answer (as A). Idempotent; refuses with ExchangeError."""
        return self.import_item(decode(raw))

    def import_item(self, item: object) -> ImportResult:
        """Import an already decoded exchange; anything but feedback is refused."""
        if not isinstance(item, FeedbackRequest | FeedbackAnswer):
            raise ExchangeError(
                "Dit is geen feedbackvraag of -antwoord maar een PLG-uitkomst; importeer het "
                "met: reflectie importeer BESTAND. Er is niets opgeslagen."
            )
        with self._lock:
            if isinstance(item, FeedbackRequest):
                return self._import_request(item)
            return self._import_answer(item)

    def _import_request(self, item: FeedbackRequest) -> ImportResult:
        if item.van_dagboek == self.settings.journal_id():
            raise ExchangeError(
                "Dit is je eigen feedbackvraag. Stuur het bestand naar je collega; "
                "zijn of haar antwoord kun je hier importeren."
            )
        if self._received.contains(Query().id == item.id):
            return ImportResult("vraag", item.id, False, "Deze feedbackvraag was al geïmporteerd.")
        self._received.insert(
            {
                **{
                    k: v
                    for k, v in item.to_json().items()
                    if k not in {"formaat", "versie", "soort"}
                },
                "ontvangen": iso(self.clock()),
                "status": "ontvangen",
                "antwoord": None,
            }
        )
        if item.van:
            self.add_name(item.van, "collega", bron="feedback")
        who = item.van or "een collega"
        return ImportResult("vraag", item.id, True, f"Feedbackvraag van {who} geïmporteerd.")

    def _import_answer(self, item: FeedbackAnswer) -> ImportResult:
        doc = self._rounds.get(Query().id == item.vraag_id)
        if doc is None or item.aan_dagboek != self.settings.journal_id():
            raise ExchangeError(
                "Dit antwoord hoort bij een feedbackvraag die niet uit dit dagboek komt; "
                "er is niets opgeslagen."
            )
        stored = {
            "van": item.van,
            "bevestiging": item.bevestiging,
            "kritiek": item.kritiek,
            "constructief": item.constructief,
            "beantwoord": item.beantwoord,
        }
        if doc["antwoord"] == stored:
            return ImportResult(
                "antwoord", item.vraag_id, False, "Dit antwoord was al geïmporteerd."
            )
        if doc["antwoord"] is not None:
            raise ExchangeError(
                "Op deze feedbackvraag is al een ander antwoord geïmporteerd; "
                "er is niets gewijzigd."
            )
        status = doc["status"] if doc["status"] == "afgerond" else "beantwoord"
        self._rounds.update({"antwoord": stored, "status": status}, Query().id == item.vraag_id)
        if item.van:
            self.add_name(item.van, "collega", bron="feedback")
        who = item.van or "je collega"
        return ImportResult("antwoord", item.vraag_id, True, f"Antwoord van {who} geïmporteerd.")

    # -- known names -------------------------------------------------------------------------

    def add_name(self, naam: str, rol: str = "anders", *, bron: str = "handmatig") -> None:
        """Add to the known-names list; ``rol`` is collega, student or anders."""
        naam = naam.strip()
        if not naam:
            return
        if rol not in NAME_ROLES:
            raise ValidationError(f"Onbekende rol '{rol}' (collega, student of anders).")
        with self._lock:
            if self._names.contains(Query().naam.test(lambda n: n.casefold() == naam.casefold())):
                return
            self._names.insert({"id": new_id(), "naam": naam, "rol": rol, "bron": bron})

    def remove_name(self, naam: str) -> bool:
        """Forget a known name (e.g. a mistake in the list); True if one was removed."""
        with self._lock:
            removed = self._names.remove(
                Query().naam.test(lambda n: n.casefold() == naam.strip().casefold())
            )
            return bool(removed)

    def names(self) -> list[dict[str, Any]]:
        return sorted((dict(d) for d in self._names), key=lambda d: d["naam"].casefold())

    # -- internals -------------------------------------------------------------------------

    def _fresh(self, table: Any) -> str:
        while True:
            candidate = new_id()
            if not table.contains(Query().id == candidate):
                return candidate

    def _require_answered(self, round_id: str) -> dict[str, Any]:
        doc = self.round(round_id)
        if doc["antwoord"] is None:
            raise ValidationError("Op deze feedbackvraag is nog geen antwoord geïmporteerd.")
        return doc

    def _maybe_finish(self, round_id: str) -> None:
        doc = self.round(round_id)
        evaluated = doc["voornemens"] and all(v["evaluatie"] for v in doc["voornemens"])
        if doc["bedankt"] and evaluated and doc["status"] != "afgerond":
            self._rounds.update({"status": "afgerond"}, Query().id == round_id)


def _resolve(table: Any, id_or_prefix: str, what: str) -> str:
    key = (id_or_prefix or "").strip().lower()
    ids = [doc["id"] for doc in table]
    if key in ids:
        return key
    if len(key) >= 4:
        matches = [i for i in ids if i.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValidationError(f"'{id_or_prefix}' past bij meer dan één {what}.")
    raise ValidationError(f"Er is geen {what} met id '{id_or_prefix}'.")
