"""Write an exercise set: worksheet and answer key (Markdown, printable HTML), quiz, JSON.

What students read names the articles as "Text A", "Text B" (outlet, headline, date, link) and
cites evidence by line of the numbered excerpts the worksheet prints: no internal ids, no scores.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from framing.exercises import exercises_json
from framing.output.markdown import markdown_text as _md
from framing.output_files import write_atomic
from framing.types import Document, ExerciseSet, Item, outlet_name

TITLES = {"omission": "Spot the omission", "disagreement": "Who says what", "word_choice": "Word choice",
          "name_check": "Name check", "frame_match": "Frame match", "discussion": "Discussion"}
LETTERS = "ABCDEFGH"
MAX_LINES = 80  # sentences of an article the worksheet prints (the rest: follow the link)


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'`\\]+", re.ASCII)


def _link(doc: Document) -> str | None:
    """The original's address when it is a plain web address (a local file is named, not linked)."""
    for url in (doc.article.url, doc.article.source):
        if url and _WEB_ADDRESS.fullmatch(url):
            return url
    return None


def texts(ex: ExerciseSet) -> list[dict[str, Any]]:
    """Each article as the worksheet shows it: its letter, outlet, headline, date, link and
    numbered lines (one sentence a line, line = sentence index + 1)."""
    out = []
    for k, doc in enumerate(ex.docs):
        lines = [(s.index + 1, s.text) for s in doc.sentences[:MAX_LINES]]
        out.append({"letter": LETTERS[k], "outlet": outlet_name(doc), "title": doc.article.title or "",
                    "date": doc.article.date or "", "link": _link(doc), "source": doc.article.source,
                    "lines": lines, "more": len(doc.sentences) > MAX_LINES})
    return out


def where(ex: ExerciseSet, article: str, sentence: int) -> str:
    """Where a cited sentence is on the worksheet: "Text A (outlet), line 4"."""
    for k, doc in enumerate(ex.docs):
        if doc.id == article:
            return f"Text {LETTERS[k]} ({outlet_name(doc)}), line {sentence + 1}"
    return f"line {sentence + 1}"


def evidence(ex: ExerciseSet, item: Item) -> list[dict[str, str]]:
    """An item's evidence as students read it: where it is and what it says."""
    return [{"where": where(ex, a, s), "text": t} for a, s, t in item.evidence]


def quiz_items(ex: ExerciseSet) -> list[dict[str, Any]]:
    """What the quiz page needs of each item (the JSON it embeds)."""
    return [{"type": TITLES[it.type], "question": it.question, "choices": list(it.choices), "answer": it.answer,
             "explanation": it.explanation, "evidence": evidence(ex, it)} for it in ex.items]


def _first_line(text: dict[str, Any]) -> str:
    """The first line of a text (what stands for a missing headline)."""
    return text["lines"][0][1] if text["lines"] else ""


def _texts_markdown(ex: ExerciseSet) -> list[str]:
    """The articles with numbered lines, in Markdown."""
    lines = ["## The texts", ""]
    for t in texts(ex):
        lines += [f"### Text {t['letter']}: {_md(t['outlet'])}", ""]
        head = ", ".join(_md(x) for x in (t["title"], t["date"]) if x)
        lines += [head, ""] if head else []
        lines += [f"Original: <{t['link']}>" if t["link"] else f"Source: {_md(t['source'])}", ""]
        lines += [f"{n}. {_md(text)}" for n, text in t["lines"]]
        lines += ["", "(The text goes on: read the original.)"] if t["more"] else []
        lines.append("")
    return lines


def to_markdown(ex: ExerciseSet, *, key: bool) -> str:
    """The student worksheet (``key=False``) or the teacher's answer key.

    Questions, choices and evidence quote the articles, so every text is escaped for Markdown
    (:func:`~framing.output.markdown.markdown_text`): no article markup, HTML or link survives rendering.
    """
    lines = ["# Answer key" if key else "# Worksheet: how did the outlets cover it?", ""]
    lines += [f"- Text {t['letter']}: {_md(t['outlet'])}: {_md(t['title'] or _first_line(t))}" for t in texts(ex)]
    lines += [""] + ([] if key else _texts_markdown(ex)) + ["## Questions"]
    for n, item in enumerate(ex.items, 1):
        lines += ["", f"### {n}. {TITLES[item.type]}", ""]
        lines += [_md(line) + "  " for line in item.question.split("\n")]
        if item.choices:
            lines += [""] + [f"{LETTERS[k]}\\. {_md(c)}  " for k, c in enumerate(item.choices)]
        if key:
            answer = _md(item.answer)
            if item.choices:
                answer = f"{LETTERS[item.choices.index(item.answer)]}. {_md(item.answer)}"
            lines += ["", f"**Answer:** {answer}", "", _md(item.explanation), ""]
            lines += [f"> {_md(e['where'])}: {_md(e['text'])}" for e in evidence(ex, item)]
        else:
            lines += ["", "_Your answer:_ ____________________________________________"]
    return "\n".join(lines) + "\n"


def _env() -> Environment:
    env = Environment(loader=PackageLoader("framing", "data"), autoescape=select_autoescape(["html"]))
    env.globals.update(titles=TITLES, letters=LETTERS)
    return env


def write_exercises(ex: ExerciseSet, out: Path) -> list[Path]:
    """Write every file into ``out`` (created); return them. Same set, same bytes."""
    out.mkdir(parents=True, exist_ok=True)
    env = _env()
    shown = {"texts": texts(ex), "evidence": [evidence(ex, it) for it in ex.items]}
    quiz = json.dumps(quiz_items(ex), ensure_ascii=False).replace("<", "\\u003c")
    files = {
        "worksheet.md": to_markdown(ex, key=False),
        "answer_key.md": to_markdown(ex, key=True),
        "worksheet.html": env.get_template("worksheet.html").render(ex=ex, key=False, **shown),
        "answer_key.html": env.get_template("worksheet.html").render(ex=ex, key=True, **shown),
        "quiz.html": env.get_template("quiz.html").render(ex=ex, data=quiz, texts=shown["texts"]),
        "exercises.json": json.dumps(exercises_json(ex), indent=2, ensure_ascii=False) + "\n",
    }
    for name, text in files.items():
        write_atomic(out / name, text)  # a killed run leaves whole files, never a truncated one
    return [out / name for name in files]
