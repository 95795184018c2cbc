"""Links to a paper's other homes: arXiv, PDF, DOI, code, Hugging Face."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.model import Origin, Paper
from generator.pages.links import (
    ExternalLink,
    code_links,
    doi_url,
    paper_links,
    project_page,
    repository,
)


def paper(**fields: object) -> Paper:
    base: dict[str, object] = {"title": "T", "abstract": "A.", "origin": Origin("x")}
    return Paper(**(base | fields))  # type: ignore[arg-type]


def test_arxiv_paper_gets_abstract_pdf_and_hugging_face() -> None:
    found = paper_links(paper(id="arXiv:2501.01234v2"))
    assert found == (
        ExternalLink("arXiv abstract", "https://arxiv.org/abs/2501.01234"),
        ExternalLink("PDF", "https://arxiv.org/pdf/2501.01234"),
        ExternalLink("Hugging Face paper page", "https://huggingface.co/papers/2501.01234"),
    )


def test_doi_and_code_fields_become_links() -> None:
    found = paper_links(paper(doi="10.1145/3580305.3599256", code="https://github.com/a/b"))
    assert ExternalLink("DOI", "https://doi.org/10.1145/3580305.3599256") in found
    assert ExternalLink("Code", "https://github.com/a/b") in found


def test_old_style_arxiv_ids_get_no_hugging_face_page() -> None:
    labels = [link.label for link in paper_links(paper(id="hep-th/9901001"))]
    assert labels == ["arXiv abstract", "PDF"]


def test_only_http_links_survive() -> None:
    found = paper_links(
        paper(url="javascript:alert(1)", pdf="file:///etc/passwd", code="ftp://x/y")
    )
    assert found == ()


def test_a_repository_link_in_the_abstract_is_found_once() -> None:
    abstract = (
        "We propose X. Code is available at https://github.com/owner/repo. "
        "See also https://github.com/owner/repo/tree/main/src and https://example.org/page."
    )
    assert code_links(abstract) == (ExternalLink("Code", "https://github.com/owner/repo"),)


def test_gitlab_and_hugging_face_repositories() -> None:
    abstract = (
        "Code: https://gitlab.com/group/sub/project/-/tree/main, "
        "weights at https://huggingface.co/org/model-7b and data at "
        "https://huggingface.co/datasets/org/data; paper https://huggingface.co/papers/2501.1."
    )
    assert code_links(abstract) == (
        ExternalLink("Code", "https://gitlab.com/group/sub/project"),
        ExternalLink("Hugging Face repo", "https://huggingface.co/org/model-7b"),
        ExternalLink("Hugging Face dataset", "https://huggingface.co/datasets/org/data"),
    )


def test_pages_that_are_not_repositories() -> None:
    for url in (
        "https://github.com/owner",
        "https://huggingface.co/papers/2501.01234",
        "https://huggingface.co/spaces",
        "https://example.org/a/b",
    ):
        assert repository(url) is None, url


def test_doi_forms() -> None:
    assert doi_url("doi:10.1000/xyz") == "https://doi.org/10.1000/xyz"
    assert doi_url("https://dx.doi.org/10.1000/xyz") == "https://doi.org/10.1000/xyz"
    assert doi_url("not a doi") == ""


@given(st.text())
def test_any_abstract_gives_only_web_links(abstract: str) -> None:
    for link in paper_links(paper(abstract=abstract)):
        assert link.url.startswith("https://")


def test_the_project_page_from_the_record_or_the_abstract() -> None:
    given = paper(project="https://example.github.io/p/")
    assert ExternalLink("Project page", "https://example.github.io/p/") in paper_links(given)
    for abstract, url in [
        ("Results. Project page: https://a.github.io/x.", "https://a.github.io/x"),
        ("See our project page at https://b.io/y/ for videos.", "https://b.io/y/"),
        ("Project Website: https://c.github.io", "https://c.github.io"),
        ("Code: https://github.com/o/r. Project page: https://d.io", "https://d.io"),
    ]:
        assert project_page(paper(abstract=abstract)) == url, abstract
    # A repository is code, and a URL far from the words is no project page.
    assert project_page(paper(abstract="Project page and code: https://github.com/o/r")) == ""
    assert project_page(paper(abstract="A project page exists. Data: https://e.io/d")) == ""
