"""The identifiers a paper is known by: arXiv id, DOI, folded title. Readers normalise the
ids they read with these; the index merges copies and the fetch counts papers by them."""

from __future__ import annotations

import re
import unicodedata

from generator.model import Paper

ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?$")
# Old-style archive names are short (hep-th, cond-mat, math.GT); a long one is not an id,
# and would make a file name longer than a file system allows.
ARXIV_OLD = re.compile(r"([a-z]{1,10}(?:-[a-z]{1,10})?(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
DOI = re.compile(r"10\.\d{4,9}/\S+")
DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
# DataCite's DOIs for arXiv papers: the same paper as the arXiv id inside them.
ARXIV_DOI = "10.48550/arxiv."


def arxiv_id(value: str) -> str:
    """`arXiv:2501.01234v2`, `https://arxiv.org/abs/2501.01234` → `2501.01234`; else ''."""
    value = value.strip()
    value = re.sub(r"^(arxiv:)", "", value, flags=re.I)
    value = re.sub(r"^https?://(www\.|export\.)?arxiv\.org/(abs|pdf)/", "", value, flags=re.I)
    value = re.sub(r"\.pdf$", "", value, flags=re.I)
    match = ARXIV_NEW.match(value) or ARXIV_OLD.match(value)
    return match.group(1) if match else ""


def normal_doi(value: str) -> str:
    """`https://doi.org/10.1000/AB`, `doi:10.1000/ab` → `10.1000/ab`; '' if not a DOI.

    DOIs are case-insensitive, so the lower-case form is the one compared and kept.
    """
    value = DOI_PREFIX.sub("", value.strip()).strip().lower()
    return value if DOI.fullmatch(value) else ""


def normal_title(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).casefold()
    return re.sub(r"[^\w]+", "", folded.replace("_", ""))


def title_key(title: str) -> str:
    """`title:` and the folded title; a title with no letters or digits keeps its own text."""
    folded = normal_title(title)
    return "title:" + folded if folded else "title~" + " ".join(title.casefold().split())


def paper_arxiv(paper: Paper) -> str:
    """The arXiv id in `id`, `url`, `pdf` or an arXiv DOI (`10.48550/arXiv.…`); else ''."""
    for value in (paper.id, paper.url, paper.pdf):
        found = arxiv_id(value)
        if found:
            return found
    doi = normal_doi(paper.doi)
    return arxiv_id(doi[len(ARXIV_DOI) :]) if doi.startswith(ARXIV_DOI) else ""


def identifiers(paper: Paper) -> list[str]:
    """Every key the paper can be known by, strongest first: arXiv id, DOI, title."""
    arxiv, doi = paper_arxiv(paper), normal_doi(paper.doi)
    keys = ["arxiv:" + arxiv] if arxiv else []
    keys += ["doi:" + doi] if doi else []
    return [*keys, title_key(paper.title)]


def paper_key(paper: Paper) -> str:
    """A paper's identity: its arXiv id, else its DOI, else its normalised title."""
    return identifiers(paper)[0]
