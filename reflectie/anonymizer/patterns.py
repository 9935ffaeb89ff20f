"""Pattern detectors: e-mail, URLs, handles, phone numbers, IBAN, BSN, ids, addresses.

Each detector returns :class:`Hit` objects with a span in the text, a fixed label
("[e-mail]", …), a Dutch reason and a kind. Lower ``priority`` wins when hits
overlap (an e-mail address beats the person name inside it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    label: str
    reason: str
    kind: str
    priority: int


# --- e-mail, web ----------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"
)
_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'\[\]]+", re.IGNORECASE)
_DOMAIN = re.compile(  # the top-level domain in lower case: "klaar.Nu gaan we" is no URL
    r"(?<![\w@./-])(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+"
    r"(?:nl|com|org|net|be|eu|io|info|app|tv|ly|uk|ai|online|site)"
    r"(?:/[^\s<>\"'()\[\]]*)?(?![\w@-])"
)
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
# handle-like words without @: lower case with an underscore and digits ("ryan_k04")
_BARE_HANDLE = re.compile(r"(?<![\w@.])[a-z][a-z0-9]*_[a-z0-9_]*\d[a-z0-9_]*(?![\w@])")
_TRAILING = ".,;:!?'\""


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    # a ")" that closes a Markdown link or a sentence is not part of the URL
    while (
        end > start
        and text[end - 1] == ")"
        and text.count("(", start, end) < text.count(")", start, end)
    ):
        end -= 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
    return end


_TLD = re.compile(r"\.[a-zA-Z]{2,}\b")
_AT = re.compile(r"@|[\[(]at[\])]")


def find_web(text: str) -> list[Hit]:
    hits: list[Hit] = []
    has_at = _AT.search(text) is not None
    if has_at:
        for m in _EMAIL.finditer(text):
            hits.append(Hit(m.start(), m.end(), "[e-mail]", "e-mail", "contact", 1))
    if "www." in text or "://" in text:
        for m in _URL.finditer(text):
            end = _trim_url(text, m.start(), m.end())
            hits.append(Hit(m.start(), end, "[url]", "url", "web", 2))
    if _TLD.search(text):
        for m in _DOMAIN.finditer(text):
            end = _trim_url(text, m.start(), m.end())
            hits.append(Hit(m.start(), end, "[url]", "url", "web", 3))
    if has_at:
        for m in _HANDLE.finditer(text):
            if m.end() - m.start() >= 3:
                hits.append(Hit(m.start(), m.end(), "[account]", "account", "web", 4))
    if "_" in text:
        for m in _BARE_HANDLE.finditer(text):
            hits.append(Hit(m.start(), m.end(), "[account]", "account", "web", 9))
    return hits


# --- phone numbers --------------------------------------------------------------------

_SEP = r"(?:[ \u00a0]?[.\-\u2013/][ \u00a0]?|[ \u00a0])?"
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    # +31 6 12345678, +31 (0)6-1234 5678, 0031 30 123 4567
    r"(?:\+|00)31" + _SEP + r"(?:\(0\)" + _SEP + r")?(?:\d" + _SEP + r"){8}\d"
    # (030) 123 45 67
    r"|\(0\d{1,3}\)" + _SEP + r"(?:\d" + _SEP + r"){5,7}\d"
    # 06-12345678, 06 12 34 56 78, 030 123 4567, 0184-612345, 0800-1234
    r"|0" + _SEP + r"[1-9]" + _SEP + r"(?:\d" + _SEP + r"){7}\d"
    r"|0[89]00" + _SEP + r"(?:\d" + _SEP + r"){3,6}\d"
    # other countries: +32 470 12 34 56
    r"|(?:\+|00)(?!31)[1-9]\d{0,2}" + _SEP + r"(?:\(0\)" + _SEP + r")?(?:\d" + _SEP + r"){6,11}\d"
    r")(?![\w])"
)
_PHONE_CUE = re.compile(
    r"\b(?:tel(?:efoon)?(?:nummer|nr)?\.?|mobiel(?:e nummer)?|gsm|whatsapp|"
    r"bel(?:len)?\s+(?:op|naar)|telnr\.?)\s*:?\s*((?:\d[ \u00a0.\-]?){6,11}\d)(?![\w])",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./]\d{2,4}")


def find_phones(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _PHONE.finditer(text):
        raw = m.group()
        end = m.end()
        while raw and not raw[-1].isdigit():
            raw, end = raw[:-1], end - 1
        date = _DATE_LIKE.match(raw)
        if date and 1 <= int(date.group(1)) <= 31 and 1 <= int(date.group(2)) <= 12:
            continue
        hits.append(Hit(m.start(), end, "[telefoonnummer]", "telefoonnummer", "contact", 5))
    for m in _PHONE_CUE.finditer(text):
        hits.append(Hit(m.start(1), m.end(1), "[telefoonnummer]", "telefoonnummer", "contact", 6))
    return hits


# --- IBAN, BSN, ids -------------------------------------------------------------------

_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.I)
_IBAN_CUE = re.compile(r"(?:iban|rekening(?:nummer)?|bankrekening)\W{0,3}$", re.I)
_BSN = re.compile(
    r"(?<![\w.,/-])(\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{8,9})(?![\w%]|[.,/-]\d)"
)
_BSN_CUE = re.compile(r"(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\W{0,3}$", re.I)
_ID_CUE = re.compile(
    r"\b(student|leerling|ov|personeels|medewerkers?|klant|dossier|relatie|lid|kandidaat|"
    r"examen|registratie|zaak|debiteur|pas)?(?:nummer|nr|no|id)\b\.?\s*(?:is|was)?\s*[:#]?\s*"
    r"([A-Za-z]{0,3}\d[\dA-Za-z/-]{2,}\d|[A-Za-z]{0,3}\d{4,})(?![\w])",
    re.IGNORECASE,
)
_ALNUM_ID = re.compile(r"(?<![\w@.-])[A-Za-z]{1,3}\d{5,10}(?![\w@])")
_BARE_NUMBER = re.compile(
    r"(?<![\w€$£.,:/@#+-])\d{6,10}(?![\w%€@]|[.,:/-]\d|\s?(?:euro|procent)\b)"
)
_MONEY_BEFORE = re.compile(r"(?:€|\$|£|EUR|eur|euro)\s*$")
_STUDENT_WORDS = {"student", "leerling", "ov", "examen", "kandidaat", None, ""}


def iban_valid(candidate: str) -> bool:
    """The mod-97 check of ISO 13616 (spaces ignored)."""
    s = candidate.replace(" ", "").upper()
    if len(s) < 15 or len(s) > 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    rearranged = s[4:] + s[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def bsn_valid(candidate: str) -> bool:
    """The Dutch 11-proef for a BSN (8 digits get a leading zero)."""
    digits = [int(c) for c in candidate if c.isdigit()]
    if len(digits) == 8:
        digits = [0, *digits]
    if len(digits) != 9 or not any(digits):
        return False
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0


def find_numbers(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _IBAN.finditer(text):
        before = text[max(0, m.start() - 25) : m.start()]
        if iban_valid(m.group()) or _IBAN_CUE.search(before):
            hits.append(Hit(m.start(), m.end(), "[IBAN]", "IBAN", "id", 3))
    for m in _BSN.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        digits = sum(c.isdigit() for c in m.group(1))
        # an 8-digit number passes the 11-proef one time in eleven: without the word BSN
        # it is far more likely a leerlingnummer
        if _BSN_CUE.search(before) or (digits == 9 and bsn_valid(m.group(1))):
            hits.append(Hit(m.start(1), m.end(1), "[BSN]", "BSN", "id", 6))
    for m in _ID_CUE.finditer(text):
        cue = (m.group(1) or "").lower()
        if cue in _STUDENT_WORDS:
            hits.append(Hit(m.start(2), m.end(2), "[studentnummer]", "studentnummer", "id", 7))
        else:
            hits.append(Hit(m.start(2), m.end(2), "[nummer]", "nummer", "id", 7))
    for m in _ALNUM_ID.finditer(text):
        hits.append(Hit(m.start(), m.end(), "[studentnummer]", "studentnummer", "id", 8))
    for m in _BARE_NUMBER.finditer(text):
        if _MONEY_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue
        hits.append(Hit(m.start(), m.end(), "[studentnummer]", "studentnummer", "id", 8))
    return hits


# --- postcodes and addresses ----------------------------------------------------------

_STREET_SUFFIX = (
    r"(?:straat|straatweg|laan|weg|plein|singel|gracht|kade|dijk|steeg|hof|park|dreef|pad|"
    r"markt|erf|baan|ring|wal|veld|weide|boulevard|allee|haven|poort|hoeve|zijde|kamp|"
    r"akker|brink|plantsoen|wetering|vaart|tuin|tuinen|"
    # abbreviated street types as written on forms: "Molenln. 7", "Stationswg 14"
    r"ln\.?|wg\.?|str\.?|pln\.?|gr\.?|kd\.?|sngl\.?)"
)
_HOUSE_NUMBER = (
    r"\d{1,5}(?:[a-zA-Z]{1,2}(?![\w])|-\d{1,4}(?![\w])|-?[A-Z](?![\w])|\s(?:bis|hs|huis|[A-Z])(?![\w]))?"
    r"(?![\w])"
)
_ADDRESS = re.compile(
    r"(?<![\w-])(?:(?:[A-Z][\w'.-]*|van|de|der|den|het|'t|ten|ter|op|aan)\s){0,4}"
    r"[A-Z][\w'-]*" + _STREET_SUFFIX + r"\s+" + _HOUSE_NUMBER
)
_POSTBUS = re.compile(r"\bPostbus\s+\d{1,6}\b", re.IGNORECASE)
_POSTCODE = re.compile(
    r"(?<![\w-])[1-9]\d{3}\s?(?:(?!SA|SD|SS)[A-Z]{2}(?![\w])"
    # a postcode written in lower case only counts with a place name after it:
    # "2511 cv Den Haag" (not "1200 en meer")
    r"|(?!en|de|in|op|om|te|al|na|of|ze|we|je|zo|nu|er|uw|is|ik|ga|ja)[a-z]{2}(?=,?\s+(?:'s-)?[A-Z]))"
    # the town after it stays: a town alone names nobody
)
# "Kraaiennest 112, 1104 CE": a capitalised word and a number right before a postcode
_BEFORE_POSTCODE = re.compile(
    r"(?:(?:[A-Z][\w'.-]*|van|de|der|den|het|'t)\s){0,3}[A-Z][\w'-]+\s+" + _HOUSE_NUMBER + r",?\s*$"
)


# nouns in -ing that end like a street type ("-ring"): "vergadering", "bespreking"
_NOUN_NOT_STREET = re.compile(r"(?:[^r]ering|[dnklgtpszwv]ing)$")


def find_addresses(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _POSTCODE.finditer(text):
        start = m.start()
        prefix = text[max(0, start - 80) : start]
        pre = _BEFORE_POSTCODE.search(prefix)
        if pre and not _ADDRESS.search(prefix[pre.start() :]):
            hits.append(
                Hit(start - len(prefix) + pre.start(), start, "[adres]", "adres", "adres", 7)
            )
        hits.append(Hit(start, m.end(), "[postcode]", "postcode", "adres", 7))
    for m in _ADDRESS.finditer(text):
        # leading lower-case words ("de", "op") only belong to the street name when a
        # capitalised word follows them, e.g. "Burgemeester de Withstraat"
        start = m.start()
        words = m.group().split()
        while words and words[0][0].islower():
            start += len(words[0]) + 1
            while start < m.end() and text[start] == " ":
                start += 1
            words = words[1:]
        if _NOUN_NOT_STREET.search(m.group().split()[-2] if len(m.group().split()) > 1 else ""):
            continue  # "Rapportvergadering 3 vwo": a meeting, not a street
        hits.append(Hit(start, m.end(), "[adres]", "adres", "adres", 6))
    for m in _POSTBUS.finditer(text):
        hits.append(Hit(m.start(), m.end(), "[adres]", "adres", "adres", 6))
    return hits


_DIGITS = re.compile(r"\d")
_MANY_DIGITS = re.compile(r"\d(?:[^\n\d]{0,3}\d){4}")


def find_all(text: str) -> list[Hit]:
    """Every pattern hit in ``text`` (overlapping; the caller picks by priority)."""
    hits = find_web(text)
    if _MANY_DIGITS.search(text):  # phone numbers, ids, IBAN and postcodes need 5+ digits
        hits += find_phones(text) + find_numbers(text)
    if _DIGITS.search(text):
        hits += find_addresses(text)
    return hits
