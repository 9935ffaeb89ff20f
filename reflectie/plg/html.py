"""Markdown to a standalone, printable HTML page.

No scripts, no external resources, no raw HTML from the Markdown (markdown-it-py
escapes it with ``html: False``), links reduced to their text and images to
their alt text: the page can be opened or printed anywhere without reaching out.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markdown_it import MarkdownIt

_CSS = """
:root { color-scheme: light; }
body { font-family: "Source Sans Pro", "Segoe UI", Helvetica, Arial, sans-serif;
       line-height: 1.5; color: #1d1d1b; background: #ffffff;
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; border-bottom: 2px solid #1d1d1b; padding-bottom: .3rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
hr { border: 0; border-top: 1px dashed #999; margin: 1.25rem 0; }
blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1rem; color: #444; }
code { background: #f2f2f2; padding: 0 .2rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .2rem .5rem; }
footer { margin-top: 3rem; font-size: .85rem; color: #555; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  li, p, blockquote { break-inside: avoid; }
  footer { position: fixed; bottom: 0; }
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


def render_html(markdown: str, *, title: str) -> str:
    body = _markdown().render(markdown)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<main>\n{body}</main>\n"
        "<footer>Gemaakt met reflectie. Namen en andere persoonsgegevens zijn vervangen.</footer>\n"
        "</body>\n</html>\n"
    )
