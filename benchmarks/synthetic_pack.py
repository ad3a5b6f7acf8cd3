"""A deterministic, seeded synthetic pack for the benchmarks: valid against the schema.

``python -m benchmarks.synthetic_pack OUT.json --sections 10000`` writes about 5 MB of
text in the shipped pack's shape: the same nine topics, sections spread over them,
glossary terms and one source whose paragraphs the sections cite.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

TOPICS = ["overview", "uses", "benefits", "mechanism", "research", "administration", "safety"]
EVIDENCE = ["clinical-trial", "clinical-reports", "preliminary", "cell-based", "mechanism", "claimed", "described"]
WORDS = [
    "peptide",
    "brain",
    "neuron",
    "synapse",
    "plasticity",
    "growth",
    "factor",
    "receptor",
    "signal",
    "memory",
    "attention",
    "stroke",
    "recovery",
    "blood",
    "flow",
    "oxygen",
    "nerve",
    "optic",
    "retina",
    "glaucoma",
    "pain",
    "enkephalin",
    "inflammation",
    "immune",
    "cell",
    "trial",
    "patient",
    "dose",
    "study",
    "report",
    "effect",
    "result",
    "control",
    "group",
    "placebo",
    "measure",
    "outcome",
    "adaptation",
    "stress",
    "damage",
    "protection",
    "mechanism",
    "pathway",
    "expression",
    "level",
    "increase",
    "decrease",
    "response",
    "function",
    "structure",
    "amino",
    "acid",
    "chain",
    "hormone",
    "gland",
    "cortex",
    "hippocampus",
    "learning",
    "behaviour",
    "mood",
    "sleep",
    "energy",
    "metabolism",
    "vessel",
    "pressure",
    "clot",
    "thrombosis",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, target: int) -> str:
    paragraphs, size = [], 0
    while size < target:
        if rng.random() < 0.2:
            paragraph = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 4)))
        else:
            paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        size += len(paragraph)
    return "\n\n".join(paragraphs)


def generate(sections: int = 10_000, seed: int = 7, section_chars: int = 300) -> dict[str, Any]:
    """The pack as TinyDB JSON."""
    rng = random.Random(seed)
    paragraphs = [{"ref": f"p{i}", "heading": "Synthetic", "first_words": f"Paragraph {i}"} for i in range(1, 101)]
    all_topics = [*TOPICS, "glossary", "sources"]
    db: dict[str, Any] = {
        "meta": {"1": {"schema_version": 1, "content_version": f"synthetic-{sections}-{seed}", "title": "Synthetic",
                       "updated": "2026-01-01", "disclaimer": "Synthetic benchmark content; not medical advice."}},
        "topics": {str(i): {"id": t, "title": t.title(), "order": i, "summary": _body(rng, 200),
                            "evidence": "editorial", "provenance": [], "editorial": True}
                   for i, t in enumerate(all_topics, 1)},
        "sections": {},
        "glossary": {},
        "sources": {"1": {"id": "sources/synthetic", "title": "Synthetic source", "kind": "article",
                          "description": "Generated.", "paragraphs": paragraphs}},
    }  # fmt: skip
    for i in range(1, sections + 1):
        topic = TOPICS[i % len(TOPICS)]
        db["sections"][str(i)] = {
            "id": f"{topic}/section-{i}",
            "topic": topic,
            "order": i,
            "title": " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize() + f" {i}",
            "body": _body(rng, section_chars),
            "evidence": rng.choice(EVIDENCE),
            "evidence_detail": None,
            "provenance": [f"sources/synthetic#p{rng.randint(1, 100)}"],
            "terms": [rng.choice(WORDS)],
            "hedge": None,
            "editorial": False,
            "editorial_note": None,
        }
    for i, word in enumerate(sorted(set(WORDS)), 1):
        db["glossary"][str(i)] = {"id": f"glossary/{word}", "term": word.title(), "definition": _sentence(rng),
                                  "provenance": [], "editorial": True, "see_also": []}  # fmt: skip
    return db


def write(path: Path, sections: int = 10_000, seed: int = 7) -> Path:
    path.write_text(json.dumps(generate(sections, seed)), encoding="utf-8")
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--sections", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write(args.out, args.sections, args.seed)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB")
