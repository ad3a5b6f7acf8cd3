"""Evidence you can see: the legend's counts, the claims table, ``claims`` on the command
line, the legend in ``show``, and the labels found by search."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import EVERYTHING, unsafe_in
from tui.cli import main
from tui.cli.claims_command import cell_width
from tui.content import EVIDENCE_LEVELS, Pack, load_pack
from tui.content.claims import by_strength, claims, legend, legend_entry, legend_lines
from tui.content.evidence import STRENGTHS, find_level, strength_name, suggest_levels
from tui.search import SearchIndex


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_legend_names_every_label_with_its_count(pack: Pack) -> None:
    rows = legend(pack)
    assert [row.level for row in rows] == list(EVIDENCE_LEVELS)
    sections = [node for node in pack.walk() if node.kind == "section"]
    for row in rows:
        assert row.sections == sum(1 for node in sections if node.evidence == row.level.id)
    assert sum(row.sections for row in rows) == len(sections)
    assert legend_entry(rows[0]) == ("Reported trial", EVIDENCE_LEVELS[0].meaning + " (2 sections)")
    assert legend_lines(rows)[4] == (
        "Proposed mechanism: How the source says Semax works; it describes no study showing that Semax does "
        "this. (1 section)"
    )


def test_claims_are_every_section_strongest_first(pack: Pack) -> None:
    rows = by_strength(claims(pack))
    strengths = [row.level.strength for row in rows]
    assert strengths == sorted(strengths, reverse=True)
    assert [row.node.id for row in rows[:2]] == ["research/stroke-recovery-trial", "research/cerebrovascular-trial"]
    first = rows[0]
    assert (first.topic, first.level.id, first.detail, first.paragraphs) == (
        "Research",
        "clinical-trial",
        "100 patients",
        "¶10",
    )
    assert {row.paragraphs for row in rows if row.level.id == "editorial"} == {"Editorial"}
    weakest_first = by_strength(claims(pack), strongest_first=False)
    assert weakest_first[-1].level.strength == 4 and weakest_first[0].level.strength == 0


def test_a_minimum_keeps_what_is_at_least_that_strong(pack: Pack) -> None:
    assert {row.level.id for row in claims(pack, minimum=3)} == {"clinical-trial", "clinical-reports"}
    assert {row.level.id for row in claims(pack, label="mechanism")} == {"mechanism"}
    assert STRENGTHS == (4, 3, 2, 1, 0)
    assert strength_name(2) == "Preliminary research or Cell studies only"


@pytest.mark.parametrize(
    ("typed", "label"),
    [("clinical-trial", "clinical-trial"), ("Reported trial", "clinical-trial"), ("PROPOSED  mechanism", "mechanism"),
     ("cell_based", "cell-based"), ("trial", "clinical-trial"), ("studies", None), ("nope", None), ("", None)],
)  # fmt: skip
def test_a_label_is_found_by_id_or_by_its_words(typed: str, label: str | None) -> None:
    found = find_level(typed)
    assert (found.id if found else None) == label


def test_a_mistyped_label_is_suggested() -> None:
    assert suggest_levels("trail")[0] == "clinical-trial"
    assert suggest_levels("mechansm")[0] == "mechanism"
    assert suggest_levels("zzzz") == []


def test_cli_claims_prints_the_table(capsys: pytest.CaptureFixture[str], pack: Pack) -> None:
    code, out, err = run(capsys, "claims")
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0].split() == ["Evidence", "Topic", "Section", "Detail", "Paragraphs", "Id"]
    assert lines[1].split("  ")[0] == "Reported trial"
    assert "Stroke recovery trial" in lines[1] and "100 patients" in lines[1]
    assert lines[1].endswith("research/stroke-recovery-trial")
    assert len(lines) == 1 + len(claims(pack)) + 1
    assert lines[-1].startswith("32 sections;")
    assert "\x1b" not in out


def test_cli_claims_min_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "claims", "--min", "Reported studies", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [row["evidence"] for row in rows] == ["clinical-trial", "clinical-trial", "clinical-reports"]
    assert rows[0] == {
        "id": "research/stroke-recovery-trial",
        "topic": "Research",
        "title": "Stroke recovery trial",
        "evidence": "clinical-trial",
        "label": "Reported trial",
        "strength": 4,
        "meaning": EVIDENCE_LEVELS[0].meaning,
        "detail": "100 patients",
        "paragraphs": ["sources/semax-article#p10"],
    }
    code, out, _ = run(capsys, "claims", "--min", "mechanism")
    assert code == 0 and "Claimed, no study" in out and "Description" not in out.split("\n")[1:-2]


def test_cli_claims_refuses_a_bad_label_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "claims", "--min", "trail")
    assert code == 2 and out == ""
    assert err == "semax-explorer: no evidence label 'trail'; did you mean clinical-trial?\n"
    code, _, err = run(capsys, "claims", "--min", "\x1b]2;PWNED\x07zzz")
    assert code == 2 and err.count("\n") == 1 and unsafe_in(err) == []
    assert "one of clinical-trial, clinical-reports" in err
    code, _, err = run(capsys, "claims", "--min", "studies")
    assert code == 2 and err == "semax-explorer: 'studies' could be clinical-reports or cell-based; say which\n"


def test_cli_claims_as_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "claims", "--min", "nope"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    result = subprocess.run(
        [sys.executable, "-m", "tui", "claims", "--json"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 32


def test_cli_claims_keeps_hostile_details_safe(
    capsys: pytest.CaptureFixture[str], raw_pack: dict[str, Any], write_pack: Any
) -> None:
    section = next(s for s in raw_pack["sections"].values() if s["id"] == "research/stroke-recovery-trial")
    section["evidence_detail"] = "100 patients " + EVERYTHING
    path = write_pack(raw_pack)
    code, out, _ = run(capsys, "claims", "--content", str(path))
    assert code == 0
    row = next(line for line in out.splitlines() if "Stroke recovery trial" in line)
    assert row.endswith("research/stroke-recovery-trial")  # one line, whatever the detail holds
    assert unsafe_in(out) == []
    code, out, _ = run(capsys, "claims", "--content", str(path), "--json")
    assert json.loads(out)[0]["detail"] == "100 patients " + EVERYTHING  # exact, escaped in JSON


@pytest.mark.parametrize("form", ["text", "markdown", "json"])
def test_show_ends_with_the_meaning_of_its_labels(capsys: pytest.CaptureFixture[str], form: str) -> None:
    code, out, _ = run(capsys, "show", "uses", "--format", form)
    assert code == 0
    used = ["Claimed, no study"]
    if form == "json":
        assert [row["label"] for row in json.loads(out)["legend"]] == used
        assert json.loads(out)["legend"][0]["sections"] == 18
        return
    tail = out.split("Evidence labels", 1)[1]
    meaning = "The source states or lists the claim but describes no study behind it. (18 sections)"
    assert meaning in tail and "Claimed, no study" in tail
    assert "Reported trial" not in tail  # only the labels shown


@pytest.mark.parametrize(
    ("query", "label"),
    [("proposed mechanism", "mechanism"), ('"reported trial"', "clinical-trial"), ("cell studies only", "cell-based")],
)
def test_search_finds_the_sections_carrying_a_label(pack: Pack, query: str, label: str) -> None:
    found = {result.node_id for result in SearchIndex(pack).search(query).results}
    carrying = {row.node.id for row in claims(pack, label=label)}
    assert carrying <= found


def test_search_finds_editorial_notes(pack: Pack) -> None:
    noted = next(node for node in pack.walk() if node.editorial_note)
    word = max(noted.editorial_note.split(), key=len).strip('.,;:"()*')
    assert noted.id in {result.node_id for result in SearchIndex(pack).search(word).results}


def test_cli_claims_keeps_columns_with_wide_titles(
    capsys: pytest.CaptureFixture[str], raw_pack: dict[str, Any], write_pack: Any, retitle: Any
) -> None:
    raw = retitle(raw_pack, "research/stroke-recovery-trial", "脳卒中の回復試験")
    code, out, _ = run(capsys, "claims", "--content", str(write_pack(raw)))
    assert code == 0
    lines = out.splitlines()
    ids = [cell_width(line[: line.index("research/")]) for line in lines[1:3]]
    assert ids[0] == ids[1]  # the id column starts at the same column on both rows
