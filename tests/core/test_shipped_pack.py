"""The shipped pack: valid, complete against the source, and no stronger than the source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tinydb import TinyDB

from benchmarks.synthetic_pack import generate
from tests.core.test_provenance import find_article
from tui.content import EVIDENCE_BY_ID, Pack, default_pack_path, load_pack
from tui.content.validate import build_content

TOP_TOPICS = ["overview", "uses", "benefits", "mechanism", "research", "administration"]
ALL_TOPICS = [*TOP_TOPICS, "safety", "glossary", "sources"]
ARTICLE = find_article() or Path("semax-article.txt (not found)")
"""The source article, where the provenance test finds it (beside the checkout, or /work/shared)."""


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_tinydb_opens_the_pack_with_the_documented_tables() -> None:
    db = TinyDB(default_pack_path(), access_mode="r")
    try:
        assert db.tables() == {"meta", "topics", "sections", "glossary", "sources"}
        assert len(db.table("meta")) == 1
    finally:
        db.close()


def test_topics_in_the_fixed_order(pack: Pack) -> None:
    assert [t.id for t in pack.topics()] == ALL_TOPICS


def test_every_section_id_is_topic_slash_slug(pack: Pack) -> None:
    for node in pack.walk():
        if node.kind != "topic":
            assert re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", node.id), node.id
            assert node.id.split("/")[0] == node.parent


def test_meta_has_a_medical_disclaimer(pack: Pack) -> None:
    text = pack.meta.disclaimer.lower()
    assert "not medical advice" in text and "education" in text


# What the source lists, in its own words (short), and where the pack must have it.
SOURCE_ITEMS = {
    "uses": ["thrombosis", "adhd", "learning", "gastric", "physical exertion", "pain", "metal"],
    "benefits": [
        "attention",
        "diabetic neuropathy",
        "stroke",
        "glaucoma",
        "analgesic",
        "adhd",
        "nootropic",
        "neuroprotection",
    ],
    "mechanism": ["bdnf", "enkephalin"],
    "research": ["stroke", "cerebrovascular", "optic nerve"],
    "administration": ["nasal spray"],
}


@pytest.mark.parametrize(("topic", "items"), SOURCE_ITEMS.items())
def test_every_item_of_the_source_has_its_own_section(pack: Pack, topic: str, items: list[str]) -> None:
    titles = [child.title.lower() for child in pack.children(topic)]
    for item in items:
        matches = [t for t in titles if item in t]
        assert matches, f"{topic}: no section for '{item}' in {titles}"


def test_each_use_and_benefit_bullet_is_cited_by_exactly_its_section(pack: Pack) -> None:
    source = pack.node("sources/semax-article")
    bullets = [p.ref for p in source.paragraphs if "." in p.ref]
    assert len([b for b in bullets if b.startswith("p4.")]) == 7
    assert len([b for b in bullets if b.startswith("p5.")]) == 8
    for ref in bullets:
        topic = "uses" if ref.startswith("p4.") else "benefits"
        citing = [n.id for n in pack.citing(f"sources/semax-article#{ref}") if n.kind == "section"]
        assert len(citing) == 1 and citing[0].startswith(topic + "/"), (ref, citing)


def test_every_source_paragraph_is_represented(pack: Pack) -> None:
    source = pack.node("sources/semax-article")
    assert len(source.paragraphs) == 12 + 7 + 8
    for para in source.paragraphs:
        assert pack.citing(f"{source.id}#{para.ref}"), f"paragraph {para.ref} is not represented"


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not beside this checkout")
def test_source_paragraph_map_matches_the_article() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    # Fold every kind of white space (the article has non-breaking spaces).
    blocks = [" ".join(line.split()).lstrip("• ") for line in text.splitlines() if line.strip()]
    source = load_pack().node("sources/semax-article")
    for para in source.paragraphs:
        assert any(b.startswith(para.first_words) for b in blocks), para


def test_research_findings_keep_the_sizes_the_source_gives(pack: Pack) -> None:
    assert "100" in pack.node("research/stroke-recovery-trial").body
    assert "200" in pack.node("research/cerebrovascular-trial").body
    assert pack.node("research/optic-nerve-studies").evidence == "clinical-reports"


def test_nothing_reads_stronger_than_the_source(pack: Pack) -> None:
    """Only the two sized trials (and what restates them) may carry the strongest label."""
    strongest = max(level.strength for level in EVIDENCE_BY_ID.values())
    for node in pack.walk():
        level = node.evidence_level
        if level and level.strength == strongest:  # the trials' own paragraph, nothing that borrows it
            assert node.provenance == ("sources/semax-article#p10",), node.id
    for node in pack.children("uses"):
        assert node.evidence == "claimed", node.id


def test_no_dosages_or_invented_citations(pack: Pack) -> None:
    dose = re.compile(r"\b\d+(\.\d+)?\s*(mg|mcg|µg|ug|ml|%|iu)\b", re.IGNORECASE)
    citation = re.compile(r"\b(NCT\d+|doi:|et al\.|PMID|\(19\d\d\)|\(20\d\d\))", re.IGNORECASE)
    for node in pack.walk():
        text = " ".join(filter(None, [node.body, node.editorial_note or "", node.title]))
        assert not dose.search(text), node.id
        assert not citation.search(text), node.id


def test_editorial_sections_hold_the_established_facts(pack: Pack) -> None:
    assert "Met-Glu-His-Phe-Pro-Gly-Pro" in pack.node("overview/structure").body
    status = pack.node("safety/regulatory-status")
    assert status.editorial and "FDA" in status.body and "Russia" in status.body
    assert pack.node("overview/clinical-use").editorial_note  # the "in the U.S." overstatement


def test_glossary_has_the_terms_a_lay_reader_meets(pack: Pack) -> None:
    terms = {n.title.lower() for n in pack.children("glossary")}
    for term in [
        "acth",
        "bdnf",
        "neurotrophin",
        "neurogenesis",
        "neuroplasticity",
        "enkephalin",
        "nootropic",
        "ischemic stroke",
        "optic neuropathy",
    ]:
        assert term in terms


def test_every_non_editorial_node_has_provenance(pack: Pack) -> None:
    for node in pack.walk():
        if node.kind in ("section", "glossary") and not node.editorial:
            assert node.provenance, node.id


def test_lookups(pack: Pack) -> None:
    assert pack.parent("mechanism/bdnf") == pack.node("mechanism")
    assert pack.parent("mechanism") is None
    assert [n.id for n in pack.breadcrumb("mechanism/bdnf")] == ["mechanism", "mechanism/bdnf"]
    ids = [n.id for n in pack.walk()]
    assert ids.index("mechanism") < ids.index("mechanism/bdnf") < ids.index("research")
    assert pack.position("overview") == 0
    assert pack.suggest("bdnf")[0] == "mechanism/bdnf"
    assert "mechanism/bdnf" in pack.suggest("mechanism/bdfn")


def test_index_in_parent_is_the_place_among_siblings(pack: Pack) -> None:
    for content in (pack, build_content(generate(sections=500, seed=5))):
        for index, topic in enumerate(content.topics()):
            assert content.index_in_parent(topic.id) == index
            for place, child in enumerate(content.children(topic.id)):
                assert content.index_in_parent(child.id) == place


def test_every_use_and_benefit_flags_itself_and_links_the_regulatory_status(pack: Pack) -> None:
    """The reader meets an overstatement on the node itself, one step from the regulatory facts."""
    for topic in ("uses", "benefits"):
        assert "safety/regulatory-status" in pack.node(topic).see_also
        for node in pack.children(topic):
            assert "safety/regulatory-status" in node.see_also, node.id
            assert node.editorial_note, node.id


def test_every_summary_is_labelled_and_sourced_or_editorial(pack: Pack) -> None:
    for topic in pack.topics():
        assert topic.evidence_level is not None, topic.id
        assert topic.editorial or (topic.provenance and topic.terms), topic.id
        assert topic.editorial == (topic.evidence == "editorial"), topic.id


def test_no_boilerplate_repeated_across_nodes(pack: Pack) -> None:
    """A sentence said once where it belongs, not pasted into every node of a topic."""
    seen: dict[str, list[str]] = {}
    for node in pack.walk():
        for text in (node.body, node.editorial_note, node.editorial_context):
            for sentence in re.split(r"(?<=[.!?])\s+", text or ""):
                if len(sentence.split()) > 4:
                    seen.setdefault(sentence, []).append(node.id)
    repeated = {s: ids for s, ids in seen.items() if len(ids) > 2}
    assert not repeated, repeated


def test_no_promotional_phrasing(pack: Pack) -> None:
    """Phrases the review of issue 16 found, which praise rather than report."""
    phrases = ("most support", "reputation", "general neuroscience", "proven", "powerful", "remarkable")
    for node in pack.walk():
        text = " ".join(filter(None, (node.title, node.body, node.editorial_note, node.editorial_context))).lower()
        assert not [p for p in phrases if p in text], node.id


def test_outside_facts_sit_in_editorial_places(pack: Pack) -> None:
    """The definitions the article does not give are in editorial nodes or Editorial boxes."""
    for node_id, words in {
        "glossary/acth": "pituitary",
        "glossary/enkephalin": "peptides the body makes",
        "uses/metal-toxicities": "lead or mercury",
        "uses/gastric-protection": "lining of the stomach",
        "uses/anti-thrombosis": "blood clots",
        "mechanism/bdnf": "junction",
    }.items():
        node = pack.node(node_id)
        assert words not in node.body and words in (node.editorial_context or ""), node_id
    for node_id in ("glossary/peptide", "glossary/synapse"):
        assert pack.node(node_id).editorial
    overview = pack.node("overview")
    assert "except what is marked editorial" in (overview.editorial_context or "")
