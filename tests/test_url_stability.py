"""URLs never move: a paper's URL depends on that paper alone.

Random libraries of distinct papers, each given as one to three records (spelling variants,
ids written differently), are indexed whole, in another order and with papers left out;
every paper present in two of them has the same slug in both. Papers that claim one id
under different titles are left out by construction: two papers cannot both keep one URL.
"""

from __future__ import annotations

import dataclasses
import string
import unicodedata
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.identifiers import normal_title
from generator.index.build import index_library
from generator.model import Origin, Paper

# A small vocabulary, so that titles often share words and readable slugs often collide.
WORDS = st.sampled_from(
    [
        "scaling",
        "laws",
        "for",
        "neural",
        "models",
        "café",
        "résumé",
        "straße",
        "模型",
        "ωmega",
        "naïve",
        "ﬁne",
        "İstanbul",
        "a",
        "the",
        "???",
    ]
) | st.text(string.ascii_lowercase, min_size=1, max_size=5)


@dataclass(frozen=True)
class Work:
    """One paper as the library knows it: its title words and the ids it may carry."""

    number: int
    words: tuple[str, ...]
    arxiv: str
    doi: str


def spelling(words: tuple[str, ...], variant: int) -> str:
    """The same title as another record may spell it: case, punctuation, Unicode form."""
    title = " ".join(words)
    return [
        title.capitalize(),
        title.upper(),
        title.title() + "?",
        unicodedata.normalize("NFD", title),
        title.replace(" ", "\u200b  ", 1) + " ",
        ": ".join(words),
    ][variant]


@st.composite
def record(draw: st.DrawFn, work: Work) -> Paper:
    ids: dict[str, str] = {}
    if work.arxiv and draw(st.booleans()):
        form = draw(st.sampled_from(["{}", "arXiv:{}v2", "https://arxiv.org/abs/{}"]))
        ids["id" if form != "https://arxiv.org/abs/{}" else "url"] = form.format(work.arxiv)
    if work.doi and draw(st.booleans()):
        ids["doi"] = draw(st.sampled_from(["{}", "https://doi.org/{}", "doi:{}"])).format(work.doi)
    # A title without letters or digits is compared as written: its variants are other papers.
    variants = 5 if normal_title(" ".join(work.words)) else 0
    title = spelling(work.words, draw(st.integers(0, variants)))
    abstract = f"Paper {work.number} studies {' '.join(work.words)} with care and rigour."
    origin = Origin(f"work-{work.number}")
    id_, url, doi = (ids.get(field, "") for field in ("id", "url", "doi"))
    return Paper(title, abstract, origin, id=id_, url=url, doi=doi)


@st.composite
def library(draw: st.DrawFn) -> list[tuple[Work, list[Paper]]]:
    count = draw(st.integers(1, 7))
    titles = draw(
        st.lists(
            st.lists(WORDS, min_size=1, max_size=4).map(tuple),
            min_size=count,
            max_size=count,
            unique_by=lambda w: normal_title("".join(w)),
        )
    )
    arxivs = draw(
        st.lists(
            st.from_regex(r"\A2[0-9]{3}\.[0-9]{5}\Z"), min_size=count, max_size=count, unique=True
        )
    )
    works = [
        Work(
            i,
            words,
            arxivs[i] if draw(st.booleans()) else "",
            f"10.1234/w{i}" if draw(st.booleans()) else "",
        )
        for i, words in enumerate(titles)
    ]
    return [(w, draw(st.lists(record(w), min_size=1, max_size=3))) for w in works]


def slugs(records: list[Paper]) -> dict[str, str]:
    """Slug by work, checking that each work is one paper and no two works merged."""
    index, _ = index_library(records)
    found = {e.paper.origin.file: e.slug for e in index.entries}
    assert len(found) == len(index.entries) == len({r.origin.file for r in records})
    for entry in index.entries:
        assert set(entry.paper.sources) == {entry.paper.origin.file}
    return found


def sources(records: list[Paper]) -> list[Paper]:
    """`sources` as the readers set them: the file each record came from."""
    return [dataclasses.replace(r, sources=(r.origin.file,)) for r in records]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(library(), st.data())
def test_a_papers_url_does_not_depend_on_the_other_papers(
    works: list[tuple[Work, list[Paper]]], data: st.DataObject
) -> None:
    everything = sources([r for _, records in works for r in records])
    whole = slugs(everything)
    shuffled = slugs(data.draw(st.permutations(everything), label="reordered"))
    assert shuffled == whole
    kept = data.draw(st.sets(st.sampled_from([w.number for w, _ in works])), label="kept")
    subset = [r for r in everything if int(r.origin.file.removeprefix("work-")) in kept]
    alone = slugs(subset) if subset else {}
    assert alone == {work: slug for work, slug in whole.items() if work in alone}
    assert set(alone) == {f"work-{n}" for n in kept}
