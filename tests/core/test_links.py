"""Links in the pack's text (tui.content.links): every cross-reference leads somewhere,
glossary terms are linked once a node where first used, and titles are never patterns."""

from __future__ import annotations

import pytest

from tui.content import Meta, Node, Pack, load_pack
from tui.content.document import breadcrumb_text
from tui.content.links import CROSS_REFERENCE, LinkFinder, finder


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def texts(node: Node) -> list[str]:
    return [text for text in (node.body, node.editorial_context, node.editorial_note) if text]


def test_every_cross_reference_in_the_shipped_pack_leads_to_the_node_it_names(pack: Pack) -> None:
    found = 0
    for node in pack.walk():
        for text in texts(node):
            references = list(CROSS_REFERENCE.finditer(text))
            links = finder(pack).cross_references(text)
            assert len(links) == len(references), f"{node.id}: a cross-reference leads nowhere"
            for match, link in zip(references, links, strict=True):
                assert text[link.start : link.end] == match.group(1)
                assert breadcrumb_text(pack, link.target) == match.group(1)
                found += 1
    assert found >= 20  # the pack has many; a finder that found none would pass above


def test_a_glossary_term_is_linked_at_its_first_mention_in_a_node_only(pack: Pack) -> None:
    node = pack.node("benefits/stroke-recovery")
    seen: set[str] = set()
    first = [link for text in texts(node) for link in finder(pack).links(text, node, seen)]
    targets = [link.target for link in first if link.kind == "term"]
    assert "glossary/ischemic-stroke" in targets
    assert len(targets) == len(set(targets))  # once a node, however often it is used
    assert "glossary/ischemic-stroke" in seen


def test_a_term_is_not_linked_on_its_own_glossary_entry(pack: Pack) -> None:
    for term in pack.children("glossary"):
        seen: set[str] = set()
        for text in texts(term):
            assert term.id not in {link.target for link in finder(pack).links(text, term, seen)}


def make_pack(titles: list[str], body: str) -> Pack:
    meta = Meta(1, "t", "d", "2026-01-01", "1")
    glossary = Node("glossary", "topic", "Glossary", None, "Terms.")
    terms = [Node(f"glossary/t{i}", "glossary", title, "glossary", "A definition.") for i, title in enumerate(titles)]
    topic = Node("uses", "topic", "Uses", None, "Uses.")
    section = Node("uses/a", "section", "A (b) [c]", "uses", body)
    return Pack.from_nodes(meta, [topic, glossary], {"uses": [section], "glossary": terms})


def test_terms_match_whole_words_any_case_plurals_and_an_abbreviation_exactly() -> None:
    pack = make_pack(["Synapse", "Central nervous system (CNS)", "Peptide"], "")
    links = LinkFinder(pack)
    node = pack.node("uses/a")

    def linked(text: str) -> list[str]:
        return [text[link.start : link.end] for link in links.links(text, node, set())]

    assert linked("New SYNAPSES form.") == ["SYNAPSES"]
    assert linked("A synapsed word, a peptides-like one") == ["peptides"]  # not inside a longer word
    assert linked("the cns and the CNS") == ["CNS"]  # the abbreviation as written
    assert linked("Central Nervous System") == ["Central Nervous System"]
    assert linked("nothing here") == []


def test_titles_with_pattern_characters_are_matched_literally() -> None:
    pack = make_pack(["C++ (x.*)", "a|b", "(unbalanced"], "")
    links = LinkFinder(pack)
    node = pack.node("uses/a")
    text = "x.* and a|b, C++ and (unbalanced, but not xyz or a or b"
    assert sorted(text[link.start : link.end] for link in links.links(text, node, set())) == [
        "(unbalanced",
        "C++",  # one link a term: its abbreviation (x.*) was not linked as well
        "a|b",
    ]
    other = "only x.* here"
    assert [other[link.start : link.end] for link in links.links(other, node, set())] == ["x.*"]


def test_a_cross_reference_to_a_title_with_parentheses_resolves_and_terms_do_not_overlap_it() -> None:
    pack = make_pack(["Uses"], "")
    links = LinkFinder(pack)
    node = pack.node("glossary")
    text = "Read this (see Uses › A (b) [c]) about uses."
    found = links.links(text, node, set())
    assert [(text[link.start : link.end], link.kind) for link in found] == [
        ("Uses › A (b) [c]", "see"),
        ("uses", "term"),  # the later mention: the one inside the reference is the reference's
    ]
    assert links.cross_references("(see Nowhere › At all)") == []


def test_no_see_also_line_names_the_same_place_twice(pack: Pack) -> None:
    for node in pack.walk():
        crumbs = [breadcrumb_text(pack, related) for related in node.see_also if related in pack]
        assert len(crumbs) == len(set(crumbs)), node.id  # "See also: ADHD, ADHD" once


def test_a_term_that_is_only_an_abbreviation_or_blank_never_links_empty_text() -> None:
    """A term titled ``(CNS)`` has no words before its abbreviation: the words' pattern
    matched the empty text at the first gap of every node, a link of no width that tab
    selected (the reader scrolled to it and nothing showed as selected)."""
    pack = make_pack(["(CNS)", " ", "Blank ( )"], "")
    links = LinkFinder(pack)
    node = pack.node("uses/a")
    text = "The brain and the CNS, and more."
    found = links.links(text, node, set())
    assert all(link.end > link.start for link in found)
    assert [text[link.start : link.end] for link in found] == ["CNS"]
