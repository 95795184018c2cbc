"""One index from many files: the same paper from several files is one page with its fields
merged; different papers never merge for looking alike; the summary says what was merged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.identifiers import normal_doi, normal_title, paper_arxiv
from generator.index.identity import merge_duplicates
from generator.model import Entry, Index, Origin, Paper
from generator.pipeline import Summary, generate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "papers" / "daily-papers.txt"
GALORE = "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection"
MULTIGRID = "A Multigrid Method for Efficiently Training Video Models"
ABSTRACT = "We propose a method and study it on several benchmarks, where it does well."

LIST_YAML = f"""\
papers:
  - title: "{GALORE}"
    arxiv: 2403.03507
    tags: [low-rank, memory]
    note: Compare with LoRA.
  - title: {MULTIGRID}
    doi: 10.5555/Multigrid.2020
  - title: Sparse Ratio Estimation
    doi: https://doi.org/10.5555/SRE.1
    tags: [estimation]
  - title: Deep Model Assembling II
    abstract: A different paper whose title only starts like one in the seed list.
"""

REFS_BIB = r"""
@inproceedings{zhao2024galore,
  title = {{GaLore}: Memory-Efficient {LLM} Training by Gradient Low-Rank Projection},
  author = {Zhao, Jiawei and Zhang, Zhenyu},
  eprint = {2403.03507},
  archivePrefix = {arXiv},
  year = 2024,
  month = jul,
}

@article{sparse2021,
  title = {Sparse Ratio Estimation, Revisited},
  author = {Doe, Jane},
  doi = {doi:10.5555/sre.1},
  abstract = {Ratio estimation for sparse counts, revisited with a new estimator and bounds.},
  year = 2021,
}
"""

JSONL = [
    {
        "id": "2403.03507v2",
        "title": GALORE.lower(),
        "abstract": ABSTRACT,
        "authors": ["A", "B", "C"],
    },
    {"id": "1906.06669", "title": "One Epoch is all you need", "abstract": ABSTRACT},
    {"id": "2501.00001", "title": "Scaling Laws for Widgets", "abstract": ABSTRACT},
    {"id": "2501.00002", "title": "Scaling Laws for Widgets", "abstract": ABSTRACT},
]


def mixed_library(where: Path) -> Path:
    """The seed list, a YAML list, a BibTeX file and JSON Lines, overlapping."""
    library = where / "library"
    library.mkdir()
    shutil.copy(SEED, library / "daily-papers.txt")
    (library / "list.yaml").write_text(LIST_YAML, "utf-8")
    (library / "refs.bib").write_text(REFS_BIB, "utf-8")
    lines = "".join(json.dumps(r) + "\n" for r in JSONL)
    (library / "papers.jsonl").write_text(lines, "utf-8")
    return library


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Index, Summary]:
    where = tmp_path_factory.mktemp("mixed")
    library = mixed_library(where)
    index, summary = generate([library], where / "docs")
    return library, index, summary


def entry(index: Index, title: str) -> Entry:
    found = [e for e in index.entries if e.paper.title.casefold() == title.casefold()]
    assert len(found) == 1, [e.paper.title for e in found]
    return found[0]


def test_counts_and_the_summary_name_the_merges(built: tuple[Path, Index, Summary]) -> None:
    library, index, summary = built
    txt, yml, bib, jsonl = (
        str(library / n) for n in ("daily-papers.txt", "list.yaml", "refs.bib", "papers.jsonl")
    )
    assert (summary.files, summary.read, summary.merged) == (4, 131, 6)
    assert summary.written == len(index.entries) == 125
    assert summary.without_abstract == 0
    assert summary.merges == (
        ((txt, yml), 1),
        ((txt, yml, jsonl, bib), 3),
        ((txt, jsonl), 1),
        ((yml, bib), 1),
    )
    lines = summary.lines()
    assert lines[0].startswith("read 131 papers from 4 file(s); merged 6 duplicate(s); skipped 0")
    assert f"merged 3 duplicate(s) from {txt} + {yml} + {jsonl} + {bib}" in lines


def test_four_records_of_one_paper_make_one_page(built: tuple[Path, Index, Summary]) -> None:
    library, index, _ = built
    galore = entry(index, GALORE)
    assert galore.slug == "2403.03507"  # the strongest id places the page
    paper = galore.paper
    assert paper.title == GALORE  # the seed's, not the lower-cased copy
    assert paper.abstract.startswith("Training Large Language Models")  # the seed's, longest
    assert paper.authors == ("A", "B", "C")  # the longest list
    assert paper.tags == ("low-rank", "memory")
    assert paper.note == "Compare with LoRA."
    assert paper.date == "2024-07"
    assert paper.bibtex.startswith("@inproceedings{zhao2024galore,")
    assert [Path(s).name for s in paper.sources] == [
        "daily-papers.txt",
        "list.yaml",
        "papers.jsonl",
        "refs.bib",
    ]
    page = (library.parent / "docs" / "papers" / "2403.03507.md").read_text("utf-8")
    assert "<strong>Tags:</strong> low-rank · memory" in page
    assert "<blockquote><p><strong>Note:</strong> Compare with LoRA.</p></blockquote>" in page


def test_merges_by_title_and_by_doi(built: tuple[Path, Index, Summary]) -> None:
    _, index, _ = built
    multigrid = entry(index, MULTIGRID)
    assert multigrid.paper.doi == "10.5555/multigrid.2020"
    assert multigrid.paper.abstract  # from the seed list
    assert entry(index, "One Epoch Is All You Need").key == "arxiv:1906.06669"
    # One DOI written two ways; the titles differ but share their words.
    sparse = entry(index, "Sparse Ratio Estimation, Revisited")
    assert sparse.key == "doi:10.5555/sre.1"
    assert sparse.paper.abstract.startswith("Ratio estimation")
    assert sparse.paper.tags == ("estimation",)


def test_different_papers_stay_apart(built: tuple[Path, Index, Summary]) -> None:
    _, index, _ = built
    assert entry(index, "Deep Model Assembling").key != entry(index, "Deep Model Assembling II").key
    widgets = [e for e in index.entries if e.paper.title == "Scaling Laws for Widgets"]
    assert sorted(e.slug for e in widgets) == ["2501.00001", "2501.00002"]


def paper(title: str, **fields: Any) -> Paper:
    return Paper(title=title, abstract=fields.pop("abstract", ""), origin=Origin("a.bib"), **fields)


def test_identity_rules() -> None:
    same_doi = [paper("X", doi="https://doi.org/10.5555/ABC"), paper("X", doi="doi:10.5555/abc")]
    assert merge_duplicates(same_doi)[1] == 1
    arxiv_doi = [paper("Y", doi="10.48550/arXiv.2101.00001"), paper("Y", id="2101.00001v3")]
    assert merge_duplicates(arxiv_doi)[1] == 1
    assert paper_arxiv(arxiv_doi[0]) == "2101.00001"
    # A journal version may reword its preprint's title: the id decides.
    renamed = [
        paper("Fast Widgets", id="2101.00003"),
        paper("Fast Widgets at Scale", id="2101.00003"),
    ]
    assert merge_duplicates(renamed)[1] == 1
    # Same DOI but two arXiv ids, same title but two DOIs: two papers each.
    two_ids = [
        paper("Z", doi="10.5555/z", id="2101.00004"),
        paper("Z", doi="10.5555/z", id="2101.00005"),
    ]
    assert merge_duplicates(two_ids)[1] == 0
    assert merge_duplicates([paper("W", doi="10.5555/w1"), paper("W", doi="10.5555/w2")])[1] == 0
    assert merge_duplicates([paper("Title"), paper("Title II"), paper("Title: II")])[1] == 1
    assert normal_doi("DOI: 10.5555/X") == "10.5555/x" and normal_doi("11.1/x") == ""


def test_an_id_on_unrelated_titles_keeps_both_papers_and_is_reported(tmp_path: Path) -> None:
    # As in a real al-folio file: an `arxiv = {…}` line copied into the next entry.
    first = "Elastic CRFs for Open-Ontology Slot Filling"
    second = "Improved Learning of Word Embeddings with Word Definitions"
    library = tmp_path / "mine.bib"
    entries = [
        f"@misc{{{n},\n  title = {{{t}}},\n  arxiv = {{1811.01331}},\n}}\n"
        for n, t in enumerate((first, second))
    ]
    library.write_text("\n".join(entries), "utf-8")
    # With the seed list: related.py's TF-IDF needs a library of four papers or more.
    index, summary = generate([SEED, library], tmp_path / "docs")
    keys = {e.key for e in index.entries if e.paper.sources == (str(library),)}
    assert keys == {"arxiv:1811.01331", "title:improvedlearningofwordembeddingswithworddefinitions"}
    assert summary.merged == 0
    assert summary.shared_ids == (("arxiv:1811.01331", (first, second)),)
    assert summary.without_abstract == 2
    assert summary.lines()[0].endswith("; 2 without an abstract")
    assert summary.lines()[1].startswith(
        "kept apart: 2 papers share arxiv:1811.01331 but not a title"
    )


def test_bad_records_across_formats_are_all_listed_and_skippable(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(SEED, library / "a.txt")
    (library / "b.yaml").write_text("- title: Fine\n- date: 2020\n", "utf-8")
    (library / "c.bib").write_text("@misc{x,\n  year = 2020,\n}\n@misc{y, title = {Y}}\n", "utf-8")
    (library / "d.json").write_text(
        '[{"type": "book", "issued": {"date-parts": [[2020]]}}]', "utf-8"
    )
    args = ["build", "--docs", str(tmp_path / "docs"), "--no-site", "--papers", str(library)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code != 0
    problems = [
        f"{library / 'b.yaml'}:2:3: paper 2 has no title",
        f"{library / 'c.bib'}:1: @misc{{x}} has no title",
        f"{library / 'd.json'}:1: item 1 has no title",
    ]
    assert all(f"error: {p}" in refused.output for p in problems), refused.output
    assert not (tmp_path / "docs").exists()
    built = CliRunner().invoke(main, [*args, "--skip-invalid"])
    assert built.exit_code == 0, built.output
    assert "read 123 papers from 4 file(s); merged 0 duplicate(s); skipped 3" in built.output
    assert all(f"skipped: {p}" in built.output for p in problems)


RECORD = st.builds(
    lambda title, arxiv, doi: (title, arxiv, doi),
    st.sampled_from(["Widgets", "Widgets II", "widgets!", "Gadgets", "Fast Gadgets at Scale"]),
    st.sampled_from(["", "", "2101.00001", "2101.00002"]),
    st.sampled_from(["", "", "10.5555/a", "10.5555/B"]),
)


@given(st.lists(RECORD, max_size=12))
def test_merging_keeps_every_record_and_never_joins_two_ids(records: list[Any]) -> None:
    papers = [
        Paper(title=t, abstract="", origin=Origin(f"r{i}"), id=a, doi=d)
        for i, (t, a, d) in enumerate(records)
    ]
    by_key, merged = merge_duplicates(papers)
    groups = [[int(s[1:]) for s in p.sources] for p in by_key.values()]
    assert sorted(i for g in groups for i in g) == list(range(len(papers)))
    assert merged == len(papers) - len(by_key)
    for group in groups:
        assert len({records[i][1] for i in group} - {""}) <= 1  # one arXiv id at most
        for i in group:
            # Each record shares its arXiv id, its DOI or its exact title with another one.
            others = [records[j] for j in group if j != i]
            title, arxiv, doi = records[i]
            assert not others or any(
                (arxiv and arxiv == o[1])
                or (doi and doi.lower() == o[2].lower())
                or normal_title(title) == normal_title(o[0])
                for o in others
            )
