"""Deterministic Dutch journal entries for the benchmarks.

Every entry is ~1.5 KB of varied text built from a word list with a seeded RNG,
1-3 tags and a prompt id, in exactly the shape ``Entry.to_doc()`` stores. A rare
search term (:data:`TERM_FORMS`, written with and without accent, in several
casings) is planted in exactly 1 % of the entries, so a search for
:data:`SEARCH_TERM` must fold case *and* accents to find them all.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

# ~300 words from a teacher's reflection, some with diacritics so that folding
# takes its slow (non-ASCII) path, as it does for real Dutch text.
WORDS = """
de het een en van in op met voor aan bij uit over naar door om te dat die dit
deze ik je jij we wij ze zij hij mijn onze hun zijn was waren is wordt werd heb
hebben had kan kon wil wilde moet moest zou zouden ging gaat kwam komt zag zie
vandaag gisteren morgen vanochtend vanmiddag straks daarna eerst toen nu nog al
weer ook niet geen wel heel erg best soms vaak altijd nooit misschien eigenlijk
les lessen klas klassen leerling leerlingen student studenten groep groepen
docent docenten collega collega's mentor mentoraat team teamleider sectie
opdracht opdrachten toets toetsen cijfer cijfers feedback uitleg instructie
werkvorm werkvormen planning rooster lokaal bord laptop presentatie project
stage stagebedrijf praktijk theorie examen herkansing portfolio rubric
beoordeling gesprek gesprekken oudergesprek ouderavond vergadering overleg
rust onrust aandacht concentratie motivatie betrokkenheid vertrouwen sfeer
grens grenzen afspraak afspraken regels structuur ruimte tijd tempo niveau
moeilijk makkelijk lastig leuk fijn rustig druk moe blij trots teleurgesteld
verrast nieuwsgierig onzeker zeker tevreden ontevreden gefrustreerd geduldig
merkte voelde dacht besloot probeerde vroeg antwoordde luisterde legde uit
gaf kreeg hielp reageerde begon stopte herhaalde veranderde verbeterde
één twee drie vier vijf eerste tweede derde laatste volgende vorige elke
ideeën reëel café enquête coördinator financiële geïnteresseerd beëindigd
overeenkomst geëvalueerd geïnspireerd creëren ruïne naïef patiënt efficiënt
vóór privé geëmotioneerd tweeënhalf zeeën knieën drieëntwintig hé oké
samenwerking differentiatie activerende didactiek formatief handelen
leerdoel leerdoelen succescriterium succescriteria nabespreking terugblik
vooruitblik reflectie ontwikkeling doel doelen kwaliteit aanpak strategie
voorbeeld voorbeelden vraag vragen antwoord antwoorden fout fouten keuze
omdat doordat zodat terwijl hoewel wanneer als toch dus daarom want maar of
""".split()  # noqa: SIM905  # easier to edit as prose

TAGS = [
    "klassenmanagement", "differentiatie", "feedback", "mentoraat", "toetsing",
    "motivatie", "samenwerking", "stage", "ouders", "planning", "didactiek",
    "welzijn", "examen", "burgerschap", "taal", "rekenen", "digitaal", "PLG",
]  # fmt: skip

PROMPTS = [
    f"{kind}-{n:02d}" for kind in ("dagelijks", "week", "les", "stage") for n in range(1, 13)
]
PROMPTSET = {prompt: prompt.split("-")[0] for prompt in PROMPTS}

#: The query the benchmarks search for (no accent, capitalised) …
SEARCH_TERM = "Reunie-Avond"
#: … and how it appears in the text: accents and case vary.
TERM_FORMS = ["reünie-avond", "Reünie-avond", "REÜNIE-AVOND", "reunie-avond", "Reünie-Avond"]
#: Exactly this fraction of the generated entries contains the term.
TERM_FRACTION = 0.01

TARGET_CHARS = (1300, 1700)  # ~1.5 KB on average


class Corpus:
    """A seeded source of entry texts and complete entry documents."""

    def __init__(self, seed: int = 2024) -> None:
        self.rng = random.Random(seed)
        self._ids: set[str] = set()
        self._tz = datetime.now().astimezone().tzinfo

    def text(self, with_term: bool = False) -> str:
        rng = self.rng
        target = rng.randint(*TARGET_CHARS)
        paragraphs: list[str] = []
        sentences: list[str] = []
        length = 0
        if rng.random() < 0.3:
            heading = " ".join(rng.choices(WORDS, k=rng.randint(2, 5))).capitalize()
            paragraphs.append("# " + heading)
            length += len(heading) + 4
        while length < target:
            words = rng.choices(WORDS, k=rng.randint(6, 18))
            sentence = " ".join(words).capitalize() + rng.choice(".....?!")
            sentences.append(sentence)
            length += len(sentence) + 1
            if rng.random() < 0.2:
                paragraphs.append(" ".join(sentences))
                sentences = []
                length += 1
        if sentences:
            paragraphs.append(" ".join(sentences))
        if with_term:
            # Plant the term inside a sentence of a random paragraph.
            index = rng.randrange(len(paragraphs))
            words = paragraphs[index].split(" ")
            words.insert(rng.randrange(1, len(words) + 1), rng.choice(TERM_FORMS))
            paragraphs[index] = " ".join(words)
        return "\n\n".join(paragraphs)

    def tags(self) -> list[str]:
        return self.rng.sample(TAGS, self.rng.randint(1, 3))

    def prompt(self) -> str:
        return self.rng.choice(PROMPTS)

    def new_id(self) -> str:
        while True:
            candidate = f"{self.rng.getrandbits(32):08x}"
            if candidate not in self._ids:
                self._ids.add(candidate)
                return candidate

    def documents(self, count: int) -> list[dict[str, Any]]:
        """``count`` entry documents, oldest first, spread over the last three years."""
        rng = self.rng
        with_term = set(rng.sample(range(count), max(1, round(count * TERM_FRACTION))))
        end = datetime.now(self._tz).replace(microsecond=0) - timedelta(days=1)
        span = timedelta(days=3 * 365).total_seconds()
        stamps = sorted(end - timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
        docs = []
        for i, stamp in enumerate(stamps):
            created = stamp.replace(microsecond=0).isoformat(timespec="seconds")
            prompt = self.prompt()
            docs.append(
                {
                    "id": self.new_id(),
                    "aangemaakt": created,
                    "gewijzigd": created,
                    "tekst": self.text(with_term=i in with_term),
                    "promptset": PROMPTSET[prompt],
                    "prompt": prompt,
                    "tags": self.tags(),
                    "deelbaar": rng.random() < 0.2,
                    "leervraag": None,
                }
            )
        return docs

    def new_document(self) -> dict[str, Any]:
        """One fresh entry (never containing the search term), dated now."""
        now = datetime.now(self._tz).isoformat(timespec="seconds")
        prompt = self.prompt()
        return {
            "id": self.new_id(),
            "aangemaakt": now,
            "gewijzigd": now,
            "tekst": self.text(),
            "promptset": PROMPTSET[prompt],
            "prompt": prompt,
            "tags": self.tags(),
            "deelbaar": False,
            "leervraag": None,
        }


def expected_hits(count: int) -> int:
    return max(1, round(count * TERM_FRACTION))
