"""The command line: output, formats, exit codes, and no Textual for screenless commands."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui import __version__
from tui.cli import main
from tui.store import UserStore


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_topics_lists_the_tree_indented(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "topics")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "overview  Overview"
    assert "  mechanism/bdnf  BDNF: growth of nerve cells" in lines
    assert "\x1b" not in out  # a pipe gets plain text


def test_topics_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "topics", "--json")
    items = json.loads(out)
    assert code == 0
    assert items[0] == {"id": "overview", "title": "Overview", "parent": None}
    assert {
        "id": "mechanism/bdnf",
        "title": "BDNF: growth of nerve cells",
        "parent": "mechanism",
    } in items


def test_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "research/stroke-recovery-trial")
    assert code == 0
    assert out.startswith("Research › Stroke recovery trial\nStroke recovery trial\n[Reported trial: 100 patients]")
    assert "**" not in out
    assert "Source: What is Semax? (promotional article)\n" in out
    assert '  ¶10 "In one clinical trial, 100 patients recovering from an ischemic stroke…"' in out
    assert 'See also: Benefits › Recovery from "Stroke Hypoxia"; Glossary › Ischemic stroke' in out


def test_show_text_renders_markdown_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    """No emphasis markers or escapes; lists as bullets; the editorial parts labelled."""
    _, out, _ = run(capsys, "show", "benefits/diabetic-neuropathy")
    assert "*" not in out and "\\" not in out
    assert 'Editorial note: "Non-proliferative" is a term normally used of diabetic retinopathy' in out
    assert "Editorial:\n  Diabetic neuropathy is nerve damage caused by diabetes." in out
    assert '  ¶5 "Some of the potential benefits of Semax may include:"\n' in out
    assert '  ¶5.2 "Improves Non-proliferative Diabetic Neuropathy"\n' in out  # a whole bullet: no "…"
    _, out, _ = run(capsys, "show", "overview/clinical-use")
    assert "\n  • ischemic brain stroke;\n  • dys-circulatory encephalopathy;\n" in out
    assert "- ischemic" not in out


def test_show_text_of_an_editorial_node_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "safety/regulatory-status")
    node, _, legend = out.partition("\n\nEvidence labels:\n")
    assert "[Editorial]" in node and node.rstrip().endswith("Editorial: not from the source")
    assert legend.startswith("  Editorial: Not from the source")
    assert "  • Russia: Semax is an approved medicine." in out


def test_show_text_of_the_source_maps_its_paragraphs(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "sources/semax-article")
    assert "Paragraphs, and where this explorer uses them:" in out
    assert '  ¶4.3 (Potential uses of Semax): "Learning" → uses/learning' in out
    assert '"In one clinical trial, 100 patients recovering from an ischemic stroke" → research,' in out


def test_show_topic_includes_its_sections(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "mechanism")
    assert "BDNF: growth of nerve cells" in out and "Enkephalins: pain and brain function" in out


def test_show_topic_gives_the_summarys_label_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    """A summary makes claims too: it is labelled and sourced like a section, in every format."""
    _, out, _ = run(capsys, "show", "uses")
    head = out.split("\n\nAnti-thrombosis\n")[0]
    assert head.startswith("Uses\n[Claimed, no study]\n")
    assert '  ¶4 "This peptide is often prescribed for:"' in head
    assert "Editorial note: The heading calls these potential uses" in head
    assert "See also: Safety and status › Regulatory status" in head
    _, out, _ = run(capsys, "show", "uses", "--format", "markdown")
    head = out.split("\n## ")[0]
    assert head.startswith("# Uses\n\n*Evidence: Claimed, no study*\n")
    assert '- ¶4 "This peptide is often prescribed for:"' in head
    _, out, _ = run(capsys, "show", "uses", "--format", "json")
    data = json.loads(out)
    assert data["evidence"]["id"] == "claimed" and data["provenance"][0]["ref"] == "sources/semax-article#p4"
    assert data["hedge"] == "potential" and "potential uses" in data["terms"]


def test_show_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "safety/regulatory-status", "--format", "markdown")
    assert code == 0
    assert out.startswith("# Regulatory status\n\n*Evidence: Editorial*")
    assert "> **Editorial note:**" in out


def test_show_markdown_marks_editorial_context(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "uses/metal-toxicities", "--format", "markdown")
    assert "> **Editorial:**\n>\n> *Metal toxicity* is poisoning by metals such as lead or mercury." in out
    assert "See also: Safety and status › Regulatory status" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "mechanism/bdnf", "--format", "json")
    data: dict[str, Any] = json.loads(out)
    assert code == 0
    assert data["id"] == "mechanism/bdnf"
    assert data["breadcrumb"] == ["How it works", "BDNF: growth of nerve cells"]
    assert data["evidence"]["id"] == "mechanism"
    assert data["provenance"][0]["ref"] == "sources/semax-article#p6"
    assert data["provenance"][0]["first_words"].startswith("Semax increases")
    assert data["provenance"][0]["label"].startswith('¶6 "Semax increases')
    assert "neurogenesis" in data["terms"] and data["hedge"] is None
    assert data["editorial_context"].startswith("A *synapse*")


def test_show_source_maps_paragraphs_to_sections(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "sources/semax-article", "--format", "markdown")
    assert '¶4.3 (Potential uses of Semax): "Learning" → uses/learning' in out


def test_unknown_id_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "mechanism/bdfn")
    assert code == 1 and out == ""
    assert err.startswith("semax-explorer: no topic or section 'mechanism/bdfn'; did you mean mechanism/bdnf")
    assert err.count("\n") == 1


def test_validate_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0 and ": valid (9 topics, " in out


def test_validate_invalid_lists_every_problem(
    capsys: pytest.CaptureFixture[str], raw_pack: dict[str, Any], write_pack: Any
) -> None:
    del raw_pack["meta"]
    raw_pack["topics"]["1"]["order"] = "first"
    code, out, _ = run(capsys, "validate", str(write_pack(raw_pack)))
    assert code == 1
    assert "invalid, 2 problems:" in out
    assert "  - meta: missing table" in out
    assert "  - topics › overview › order: must be an integer, got a string" in out


@pytest.mark.parametrize("content", [b"{oops", b""])
def test_validate_unreadable_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(content)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and err.startswith("semax-explorer: ") and err.count("\n") == 1


def test_content_option_and_env_choose_another_pack(
    capsys: pytest.CaptureFixture[str],
    raw_pack: dict[str, Any],
    write_pack: Any,
    retitle: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_pack(retitle(raw_pack, "overview", "Overview (other pack)"))
    _, out, _ = run(capsys, "topics", "--content", str(path))
    assert out.startswith("overview  Overview (other pack)")
    monkeypatch.setenv("SEMAX_EXPLORER_CONTENT", str(path))
    _, out, _ = run(capsys, "topics")
    assert out.startswith("overview  Overview (other pack)")


def test_invalid_pack_for_a_command_is_one_line(
    capsys: pytest.CaptureFixture[str], raw_pack: dict[str, Any], write_pack: Any
) -> None:
    del raw_pack["glossary"]
    code, _, err = run(capsys, "--content", str(write_pack(raw_pack)), "topics")
    assert code == 1 and "is invalid: glossary: missing table" in err and err.count("\n") == 1


def test_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["show", "x", "--format", "pdf"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice" in err


def test_hostile_pack_text_is_neutralised_on_a_terminal(
    raw_pack: dict[str, Any], write_pack: Any, retitle: Any
) -> None:
    """On a real terminal (a pty), escape sequences from a pack never reach it raw."""
    path = write_pack(retitle(raw_pack, "overview", "Over\x1b]0;pwned\x07view\x1b[2J"))
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - child
        os.execvp(sys.executable, [sys.executable, "-m", "tui", "--content", str(path), "topics"])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    text = b"".join(chunks).decode()
    assert "Over␛]0;pwned␇view␛[2J" in text
    assert "\x1b]0;" not in text and "\x1b[2J" not in text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"semax-explorer {__version__}"


@pytest.mark.parametrize(
    "argv", [["topics"], ["show", "mechanism/bdnf"], ["validate"], ["bookmarks"], ["search", "stroke"], ["claims"]]
)
def test_screenless_commands_never_import_textual(argv: list[str]) -> None:
    code = (
        "import sys; from tui.cli import main; rc = main(sys.argv[1:]); "
        "ui = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "assert not ui, ui; "
        "raise SystemExit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_python_dash_m_and_errors_have_no_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "show", "nope"], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.startswith("semax-explorer: ")


def test_unknown_topic_for_the_explorer_fails_before_the_app_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "--topic", "mechanism/bdfn")
    assert code == 1 and "did you mean mechanism/bdnf" in err


def test_bookmarks_lists_entries_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    store = UserStore.open(tmp_path / "d")
    store.toggle_bookmark("mechanism/bdnf")
    store.save_note("gone/x", "old note\nmore")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "bookmarks")
    assert code == 0
    assert "★ How it works › BDNF: growth of nerve cells  mechanism/bdnf" in out
    assert "gone/x (missing from the current content)" in out and "  ✎ old note" in out
    code, out, _ = run(capsys, "bookmarks", "--json", "--data-dir", str(tmp_path / "d"))
    items = json.loads(out)
    assert [i["id"] for i in items] == ["gone/x", "mechanism/bdnf"]
    assert items[0]["note"] == "old note\nmore" and items[0]["bookmarked"] is False and items[0]["missing"]
    assert items[1]["title"] == "How it works › BDNF: growth of nerve cells" and items[1]["note"] is None
    assert set(items[1]) >= {"id", "title", "bookmarked", "note", "created", "updated"}


def test_bookmarks_empty(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bookmarks")
    assert code == 0 and out.startswith("No bookmarks or notes yet.")
    _, out, _ = run(capsys, "bookmarks", "--json")
    assert json.loads(out) == []


def test_bookmarks_reads_a_bad_file_without_touching_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "user.json").write_text("not json")
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "bookmarks")
    assert code == 0 and "could not be read" in err and "left as it is" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["user.json"]  # a read moves and makes nothing


def test_a_command_that_writes_moves_a_bad_file_aside(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "user.json").write_text("not json")
    export = tmp_path / "in.json"
    export.write_text(json.dumps({"format": "semax-explorer-notes", "version": 1, "items": []}))
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "import", str(export))
    assert code == 0 and "was moved to" in err and "user.json.corrupt-" in err


def test_search_shows_each_results_id_for_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "stroke")
    assert code == 0
    first = out.splitlines()[0]
    node_id = first.split("  ", 1)[0]
    assert node_id == "benefits/stroke-recovery"
    assert first.startswith("benefits/stroke-recovery  Benefits › Recovery from")
    code, shown, _ = run(capsys, "show", node_id)
    assert code == 0 and shown.startswith("Benefits › Recovery from")
    _, words, _ = run(capsys, "search", "stroke ")
    _, markup, _ = run(capsys, "search", "[red]stroke[/red]")
    assert markup == words  # the tags are not words; no correction is claimed
