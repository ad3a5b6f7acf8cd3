"""Which of the theme's colours each evidence label and note box takes, theme by theme.

The badges must stay apart: two neighbouring strengths in one colour read as one
strength. No fixed choice of the theme's variables does that for every theme: in
``textual-dark`` ``$accent`` and ``$warning`` are the same orange, in ``monokai``
``$secondary`` is ``$error``, in the solarized themes ``$warning`` and ``$error`` are
one colour on a 256-colour terminal. So each role has a list of the six theme colours
it prefers (green for a reported trial, amber for preliminary research, red for a bare
claim, where the theme allows), and the first choice that keeps every pair of roles
that must differ apart, compared as a 256-colour terminal shows them, wins.

The choices become CSS variables (``$evidence-4``, ``$note-box`` ...) through
:meth:`tui.app.app.SemaxExplorer.get_css_variables`, Textual's documented way to add
variables; every value is one of the theme's own colours, never a colour of ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from rich.color import ColorSystem
from textual.color import Color, ColorParseError

THEME_COLOURS = ("primary", "secondary", "accent", "warning", "error", "success")
"""The theme's named colours a role can take."""

ROLES: dict[str, tuple[str, ...]] = {
    "evidence-4": ("success", "primary", "accent", "secondary", "warning", "error"),
    "evidence-2": ("warning", "accent", "secondary", "primary", "error", "success"),
    "evidence-1": ("error", "warning", "accent", "secondary", "primary", "success"),
    "evidence-3": ("accent", "primary", "secondary", "success", "warning", "error"),
    "evidence-0": ("primary", "secondary", "accent", "success", "warning", "error"),
    "evidence-editorial": ("secondary", "primary", "accent", "success", "warning", "error"),
    "note-box": ("warning", "accent", "error", "secondary", "primary", "success"),
    "annotation-box": ("accent", "primary", "secondary", "success", "warning", "error"),
}
"""Each role's colours, the one it prefers first; roles earlier here choose first (the
green, amber and red of the strong, preliminary and weak labels come before the rest).
``evidence-N`` is the badge of the labels of strength N (:mod:`tui.content.evidence`),
``evidence-editorial`` the Editorial badge and the box of editorial context, ``note-box`` an editorial note's box and
``annotation-box`` the box of the reader's own bookmark and note."""

NEIGHBOURS: tuple[tuple[str, str], ...] = (
    ("evidence-4", "evidence-3"),
    ("evidence-3", "evidence-2"),
    ("evidence-2", "evidence-1"),
    ("evidence-1", "evidence-0"),
    ("evidence-0", "evidence-editorial"),
    ("note-box", "evidence-editorial"),
    ("note-box", "annotation-box"),
    ("annotation-box", "evidence-editorial"),
)
"""Pairs that must never share a colour: neighbouring strengths, the two badges of
strength 0, and the three boxes that can stand one under another."""

BADGES = ("evidence-4", "evidence-3", "evidence-2", "evidence-1", "evidence-0", "evidence-editorial")
"""The badges' roles: apart from one another as well, where the theme has colours enough."""


def eight_bit(value: str) -> int | None:
    """The colour a 256-colour terminal shows for a CSS colour value (its palette number),
    ``None`` for a value that is no colour."""
    colour = _parsed(value)
    return None if colour is None else colour.rich_color.downgrade(ColorSystem.EIGHT_BIT).number


def _choose(palette: dict[str, int | None], *, all_badges_apart: bool) -> dict[str, str] | None:
    """A colour name for every role, the most preferred that keeps the pairs apart (a
    depth-first search in :data:`ROLES` order), or ``None`` if there is none."""
    pairs = set(NEIGHBOURS)
    if all_badges_apart:
        pairs |= {(a, b) for i, a in enumerate(BADGES) for b in BADGES[i + 1 :]}
    apart: dict[str, set[str]] = {role: set() for role in ROLES}
    for first, second in pairs:
        apart[first].add(second)
        apart[second].add(first)
    roles = list(ROLES)
    chosen: dict[str, str] = {}

    def place(index: int) -> bool:
        if index == len(roles):
            return True
        role = roles[index]
        for name in ROLES[role]:
            shown = palette[name]
            if shown is None or any(palette[chosen[other]] == shown for other in apart[role] if other in chosen):
                continue
            chosen[role] = name
            if place(index + 1):
                return True
            del chosen[role]
        return False

    return chosen if place(0) else None


@cache
def _assignment(colours: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    palette = {name: eight_bit(value) for name, value in zip(THEME_COLOURS, colours, strict=True)}
    chosen = _choose(palette, all_badges_apart=True) or _choose(palette, all_badges_apart=False)
    if chosen is None:  # a theme of fewer than two colours: its preferences, as they are
        chosen = {role: names[0] for role, names in ROLES.items()}
    return tuple(chosen.items())


def role_colours(variables: Mapping[str, str]) -> dict[str, str]:
    """For the theme's variables, the name of the theme colour each role takes
    (``{"evidence-4": "success", ...}``)."""
    return dict(_assignment(tuple(variables.get(name, "") for name in THEME_COLOURS)))


def luminance(colour: Color) -> float:
    """A colour's relative luminance (WCAG 2): what its contrast with another is worked out from."""

    def channel(value: int) -> float:
        share = value / 255
        return share / 12.92 if share <= 0.03928 else ((share + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: Color, second: Color) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _parsed(value: str) -> Color | None:
    try:
        return Color.parse(value.split(maxsplit=1)[0])
    except (ColorParseError, IndexError):
        return None


READABLE = 4.5
"""The contrast (WCAG 2, level AA) a badge's text has with the badge."""

_BLACK_AND_WHITE = (("#000000", Color(0, 0, 0)), ("#FFFFFF", Color(255, 255, 255)))
_TERMINAL_BLACK_AND_WHITE = (("ansi_black", Color(0, 0, 0)), ("ansi_bright_white", Color(255, 255, 255)))


def text_on(colour_value: str, variables: Mapping[str, str]) -> str:
    """The text colour for a badge of ``colour_value``: the theme's foreground or its
    background, whichever stands out more on it, when that reaches :data:`READABLE`;
    else black or white, whichever stands out more (the terminal's own black or bright
    white in a theme of terminal colours). (Textual's
    ``auto`` judges by brightness, and left some badges under 3:1.)"""
    colour = _parsed(colour_value)
    if colour is None:
        return variables.get("foreground", "ansi_default")
    theirs = [
        (value, parsed)
        for value in (variables.get("foreground", ""), variables.get("background", ""))
        if (parsed := _parsed(value)) is not None and parsed.a == 1 and parsed.ansi is None
    ]
    best = max(theirs, key=lambda choice: contrast(choice[1], colour), default=None)
    if colour.ansi is not None:
        return max(_TERMINAL_BLACK_AND_WHITE, key=lambda choice: contrast(choice[1], colour))[0]
    if best is not None and contrast(best[1], colour) >= READABLE:
        return best[0]
    return max(_BLACK_AND_WHITE, key=lambda choice: contrast(choice[1], colour))[0]


def role_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """The CSS variables of the roles: ``evidence-4`` is the chosen colour itself,
    ``text-evidence-4`` its readable text colour on the background (the theme's
    ``text-<colour>``), ``text-on-evidence-4`` the text on a badge of that colour."""
    out: dict[str, str] = {}
    for role, name in role_colours(variables).items():
        out[role] = variables[name]
        out[f"text-{role}"] = variables.get(f"text-{name}", variables[name])
        out[f"text-on-{role}"] = text_on(variables[name], variables)
    return out
