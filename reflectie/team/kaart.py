"""The kwaliteitskaart: one printable page per speerpunt, without names.

A kwaliteitskaart records the team's aanpak and what matters most in it (handvatten
bij aanbeveling 2, "borgen in de structuur"): the aanpak, what "uitgevoerd zoals
bedoeld" looks like, the aandachtspunten, monitoring and borging agreements, and the
roles with their tasks. It is generated from the speerpunt as Markdown, which a screen
may let the teacher edit, and rendered as a standalone printable page by
:func:`reflectie.plg.html.render_html`, the machinery of the PLG export.

Roles stand where people would; the free texts go through the same anonymization as
a PLG summary (the teacher's known names and review choices), so a name typed into an
aanpak does not end up on the wall of the teachers' room.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reflectie.plg.html import render_html
from reflectie.prompts import render_text
from reflectie.session import Session
from reflectie.team.model import ROLES
from reflectie.team.service import STATUSES, Speerpunt

FORMAT_MARK = "<!-- reflectie-kwaliteitskaart versie 1 -->"
TITLE_PREFIX = "Kwaliteitskaart"
SOURCES = (
    "Bron: handvatten bij aanbeveling 2 (tips voor borging; knelpunten), leidraad ‘Werken "
    "aan onderwijsverbetering’ mbo (onderwijskennis.nl)."
)

_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december",
)  # fmt: skip


@dataclass(frozen=True)
class Kaart:
    """A kwaliteitskaart ready to write; the counts are for the "what happened" line."""

    speerpunt_id: str
    titel: str
    markdown: str
    replacements: int = 0
    suspects: int = 0

    def html(self) -> str:
        return kaart_html(self.markdown, self.titel)


def dutch_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def kaart_texts(speerpunt: Speerpunt) -> list[str]:
    """The free texts on the card, in a fixed order (what the anonymizer sees)."""
    plan = speerpunt.plan
    return [
        plan.titel,
        speerpunt.uitkomst_titel,
        plan.aanpak,
        plan.zoals_bedoeld,
        *plan.aandachtspunten,
        *plan.monitoring,
        plan.betrekken,
    ]


def _block(text: str) -> str:
    """User text as a Markdown block: its own headings become bold lines."""
    return re.sub(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", r"**\1**", text.strip(), flags=re.M)


def _line(text: str) -> str:
    return " ".join(text.split())


def render_kaart(speerpunt: Speerpunt, *, sector: str, texts: list[str] | None = None) -> str:
    """The card as Markdown; ``texts`` replaces :func:`kaart_texts` (anonymized)."""
    plan = speerpunt.plan
    values = iter(texts if texts is not None else kaart_texts(speerpunt))
    titel, uitkomst_titel, aanpak, zoals_bedoeld = (next(values) for _ in range(4))
    aandachtspunten = [next(values) for _ in plan.aandachtspunten]
    monitoring = [next(values) for _ in plan.monitoring]
    betrekken = next(values)

    origin = f"{_line(uitkomst_titel)}, " if uitkomst_titel else ""
    lines = [
        f"# {TITLE_PREFIX}: {_line(titel)}",
        "",
        FORMAT_MARK,
        "",
        f"*{origin}PLG-uitkomst versie {speerpunt.uitkomst_versie}. Status: "
        f"{STATUSES.get(speerpunt.status, speerpunt.status)}. Op deze kaart staan rollen, "
        "geen namen.*",
        "",
        "## Onze aanpak",
        "",
        _block(aanpak),
        "",
        "## Zo ziet 'uitgevoerd zoals bedoeld' eruit",
        "",
        _block(zoals_bedoeld),
        "",
    ]
    if aandachtspunten:
        lines += ["## Aandachtspunten", "", *(f"- {_line(p)}" for p in aandachtspunten), ""]
    if betrekken.strip():
        lines += [render_text("## {Studenten} betrekken", sector), "", _block(betrekken), ""]
    lines += ["## Monitoring", ""]
    lines += [f"- {_line(m)}" for m in monitoring]
    lines += [
        "- Ieder teamlid beantwoordt in de eigen weekreflectie de monitoringvragen bij dit "
        "speerpunt. Wat deelbaar is gemaakt, komt geanonimiseerd in de volgende "
        "PLG-samenvatting.",
        "",
        "## Borging",
        "",
        "- Twee keer per jaar staat het speerpunt kort op de teamagenda, met twee vragen: "
        "gaat de aanpak nog zoals bedoeld, en zijn er knelpunten in de uitvoering of in "
        "wat hij oplevert?",
    ]
    due = plan.evaluatie_datum
    if due:
        lines.append(
            f"- Evaluatie op {dutch_date(due)}: wat heeft het opgeleverd, en gaan we door, "
            "stellen we bij of sluiten we af?"
        )
    else:
        lines.append("- De evaluatiedatum is nog niet afgesproken.")
    lines.append("")
    roles = [ROLES[r] for r in plan.rollen if r in ROLES]
    if roles:
        lines += ["## Rollen", ""]
        for role in roles:
            lines += [f"**{role.render_titel(sector)}**", ""]
            lines += [f"- [ ] {task}" for task in role.render_taken(sector)]
            lines.append("")
    lines += [
        "---",
        "",
        f"*{SOURCES}*",
    ]
    return "\n".join(lines).rstrip() + "\n"


def kaart_html(markdown: str, titel: str) -> str:
    """A standalone, printable page (no scripts, no external resources)."""
    return render_html(markdown, title=f"{TITLE_PREFIX}: {titel}")


def build_kaart(session: Session, id_or_prefix: str) -> Kaart:
    """The card of a speerpunt, its texts anonymized like a PLG summary."""
    from reflectie.plg.choices import load_choices
    from reflectie.plg.pipeline import anonymize_texts

    speerpunt = session.team.speerpunt(id_or_prefix)
    sector = session.team.sector()
    results = anonymize_texts(kaart_texts(speerpunt), load_choices(session), sector=sector)
    texts = [r.text for r in results]
    return Kaart(
        speerpunt_id=speerpunt.id,
        titel=_line(texts[0]),
        markdown=render_kaart(speerpunt, sector=sector, texts=texts),
        replacements=sum(len(r.replacements) for r in results),
        suspects=sum(len(r.suspects) for r in results),
    )
