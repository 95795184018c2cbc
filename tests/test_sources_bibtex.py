"""Reading stage: BibTeX (`generator.sources.bibtex`).

The quirks of real files, each in a small fixture of our own (`fixtures/quirks.bib`,
`fixtures/broken.bib`), then the real files in ../shared/corpora/bib, which are read in place
and never copied: every entry with a title becomes exactly one paper.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string
from hypothesis import given
from hypothesis import strategies as st

from generator.index.clean import clean_paper
from generator.index.identity import merge_duplicates
from generator.model import Paper
from generator.pipeline import generate
from generator.sources import bibtex, read_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BIB = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bib"


def read(path: Path) -> tuple[list[Paper], list[str]]:
    papers, problems = read_file(path)
    return [clean_paper(p) for p in papers], [str(p) for p in problems]


@pytest.fixture(scope="module")
def quirks() -> dict[str, Paper]:
    papers, problems = read(FIXTURES / "quirks.bib")
    assert problems == []
    return {p.title: p for p in papers}


def test_front_matter_markdown_lines_and_repeated_keys_are_fine(quirks: dict[str, Paper]) -> None:
    assert list(quirks) == [
        "BERT for Calvados: a Study",
        "Amyloid-β and [¹⁸F]AV-1451 uptake",
        "Rats, mice and Drosophila",
        "First Paper Under a Repeated Key",
        "Second Paper Under a Repeated Key",
    ]


def test_macros_accents_braces_ties_and_dashes(quirks: dict[str, Paper]) -> None:
    paper = quirks["BERT for Calvados: a Study"]
    # `me # " and " # {…}`: an @string macro joined to more names.
    assert paper.authors == ("Ada Lovelace", "Jörg Müller", "María García", "Nikola Ljubešić")
    assert paper.date == "2020-08"
    assert paper.abstract == (
        "We test protective braces, ties like this and dashes – here: https://example.org/a--b~c."
    )
    assert paper.note == "Read for the method section."
    assert paper.origin.line == 10
    assert "booktitle = {Advances in Neural Information Processing Systems}," in paper.bibtex
    assert "month = aug," in paper.bibtex


def test_zotero_export(quirks: dict[str, Paper]) -> None:
    paper = quirks["Amyloid-β and [¹⁸F]AV-1451 uptake"]
    assert paper.authors == ("Hugo Botha",)  # `and others` dropped
    assert paper.date == "2019-06"
    assert paper.doi == "10.5555/brain.2019.42"
    assert paper.abstract == ""
    assert paper.tags == ("Alzheimer disease", "PET", "tau")
    assert "file =" not in paper.bibtex and "urldate" not in paper.bibtex
    assert "C:" not in paper.bibtex


def test_endnote_export(quirks: dict[str, Paper]) -> None:
    paper = quirks["Rats, mice and Drosophila"]
    assert paper.authors == ("L. L. G. Carrette", "R. J. Kelleher 3rd")
    assert paper.doi == "10.5555/npp.17"  # from the upper-case `DOI`
    assert paper.tags == ("Animals", "Behavior, Addictive", "Cocaine")
    assert paper.date == "2021"


def test_arxiv_ids_and_addresses(quirks: dict[str, Paper]) -> None:
    first = quirks["First Paper Under a Repeated Key"]
    second = quirks["Second Paper Under a Repeated Key"]
    assert first.id == "2101.00001"  # eprint + archivePrefix
    assert second.id == "2101.00002"  # journal = {arXiv preprint arXiv:…}
    assert second.pdf == ""  # `second.pdf` is a file on someone's site, not an address
    assert second.code == "https://github.com/example/second"


def test_kept_entries_parse_alone_as_one_entry(quirks: dict[str, Paper]) -> None:
    for paper in quirks.values():
        library = parse_string(paper.bibtex)
        assert len(library.entries) == 1
        assert not library.failed_blocks and not library.strings


def test_broken_entries_are_named_and_the_rest_is_read() -> None:
    papers, problems = read(FIXTURES / "broken.bib")
    assert [p.title for p in papers] == [
        "A Good Entry Before the Trouble",
        "A Good Entry After the Trouble",
    ]
    name = str(FIXTURES / "broken.bib")
    assert problems == [
        f"{name}:8: @article{{nocomma}}: `title` has more text after its value (a missing comma?)",
        f"{name}:11: @article{{untitled}} has no title",
        f"{name}:16: `@article` is not followed by `{{`: not read as an entry",
        f"{name}:24:1: broken entry starting on line 20: Unexpected block start: `@article`. "
        "Was still looking for field-value closing `,` or `}`",
    ]


def test_a_file_without_entries_is_a_problem() -> None:
    assert [str(p) for p in bibtex.parse("x.bib", "just some notes\n")[1]] == [
        "x.bib: no BibTeX entries in this file"
    ]


# Title words without BibTeX's or LaTeX's special characters, which have tests of their own.
WORD = st.text(string.ascii_letters + string.digits + "'!?.:;()[]/+", min_size=1, max_size=10)
TITLE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
# "and" in any case separates names in BibTeX: no name is the bare word.
NAME = st.text(string.ascii_letters, min_size=1, max_size=8).filter(lambda n: n.lower() != "and")
PERSON = st.tuples(NAME, NAME)


@given(title=TITLE, people=st.lists(PERSON, min_size=1, max_size=5), year=st.integers(1900, 2099))
def test_a_written_entry_reads_back(title: str, people: list[tuple[str, str]], year: int) -> None:
    authors = " and ".join(f"{last}, {first}" for first, last in people)
    text = f"@article{{key,\n  title = {{{title}}},\n  author = {{{authors}}},\n"
    text += f"  year = {year},\n}}\n"
    papers, problems = bibtex.parse("x.bib", text)
    assert problems == []
    assert papers[0].title == title
    assert papers[0].authors == tuple(f"{first} {last}" for first, last in people)
    assert papers[0].date == str(year)


@given(st.text(max_size=300))
def test_any_text_gives_papers_or_problems_never_an_exception(text: str) -> None:
    papers, problems = bibtex.parse("x.bib", text)
    assert all(p.title for p in papers)
    assert papers or problems


PLAIN = st.text(string.ascii_letters + string.digits + " .:-", max_size=12)
PART = st.one_of(
    PLAIN.map(lambda t: "{" + t + "}"),
    PLAIN.map(lambda t: '"' + t + '"'),
    st.integers(0, 9999).map(str),
    st.sampled_from(["jan", "NIPS", "me"]),
)


@given(st.lists(PART, min_size=1, max_size=4), st.sampled_from([" # ", "#", "  #\n  "]))
def test_a_value_is_its_parts_joined(parts: list[str], joint: str) -> None:
    strings = {"nips": "Neural Information Processing", "me": "Ada"}
    assert bibtex.parts_of(joint.join(parts)) == (parts, -1)
    expected = "".join(strings.get(p.lower(), p.strip('{}"')) for p in parts)
    assert bibtex.value_of(joint.join(parts), strings) == expected


@given(st.lists(PART, min_size=1, max_size=3), st.sampled_from(["  year = 2020", " x", "}"]))
def test_text_after_a_value_is_found(parts: list[str], extra: str) -> None:
    raw = " # ".join(parts)
    _, stop = bibtex.parts_of(raw + extra)
    assert stop >= len(raw)


# The real files: entries counted by reading them (SOURCES.md's rule: lines starting `@`,
# less @string/@comment/@preamble), abstracts counted by hand, pages after merging.
CORPUS = {
    "0xtob-0xtob.github.io-papers.bib": (16, 0, 16),
    "20001LastOrder-boqi-chen.github.io-papers.bib": (12, 0, 12),
    # RN1738 and RN1739 are one paper (same DOI), entered twice.
    "3c-lab-3c-lab.github.io-papers.bib": (35, 30, 34),
    "501Good-501Good.github.io-papers.bib": (10, 9, 10),
    # Two papers share arXiv 1811.01331 by mistake: they keep a page each.
    "594zyc-594zyc.github.io-papers.bib": (13, 13, 13),
    "HugoBothaMD-academic-kickstart-zotero-export.bib": (57, 50, 57),
    "yang-song-yang-song.github.io-papers.bib": (43, 43, 43),
}
needs_corpus = pytest.mark.skipif(not BIB.is_dir(), reason="needs ../shared/corpora/bib")


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Paper]]:
    found = {}
    for name in CORPUS:
        papers, problems = read(BIB / name)
        assert problems == [], name
        found[name] = papers
    return found


@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_entry_with_a_title_is_one_paper(corpus: dict[str, list[Paper]], name: str) -> None:
    entries, with_abstract, pages = CORPUS[name]
    text = (BIB / name).read_text("utf-8")
    starts = [line for line in text.split("\n") if line.startswith("@")]
    macros = [s for s in starts if re.match(r"@(string|comment|preamble)", s, re.I)]
    assert len(starts) - len(macros) == entries
    papers = corpus[name]
    assert len(papers) == entries
    assert all(p.title for p in papers)
    assert sum(1 for p in papers if p.abstract) == with_abstract
    assert len(merge_duplicates(papers)[0]) == pages
    for paper in papers:
        for value in (paper.title, paper.abstract, *paper.authors, *paper.tags):
            assert not re.search(r"[{}\\$]", value), value  # no LaTeX or BibTeX left over
        library = parse_string(paper.bibtex)
        assert len(library.entries) == 1 and not library.failed_blocks


def by_title(papers: list[Paper]) -> dict[str, Paper]:
    return {p.title: p for p in papers}


@pytest.mark.corpus
@needs_corpus
def test_corpus_quirks(corpus: dict[str, list[Paper]]) -> None:
    tob = by_title(corpus["0xtob-0xtob.github.io-papers.bib"])
    assert "VideoGLUE: Video General Understanding Evaluation of Foundation Models" in tob
    fixing = next(t for t in tob if t.startswith("Fixing WTFs"))  # {{double braces}}
    assert not fixing.startswith("{")
    gldv2 = next(p for t, p in tob.items() if t.startswith("Google Landmarks Dataset v2"))
    assert gldv2.date == "2020"  # year = 2020, bare
    # `title<tab>= …` and `booktitle<tab>= CVPR`, an @string macro used unquoted.
    cvpr = "booktitle = {IEEE Conference on Computer Vision and Pattern Recognition}"
    assert cvpr in gldv2.bibtex
    assert gldv2.authors[1] == "André Araujo"

    boqi = corpus["20001LastOrder-boqi-chen.github.io-papers.bib"]
    assert any("Cecilia Chávez-García" in p.authors for p in boqi)  # {\'\i}
    assert any("Dániel Varró" in p.authors for p in boqi)
    assert any(p.id == "2405.08645" for p in boqi)  # journal = {arXiv preprint arXiv:…}

    lab = corpus["3c-lab-3c-lab.github.io-papers.bib"]
    assert all(p.doi for p in lab[:2])  # upper-case DOI fields

    good = by_title(corpus["501Good-501Good.github.io-papers.bib"])
    assert "Evaluating Multilingual BERT for Estonian" in good
    calvados = next(p for t, p in good.items() if t.startswith("Calvados at MEDIQA-Chat"))
    assert calvados.date == "2023-07"
    assert any("Gaël Dias" in p.authors for p in good.values())
    assert all(not a.endswith("*") for p in good.values() for a in p.authors)

    zyc = corpus["594zyc-594zyc.github.io-papers.bib"]
    assert [p.date for p in zyc[:2]] == ["2020-01", "2020-07"]  # {Jan}, jul
    assert sum(1 for p in zyc if p.id == "1811.01331") == 2

    hugo = by_title(corpus["HugoBothaMD-academic-kickstart-zotero-export.bib"])
    assert any("amyloid-β and tau" in t for t in hugo)  # amyloid-$\beta$
    assert all("file = " not in p.bibtex and "urldate" not in p.bibtex for p in hugo.values())
    assert hugo["Attention and visual dysfunction in Parkinson's disease"].date == "2012-07"

    song = by_title(corpus["yang-song-yang-song.github.io-papers.bib"])
    # One citation key, two papers.
    assert "Learning Energy-Based Models by Diffusion Recovery Likelihood" in song
    assert "Anytime Sampling for Autoregressive Models via Ordered Autoencoding" in song
    assert "MintNet: Building Invertible Neural Networks with Masked Convolutions" in song


@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_real_file_builds_alone(name: str, tmp_path: Path) -> None:
    entries, with_abstract, pages = CORPUS[name]
    index, summary = generate([BIB / name], tmp_path / "docs")
    assert (summary.read, summary.merged, summary.skipped) == (entries, entries - pages, ())
    assert summary.written == len(index.entries) == pages
    # Papers without an abstract get a page too, and the summary counts them (3c-lab's
    # duplicate has an abstract both times).
    assert summary.without_abstract == entries - with_abstract
    assert summary.without_abstract == sum(1 for e in index.entries if not e.paper.abstract)
    written = list((tmp_path / "docs" / "papers").glob("*.md"))
    assert len([p for p in written if p.name != "index.md"]) == pages
