"""Where else a paper lives: arXiv, PDF, DOI, code, Hugging Face. Pure.

Fields that a reader may not set yet (`doi`, `code`) are read with `getattr`, so this module
works with a `Paper` that has them and one that does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.identifiers import arxiv_id
from generator.model import Paper
from generator.text import URL

DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.I)
# A repository is owner/name on a forge; Hugging Face models, datasets and Spaces likewise.
FORGES = {"github.com": "Code", "gitlab.com": "Code", "huggingface.co": "Hugging Face repo"}
HF_KINDS = {"datasets": "Hugging Face dataset", "spaces": "Hugging Face Space"}
HF_NOT_REPOS = frozenset({"papers", "docs", "blog", "models", "collections", "organizations"})
MAX_CODE_LINKS = 3
# "Project page: https://…", "our project website at https://…": the words just before a
# URL, in the same sentence.
PROJECT_WORDS = re.compile(
    r"project\s+(?:page|website|homepage|site)[^\w.!?]{0,3}(?:\w+[^\w.!?]+){0,3}$", re.I
)


@dataclass(frozen=True)
class ExternalLink:
    """A labelled http(s) address outside the site."""

    label: str
    url: str


def is_web(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def doi_url(doi: str) -> str:
    """`10.1/x`, `doi:10.1/x` or a doi.org address as `https://doi.org/10.1/x`; else ''."""
    match = DOI.match(doi.strip())
    return f"https://doi.org/{match.group(1)}" if match else ""


def repository(url: str) -> ExternalLink | None:
    """A code or model repository address cut to its repository, or None for other pages."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host not in FORGES or len(segments) < 2:
        return None
    label = FORGES[host]
    if host == "huggingface.co":
        if segments[0] in HF_NOT_REPOS:
            return None
        if segments[0] in HF_KINDS:
            if len(segments) < 3:
                return None
            label, segments = HF_KINDS[segments[0]], segments[:3]
        else:
            segments = segments[:2]
    elif host == "github.com":
        segments = segments[:2]
    else:
        # GitLab nests groups; the repository ends where its own pages (/-/...) begin.
        segments = segments[: segments.index("-")] if "-" in segments else segments
    path = "/".join(segments).removesuffix(".git")
    return ExternalLink(label, f"https://{host}/{path}")


def code_links(abstract: str) -> tuple[ExternalLink, ...]:
    """Repositories named in an abstract ("Code is available at https://github.com/…")."""
    found: list[ExternalLink] = []
    for match in URL.finditer(abstract):
        link = repository(match.group(0))
        if link and link.url.casefold() not in {f.url.casefold() for f in found}:
            found.append(link)
    return tuple(found[:MAX_CODE_LINKS])


def project_page(paper: Paper) -> str:
    """The project page a record gives, or the one its abstract names ("Project page: …")."""
    if paper.project:
        return paper.project
    for match in URL.finditer(paper.abstract):
        before = paper.abstract[max(match.start() - 40, 0) : match.start()]
        if PROJECT_WORDS.search(before) and repository(match.group(0)) is None:
            return match.group(0)
    return ""


def paper_links(paper: Paper) -> tuple[ExternalLink, ...]:
    """Every known address of a paper, in reading order, each http(s) and each once."""
    arxiv = next((a for a in map(arxiv_id, (paper.id, paper.url, paper.pdf)) if a), "")
    links: list[ExternalLink] = []
    if arxiv:
        links.append(ExternalLink("arXiv abstract", f"https://arxiv.org/abs/{arxiv}"))
    elif paper.url:
        links.append(ExternalLink("Abstract page", paper.url))
    if paper.pdf:
        links.append(ExternalLink("PDF", paper.pdf))
    elif arxiv:
        links.append(ExternalLink("PDF", f"https://arxiv.org/pdf/{arxiv}"))
    doi = doi_url(paper.doi)
    if doi:
        links.append(ExternalLink("DOI", doi))
    given = paper.code
    if given:
        links.append(ExternalLink("Code", given))
    links.extend(code_links(paper.abstract))
    project = project_page(paper)
    if project:
        links.append(ExternalLink("Project page", project))
    if re.fullmatch(r"\d{4}\.\d{4,5}", arxiv):
        links.append(
            ExternalLink("Hugging Face paper page", f"https://huggingface.co/papers/{arxiv}")
        )
    unique: dict[str, ExternalLink] = {}
    for link in links:
        if is_web(link.url):
            unique.setdefault(link.url.rstrip("/").casefold(), link)
    return tuple(unique.values())
