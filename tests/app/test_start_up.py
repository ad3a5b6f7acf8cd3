"""What the explorer does once as it starts, kept from coming back: each widget styled
once before the first frame, and the collector held until that frame is drawn."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.events import ScreenResume

from tests.app.conftest import make_app, until
from tui import startup
from tui.content import Pack


@pytest.fixture
def styled(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times the stylesheet was applied to widgets of each class (the real
    stylesheet, counted on the way through)."""
    counts: Counter[str] = Counter()
    apply = Stylesheet.apply

    def counting(self: Stylesheet, node: DOMNode, **options: object) -> None:
        counts[type(node).__name__] += 1
        apply(self, node, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", counting)
    return counts


async def test_the_first_frame_styles_each_widget_once(pack: Pack, styled: Counter[str]) -> None:
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Textual styles the screen again as it is first shown; the main screen skips
        # that pass (its nodes were styled as they mounted) and later ones still run.
        assert styled["Reader"] == 1
        assert styled["KeyBar"] == 1
        assert styled["TitleBar"] == 1
        assert styled["TopicTree"] == 2  # once more as it takes focus, for :focus rules
        # A later resume that asks for styles (a screen switched back to) still gets them.
        app.screen.post_message(ScreenResume())
        await pilot.pause()
        assert styled["Reader"] == 2
        assert styled["KeyBar"] == 2


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
