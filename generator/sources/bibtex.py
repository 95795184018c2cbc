"""BibTeX (.bib) as researchers keep it: al-folio sites, Zotero and EndNote exports.

bibtexparser 2 splits the file into blocks and keeps each value as written. The values are
read here rather than by its middleware, which leaves `#` concatenations, the entries under
a repeated key and macros redefined later unresolved; and only a careful reading of a value
finds the missing comma that made the splitter fold the next field into it.
LaTeX stays in the text for `clean` (pylatexenc) to convert; only BibTeX's own conventions,
protective braces and `~` ties, are undone here.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable

from bibtexparser.entrypoint import parse_string
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
    String,
)

from generator.errors import Problem
from generator.identifiers import arxiv_id, normal_doi
from generator.model import Origin, Paper
from generator.sources.bibliographic import iso_date, partial_date, people
from generator.text import INVISIBLE, LATEX_HINT, URL

MACRO = re.compile(r'[^\s{}"#,=]+')
ARXIV_IN_TEXT = re.compile(r"arxiv[:\s]+(?:preprint\s+)?(?:arxiv:\s*)?(\S+)", re.I)
ENTRY_LINE = re.compile(r"^\s*@\w+", re.M)
TIE = re.compile(r"(?<!\\)~")
# Zotero writes the HTML of an abstract (`<p>`, `<sup>`) as `{\textless}p{\textgreater}`;
# pylatexenc knows neither macro, and the tags themselves are markup, not text.
ANGLE = re.compile(r"\{?\\text(less|greater)(?:\{\}|\b)\}?")
HTML_MARKUP = re.compile(r"</?(p|br|i|b|em|strong|sup|sub|jats:\w+)\s*/?>", re.I)
BRACE = re.compile(r"(?<!\\)[{}]")
DELIMITER = re.compile(r'(?<!\\)[{}"]')
# The splitter logs a warning for each broken block; they are reported here as problems.
logging.getLogger("bibtexparser.splitter").setLevel(logging.ERROR)
# Fields about the exporter's own copy (file paths on their disk, when they looked) or about
# how an al-folio site shows the entry: neither belongs in an entry kept to cite from.
NOT_CITED = frozenset(
    {
        "file", "urldate", "abbr", "bibtex_show", "preview", "selected", "google_scholar_id",
        "altmetric", "dimensions", "codecoming",
    }
)  # fmt: skip


def balanced(text: str) -> bool:
    depth = 0
    for match in BRACE.finditer(text):
        depth += 1 if match.group(0) == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def part_end(raw: str, start: int) -> int:
    """Where the part starting at `start` ends: a {group}, a "string" or a word; -1 if open."""
    if raw[start] not in '{"':
        match = MACRO.match(raw, start)
        return match.end() if match else -1
    depth = 0
    for match in DELIMITER.finditer(raw, start):
        char = match.group(0)
        if char == '"' and depth == 0 and match.start() > start:
            return match.end() if raw[start] == '"' else -1
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and raw[start] == "{":
            return match.end()
    return -1


def after_space(raw: str, position: int) -> int:
    while position < len(raw) and raw[position].isspace():
        position += 1
    return position


def parts_of(raw: str) -> tuple[list[str], int]:
    """The `#`-joined parts of a value as written, and -1; or where it stops being one value.

    A value followed by more text (`title = {X}  year = 2020`) is a missing comma that the
    splitter folded into this field.
    """
    parts: list[str] = []
    position = after_space(raw, 0)
    while position < len(raw):
        end = part_end(raw, position)
        if end < 0:
            return parts, position
        parts.append(raw[position:end])
        position = after_space(raw, end)
        if position < len(raw):
            if raw[position] != "#":
                return parts, position
            position = after_space(raw, position + 1)
    return parts, -1


def resolve(part: str, strings: dict[str, str]) -> str:
    if part[0] in '{"':
        return part[1:-1]
    if part.isdigit():
        return part
    # A month macro (`aug`) and an undefined one are kept as their name.
    return strings.get(part.lower(), part)


def value_of(raw: str, strings: dict[str, str]) -> str | None:
    parts, stop = parts_of(raw)
    return None if stop >= 0 else "".join(resolve(p, strings) for p in parts)


def outside_urls(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the text between URLs, so an address keeps its `~` and `--`."""
    pieces, last = [], 0
    for match in URL.finditer(text):
        pieces += [change(text[last : match.start()]), match.group(0)]
        last = match.end()
    return "".join([*pieces, change(text[last:])])


def plain(value: str) -> str:
    """BibTeX conventions undone: `~` ties as spaces, `--` as dashes, protective braces off.

    A value with LaTeX in it keeps its braces: pylatexenc, in `clean`, needs them to read
    `{\\v{s}}`, and drops the protective ones itself.
    """

    def undo(text: str) -> str:
        text = TIE.sub(" ", text)
        text = ANGLE.sub(lambda m: "<" if m.group(1) == "less" else ">", text)
        text = HTML_MARKUP.sub(lambda m: " " if m.group(1).lower() in ("p", "br") else "", text)
        if LATEX_HINT.search(text):
            return text
        return BRACE.sub("", text).replace("---", "\N{EM DASH}").replace("--", "\N{EN DASH}")

    return outside_urls(value, undo)


def web(value: str) -> str:
    """An http(s) address, or '' (al-folio's `pdf = {paper.pdf}` is a file on that site)."""
    value = value.strip()
    return value if re.match(r"https?://\S+$", value, re.I) else ""


def arxiv_of(fields: dict[str, str]) -> str:
    """From `arxiv`, `eprint` (when not another archive), `journal = {arXiv preprint …}`."""
    if fields.get("arxiv"):
        return arxiv_id(fields["arxiv"])
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    if fields.get("eprint") and archive == "arxiv":
        found = arxiv_id(fields["eprint"])
        if found:
            return found
    for name in ("journal", "note", "howpublished", "volume", "url", "pdf"):
        match = ARXIV_IN_TEXT.search(fields.get(name, ""))
        found = arxiv_id(match.group(1).rstrip(".,;}")) if match else ""
        found = found or arxiv_id(fields.get(name, ""))
        if found:
            return found
    return ""


def date_of(fields: dict[str, str]) -> str:
    """biblatex's `date`, else `year` with `month` (`aug`, `{August}`, `8`)."""
    if iso_date(fields.get("date", "")):
        return iso_date(fields["date"])
    year = re.search(r"\d{4}", fields.get("year", ""))
    return partial_date(year.group(0), fields.get("month", "")) if year else ""


def listed(value: str) -> tuple[str, ...]:
    """Keywords as Zotero (`a, b`) and EndNote write them: EndNote puts one a line, `*` marks
    a MeSH major topic, and a MeSH heading may itself hold a comma (`Behavior, Addictive`)."""
    items = value.split("\n") if "\n" in value.strip() else re.split(r"[,;]", value)
    kept = (" ".join(plain(k).replace("*", "").split()) for k in items)
    return tuple(k for k in kept if k)


def cited_entry(entry: Entry, fields: list[tuple[str, str, str]]) -> str:
    """The entry on its own: macros expanded, whitespace folded, fields not cited dropped."""
    lines = [f"@{entry.entry_type}{{{entry.key},"]
    for key, raw, value in fields:
        if key in NOT_CITED:
            continue
        value = " ".join(value.split())
        if raw.isdigit() or (key == "month" and MACRO.fullmatch(raw)):
            written = raw.lower()
        elif balanced(value):
            written = "{" + value + "}"
        else:
            written = '"' + value + '"'
        lines.append(f"  {key} = {written},")
    text = "\n".join(lines) + "\n}\n"
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def paper_from_entry(
    name: str, entry: Entry, strings: dict[str, str]
) -> tuple[Paper | None, list[Problem]]:
    line = (entry.start_line or 0) + 1
    label = f"@{entry.entry_type}{{{entry.key}}}"
    fields: dict[str, str] = {}
    kept: list[tuple[str, str, str]] = []
    problems: list[Problem] = []
    for field in entry.fields:
        key, raw = field.key.strip().lower(), str(field.value).strip()
        parts, stop = parts_of(raw)
        if stop >= 0:
            where = (field.start_line or entry.start_line or 0) + 1 + raw.count("\n", 0, stop)
            message = f"{label}: `{key}` has more text after its value (a missing comma?)"
            problems.append(Problem(name, where, message))
        elif key not in fields:  # BibTeX itself keeps the first of a repeated field
            fields[key] = "".join(resolve(p, strings) for p in parts)
            kept.append((key, raw, fields[key]))
    title = plain(fields.get("title", "")).strip()
    if not title and not problems:
        problems.append(Problem(name, line, f"{label} has no title"))
    if problems:
        return None, problems
    paper = Paper(
        title=title,
        abstract=plain(fields.get("abstract", "")).strip(),
        origin=Origin(name, line),
        id=arxiv_of(fields),
        authors=tuple(plain(a) for a in people(fields.get("author", ""))),
        date=date_of(fields),
        url=web(fields.get("url", "")) or web(fields.get("html", "")),
        pdf=web(fields.get("pdf", "")),
        doi=normal_doi(fields.get("doi", "")),
        code=web(fields.get("code", "")),
        tags=listed(fields.get("keywords", "")),
        note=plain(fields.get("annote", "") or fields.get("annotation", "")).strip(),
        bibtex=cited_entry(entry, kept),
    )
    return paper, []


def position(text: str, index: int) -> tuple[int, int]:
    """Line and column, from 1, of an index into `text`."""
    index = min(max(index, 0), len(text))
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def broken(name: str, text: str, block: ParsingFailedBlock) -> Problem:
    start = (block.start_line or 0) + 1
    error = block.error
    if isinstance(error, BlockAbortedException):
        message = f"broken entry starting on line {start}: {error.abort_reason.strip()}"
        if error.end_index is not None:
            # The splitter's indices count a newline it put before the text.
            line, column = position(text, error.end_index - 1)
            return Problem(name, line, message, column)
        return Problem(name, start, message)
    return Problem(name, start, f"broken entry: {error}")


def stray_entries(name: str, block: ImplicitComment) -> list[Problem]:
    """Text between entries is a comment, but a line starting `@word` was meant as an entry."""
    start = block.start_line or 0
    problems = []
    for match in ENTRY_LINE.finditer(block.comment):
        line = start + block.comment.count("\n", 0, match.start()) + 1
        message = f"`{match.group(0).strip()}` is not followed by `{{`: not read as an entry"
        problems.append(Problem(name, line, message))
    return problems


def entry_of(block: Block) -> Entry | None:
    """The entry a block holds, also when its key or a field name repeats."""
    if isinstance(block, Entry):
        return block
    if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock):
        inner = block.ignore_error_block
        return inner if isinstance(inner, Entry) else None
    return None


def string_of(block: Block) -> String | None:
    if isinstance(block, String):
        return block
    inner = block.ignore_error_block if isinstance(block, DuplicateBlockKeyBlock) else None
    return inner if isinstance(inner, String) else None


def parse(name: str, text: str) -> tuple[list[Paper], list[Problem]]:
    try:
        library = parse_string(text, parse_stack=[])
    except Exception as err:  # the splitter raises on states it calls its own bugs
        return [], [Problem(name, 0, f"BibTeX parser failed: {err}")]
    strings: dict[str, str] = {}
    papers: list[Paper] = []
    problems: list[Problem] = []
    # In file order: a macro means what its latest `@string` before the use says.
    for block in library.blocks:
        entry, string = entry_of(block), string_of(block)
        if string is not None:
            value = value_of(str(string.value).strip(), strings)
            if value is None:
                line = (string.start_line or 0) + 1
                problems.append(Problem(name, line, f"@string{{{string.key}}} is not one value"))
            strings[string.key.lower()] = value or ""
        elif entry is not None:
            paper, trouble = paper_from_entry(name, entry, strings)
            papers.extend([paper] if paper else [])
            problems.extend(trouble)
        elif isinstance(block, ParsingFailedBlock):
            problems.append(broken(name, text, block))
        elif isinstance(block, ImplicitComment):
            problems.extend(stray_entries(name, block))
    if not papers and not problems:
        problems.append(Problem(name, 0, "no BibTeX entries in this file"))
    return papers, problems
