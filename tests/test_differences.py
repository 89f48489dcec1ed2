"""Framing differences that agree with the claims both articles report."""

from __future__ import annotations


def test_topical_frame_differences_agree_with_the_alignment() -> None:
    from framing.differences import frame_differences
    from framing.types import Alignment, Evidence, FrameResult

    def frame(present: bool, score: float, sentence: int | None = None, entity: str | None = None) -> FrameResult:
        evidence = (Evidence(sentence, "The fund froze the assets."),) if sentence is not None else ()
        return FrameResult("economic" if entity is None else "names_entity", entity, present, score, evidence, "Economic")

    aligned = (Alignment((4,), (2,), "partial", 0.7),)
    # B's evidence sentence 2 reports A's sentence 4: one claim cannot give only B the topic
    assert frame_differences([frame(False, 0.1)], [frame(True, 0.8, 2)], "A", "B", aligned) == ()
    # unmatched evidence and a clear gap: a difference; a small gap: none
    assert len(frame_differences([frame(False, 0.1)], [frame(True, 0.8, 5)], "A", "B", aligned)) == 1
    assert frame_differences([frame(False, 0.45)], [frame(True, 0.55, 5)], "A", "B", aligned) == ()
    # entity frames differ in both directions whatever the alignment
    assert len(frame_differences([frame(True, 1.0, 4, "Ruritania")], [frame(False, 0.0, None, "Ruritania")], "A", "B", aligned)) == 1


def test_a_naming_difference_has_no_voice() -> None:
    from framing.differences import frame_differences
    from framing.types import Evidence, FrameResult

    quoted = Evidence(3, "The consumer group BEUC welcomed the ruling, its director said.", voice="attributed")
    named = FrameResult("names_entity", "BEUC", True, 1.0, (quoted,))
    (diff,) = frame_differences([named], [FrameResult("names_entity", "BEUC", False, 0.0)], "A", "B")
    assert diff.summary.startswith("A names BEUC (“The consumer group") and "through someone" not in diff.summary
