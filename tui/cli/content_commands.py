"""The read-only commands over the content pack: ``topics``, ``show``, ``validate``."""

from __future__ import annotations

import argparse
from typing import Any

from tui import startup
from tui.cli.errors import EXIT_UNREADABLE, EXIT_USER, CliError
from tui.cli.output import Output
from tui.content import Node, Pack, PackInvalid, PackUnreadable, load_pack, resolve_pack_path
from tui.content.claims import LegendRow, legend, legend_entry
from tui.content.document import TextLine, breadcrumb_text, document_markdown, node_lines, paragraph_label
from tui.content.pack_cache import cache_dir


def open_pack(args: argparse.Namespace) -> Pack:
    """The pack named by --content / the environment / the shipped one, or a CliError.

    A large pack that was checked before is read from the cache (``validate`` checks anew)."""
    path = resolve_pack_path(args.content)
    try:
        with startup.paused():  # the pack's objects all live on: collections would find nothing
            return load_pack(path, cache=cache_dir())
    except PackUnreadable as error:
        raise CliError(f"cannot read the content pack: {error}", EXIT_UNREADABLE) from None
    except PackInvalid as error:
        raise CliError(
            f"the content pack {path} is invalid: {error}; run 'semax-explorer validate {path}'",
            EXIT_USER,
        ) from None


def find_node(content: Pack, node_id: str) -> Node:
    """The node, or a CliError that suggests the closest ids."""
    node = content.get(node_id)
    if node is not None:
        return node
    suggestions = content.suggest(node_id)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "; see 'semax-explorer topics'"
    raise CliError(f"no topic or section '{node_id}'{hint}", EXIT_USER)


def cmd_topics(args: argparse.Namespace, out: Output) -> int:
    """``topics``: every topic and its sections with their ids, to find one to ``show`` or
    open (``--json`` for scripts)."""
    content = open_pack(args)
    if args.json:
        out.json([{"id": n.id, "title": n.title, "parent": n.parent} for n in content.walk()])
        return 0
    for node in content.walk():
        if node.kind == "topic":
            out.line(f"{out.style(out.safe(node.id), 'bold')}  {out.safe(node.title)}")
        else:
            out.line(f"  {out.style(out.safe(node.id), 'cyan')}  {out.safe(node.title)}")
    return 0


def node_json(content: Pack, node: Node) -> dict[str, Any]:
    """Everything known about a node, for --format json."""
    level = node.evidence_level
    provenance = []
    for ref in node.provenance:
        para = content.paragraph(ref)
        provenance.append(
            {
                "ref": ref,
                "heading": para.heading if para else None,
                "first_words": para.first_words if para else None,
                "label": paragraph_label(para) if para else None,
            }
        )
    return {
        "id": node.id,
        "kind": node.kind,
        "title": node.title,
        "parent": node.parent,
        "breadcrumb": [n.title for n in content.breadcrumb(node.id)],
        "body": node.body,
        "evidence": (
            {
                "id": level.id,
                "label": level.badge,
                "meaning": level.meaning,
                "detail": node.evidence_detail,
            }
            if level
            else None
        ),
        "provenance": provenance,
        "terms": list(node.terms),
        "hedge": node.hedge,
        "editorial": node.editorial,
        "editorial_context": node.editorial_context,
        "editorial_note": node.editorial_note,
        "see_also": list(node.see_also),
        "children": [child.id for child in content.children(node.id)],
    }


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    """``show ID``: a topic, section or term as text, Markdown or JSON, without opening the
    explorer; it ends with what each evidence label it shows means (the legend's words)."""
    content = open_pack(args)
    node = find_node(content, args.id)
    shown = [node, *content.children(node.id)] if node.kind == "topic" else [node]
    rows = shown_legend(content, shown)
    if args.format == "json":
        data = node_json(content, node)
        if node.kind == "topic":
            data["sections"] = [node_json(content, child) for child in content.children(node.id)]
        data["legend"] = [
            {"id": row.level.id, "label": row.level.badge, "meaning": row.level.meaning, "sections": row.sections}
            for row in rows
        ]
        out.json(data)
    elif args.format == "markdown":
        out.line(out.safe(document_markdown(content, node.id)).rstrip("\n"))
        if rows:
            out.line()
            out.line("**Evidence labels**")
            out.line()
            for row in rows:
                label, meaning = legend_entry(row)
                out.line(f"- **{label}**: {meaning}")
    else:
        _show_text(content, node, out)
        if rows:
            out.line()
            out.line(out.style("Evidence labels:", "bold"))
            for row in rows:
                label, meaning = legend_entry(row)
                out.line(f"  {out.style(label, 'yellow')}: {meaning}")
    return 0


def shown_legend(content: Pack, nodes: list[Node]) -> list[LegendRow]:
    """The legend's rows for the labels these nodes carry, in the legend's order."""
    used = {node.evidence for node in nodes if node.evidence_level is not None}
    return [row for row in legend(content) if row.level.id in used]


def _show_text(content: Pack, node: Node, out: Output) -> None:
    if node.parent:
        out.line(out.style(out.safe(breadcrumb_text(content, node.id)), "dim"))
    nodes = [node, *content.children(node.id)] if node.kind == "topic" else [node]
    for index, item in enumerate(nodes):
        if index:
            out.line()
        for line in node_lines(content, item):
            out.line(_styled(line, out))


_STYLES = {"title": ("bold",), "evidence": ("yellow",), "label": ("bold",), "muted": ("dim", "italic")}


def _styled(line: TextLine, out: Output) -> str:
    """One line of :func:`node_lines`, made safe and styled for the terminal."""
    text = out.style(out.safe(line.text), *_STYLES.get(line.role, ()))
    return out.style(out.safe(line.label), "bold") + text if line.label else text


def cmd_validate(args: argparse.Namespace, out: Output) -> int:
    """``validate [PATH]``: check a pack anew (never from the cache) and list every problem,
    for whoever writes or edits a pack."""
    path = resolve_pack_path(args.path if args.path is not None else args.content)
    try:
        with startup.paused():
            content = load_pack(path)
    except PackUnreadable as error:
        raise CliError(str(error), EXIT_UNREADABLE) from None
    except PackInvalid as error:
        count = len(error.problems)
        out.line(f"{out.safe(str(path))}: invalid, {count} problem{'s' if count != 1 else ''}:")
        for problem in error.problems:
            out.line(f"  - {out.safe(str(problem))}")
        return EXIT_USER
    sections = sum(1 for n in content.walk() if n.kind == "section")
    out.line(
        f"{out.safe(str(path))}: valid ({len(content.topics())} topics, {sections} sections, "
        f"{len(content)} nodes, schema {content.meta.schema_version})"
    )
    return 0
