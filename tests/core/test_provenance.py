"""The shipped pack against the article it restates: nothing stronger, nothing unmarked.

Every node that comes from the source (``editorial: false``) names the paragraphs it
restates (``provenance``), the article's own key words it uses (``terms``) and the
article's hedge for it (``hedge``). These tests read the article itself and check those
claims word for word, so that a later edit cannot drop a hedge, borrow a label from a
paragraph that does not support it, or pass an outside fact off as the article's.

The pack is read as raw JSON, not through the validator, so that a pack from before
these fields existed is still checked (and fails check by check, not all at once).

Paragraph refs follow the pack's numbering: ``pN`` is the N-th paragraph of the article
that is not a heading (blocks are separated by blank lines; a heading is a one-line
block such as "Research findings"), and ``pN.M`` the M-th bullet of the list after it.
A paragraph's text, for these checks, is its heading (the article's own framing of it,
e.g. "Potential uses of Semax") and its sentences. Matching ignores case, runs of white
space and the kind of quotation mark; it needs whole words.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tui.content import default_pack_path
from tui.content.document import markdown_text
from tui.content.links import CROSS_REFERENCE

REPO = Path(__file__).resolve().parents[2]
ARTICLE_PLACES = (
    REPO.parent / "shared" / "source" / "semax-article.txt",
    Path("/work/shared/source/semax-article.txt"),
)
SOURCE_ID = "sources/semax-article"

HEDGES = (
    "may", "might", "can", "could", "potential", "potentially", "possibly",
    "reported", "suggest", "preliminary", "generally", "relatively",
)  # fmt: skip
"""Words with which the article softens a statement. A node that restates a sentence
holding one keeps at least one of that sentence's hedges."""

STATED_HEDGES = tuple(word for word in HEDGES if word != "can")
"""Hedges that make a sentence hedged. "Can" softens "can help" but not "what Semax can
do", so it is kept where the article has it but does not by itself call for a ``hedge``."""

BOLD_HEDGES = tuple(word for word in HEDGES if word not in ("can", "generally", "relatively"))
"""Hedges that make a bold claim read as uncertain. "Can help" states a capability: in
bold it reads as a promise (issue 16), so it does not count here."""

CLAIM_WORDS = re.compile(
    r"\b(increas|improv|reduc|protect|help|treat|prevent|restor|accelerat|enhanc|rais|lower|"
    r"cures?\b|cured\b|reliev|stimulat|support|boost|heal(?:s|ed|ing)?\b|sped\b|speed)\w*",
    re.IGNORECASE,
)
"""Verbs (and their nouns) of an effect on health: set in bold, they need a hedge beside them."""

QUALIFIED_NUMBER = re.compile(
    r"(?:\b(almost|about|around|approximately|nearly|over|roughly|some|more than|fewer than|less than|up to)\s+)?"
    r"(?<![\w.])(\d[\d,]*)(?![\w])",
    re.IGNORECASE,
)

_FRAMING_WORDS = """
    about account across added advice adds again also among another anywhere appears article article's
    asks authors begins behind body both broader calls carries carry checked cites cited claim
    claims clear closes closest comes compared concern concerned connect connects control count
    course covers dates describe described describes description design detail details does done
    dose duration each eight either else elsewhere ending ends every evidence explain explains
    explained explorer explorer's findings firmly first five following four frame further gives
    given group heading hedge here into item items itself journals keep kinds label labelled last
    later length line list listed lists long mean means measure measured mechanism mention
    mentions might mind name named names nearest neither none nothing number numbers often once
    only opening other outright own paragraph paragraphs part place point points publication
    published quote read reader reading refers registrations related remark repeats report
    reports restates result said same saying says section sections seen sentence seven short
    should size softer source sprays stands statement states stronger subject such summary
    support supported take taken term text than that their them themselves then these they thing
    things this those three throughout tied touches trials two under until version were what
    when where whether which while whole whom whose with without word worded words wording would
    ways written
"""
FRAMING = frozenset(_FRAMING_WORDS.split())
"""Words the editors use to talk *about* the article: what it says, lists, how it words
things, and what it leaves out (no dose, no authors, no journals). The article itself
need not use them. A sourced node's text may use the article's words and these; any
other word is most likely an outside fact, which belongs in an editorial node or in the
node's ``editorial_context``. Add a word here only if it describes the article or this
explorer, never Semax, the body or medicine."""


class Paragraph(NamedTuple):
    """One paragraph or bullet of the article."""

    ref: str
    heading: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.heading, *self.sentences))


class Checked(NamedTuple):
    """A node of the pack with what it claims about its source (absent fields empty)."""

    id: str
    kind: str
    text: str
    """Its own words as a reader sees them: body, summary or definition, Markdown removed."""
    evidence: str | None
    detail: str | None
    refs: tuple[str, ...]
    editorial: bool
    terms: tuple[str, ...]
    hedge: str | None


def normalise(text: str) -> str:
    """Case, white space and quotation marks folded, so only the words are compared."""
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split()).casefold()


def has(text: str, phrase: str) -> bool:
    """Whether ``phrase`` stands in ``text`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(normalise(phrase))}(?!\w)", normalise(text)) is not None


def sentences_of(text: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z“\"])", text) if s)


def find_article() -> Path | None:
    return next((place for place in ARTICLE_PLACES if place.is_file()), None)


def map_article(text: str, first_words: dict[str, str]) -> dict[str, Paragraph]:
    """Each ref of the pack's numbering with the article's text for it.

    A block that is neither the next numbered paragraph (found by the pack's
    ``first_words``) nor a list of bullets must look like a heading, so a paragraph the
    map skips or misnumbers is an error here, not a silently shifted ref."""
    blocks = [
        [" ".join(line.split()) for line in block.splitlines() if line.strip()] for block in re.split(r"\n\s*\n", text)
    ]
    out: dict[str, Paragraph] = {}
    heading, number = "", 0
    for lines in filter(None, blocks):
        if all(line.startswith("•") for line in lines):
            assert number, "a list before any paragraph"
            for index, line in enumerate(lines, 1):
                ref = f"p{number}.{index}"
                out[ref] = Paragraph(ref, heading, (line.lstrip("• "),))
            continue
        block = " ".join(lines)
        wanted = first_words.get(f"p{number + 1}")
        if wanted is not None and normalise(block).startswith(normalise(wanted)):
            number += 1
            out[f"p{number}"] = Paragraph(f"p{number}", heading, sentences_of(block))
            continue
        looks_like_heading = len(lines) == 1 and len(block.split()) <= 8 and not block.endswith(".")
        assert looks_like_heading, f"article block not in the pack's paragraph map: {block[:60]!r}"
        heading = block
    return out


class Pack(NamedTuple):
    """A pack as these checks read it."""

    nodes: list[Checked]
    source: dict[str, Any]
    """The source record, with its paragraph map."""
    markdown: dict[str, str]
    """Each node's main text as written (Markdown), for the checks on emphasis."""

    @property
    def sourced(self) -> list[Checked]:
        """The nodes that say they come from the source."""
        return [node for node in self.nodes if not node.editorial]


def read_pack(raw: dict[str, Any]) -> Pack:
    """The pack's topics, sections and glossary entries, and its source record, from the
    raw JSON; fields a pack may lack (one from before they existed) read as empty."""
    nodes: list[Checked] = []
    markdown: dict[str, str] = {}

    def add(record: dict[str, Any], kind: str, text: str, evidence: str | None) -> None:
        markdown[record["id"]] = text
        nodes.append(
            Checked(
                record["id"], kind, normalise(markdown_text(text)), evidence, record.get("evidence_detail"),
                tuple(record.get("provenance", ())), bool(record.get("editorial", False)),
                tuple(record.get("terms", ())), record.get("hedge"),
            )
        )  # fmt: skip

    for record in raw["topics"].values():
        add(record, "topic", record["summary"], record.get("evidence"))
    for record in raw["sections"].values():
        add(record, "section", record["body"], record.get("evidence"))
    for record in raw["glossary"].values():
        add(record, "glossary", record["definition"], "editorial" if record["editorial"] else "described")
    source = next(s for s in raw["sources"].values() if s["id"] == SOURCE_ID)
    return Pack(nodes, source, markdown)


def paragraph_map(pack: Pack, article: str) -> dict[str, Paragraph]:
    return map_article(article, {p["ref"]: p["first_words"] for p in pack.source["paragraphs"]})


@pytest.fixture(scope="module")
def article() -> str:
    place = find_article()
    if place is None:
        pytest.skip(f"the source article is in none of {', '.join(map(str, ARTICLE_PLACES))}")
    return place.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    """The shipped pack's raw JSON (read here, not validated, so that any pack can be checked)."""
    raw: dict[str, Any] = json.loads(default_pack_path().read_text(encoding="utf-8"))
    return raw


@pytest.fixture(scope="module")
def pack(shipped: dict[str, Any]) -> Pack:
    return read_pack(shipped)


@pytest.fixture(scope="module")
def paragraphs(article: str, pack: Pack) -> dict[str, Paragraph]:
    return paragraph_map(pack, article)


def cited(node: Checked, paragraphs: dict[str, Paragraph]) -> list[Paragraph]:
    """The paragraphs a node names (refs to other sources or unknown refs are reported elsewhere)."""
    found = []
    for ref in node.refs:
        source_id, _, para = ref.partition("#")
        if source_id == SOURCE_ID and para in paragraphs:
            found.append(paragraphs[para])
    return found


def cited_text(node: Checked, paragraphs: dict[str, Paragraph]) -> str:
    return " ".join(p.text for p in cited(node, paragraphs))


def cited_sentences(node: Checked, paragraphs: dict[str, Paragraph]) -> list[str]:
    return [s for p in cited(node, paragraphs) for s in (p.heading, *p.sentences) if s]


def hedges_in(text: str, words: Iterable[str] = HEDGES) -> list[str]:
    return [word for word in words if has(text, word)]


def report(failures: list[str], what: str) -> str:
    return f"{len(failures)} {what}:\n  " + "\n  ".join(failures)


# The checks. Each returns what it found wrong, one line per problem, so that a test can
# require none on the shipped pack and another can require some on a pack broken on purpose.


def check_citations(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """Every node from the source cites a paragraph, and only paragraphs the article has."""
    failures = []
    for node in pack.sourced:
        if not node.refs:
            failures.append(f"{node.id}: not editorial, yet cites no paragraph")
        for ref in node.refs:
            if ref.partition("#")[2] not in paragraphs:
                failures.append(f"{node.id}: cites {ref}, which is not in the article")
    return failures


def check_terms(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """Each node lists terms, and each is in its cited paragraphs and in its own text."""
    failures = []
    for node in pack.sourced:
        if not node.terms:
            failures.append(f"{node.id}: records no terms")
        text = cited_text(node, paragraphs)
        for term in node.terms:
            if not has(text, term):
                failures.append(f"{node.id}: term {term!r} is not in its paragraphs {list(node.refs)}")
            if not has(node.text, term):
                failures.append(f"{node.id}: term {term!r} is not in its own text")
    return failures


def check_hedges(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """The recorded hedge is the article's and stays in the node; every hedged sentence a
    summary or section restates (one holding a term) keeps one of its hedges in the
    node's text. A glossary entry explains a word, not the claim in whose sentence the
    article explains it ("reduced brain blood flow" is not hedged by "it was reported
    that Semax ..."), so only its recorded hedge is checked."""
    failures = []
    for node in pack.sourced:
        if node.hedge is not None and not has(cited_text(node, paragraphs), node.hedge):
            failures.append(f"{node.id}: hedge {node.hedge!r} is not in its paragraphs")
        if node.hedge is not None and not has(node.text, node.hedge):
            failures.append(f"{node.id}: hedge {node.hedge!r} is not in its own text")
        if node.kind == "glossary":
            continue
        for sentence in cited_sentences(node, paragraphs):
            restated = [term for term in node.terms if has(sentence, term)]
            hedges = hedges_in(sentence)
            if restated and hedges and not hedges_in(node.text, hedges):
                failures.append(f"{node.id}: restates {restated[0]!r} without the hedge of {sentence!r} ({hedges})")
            if restated and hedges_in(sentence, STATED_HEDGES) and node.hedge is None:
                failures.append(f"{node.id}: hedge is null, but {sentence!r} is hedged ({hedges})")
    return failures


def check_softeners(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """Where the article says Semax "helps reduce the breakdown", the node does not say it
    "reduces the breakdown": the verb and its object never appear without the "help"."""
    failures = []
    softened = re.compile(r"\bhelp(?:s|ed)?\s+(?:to\s+)?(\w{4,})\s+(\w+\s+\w+)")
    for node in pack.sourced:
        for para in cited(node, paragraphs):
            for verb, obj in softened.findall(normalise(para.text)):
                stem = verb[:-1] if verb.endswith("e") else verb
                for found in re.finditer(rf"\b{stem}\w*\s+{re.escape(obj)}\b", node.text):
                    before = node.text[: found.start()].split()[-3:]
                    if not any(word.startswith("help") for word in before):
                        failures.append(f"{node.id}: {found.group(0)!r} without the article's 'help' ({para.ref})")
    return failures


LABEL_WORDS: dict[str, tuple[re.Pattern[str], str]] = {
    "clinical-trial": (re.compile(r"\btrials?\b"), "every"),
    "clinical-reports": (re.compile(r"\b(stud(y|ies)|trials?)\b"), "every"),
    "preliminary": (re.compile(r"\bpreliminary\b"), "one"),
    "cell-based": (re.compile(r"\bcell-based\b"), "one"),
}
"""What the cited paragraphs must say for a label, and whether every one of them or one must."""


def check_labels(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """A trial or studies label only where every cited paragraph reports them (a list item
    does not borrow a trial from a later paragraph), and the node restates the sentence
    that does; "preliminary" and "cell-based" only where the article uses those words."""
    failures = []
    for node in pack.sourced:
        rule = LABEL_WORDS.get(node.evidence or "")
        if rule is None:
            continue
        pattern, how = rule
        paras = cited(node, paragraphs)
        saying = [p.ref for p in paras if pattern.search(normalise(p.text))]
        if (how == "every" and len(saying) < len(paras)) or not saying:
            missing = [p.ref for p in paras if p.ref not in saying]
            failures.append(f"{node.id}: labelled {node.evidence}, but {missing} do not say {pattern.pattern}")
            continue
        sentences = [s for s in cited_sentences(node, paragraphs) if pattern.search(normalise(s))]
        if node.terms and not any(has(s, t) for s in sentences for t in node.terms):
            failures.append(f"{node.id}: labelled {node.evidence}, but restates no sentence that says so")
    return failures


def check_numbers(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """A number in a label's detail or a node's text is in its paragraphs, with the same
    qualifier ("almost 200" is not "about 200", nor "200")."""
    failures = []
    for node in pack.sourced:
        text = normalise(cited_text(node, paragraphs))
        for where, words in (("evidence_detail", node.detail or ""), ("text", node.text)):
            for match in QUALIFIED_NUMBER.finditer(words):
                qualifier, number = (match.group(1) or "").lower(), match.group(2)
                source = re.search(rf"(?:\b(\w+(?: than| to)?)\s+)?(?<![\w.]){re.escape(number)}(?!\w)", text)
                if source is None:
                    failures.append(f"{node.id}: {where} {match.group(0)!r} is not in its paragraphs")
                    continue
                said = source.group(1) or ""
                said = said if said and QUALIFIED_NUMBER.fullmatch(f"{said} {number}") else ""
                if qualifier != said:
                    article_says = f"{said} {number}".strip()
                    failures.append(f"{node.id}: {where} says {match.group(0)!r}, the article {article_says!r}")
    return failures


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def check_openings(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """The first sentence of each use and benefit carries the hedge of the list
    ("Potential uses", "potential benefits ... may include") and of the item itself, so
    no reader meets the claim bare."""
    failures = []
    for node in pack.nodes:
        if node.kind != "section" or node.id.split("/")[0] not in ("uses", "benefits"):
            continue
        opening = first_sentence(node.text)
        if node.hedge is not None and not has(opening, node.hedge):
            failures.append(f"{node.id}: hedge {node.hedge!r} not in {opening!r}")
        for para in cited(node, paragraphs):
            hedges = hedges_in(para.text)
            if hedges and not hedges_in(opening, hedges):
                failures.append(f"{node.id}: first sentence {opening!r} drops {para.ref}'s hedge {hedges}")
    return failures


def check_bold(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """Bold draws the eye: it may mark a hedge, a term or a label, never a bare claim."""
    failures = []
    for node_id, text in pack.markdown.items():
        for span in re.findall(r"\*\*(.+?)\*\*|__(.+?)__", text):
            bold = "".join(span)
            if CLAIM_WORDS.search(bold) and not hedges_in(bold, BOLD_HEDGES):
                failures.append(f"{node_id}: **{bold}**")
    return failures


def stem(word: str) -> str:
    """A crude stem, enough to match "protect", "protects" and "protection"."""
    word = word.removesuffix("'s")
    for suffix in (
        "ations",
        "ation",
        "ings",
        "ing",
        "ions",
        "ion",
        "ive",
        "ies",
        "ied",
        "es",
        "ed",
        "ly",
        "s",
        "e",
        "y",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


WORD = re.compile(r"[a-z][a-z'-]*[a-z]")


def vocabulary(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(normalise(text)) for w in [w, *w.split("-")]}


def check_vocabulary(pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> list[str]:
    """An outside fact in a sourced node shows as words the article never uses ("lead or
    mercury", "pituitary gland"): those belong in an editorial node or an Editorial box.
    A glossary entry restates the paragraphs it cites; a section or summary may use any
    of the article's words, and the editors' words for talking about the article."""
    framing = {stem(w) for w in FRAMING}
    whole = vocabulary(article) | framing
    failures = []
    for node in pack.sourced:
        allowed = vocabulary(cited_text(node, paragraphs)) | framing if node.kind == "glossary" else whole
        words = {w for w in WORD.findall(CROSS_REFERENCE.sub(" ", node.text)) if len(w) >= 4}
        outside = sorted(
            w for w in words if stem(w) not in allowed and not all(stem(p) in allowed for p in w.split("-"))
        )
        if outside:
            failures.append(f"{node.id}: {', '.join(outside)}")
    return failures


CHECKS = {
    "citations": (check_citations, "nodes without a paragraph of the article"),
    "terms": (check_terms, "terms not traced"),
    "hedges": (check_hedges, "hedges dropped"),
    "softeners": (check_softeners, "softeners dropped"),
    "labels": (check_labels, "labels stronger than their paragraphs"),
    "numbers": (check_numbers, "numbers not as the article gives them"),
    "openings": (check_openings, "uses and benefits that open without the hedge"),
    "bold": (check_bold, "bold claims without a hedge"),
    "vocabulary": (check_vocabulary, "sourced nodes with words from outside their source"),
}


def test_the_paragraph_map_is_the_article(pack: Pack, article: str) -> None:
    mapped = paragraph_map(pack, article)
    assert [p["ref"] for p in pack.source["paragraphs"]] == list(mapped), "refs differ from the article's paragraphs"
    for entry in pack.source["paragraphs"]:
        para = mapped[entry["ref"]]
        assert normalise(" ".join(para.sentences)).startswith(normalise(entry["first_words"])), entry
        if "." in entry["ref"]:  # a bullet's first words are the whole bullet
            assert normalise(entry["first_words"]) == normalise(para.sentences[0]), entry
        if para.heading:
            assert entry["heading"] == para.heading, entry


def test_a_paragraph_map_out_of_step_with_the_article_is_refused(shipped: dict[str, Any], article: str) -> None:
    raw = copy.deepcopy(shipped)
    raw["sources"]["1"]["paragraphs"][2]["first_words"] = "Semax comes in the form"  # p3 skipped to p12
    with pytest.raises(AssertionError, match="not in the pack's paragraph map"):
        paragraph_map(read_pack(raw), article)


@pytest.mark.parametrize("name", CHECKS)
def test_the_shipped_pack_passes(name: str, pack: Pack, paragraphs: dict[str, Paragraph], article: str) -> None:
    check, what = CHECKS[name]
    failures = check(pack, paragraphs, article)
    assert not failures, report(failures, what)


def _section(raw: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(s for s in raw["sections"].values() if s["id"] == node_id)


def _edit(node_id: str, **fields: Any) -> Callable[[dict[str, Any]], None]:
    def apply(raw: dict[str, Any]) -> None:
        record = _section(raw, node_id)
        for name, value in fields.items():
            record[name] = value(record[name]) if callable(value) else value

    return apply


BROKEN = {
    "citations": (_edit("mechanism/bdnf", provenance=[]), "mechanism/bdnf: not editorial, yet cites no paragraph"),
    "terms": (_edit("uses/adhd", terms=["ADHD", "proven treatment"]), "uses/adhd: term 'proven treatment' is not"),
    "hedges": (
        _edit("research/cerebrovascular-trial", body=lambda b: b.replace("*could potentially* reduce", "reduces")),
        "research/cerebrovascular-trial: hedge 'could potentially' is not in its own text",
    ),
    "softeners": (
        _edit("mechanism/bdnf", body=lambda b: b.replace("*help to* stimulate", "stimulate")),
        "mechanism/bdnf: 'stimulate and control' without the article's 'help' (p6)",
    ),
    "labels": (
        _edit("safety/tolerability", evidence="clinical-trial"),  # the sentence names no trial
        "safety/tolerability: labelled clinical-trial, but restates no sentence that says so",
    ),
    "numbers": (
        _edit("research/cerebrovascular-trial", evidence_detail="about 200 people"),
        "evidence_detail says 'about 200', the article 'almost 200'",
    ),
    "openings": (
        _edit("uses/learning", body=lambda b: b.replace("the *potential* uses", "the uses")),
        "uses/learning: first sentence",
    ),
    "bold": (
        _edit("benefits/attention-memory", body=lambda b: b.replace('"increases', '"**increases** ')),
        "benefits/attention-memory: **increases**",
    ),
    "vocabulary": (
        _edit("uses/metal-toxicities", body=lambda b: b + " It treats poisoning by lead or mercury."),
        "uses/metal-toxicities: lead, mercury, poisoning",
    ),
}
"""For each check, an edit that brings back a fault of issue 16, and what the check says."""


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_catches_the_fault_it_is_for(name: str, shipped: dict[str, Any], article: str) -> None:
    """So that no check passes only because it cannot fail."""
    raw = copy.deepcopy(shipped)
    breaking, expected = BROKEN[name]
    breaking(raw)
    pack = read_pack(raw)
    check, _ = CHECKS[name]
    failures = check(pack, paragraph_map(pack, article), article)
    assert any(expected in failure for failure in failures), failures


def test_a_borrowed_trial_label_is_caught(shipped: dict[str, Any], article: str) -> None:
    """The fault issue 16 found: a list item carrying the trial label of a later paragraph."""
    raw = copy.deepcopy(shipped)
    record = _section(raw, "benefits/stroke-recovery")
    record["evidence"], record["provenance"] = "clinical-trial", [*record["provenance"], f"{SOURCE_ID}#p10"]
    pack = read_pack(raw)
    failures = check_labels(pack, paragraph_map(pack, article), article)
    assert failures == [
        "benefits/stroke-recovery: labelled clinical-trial, but ['p5', 'p5.3'] do not say \\btrials?\\b"
    ]


def test_how_much_was_checked(pack: Pack, paragraphs: dict[str, Paragraph], capsys: pytest.CaptureFixture[str]) -> None:
    sourced = pack.sourced
    terms = sum(len(node.terms) for node in sourced)
    hedges = sum(node.hedge is not None for node in sourced)
    kinds = {kind: sum(n.kind == kind for n in sourced) for kind in ("topic", "section", "glossary")}
    with capsys.disabled():
        print(
            f"\nprovenance: {len(sourced)} sourced nodes ({kinds['topic']} topic summaries, "
            f"{kinds['section']} sections, {kinds['glossary']} glossary entries), "
            f"{terms} terms and {hedges} hedges checked against "
            f"{len(paragraphs)} paragraphs of the article, by {len(CHECKS)} checks"
        )
    assert sourced and terms >= len(sourced)
