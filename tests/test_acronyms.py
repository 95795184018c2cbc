"""Acronyms learnt from the library, and folded into the phrase they stand for."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.index import acronyms
from generator.index.acronyms import acronym_definitions, canonical, expansion_of
from generator.model import Keyword


def kw(*keys: str) -> tuple[Keyword, ...]:
    return tuple(Keyword(k, k) for k in keys)


def test_expansion_matches_initials() -> None:
    assert expansion_of("we adapt with Low-Rank Adaptation ", "LoRA") == "Low-Rank Adaptation"
    assert expansion_of("trained by reinforcement learning ", "RL") == "reinforcement learning"
    assert expansion_of("a chain of thought ", "CoT") == "chain of thought"
    assert expansion_of("some unrelated words ", "LLM") == ""


def test_digits_and_function_words_spell_acronyms_too() -> None:
    assert expansion_of("we use 3D Gaussian Splatting ", "3DGS") == "3D Gaussian Splatting"
    assert expansion_of("patients with apraxia of speech ", "AOS") == "apraxia of speech"
    assert expansion_of("of the ", "OT") == ""


def test_an_expansion_holds_the_whole_hyphenated_word_it_starts_in() -> None:
    """MLLM's initials end-align from "modal" on; "modal large language models" was a theme."""
    text = "we study Multi-modal Large Language Models "
    assert expansion_of(text, "MLLM") == "Multi-modal Large Language Models"
    assert expansion_of("a new\nhigh-resolution image generator ", "RIG") == (
        "high-resolution image generator"
    )
    assert expansion_of("with multi-head self-attention ", "MHSA") == "multi-head self-attention"


def test_definitions_keep_how_the_library_spells_them() -> None:
    found = acronym_definitions(
        ["We render with 3D Gaussian Splatting (3DGS).", "3D Gaussian splatting (3DGS) again."]
    )
    (definition,) = found.values()
    assert definition.expansion == "3d gaussian splatting"
    assert definition.acronym == "3DGS"
    assert definition.spelled == "3D Gaussian Splatting"


def test_acronyms_fold_also_inside_longer_phrases() -> None:
    definitions = acronym_definitions(["We tune large language models (LLMs) quickly."])
    folded = canonical([kw("llm", "multimodal llm", "graph")], definitions)
    assert [k.key for k in folded[0]] == [
        "large language model",
        "multimodal large language model",
        "graph",
    ]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["Low-Rank Adaptation ", "(LoRA)", "(LLMs)", "(a)", "(GPT-4o)", "(", ")", "3D "]
            ),
            st.text("abcXYZé -'(_)9.,\t\n", max_size=12),
        ),
        max_size=30,
    ).map("".join)
)
@example("the Low-Rank Adaptation (LoRA) and (x) Reinforcement Learning (RL) (RL)")
@example("3D Gaussian Splatting (3DGS) and (9) 2D (2D)")
@example("one two three four five six seven eight nine (ONE) (see Low-Rank Adaptation (LoRA)")
@example("x.éa Low_Rank 'Adaptation\t(LRA)")
def test_definitions_are_found_as_a_full_scan_finds_them(text: str) -> None:
    found = [(m.start(), m.group(0)) for m in acronyms.definitions_in(text)]
    assert found == [(m.start(), m.group(0)) for m in acronyms.DEFINITION.finditer(text)]
