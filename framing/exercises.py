"""Exercises: media-literacy worksheets built from real comparisons, with answer keys.

Every item comes from an alignment, a coverage gap, a wording difference or a frame of real
articles, and its answer cites the sentences that prove it. An item whose answer the evidence
does not settle (scores near the thresholds, a distractor that also fits) is left out, not
guessed. Who blames whom follows the evidence's voice: an outlet that reports an accusation
("officials said X ...") is not said to make it. The grade band sets the wording, how many
items and how many choices. The same inputs and seed give the same items, in the same order,
with the same choices.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from framing.errors import InputError
from framing.segment import is_headline
from framing.types import (
    Comparison,
    Document,
    Evidence,
    ExerciseSet,
    FrameResult,
    Item,
    outlet_name,
)
from framing.wording import summarize

if TYPE_CHECKING:
    from framing.compare import FrameOptions
    from framing.models import Encoder

TYPES = ("omission", "disagreement", "word_choice", "name_check", "frame_match", "discussion")
SURE_ABSENT = 0.35  # a gap counts only if its best match in the other article scores below this
SURE_SHARED = 0.6  # a distractor claim must be aligned at least this well (both reported it)
SURE_FRAME = 0.8  # a frame-match sentence must score at least this for its frame
FRAME_MARGIN = 0.15  # a distractor frame must score at least this much below the answer, anywhere


@dataclass(frozen=True)
class Grade:
    """What a grade band changes: choices per question, how many items, the wording."""

    choices: int
    items: int  # the default number of items (--items caps it)
    words: dict[str, str]


_PLAIN = {
    "omission": "{a}'s story has one of these facts and {b}'s does not. Which one?",
    "omission_why": "No sentence of {b} says this; the other choices are in both stories.",
    "disagreement": "{a} and {b} tell the same fact but do not agree on one detail.",
    "disagreement_ask": "What does each outlet say?",
    "agree": "They say the same; only the words are different.",
    "word_choice": "Both outlets tell the same fact in different words.",
    "word_choice_ask": "Which words are different, and how does each choice make you feel about it?",
    "name_check": "What does {a} do with {e}? Find the sentence that shows it.",
    "frame_match": "What is this sentence from {a} mostly about?",
    "frame_why": "The other choices are topics this story does not talk about.",
    "names_entity": "names {e}", "calls_on_entity": "says someone asked {e} to act",
    "attributes_to_entity": "links {e} to something harmful, in its own words",
    "attributes_reported": "reports that someone else links {e} to something harmful",
    "none": "does not name {e}",
    "discussion": "Why might the two outlets tell it differently? What does a reader of each one think afterwards?",
}
_STANDARD = {
    "omission": "{a} reported one of these claims that {b} did not. Which one?",
    "omission_why": "No sentence of {b} reports this; the other choices appear in both articles.",
    "disagreement": "{a} and {b} report the same claim but disagree on a fact in it.",
    "disagreement_ask": "On what do they disagree, and which version does each outlet give?",
    "agree": "They agree; only the wording differs.",
    "word_choice": "Both outlets report the same claim.",
    "word_choice_ask": "Which words changed, and what impression does each wording give?",
    "name_check": "What does {a} do with {e}? Quote the sentence that shows it.",
    "frame_match": "Which frame does this sentence of {a} carry?",
    "frame_why": "The other choices are frames this article does not carry anywhere.",
    "names_entity": "names {e}", "calls_on_entity": "reports a call on {e} to act",
    "attributes_to_entity": "blames {e} or ties harmful acts or groups to it, in its own voice",
    "attributes_reported": "reports others blaming {e} or tying harmful acts or groups to it",
    "none": "does not name {e}",
    "discussion": "Why might the two outlets differ here, and what does a reader of each take away?",
}
_ACADEMIC = {**_STANDARD,
             "omission": "Which claim does {a} report that {b} omits entirely?",
             "frame_match": "Which policy frame (Media Frames Corpus) does this sentence of {a} carry?",
             "attributes_to_entity": "attributes harm or blame to {e} in its own narration",
             "attributes_reported": "attributes harm or blame to {e} only through the sources it reports",
             "discussion": "Account for the difference: sources, audience, editorial stance. "
                           "What does each framing leave its readers believing?"}
GRADES = {"middle": Grade(3, 6, _PLAIN), "high": Grade(4, 10, _STANDARD), "university": Grade(5, 12, _ACADEMIC)}


def parse_types(spec: str) -> list[str]:
    """The exercise types of a comma-separated ``--types`` value; an unknown one is an InputError."""
    wanted = [t.strip() for t in spec.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in TYPES]
    if unknown or not wanted:
        name = f"unknown exercise type '{unknown[0]}'" if unknown else "no exercise type given"
        raise InputError("--types", f"{name} (use {', '.join(TYPES)})")
    return wanted


def event_documents(docs: Sequence[Document], event_id: str | None) -> list[Document]:
    """The articles of one event of a corpus: ``event_id`` (``e3`` or ``3``, the ids of
    ``framing report``), or the largest event. Two articles (and no id) are used as they are.

    Raises:
        InputError: ``event_id`` names no event; the message lists the valid ids.
    """
    if len(docs) <= 2 and event_id is None:
        return list(docs)
    from framing.events import group_events

    groups = group_events(docs)
    if event_id is None:
        return [docs[i] for i in groups[0]]
    digits = re.fullmatch(r"e?(\d{1,9})", event_id.strip(), re.ASCII)
    number = int(digits.group(1)) if digits else 0
    if not 1 <= number <= len(groups):
        valid = ", ".join(f"e{k} ({len(g)} article{'s' if len(g) > 1 else ''})"
                          for k, g in enumerate(groups[:MAX_LISTED], 1))
        more = f", ... e{len(groups)}" if len(groups) > MAX_LISTED else ""
        raise InputError("--event", f"no event '{event_id}'; the events of these inputs are {valid}{more}")
    return [docs[i] for i in groups[number - 1]]


MAX_LISTED = 30  # events an unknown --event lists by id


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


def omission_items(comp: Comparison, rng: random.Random, grade: Grade) -> list[Item]:
    """Which claim did one outlet report that the other did not? Distractors: shared claims."""
    items = []
    for doc, other, gaps, side in ((comp.a, comp.b, comp.only_in_a, 0), (comp.b, comp.a, comp.only_in_b, 1)):
        scores = comp_scores(comp, side)
        shared = [i for al in comp.alignments if al.score >= SURE_SHARED for i in (al.a if side == 0 else al.b)]
        distract = [doc.sentences[i].text for i in shared
                    if len(doc.sentences[i].text.split()) >= 6 and not is_headline(doc, i)]
        names = {"a": outlet_name(doc), "b": outlet_name(other)}
        for gap in gaps:
            text = doc.sentences[gap].text
            if len(text.split()) < 6 or scores[gap] >= SURE_ABSENT or is_headline(doc, gap):
                continue
            choices = _mc(rng, text, distract, grade.choices)
            if choices is None:
                continue
            items.append(Item(
                type="omission", question=grade.words["omission"].format(**names),
                answer=text, choices=choices, evidence=(_ev(doc, gap),),
                explanation=grade.words["omission_why"].format(**names)))
    return items


def comp_scores(comp: Comparison, side: int) -> list[float]:
    """Best score of each sentence of one side against any sentence of the other (aligned or
    not: a sentence that closely resembles one of the other outlet's is no sure omission)."""
    nearest = comp.nearest_a if side == 0 else comp.nearest_b
    if nearest:
        return list(nearest)
    best = [0.0] * len((comp.a if side == 0 else comp.b).sentences)
    for al in comp.alignments:
        for i in al.a if side == 0 else al.b:
            best[i] = max(best[i], al.score)
    return best


def disagreement_items(comp: Comparison, rng: random.Random, grade: Grade) -> list[Item]:
    """Where two outlets report one claim but disagree on a fact in it (a figure, a date, who
    said it): which version does each give? Distractors: the versions swapped, one side giving
    none, and "they agree"."""
    items = []
    name_a, name_b = outlet_name(comp.a), outlet_name(comp.b)
    for al in comp.alignments:
        a_idx = [i for i in al.a if not is_headline(comp.a, i)]  # headlines are titles, not the claim
        b_idx = [j for j in al.b if not is_headline(comp.b, j)]
        a = " ".join(comp.a.sentences[i].text for i in a_idx)
        b = " ".join(comp.b.sentences[j].text for j in b_idx)
        shown = [c for c in al.conflicts if c.a.lower() in a.lower() and c.b.lower() in b.lower()]
        if not shown:  # the versions must be in the sentences the question quotes
            continue
        c = shown[0]
        verb = "gives it to" if c.kind == "attribution" else "says"
        answer = f"{name_a} {verb} {c.a}; {name_b} {verb} {c.b}"
        others = [f"{name_a} {verb} {c.b}; {name_b} {verb} {c.a}", grade.words["agree"],
                  f"{name_a} {verb} {c.a}; {name_b} does not say", f"{name_a} does not say; {name_b} {verb} {c.b}"]
        choices = _mc(rng, answer, others, grade.choices)
        if choices is None:
            continue
        items.append(Item(
            type="disagreement",
            question=(f"{grade.words['disagreement'].format(a=name_a, b=name_b)}\n{name_a}: “{a}”\n{name_b}: “{b}”\n"
                      f"{grade.words['disagreement_ask']}"),
            answer=answer, choices=choices,
            evidence=(*(_ev(comp.a, i) for i in a_idx), *(_ev(comp.b, j) for j in b_idx)),
            explanation="Check each figure, date or name against the two sentences; a reader of only one "
                        "outlet would not know the other version exists."))
    return items


def word_choice_items(comp: Comparison, grade: Grade) -> list[Item]:
    """An aligned pair worded differently: what changed, and what impression each wording gives."""
    items = []
    for al in comp.alignments:
        labelled = [e for e in al.edits if e.labels]
        if not labelled or len(al.a) != 1 or len(al.b) != 1 or is_headline(comp.a, al.a[0]) or is_headline(
                comp.b, al.b[0]):
            continue
        a, b = comp.a.sentences[al.a[0]].text, comp.b.sentences[al.b[0]].text
        labels = sorted({lab for e in labelled for lab in e.labels})
        items.append(Item(
            type="word_choice",  # outlets by name: the worksheet's letters A, B, C name its texts
            question=(f"{grade.words['word_choice']}\n{outlet_name(comp.a)}: “{a}”\n"
                      f"{outlet_name(comp.b)}: “{b}”\n{grade.words['word_choice_ask']}"),
            answer="; ".join(summarize(e) for e in labelled),
            evidence=(_ev(comp.a, al.a[0]), _ev(comp.b, al.b[0])),
            explanation=f"The changed words belong to: {', '.join(labels)}. Discuss how each choice colours the same fact."))
    return items


ENTITY_FRAMES = ("names_entity", "calls_on_entity", "attributes_to_entity")
# What an article can do with an entity: nothing, or name it and perhaps call on / blame it, in
# its own voice ("attributes_to_entity") or only through someone it reports ("attributes_reported").
_COMBOS = ((), ("names_entity",), ("names_entity", "calls_on_entity"), ("names_entity", "attributes_to_entity"),
           ("names_entity", "attributes_reported"), ("names_entity", "calls_on_entity", "attributes_to_entity"),
           ("names_entity", "calls_on_entity", "attributes_reported"))


def _describe(keys: Sequence[str], entity: str, grade: Grade) -> str:
    """A choice for a name-check item: "names Pakistan and reports a call on Pakistan to act"."""
    return " and ".join(grade.words[k].format(e=entity) for k in keys) or grade.words["none"].format(e=entity)


def _done(fs: dict[str, FrameResult]) -> list[str]:
    """What the article does with the entity; blame in the outlet's own voice only when some
    evidence sentence is its own narration, else blame it reports from others."""
    done = [k for k in ENTITY_FRAMES if k in fs and fs[k].present]
    blame = fs.get("attributes_to_entity")
    if blame is not None and blame.present and not any(e.voice == "outlet" for e in blame.evidence):
        done[done.index("attributes_to_entity")] = "attributes_reported"
    return done


def name_check_items(doc: Document, frames: Sequence[FrameResult], rng: random.Random, grade: Grade) -> list[Item]:
    """Is the entity named, called on, blamed, and in whose voice? The answer quotes the sentence."""
    items = []
    by_entity: dict[str, dict[str, FrameResult]] = {}
    for f in frames:
        if f.entity and f.frame in ENTITY_FRAMES:
            by_entity.setdefault(f.entity, {})[f.frame] = f
    for entity, fs in sorted(by_entity.items()):
        if "names_entity" not in fs:
            continue
        done = _done(fs)
        answer = _describe(done, entity, grade)
        choices = _mc(rng, answer, [_describe(c, entity, grade) for c in _COMBOS], grade.choices)
        if choices is None:
            continue
        shown = [k if k != "attributes_reported" else "attributes_to_entity" for k in done]
        evidence = tuple(dict.fromkeys(_ev(doc, e.sentence) for k in shown for e in fs[k].evidence[:1]))
        items.append(Item(
            type="name_check", question=grade.words["name_check"].format(a=outlet_name(doc), e=entity),
            answer=answer, choices=choices, evidence=evidence,
            explanation=_voice_note(fs, shown)))
    return items


def _voice_note(fs: dict[str, FrameResult], shown: Sequence[str]) -> str:
    """Whose voice the evidence speaks in, in words."""
    voices = sorted({e.voice for k in shown for e in fs[k].evidence})
    said = {"outlet": "the outlet's own narration", "attributed": "reported speech (someone the outlet quotes "
            "or paraphrases)", "quoted": "a quotation"}
    return "The evidence is " + (", ".join(said[v] for v in voices) if voices else "nothing") + "."


def frame_match_items(doc: Document, frames: Sequence[FrameResult], rng: random.Random, grade: Grade,
                      elsewhere: frozenset[str] = frozenset()) -> list[Item]:
    """Which frame does this sentence carry? Only settled items: the sentence scores at least
    ``SURE_FRAME`` for the answer and ``FRAME_MARGIN`` more than for any other frame of the
    article; each distractor is a frame that no article of the set carries (``elsewhere``: the
    frames the other articles carry) and scores ``FRAME_MARGIN`` below the answer on every
    sentence. Too few such distractors, no item."""
    items = []
    topical = [f for f in frames if not f.entity and f.frame != "other"]
    for f in topical:
        best = _settled_sentence(f, topical)
        if best is None:
            continue
        absent = [g.label or g.frame for g in topical
                  if not g.present and g.frame not in elsewhere and g.score <= best.score - FRAME_MARGIN]
        choices = _mc(rng, f.label or f.frame, absent, grade.choices)
        if choices is None:
            continue
        items.append(Item(
            type="frame_match",
            question=f"{grade.words['frame_match'].format(a=outlet_name(doc))}\n“{best.text}”",
            answer=f.label or f.frame, choices=choices, evidence=(_ev(doc, best.sentence),),
            explanation=grade.words["frame_why"]))
    return items


def _settled_sentence(frame: FrameResult, topical: Sequence[FrameResult]) -> Evidence | None:
    """The best evidence sentence of a present frame that no other frame claims nearly as well."""
    if not frame.present:
        return None
    for ev in sorted(frame.evidence, key=lambda e: -e.score):
        rivals = [e.score for g in topical if g is not frame and g.present for e in g.evidence if e.sentence == ev.sentence]
        if ev.score >= SURE_FRAME and all(r <= ev.score - FRAME_MARGIN for r in rivals):
            return ev
    return None


def discussion_items(comp: Comparison, grade: Grade) -> list[Item]:
    """Open questions from the framing differences between the two outlets."""
    items = []
    for d in comp.differences:
        evidence = tuple((comp.a.id, e.sentence, e.text) for e in d.evidence_a[:1]) + tuple(
            (comp.b.id, e.sentence, e.text) for e in d.evidence_b[:1])
        if not evidence:
            continue
        items.append(Item(
            type="discussion", question=f"{d.summary} {grade.words['discussion']}",
            answer="Open question. " + d.summary, evidence=evidence,
            explanation="Points to raise: the outlet's audience and country, its sources, and what the difference leaves the reader believing."))
    return items


def build_exercises(comparisons: Sequence[Comparison], *, seed: int = 0, items: int | None = None,
                    types: Sequence[str] = TYPES, grade: str = "high") -> ExerciseSet:
    """Items of the wanted types from the comparisons, sampled reproducibly.

    Args:
        comparisons: pairwise comparisons (with frames) of the articles.
        seed: the random seed: the same inputs and seed give the same set.
        items: how many items at most (default: the grade's number).
        types: which exercise types.
        grade: "middle" (plain words, 3 choices, 6 items), "high" (4 choices, 10 items) or
            "university" (5 choices, 12 items).
    """
    rng = random.Random(seed)
    band = GRADES.get(grade, GRADES["high"])
    pool: dict[str, list[Item]] = {t: [] for t in types}
    docs: dict[str, Document] = {}
    for comp in comparisons:
        docs.setdefault(comp.a.id, comp.a)
        docs.setdefault(comp.b.id, comp.b)
        _pair_items(pool, comp, rng, band)
    framed = {doc.id: frames for comp in comparisons for doc, frames in ((comp.a, comp.frames_a), (comp.b, comp.frames_b))}
    named = {f.entity for fs in framed.values() for f in fs if f.frame == "names_entity" and f.present}
    for doc_id, frames in framed.items():
        elsewhere = frozenset(f.frame for other, fs in framed.items() if other != doc_id for f in fs if f.present)
        story = [f for f in frames if not f.entity or f.entity in named]  # an entity no article names: no item
        _article_items(pool, docs[doc_id], story, rng, band, elsewhere)
    chosen = _round_robin(pool, rng, band.items if items is None else items)
    return ExerciseSet(seed=seed, grade=grade, docs=tuple(docs.values()), items=tuple(chosen))


def _pair_items(pool: dict[str, list[Item]], comp: Comparison, rng: random.Random, band: Grade) -> None:
    """The items one comparison gives, added to the pool of each wanted type."""
    if "omission" in pool:
        pool["omission"] += omission_items(comp, rng, band)
    if "disagreement" in pool:
        pool["disagreement"] += disagreement_items(comp, rng, band)
    if "word_choice" in pool:
        pool["word_choice"] += word_choice_items(comp, band)
    if "discussion" in pool:
        pool["discussion"] += discussion_items(comp, band)


def _article_items(pool: dict[str, list[Item]], doc: Document, frames: Sequence[FrameResult],
                   rng: random.Random, band: Grade, elsewhere: frozenset[str]) -> None:
    """The items one article's frames give, added to the pool of each wanted type."""
    if "name_check" in pool:
        pool["name_check"] += name_check_items(doc, frames, rng, band)
    if "frame_match" in pool:
        pool["frame_match"] += frame_match_items(doc, frames, rng, band, elsewhere)


def exercise_set(docs: Sequence[Document], *, encoder: Encoder, options: FrameOptions, seed: int = 0,
                 items: int | None = None, types: Sequence[str] = TYPES, grade: str = "high",
                 progress: Callable[..., None] | None = None) -> ExerciseSet:
    """Compare the first article with up to two others and build the exercises.

    Args:
        docs: two or more segmented articles about one event (see :func:`event_documents`).
        encoder: the sentence encoder.
        options: the frames to look for.
        seed, items, types, grade: as in :func:`build_exercises`.
        progress: ``progress(stage, n, total)``, as :func:`framing.compare.compare_documents` takes;
            also hears of the "comparing" stage.
    """
    from framing.compare import compare_documents

    tick = progress or (lambda stage, n, total=None: None)
    others = list(docs[1:3])
    comps = []
    for other in others:
        comps.append(compare_documents(docs[0], other, encoder=encoder, options=options, progress=tick))
    return build_exercises(comps, seed=seed, items=items, types=types, grade=grade)


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
