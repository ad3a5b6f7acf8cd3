"""The hostile corpus: text an attacker (or an accident) can put in a pack, a note, an
import, a path or an error, and the checks that none of it acts on the terminal.

Every surface test feeds :data:`CORPUS` through its surface and checks what came out
with :func:`unsafe_in` (for text) or :func:`payload_in` (for the bytes a terminal got).
Each payload carries a ``PWNED`` marker right after its escape sequence, so a marker
that reaches a terminal still attached to its sequence is an escape that ran.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from tui.content.links import CROSS_REFERENCE
from tui.store import MAX_NOTE_CHARS

OSC_TITLE = "\x1b]2;PWNED-TITLE\x07"
OSC_ZERO = "\x1b]0;PWNED-ZERO\x1b\\"
OSC_LINK = "\x1b]8;;https://evil.example/PWNED\x1b\\link\x1b]8;;\x1b\\"
OSC_CLIPBOARD = "\x1b]52;c;UFdORUQ=\x07"
CSI_PAINT = "\x1b[41mPWNED-RED\x1b[0m"
CSI_CURSOR = "\x1b[?25lPWNED-HIDE"
C1_CSI = "\x9b31mPWNED-C1"
C1_OSC = "\x9d2;PWNED-C1-OSC\x9c"
BIDI = "abc\u202ePWNED-RLO\u202c \u2066iso\u2069 \u200f"
MARKUP = "[@click=app.quit]CLICK-TO-QUIT[/] [b]MARKUP-BOLD[/b] [link=file:///etc/passwd]LINK[/link]"
SURROGATE = "lone \ud800 surrogate \udcff"
NUL = "nul\x00here\x7fdel"
LINE_BREAKERS = "cr\rform\x0cfeed\u2028ls\u2029ps\x85nel"
HTML = "<script>alert('PWNED')</script><img src=x onerror=alert(1)>"
STRUCTURE = "# heading\n---\nfront: matter\n---\n```\n> quote"

CORPUS: dict[str, str] = {
    "osc-title": OSC_TITLE,
    "osc-zero": OSC_ZERO,
    "osc-link": OSC_LINK,
    "osc-clipboard": OSC_CLIPBOARD,
    "csi-paint": CSI_PAINT,
    "csi-cursor": CSI_CURSOR,
    "c1-csi": C1_CSI,
    "c1-osc": C1_OSC,
    "bidi": BIDI,
    "markup": MARKUP,
    "surrogate": SURROGATE,
    "nul": NUL,
    "line-breakers": LINE_BREAKERS,
    "html": HTML,
    "structure": STRUCTURE,
}
"""Name → hostile text; each a class of attack."""

EVERYTHING = " ".join(CORPUS.values())
"""The whole corpus in one string, for surfaces that show one text."""

LONG_LINE = "long " * 200_000
"""A 1 MB line."""

HUGE_NOTE = "n" * (MAX_NOTE_CHARS + 1)
"""One character over the note limit."""

ODD_IDS = [
    "",
    "a/b\n# injected heading",
    "a/b\n---\nfront: matter",
    "../../etc/passwd",
    "UPPER/case",
    "a/b/c",
    " a/b",
    "a/" + "b" * 300,
    "a/\u202eb",
    "a/\x1b[2Jb",
    "a/b\ud800",
    "[@click=app.quit]x[/]",
]
"""Node ids no pack can have: each must be refused at every door."""

BAD_STAMPS = ["", "x", "2026-13-01T00:00:00+00:00", "2026-01-01 00:00:00", "2026-01-01T00:00:00+02:00", 7, None]
"""Times the store must refuse."""

PAYLOAD_BYTES = [
    b"\x1b]2;PWNED",
    b"\x1b]0;PWNED",
    b"\x1b]8;;https://evil",
    b"\x1b]52;c;UFdO",
    b"\x1b[41mPWNED",
    b"\x1b[?25lPWNED",
    "\x9b31mPWNED".encode(),
    "\x9d2;PWNED".encode(),
    "\u202ePWNED".encode(),
    b"\x00here",
]
"""Byte sequences of the corpus that must never reach a terminal."""

_UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200e\u200f\u2028\u2029]"
)


def unsafe_in(text: str) -> list[str]:
    """The characters of ``text`` that must never be drawn (controls but newline and tab,
    C1, surrogates, bidi overrides, line separators), as their code points."""
    return sorted({f"U+{ord(char):04X}" for char in _UNSAFE_TEXT.findall(text)})


def payload_in(data: bytes) -> list[bytes]:
    """The corpus's escape sequences found in bytes a terminal received."""
    return [payload for payload in PAYLOAD_BYTES if payload in data]


def hostile_pack(raw: dict[str, Any]) -> dict[str, Any]:
    """The shipped pack with the corpus in every field a reader sees: the pack's title and
    disclaimer, every topic's title, sections' titles, bodies and editorial notes,
    glossary terms. Ids stay valid (they are checked), so the pack loads."""
    pack = copy.deepcopy(raw)
    names = list(CORPUS)
    # In-text cross-references name nodes by title; the titles change below, so they go.
    for table in ("topics", "sections", "glossary"):
        for record in pack[table].values():
            for field, value in record.items():
                if isinstance(value, str):
                    record[field] = CROSS_REFERENCE.sub("", value)
    pack["meta"]["1"]["title"] = "Semax " + EVERYTHING
    pack["meta"]["1"]["disclaimer"] = "Read this. " + EVERYTHING
    for number, topic in enumerate(pack["topics"].values()):
        topic["title"] = f"{topic['title']} {CORPUS[names[number % len(names)]]} {MARKUP}"
        topic["summary"] = topic["summary"] + "\n\n" + EVERYTHING
    for number, section in enumerate(pack["sections"].values()):
        section["title"] = f"{section['title']} {CORPUS[names[number % len(names)]]}"
        section["body"] = section["body"] + "\n\n" + CORPUS[names[(number + 3) % len(names)]]
        if number % 3 == 0:
            section["editorial_note"] = EVERYTHING
    for number, term in enumerate(pack["glossary"].values()):
        term["term"] = f"{term['term']} {CORPUS[names[number % len(names)]]}"
    return pack
