"""Text folding for search: "Café" and "cafe" must find each other."""

from __future__ import annotations

import re
import unicodedata

_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text``.

    NFKD splits "é" into "e" plus a combining accent, which is then dropped;
    ASCII text skips the (comparatively slow) normalisation entirely.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
