"""One person, many spellings: initials against full names, kept apart when in doubt."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.index.people import agree, name_key, name_parts, same_people


def people(
    papers: list[list[str]], files: list[str] | None = None, size: int = 10
) -> dict[str, str]:
    files = files or ["big.jsonl"] * len(papers)
    sizes = {f: (size if f != "big.jsonl" else 10_000) for f in files}
    return same_people(papers, files, sizes)


def test_initials_and_full_name_with_a_shared_coauthor_are_one_person() -> None:
    found = people([["H. Botha", "Keith A. Josephs"], ["Hugo Botha", "Keith A. Josephs"]])
    assert found[name_key("H. Botha")] == name_key("Hugo Botha")


def test_a_missing_middle_initial_is_one_person() -> None:
    found = people([["Val J. Lowe", "Clifford R. Jack"], ["Val Lowe", "Clifford R. Jack"]])
    assert found[name_key("Val Lowe")] == name_key("Val J. Lowe")


def test_the_same_small_file_is_evidence_enough() -> None:
    papers = [["J. L. Whitwell"], ["Jennifer L. Whitwell"]]
    found = people(papers, ["lab.bib", "lab.bib"])
    assert found[name_key("J. L. Whitwell")] == name_key("Jennifer L. Whitwell")


def test_without_evidence_spellings_stay_apart() -> None:
    found = people([["H. Botha", "A. Person"], ["Hugo Botha", "B. Other"]])
    assert found[name_key("H. Botha")] == name_key("H. Botha")


def test_two_people_with_the_same_initials_are_kept_apart() -> None:
    papers = [
        ["Jun Li", "Wei Zhang"],
        ["Jie Li", "Wei Zhang"],
        ["J. Li", "Wei Zhang"],
    ]
    found = people(papers)
    assert found[name_key("Jun Li")] == name_key("Jun Li")
    assert found[name_key("Jie Li")] == name_key("Jie Li")
    assert found[name_key("J. Li")] == name_key("J. Li")  # could be either


def test_different_given_names_never_merge() -> None:
    found = people([["Jun Li", "Wei Zhang"], ["Jie Li", "Wei Zhang"]], ["a.bib", "a.bib"])
    assert found[name_key("Jun Li")] != found[name_key("Jie Li")]


def test_family_name_first_is_read_as_such() -> None:
    assert (
        name_parts("Müller, Hans-Peter")
        == name_parts("Hans-Peter Müller")
        == (
            "muller",
            ("hanspeter",),
        )
    )


NAMES = st.lists(st.sampled_from("anna a ben b carl c d dora".split()), min_size=1, max_size=3)


@given(NAMES, NAMES)
def test_agreement_is_symmetric_in_what_it_allows(short: list[str], full: list[str]) -> None:
    """A name agrees with itself; two names whose first names differ in full never agree."""
    assert agree(tuple(short), tuple(short))
    if len(short[0]) > 1 and len(full[0]) > 1 and short[0] != full[0]:
        assert not agree(tuple(short), tuple(full))


def test_a_name_written_family_first_without_a_comma_is_one_person() -> None:
    found = people([["Botha Hugo"], ["Hugo Botha"], ["Hugo Botha"]], ["lab.bib"] * 3)
    assert found[name_key("Botha Hugo")] == name_key("Hugo Botha")
    assert found[name_key("Hugo Botha")] == name_key("Hugo Botha")


def test_a_hyphenated_given_name_is_one_name() -> None:
    """ "Wei Wu" is not "Wei-Chi Wu" without a middle name."""
    found = people([["Wei Wu", "Ann Lee"], ["Wei-Chi Wu", "Ann Lee"]])
    assert found[name_key("Wei Wu")] == name_key("Wei Wu")


def test_a_full_name_is_not_merged_into_an_initial() -> None:
    found = people([["Jun Zhang", "Ann Lee"], ["J. Andrew Zhang", "Ann Lee"]])
    assert found[name_key("Jun Zhang")] == name_key("Jun Zhang")


def test_in_a_large_library_a_turned_name_is_another_person() -> None:
    found = people([["Chen Xu", "Ann Lee"], ["Xu Chen", "Ann Lee"], ["Xu Chen"]])
    assert found[name_key("Chen Xu")] == name_key("Chen Xu")
