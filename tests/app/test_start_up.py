"""What the explorer does once as it starts: the collector held until the first frame."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tests.app.conftest import make_app, until
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
