"""Tests for the theme files, their parser and the Textual adapter."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.theme import Theme

from reflectie.resources import shipped_dir
from reflectie.theme_files import (
    DEFAULT_THEME,
    ThemeFileError,
    ThemeSpec,
    contrast_ratio,
    load_theme_file,
    load_themes,
    relative_luminance,
)
from reflectie.tui.themes import register_themes, to_textual_theme

SHIPPED_FILES = sorted(shipped_dir("themes").glob("*.toml"))
REQUIRED_NAMES = {"licht", "donker", "schoolbord", "hoog-contrast"}

GOOD_USER_THEME = """\
formaat = 1
name = "{name}"
label = "Mijn thema"
dark = true
primary = "#88c0d0"
foreground = "#ECEFF4"
background = "#2e3440"
accent = "#b8a"

[variables]
"footer-key-foreground" = "#88c0d0"
"input-selection-background" = "#81a1c1 35%"
"""


def shipped() -> dict[str, ThemeSpec]:
    """The shipped themes by name (no user folder)."""
    themes, problems = load_themes(None)
    assert problems == ()
    return {theme.name: theme for theme in themes}


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- shipped files ------------------------------------------------------------------


def test_there_are_shipped_theme_files() -> None:
    assert len(SHIPPED_FILES) >= 4


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda path: path.stem)
def test_every_shipped_file_validates(path: Path) -> None:
    spec = load_theme_file(path, builtin=True)
    assert spec.name == path.stem
    assert spec.builtin
    assert spec.label.strip()
    for key in ("primary", "background", "foreground"):
        assert spec.colors[key].startswith("#") and len(spec.colors[key]) == 7


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda path: path.stem)
def test_every_shipped_theme_has_readable_text(path: Path) -> None:
    """WCAG AA (4.5:1) for body text and for coloured text on the background."""
    spec = load_theme_file(path, builtin=True)
    background = spec.colors["background"]
    for key in ("foreground", "primary", "accent", "error", "warning", "success"):
        if key in spec.colors:
            assert contrast_ratio(spec.colors[key], background) >= 4.5, key


def test_required_theme_names_exist() -> None:
    themes = shipped()
    assert set(themes) >= REQUIRED_NAMES
    assert DEFAULT_THEME in themes


def test_shipped_themes_come_first_and_are_marked_builtin(tmp_path: Path) -> None:
    write(tmp_path, "eigen", GOOD_USER_THEME.format(name="eigen"))
    themes, problems = load_themes(tmp_path)
    assert problems == ()
    assert [theme.name for theme in themes][-1] == "eigen"
    assert all(theme.builtin for theme in themes[:-1])
    assert not themes[-1].builtin


def test_light_and_dark() -> None:
    themes = shipped()
    assert themes["licht"].dark is False
    assert relative_luminance(themes["licht"].colors["background"]) > 0.85
    assert themes["donker"].dark is True
    assert relative_luminance(themes["donker"].colors["background"]) < 0.05
    assert themes["schoolbord"].dark is True


def test_schoolbord_is_a_calm_green_grey_board() -> None:
    board = shipped()["schoolbord"]
    background = board.colors["background"]
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    assert green >= red and green >= blue, "het bord is groenig"
    assert max(red, green, blue) - min(red, green, blue) < 40, "gedempt, niet fel groen"
    assert relative_luminance(background) < 0.1
    assert relative_luminance(board.colors["foreground"]) > 0.75, "krijtwit"


def test_high_contrast_meets_wcag_aaa() -> None:
    theme = shipped()["hoog-contrast"]
    background = theme.colors["background"]
    assert contrast_ratio(theme.colors["foreground"], background) >= 7.0
    for key in ("primary", "secondary", "accent", "success", "warning", "error"):
        assert contrast_ratio(theme.colors[key], background) >= 7.0, key
    for key, value in theme.variables.items():
        if key.startswith("text-") and value.startswith("#"):
            assert contrast_ratio(value, background) >= 7.0, key


def test_high_contrast_is_its_own_palette() -> None:
    themes = shipped()
    high = themes["hoog-contrast"]
    high_ratio = contrast_ratio(high.colors["foreground"], high.colors["background"])
    for other_name in ("licht", "donker"):
        other = themes[other_name]
        assert high.colors != other.colors
        assert high.colors["background"] != other.colors["background"]
        assert high.colors["primary"] != other.colors["primary"]
        other_ratio = contrast_ratio(other.colors["foreground"], other.colors["background"])
        assert high_ratio > other_ratio


# --- contrast helper ----------------------------------------------------------------


def test_contrast_ratio_extremes() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#fff", "#000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#ffffff", "#777777") == pytest.approx(
        contrast_ratio("#777777", "#ffffff")
    )
    # Known WCAG reference value: #777 on white is just under 4.5:1.
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_contrast_ratio_rejects_non_hex() -> None:
    with pytest.raises(ValueError):
        contrast_ratio("red", "#ffffff")


# --- parser details -----------------------------------------------------------------


def test_short_hex_is_normalised(tmp_path: Path) -> None:
    spec = load_theme_file(write(tmp_path, "eigen", GOOD_USER_THEME.format(name="eigen")))
    assert spec.colors["accent"] == "#bb88aa"
    assert spec.colors["foreground"] == "#eceff4"
    assert spec.label == "Mijn thema"
    assert spec.variables["input-selection-background"] == "#81a1c1 35%"
    assert spec.path == tmp_path / "eigen.toml"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (("formaat = 1", "formaat = 2"), "'formaat' moet 1 zijn"),
        (("formaat = 1", "formaat = true"), "'formaat' moet 1 zijn"),
        (("formaat = 1\n", ""), "'formaat' ontbreekt"),
        (('name = "eigen"', 'name = "ander"'), "bestandsnaam"),
        (("dark = true", 'dark = "ja"'), "'dark' moet true of false"),
        (("dark = true\n", ""), "'dark' ontbreekt"),
        (('background = "#2e3440"\n', ""), "verplichte kleur(en) ontbreken: background"),
        (('primary = "#88c0d0"', 'primary = "#88c0d"'), "kleur 'primary'"),
        (('primary = "#88c0d0"', 'primary = "blue"'), "kleur 'primary'"),
        (('primary = "#88c0d0"', "primary = 12"), "kleur 'primary'"),
        (('label = "Mijn thema"', 'label = ""'), "'label'"),
        (('"footer-key-foreground" = "#88c0d0"', '"footer-key-foreground" = 3'), "variabele"),
    ],
)
def test_invalid_files_are_rejected(tmp_path: Path, change: tuple[str, str], fragment: str) -> None:
    text = GOOD_USER_THEME.format(name="eigen")
    assert change[0] in text
    path = write(tmp_path, "eigen", text.replace(change[0], change[1]))
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert fragment in str(caught.value)
    assert str(path) in str(caught.value)


def test_bad_colour_error_points_at_the_line(tmp_path: Path) -> None:
    text = GOOD_USER_THEME.format(name="eigen").replace('"#2e3440"', '"#2e34zz"')
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(write(tmp_path, "eigen", text))
    assert caught.value.line == 7
    assert "regel 7" in str(caught.value)


def test_name_must_be_simple(tmp_path: Path) -> None:
    path = write(tmp_path, "Mijn_Thema", GOOD_USER_THEME.format(name="Mijn_Thema"))
    with pytest.raises(ThemeFileError, match="kleine letters"):
        load_theme_file(path)


# --- user folder --------------------------------------------------------------------


def test_missing_user_folder_is_fine(tmp_path: Path) -> None:
    themes, problems = load_themes(tmp_path / "bestaat-niet")
    assert problems == ()
    assert {theme.name for theme in themes} >= REQUIRED_NAMES


def test_good_user_theme_loads(tmp_path: Path) -> None:
    write(tmp_path, "noorden", GOOD_USER_THEME.format(name="noorden"))
    themes, problems = load_themes(tmp_path)
    assert problems == ()
    by_name = {theme.name: theme for theme in themes}
    assert by_name["noorden"].label == "Mijn thema"
    assert set(by_name) >= REQUIRED_NAMES


def test_bad_toml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "kapot", 'formaat = 1\nname = "kapot"\nprimary = #ff0000\n')
    themes, problems = load_themes(tmp_path)
    assert len(problems) == 1
    assert str(path) in problems[0]
    assert "regel 3" in problems[0]
    assert "kapot" not in {theme.name for theme in themes}
    assert {theme.name for theme in themes} >= REQUIRED_NAMES


def test_unterminated_toml_names_the_last_line(tmp_path: Path) -> None:
    path = write(tmp_path, "kapot", 'formaat = 1\nname = "kapot\n')
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert caught.value.line == 2


def test_bad_colour_in_user_file_is_one_problem(tmp_path: Path) -> None:
    text = GOOD_USER_THEME.format(name="kleur").replace('"#88c0d0"', '"#12345"', 1)
    path = write(tmp_path, "kleur", text)
    themes, problems = load_themes(tmp_path)
    assert len(problems) == 1
    assert str(path) in problems[0]
    assert "primary" in problems[0]
    assert "kleur" not in {theme.name for theme in themes}
    assert {theme.name for theme in themes} >= REQUIRED_NAMES


def test_unknown_key_in_user_file_is_one_problem(tmp_path: Path) -> None:
    text = GOOD_USER_THEME.format(name="typo").replace("primary =", "primery =")
    path = write(tmp_path, "typo", text)
    themes, problems = load_themes(tmp_path)
    assert len(problems) == 1
    assert str(path) in problems[0]
    assert "'primery'" in problems[0]
    assert "regel 5" in problems[0]
    assert {theme.name for theme in themes} >= REQUIRED_NAMES


def test_user_theme_may_not_reuse_a_shipped_name(tmp_path: Path) -> None:
    write(tmp_path, "licht", GOOD_USER_THEME.format(name="licht"))
    themes, problems = load_themes(tmp_path)
    assert len(problems) == 1
    assert "meegeleverd" in problems[0]
    licht = [theme for theme in themes if theme.name == "licht"]
    assert len(licht) == 1 and licht[0].builtin


def test_broken_and_good_user_files_together(tmp_path: Path) -> None:
    write(tmp_path, "goed", GOOD_USER_THEME.format(name="goed"))
    write(tmp_path, "slecht", "dit is geen toml = =\n")
    (tmp_path / ".verborgen.toml").write_text("onzin", encoding="utf-8")
    themes, problems = load_themes(tmp_path)
    assert len(problems) == 1 and "slecht.toml" in problems[0]
    assert "goed" in {theme.name for theme in themes}


# --- Textual adapter ----------------------------------------------------------------


def test_to_textual_theme_copies_name_and_colours() -> None:
    spec = shipped()["schoolbord"]
    theme = to_textual_theme(spec)
    assert isinstance(theme, Theme)
    assert theme.name == "schoolbord"
    assert theme.dark is True
    assert theme.primary == spec.colors["primary"]
    assert theme.background == spec.colors["background"]
    assert theme.foreground == spec.colors["foreground"]
    assert theme.variables == spec.variables
    assert theme.variables is not spec.variables
    assert theme.boost is None


def test_to_textual_theme_light() -> None:
    theme = to_textual_theme(shipped()["licht"])
    assert theme.dark is False
    assert theme.background == "#fbf8f1"


async def test_themes_register_and_apply_in_an_app(tmp_path: Path) -> None:
    write(tmp_path, "eigen", GOOD_USER_THEME.format(name="eigen"))
    write(tmp_path, "kapot", "formaat = \n")
    app: App[None] = App()
    problems = register_themes(app, tmp_path)
    assert len(problems) == 1 and "kapot.toml" in problems[0]
    async with app.run_test() as pilot:
        for name in [*sorted(REQUIRED_NAMES), "eigen"]:
            app.theme = name
            await pilot.pause()
            assert app.current_theme.name == name
        app.theme = DEFAULT_THEME
        await pilot.pause()
        assert app.current_theme.dark is False
