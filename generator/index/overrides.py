"""The owner's say over the themes, applied after the theme stage: a reading list's own tags
and a BibTeX file's keywords that two or more papers share are themes under their own names,
then `themes.yml` pins, merges, renames and hides (`sources.theme_overrides`).

A name in `themes.yml` matches a theme by its words in any order or form (`concept_key`),
so "LLM agents" finds "LLM agent"; a name that matches no theme is an error naming its line.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.errors import Problem
from generator.index.identity import slug_for
from generator.index.keywords import phrase_key
from generator.index.phrases import bare, concept_key, folded_words
from generator.index.themes import occurrences
from generator.model import Named, Theme, ThemeOverrides


@dataclass
class Draft:
    """A theme while the overrides change it: its papers by position."""

    key: str
    label: str
    slug: str
    papers: set[int] = field(default_factory=set)


def new_theme(label: str) -> Draft:
    key = phrase_key(label)
    return Draft(key, label, slug_for("theme:" + key.replace(" ", ""), key))


def apply_overrides(
    themes: Sequence[Theme],
    paper_themes: Sequence[tuple[str, ...]],
    keys: Sequence[str],
    texts: Sequence[str],
    tags: Sequence[tuple[str, ...]],
    overrides: ThemeOverrides,
) -> tuple[tuple[Theme, ...], list[tuple[str, ...]], list[Problem]]:
    """The themes and each paper's theme keys once tags and the owner's choices are in."""
    position = {k: i for i, k in enumerate(keys)}
    drafts = {t.key: Draft(t.key, t.label, t.slug, {position[p] for p in t.papers}) for t in themes}
    order = [list(mine) for mine in paper_themes]
    problems: list[Problem] = []

    def concepts(draft: Draft) -> tuple[str, str]:
        return concept_key(bare(draft.label)), concept_key(draft.key)

    # Each name's theme, the first by key; looked up once per tag, pin and override.
    named: dict[str, str] = {}
    for draft in sorted(drafts.values(), key=lambda d: d.key):
        for concept in concepts(draft):
            named.setdefault(concept, draft.key)

    def find(name: str) -> Draft | None:
        wanted = concept_key(bare(name))
        key = named.get(wanted)
        if key in drafts and wanted in concepts(drafts[key]):
            return drafts[key]
        # The theme that had the name was merged, hidden or renamed: look at them all.
        for draft in sorted(drafts.values(), key=lambda d: d.key):
            if wanted in concepts(draft):
                named[wanted] = draft.key
                return draft
        return None

    def unknown(name: Named) -> None:
        near = difflib.get_close_matches(name.name, sorted(d.label for d in drafts.values()), 3)
        hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        problems.append(name.problem(f"no theme {name.name!r}{hint}"))

    def join(label: str, papers: set[int], rename: bool) -> None:
        """`papers` join the theme of that name, made if there is none; `rename`: it takes
        that name."""
        target = find(label)
        if target is None:
            target = new_theme(label)
            drafts[target.key] = target
        elif rename:
            target.label = label
        for p in sorted(papers - target.papers):
            order[p].append(target.key)
        target.papers |= papers

    for label, papers in shared_tags(tags).items():
        join(label, papers, rename=True)
    for pin in overrides.pin:
        used = occurrences(texts, [[folded_words(phrase_key(pin.name))]])[0]
        if used:
            join(pin.name, used, rename=False)
        else:
            problems.append(pin.problem(f"no paper uses {pin.name!r}"))
    for into, froms in overrides.merge:
        target = find(into.name)
        if target is None:
            unknown(into)
            continue
        for other in froms:
            source = find(other.name)
            if source is None:
                unknown(other)
            elif source is not target:
                del drafts[source.key]
                for p in source.papers:
                    order[p] = [target.key if k == source.key else k for k in order[p]]
                target.papers |= source.papers
    for old, new in overrides.rename:
        target = find(old.name)
        if target is None:
            unknown(old)
        else:
            target.label = new
    for hidden in overrides.hide:
        target = find(hidden.name)
        if target is None:
            unknown(hidden)
        else:
            del drafts[target.key]
    kept = set(drafts)
    final = tuple(
        Theme(d.key, d.label, d.slug, tuple(sorted(keys[p] for p in d.papers)))
        for d in sorted(drafts.values(), key=lambda d: d.key)
    )
    mine = [tuple(dict.fromkeys(k for k in ks if k in kept)) for ks in order]
    return final, mine, problems


def shared_tags(tags: Sequence[tuple[str, ...]]) -> dict[str, set[int]]:
    """Tags two or more papers carry, in any case or form, each under its most used form."""
    papers: dict[str, set[int]] = defaultdict(set)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for position, mine in enumerate(tags):
        for tag in mine:
            concept = concept_key(tag)
            if concept:
                papers[concept].add(position)
                forms[concept][tag.strip()] += 1
    return {
        min(forms[c], key=lambda f: (-forms[c][f], f)): found
        for c, found in sorted(papers.items())
        if len(found) >= 2
    }
