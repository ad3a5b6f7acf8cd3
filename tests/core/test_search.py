"""Search: ranking, AND, phrases, accents, prefixes, typo fallback, notes, hostile queries."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.test_cli import run
from tui.content import Pack, load_pack
from tui.search import NoteIndex, SearchIndex
from tui.search.fuzzy import distance
from tui.search.query import parse
from tui.store import UserStore, data_dir


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


@pytest.fixture(scope="module")
def index(pack: Pack) -> SearchIndex:
    return SearchIndex(pack)


def ids(index: SearchIndex, query: str, **kwargs: Any) -> list[str]:
    return [r.node_id for r in index.search(query, **kwargs).results]


def test_titles_rank_above_text_above_notes(pack: Pack, index: SearchIndex) -> None:
    notes = NoteIndex(pack, {"uses/adhd": "glaucoma question for my doctor"})
    results = index.search("glaucoma", notes=notes).results
    fields = [r.field for r in results]
    assert fields == sorted(fields, key=["title", "text", "note"].index)
    assert results[0].node_id == "benefits/glaucoma" and results[-1].kind == "note"
    assert results[-1].where == "your note on Uses › ADHD"


def test_all_words_must_match_in_any_order(index: SearchIndex) -> None:
    both = ids(index, "trial stroke")
    assert "research/stroke-recovery-trial" in both
    assert ids(index, "stroke trial ") == both  # order does not matter
    assert "glossary/glaucoma" not in both
    assert ids(index, "stroke nonexistentword ") == []


def test_quoted_phrase_matches_as_a_phrase(index: SearchIndex) -> None:
    phrase = ids(index, '"nasal spray"')
    assert phrase[0] == "administration/nasal-spray"
    assert ids(index, '"spray nasal"') == []


def test_case_and_accent_insensitive(index: SearchIndex) -> None:
    assert ids(index, "ENKÉPHALIN ") == ids(index, "enkephalin ")
    assert ids(index, "Glaucóma") == ids(index, "glaucoma")


def test_last_word_is_a_prefix_while_typing(index: SearchIndex) -> None:
    assert "administration/nasal-spray" in ids(index, "nasal spr")
    assert ids(index, "nasal spr ") == []  # a finished word must match whole


def test_typo_fallback_says_what_it_searched(index: SearchIndex) -> None:
    outcome = index.search("enkefalin")
    assert outcome.corrected == "enkephalin"
    assert {"mechanism/enkephalins", "glossary/enkephalin"} <= {r.node_id for r in outcome.results}
    assert index.search("glaucomma ").corrected == "glaucoma"
    assert index.search("enkephalin").corrected is None


def test_snippets_mark_the_matched_words(index: SearchIndex) -> None:
    result = index.search("breakdown enkephalins ").results[0]
    marked = [result.snippet.text[s:e].lower() for s, e in result.snippet.spans]
    assert "breakdown" in marked and "enkephalins" in marked
    assert "**" not in result.snippet.text


def test_accented_snippet_spans_point_at_the_original_text(pack: Pack, index: SearchIndex) -> None:
    notes = NoteIndex(pack, {"uses/adhd": "Ask Dr Müller about the café study **today**"})
    result = index.search("muller cafe ", notes=notes).results[0]
    assert [result.snippet.text[s:e] for s, e in result.snippet.spans] == ["Müller", "café"]
    assert "**today**" in result.snippet.text  # notes are shown as written


def test_glossary_terms_and_definitions(index: SearchIndex) -> None:
    assert "glossary/acth" in ids(index, "adrenocorticotropic")
    results = index.search("neurotrophin").results
    assert any(r.kind == "glossary" for r in results)


@pytest.mark.parametrize("query", ["[", "(", "*", "\\", "[bold]", ".*", "(?:", '"', '""', "   ", "", "\x1b[2J"])
def test_hostile_queries_are_plain_text(index: SearchIndex, query: str) -> None:
    index.search(query)  # never raises


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_query_is_safe(query: str) -> None:
    outcome = SearchIndex(load_pack()).search(query, limit=5)
    for result in outcome.results:
        for start, end in result.snippet.spans:
            assert 0 <= start < end <= len(result.snippet.text)


def test_query_parsing() -> None:
    parsed = parse('Optic "nerve disease" stro')
    assert parsed.terms == ("optic", "nerve", "disease", "stro")
    assert parsed.phrases == (("nerve", "disease"),)
    assert parsed.last_is_prefix
    assert parse("[(*\\").empty


def test_edit_distance() -> None:
    assert distance("enkefalin", "enkephalin", 2) == 2
    assert distance("glaucmoa", "glaucoma", 2) == 1  # a swap is one edit
    assert distance("abc", "xyz", 1) == 2  # stops early past the limit


def test_cli_search(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "enkefalin", "--limit", "2")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Showing results for: enkephalin" and len(lines) == 3
    assert lines[1].startswith("mechanism/enkephalins  How it works › Enkephalins: pain and brain function: ")


def test_cli_search_json_and_notes(capsys: pytest.CaptureFixture[str]) -> None:
    UserStore.open(data_dir()).save_note("uses/adhd", "remember glaucoma")
    code, out, _ = run(capsys, "search", "glaucoma", "--json")
    items = json.loads(out)
    assert code == 0
    assert set(items[0]) >= {"id", "title", "topic", "snippet", "score", "kind"}
    assert items[0]["id"] == "benefits/glaucoma" and items[-1]["kind"] == "note"


def test_cli_no_results(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "zzzzqqq")
    assert code == 0 and out.startswith("No results")
    code, out, _ = run(capsys, "search", "zzzzqqq", "--json")
    assert code == 0 and json.loads(out) == []


def test_cli_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "x", "--limit", "0")
    assert code == 2 and "--limit" in err


def test_snippets_are_reading_text_without_markdown_markers(index: SearchIndex) -> None:
    # The source lists conditions as a Markdown list; a snippet reads them as a sentence.
    result = next(r for r in index.search("dys circulatory encephalopathy").results if r.kind == "section")
    assert "encephalopathy" in result.snippet.text
    assert " - " not in result.snippet.text and "•" not in result.snippet.text
    for marker in ("**", "__", "](", "\n"):
        assert marker not in result.snippet.text
    for outcome in (index.search(q) for q in ("semax", "stroke", "bdnf", "dose")):
        for r in outcome.results:
            assert not r.snippet.text.lstrip("…").startswith(("- ", "* ", "# ", "> ")), r.snippet.text
            assert "**" not in r.snippet.text


def test_reading_text_flattens_markdown() -> None:
    from tui.content.document import reading_text  # noqa: PLC0415

    text = reading_text('adds "etc.":\n- ischemic *brain* stroke;\n- **optic** nerve\n\n# Head\n> a [link](http://x)')
    assert text == 'adds "etc.": ischemic brain stroke; optic nerve Head a link'


@pytest.mark.parametrize("query", ["[red]stroke[/red]", "[bold]stroke", "stroke[/]", "[@click=app.quit]stroke"])
def test_markup_like_query_searches_its_words(index: SearchIndex, query: str) -> None:
    outcome = index.search(query)
    assert [r.node_id for r in outcome.results] == ids(index, "stroke")
    assert outcome.corrected is None  # nothing was corrected, so nothing is claimed
    assert outcome.highlighter is not None and outcome.highlighter.terms == ("stroke",)


def test_a_correction_is_claimed_only_when_made_and_fruitful(index: SearchIndex) -> None:
    # "red" alone would be corrected to "read", but "read stroke" finds nothing either.
    outcome = index.search("red stroke ")
    assert outcome.results == [] and outcome.corrected is None
    assert index.search("[link=file:///etc/passwd]").corrected is None
    assert index.search("zzqqxx").corrected is None
