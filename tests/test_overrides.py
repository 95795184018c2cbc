"""The owner's say: themes.yml renames, merges, hides and pins; shared tags are themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import InputError
from generator.index.overrides import apply_overrides
from generator.model import Theme, ThemeOverrides
from generator.pipeline import prepare
from generator.sources import library_files
from generator.sources.theme_overrides import parse

KEYS = ["p0", "p1", "p2", "p3", "p4"]
TEXTS = [
    "Sparse autoencoders for LLM agents.",
    "LLM agents plan with sparse autoencoders.",
    "Gaussian splatting of scenes.",
    "Neural radiance fields and gaussian splatting.",
    "Neural radiance fields at scale.",
]
THEMES = (
    Theme("gaussian splatting", "gaussian splatting", "gaussian-splatting", ("p2", "p3")),
    Theme("llm agent", "LLM agents", "llm-agent", ("p0", "p1")),
    Theme("neural radiance field", "neural radiance fields", "nerf", ("p3", "p4")),
)
PAPER_THEMES = [
    ("llm agent",),
    ("llm agent",),
    ("gaussian splatting",),
    ("neural radiance field", "gaussian splatting"),
    ("neural radiance field",),
]


def overridden(text: str, tags: list[tuple[str, ...]] | None = None):  # type: ignore[no-untyped-def]
    overrides, problems = parse("themes.yml", text)
    assert not problems
    return apply_overrides(THEMES, PAPER_THEMES, KEYS, TEXTS, tags or [()] * len(KEYS), overrides)


def test_rename_keeps_the_address_and_changes_the_name() -> None:
    themes, _, problems = overridden("rename:\n  LLM agent: language-model agents\n")
    assert not problems
    agent = next(t for t in themes if t.key == "llm agent")
    assert (agent.label, agent.slug) == ("language-model agents", "llm-agent")


def test_merge_folds_papers_and_each_paper_lists_the_theme_once() -> None:
    themes, mine, problems = overridden("merge:\n  neural radiance fields: [gaussian splatting]\n")
    assert not problems
    assert [t.key for t in themes] == ["llm agent", "neural radiance field"]
    assert themes[1].papers == ("p2", "p3", "p4")
    assert mine[3] == ("neural radiance field",)
    assert mine[2] == ("neural radiance field",)


def test_hide_removes_the_theme_from_its_papers() -> None:
    themes, mine, problems = overridden("hide: [gaussian splatting]\n")
    assert not problems
    assert "gaussian splatting" not in {t.key for t in themes}
    assert mine[2] == () and mine[3] == ("neural radiance field",)


def test_pin_makes_a_theme_of_every_paper_using_the_phrase() -> None:
    themes, mine, problems = overridden("pin: [sparse autoencoders]\n")
    assert not problems
    pinned = next(t for t in themes if t.label == "sparse autoencoders")
    assert pinned.papers == ("p0", "p1")
    assert mine[0] == ("llm agent", pinned.key)


def test_tags_shared_by_two_papers_are_themes_under_their_own_name() -> None:
    tags = [("Agents",), ("agents",), ("rendering",), (), ()]
    themes, mine, problems = overridden("", tags)
    assert not problems
    agent = next(t for t in themes if t.key == "llm agent")
    assert {t.label for t in themes} >= {"Agents"}
    assert "rendering" not in {t.label for t in themes}  # one paper only
    assert agent.label == "LLM agents"  # the tag "Agents" is another theme
    assert mine[0] == ("llm agent", "agent")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("rename: [a, b]\n", 1, "expected a mapping of theme names"),
        ("hide: [warmup, {a: b}]\n", 1, "expected a theme name"),
        ("bogus: 1\n", 1, "unknown section 'bogus'"),
        ("rename:\n  a: [b]\n", 2, "expected the new name of 'a'"),
        ("hide: [x]\npin: [X]\n", 1, "'x' is both hidden and pinned"),
        ("merge:\n  a: [a]\n", 2, "'a' merged into itself"),
        ("hide: [x\n", 2, "invalid YAML"),
        ("- a\n", 1, "expected a mapping"),
    ],
)
def test_each_kind_of_mistake_names_its_line(text: str, line: int, message: str) -> None:
    _, problems = parse("themes.yml", text)
    assert problems and problems[0].line == line and message in problems[0].message, problems


def test_a_name_that_matches_no_theme_is_an_error_with_a_suggestion() -> None:
    overrides, _ = parse("themes.yml", "hide:\n  - gaussian splating\n")
    _, _, problems = apply_overrides(THEMES, PAPER_THEMES, KEYS, TEXTS, [()] * 5, overrides)
    assert [(p.line, p.message) for p in problems] == [
        (2, "no theme 'gaussian splating'; did you mean 'gaussian splatting'?")
    ]


def test_a_pinned_phrase_no_paper_uses_is_an_error() -> None:
    overrides, _ = parse("themes.yml", "pin: [quantum annealing]\n")
    _, _, problems = apply_overrides(THEMES, PAPER_THEMES, KEYS, TEXTS, [()] * 5, overrides)
    assert [p.message for p in problems] == ["no paper uses 'quantum annealing'"]


def test_the_file_beside_the_library_is_read_and_is_not_a_paper_list(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "papers" / "daily-papers.txt"
    (tmp_path / "daily-papers.txt").write_bytes(seed.read_bytes())
    (tmp_path / "themes.yml").write_text("hide: [no such theme here]\n", encoding="utf-8")
    assert library_files(tmp_path) == [tmp_path / "daily-papers.txt"]
    with pytest.raises(InputError, match=r"themes.yml:1: no theme 'no such theme here'"):
        prepare([tmp_path])


def test_no_file_changes_nothing() -> None:
    themes, mine, problems = apply_overrides(
        THEMES, PAPER_THEMES, KEYS, TEXTS, [()] * 5, ThemeOverrides()
    )
    assert (themes, mine, problems) == (THEMES, PAPER_THEMES, [])
