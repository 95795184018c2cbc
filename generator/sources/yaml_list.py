"""A curated reading list in YAML: a list of papers, or a mapping with a `papers:` list.

Read from PyYAML's node tree rather than its Python objects, for two reasons: every message
can name the line and column of the value at fault, and values keep the text as written
(an unquoted `arxiv: 2401.10230` would otherwise become the float 2401.1023).
"""

from __future__ import annotations

import difflib

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem
from generator.identifiers import arxiv_id, normal_doi
from generator.model import Origin, Paper
from generator.sources.bibliographic import iso_date, natural_order, split_names

TEXT_FIELDS = ("title", "abstract", "date", "arxiv", "doi", "url", "pdf", "code", "note")
FIELDS = (*TEXT_FIELDS, "authors", "tags")
# Names other tools use for the same thing; accepted so a list need not be rewritten.
ALIASES = {"author": "authors", "summary": "abstract", "year": "date", "keywords": "tags"}
WEB_FIELDS = ("url", "pdf", "code")
NULL = "tag:yaml.org,2002:null"


def place(name: str, node: Node, message: str) -> Problem:
    mark = node.start_mark
    return Problem(name, mark.line + 1, message, mark.column + 1)


def text_of(node: Node) -> str | None:
    """A scalar's text ('' for null), or None for a list or mapping."""
    if not isinstance(node, ScalarNode):
        return None
    return "" if node.tag == NULL else str(node.value).strip()


def texts_of(node: Node) -> list[str] | None:
    """A list of scalars as texts; a single scalar is a list of one. None if not text."""
    if isinstance(node, SequenceNode):
        items = [text_of(item) for item in node.value]
        return None if any(i is None for i in items) else [i for i in items if i]
    single = text_of(node)
    return None if single is None else [single] if single else []


def paper_nodes(name: str, root: Node | None) -> tuple[list[Node], list[Problem]]:
    """The paper entries: the top-level list, or the list under `papers:`."""
    if isinstance(root, MappingNode):
        lists = [v for k, v in root.value if text_of(k) == "papers"]
        if lists and isinstance(lists[0], SequenceNode):
            return list(lists[0].value), []
        where = lists[0] if lists else root
        return [], [place(name, where, "expected a list of papers, or `papers:` holding one")]
    if isinstance(root, SequenceNode):
        return list(root.value), []
    if root is None:
        return [], [Problem(name, 0, "no papers in this file")]
    return [], [place(name, root, "expected a list of papers, or `papers:` holding one")]


def fields_of(name: str, node: MappingNode) -> tuple[dict[str, Node], list[Problem]]:
    """Field nodes by canonical name; duplicates and likely misspellings are problems."""
    found: dict[str, Node] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key = (text_of(key_node) or "").lower()
        field = ALIASES.get(key, key)
        if field in found:
            problems.append(place(name, key_node, f"`{key}` given twice"))
        elif field in FIELDS:
            found[field] = value_node
        else:
            near = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.8)
            if near:
                message = f"unknown field `{key}`: did you mean `{near[0]}`?"
                problems.append(place(name, key_node, message))
    return found, problems


def check(field: str, text: str) -> str:
    """What is wrong with a field's value, or ''."""
    if field == "date" and not iso_date(text):
        return "date: expected YYYY, YYYY-MM or YYYY-MM-DD"
    if field == "arxiv" and not arxiv_id(text):
        return "arxiv: not an arXiv id (2401.01234, arXiv:2401.01234v2 or its URL)"
    if field == "doi" and not normal_doi(text):
        return "doi: not a DOI (10.1234/abc, doi:10.1234/abc or https://doi.org/…)"
    if field in WEB_FIELDS and not text.lower().startswith(("http://", "https://")):
        return f"{field}: not an http(s) address"
    return ""


def split_one_string(field: str, items: list[str], node: Node | None) -> list[str]:
    """One string rather than a list: authors as `A and B`, tags as `a, b`."""
    if not isinstance(node, ScalarNode) or not items:
        return items
    if field == "authors":
        return split_names(items[0])
    return [t.strip() for t in items[0].split(",") if t.strip()]


def paper_from_node(name: str, node: Node, number: int) -> tuple[Paper | None, list[Problem]]:
    if not isinstance(node, MappingNode):
        return None, [place(name, node, f"paper {number}: expected a mapping of fields")]
    found, problems = fields_of(name, node)
    values: dict[str, str] = {}
    for field in TEXT_FIELDS:
        if field not in found:
            continue
        text = text_of(found[field])
        wrong = f"{field}: expected text" if text is None else text and check(field, text)
        if wrong:
            problems.append(place(name, found[field], wrong))
        values[field] = text or ""
    lists: dict[str, list[str]] = {}
    for field in ("authors", "tags"):
        items = texts_of(found[field]) if field in found else []
        if items is None:
            problems.append(place(name, found[field], f"{field}: expected a list of texts"))
        lists[field] = split_one_string(field, items or [], found.get(field))
    title_not_text = "title" in found and text_of(found["title"]) is None
    if not values.get("title") and not title_not_text:
        problems.append(place(name, node, f"paper {number} has no title"))
    if problems:
        return None, problems
    return Paper(
        title=values["title"],
        abstract=values.get("abstract", ""),
        origin=Origin(name, node.start_mark.line + 1),
        id=arxiv_id(values.get("arxiv", "")),
        authors=tuple(natural_order(a) for a in lists["authors"]),
        date=iso_date(values.get("date", "")),
        url=values.get("url", ""),
        pdf=values.get("pdf", ""),
        doi=normal_doi(values.get("doi", "")),
        code=values.get("code", ""),
        tags=tuple(lists["tags"]),
        note=values.get("note", ""),
    ), []


def parse(name: str, text: str) -> tuple[list[Paper], list[Problem]]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = f"invalid YAML: {err.problem or err.context}"
        if mark is None:
            return [], [Problem(name, 0, what)]
        return [], [Problem(name, mark.line + 1, what, mark.column + 1)]
    except yaml.YAMLError as err:
        return [], [Problem(name, 0, f"invalid YAML: {err}")]
    except RecursionError:
        return [], [Problem(name, 0, "invalid YAML: nested too deeply")]
    nodes, problems = paper_nodes(name, root)
    papers: list[Paper] = []
    for number, node in enumerate(nodes, start=1):
        paper, trouble = paper_from_node(name, node, number)
        if paper:
            papers.append(paper)
        problems.extend(trouble)
    return papers, problems
