"""Every class of bad pack gets an error naming table, record and field, all at once."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.content import PackInvalid, PackUnreadable, load_pack
from tui.content.loader import MAX_PACK_BYTES
from tui.content.validate import build_content


def problems_of(raw: Any) -> list[str]:
    with pytest.raises(PackInvalid) as caught:
        build_content(raw)
    return [str(p) for p in caught.value.problems]


def section(raw: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(s for s in raw["sections"].values() if s["id"] == node_id)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PackUnreadable, match="no such file"):
        load_pack(tmp_path / "nope.json")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(PackUnreadable, match="is a directory"):
        load_pack(tmp_path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"{not json", "not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000, "nested too deeply|not JSON"),
    ],
)
def test_unreadable_content(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "pack.json"
    path.write_bytes(data)
    with pytest.raises(PackUnreadable, match=message):
        load_pack(path)


def test_oversized_pack_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_PACK_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(PackUnreadable, match="over the 50 MB limit"):
        load_pack(path)


def test_not_a_tinydb_layout() -> None:
    assert problems_of([1, 2, 3]) == ["(file): not a TinyDB database: expected an object of tables, got a list"]


def test_missing_table(raw_pack: dict[str, Any]) -> None:
    del raw_pack["glossary"]
    assert "glossary: missing table" in problems_of(raw_pack)


def test_table_of_wrong_shape(raw_pack: dict[str, Any]) -> None:
    raw_pack["topics"] = ["overview"]
    assert "topics: must be a TinyDB table (an object), got a list" in problems_of(raw_pack)


def test_missing_field(raw_pack: dict[str, Any]) -> None:
    del section(raw_pack, "mechanism/bdnf")["body"]
    assert "sections › mechanism/bdnf › body: missing field" in problems_of(raw_pack)


def test_wrong_type(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/bdnf")["order"] = "3"
    section(raw_pack, "mechanism/enkephalins")["editorial"] = 0
    found = problems_of(raw_pack)
    assert "sections › mechanism/bdnf › order: must be an integer, got a string" in found
    assert "sections › mechanism/enkephalins › editorial: must be true or false, got an integer" in found


def test_boolean_is_not_an_integer(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/bdnf")["order"] = True
    assert "sections › mechanism/bdnf › order: must be an integer, got true/false" in problems_of(raw_pack)


def test_duplicate_id(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/enkephalins")["id"] = "mechanism/bdnf"
    assert "sections › mechanism/bdnf › id: duplicate id (already used in sections)" in problems_of(raw_pack)


def test_dangling_parent(raw_pack: dict[str, Any]) -> None:
    moved = section(raw_pack, "mechanism/bdnf")
    moved["topic"], moved["id"] = "pharmacology", "pharmacology/bdnf"
    assert "sections › pharmacology/bdnf › topic: dangling parent: no topic 'pharmacology'" in problems_of(raw_pack)


def test_id_must_sit_under_its_topic(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/bdnf")["topic"] = "research"
    assert "sections › mechanism/bdnf › id: must start with 'research/' (its parent topic)" in problems_of(raw_pack)


def test_unknown_evidence_label(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/bdnf")["evidence"] = "proven"
    found = problems_of(raw_pack)
    assert any(p.startswith("sections › mechanism/bdnf › evidence: unknown evidence label 'proven'") for p in found)


def test_dangling_provenance_and_see_also(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/bdnf")["provenance"] = ["sources/semax-article#p99"]
    raw_pack["glossary"]["1"]["see_also"] = ["nowhere/at-all"]
    found = problems_of(raw_pack)
    assert (
        "sections › mechanism/bdnf › provenance: dangling reference: no source paragraph 'sources/semax-article#p99'"
    ) in found
    assert any("see_also: dangling reference: no node 'nowhere/at-all'" in p for p in found)


def test_editorial_rules(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "safety/regulatory-status")["evidence"] = "clinical-trial"
    section(raw_pack, "mechanism/bdnf")["provenance"] = []
    found = problems_of(raw_pack)
    assert any(p.startswith("sections › safety/regulatory-status › evidence: an editorial") for p in found)
    assert any(p.startswith("sections › mechanism/bdnf › provenance: a section from the source") for p in found)


def test_meta_schema_version(raw_pack: dict[str, Any]) -> None:
    raw_pack["meta"]["1"]["schema_version"] = 99
    assert "meta › doc 1 › schema_version: unsupported version 99 (this program reads 1)" in problems_of(raw_pack)


def test_all_errors_are_collected_not_only_the_first(raw_pack: dict[str, Any]) -> None:
    del raw_pack["sources"]
    section(raw_pack, "mechanism/bdnf")["order"] = None
    raw_pack["topics"]["1"]["title"] = ""
    found = problems_of(raw_pack)
    assert "sources: missing table" in found
    assert "sections › mechanism/bdnf › order: must be an integer, got null" in found
    assert "topics › overview › title: must not be empty" in found
    assert len(found) > 20  # every provenance now dangles, and each is reported


def test_a_record_that_is_not_an_object(raw_pack: dict[str, Any]) -> None:
    raw_pack["sections"]["999"] = "oops"
    assert "sections › doc 999: must be an object, got a string" in problems_of(raw_pack)


def test_order_field_orders_children(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/outlook")["order"] = -1
    content = build_content(raw_pack)
    assert content.children("mechanism")[0].id == "mechanism/outlook"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_arbitrary_json_is_a_pack_or_a_clear_error(raw: Any) -> None:
    try:
        build_content(raw)
    except PackInvalid as error:
        assert error.problems and all(str(p) for p in error.problems)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["meta", "topics", "sections", "glossary", "sources"]), json_values)
def test_arbitrary_table_contents_give_clear_errors(shipped_raw: dict[str, Any], table: str, value: Any) -> None:
    raw = json.loads(json.dumps(shipped_raw))
    raw[table] = value if not isinstance(value, dict) else {"1": value}
    try:
        build_content(raw)
    except PackInvalid as error:
        assert all(str(p).startswith(("meta", "topics", "sections", "glossary", "sources")) for p in error.problems)


def topic(raw: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(t for t in raw["topics"].values() if t["id"] == node_id)


def entry(raw: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(g for g in raw["glossary"].values() if g["id"] == node_id)


def test_a_summary_is_held_to_the_rules_of_a_section(raw_pack: dict[str, Any]) -> None:
    del topic(raw_pack, "uses")["evidence"]
    topic(raw_pack, "benefits")["provenance"] = []
    topic(raw_pack, "glossary")["evidence"] = "claimed"
    topic(raw_pack, "research")["evidence"] = "editorial"
    found = problems_of(raw_pack)
    assert "topics › uses › evidence: missing field" in found
    assert "topics › benefits › provenance: a topic from the source must name at least one source paragraph" in found
    assert "topics › glossary › evidence: an editorial topic must use the evidence label 'editorial'" in found
    assert "topics › research › evidence: 'editorial' is only for topics marked editorial: true" in found


def test_a_summary_keeps_its_label_and_sources(raw_pack: dict[str, Any]) -> None:
    uses = build_content(raw_pack).node("uses")
    assert uses.evidence == "claimed" and uses.provenance == ("sources/semax-article#p4",)
    assert uses.hedge == "potential" and uses.see_also == ("safety/regulatory-status",)


def test_terms_and_hedge(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "mechanism/bdnf")["terms"] = []
    del section(raw_pack, "mechanism/enkephalins")["terms"]
    section(raw_pack, "mechanism/outlook")["terms"] = ["treatment option", 3]
    section(raw_pack, "research/optic-nerve-studies")["terms"] = [
        "a whole sentence copied from the article into the list"
    ]
    section(raw_pack, "research/stroke-recovery-trial")["hedge"] = ["reported"]
    section(raw_pack, "safety/regulatory-status")["terms"] = ["FDA"]
    entry(raw_pack, "glossary/thrombosis")["hedge"] = "may"
    topic(raw_pack, "mechanism")["terms"] = ["   "]
    found = problems_of(raw_pack)
    needs = "a node from the source must list at least one of the source's terms it restates"
    assert f"sections › mechanism/bdnf › terms: {needs}" in found
    assert f"sections › mechanism/enkephalins › terms: {needs}" in found
    assert "sections › mechanism/outlook › terms: item 1 must be a string, got an integer" in found
    assert (
        "sections › research/optic-nerve-studies › terms: item 0 has 10 words: a term is a phrase of at most 8"
    ) in found
    assert "sections › research/stroke-recovery-trial › hedge: must be a string, got a list" in found
    editorial = "an editorial node restates no source: no terms, hedge null"
    assert f"sections › safety/regulatory-status › terms: {editorial}" in found
    assert f"glossary › glossary/thrombosis › hedge: {editorial}" in found
    assert "topics › mechanism › terms: item 0 must not be empty" in found


def test_editorial_context_and_see_also_on_sections(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "uses/adhd")["editorial_context"] = 5
    section(raw_pack, "uses/learning")["see_also"] = ["safety/nowhere"]
    topic(raw_pack, "uses")["see_also"] = "safety/regulatory-status"
    found = problems_of(raw_pack)
    assert "sections › uses/adhd › editorial_context: must be a string, got an integer" in found
    assert "sections › uses/learning › see_also: dangling reference: no node 'safety/nowhere'" in found
    assert "topics › uses › see_also: must be a list, got a string" in found


def test_new_fields_are_optional_where_they_may_be_empty(raw_pack: dict[str, Any]) -> None:
    for name in ("editorial_context", "see_also", "hedge", "evidence_detail", "editorial_note"):
        section(raw_pack, "administration/no-doses").pop(name, None)
        topic(raw_pack, "safety").pop(name, None)
    for name in ("terms", "editorial_context", "hedge"):
        entry(raw_pack, "glossary/cns").pop(name, None)
    content = build_content(raw_pack)
    assert content.node("administration/no-doses").see_also == ()
    assert content.node("glossary/cns").terms == ()


def test_cross_references_name_a_node_by_its_breadcrumb(raw_pack: dict[str, Any]) -> None:
    """``(see Topic › Section)`` is followed by readers (and will be a link): it must resolve."""
    section(raw_pack, "uses/adhd")["body"] += " (see Benefits › ADHD treatment)"
    section(raw_pack, "uses/learning")["editorial_note"] = "Compare Benefits › Nootropic effects."
    topic(raw_pack, "uses")["editorial_note"] += " (see Safety › Regulatory status)"
    entry(raw_pack, "glossary/acth")["editorial_context"] += " (see Glossary › Nope)"
    found = problems_of(raw_pack)
    assert len(found) == 4
    assert (
        "sections › uses/adhd › body: cross-reference '(see Benefits › ADHD treatment)' names no node "
        "(write '(see Topic › Section)' with their titles)"
    ) in found
    assert (
        "sections › uses/learning › editorial_note: '›' outside a cross-reference: write one as '(see Topic › Section)'"
    ) in found
    assert any(p.startswith("topics › uses › editorial_note: cross-reference '(see Safety › Regulatory") for p in found)
    assert any(p.startswith("glossary › glossary/acth › editorial_context: cross-reference") for p in found)


def test_cross_references_that_resolve(raw_pack: dict[str, Any]) -> None:
    section(raw_pack, "uses/pain")["body"] += " (see Benefits › Pain relief (analgesic)) (see Glossary)"
    section(raw_pack, "uses/pain")["editorial_note"] = "Also (see Glossary › Enkephalin)."
    build_content(raw_pack)  # titles with parentheses, a topic alone and a glossary term all resolve


def test_a_cross_reference_into_a_broken_topic_is_not_reported_twice(raw_pack: dict[str, Any]) -> None:
    topic(raw_pack, "overview")["order"] = "first"
    assert problems_of(raw_pack) == ["topics › overview › order: must be an integer, got a string"]


def test_every_cross_reference_in_the_shipped_pack_resolves(shipped_raw: dict[str, Any]) -> None:
    content = build_content(shipped_raw)
    texts = [t for n in content.walk() for t in (n.body, n.editorial_note, n.editorial_context) if t]
    references = [m.group(1) for t in texts for m in re.finditer(r"\(see ((?:[^()]|\([^()]*\))+)\)", t)]
    crumbs = {" › ".join(n.title for n in content.breadcrumb(n.id)) for n in content.walk()}
    assert len(references) >= 20
    assert set(references) <= crumbs
