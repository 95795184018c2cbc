"""Keyword stage: YAKE candidates normalised, filtered and de-nested."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.index.keywords import (
    KeywordSettings,
    candidate_keywords,
    display_form,
    nested,
    phrase_key,
    sentence_case_title,
    shown_keywords,
    singular,
)
from generator.model import Keyword

SETTINGS = KeywordSettings()
TITLE = "Low-Rank Adaptation for Efficient Fine-Tuning of Large Language Models"
ABSTRACT = (
    "Large language models (LLMs) are expensive to fine-tune. Low-rank adaptation (LoRA) trains "
    "small low-rank matrices instead of full weights. We study LoRA for large language models on "
    "reasoning benchmarks and show that LoRA matches full fine-tuning of LLMs while training far "
    "fewer parameters. Our LoRA variant also improves reinforcement learning (RL) from human "
    "feedback, where RL needs many rollouts. Experiments on GPT-4 distilled data and 3D scenes "
    "confirm the gains of low-rank adaptation for large language models."
)


def keywords() -> tuple[Keyword, ...]:
    return candidate_keywords(TITLE, ABSTRACT, SETTINGS)


def test_acronyms_survive() -> None:
    texts = {k.text for k in keywords()}
    assert "LoRA" in texts
    assert {"LLMs", "RL"} & texts


def test_keys_fold_case_plural_and_hyphen() -> None:
    assert phrase_key("Large Language Models") == phrase_key("large language model")
    assert phrase_key("fine-tuning") == phrase_key("Fine Tuning")
    assert phrase_key("LLMs") == "llm"
    assert singular("studies") == "study" and singular("analysis") == "analysis"
    assert singular("approaches") == "approach" and singular("series") == "series"


def test_keys_are_unique_per_paper() -> None:
    keys = [k.key for k in keywords()]
    assert len(keys) == len(set(keys))


def test_shown_keywords_are_not_nested_and_not_generic() -> None:
    generic = frozenset({"lora"})
    shown = shown_keywords(keywords(), generic, 8)
    assert 1 <= len(shown) <= 8
    assert "lora" not in {k.key for k in shown}
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            assert not nested(a.key, b.key), (a, b)


def test_title_case_does_not_dominate() -> None:
    folded = sentence_case_title("Efficient Training of Video Models", "we train video models")
    assert folded == "Efficient Training of video models"


def test_display_keeps_acronyms_and_mixed_case() -> None:
    assert display_form("Efficient LoRA Training") == "efficient LoRA training"
    assert display_form("GPT-4 Models") == "GPT-4 models"


def test_reserve_phrases_only_fill_short_lists() -> None:
    strong = tuple(Keyword(f"k{i}", f"k{i}") for i in range(6))
    reserve = (Keyword("r", "r", reserve=True),)
    assert shown_keywords(strong + reserve, frozenset(), 8) == strong
    assert shown_keywords(strong[:2] + reserve, frozenset(), 8) == strong[:2] + reserve


def test_empty_and_tiny_text() -> None:
    """No text gives no keyword; a title alone still gives its noun phrase."""
    assert candidate_keywords("", "", SETTINGS) == ()
    assert candidate_keywords("A", "", SETTINGS) == ()
    title_only = candidate_keywords("Graph neural networks", "", SETTINGS)
    assert [(k.key, k.text) for k in title_only] == [
        ("graph neural network", "graph neural networks")
    ]


@given(st.text(max_size=300), st.text(max_size=2000))
def test_never_fails_and_keys_are_normalised(title: str, abstract: str) -> None:
    for keyword in candidate_keywords(title, abstract, SETTINGS):
        assert keyword.key == phrase_key(keyword.key)
        assert keyword.key == keyword.key.lower()


def test_a_phrase_only_ever_used_inside_a_longer_one_is_no_keyword() -> None:
    title = "Monte Carlo Tree Search for Large Language Models"
    abstract = (
        "We study Monte Carlo tree search with large language models. Monte Carlo tree "
        "search guides large language models through reasoning; large language models "
        "propose moves and Monte Carlo tree search ranks them."
    )
    keys = {k.key for k in candidate_keywords(title, abstract, KeywordSettings())}
    assert "carlo tree search" not in keys and "monte carlo tree" not in keys
    assert "large language" not in keys
    assert "large language model" in keys


def test_only_noun_phrases_that_could_name_a_topic_are_shown() -> None:
    from generator.index.phrases import can_show

    assert not can_show("image", "image")
    assert not can_show("training-free", "training free")
    assert not can_show("fine-tuning large", "fine tuning large")
    assert can_show("hypernetwork", "hypernetwork")
    assert can_show("point tracking", "point tracking")
    assert can_show("LLaMA", "llama")
