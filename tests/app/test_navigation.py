"""Back/forward history: explicit opens are anchors, cursor passes collapse into one entry."""

from __future__ import annotations

from tui.app.navigation import History


def test_push_back_forward() -> None:
    history = History()
    for node in ["a", "b", "c"]:
        history.visit(node, passing=False)
    assert history.back() == "b" and history.back() == "a" and history.back() is None
    assert history.forward() == "b"
    history.visit("x", passing=False)  # a new visit drops the forward part
    assert history.forward() is None
    assert history.back() == "b"


def test_passing_visits_collapse_into_one_entry() -> None:
    history = History()
    history.visit("topic", passing=False)
    for node in ["s1", "s2", "s3"]:
        history.visit(node, passing=True)
    assert history.current == "s3"
    assert history.back() == "topic"
    assert history.back() is None


def test_revisiting_the_current_node_adds_nothing() -> None:
    history = History()
    history.visit("a", passing=False)
    history.visit("a", passing=False)
    assert not history.can_go_back


def test_limit() -> None:
    history = History(limit=3)
    for node in "abcde":
        history.visit(node, passing=False)
    assert [history.back(), history.back(), history.back()] == ["d", "c", None]
