"""Evaluate: measure framing against gold files (alignment links, sentences)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from framing.align import Rescorer, align
from framing.boundary import field, json_object_lines, read_structured
from framing.compare import embed_documents
from framing.errors import InputError
from framing.ingest import load_articles
from framing.models import Encoder
from framing.segment import segment
from framing.types import Article, Document

MAP_MIN_OVERLAP = 85  # partial-ratio from which a gold sentence is the same text as ours


@dataclass(frozen=True)
class PRF:
    """Counts and precision, recall, F1."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSON-lines gold file (each line an object)."""
    return [row for _, row in read_rows(path)]


def read_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """("file:line", object) of every line of a JSON-lines gold file or manifest."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    return [(f"{path}:{n}", row) for n, row in json_object_lines(read_structured(path), str(path))]


def _gold_pairs(gold: Path) -> list[dict[str, Any]]:
    """The pairs of an alignment gold file, each checked: ids, sentence lists and links in range."""
    pairs = []
    for where, row in read_rows(gold):
        pair = {k: field(row, k, (str, int), where) for k in ("a", "b")}
        for side in ("a_sentences", "b_sentences"):
            pair[side] = field(row, side, list, where)
            if not all(isinstance(t, str) for t in pair[side]):
                raise InputError(where, f"field '{side}' must be a list of strings")
        pair["links"] = []
        for link in field(row, "links", list, where):
            if not isinstance(link, dict):
                raise InputError(where, "each of 'links' must be an object {\"a\": i, \"b\": j}")
            i, j = field(link, "a", int, where), field(link, "b", int, where)
            if not (0 <= i < len(pair["a_sentences"]) and 0 <= j < len(pair["b_sentences"])):
                raise InputError(where, f"link ({i}, {j}) points outside a_sentences / b_sentences")
            pair["links"].append({"a": i, "b": j, "note": str(link.get("note", ""))})
        pairs.append(pair)
    return pairs


def _row_id(row: dict[str, Any], where: str) -> str:
    """The article id a gold or manifest row names: ``id``, else the stem of ``file``."""
    ident = field(row, "id", (str, int), where, required=False)
    if ident is not None:
        return str(ident)
    name = field(row, "file", str, where, required=False)
    if not name:
        raise InputError(where, "the row needs an 'id' or a 'file'")
    return Path(name).stem


def article_finder(gold: Path, extra: Sequence[str] = ()) -> Callable[[str], Article]:
    """Find the article a gold id names, in ``extra`` paths or beside the gold file.

    Ids match an article id exactly, or, with a leading tag ("SEED000"), the one article whose
    id starts with the rest ("000_...") in a folder named like the tag ("seeds/").
    """
    for path in extra:
        if not Path(path).is_dir():
            raise InputError(path, "--corpus must be a folder")
    roots = [Path(p) for p in extra] or [gold.parent, *_siblings(gold.parent)]
    loaded: dict[Path, list[Article]] = {}

    def articles_of(root: Path) -> list[Article]:
        if root not in loaded:  # folders are read only when an id is not found in the ones before
            try:
                loaded[root] = load_articles([str(root)], on_skip=lambda err: None)
            except InputError:
                loaded[root] = []
        return loaded[root]

    def find(ident: str) -> Article:
        for root in roots:
            for art in articles_of(root):
                if art.id == ident:
                    return art
        tag, rest = re.match(r"^([A-Za-z]*)(.*)$", ident, re.DOTALL).groups()  # type: ignore[union-attr]
        for root in roots:
            if tag and root.name.lower().startswith(tag.lower()):
                hits = [a for a in articles_of(root) if a.id.startswith(rest)]
                if len(hits) == 1:
                    return hits[0]
        raise InputError(str(gold), f"article '{ident}' not found (pass --corpus with its folder)")

    return find


def _siblings(folder: Path) -> list[Path]:
    """The visible folders beside ``folder`` (a gold file's corpus and its neighbours)."""
    parent = folder.resolve().parent
    if parent == folder.resolve():
        return []
    return sorted(p for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")
                  and p.resolve() != folder.resolve())


def map_sentences(gold: Sequence[str], doc: Document) -> list[set[int]]:
    """Our sentence indices that each gold sentence covers, by text overlap.

    Each of our sentences belongs to the gold sentence that contains it best (partial ratio),
    then matches it most fully (ratio): a caption repeated at the start of the body belongs to
    the gold caption, not to the body sentence that begins with it. Where our segmenter split a
    gold sentence, it covers several of ours; where ours merged two gold sentences, the one that
    owns none of ours takes the sentence of ours that contains it best.
    """
    out: list[set[int]] = [set() for _ in gold]
    if not gold or not doc.sentences:
        return out
    partial = [[fuzz.partial_ratio(text, s.text) for s in doc.sentences] for text in gold]
    for s in doc.sentences:
        owner = max(range(len(gold)), key=lambda g: (partial[g][s.index], fuzz.ratio(gold[g], s.text)))
        if partial[owner][s.index] >= MAP_MIN_OVERLAP:
            out[owner].add(s.index)
    for g, text in enumerate(gold):
        if not out[g]:
            best = max(doc.sentences, key=lambda s: (partial[g][s.index], fuzz.ratio(text, s.text)))
            if partial[g][best.index] >= MAP_MIN_OVERLAP:
                out[g].add(best.index)
    return out


def gold_links(pair: dict[str, Any], map_a: list[set[int]], map_b: list[set[int]], *, weak: bool) -> set[tuple[int, int]]:
    """Gold links in our sentence indices (``weak=False`` drops links whose note says weak:)."""
    links = set()
    for link in pair["links"]:
        if not weak and str(link.get("note", "")).startswith("weak:"):
            continue
        links |= {(i, j) for i in map_a[link["a"]] for j in map_b[link["b"]]}
    return links


def eval_align(gold: Path, *, encoder: Encoder, corpus: Sequence[str] = (),
               rescorer: Rescorer | None = None) -> dict[str, Any]:
    """Link precision/recall/F1 per pair and overall, with and without weak links.

    Each pair also lists its disagreements with the gold file: links gold has and we missed, and
    links we made that gold does not have, with the pair's score and both sentences.
    """
    gold_pairs = _gold_pairs(gold)  # a missing or malformed gold file fails before any article is read
    find = article_finder(gold, corpus)
    pairs, total, total_strong = [], PRF(0, 0, 0), PRF(0, 0, 0)
    for pair in gold_pairs:
        doc_a, doc_b = segment(find(str(pair["a"]))), segment(find(str(pair["b"])))
        emb_a, emb_b = embed_documents([doc_a, doc_b], encoder)
        result = align(doc_a, doc_b, emb_a, emb_b, rescorer=rescorer)
        mine = {(i, j) for al in result.alignments for i in al.a for j in al.b}
        map_a, map_b = map_sentences(pair["a_sentences"], doc_a), map_sentences(pair["b_sentences"], doc_b)
        every = gold_links(pair, map_a, map_b, weak=True)
        strong = gold_links(pair, map_a, map_b, weak=False)
        kept = mine - (every - strong)  # a link we found that gold calls weak counts neither way
        row = {"all": PRF(len(mine & every), len(mine - every), len(every - mine)),
               "strong": PRF(len(kept & strong), len(kept - strong), len(strong - kept))}
        total, total_strong = total + row["all"], total_strong + row["strong"]
        disagreements = [{"kind": kind, "a": i, "b": j, "score": round(float(result.scores[i, j]), 4),
                          "text_a": doc_a.sentences[i].text, "text_b": doc_b.sentences[j].text}
                         for kind, links in (("missed", every - mine), ("extra", mine - every)) for i, j in sorted(links)]
        pairs.append({"a": pair["a"], "b": pair["b"], "all": row["all"].as_dict(), "strong": row["strong"].as_dict(),
                      "disagreements": disagreements})
    return {"pairs": pairs, "overall": {"all": total.as_dict(), "strong": total_strong.as_dict()}}


def gold_frame_key(label: str) -> tuple[str, str | None] | None:
    """Our (frame id, entity) for a gold label: ``calls_on_pakistan`` → (calls_on_entity, Pakistan).

    ``names_X``, ``calls_on_X``, ``attributes_to_X`` map to the entity frames with entity X;
    ``highlights_omission`` and ``veiled_reference`` to the entity frame for ``default_entity``
    (None here, filled in by the caller); ``mentions_Y`` to the user frame ``Y``.
    """
    for prefix, frame in (("names_", "names_entity"), ("calls_on_", "calls_on_entity"),
                          ("attributes_to_", "attributes_to_entity")):
        if label.startswith(prefix):
            return frame, label[len(prefix):].replace("_", " ").title()
    if label in ("highlights_omission", "veiled_reference"):
        return label, None
    if label.startswith("mentions_"):
        return label[len("mentions_"):], None
    return None


def eval_frames(gold_files: Sequence[Path], *, detect: Callable[[Document, Sequence[str]], Any],
                corpus: Sequence[str] = ()) -> dict[str, Any]:
    """Per-frame precision, recall and F1 against gold article labels.

    Args:
        gold_files: JSON-lines files, one object per article (``id`` or ``file`` plus labels).
        detect: frames of a document for the given entities (a tuple of FrameResult).
        corpus: folders holding the articles (default: beside each gold file).
    """
    counts: dict[str, PRF] = {}
    errors: list[dict[str, Any]] = []
    rows_of = {gold: read_rows(gold) for gold in gold_files}  # every gold file checked first
    for gold in gold_files:
        find = article_finder(gold, corpus or [str(gold.parent)])
        for where, row in rows_of[gold]:
            ident = _row_id(row, where)
            labels = {k: v for k, v in row.items() if isinstance(v, bool) and gold_frame_key(k)}
            entities = sorted({e for k in labels for e in [gold_frame_key(k)[1]] if e})  # type: ignore[index]
            default = entities[0] if entities else None
            found = {(f.frame, f.entity): f.present for f in detect(segment(find(ident)), entities)}
            for label, truth in labels.items():
                frame, entity = gold_frame_key(label)  # type: ignore[misc]
                key = (frame, entity or (default if frame in ("highlights_omission", "veiled_reference") else None))
                pred = found.get(key, False)
                counts[label] = counts.get(label, PRF(0, 0, 0)) + PRF(int(pred and truth), int(pred and not truth), int(truth and not pred))
                if pred != truth:
                    errors.append({"article": ident, "label": label, "gold": truth, "predicted": pred})
    return {"frames": {k: v.as_dict() for k, v in sorted(counts.items())}, "errors": errors}


def adjusted_rand(truth: Sequence[str], pred: Sequence[str]) -> float:
    """Adjusted Rand index of two labelings."""
    from collections import Counter
    from math import comb

    n = len(truth)
    both = sum(comb(c, 2) for c in Counter(zip(truth, pred, strict=True)).values())
    a = sum(comb(c, 2) for c in Counter(truth).values())
    b = sum(comb(c, 2) for c in Counter(pred).values())
    expected = a * b / comb(n, 2) if n > 1 else 0.0
    top = (a + b) / 2
    return 1.0 if top == expected else (both - expected) / (top - expected)


def purity(truth: Sequence[str], pred: Sequence[str]) -> float:
    """Share of articles whose predicted event's majority true event is theirs."""
    from collections import Counter

    groups: dict[str, list[str]] = {}
    for t, p in zip(truth, pred, strict=True):
        groups.setdefault(p, []).append(t)
    return sum(Counter(g).most_common(1)[0][1] for g in groups.values()) / len(truth)


def split_and_merged(truth: Sequence[str], pred: Sequence[str], *, decoy: str = "decoy") -> tuple[int, int]:
    """How many true events are split over several found events, and how many share one with another."""
    found_in: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    for t, p in zip(truth, pred, strict=True):
        found_in.setdefault(t, set()).add(p)
        members.setdefault(p, set()).add(t)
    real = [t for t in found_in if not t.startswith(decoy)]
    split = sum(len(found_in[t]) > 1 for t in real)
    merged = sum(any(len(members[p]) > 1 for p in found_in[t]) for t in real)
    return split, merged


def eval_events(docs: Sequence[Document], manifest: Path, *, decoy: str = "decoy") -> dict[str, Any]:
    """ARI and purity of event grouping against a manifest's ``event``; pairwise precision and
    recall of wire copies against its ``syndication_group``; decoys merged into another event.

    Every article whose event is ``decoy`` is an event of its own.
    """
    from itertools import combinations

    from framing.events import group_events
    from framing.wires import syndication

    rows = {_row_id(r, where): r for where, r in read_rows(manifest)}
    for d in docs:
        if d.id not in rows:
            raise InputError(str(manifest), f"article '{d.id}' has no row (by 'id' or 'file')")
        field(rows[d.id], "event", (str, int), f"{manifest} (article '{d.id}')")
    truth = [str(rows[d.id]["event"]) if rows[d.id]["event"] != decoy else f"{decoy}:{d.id}" for d in docs]
    groups = group_events(docs)
    pred = [""] * len(docs)
    for k, members in enumerate(groups):
        for i in members:
            pred[i] = f"e{k}"
    copies = syndication(docs, groups)
    found = {(i, j) for group in copies for i, j in combinations(group, 2)}
    sg = [str(g) if (g := rows[d.id].get("syndication_group")) not in (None, "", False) else None for d in docs]
    gold = {(i, j) for i, j in combinations(range(len(docs)), 2) if sg[i] and sg[i] == sg[j]}
    merged = [docs[i].id for i, t in enumerate(truth) if t.startswith(decoy) and pred.count(pred[i]) > 1]
    groups_found = {g for g in set(filter(None, sg)) if any(sg[i] == g and sg[j] == g for i, j in found)}
    split, merged_events = split_and_merged(truth, pred, decoy=decoy)
    return {
        "articles": len(docs), "events": len(groups), "ari": round(adjusted_rand(truth, pred), 4),
        "purity": round(purity(truth, pred), 4), "events_split": split, "events_merged": merged_events,
        "syndication": PRF(len(found & gold), len(found - gold), len(gold - found)).as_dict(),
        "syndication_groups_found": f"{len(groups_found)}/{len(set(filter(None, sg)))}",
        "decoys_merged": merged,
        "events_found": [[docs[i].id for i in g] for g in groups],
    }


def eval_wording(docs: Sequence[Document], manifest: Path, spans: Path, *, encoder: Encoder) -> dict[str, Any]:
    """How many annotated loaded-wording spans inside aligned claims the wording differences show.

    Every pair of articles of one manifest ``event`` is aligned; a gold span with ``bias`` "lex"
    that lies inside an aligned claim counts as shown when a reported wording difference of
    that claim contains one of its content words (and as labelled when that difference carries
    a label). ``edits`` counts every reported difference, the noise a reader wades through.
    """
    from itertools import combinations

    from framing.compare import with_edits
    from framing.wording import FUNCTION_WORDS, load_labels

    rows = {str(r.get("id") or Path(str(r.get("file"))).stem): r for r in read_jsonl(manifest)}
    gold: dict[str, list[str]] = {}
    for r in read_jsonl(spans):
        if r.get("bias") == "lex":
            gold.setdefault(str(r["id"]), []).append(str(r["text"]))
    by_event: dict[str, list[Document]] = {}
    for d in docs:
        by_event.setdefault(str(rows.get(d.id, {}).get("event")), []).append(d)
    labels = load_labels()
    def keys(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"\w+", text) if w.lower() not in FUNCTION_WORDS}

    counts = {"spans_in_aligned_claims": 0, "shown": 0, "shown_labelled": 0, "edits": 0, "labelled_edits": 0}
    for members in by_event.values():
        for a, b in combinations(members, 2):
            emb_a, emb_b = embed_documents([a, b], encoder)
            for al in align(a, b, emb_a, emb_b).alignments:
                al = with_edits(al, a, b, labels)
                counts["edits"] += len(al.edits)
                counts["labelled_edits"] += sum(bool(e.labels) for e in al.edits)
                for doc, idx, side in ((a, al.a, "a"), (b, al.b, "b")):
                    text = " ".join(doc.sentences[i].text for i in idx)
                    for span in (s for s in gold.get(doc.id, []) if s in text):
                        words = [keys(e.a if side == "a" else e.b) for e in al.edits]
                        counts["spans_in_aligned_claims"] += 1
                        counts["shown"] += any(keys(span) & w for w in words)
                        counts["shown_labelled"] += any(keys(span) & w for w, e in zip(words, al.edits, strict=True) if e.labels)
    total = max(counts["spans_in_aligned_claims"], 1)
    return {**counts, "share_shown": round(counts["shown"] / total, 4),
            "share_shown_labelled": round(counts["shown_labelled"] / total, 4)}


def eval_wires(docs: Sequence[Document], manifest: Path, *, decoy: str = "decoy") -> dict[str, Any]:
    """Pairwise precision and recall of wire copies against a manifest's ``syndication_group``.

    Measured twice: within the manifest's events (the wire-copy check alone) and within the
    events :func:`framing.events.group_events` finds (what ``framing report`` shows). Every
    false and missed pair is listed with its shared-passage figures.
    """
    from framing.events import group_events
    from framing.wires import overlap, statement_runs, syndication

    rows = {_row_id(r, where): r for where, r in read_rows(manifest)}
    for d in docs:
        if d.id not in rows:
            raise InputError(str(manifest), f"article '{d.id}' has no row (by 'id' or 'file')")
    sg = [str(g) if (g := rows[d.id].get("syndication_group")) not in (None, "", False) else None for d in docs]
    gold = {(i, j) for i in range(len(docs)) for j in range(i + 1, len(docs)) if sg[i] and sg[i] == sg[j]}
    by_event: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        event = str(rows[d.id].get("event"))
        by_event.setdefault(f"{decoy}:{d.id}" if event in (decoy, "None") else event, []).append(i)
    out: dict[str, Any] = {"articles": len(docs), "gold_pairs": len(gold)}
    for name, events in (("manifest_events", list(by_event.values())), ("found_events", group_events(docs))):
        found = {(i, j) for group in syndication(docs, events) for k, i in enumerate(group) for j in group[k + 1 :]}
        errors = []
        for i, j in sorted((found - gold) | (gold - found)):
            source = statement_runs(docs[k] for e in events if i in e for k in e)
            o = overlap(docs[i], docs[j], source)
            errors.append({"a": docs[i].id, "b": docs[j].id, "kind": "false" if (i, j) in found else "missed",
                           "in_order": round(o.in_order, 3), "share": round(o.share, 3), "longest": o.longest})
        out[name] = {**PRF(len(found & gold), len(found - gold), len(gold - found)).as_dict(), "errors": errors}
    return out
