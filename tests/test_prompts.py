"""Tests for the prompt library: shipped data, strict loading, rendering, rotation, JSON.

The shipped prompt files are data that a teacher sees directly, so they are
tested like code: every file must validate, every set must be big enough, ids
must be unique, and no text may copy the source documents (the product promises
its own wording with a reference, not quotes).
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from reflectie import prompts as prompts_module
from reflectie.prompts import (
    DEFAULT_SET,
    FASEN,
    PLACEHOLDERS,
    SECTORS,
    Prompt,
    PromptFileError,
    PromptLibrary,
    PromptSet,
    choose_prompt,
    load_library,
    load_prompt_file,
    render_text,
    to_json,
)
from reflectie.resources import shipped_dir

EXPECTED_MINIMUMS: dict[str, int] = {
    "onderzoekende-houding": 12,
    "verbeterplan": 6,
    "uitvoeren-borgen": 6,
    "speerpunt-monitoren": 8,
    "samen-leren": 6,
    "kennis-benutten": 6,
    "gespreid-leiderschap": 6,
    "reflectieve-dialoog": 10,
    "kwaliteitscultuur": 6,
}

OVERLAP_WORDS = 8


def _seed_dir() -> Path | None:
    """The seed texts beside the clone (CI checks out ../shared next to the repo)."""
    for candidate in (
        Path(__file__).resolve().parents[2] / "shared" / "seeds",
        Path("/work/shared/seeds"),
    ):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    return None


def _words(text: str) -> list[str]:
    """Lower-case words with punctuation dropped; hyphens and apostrophes split words."""
    return re.findall(r"\w+", text.lower())


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _copied_run(text: str, seed_grams: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The first run of OVERLAP_WORDS words that ``text`` shares with a seed, if any."""
    for gram in sorted(_ngrams(_words(text), OVERLAP_WORDS)):
        if gram in seed_grams:
            return gram
    return None


@pytest.fixture(scope="module")
def library() -> PromptLibrary:
    return load_library()


@pytest.fixture(scope="module")
def seed_grams() -> set[tuple[str, ...]]:
    folder = _seed_dir()
    if folder is None:
        pytest.skip("seed texts (../shared/seeds) not available; cannot check for copied text")
    grams: set[tuple[str, ...]] = set()
    for file in sorted(folder.glob("*.txt")):
        grams |= _ngrams(_words(file.read_text(encoding="utf-8")), OVERLAP_WORDS)
    return grams


def _all_prompts(library: PromptLibrary) -> list[Prompt]:
    return [prompt for prompt_set in library.sets for prompt in prompt_set.vragen]


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_USER_SET = """\
formaat = 1
id = "mijn-set"
titel = "Mijn eigen vragen"
bron = "Eigen vragen"
beschrijving = "Vragen die ik zelf bedacht voor mijn {studenten}."

[[vraag]]
id = "mijn-een"
tekst = "Wat deden je {studenten} vandaag dat je niet had verwacht?"
bron = "Eigen vraag"

[[vraag]]
id = "mijn-twee"
tekst = "{Teamleden} die je wilt bedanken?"
toelichting = "Denk aan je {opleiding}."
bron = "Eigen vraag"
"""


# --------------------------------------------------------------------------- shipped data


def test_every_shipped_file_validates() -> None:
    files = sorted(shipped_dir("prompts").glob("*.toml"))
    assert files, "no shipped prompt files found"
    for file in files:
        prompt_set = load_prompt_file(file, builtin=True)
        assert prompt_set.id == file.stem
        assert prompt_set.builtin


def test_shipped_sets_and_counts(library: PromptLibrary) -> None:
    counts = {s.id: len(s.vragen) for s in library.sets}
    for set_id, minimum in EXPECTED_MINIMUMS.items():
        assert set_id in counts, f"set {set_id} missing"
        assert counts[set_id] >= minimum, f"{set_id} has {counts[set_id]} prompts, < {minimum}"
    assert library.problems == ()


def test_core_set_comes_first(library: PromptLibrary) -> None:
    assert library.sets[0].id == DEFAULT_SET
    assert all(s.builtin for s in library.sets)
    # the rest follows the leidraad's order, so the menu reads like the source
    assert [s.id for s in library.sets] == list(EXPECTED_MINIMUMS)


def test_titles_of_sets(library: PromptLibrary) -> None:
    ub = library.get_set("uitvoeren-borgen")
    assert ub is not None
    assert ub.titel == "Uitvoeren, monitoren, bijstellen en borgen"


def test_prompt_ids_unique_and_prefixed(library: PromptLibrary) -> None:
    ids = [p.id for p in _all_prompts(library)]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    prefixes = {
        "onderzoekende-houding": "oh-",
        "verbeterplan": "vp-",
        "uitvoeren-borgen": "ub-",
        "speerpunt-monitoren": "sm-",
        "samen-leren": "sl-",
        "kennis-benutten": "kb-",
        "gespreid-leiderschap": "gl-",
        "reflectieve-dialoog": "rd-",
        "kwaliteitscultuur": "kc-",
    }
    for prompt_set in library.sets:
        for prompt in prompt_set.vragen:
            assert prompt.set_id == prompt_set.id
            assert prompt.id.startswith(prefixes[prompt_set.id]), prompt.id


def test_reflectieve_dialoog_covers_every_phase(library: PromptLibrary) -> None:
    rd = library.get_set("reflectieve-dialoog")
    assert rd is not None
    per_phase = Counter(p.fase for p in rd.vragen)
    assert None not in per_phase, "every reflectieve-dialoog prompt needs a fase"
    for fase in ("probleemanalyse", "literatuurstudie", "onderzoeksopzet", "resultaten"):
        assert per_phase[fase] >= 2, fase
    assert per_phase["conclusies"] >= 2
    assert set(per_phase) == set(FASEN)


def test_every_prompt_has_a_source_and_reads_as_a_short_question(library: PromptLibrary) -> None:
    sentence_end = re.compile(r"[.?!](?=\s|$)")
    addressed = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.IGNORECASE)
    for prompt_set in library.sets:
        assert prompt_set.bron and prompt_set.beschrijving
        for prompt in prompt_set.vragen:
            assert prompt.bron.strip(), prompt.id
            assert prompt.tekst.endswith("?"), prompt.id
            assert len(sentence_end.findall(prompt.tekst)) <= 2, prompt.id
            assert len(prompt.tekst) <= 200, prompt.id
            assert addressed.search(prompt.tekst), f"{prompt.id} does not address the teacher"
            if prompt.toelichting is not None:
                assert len(sentence_end.findall(prompt.toelichting)) == 1, prompt.id


def test_seed_sources_are_cited(library: PromptLibrary) -> None:
    """Each seed document is cited somewhere, so readers can trace every idea back."""
    sources = " ".join(p.bron for p in _all_prompts(library))
    assert "aanbeveling 3" in sources
    assert "Handvatten bij aanbeveling 2" in sources
    assert "Handvatten bij aanbeveling 4" in sources
    assert "Q-dagen" in sources
    assert " vo " in sources


def test_overlap_checker_catches_a_copied_sentence(seed_grams: set[tuple[str, ...]]) -> None:
    """Guard the guard: a sentence taken from seed 003 must be flagged."""
    copied = "Vraag feedback aan iemand die je respecteert en vertrouwt, zei ze."
    assert _copied_run("Heel goed. " + copied, seed_grams) is not None
    assert _copied_run("Wat verraste je deze week in je lessen?", seed_grams) is None


def test_no_text_copies_eight_words_from_the_seeds(
    library: PromptLibrary, seed_grams: set[tuple[str, ...]]
) -> None:
    offenders: list[str] = []
    for prompt_set in library.sets:
        texts = [("beschrijving", prompt_set.id, prompt_set.beschrijving)]
        for prompt in prompt_set.vragen:
            texts.append(("tekst", prompt.id, prompt.tekst))
            if prompt.toelichting is not None:
                texts.append(("toelichting", prompt.id, prompt.toelichting))
        for field, owner, raw in texts:
            for sector in SECTORS:
                run = _copied_run(render_text(raw, sector), seed_grams)
                if run is not None:
                    offenders.append(f"{owner} {field} ({sector}): {' '.join(run)}")
    assert not offenders, "text copied from the seeds:\n" + "\n".join(offenders)


# --------------------------------------------------------------------------- rendering


def test_render_differs_per_sector(library: PromptLibrary) -> None:
    prompt = library.find("oh-aannames")
    assert prompt is not None
    assert "{studenten}" in prompt.tekst
    mbo, vo = prompt.render("mbo"), prompt.render("vo")
    assert "studenten" in mbo and "leerlingen" not in mbo
    assert "leerlingen" in vo and "studenten" not in vo


def test_render_teamleden_and_opleiding(library: PromptLibrary) -> None:
    team = library.find("oh-teamgesprek")
    assert team is not None
    assert "teamleden" in team.render("mbo")
    assert "collega's" in team.render("vo")
    hint = library.find("oh-netwerk")
    assert hint is not None
    rendered = hint.render_hint("vo")
    assert rendered is not None and "andere school" in rendered
    assert hint.render_hint("mbo") is not None
    assert "andere opleiding" in (hint.render_hint("mbo") or "")


def test_capitalised_placeholders() -> None:
    text = "{Opleiding}, {Studenten}, {Student}, {Teamleden}; {student}"
    assert render_text(text, "mbo") == "Opleiding, Studenten, Student, Teamleden; student"
    assert render_text(text, "vo") == "School, Leerlingen, Leerling, Collega's; leerling"


def test_no_braces_remain_in_any_sector(library: PromptLibrary) -> None:
    for prompt_set in library.sets:
        for sector in SECTORS:
            assert "{" not in prompt_set.render_beschrijving(sector)
            for prompt in prompt_set.vragen:
                rendered = prompt.render(sector)
                hint = prompt.render_hint(sector) or ""
                assert "{" not in rendered and "}" not in rendered, prompt.id
                assert "{" not in hint and "}" not in hint, prompt.id


def test_render_hint_none_without_toelichting() -> None:
    prompt = Prompt(id="x", set_id="s", tekst="Wat zie je?", bron="b")
    assert prompt.render_hint("mbo") is None


def test_unknown_sector_is_refused(library: PromptLibrary) -> None:
    prompt = library.sets[0].vragen[0]
    with pytest.raises(ValueError):
        prompt.render("hbo")
    with pytest.raises(ValueError):
        to_json(library, "po")


# --------------------------------------------------------------------------- user sets


def test_user_set_loads_after_shipped_sets(tmp_path: Path, library: PromptLibrary) -> None:
    _write(tmp_path, "mijn-set.toml", GOOD_USER_SET)
    loaded = load_library(tmp_path)
    assert loaded.problems == ()
    assert [s.id for s in loaded.sets[: len(library.sets)]] == [s.id for s in library.sets]
    mine = loaded.get_set("mijn-set")
    assert mine is not None and not mine.builtin
    assert loaded.sets[-1] is mine
    assert mine.path == tmp_path / "mijn-set.toml"
    found = loaded.find("mijn-twee")
    assert found is not None
    assert found.render("vo") == "Collega's die je wilt bedanken?"
    assert found.render_hint("vo") == "Denk aan je school."
    assert mine.render_beschrijving("vo").endswith("leerlingen.")


def test_missing_or_empty_user_dir_is_fine(tmp_path: Path, library: PromptLibrary) -> None:
    for folder in (None, tmp_path / "bestaat-niet", tmp_path):
        loaded = load_library(folder)
        assert loaded.problems == ()
        assert len(loaded.sets) == len(library.sets)


def test_user_dir_that_is_a_file_is_reported(tmp_path: Path) -> None:
    not_a_dir = _write(tmp_path, "prompts", "x")
    loaded = load_library(not_a_dir)
    assert len(loaded.problems) == 1
    assert loaded.get_set(DEFAULT_SET) is not None


def _assert_one_problem(tmp_path: Path, library: PromptLibrary) -> str:
    """Load with a broken file plus a good one; both the shipped and good sets survive."""
    _write(tmp_path, "mijn-set.toml", GOOD_USER_SET)
    loaded = load_library(tmp_path)
    assert len(loaded.problems) == 1, loaded.problems
    for prompt_set in library.sets:
        assert loaded.get_set(prompt_set.id) is not None
    assert loaded.get_set("mijn-set") is not None
    return loaded.problems[0]


def test_bad_toml_syntax_names_file_and_line(tmp_path: Path, library: PromptLibrary) -> None:
    _write(
        tmp_path,
        "kapot.toml",
        'formaat = 1\nid = "kapot"\ntitel = "Kapot\n',
    )
    message = _assert_one_problem(tmp_path, library)
    assert "kapot.toml" in message
    assert "regel 3" in message
    assert "ongeldige TOML" in message


def test_missing_field_is_reported(tmp_path: Path, library: PromptLibrary) -> None:
    text = GOOD_USER_SET.replace('id = "mijn-set"', 'id = "zonder-bron"').replace(
        'tekst = "{Teamleden} die je wilt bedanken?"\n', ""
    )
    _write(
        tmp_path,
        "zonder-bron.toml",
        text.replace("mijn-een", "zb-een").replace("mijn-twee", "zb-twee"),
    )
    message = _assert_one_problem(tmp_path, library)
    assert "zonder-bron.toml" in message
    assert "'tekst'" in message
    assert "regel 12" in message  # the second [[vraag]] header


def test_unknown_placeholder_is_reported_with_line(tmp_path: Path, library: PromptLibrary) -> None:
    text = (
        GOOD_USER_SET.replace('id = "mijn-set"', 'id = "plaats"')
        .replace("mijn-een", "pl-een")
        .replace("mijn-twee", "pl-twee")
        .replace("je {studenten} vandaag", "je {klas} vandaag")
    )
    _write(tmp_path, "plaats.toml", text)
    message = _assert_one_problem(tmp_path, library)
    assert "plaats.toml" in message
    assert "{klas}" in message
    assert "regel 9" in message


def test_colliding_set_id_is_skipped(tmp_path: Path, library: PromptLibrary) -> None:
    text = GOOD_USER_SET.replace('id = "mijn-set"', 'id = "samen-leren"')
    text = text.replace("mijn-een", "x-een").replace("mijn-twee", "x-twee")
    _write(tmp_path, "samen-leren.toml", text)
    message = _assert_one_problem(tmp_path, library)
    assert "samen-leren" in message
    loaded = load_library(tmp_path)
    shipped = loaded.get_set("samen-leren")
    assert shipped is not None and shipped.builtin
    assert loaded.find("x-een") is None


def test_colliding_prompt_id_is_skipped(tmp_path: Path, library: PromptLibrary) -> None:
    text = GOOD_USER_SET.replace('id = "mijn-set"', 'id = "botsing"').replace(
        '"mijn-een"', '"oh-aannames"'
    )
    text = text.replace("mijn-twee", "bo-twee")
    _write(tmp_path, "botsing.toml", text)
    message = _assert_one_problem(tmp_path, library)
    assert "botsing.toml" in message and "oh-aannames" in message
    loaded = load_library(tmp_path)
    assert loaded.get_set("botsing") is None
    prompt = loaded.find("oh-aannames")
    assert prompt is not None and prompt.set_id == "onderzoekende-houding"


def test_two_user_files_colliding_with_each_other(tmp_path: Path) -> None:
    _write(tmp_path, "a-set.toml", GOOD_USER_SET.replace('id = "mijn-set"', 'id = "a-set"'))
    _write(tmp_path, "b-set.toml", GOOD_USER_SET.replace('id = "mijn-set"', 'id = "b-set"'))
    loaded = load_library(tmp_path)
    assert loaded.get_set("a-set") is not None
    assert loaded.get_set("b-set") is None
    assert len(loaded.problems) == 1 and "b-set.toml" in loaded.problems[0]


# --------------------------------------------------------------------------- strict validation


BROKEN_VARIANTS: dict[str, tuple[str, str]] = {
    "formaat-2": ("formaat = 1", "formaat = 2"),
    "formaat-tekst": ("formaat = 1", 'formaat = "1"'),
    "formaat-float": ("formaat = 1", "formaat = 1.0"),
    "id-anders": ('id = "mijn-set"', 'id = "andere-naam"'),
    "onbekend-veld": ('titel = "Mijn eigen vragen"', 'titel = "x"\nauteur = "ik"'),
    "vraag-onbekend-veld": (
        'bron = "Eigen vraag"\n\n',
        'bron = "Eigen vraag"\ntoelichtng = "x"\n\n',
    ),
    "dubbele-id": ('id = "mijn-twee"', 'id = "mijn-een"'),
    "tekst-geen-string": (
        'tekst = "{Teamleden} die je wilt bedanken?"',
        "tekst = 42",
    ),
    "tekst-leeg": ('tekst = "{Teamleden} die je wilt bedanken?"', 'tekst = "   "'),
    "losse-accolade": (
        'tekst = "{Teamleden} die je wilt bedanken?"',
        'tekst = "Wie {bedank je?"',
    ),
    "onbekende-fase": ('bron = "Eigen vraag"\n\n', 'bron = "Eigen vraag"\nfase = "analyse"\n\n'),
    "id-spaties": ('id = "mijn-een"', 'id = "Mijn Een"'),
    "titel-ontbreekt": ('titel = "Mijn eigen vragen"\n', ""),
    "hint-plaatshouder": ("Denk aan je {opleiding}.", "Denk aan je {vak}."),
}


@pytest.mark.parametrize("variant", sorted(BROKEN_VARIANTS))
def test_strict_validation_rejects(tmp_path: Path, variant: str) -> None:
    old, new = BROKEN_VARIANTS[variant]
    assert old in GOOD_USER_SET
    path = _write(tmp_path, "mijn-set.toml", GOOD_USER_SET.replace(old, new, 1))
    with pytest.raises(PromptFileError) as caught:
        load_prompt_file(path)
    assert str(path) in str(caught.value)
    assert caught.value.path == path


def test_good_user_file_passes_strict_validation(tmp_path: Path) -> None:
    path = _write(tmp_path, "mijn-set.toml", GOOD_USER_SET)
    prompt_set = load_prompt_file(path)
    assert [p.id for p in prompt_set.vragen] == ["mijn-een", "mijn-twee"]
    assert prompt_set.vragen[1].toelichting == "Denk aan je {opleiding}."
    assert not prompt_set.builtin


def test_unknown_prompt_key_line_is_found(tmp_path: Path) -> None:
    text = GOOD_USER_SET.replace(
        'bron = "Eigen vraag"\n\n', 'bron = "Eigen vraag"\ntoelichtng = "x"\n\n', 1
    )
    path = _write(tmp_path, "mijn-set.toml", text)
    with pytest.raises(PromptFileError) as caught:
        load_prompt_file(path)
    assert caught.value.line == 11
    assert "toelichtng" in str(caught.value)


def test_empty_vraag_list_and_no_vraag(tmp_path: Path) -> None:
    head = GOOD_USER_SET.split("[[vraag]]")[0]
    for body in (head, head + "vraag = []\n"):
        path = _write(tmp_path, "mijn-set.toml", body)
        with pytest.raises(PromptFileError):
            load_prompt_file(path)


def test_non_utf8_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "mijn-set.toml"
    path.write_bytes(GOOD_USER_SET.replace("Mijn eigen", "Caf\xe9").encode("latin-1"))
    with pytest.raises(PromptFileError) as caught:
        load_prompt_file(path)
    assert "UTF-8" in str(caught.value)


def test_broken_shipped_file_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "kapot.toml", "formaat = \n")
    monkeypatch.setattr(prompts_module, "shipped_dir", lambda kind: tmp_path)
    with pytest.raises(PromptFileError):
        load_library()


def test_duplicate_ids_across_shipped_files_raise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "a-set.toml", GOOD_USER_SET.replace('id = "mijn-set"', 'id = "a-set"'))
    _write(tmp_path, "b-set.toml", GOOD_USER_SET.replace('id = "mijn-set"', 'id = "b-set"'))
    monkeypatch.setattr(prompts_module, "shipped_dir", lambda kind: tmp_path)
    with pytest.raises(PromptFileError, match="mijn-een"):
        load_library()


# --------------------------------------------------------------------------- rotation


def _toy_set(n: int = 5) -> PromptSet:
    ids = "abcdefghij"[:n]
    return PromptSet(
        id="toy",
        titel="Toy",
        bron="test",
        beschrijving="test",
        vragen=tuple(Prompt(id=i, set_id="toy", tekst=f"{i}?", bron="test") for i in ids),
        path=Path("toy.toml"),
        builtin=False,
    )


def test_rotation_prefers_unused_prompts() -> None:
    toy = _toy_set()
    picked = {choose_prompt(toy, ["a", "b", "c"], random.Random(seed)).id for seed in range(200)}
    assert picked == {"d", "e"}


def test_rotation_falls_back_to_least_recently_used() -> None:
    toy = _toy_set()
    for seed in range(50):
        assert choose_prompt(toy, ["a", "b", "c", "d", "e"], random.Random(seed)).id == "e"
        # duplicates in the history count by their most recent use
        assert (
            choose_prompt(toy, ["a", "b", "a", "c", "d", "e", "b"], random.Random(seed)).id == "e"
        )


def test_rotation_never_returns_exclude() -> None:
    toy = _toy_set()
    for seed in range(200):
        rng = random.Random(seed)
        assert choose_prompt(toy, [], rng, exclude="c").id != "c"
        # even when the excluded prompt is the only one not used recently
        assert choose_prompt(toy, ["a", "b", "d", "e"], rng, exclude="c").id == "e"


def test_rotation_single_prompt_set_returns_it_even_if_excluded() -> None:
    single = _toy_set(1)
    assert choose_prompt(single, ["a"], random.Random(1), exclude="a").id == "a"


def test_rotation_is_random_among_ties_and_repeatable() -> None:
    toy = _toy_set()
    picks = [choose_prompt(toy, [], random.Random(seed)).id for seed in range(100)]
    assert set(picks) == set("abcde")
    again = [choose_prompt(toy, [], random.Random(seed)).id for seed in range(100)]
    assert picks == again


def test_rotation_walks_through_a_shipped_set(library: PromptLibrary) -> None:
    core = library.get_set(DEFAULT_SET)
    assert core is not None
    rng = random.Random(7)
    history: list[str] = []
    for _ in range(len(core.vragen)):
        prompt = choose_prompt(core, history, rng)
        history.insert(0, prompt.id)
    assert sorted(history) == sorted(p.id for p in core.vragen)


def test_rotation_without_rng_works(library: PromptLibrary) -> None:
    prompt = choose_prompt(library.sets[0], [])
    assert prompt.set_id == DEFAULT_SET


def test_rotation_empty_set_raises() -> None:
    empty = PromptSet("leeg", "Leeg", "b", "b", (), Path("leeg.toml"), False)
    with pytest.raises(ValueError):
        choose_prompt(empty, [])


# --------------------------------------------------------------------------- lookup and JSON


def test_get_set_and_find(library: PromptLibrary) -> None:
    assert library.get_set("bestaat-niet") is None
    assert library.find("bestaat-niet") is None
    prompt = library.find("rd-pa-oorzaak")
    assert prompt is not None and prompt.fase == "probleemanalyse"
    assert prompt.set_id == "reflectieve-dialoog"


def test_to_json_shape(library: PromptLibrary) -> None:
    data = to_json(library, "vo")
    json.dumps(data)  # plain data only
    assert [entry["id"] for entry in data] == [s.id for s in library.sets]
    for entry, prompt_set in zip(data, library.sets, strict=True):
        assert set(entry) == {"id", "titel", "bron", "beschrijving", "vragen"}
        assert entry["titel"] == prompt_set.titel
        assert len(entry["vragen"]) == len(prompt_set.vragen)
        for vraag in entry["vragen"]:
            assert set(vraag) == {"id", "tekst", "toelichting", "bron", "fase"}
            assert "{" not in vraag["tekst"]
    by_id = {v["id"]: v for entry in data for v in entry["vragen"]}
    assert "leerlingen" in by_id["oh-aannames"]["tekst"]
    assert by_id["rd-ls-visie"]["fase"] == "literatuurstudie"
    assert by_id["oh-gewoonte"]["toelichting"] is None
    assert (
        "studenten"
        in {v["id"]: v for e in to_json(library, "mbo") for v in e["vragen"]}["oh-aannames"][
            "tekst"
        ]
    )


def test_placeholder_table_covers_both_sectors() -> None:
    for name, wording in PLACEHOLDERS.items():
        assert set(wording) == set(SECTORS), name
        if name[0].isupper():
            assert all(word[0].isupper() for word in wording.values())


def test_core_module_does_not_import_textual() -> None:
    code = "import sys, reflectie.prompts; sys.exit('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], check=False)
    assert result.returncode == 0


def test_the_speerpunt_set_is_no_question_of_the_day() -> None:
    """Its questions belong to a speerpunt; the home screen asks them per speerpunt."""
    from reflectie.prompts import load_library

    library = load_library()
    assert library.get_set("speerpunt-monitoren") is not None
    weekly = [s.id for s in library.weekly_sets]
    assert "speerpunt-monitoren" not in weekly
    assert weekly[0] == "onderzoekende-houding" and len(weekly) == len(library.sets) - 1
