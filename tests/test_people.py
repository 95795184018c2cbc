"""One person, many spellings: initials against full names, kept apart when in doubt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.index.people import agree, name_key, name_parts, same_people

# Files of up to 500 papers are a researcher's own list; "big.jsonl" is a large library.
SMALL, BIG = "lab.bib", "big.jsonl"


def person(papers: list[list[str]], file: str, name: str) -> str:
    files = [file] * len(papers)
    sizes = {SMALL: len(papers), BIG: 10_000}
    return same_people(papers, files, sizes)[name_key(name)]


@pytest.mark.parametrize(
    ("papers", "file", "name", "into"),
    [
        # Initials against the full name, with a shared co-author.
        ([["H. Botha", "K. Josephs"], ["Hugo Botha", "K. Josephs"]], BIG, "H. Botha", "Hugo Botha"),
        # A missing middle initial.
        ([["Val J. Lowe", "C. Jack"], ["Val Lowe", "C. Jack"]], BIG, "Val Lowe", "Val J. Lowe"),
        # The same small file is evidence enough.
        ([["J. L. Whitwell"], ["Jennifer L. Whitwell"]], SMALL, "J. L. Whitwell",
         "Jennifer L. Whitwell"),
        # Family name first without a comma, in a small file: into the more used spelling.
        ([["Botha Hugo"], ["Hugo Botha"], ["Hugo Botha"]], SMALL, "Botha Hugo", "Hugo Botha"),
    ],
)  # fmt: skip
def test_spellings_of_one_person_merge(
    papers: list[list[str]], file: str, name: str, into: str
) -> None:
    assert person(papers, file, name) == name_key(into)


@pytest.mark.parametrize(
    ("papers", "file", "name"),
    [
        # No shared co-author, no small file: no evidence.
        ([["H. Botha", "A. Person"], ["Hugo Botha", "B. Other"]], BIG, "H. Botha"),
        # "J. Li" could be either of two people.
        ([["Jun Li", "Wei Zhang"], ["Jie Li", "Wei Zhang"], ["J. Li", "Wei Zhang"]], BIG, "J. Li"),
        # Different given names, even in one small file.
        ([["Jun Li", "Wei Zhang"], ["Jie Li", "Wei Zhang"]], SMALL, "Jun Li"),
        # A hyphenated given name is one name: "Wei Wu" is not "Wei-Chi Wu".
        ([["Wei Wu", "Ann Lee"], ["Wei-Chi Wu", "Ann Lee"]], BIG, "Wei Wu"),
        # A full name is never merged into an initial.
        ([["Jun Zhang", "Ann Lee"], ["J. Andrew Zhang", "Ann Lee"]], BIG, "Jun Zhang"),
        # In a large library, "Chen Xu" and "Xu Chen" are two people.
        ([["Chen Xu", "Ann Lee"], ["Xu Chen", "Ann Lee"], ["Xu Chen"]], BIG, "Chen Xu"),
    ],
)  # fmt: skip
def test_people_who_may_differ_stay_apart(papers: list[list[str]], file: str, name: str) -> None:
    assert person(papers, file, name) == name_key(name)


def test_family_name_first_is_read_as_such() -> None:
    assert name_parts("Müller, Hans-Peter") == name_parts("Hans-Peter Müller")
    assert name_parts("Hans-Peter Müller") == ("muller", ("hanspeter",))


NAMES = st.lists(st.sampled_from("anna a ben b carl c d dora".split()), min_size=1, max_size=3)


@given(NAMES, NAMES)
def test_a_name_agrees_with_itself_and_never_with_another_first_name(
    short: list[str], full: list[str]
) -> None:
    assert agree(tuple(short), tuple(short))
    if len(short[0]) > 1 and short[0] != full[0]:
        assert not agree(tuple(short), tuple(full))
