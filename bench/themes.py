"""`make bench-themes`: theme and related-paper settings scored on two hand-labelled days.

The public day set (`../shared/eval/day-2025-10-15.topics.json`) is the one settings are chosen
on; `bench/labels/day-2025-06-25.topics.json` (175 papers) and
`bench/labels/day-2025-04-03.topics.json` (166 papers), each labelled by hand from titles and
abstracts, check them on days they were not chosen on. Each setting named on the command line
(`--set join=2.5 --set affinity=2.1`) changes ThemeSettings or RelatedSettings; every figure
comes from `../shared/eval/theme_quality.py` (with its k-means baseline) and
`../shared/eval/related_quality.py`, run on the export a build writes.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.util
import io
import json
import re
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

S = TypeVar("S", bound="DataclassInstance")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "public day (chosen on)": SHARED / "eval" / "day-2025-10-15.topics.json",
    "own day (checked on)": ROOT / "bench" / "labels" / "day-2025-06-25.topics.json",
    "own day 2 (checked on)": ROOT / "bench" / "labels" / "day-2025-04-03.topics.json",
}
FIGURES = {
    "pair purity": r"index\s+pair purity ([\d.]+)",
    "k-means purity": r"kmeans-k\s+pair purity ([\d.]+)",
    "no shared topic": r"no shared topic (\d+%)",
    "topic F1": r"topic F1 ([\d.]+)",
    "2+ themes": r"2 or more themes (\d+%)",
    "related P@5": r"index\s.*P@5=([\d.]+)",
    "TF-IDF P@5": r"tfidf\s.*P@5=([\d.]+)",
}


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(module: ModuleType, *args: str) -> str:
    """A scoring script's printout, as if run from the command line."""
    out, argv = io.StringIO(), sys.argv
    sys.argv = [module.__name__, *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            module.main()
    finally:
        sys.argv = argv
    return out.getvalue()


def settings_with(changes: list[str]) -> Any:
    from generator.index.build import Settings

    themes, related = Settings().themes, Settings().related
    for change in changes:
        name, _, value = change.partition("=")
        if has_field(themes, name):
            themes = with_setting(themes, name, value)
        elif has_field(related, name):
            related = with_setting(related, name, value)
        else:
            raise SystemExit(f"no setting {name!r}")
    return Settings(themes=themes, related=related)


def has_field(settings: DataclassInstance, name: str) -> bool:
    return name in {f.name for f in dataclasses.fields(settings)}


def with_setting(settings: S, name: str, value: str) -> S:
    """`settings` with the field `name` set from its text, read as the type it has."""
    kind = type(getattr(settings, name))
    return dataclasses.replace(settings, **{name: kind(value)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", action="append", default=[], help="name=value")
    parser.add_argument("--names", action="store_true", help="list each day's theme names too")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from generator.index.build import index_library
    from generator.pages.export import export
    from generator.sources import read_library

    quality = load(SHARED / "eval" / "theme_quality.py")
    related = load(SHARED / "eval" / "related_quality.py")
    settings = settings_with(args.set)
    rows: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, gold in SETS.items():
            papers, problems, _ = read_library([gold])
            assert not problems, problems
            index, _ = index_library(papers, settings)
            out = Path(scratch) / "papers.json"
            out.write_text(export(index), encoding="utf-8")
            text = run(quality, str(out), "--gold", str(gold), "--baselines")
            text += run(related, str(out), "--gold", str(gold))
            rows[name] = {k: m.group(1) for k, p in FIGURES.items() if (m := re.search(p, text))}
            rows[name]["themes"] = str(len(index.themes))
            if args.names:
                by_size = sorted(index.themes, key=lambda t: (-len(t.papers), t.label))
                print(f"{name}: " + ", ".join(f"{t.label} ({len(t.papers)})" for t in by_size))
    print(json.dumps(args.set) if args.set else "default settings")
    names = list(rows)
    print("| figure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for figure in [*FIGURES, "themes"]:
        print(f"| {figure} | " + " | ".join(rows[n].get(figure, "") for n in names) + " |")


if __name__ == "__main__":
    main()
