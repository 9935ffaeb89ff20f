"""Make text from outside (imported files, pasted blocks) safe to store and show.

Terminal control sequences in an imported file could rewrite the screen, set the
clipboard (OSC 52) or plant links (OSC 8) when shown in a terminal; bidi
overrides can make text read differently than it is. They are removed before
anything is stored. (Markup is a separate concern: the UI never renders user
text as markup.)
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST),
# DCS/SOS/PM/APC (ESC P/X/^/_ ... ST), and two-byte escapes (ESC + one char).
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                 # CSI
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?      # OSC, terminated by BEL or ST (or cut off)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?           # DCS, SOS, PM, APC
  | \x1b[@-Z\\-_]                           # other two-byte escapes (Fe)
  | \x1b                                    # a lone ESC
  | \x9b[0-?]*[ -/]*[@-~]                   # 8-bit CSI
  | \x9d[^\x07\x9c]*(?:\x07|\x9c)?          # 8-bit OSC
    """,
    re.VERBOSE,
)
# Remaining C0 controls except tab and newline, DEL, C1 controls, and bidi controls.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"
)


def clean_external_text(text: str) -> str:
    """Remove control sequences and invisible direction overrides; keep line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)
