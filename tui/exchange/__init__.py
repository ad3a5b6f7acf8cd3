"""Export (Markdown, JSON, HTML) and import (validate, merge, replace). No Textual here."""

from __future__ import annotations

from tui.clock import utc_iso
from tui.content import Pack
from tui.exchange.formats import EXTENSIONS, RENDERERS, ExportInfo, format_of
from tui.exchange.importer import ImportPlan, ImportRejected, import_into, plan_merge, plan_replace, read_import
from tui.exchange.items import collect
from tui.exchange.writer import (
    ExportError,
    default_path,
    encode,
    export_target,
    make_folder,
    missing_folder,
    unused_path,
    write_export,
)
from tui.store import UserData

FORMATS = tuple(RENDERERS)


def render_export(content: Pack, data: UserData, fmt: str, *, exported_at: str | None = None) -> str | None:
    """The export's text, or None when there is nothing to export."""
    items = collect(content, data)
    if not items:
        return None
    stamp = exported_at or utc_iso(milliseconds=False)
    return RENDERERS[fmt](items, ExportInfo.of(content, stamp))


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ExportError",
    "ImportPlan",
    "ImportRejected",
    "default_path",
    "encode",
    "export_target",
    "format_of",
    "import_into",
    "make_folder",
    "missing_folder",
    "plan_merge",
    "plan_replace",
    "read_import",
    "render_export",
    "unused_path",
    "write_export",
]
