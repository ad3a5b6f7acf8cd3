"""The three export formats. Each takes the same items and returns the file's text.

- Markdown: a document a person keeps (YAML front matter for Obsidian and similar).
  Notes keep their own Markdown inside a quote block, so a note starting with ``#`` or
  ``---`` stays inside its entry and can never end the front matter, and its ``- item``
  lines stay inside the note; every line break of a note is a hard break, so a note of
  several lines reads as several lines. Titles, breadcrumbs
  and labels (which a pack writes) are folded onto one line and their Markdown escaped,
  so none can start a heading or a block; ``<`` is written ``&lt;`` everywhere text is
  not ours, so no HTML reaches a renderer.
- JSON: lossless and versioned; what ``import`` reads.
- HTML: one standalone, printable page; everything from a pack or a note is escaped, and a
  note keeps its line breaks (``white-space: pre-wrap``).

Markdown and HTML are documents to read: control characters, bidirectional overrides
and lone surrogates in them are made visible (:func:`tui.textsafe.for_terminal`), as on
the screen. JSON keeps every string exactly, escaped.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Sequence
from itertools import groupby
from typing import NamedTuple

from tui import __version__
from tui.content import Pack
from tui.exchange.items import ExportItem
from tui.textsafe import for_terminal

FORMAT_NAME = "semax-explorer-notes"
FORMAT_VERSION = 1
EXTENSIONS = {"markdown": "md", "json": "json", "html": "html"}
FORMAT_OF_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".json": "json", ".html": "html", ".htm": "html"}
"""The format a file name asks for, by its extension (any case)."""


def format_of(name: str) -> str | None:
    """The export format a file name's extension names (``notes.MD`` → markdown), or None
    for another extension or none: then the format is chosen, not guessed."""
    suffix = os.path.splitext(os.path.basename(name))[1]
    return FORMAT_OF_SUFFIX.get(suffix.lower())


class ExportInfo(NamedTuple):
    """What every format records about the export itself."""

    exported_at: str
    content_version: str
    title: str
    disclaimer: str

    @classmethod
    def of(cls, content: Pack, exported_at: str) -> ExportInfo:
        """What the export records, from the pack's metadata and the time it was made."""
        meta = content.meta
        return cls(exported_at, meta.content_version, meta.title, meta.disclaimer)


def _yaml_string(text: str) -> str:
    """A front-matter value: one safe line (a JSON string is a valid YAML scalar)."""
    return json.dumps(for_terminal(text), ensure_ascii=False)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def _inline(text: str) -> str:
    """Pack text for one line of Markdown: visible controls, one line, Markdown escaped."""
    folded = " ".join(for_terminal(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", folded.replace("&", "&amp;").replace("<", "&lt;"))


def _block(text: str) -> str:
    """Text that keeps its own Markdown (a note, an excerpt), without raw HTML or controls."""
    return for_terminal(text).replace("&", "&amp;").replace("<", "&lt;")


def _date(stamp: str | None) -> str:
    return stamp[:16].replace("T", " ") + " UTC" if stamp else ""


def _quoted(text: str) -> str:
    """Every line inside a Markdown quote block (blank lines too, so it stays one block)."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines() or [""])


def _hard_breaks(text: str) -> str:
    """Each line break of a note kept when the Markdown is rendered: a line followed by
    another ends in two spaces (a CommonMark hard break), so two lines of a note never run
    together into one; blank lines stay paragraph breaks and a ``- item`` stays an item."""
    lines = text.splitlines()
    return "\n".join(
        f"{line}  " if line.strip() and index + 1 < len(lines) and lines[index + 1].strip() else line
        for index, line in enumerate(lines)
    )


def to_markdown(items: Sequence[ExportItem], info: ExportInfo) -> str:
    """A Markdown document to keep: front matter, the items under their topics, and the
    disclaimer at the end."""
    out = [
        "---",
        f"title: {_yaml_string(f'{info.title}: bookmarks and notes')}",
        f"exported_at: {_yaml_string(info.exported_at)}",
        f"app_version: {_yaml_string(__version__)}",
        f"content_version: {_yaml_string(info.content_version)}",
        "---",
        "",
        f"# {_inline(info.title)}: bookmarks and notes",
        "",
    ]
    for topic, group in groupby(items, key=lambda item: item.topic):
        out += [f"## {_inline(topic)}", ""]
        for item in group:
            out += [
                f"### {_inline(item.title)}",
                "",
                f"*{_inline(item.breadcrumb)}*" + (f" · Evidence: {_inline(item.evidence)}" if item.evidence else ""),
                "",
            ]
            if item.excerpt:
                out += [_quoted(_block(item.excerpt)), ""]
            if item.bookmark_created:
                out += [f"- Bookmarked {_date(item.bookmark_created)}", ""]
            if item.note is not None:
                out += [
                    f"**Your note** (written {_date(item.note.created)}, updated {_date(item.note.updated)}):",
                    "",
                    "> [!note]",
                    _quoted(_hard_breaks(_block(item.note.text))),
                    "",
                ]
    out += ["---", "", f"*{_inline(info.disclaimer)}*", ""]
    return "\n".join(out)


def to_json(items: Sequence[ExportItem], info: ExportInfo) -> str:
    """The lossless, versioned form that ``import`` reads back."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": info.exported_at,
        "app_version": __version__,
        "content_version": info.content_version,
        "items": [
            {
                "id": item.node_id,
                "title": item.title,
                "breadcrumb": item.breadcrumb,
                "bookmarked": item.bookmark_created is not None,
                "bookmark_created": item.bookmark_created,
                "note": item.note.text if item.note else None,
                "note_created": item.note.created if item.note else None,
                "note_updated": item.note.updated if item.note else None,
                "created": item.created,
                "updated": item.updated,
            }
            for item in items
        ],
    }
    # ASCII escapes keep any string (even lone surrogates) exact.
    return json.dumps(document, ensure_ascii=True, indent=2) + "\n"


_STYLE = """
body { font: 16px/1.55 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
article { margin: 1.4rem 0; page-break-inside: avoid; }
.where { color: #555; font-style: italic; } .evidence { color: #7a4b00; }
blockquote { margin: .6rem 0; padding: .2rem .9rem; border-left: 3px solid #bbb; color: #444; }
.note { white-space: pre-wrap; background: #f4f7ff; border-left: 3px solid #4a6fd1; padding: .5rem .9rem; }
.dates { color: #666; font-size: .85rem; } footer { margin-top: 3rem; color: #555; font-size: .9rem; }
@media print { body { margin: 0; } }
""".strip()


def _escape(text: str) -> str:
    """Text for HTML: controls made visible, then every markup character escaped."""
    return html.escape(for_terminal(text))


def to_html(items: Sequence[ExportItem], info: ExportInfo) -> str:
    """One standalone page to open in a browser or print, with everything from the pack or a
    note escaped."""
    e = _escape
    title = f"{info.title}: bookmarks and notes"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="dates">Exported {e(_date(info.exported_at))} · content version {e(info.content_version)}</p>',
    ]
    for topic, group in groupby(items, key=lambda item: item.topic):
        parts.append(f"<section><h2>{e(topic)}</h2>")
        for item in group:
            parts.append(f"<article><h3>{e(item.title)}</h3>")
            evidence = f' · <span class="evidence">Evidence: {e(item.evidence)}</span>' if item.evidence else ""
            parts.append(f'<p class="where">{e(item.breadcrumb)}{evidence}</p>')
            if item.excerpt:
                parts.append(f"<blockquote>{e(item.excerpt)}</blockquote>")
            if item.bookmark_created:
                parts.append(f'<p class="dates">Bookmarked {e(_date(item.bookmark_created))}</p>')
            if item.note is not None:
                parts.append(f'<div class="note">{e(item.note.text)}</div>')
                written, updated = e(_date(item.note.created)), e(_date(item.note.updated))
                parts.append(f'<p class="dates">Note written {written}, updated {updated}</p>')
            parts.append("</article>")
        parts.append("</section>")
    parts.append(f"<footer>{e(info.disclaimer)}</footer></body></html>")
    return "\n".join(parts) + "\n"


RENDERERS = {"markdown": to_markdown, "json": to_json, "html": to_html}
