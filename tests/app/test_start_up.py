"""What the explorer does once as it starts: the collector held until the first frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.app.conftest import main_screen, make_app, until
from tui import startup
from tui.app.flows import search as search_flow
from tui.content import Pack


@pytest.fixture
def _held() -> Iterator[None]:
    gc.unfreeze()
    was = gc.isenabled()
    gc.enable()
    startup.hold()
    yield
    startup.resume()
    gc.unfreeze()
    gc.enable() if was else gc.disable()


@pytest.mark.usefixtures("_held")
async def test_the_first_frame_releases_the_collector_the_launch_held(pack: Pack) -> None:
    assert not gc.isenabled()
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, gc.isenabled)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0, "what start-up built is kept out of later collections"


def walked(thing: object) -> bool:
    """Whether the collector's collections walk ``thing``: frozen objects (the permanent
    generation) are not among :func:`gc.get_objects`. Asked of the object itself, not of
    the freeze count, which drops whenever a frozen object is freed."""
    return any(tracked is thing for tracked in gc.get_objects())


@pytest.mark.usefixtures("_held")
@pytest.mark.parametrize("by", ["slash", "background"])
async def test_a_search_index_built_after_the_first_frame_is_frozen_too(
    pack: Pack, monkeypatch: pytest.MonkeyPatch, by: str
) -> None:
    """In the explorer's own process (start-up froze its heap), the search index is
    frozen once built, by the background build or by a ``/`` before it: full
    collections while reading never walk it."""
    # '/' builds it however slow the first frame is; or the background build, at once.
    monkeypatch.setattr(search_flow, "INDEX_DELAY", 60.0 if by == "slash" else 0.05)
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, gc.isenabled)
        screen = main_screen(app)
        if by == "slash":
            assert screen.search.index is None
            await pilot.press("slash")
        await until(pilot, lambda: screen.search.index is not None, timeout=10.0)
        index = screen.search.index
        assert index is not None
        assert gc.is_tracked(index), "an object the collector could walk"
        assert not walked(index)


async def test_a_search_index_built_where_nothing_was_frozen_freezes_nothing(pack: Pack) -> None:
    """A process that froze nothing at start-up (the tests run many apps in one) freezes
    nothing later either: it would keep every earlier app's leftovers for good."""
    gc.unfreeze()
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await until(pilot, lambda: screen.search.index is not None, timeout=10.0)
        assert walked(screen.search.index)
    assert gc.get_freeze_count() == 0
