"""The content layer: the pack's model, its loading and validation. No Textual here."""

from tui.content.errors import PackError, PackInvalid, PackUnreadable, Problem
from tui.content.evidence import EVIDENCE_BY_ID, EVIDENCE_LEVELS, EvidenceLevel
from tui.content.loader import default_pack_path, load_pack, resolve_pack_path
from tui.content.model import Meta, Node, Pack, SourceParagraph

__all__ = [
    "EVIDENCE_BY_ID",
    "EVIDENCE_LEVELS",
    "EvidenceLevel",
    "Meta",
    "Node",
    "Pack",
    "PackError",
    "PackInvalid",
    "PackUnreadable",
    "Problem",
    "SourceParagraph",
    "default_pack_path",
    "load_pack",
    "resolve_pack_path",
]
