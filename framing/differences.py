"""Framing differences between two articles, each told in one plain sentence with evidence."""

from __future__ import annotations

from collections.abc import Sequence

from framing.headlines import shorten
from framing.types import Alignment, Evidence, FrameDifference, FrameResult

QUOTE_CHARS = 140  # a quoted evidence sentence longer than this is cut at a word boundary
TOPIC_MARGIN = 0.2  # score gap a topical or user frame needs before one outlet "has" it and the other not

VOICE_PHRASE = {"outlet": "in its own voice", "attributed": "through someone it reports",
                "quoted": "in a quotation"}
WHAT = {
    "names_entity": "names {e}",
    "calls_on_entity": "reports a call on {e} to act",
    "attributes_to_entity": "blames {e} or ties harmful acts or groups to {e}",
    "highlights_omission": "remarks that {e} went unnamed",
    "veiled_reference": "calls something a veiled reference to {e}",
}


def _what(frame: FrameResult) -> str:
    """What having this frame means, in words."""
    if frame.frame in WHAT:
        return WHAT[frame.frame].format(e=frame.entity)
    return f"carries the “{frame.label or frame.frame}” frame"


def _voices(frame: FrameResult) -> str:
    """How the evidence speaks: "in its own voice", or "through someone it reports" (nothing for
    naming: a name is given whoever speaks)."""
    if frame.frame == "names_entity":
        return ""
    voices = [v for v in ("outlet", "attributed", "quoted") if any(e.voice == v for e in frame.evidence)]
    return " and ".join(VOICE_PHRASE[v] for v in voices)


def _quote(evidence: Sequence[Evidence]) -> str:
    """The first evidence sentence, shortened, in quotes."""
    if not evidence:
        return ""
    return f" (“{shorten(evidence[0].text, QUOTE_CHARS)}”)"


def frame_differences(frames_a: Sequence[FrameResult], frames_b: Sequence[FrameResult], name_a: str, name_b: str,
                      alignments: Sequence[Alignment] = ()) -> tuple[FrameDifference, ...]:
    """Every frame on which the two articles differ (presence, or the voice that carries it).

    Entity frames differ whenever one article has the frame and the other not, about every
    entity and in both directions. A topical or user frame (no entity) differs only with a
    clear score gap (``TOPIC_MARGIN``) and when some of its evidence sentences have no aligned
    counterpart in the other article: a claim both report cannot give only one of them a topic.
    """
    by_b = {(f.frame, f.entity): f for f in frames_b}
    out = []
    for fa in frames_a:
        fb = by_b.get((fa.frame, fa.entity))
        if fb is None:
            continue
        if fa.entity is None and fa.present != fb.present and not _topic_differs(fa, fb, alignments):
            continue
        if fa.present != fb.present:
            yes, _no, yes_name, no_name = (fa, fb, name_a, name_b) if fa.present else (fb, fa, name_b, name_a)
            summary = f"{yes_name} {_what(yes)}{' ' + _voices(yes) if _voices(yes) else ''}{_quote(yes.evidence)}; {no_name} does not"
            if fa.frame == "highlights_omission":
                named = [f for f in (frames_b if fa.present else frames_a) if f.frame == "names_entity" and f.entity == fa.entity]
                if named and named[0].present:
                    summary += f", and names {fa.entity} itself"
            out.append(FrameDifference(fa.frame, fa.entity, fa.present, fb.present, summary + ".", fa.evidence, fb.evidence))
        elif fa.present and fa.frame == "attributes_to_entity" and _own(fa) != _own(fb):
            own, other, own_name, other_name = (fa, fb, name_a, name_b) if _own(fa) else (fb, fa, name_b, name_a)
            summary = (f"{own_name} {_what(own)} in its own voice{_quote([e for e in own.evidence if e.voice == 'outlet'])}; "
                       f"{other_name} only {_voices(other)}{_quote(other.evidence)}.")
            out.append(FrameDifference(fa.frame, fa.entity, True, True, summary, fa.evidence, fb.evidence))
    return tuple(out)


def _topic_differs(fa: FrameResult, fb: FrameResult, alignments: Sequence[Alignment]) -> bool:
    """Whether a topical frame one article has is a real difference (clear gap, unmatched evidence)."""
    if abs(fa.score - fb.score) < TOPIC_MARGIN:
        return False
    yes, side = (fa, "a") if fa.present else (fb, "b")
    matched = {i for al in alignments for i in (al.a if side == "a" else al.b)}
    return not yes.evidence or any(e.sentence not in matched for e in yes.evidence)


def _own(frame: FrameResult) -> bool:
    """Whether any evidence is in the outlet's own voice."""
    return any(e.voice == "outlet" for e in frame.evidence)
