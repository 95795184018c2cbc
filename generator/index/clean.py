"""Input text to plain Unicode: LaTeX converted, whitespace folded, URLs kept intact.

The output is still data, never markup: escaping for Markdown and HTML happens in `pages`.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import unicodedata
from functools import lru_cache
from typing import TextIO

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import LatexWalkerError

from generator.model import Paper
from generator.text import INVISIBLE, LATEX_HINT, URL

# Template syntax in prose is data; BibTeX's `{{\\"o}}` has no spaces inside and is LaTeX.
VERBATIM = re.compile(URL.pattern + r"|\{\{\s.*?\s\}\}|\{%\s.*?\s%\}", re.I)
MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
SUPERSCRIPT_GLYPHS = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True))
SUBSCRIPT_GLYPHS = dict(zip("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎", strict=True))
SCRIPT = re.compile(r"([\^_])(?:\{([0-9+\-=()ni]+)\}|([0-9ni]))")
# Words in a "math" span, or a span ending in a space, mean the dollars were prices.
PROSE = re.compile(r"(^|\s)[a-zA-Z]{2,}(\s|$)|\s$")
PLACEHOLDER = "\ue000{}\ue001"
# Links written as LaTeX (`\href{https://…}{code}`, `\url{https://…}`): pylatexenc 2.10 fails
# on a whole abstract for one \href (0.8% of the arXiv corpus's abstracts were left as raw LaTeX).
HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
URL_MACRO = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")  # and an \href without its words
# What pylatexenc raises on text it cannot take: its own parse errors, braces nested deeper
# than Python's recursion limit, and an IndexError on a `\verb` that ends the text (2.11).
CONVERTER_ERRORS = (LatexWalkerError, RecursionError, IndexError)


def unknown_macro(node: object, *_: object) -> str:
    """A paper's own macro (`\\model`) means a name: show it as written, spacing included."""
    return "\\" + str(getattr(node, "macroname", "")) + str(getattr(node, "macro_post_space", ""))


def dollars_are_math(text: str) -> bool:
    """Prose with prices (`$10 and $20`) has dollars that are not math delimiters."""
    spans = MATH.findall(text)
    unescaped = len(re.findall(r"(?<!\\)\$", text))
    return unescaped % 2 == 0 and not any(PROSE.search(span) for span in spans)


@lru_cache(maxsize=1)
def latex_converter() -> LatexNodes2Text:
    """pylatexenc, with `\\cdot` as the dot operator and unknown macros left as written."""
    db = get_default_latex_context_db()
    db.add_context_category(
        "paper-index", macros=[MacroTextSpec("cdot", "\N{DOT OPERATOR}")], prepend=True
    )
    db.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=unknown_macro))
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True)


def scripts_to_unicode(math: str) -> str:
    """`^3` → ³ and `_2` → ₂ where Unicode has the glyphs; the rest is left to pylatexenc."""

    def replace(match: re.Match[str]) -> str:
        marker, body = match.group(1), match.group(2) or match.group(3)
        glyphs = SUPERSCRIPT_GLYPHS if marker == "^" else SUBSCRIPT_GLYPHS
        if all(c in glyphs for c in body):
            return "".join(glyphs[c] for c in body)
        return match.group(0)

    return SCRIPT.sub(replace, math)


def latex_to_unicode(text: str) -> str:
    """Converts only text that looks like LaTeX; a bare `%` or `~` in prose stays as it is.
    Raises one of CONVERTER_ERRORS where pylatexenc cannot take the text."""
    if not LATEX_HINT.search(text):
        return text
    if dollars_are_math(text):
        text = MATH.sub(lambda m: "$" + scripts_to_unicode(m.group(1)) + "$", text)
    else:
        text = re.sub(r"(?<!\\)\$", r"\\$", text)
    # In LaTeX `%` starts a comment and `~` is a space; in abstracts they are literal.
    text = re.sub(r"(?<!\\)%", r"\\%", text)
    text = re.sub(r"(?<!\\)~", r"\\textasciitilde{}", text)
    text = re.sub(r"(?<!\\)&", r"\\&", text)
    text = re.sub(r"(?<!\\)#", r"\\#", text)
    return str(latex_converter().latex_to_text(text))


def plain_links(text: str) -> str:
    """`\\href{address}{words}` as "words (address)", or the address alone when the words are
    the address; `\\url{address}`, and an `\\href{address}` without words, as the address."""

    def href(match: re.Match[str]) -> str:
        address, words = match.group(1).strip(), match.group(2).strip()
        return address if words in ("", address) else f"{words} ({address})"

    return URL_MACRO.sub(lambda m: m.group(1).strip(), HREF.sub(href, text))


def protect_urls(text: str) -> tuple[str, list[str]]:
    """URLs and template-like braces (`{{`, `{%`) set aside so LaTeX conversion cannot eat them."""
    urls: list[str] = []

    def stash(match: re.Match[str]) -> str:
        urls.append(match.group(0))
        return PLACEHOLDER.format(len(urls) - 1)

    return VERBATIM.sub(stash, text), urls


def restore_urls(text: str, urls: list[str]) -> str:
    return re.sub("\ue000(\\d+)\ue001", lambda m: urls[int(m.group(1))], text)


def cleaned(text: str) -> tuple[str, str]:
    """One line of plain Unicode text: NFC, no invisible controls, single spaces; and why its
    LaTeX was left as written, or '' (converted, or none)."""
    text = unicodedata.normalize("NFC", text)
    # Every control that separates lines or words (CR, VT, FF, the C0 separators) is a space,
    # so that removing the invisible ones below never joins two words.
    text = INVISIBLE.sub("", re.sub("[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]", " ", text))
    # A lone surrogate (from a JSON "\\ud800") cannot be written as UTF-8: show it as such.
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    protected, urls = protect_urls(plain_links(text))
    try:
        converted, problem = latex_to_unicode(protected), ""
    except CONVERTER_ERRORS as err:
        converted, problem = protected, f"{type(err).__name__}: {err}"
    converted = unicodedata.normalize("NFC", converted).replace("\xa0", " ")
    return re.sub(r"\s+", " ", restore_urls(converted, urls)).strip(), problem


def latex_warning(paper: Paper, field: str, problem: str) -> str:
    """The line that tells a library's owner which field of which paper is shown as written."""
    return f"warning: {paper.origin}: {field}: LaTeX left as written (pylatexenc: {problem})\n"


def clean_paper(paper: Paper, stream: TextIO | None = None) -> Paper:
    """Every field cleaned; a field whose LaTeX could not be converted is named on `stream`."""
    title, abstract = (cleaned(paper.title), cleaned(paper.abstract))
    for field, (_, problem) in (("title", title), ("abstract", abstract)):
        if problem:
            (stream or sys.stderr).write(latex_warning(paper, field, problem))
    return clean_fields(dataclasses.replace(paper, title=title[0], abstract=abstract[0]), stream)


def clean_fields(paper: Paper, stream: TextIO | None = None) -> Paper:
    """Every field but title and abstract, which the build cleans in parallel and caches."""

    def clean(field: str, text: str) -> str:
        out, problem = cleaned(text)
        if problem:
            (stream or sys.stderr).write(latex_warning(paper, field, problem))
        return out

    return dataclasses.replace(
        paper,
        authors=tuple(a for a in (clean("authors", a) for a in paper.authors) if a),
        id=clean("id", paper.id),
        date=clean("date", paper.date),
        url=clean("url", paper.url),
        pdf=clean("pdf", paper.pdf),
        categories=tuple(clean("categories", c) for c in paper.categories),
        doi=clean("doi", paper.doi),
        code=clean("code", paper.code),
        project=clean("project", paper.project),
        tags=tuple(t for t in (clean("tags", t) for t in paper.tags) if t),
        note=clean("note", paper.note),
    )
