"""Does an uitkomst name people? A warning for whoever writes it.

An uitkomst names roles, never people, but its free texts (aanpak, aandachtspunten,
…) are typed by hand. Before the file goes out, the anonymizer (with the teacher's
known names and review choices, as for a PLG summary) looks for names, e-mail
addresses and phone numbers in them, so the writer can reword before sending.
"""

from __future__ import annotations

from reflectie.session import Session
from reflectie.team.model import PlgUitkomst


def uitkomst_texts(uitkomst: PlgUitkomst) -> list[str]:
    texts = [uitkomst.titel]
    for plan in uitkomst.speerpunten:
        texts += [plan.titel, plan.aanpak, plan.zoals_bedoeld, plan.betrekken]
        texts += [*plan.aandachtspunten, *plan.monitoring]
    return texts


def personal_data_in(session: Session, uitkomst: PlgUitkomst) -> list[str]:
    """What looks like a name or contact detail in the uitkomst's texts (each once)."""
    from reflectie.plg.choices import load_choices
    from reflectie.plg.pipeline import anonymize_texts

    sector = session.team.sector()
    results = anonymize_texts(uitkomst_texts(uitkomst), load_choices(session), sector=sector)
    found = [r.original for result in results for r in result.replacements]
    return list(dict.fromkeys(found))
