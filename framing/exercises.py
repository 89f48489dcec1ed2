"""Exercises: media-literacy worksheets built from real comparisons, with answer keys.

Every item comes from an alignment, a coverage gap, a wording difference or a frame of real
articles, and its answer cites the sentences that prove it. An item the tool is unsure of
(scores near the thresholds) is left out, not guessed. The same inputs and seed give the same
items, in the same order, with the same choices.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.render import outlet_name
from framing.types import Comparison, Document, FrameResult
from framing.wording import summarize

TYPES = ("omission", "word_choice", "name_check", "frame_match", "discussion")
GRADES = {"middle": 3, "high": 4, "university": 4}  # number of choices in multiple-choice items
SURE_ABSENT = 0.35  # a gap counts only if its best match in the other article scores below this
SURE_SHARED = 0.6  # a distractor claim must be aligned at least this well (both reported it)
SURE_FRAME = 0.8  # a frame-match sentence must score at least this for its frame


@dataclass(frozen=True)
class Item:
    """One exercise with its answer and evidence."""

    type: str
    question: str
    answer: str
    choices: tuple[str, ...] = ()
    evidence: tuple[tuple[str, int, str], ...] = ()  # (article id, sentence index, text)
    explanation: str = ""


@dataclass(frozen=True)
class ExerciseSet:
    """A worksheet: the articles it is about and its items."""

    seed: int
    grade: str
    docs: tuple[Document, ...]
    items: tuple[Item, ...] = field(default_factory=tuple)


def _ev(doc: Document, index: int) -> tuple[str, int, str]:
    return (doc.id, index, doc.sentences[index].text)


def _mc(rng: random.Random, answer: str, distractors: Sequence[str], n: int) -> tuple[str, ...] | None:
    """Shuffled choices (answer plus n-1 distractors), or None if there are too few."""
    pool = sorted(set(distractors) - {answer})
    if len(pool) < n - 1:
        return None
    choices = [answer, *rng.sample(pool, n - 1)]
    rng.shuffle(choices)
    return tuple(choices)


def omission_items(comp: Comparison, rng: random.Random, n_choices: int) -> list[Item]:
    """Which claim did one outlet report that the other did not? Distractors: shared claims."""
    items = []
    for doc, other, gaps, side in ((comp.a, comp.b, comp.only_in_a, 0), (comp.b, comp.a, comp.only_in_b, 1)):
        scores = comp_scores(comp, side)
        shared = [i for al in comp.alignments if al.score >= SURE_SHARED for i in (al.a if side == 0 else al.b)]
        distract = [doc.sentences[i].text for i in shared if len(doc.sentences[i].text.split()) >= 6]
        for gap in gaps:
            text = doc.sentences[gap].text
            if len(text.split()) < 6 or (scores is not None and scores[gap] >= SURE_ABSENT):
                continue
            choices = _mc(rng, text, distract, n_choices)
            if choices is None:
                continue
            items.append(Item(
                type="omission",
                question=f"{outlet_name(doc)} reported one of these claims that {outlet_name(other)} did not. Which one?",
                answer=text, choices=choices, evidence=(_ev(doc, gap),),
                explanation=f"No sentence of {outlet_name(other)} reports this; the other choices appear in both articles."))
    return items


def comp_scores(comp: Comparison, side: int) -> list[float] | None:
    """Best alignment score of each sentence of one side (None if not kept)."""
    best = [0.0] * len((comp.a if side == 0 else comp.b).sentences)
    for al in comp.alignments:
        for i in al.a if side == 0 else al.b:
            best[i] = max(best[i], al.score)
    return best


def word_choice_items(comp: Comparison) -> list[Item]:
    """An aligned pair worded differently: what changed, and what impression each wording gives."""
    items = []
    for al in comp.alignments:
        labelled = [e for e in al.edits if e.labels]
        if not labelled or len(al.a) != 1 or len(al.b) != 1:
            continue
        a, b = comp.a.sentences[al.a[0]].text, comp.b.sentences[al.b[0]].text
        labels = sorted({lab for e in labelled for lab in e.labels})
        items.append(Item(
            type="word_choice",
            question=(f"Both outlets report the same claim.\nA ({outlet_name(comp.a)}): “{a}”\n"
                      f"B ({outlet_name(comp.b)}): “{b}”\nWhich words changed, and what impression does each wording give?"),
            answer="; ".join(summarize(e) for e in labelled),
            evidence=(_ev(comp.a, al.a[0]), _ev(comp.b, al.b[0])),
            explanation=f"The changed words belong to: {', '.join(labels)}. Discuss how each choice colours the same fact."))
    return items


ENTITY_FRAME_WORDS = {"names_entity": "names {e}", "calls_on_entity": "reports a call on {e} to act",
                      "attributes_to_entity": "blames {e} or ties harmful acts or groups to {e}"}


# What an article can do with an entity: nothing, or name it and perhaps call on / blame it.
_COMBOS = ((), ("names_entity",), ("names_entity", "calls_on_entity"), ("names_entity", "attributes_to_entity"),
           ("names_entity", "calls_on_entity", "attributes_to_entity"))


def _describe(keys: Sequence[str], entity: str) -> str:
    """A choice for a name-check item: "names Pakistan and reports a call on Pakistan to act"."""
    return " and ".join(ENTITY_FRAME_WORDS[k].format(e=entity) for k in keys) or f"does not name {entity}"


def name_check_items(doc: Document, frames: Sequence[FrameResult], rng: random.Random, n_choices: int) -> list[Item]:
    """Is the country named, called on, blamed, and in whose voice? The answer quotes the sentence."""
    items = []
    by_entity: dict[str, dict[str, FrameResult]] = {}
    for f in frames:
        if f.entity and f.frame in ENTITY_FRAME_WORDS:
            by_entity.setdefault(f.entity, {})[f.frame] = f
    for entity, fs in sorted(by_entity.items()):
        if "names_entity" not in fs:
            continue
        present = [k for k in ENTITY_FRAME_WORDS if k in fs and fs[k].present]
        options = [_describe(list(combo), entity) for combo in _COMBOS]
        answer = _describe(present, entity)
        choices = _mc(rng, answer, options, n_choices)
        if choices is None:
            continue
        evidence = tuple(dict.fromkeys(_ev(doc, e.sentence) for k in present for e in fs[k].evidence[:1]))
        voices = sorted({e.voice for k in present for e in fs[k].evidence})
        items.append(Item(
            type="name_check",
            question=f"What does {outlet_name(doc)} do with {entity}? Quote the sentence that shows it.",
            answer=answer, choices=choices, evidence=evidence,
            explanation=f"Voice of the evidence: {', '.join(voices) or 'none'} (outlet = its own narration, "
                        "attributed = reported speech, quoted = inside quotation marks)."))
    return items


def frame_match_items(doc: Document, frames: Sequence[FrameResult], rng: random.Random, n_choices: int) -> list[Item]:
    """Which frame does this sentence carry? Distractors: frames the article does not carry."""
    items = []
    absent = [f.label or f.frame for f in frames if not f.present and not f.entity and f.frame != "other"]
    for f in frames:
        if not f.present or f.entity or not f.evidence:
            continue
        best = max(f.evidence, key=lambda e: e.score)
        if best.score < SURE_FRAME:
            continue
        choices = _mc(rng, f.label or f.frame, absent, n_choices)
        if choices is None:
            continue
        items.append(Item(
            type="frame_match",
            question=f"Which frame does this sentence of {outlet_name(doc)} carry?\n“{best.text}”",
            answer=f.label or f.frame, choices=choices, evidence=(_ev(doc, best.sentence),),
            explanation=f"Classifier score {best.score:.2f}; the other choices are frames this article does not carry."))
    return items


def discussion_items(comp: Comparison) -> list[Item]:
    """Open questions from the framing differences between the two outlets."""
    items = []
    for d in comp.differences:
        evidence = tuple((comp.a.id, e.sentence, e.text) for e in d.evidence_a[:1]) + tuple(
            (comp.b.id, e.sentence, e.text) for e in d.evidence_b[:1])
        if not evidence:
            continue
        items.append(Item(
            type="discussion",
            question=f"{d.summary} Why might the two outlets differ here, and what does a reader of each take away?",
            answer="Open question. " + d.summary, evidence=evidence,
            explanation="Points to raise: the outlet's audience and country, its sources, and what the difference leaves the reader believing."))
    return items


def build_exercises(comparisons: Sequence[Comparison], *, seed: int = 0, items: int = 10,
                    types: Sequence[str] = TYPES, grade: str = "high") -> ExerciseSet:
    """Items of the wanted types from the comparisons, sampled reproducibly.

    Args:
        comparisons: pairwise comparisons (with frames) of the articles.
        seed: the random seed: the same inputs and seed give the same set.
        items: how many items at most.
        types: which exercise types.
        grade: "middle" (3 choices), "high" or "university" (4 choices).
    """
    rng = random.Random(seed)
    n_choices = GRADES.get(grade, 4)
    pool: dict[str, list[Item]] = {t: [] for t in types}
    docs: dict[str, Document] = {}
    framed: set[str] = set()
    for comp in comparisons:
        docs.setdefault(comp.a.id, comp.a)
        docs.setdefault(comp.b.id, comp.b)
        if "omission" in pool:
            pool["omission"] += omission_items(comp, rng, n_choices)
        if "word_choice" in pool:
            pool["word_choice"] += word_choice_items(comp)
        if "discussion" in pool:
            pool["discussion"] += discussion_items(comp)
        for doc, frames in ((comp.a, comp.frames_a), (comp.b, comp.frames_b)):
            if doc.id in framed:
                continue
            framed.add(doc.id)
            if "name_check" in pool:
                pool["name_check"] += name_check_items(doc, frames, rng, n_choices)
            if "frame_match" in pool:
                pool["frame_match"] += frame_match_items(doc, frames, rng, n_choices)
    chosen = _round_robin(pool, rng, items)
    return ExerciseSet(seed=seed, grade=grade, docs=tuple(docs.values()), items=tuple(chosen))


def _round_robin(pool: dict[str, list[Item]], rng: random.Random, limit: int) -> list[Item]:
    """Up to ``limit`` items, taking the types in turn so every type is represented."""
    queues = {t: rng.sample(items, len(items)) for t, items in pool.items()}
    out: list[Item] = []
    for t in itertools.cycle(list(queues)):
        if len(out) >= limit or not any(queues.values()):
            break
        if queues[t]:
            out.append(queues[t].pop())
    return out


def exercises_json(ex: ExerciseSet) -> dict[str, Any]:
    """The ``exercises.json`` object of CONTRACT.md."""
    return {
        "seed": ex.seed, "grade": ex.grade,
        "articles": [{"id": d.id, "outlet": d.article.outlet, "title": d.article.title, "source": d.article.source}
                     for d in ex.docs],
        "items": [{"type": it.type, "question": it.question, "choices": list(it.choices), "answer": it.answer,
                   "explanation": it.explanation,
                   "evidence": [{"article": a, "sentence": s, "text": t} for a, s, t in it.evidence]}
                  for it in ex.items],
    }
