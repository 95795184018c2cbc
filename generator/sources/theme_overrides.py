"""The site owner's theme overrides: `themes.yml` beside the library.

    rename:            # theme: new name
      LLM agents: language-model agents
    merge:             # theme: themes folded into it
      image alignment: [image registration]
    hide: [GPU]        # themes not shown
    pin: [sparse autoencoders]   # phrases that are themes whatever the theme stage decides

Read from PyYAML's node tree, so every message names the line and column at fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem
from generator.model import Named, Origin, ThemeOverrides
from generator.sources import OVERRIDES
from generator.sources.yaml_list import place, text_of

SECTIONS = ("rename", "merge", "hide", "pin")


def overrides_path(root: Path) -> Path:
    """Where a library's overrides live: in its folder, or beside its one file."""
    return (root if root.is_dir() else root.parent) / OVERRIDES


def overrides_files(roots: Sequence[Path]) -> list[Path]:
    """The overrides files of a library's folders, each once, in order."""
    return [path for path in dict.fromkeys(map(overrides_path, roots)) if path.is_file()]


def read_overrides(roots: Sequence[Path]) -> tuple[ThemeOverrides, list[Problem]]:
    """Every library folder's overrides, in order; a folder without the file has none."""
    found = ThemeOverrides()
    problems: list[Problem] = []
    for path in overrides_files(roots):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            problems.append(Problem(str(path), 0, f"cannot read: {err}"))
            continue
        more, trouble = parse(str(path), text)
        problems.extend(trouble)
        found = ThemeOverrides(
            found.rename + more.rename,
            found.merge + more.merge,
            found.hide + more.hide,
            found.pin + more.pin,
        )
    return found, problems


def parse(name: str, text: str) -> tuple[ThemeOverrides, list[Problem]]:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return ThemeOverrides(), [Problem(name, line, f"invalid YAML: {err}")]
    if root is None:
        return ThemeOverrides(), []
    if not isinstance(root, MappingNode):
        return ThemeOverrides(), [place(name, root, f"expected a mapping of {', '.join(SECTIONS)}")]
    problems: list[Problem] = []
    sections: dict[str, Node] = {}
    for key, value in root.value:
        section = text_of(key)
        if section not in SECTIONS:
            problems.append(
                place(name, key, f"unknown section {key.value!r} ({', '.join(SECTIONS)})")
            )
        else:
            sections[section] = value
    rename = [(a, b.name) for a, b in pairs(name, sections.get("rename"), problems)]
    merge = [
        (into, tuple(names(name, froms, problems)))
        for into, froms in mapping(name, sections.get("merge"), problems)
    ]
    overrides = ThemeOverrides(
        rename=tuple(rename),
        merge=tuple(merge),
        hide=tuple(names(name, sections.get("hide"), problems)),
        pin=tuple(names(name, sections.get("pin"), problems)),
    )
    problems.extend(conflicts(overrides))
    return overrides, problems


def named(name: str, node: Node) -> Named | None:
    text = text_of(node)
    if not text:
        return None
    return Named(text, Origin(name, node.start_mark.line + 1))


def names(name: str, node: Node | None, problems: list[Problem]) -> list[Named]:
    """A list of theme names (a single name is a list of one)."""
    if node is None:
        return []
    items = node.value if isinstance(node, SequenceNode) else [node]
    found = []
    for item in items:
        one = named(name, item) if isinstance(item, ScalarNode) else None
        if one is None:
            problems.append(place(name, item, "expected a theme name"))
        else:
            found.append(one)
    return found


def mapping(name: str, node: Node | None, problems: list[Problem]) -> list[tuple[Named, Node]]:
    if node is None:
        return []
    if not isinstance(node, MappingNode):
        problems.append(place(name, node, "expected a mapping of theme names"))
        return []
    found = []
    for key, value in node.value:
        one = named(name, key) if isinstance(key, ScalarNode) else None
        if one is None:
            problems.append(place(name, key, "expected a theme name"))
        else:
            found.append((one, value))
    return found


def pairs(name: str, node: Node | None, problems: list[Problem]) -> list[tuple[Named, Named]]:
    found = []
    for key, value in mapping(name, node, problems):
        new = named(name, value) if isinstance(value, ScalarNode) else None
        if new is None:
            problems.append(place(name, value, f"expected the new name of {key.name!r}"))
        else:
            found.append((key, new))
    return found


def conflicts(overrides: ThemeOverrides) -> list[Problem]:
    """Choices that contradict each other: a theme hidden and pinned, or merged into itself."""
    problems = []
    pinned = {p.name.lower() for p in overrides.pin}
    for hidden in overrides.hide:
        if hidden.name.lower() in pinned:
            problems.append(hidden.problem(f"{hidden.name!r} is both hidden and pinned"))
    for into, froms in overrides.merge:
        for other in froms:
            if other.name.lower() == into.name.lower():
                problems.append(other.problem(f"{into.name!r} merged into itself"))
    return problems
