"""Theme stage: shared keyphrases, acronyms folded into what they stand for."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import themes
from generator.model import Keyword
from generator.themes import (
    ThemeSettings,
    acronym_definitions,
    build_themes,
    canonical,
    expansion_of,
    subsumed,
)

SETTINGS = ThemeSettings(floor=30)


def kw(*keys: str) -> tuple[Keyword, ...]:
    return tuple(Keyword(k, k) for k in keys)


def test_expansion_matches_initials() -> None:
    assert expansion_of("we adapt with Low-Rank Adaptation ", "LoRA") == "Low-Rank Adaptation"
    assert expansion_of("trained by reinforcement learning ", "RL") == "reinforcement learning"
    assert expansion_of("a chain of thought ", "CoT") == "chain of thought"
    assert expansion_of("some unrelated words ", "LLM") == ""


def test_acronyms_fold_into_one_theme() -> None:
    definitions = acronym_definitions(["We tune large language models (LLMs) quickly."])
    assert definitions["llm"][0] == "large language model"
    folded = canonical([kw("llm"), kw("large language model"), kw("graph")], definitions)
    themes, per_paper = build_themes(["a", "b", "c"], folded, definitions, SETTINGS)
    assert [t.key for t in themes] == ["large language model"]
    assert themes[0].papers == ("a", "b")
    assert themes[0].label == "large language model (LLM)"
    assert per_paper == [("large language model",), ("large language model",), ()]


def test_a_theme_needs_two_papers() -> None:
    themes, _ = build_themes(["a", "b"], [kw("x", "y"), kw("y")], {}, SETTINGS)
    assert [t.key for t in themes] == ["y"]


def test_too_common_keys_are_not_themes() -> None:
    keys = [str(i) for i in range(40)]
    candidates = [kw("everywhere", f"pair{i // 2}") for i in range(40)]
    themes, _ = build_themes(keys, candidates, {}, SETTINGS)
    assert "everywhere" not in {t.key for t in themes}
    assert len(themes) == 20


def test_fragment_carried_by_a_longer_theme_is_dropped() -> None:
    members = {"large language": frozenset("ab"), "large language model": frozenset("abc")}
    assert subsumed(members) == {"large language"}


def test_reserve_keywords_found_no_theme() -> None:
    loose = (Keyword("x", "x", reserve=True),)
    themes, _ = build_themes(["a", "b"], [loose, loose], {}, SETTINGS)
    assert themes == ()


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                ["Low-Rank Adaptation ", "(LoRA)", "(LLMs)", "(a)", "(GPT-4o)", "(", ")", "3D "]
            ),
            st.text("abcXYZ -'(_)9\n", max_size=12),
        ),
        max_size=30,
    ).map("".join)
)
@example("the Low-Rank Adaptation (LoRA) and (x) Reinforcement Learning (RL) (RL)")
def test_definitions_are_found_as_a_full_scan_finds_them(text: str) -> None:
    found = [(m.start(), m.group(0)) for m in themes.definitions_in(text)]
    assert found == [(m.start(), m.group(0)) for m in themes.DEFINITION.finditer(text)]
