"""Explicit detectors of entity framing: relations read from a dependency parse.

Every detector has one signature, ``(sentence, entity, context="")``, and returns the character
offset of the entity mention the relation is about, or ``None``. Each finds the syntactic role of
every mention of the entity (through its stand-ins: "Pakistan's government", "the Obama
administration", "Democrats like Mr. Reid") and asks who does what to whom:

- calls on: the entity is the addressee of a demand together with an act it is asked to do
  ("urged Pakistan to act", "called on X to", "X was pressed to", "calls for X to", "demanded
  that X act", "called for X's resignation"), or the subject of an obligation ("X must", "X needs
  to"). A question put to X ("asked X about") or X making the call is not a call on X.
- attributes to: the entity is blamed ("accused X of", "blamed X for", "blamed it on X", "held X
  responsible", "X is guilty"), is the agent of a harmful act ("X shelled the town", "attacks by
  X", "X's invasion", "X's role in the bombing"), or harmful groups or acts are tied to it
  ("X-backed militias", "militants operating from X", "rockets fired from X"), or harmful things
  come from it ("fake pills made in X", "a X pipeline leaked crude": :mod:`.sources`). Help, roles
  in talks, protection of X, X as a place where something happened (an attack, a flood) are not;
  nor are harm verbs made idioms by their objects ("struck a deal", "fired its coach").
- highlights omission: a negated or avoided naming whose object is the entity or a stand-in
  for it ("stopped short of naming X", "did not mention X by name", "no mention of X", "X was
  conspicuously absent from the statement").
- veiled reference: an indirect, oblique or veiled reference aimed at someone, or an oblique
  phrase the outlet glosses as aimed at the entity.

The word classes (demand verbs, harm nouns, ...) are general English and live in
``framing/data/relations.toml``.
"""

from __future__ import annotations

from framing.detectors.blame import attributes_to
from framing.detectors.calls import calls_on
from framing.detectors.omission import highlights_omission, might_remark_omission
from framing.detectors.roles import lexicon
from framing.detectors.veiled import veiled_reference

__all__ = ["attributes_to", "calls_on", "highlights_omission", "lexicon", "might_remark_omission", "veiled_reference"]
