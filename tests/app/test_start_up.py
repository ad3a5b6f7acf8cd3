"""What the explorer does once as it starts: the collector held until the first frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.app.conftest import main_screen, make_app, until
from tui import startup
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


@pytest.mark.usefixtures("_held")
async def test_a_search_index_built_after_the_first_frame_is_frozen_too(pack: Pack) -> None:
    """In the explorer's own process (start-up froze its heap), the search index is
    frozen once built, also when ``/`` builds it before the background build is done:
    full collections while reading never walk it."""
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, gc.isenabled)
        frozen = gc.get_freeze_count()
        screen = main_screen(app)
        await pilot.press("slash")  # at once: the background build waits a second
        await until(pilot, lambda: screen.search.index is not None)
        assert gc.get_freeze_count() > frozen


async def test_a_search_index_built_where_nothing_was_frozen_freezes_nothing(pack: Pack) -> None:
    """A process that froze nothing at start-up (the tests run many apps in one) freezes
    nothing later either: it would keep every earlier app's leftovers for good."""
    gc.unfreeze()
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await until(pilot, lambda: screen.search.index is not None, timeout=10.0)
    assert gc.get_freeze_count() == 0
