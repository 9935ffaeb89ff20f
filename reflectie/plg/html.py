"""Markdown to a standalone, printable HTML page.

No scripts, no external resources, no raw HTML from the Markdown (markdown-it-py
escapes it with ``html: False``), links reduced to their text and images to
their alt text: the page can be opened or printed anywhere without reaching out.

The format mark a summary or agenda carries at its top (``<!-- reflectie-… versie
N -->``) is the product's own: it becomes a real HTML comment in the page's head
instead of visible text. Every other ``<!-- … -->`` is the teacher's text and is
shown as written.

Printing keeps headings with what follows them: headings and note lines (a
paragraph that is only emphasis, such as "*week 46 (2026)*" or "*Vraag: …*") get
``break-after: avoid``, so neither ends up alone at the bottom of a page.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

#: A format mark line as the PLG files write it (summary, agenda, ...).
FORMAT_MARK_LINE = re.compile(r"^<!--\s*(reflectie-[a-z-]+ versie \d+)\s*-->[ \t]*$", re.M)

#: Class of a paragraph that is only emphasis (a note line); kept with the next block.
NOTE_CLASS = "notitie"

_CSS = """
:root { color-scheme: light; }
body { font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif;
       line-height: 1.5; color: #1d1d1b; background: #ffffff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; border-bottom: 2px solid #1d1d1b; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
p.notitie { color: #444; margin-bottom: .25rem; }
hr { border: 0; border-top: 1px dashed #999; margin: 1.25rem 0; }
blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1rem; color: #444; }
code { background: #f2f2f2; padding: 0 .2rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .2rem .5rem; }
footer { margin-top: 3rem; font-size: .85rem; color: #555; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h1, h2, h3, h4, h5, h6, p.notitie { break-after: avoid; page-break-after: avoid; }
  h1, h2, h3, h4, h5, h6 { break-inside: avoid; page-break-inside: avoid; }
  li, p, blockquote, tr { break-inside: avoid; page-break-inside: avoid; }
  hr { break-after: avoid; page-break-after: avoid; }
}
@page { size: A4; margin: 18mm 16mm; }
"""


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

    def link_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return ""

    def image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return escape(tokens[idx].content)

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_open)
    md.add_render_rule("image", image)
    return md


def _is_note(inline: Token) -> bool:
    """A paragraph whose whole content is one emphasis (``*week 46 (2026)*``)."""
    children = inline.children or []
    return (
        len(children) >= 3
        and children[0].type == "em_open"
        and children[-1].type == "em_close"
        and not any(c.type in ("em_open", "em_close") for c in children[1:-1])
    )


def _mark_notes(tokens: list[Token]) -> None:
    for index, token in enumerate(tokens[:-1]):
        if (
            token.type == "paragraph_open"
            and token.level == 0
            and tokens[index + 1].type == "inline"
            and _is_note(tokens[index + 1])
        ):
            token.attrSet("class", NOTE_CLASS)


def split_format_marks(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` without its format mark lines, and the marks (e.g.
    ``reflectie-plg-samenvatting versie 1``) that were taken out."""
    marks = FORMAT_MARK_LINE.findall(markdown)
    return FORMAT_MARK_LINE.sub("", markdown), marks


def render_body(markdown: str) -> str:
    """The HTML of the Markdown alone (format marks removed, note lines marked)."""
    md = _markdown()
    text, _marks = split_format_marks(markdown)
    tokens = md.parse(text)
    _mark_notes(tokens)
    return str(md.renderer.render(tokens, md.options, {}))


def render_html(markdown: str, *, title: str) -> str:
    _text, marks = split_format_marks(markdown)
    body = render_body(markdown)
    comments = "".join(f"<!-- {mark} -->\n" for mark in marks)
    return (
        "<!DOCTYPE html>\n"
        f"{comments}"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<main>\n{body}</main>\n"
        "<footer>Gemaakt met reflectie. Namen en andere persoonsgegevens zijn vervangen.</footer>\n"
        "</body>\n</html>\n"
    )
