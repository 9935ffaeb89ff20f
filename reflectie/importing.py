"""One entry point for every exchange file: feedback requests, answers and PLG-uitkomsten.

``reflectie importeer`` (and an import screen) hands the raw text here; it is parsed
strictly once (:func:`reflectie.exchange.decode`) and goes to the service that owns
its kind. A refusal raises :class:`~reflectie.exchange.ExchangeError` and stores
nothing; importing the same file twice changes nothing.
"""

from __future__ import annotations

from reflectie.exchange import decode
from reflectie.feedback import ImportResult
from reflectie.session import Session
from reflectie.team.model import PlgUitkomst
from reflectie.team.service import UitkomstImportResult


def import_exchange(session: Session, raw: bytes | str) -> ImportResult | UitkomstImportResult:
    """Import a feedbackvraag, feedbackantwoord or PLG-uitkomst; the result says what it did."""
    item = decode(raw)
    if isinstance(item, PlgUitkomst):
        return session.team.import_uitkomst(item)
    return session.feedback.import_item(item)
