"""Which phrases name a theme, and how a theme reads."""

from __future__ import annotations

from collections import Counter

from generator.index.phrases import can_name_theme, reader_form, theme_label


def test_topics_name_themes_and_research_prose_does_not() -> None:
    for key in ["gaussian splatting", "protein folding", "retrieval", "knowledge graph", "3d"]:
        assert can_name_theme(key), key
    for key in ["accuracy", "deep learning", "llm based", "fine grained", "7b", "of speech"]:
        assert not can_name_theme(key), key
    assert can_name_theme("implicit neural representation")
    assert not can_name_theme("representation")
    assert not can_name_theme("fine tuning method")


def test_labels_are_the_longest_frequent_form_with_the_acronym() -> None:
    forms = Counter({"Gaussian splatting": 5, "3D Gaussian Splatting": 4, "GS": 1})
    assert theme_label(forms, ["3DGS"]) == "3D gaussian splatting (3DGS)"
    assert theme_label(Counter({"LoRA": 3}), ["LoRA"]) == "LoRA"
    assert reader_form("Retrieval-Augmented Generation") == "retrieval-augmented generation"
    assert reader_form("LLaMA NeRF") == "LLaMA NeRF"
