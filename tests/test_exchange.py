"""The exchange format: a round trip works, and no hostile file gets in."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from reflectie.exchange import (
    BEGIN,
    END,
    ExchangeError,
    FeedbackAnswer,
    FeedbackRequest,
    decode,
    encode,
)
from reflectie.sanitize import clean_external_text

REQUEST = FeedbackRequest(
    id="50a85ea11fa97e02",
    van="Anna",
    van_dagboek="396f86719dd32c2e",
    leervraag="Hoe check ik of iedereen het begrijpt?",
    focus="Let vooral op de vragen aan het eind van de les.",
    wanneer="dinsdag, 3e uur",
    kijkpunten=("wachttijd", "wie er antwoordt"),
    verstuurd="2026-11-16T09:30:00+01:00",
)


def armour(payload: bytes, *, version: str = "1", digest: str | None = None) -> str:
    digest = digest or hashlib.sha256(payload).hexdigest()
    body = base64.b64encode(payload).decode()
    return f"tekst\n{BEGIN}\nVersie: {version}\nControle: sha256:{digest}\n\n{body}\n{END}\n"


def request_json(**changes: object) -> dict:
    data = REQUEST.to_json()
    data.update(changes)
    return data


def test_round_trip_request_and_answer() -> None:
    assert decode(encode(REQUEST)) == REQUEST
    answer = FeedbackAnswer(
        vraag_id=REQUEST.id,
        aan_dagboek=REQUEST.van_dagboek,
        van="Bram",
        bevestiging="Je uitleg is helder.",
        kritiek="Je wacht kort na een vraag.",
        constructief="Tel tot vijf.",
        beantwoord="2026-11-17T15:00:00+01:00",
    )
    assert decode(encode(answer)) == answer


def test_the_file_is_readable_without_the_app() -> None:
    text = encode(REQUEST)
    assert "Feedbackvraag van Anna" in text
    assert REQUEST.focus in text and "wachttijd" in text


def test_survives_rewrapping_and_crlf_from_mail_clients() -> None:
    text = encode(REQUEST)
    head, _, rest = text.partition(BEGIN)
    headers, _, body = rest.partition("\n\n")
    body, _, _ = body.partition(END)
    flat = body.replace("\n", "")
    rewrapped = "\r\n".join(flat[i : i + 40] for i in range(0, len(flat), 40))
    mangled = f"> doorgestuurd\r\n{head}{BEGIN}{headers}\r\n\r\n{rewrapped}\r\n{END}\r\n"
    assert decode(mangled.replace("\r\n", "\n")) == REQUEST
    assert decode(mangled) == REQUEST


def hostile_inputs() -> list[tuple[str, bytes]]:
    good = encode(REQUEST).encode()
    nested = b'{"a":' * 5000 + b"1" + b"}" * 5000
    cases = [
        ("leeg", b""),
        ("alleen-witruimte", b"  \n\t"),
        ("willekeurige-bytes", bytes(range(256)) * 4),
        ("nul-tekens", good.replace(b"tekst", b"te\x00kst", 1) + b"\x00"),
        ("geen-utf8", "Feedback van Jos\xe9".encode("latin-1") + good[50:]),
        ("afgebroken", good[: len(good) // 2]),
        ("einde-weg", good.replace(END.encode(), b"")),
        ("met-de-hand-gewijzigd", good.replace(b"Controle: sha256:", b"Controle: sha256:0")),
        ("te-groot", good + b"x" * 300_000),
        ("onbekende-versie", armour(json.dumps(request_json()).encode(), version="9").encode()),
        ("json-versie", armour(json.dumps(request_json(versie=2)).encode()).encode()),
        (
            "ontbrekend-veld",
            armour(
                json.dumps({k: v for k, v in request_json().items() if k != "focus"}).encode()
            ).encode(),
        ),
        ("verkeerd-type", armour(json.dumps(request_json(focus=12)).encode()).encode()),
        ("lijst-type", armour(json.dumps(request_json(kijkpunten="nee")).encode()).encode()),
        ("extra-veld", armour(json.dumps(request_json(geheim="x")).encode()).encode()),
        ("diep-genest", armour(nested).encode()),
        (
            "groot-getal",
            armour(
                json.dumps(request_json())
                .replace('"versie": 1', '"versie": ' + "9" * 5000)
                .encode()
            ).encode(),
        ),
        (
            "nan",
            armour(
                json.dumps(request_json()).replace('"versie": 1', '"versie": NaN').encode()
            ).encode(),
        ),
        (
            "dubbele-sleutel",
            armour(json.dumps(request_json())[:-1].encode() + b', "focus": "tweede"}').encode(),
        ),
        (
            "losse-surrogaat",
            armour(json.dumps(request_json()).replace("Let vooral", "\\ud800").encode()).encode(),
        ),
        ("geen-object", armour(b"[1, 2, 3]").encode()),
        ("slecht-id", armour(json.dumps(request_json(id="../../etc")).encode()).encode()),
        ("slechte-datum", armour(json.dumps(request_json(verstuurd="gisteren")).encode()).encode()),
        ("geen-base64", f"{BEGIN}\nVersie: 1\nControle: sha256:00\n\n!!!!\n{END}".encode()),
    ]
    return cases


@pytest.mark.parametrize(("name", "raw"), hostile_inputs(), ids=[n for n, _ in hostile_inputs()])
def test_hostile_input_is_refused_with_a_dutch_message(name: str, raw: bytes) -> None:
    with pytest.raises(ExchangeError) as info:
        decode(raw)
    message = str(info.value)
    assert message and message[0].isupper()
    assert "Traceback" not in message


def test_control_sequences_are_removed_before_storing() -> None:
    nasty = (
        "Goed\x1b[2J\x1b[31mrood\x1b[0m "
        "\x1b]52;c;ZWNobyBoYWNrZWQ=\x07klembord "
        "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ "
        "\u202eesrever\u202c \x9b31m c1 \x07bel"
    )
    cleaned = clean_external_text(nasty)
    assert "\x1b" not in cleaned and "\x9b" not in cleaned and "\x07" not in cleaned
    assert "\u202e" not in cleaned
    assert "rood" in cleaned and "klembord" in cleaned and "link" in cleaned
    item = decode(armour(json.dumps(request_json(focus=nasty)).encode()))
    assert isinstance(item, FeedbackRequest)
    assert item.focus == cleaned.strip()


def test_markup_in_fields_stays_plain_text() -> None:
    markup = "[bold]x[/bold] [@click=app.quit]klik[/] [/foo]"
    item = decode(armour(json.dumps(request_json(focus=markup)).encode()))
    assert item.focus == markup


ANSWER = FeedbackAnswer(
    vraag_id="50a85ea11fa97e02",
    aan_dagboek="396f86719dd32c2e",
    van="Bram",
    bevestiging="Je uitleg was helder.",
    kritiek="Je wachtte na een vraag hooguit twee tellen.",
    constructief="Wacht na elke vraag vijf tellen voor je iemand aanwijst.",
    beantwoord="2026-11-18T16:00:00+01:00",
)


def test_an_edited_readable_part_is_refused_and_says_which_text() -> None:
    """The colleague read "vijf tellen"; a hand edit to "zes tellen" above the data block
    would store a text nobody saw (the data block still says vijf). Refuse it."""
    text = encode(ANSWER)
    assert decode(text) == ANSWER
    edited = text.replace("vijf tellen", "zes tellen", 1)
    assert edited != text
    with pytest.raises(ExchangeError, match="Constructief"):
        decode(edited)


def test_a_readable_part_rewrapped_quoted_or_left_out_still_imports() -> None:
    text = encode(ANSWER)
    head, sep, block = text.partition(BEGIN)
    quoted = "\n".join(
        "> " + line for line in head.replace("hooguit twee", "hooguit\ntwee").splitlines()
    )
    assert decode(quoted + "\n" + sep + block) == ANSWER  # a mail reply quotes and rewraps
    assert decode(sep + block) == ANSWER  # only the block was pasted
    assert decode("Hoi Anna, hierbij mijn antwoord.\n\n" + text) == ANSWER
