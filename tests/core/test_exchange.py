"""Export and import: lossless JSON round trips, safe Markdown and HTML, clear rejections."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_cli import run
from tui.content import Pack, load_pack
from tui.exchange import import_into, plan_merge, read_import, render_export
from tui.exchange.importer import parse_document
from tui.store import NoteRecord, UserData, UserStore

HOSTILE_NOTES = [
    "[bold red]x[/] [@click=app.quit]q[/]",
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "# starts like a heading\n---\nfront: matter\n---",
    "\x1b]0;title\x07\x1b[2J control",
    "emoji 🧠 and RTL עברית مرحبا",
    "lone surrogate \ud800 here",
    "x" * 100_000,
]


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def hostile_store(directory: Path) -> UserStore:
    store = UserStore.open(directory)
    ids = [
        "mechanism/bdnf",
        "research/stroke-recovery-trial",
        "uses/adhd",
        "glossary/acth",
        "overview",
        "safety/tolerability",
        "gone/x",
    ]
    for node_id, text in zip(ids, HOSTILE_NOTES, strict=True):
        store.save_note(node_id, text)
    store.toggle_bookmark("mechanism/bdnf")
    store.toggle_bookmark("benefits/glaucoma")
    return store


def items_of(text: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(text)["items"]
    return items


def test_json_round_trip_is_exact(tmp_path: Path, pack: Pack) -> None:
    first = render_export(pack, hostile_store(tmp_path / "a").snapshot(), "json")
    assert first is not None
    (tmp_path / "export.json").write_text(first)
    target = UserStore.open(tmp_path / "b")
    import_into(target, read_import(tmp_path / "export.json"), replace=False)
    again = render_export(pack, target.snapshot(), "json")
    assert again is not None
    assert items_of(again) == items_of(first)
    assert {i["id"] for i in items_of(first)} >= {"gone/x", "benefits/glaucoma"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(["a/1", "b/2", "mechanism/bdnf", "x"]), st.text(min_size=1).filter(str.strip), max_size=4
    )
)
def test_round_trip_property(pack: Pack, notes: dict[str, str]) -> None:
    stamp = "2026-01-01T00:00:00.000+00:00"
    data = UserData({k: stamp for k in list(notes)[:2]}, {k: NoteRecord(v, stamp, stamp) for k, v in notes.items()})
    text = render_export(pack, data, "json")
    if not notes:
        assert text is None
        return
    assert text is not None
    back = parse_document(json.loads(text))
    assert back == data


def test_markdown_keeps_hostile_notes_inside_their_entries(tmp_path: Path, pack: Pack) -> None:
    text = render_export(pack, hostile_store(tmp_path).snapshot(), "markdown")
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == "---" and lines.index("---", 1) == 5  # front matter ends where it should
    body = [line.rstrip(" ") for line in lines[6:]]  # a note's lines end in hard breaks
    headings = [line for line in body if line.startswith("#")]
    assert "# starts like a heading" not in headings
    assert "> # starts like a heading" in body and "> ---" in body
    assert text.rstrip().endswith("*")  # the disclaimer closes the document
    assert "not medical advice" in lines[-1]
    topics = [line[3:] for line in body if line.startswith("## ")]
    assert topics == [
        "Overview",
        "Uses",
        "Benefits",
        "How it works",
        "Research",
        "Safety and status",
        "Glossary",
        "Missing from the current content",
    ]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_everything_the_reader_wrote(tmp_path: Path, pack: Pack) -> None:
    text = render_export(pack, hostile_store(tmp_path).snapshot(), "html")
    assert text is not None and text.startswith("<!DOCTYPE html>")
    parser = _Collector()
    parser.feed(text)
    assert "script" not in parser.tags and "img" not in parser.tags  # no element came from a note
    assert "<script>alert(1)</script><img src=x onerror=alert(2)>" in "".join(parser.text)
    assert set(parser.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "p",
        "section",
        "h2",
        "article",
        "h3",
        "span",
        "blockquote",
        "div",
        "footer",
    }


def test_empty_export_says_so(tmp_path: Path, pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    assert render_export(pack, UserStore.open(tmp_path).snapshot(), "markdown") is None
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "export", "-o", str(tmp_path / "x.md"))
    assert code == 0 and "nothing to export" in err and not (tmp_path / "x.md").exists()


def test_cli_export_default_path_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile_store(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    home = Path(os.environ["HOME"])
    home.mkdir(parents=True, exist_ok=True)
    _, first, _ = run(capsys, "export")
    _, second, _ = run(capsys, "export", "--format", "html")
    _, third, _ = run(capsys, "export")
    paths = [Path(p.strip()) for p in (first, second, third)]
    assert paths[0].parent == home and paths[0].name.startswith("semax-notes-") and paths[0].suffix == ".md"
    assert paths[1].suffix == ".html" and paths[2] != paths[0] and paths[2].stem.endswith("-2")
    assert all(p.exists() for p in paths)


def test_cli_export_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    hostile_store(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    code, out, _ = run(capsys, "export", "--format", "json", "-o", "-")
    assert code == 0 and json.loads(out)["format"] == "semax-explorer-notes"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing-dir/out.md", "does not exist"),
        (".", "is a directory"),
    ],
)
def test_cli_export_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, message: str) -> None:
    hostile_store(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    code, _, err = run(capsys, "export", "-o", str(tmp_path / target))
    assert code == 1 and message in err and err.count("\n") == 1


def test_export_overwrites_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile_store(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    target = tmp_path / "out.json"
    target.write_text("old export")
    inode = target.stat().st_ino
    code, _, _ = run(capsys, "export", "--format", "json", "-o", str(target))
    assert code == 0 and target.stat().st_ino != inode and json.loads(target.read_text())["version"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


BAD_IMPORTS: dict[str, tuple[bytes, str]] = {
    "not-json": (b"hello", "is not JSON"),
    "markdown": (b"---\ntitle: x\n---\n", "is not JSON"),
    "binary": (b"\xff\xfe\x00", "is not UTF-8"),
    "foreign": (b'{"format": "something-else", "version": 1, "items": []}', "not a Semax Explorer export"),
    "newer": (b'{"format": "semax-explorer-notes", "version": 9, "items": []}', "reads up to version 1"),
    "items-type": (b'{"format": "semax-explorer-notes", "version": 1, "items": {}}', "'items' must be a list"),
    "wrong-type": (
        b'{"format": "semax-explorer-notes", "version": 1, "items": [{"id": "a/b", "bookmarked": "yes"}]}',
        "items[0].bookmarked must be true or false",
    ),
    "note-type": (
        b'{"format": "semax-explorer-notes", "version": 1, "items": [{"id": "a/b", "bookmarked": false, "note": 5}]}',
        "items[0].note must be a string or null",
    ),
    "duplicate": (
        b'{"format": "semax-explorer-notes", "version": 1, "items": '
        b'[{"id": "a/b", "bookmarked": false}, {"id": "a/b", "bookmarked": false}]}',
        "appears twice",
    ),
}


@pytest.mark.parametrize("name", BAD_IMPORTS)
def test_bad_imports_are_rejected_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    store = hostile_store(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    before = store.path.read_bytes()
    data, message = BAD_IMPORTS[name]
    path = tmp_path / "in.json"
    path.write_bytes(data)
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and message in err and err.startswith("semax-explorer: import rejected, nothing changed")
    assert store.path.read_bytes() == before


def test_import_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nope.json"))
    assert code == 1 and "no such file" in err
    code, _, err = run(capsys, "import", str(tmp_path))
    assert code == 1 and "is a directory" in err


def test_merge_keeps_both_notes_and_every_bookmark() -> None:
    mine = UserData({"a/1": "2026-01-01"}, {"n/1": NoteRecord("mine", "2026-01-01", "2026-01-05")})
    theirs = UserData(
        {"b/2": "2026-01-02"},
        {"n/1": NoteRecord("theirs", "2026-01-02", "2026-01-09"), "n/2": NoteRecord("new", "2026-01-03", "2026-01-03")},
    )
    plan = plan_merge(mine, theirs)
    assert set(plan.result.bookmarks) == {"a/1", "b/2"}
    merged = plan.result.notes["n/1"]
    assert merged.text.startswith(
        "theirs\n\n--- kept from the other copy (updated 2026-01-05"
    ) and merged.text.endswith("mine")
    assert merged.updated == "2026-01-09" and merged.created == "2026-01-01"
    assert plan.added == ["b/2", "n/2"] and plan.changed == ["n/1"]
    assert plan_merge(plan.result, theirs).changed == []  # importing the same file again changes nothing


def test_cli_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = hostile_store(tmp_path / "src")
    export = render_export(load_pack(), source.snapshot(), "json")
    assert export is not None
    (tmp_path / "e.json").write_text(export)
    code, out, _ = run(capsys, "import", str(tmp_path / "e.json"), "--dry-run")
    assert code == 0 and out.startswith("Dry run, nothing written: would be 8 added, 0 changed, 0 kept.")
    assert UserStore.open(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"])).entries() == []


def test_cli_replace_backs_up_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = UserStore.open(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    mine.save_note("uses/learning", "only here")
    export = render_export(load_pack(), hostile_store(tmp_path / "src").snapshot(), "json")
    assert export is not None
    (tmp_path / "e.json").write_text(export)
    code, out, _ = run(capsys, "import", str(tmp_path / "e.json"), "--replace")
    assert code == 0 and "saved to" in out
    backup = Path(out.strip().split("saved to ")[1])
    assert "only here" in backup.read_text()
    assert mine.note("uses/learning") is None and mine.note("uses/adhd") is not None


MULTI_LINE = "First line\nsecond line\n\n- item one\n- item two\n\nlast  \nwith two spaces before"


def test_multi_line_notes_keep_their_breaks_in_every_format(tmp_path: Path, pack: Pack) -> None:
    from markdown_it import MarkdownIt  # noqa: PLC0415 - a test-only renderer, as a reader's would be

    store = UserStore.open(tmp_path)
    store.save_note("mechanism/bdnf", MULTI_LINE)
    data = store.snapshot()
    # Markdown, as a renderer shows it: each line its own line, the items inside the note.
    markdown = render_export(pack, data, "markdown")
    assert markdown is not None
    page = MarkdownIt("commonmark").render(markdown)
    quote = page[page.index("[!note]") : page.index("</blockquote>", page.index("[!note]"))]
    assert "First line<br />\nsecond line" in quote
    assert "<li>item one</li>" in quote and "<li>item two</li>" in quote
    assert "last<br />\nwith two spaces before" in quote
    # HTML: escaped, in a block that keeps white space as written.
    html_text = render_export(pack, data, "html")
    assert html_text is not None and "white-space: pre-wrap" in html_text
    assert (
        '<div class="note">First line\nsecond line\n\n- item one\n- item two\n\nlast  \nwith two spaces before</div>'
        in html_text
    )
    # JSON: the text exactly, and an import brings it back unchanged.
    json_text = render_export(pack, data, "json")
    assert json_text is not None and items_of(json_text)[0]["note"] == MULTI_LINE
    export = tmp_path / "export.json"
    export.write_text(json_text)
    other = UserStore.open(tmp_path / "other")
    import_into(other, read_import(export), replace=False)
    assert other.note("mechanism/bdnf") == store.note("mechanism/bdnf")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("n.md", "markdown"), ("n.MARKDOWN", "markdown"), ("n.json", "json"), ("n.html", "html"), ("n.htm", "html"),
     ("n.txt", "markdown"), ("notes", "markdown")],
)  # fmt: skip
def test_cli_export_format_follows_the_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> None:
    hostile_store(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    code, out, _ = run(capsys, "export", "-o", str(tmp_path / name))
    text = (tmp_path / name).read_text()
    assert code == 0 and out.strip() == str(tmp_path / name)
    starts = {"markdown": "---\ntitle:", "json": '{\n  "format"', "html": "<!DOCTYPE html>"}
    assert text.startswith(starts[fmt])


def test_cli_export_refuses_a_format_that_contradicts_the_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_store(Path(os.environ["SEMAX_EXPLORER_DATA_DIR"]))
    code, out, err = run(capsys, "export", "-o", str(tmp_path / "n.json"), "--format", "html")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--format html does not match the extension" in err and "(json)" in err
    assert list(tmp_path.glob("n.*")) == []
    code, _, _ = run(capsys, "export", "-o", str(tmp_path / "n.json"), "--format", "json")
    assert code == 0
    # Nothing to export is checked after the usage: a mismatch is refused even then.
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "empty"), "export", "-o", str(tmp_path / "e.md"),
                       "--format", "json")  # fmt: skip
    assert code == 2 and "does not match" in err


def test_cli_export_help_says_each_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "export", "--help")
    text = " ".join(capsys.readouterr().out.split())
    for option in ("--format", "--output", "--content", "--data-dir"):
        assert option in text
    assert text.count("default:") >= 4
    assert "default: from the extension of -o" in text and "default: ~/semax-notes-DATE.EXT" in text
    assert "exit 0 without writing a file" in text
