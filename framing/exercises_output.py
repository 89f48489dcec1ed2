"""Write an exercise set: worksheet and answer key (Markdown, printable HTML), quiz, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from framing.exercises import ExerciseSet, exercises_json
from framing.output_files import write_atomic
from framing.render import markdown_text as _md
from framing.render import outlet_name

TITLES = {"omission": "Spot the omission", "word_choice": "Word choice", "name_check": "Name check",
          "frame_match": "Frame match", "discussion": "Discussion"}


def to_markdown(ex: ExerciseSet, *, key: bool) -> str:
    """The student worksheet (``key=False``) or the teacher's answer key.

    Questions, choices and evidence quote the articles, so every text is escaped for Markdown
    (:func:`~framing.render.markdown_text`): no article markup, HTML or link survives rendering.
    """
    lines = ["# Answer key" if key else "# Worksheet: how did the outlets cover it?", ""]
    lines += [f"- Article {_md(d.id)}: {_md(outlet_name(d))}: {_md(d.article.title or d.sentences[0].text)}"
              for d in ex.docs]
    for n, item in enumerate(ex.items, 1):
        lines += ["", f"## {n}. {TITLES[item.type]}", ""]
        lines += [_md(line) for line in item.question.split("\n")]
        letters = "ABCDEFGH"
        if item.choices:
            lines += [""] + [f"{letters[k]}. {_md(c)}" for k, c in enumerate(item.choices)]
        if key:
            answer = _md(item.answer)
            if item.choices:
                answer = f"{letters[item.choices.index(item.answer)]}. {_md(item.answer)}"
            lines += ["", f"**Answer:** {answer}", "", _md(item.explanation), ""]
            lines += [f"> [{_md(str(a))}, sentence {s}] {_md(t)}" for a, s, t in item.evidence]
        else:
            lines += ["", "_Your answer:_ ____________________________________________"]
    return "\n".join(lines) + "\n"


def _env() -> Environment:
    env = Environment(loader=PackageLoader("framing", "data"), autoescape=select_autoescape(["html"]))
    env.globals.update(outlet_name=outlet_name, titles=TITLES, letters="ABCDEFGH")
    return env


def write_exercises(ex: ExerciseSet, out: Path) -> list[Path]:
    """Write every file into ``out`` (created); return them. Same set, same bytes."""
    out.mkdir(parents=True, exist_ok=True)
    env = _env()
    files = {
        "worksheet.md": to_markdown(ex, key=False),
        "answer_key.md": to_markdown(ex, key=True),
        "worksheet.html": env.get_template("worksheet.html").render(ex=ex, key=False),
        "answer_key.html": env.get_template("worksheet.html").render(ex=ex, key=True),
        "quiz.html": env.get_template("quiz.html").render(
            ex=ex, data=json.dumps(exercises_json(ex)["items"], ensure_ascii=False).replace("<", "\\u003c")),
        "exercises.json": json.dumps(exercises_json(ex), indent=2, ensure_ascii=False) + "\n",
    }
    for name, text in files.items():
        write_atomic(out / name, text)  # a killed run leaves whole files, never a truncated one
    return [out / name for name in files]
