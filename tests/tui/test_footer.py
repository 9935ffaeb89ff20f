"""Every screen's footer shows whole keys only, at 80×24 and at 120×35, and always
the way to the help screen (where every key is listed) and back."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from reflectie.paths import AppPaths
from reflectie.tui.widgets.footer import KeyFooter
from tests.tui.tui_support import configure, make_app, settle

# keys from the home screen to each screen (escape returns home in between)
ROUTES = {
    "home": (),
    "dagboek": ("d",),
    "instellingen": ("i",),
    "leervragen": ("l",),
    "feedback": ("f",),
    "schrijven": ("s",),
    "plg-samenvatting": ("p",),
    "speerpunten": ("t",),
    "bekende namen": ("b",),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=["80x24", "120x35"])
async def test_no_key_in_any_footer_is_cut(paths: AppPaths, size: tuple[int, int]) -> None:
    configure(paths, sector="vo", naam="Sanne")
    app = make_app(paths)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for name, keys in ROUTES.items():
            if keys:
                await pilot.press(*keys)
                await settle(pilot)
            footer = app.screen.query_one(KeyFooter)
            right = footer.region.right
            shown = [k for k in footer.query(FooterKey) if k.display]
            palette = [k for k in shown if k.has_class("-command-palette")]
            limit = palette[0].region.x if palette else right
            for key in shown:
                if key in palette:
                    continue
                assert key.region.right <= limit, f"{name}: {key.key_display} is cut"
            actions = {k.action for k in shown}
            assert "run('hulp')" in actions or (name == "home" and "run('hulp')" in actions), name
            await pilot.press("escape")
            await settle(pilot)
