"""`make bench-bytes`: what a built site's bytes are, and the site they make at 35,020 papers.

    python -m bench.site_bytes SITE [--docs DOCS --scale-docs DOCS] [--papers 35020]
    python -m bench.site_bytes --corpus CORPUS --sample 2000 [--papers 35020]

The second builds the sample (the first 2,000 papers of the corpus, with MkDocs) and the pages
of the first 35,020 without the site, under bench-out/bytes/, and reports on them.

Prints the site's bytes by kind of file (paper pages, theme pages, papers.json, ...), the parts
of each kind of HTML page (Material's head, header, tabs, navigation, table of contents,
footer, scripts, and the article), and the sections of a paper page's article.

The projection to `--papers` papers: a site that has that many papers is its own measure.
For a smaller sample, give `--scale-docs`, the pages of a build of that many papers without
the site (`generator build --no-site`, which takes no MkDocs time): each kind of HTML page
there counts as its number of pages times the sample's chrome per page (all but the article),
plus its Markdown's bytes times the sample's article bytes per Markdown byte; the files
MkDocs copies as they are (`papers.json`, `papers.bib`, feeds, the search index) count as
they are there. Theme and author pages need this: how many there are, and how many papers
each lists, change with the library's size (`generator.scale`). Without `--scale-docs`,
every kind is scaled by papers, which is right for paper pages only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.scale import project as project_folder
from bench.scale import take

ROOT = Path(__file__).resolve().parents[1]

# The parts of a Material page, each from its opening landmark to its closing one, in the
# order they come. Whatever is left (the <body> tag, Material's toggles, skip link and
# containers) is "other".
PARTS = (
    ("head", "<!doctype html>", "</head>"),
    ("header", '<header class="md-header', "</header>"),
    ("tabs", '<nav class="md-tabs"', "</nav>"),
    ("navigation", '<div class="md-sidebar md-sidebar--primary"', '<div class="md-sidebar md'),
    ("navigation", '<div class="md-sidebar md-sidebar--primary"', '<div class="md-content"'),
    ("toc", '<div class="md-sidebar md-sidebar--secondary"', '<div class="md-content"'),
    ("article", "<article", "</article>"),
    ("top button", '<button type="button" class="md-top', "</button>"),
    ("footer", '<footer class="md-footer', "</footer>"),
    ("scripts", '<div class="md-dialog"', "</html>"),
)
PART_NAMES = (*dict.fromkeys(name for name, _, _ in PARTS), "other")
SECTION = '<h2 id="'


def parts(html: str) -> dict[str, int]:
    """Bytes of each part of a Material page; a part the page lacks is 0."""
    found: dict[str, int] = {}
    for name, start, end in PARTS:
        if name in found:
            continue
        begin = html.find(start)
        stop = html.find(end, begin + len(start)) if begin >= 0 else -1
        if stop < 0:
            continue
        stop += 0 if end.startswith("<div") else len(end)
        found[name] = len(html[begin:stop].encode("utf-8"))
    found["other"] = len(html.encode("utf-8")) - sum(found.values())
    return found


def article(html: str) -> str:
    begin, end = html.find("<article"), html.find("</article>")
    return html[begin : end + len("</article>")] if begin >= 0 and end >= 0 else ""


def sections(text: str) -> dict[str, int]:
    """Bytes of a paper page's article before its first <h2> ("title, authors, links") and
    under each <h2>, by the heading's id."""
    pieces = text.split(SECTION)
    found = {"title, authors, links": len(pieces[0].encode("utf-8"))}
    for piece in pieces[1:]:
        name = piece.split('"', 1)[0]
        found[name] = found.get(name, 0) + len((SECTION + piece).encode("utf-8"))
    return found


def kind(relative: str) -> str:
    """The kind of a site file, by where it is: a folder's pages, or a file of the root."""
    top, _, rest = relative.partition("/")
    if not rest:
        return top
    if top == "papers":
        return "paper pages" if rest != "index.html" else "papers index"
    return top + "/"


@dataclass
class Kind:
    files: int = 0
    size: int = 0
    pages: int = 0
    parts: Counter[str] = field(default_factory=Counter)
    sections: Counter[str] = field(default_factory=Counter)

    @property
    def chrome(self) -> float:
        """Bytes per page besides the article."""
        return (sum(self.parts.values()) - self.parts["article"]) / max(self.pages, 1)


def measure(site: Path) -> dict[str, Kind]:
    kinds: dict[str, Kind] = defaultdict(Kind)
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = kind(path.relative_to(site).as_posix())
        entry = kinds[name]
        entry.files += 1
        entry.size += path.stat().st_size
        if path.suffix == ".html":
            html = path.read_text("utf-8")
            entry.pages += 1
            entry.parts.update(parts(html))
            if name == "paper pages":
                entry.sections.update(sections(article(html)))
    return dict(kinds)


def markdown_kind(relative: str) -> str:
    """The kind of site page a docs/ Markdown file becomes."""
    html = relative.removesuffix(".md")
    html = "index.html" if html == "index" else html.removesuffix("/index") + "/index.html"
    return kind(html)


@dataclass
class Scale:
    """A docs/ folder of a build at the size projected to: Markdown pages and bytes by kind,
    and the bytes of the files MkDocs copies as they are."""

    pages: Counter[str] = field(default_factory=Counter)
    markdown: Counter[str] = field(default_factory=Counter)
    copied: Counter[str] = field(default_factory=Counter)


def read_scale(docs: Path) -> Scale:
    scale = Scale()
    for path in (p for p in docs.rglob("*") if p.is_file()):
        relative = path.relative_to(docs).as_posix()
        if path.suffix == ".md":
            name = markdown_kind(relative)
            scale.pages[name] += 1
            scale.markdown[name] += path.stat().st_size
        else:
            scale.copied[kind(relative)] += path.stat().st_size
    return scale


def sample_markdown(docs: Path) -> Counter[str]:
    sizes: Counter[str] = Counter()
    for path in docs.rglob("*.md"):
        sizes[markdown_kind(path.relative_to(docs).as_posix())] += path.stat().st_size
    return sizes


def project(
    kinds: dict[str, Kind], papers: int, target: int, scale: Scale | None, sample: Counter[str]
) -> dict[str, float]:
    """Bytes of each kind at `target` papers (see the module's docstring)."""
    if scale is None or papers >= target:
        factor = target / papers
        return {name: entry.size * factor for name, entry in kinds.items()}
    projected: dict[str, float] = {}
    for name in set(kinds) | set(scale.pages) | set(scale.copied):
        entry = kinds.get(name)
        if name not in scale.pages and name not in scale.copied:
            if entry is not None:  # MkDocs' own files: the theme's assets, the sitemap
                projected[name] = entry.size
            continue
        projected[name] = scale.copied[name]
        if name in scale.pages and entry is not None and entry.pages:
            per_byte = entry.parts["article"] / max(sample[name], 1)
            projected[name] += scale.pages[name] * entry.chrome + scale.markdown[name] * per_byte
    return projected


def count_papers(site: Path) -> int:
    return len(json.loads((site / "papers.json").read_text("utf-8")))


def report(site: Path, target: int, scale_docs: Path | None, sample_docs: Path | None) -> str:
    kinds = measure(site)
    papers = count_papers(site)
    total = sum(k.size for k in kinds.values())
    lines = [f"{site}: {papers:,} papers, {total / 1e6:.1f} MB in "]
    lines[0] += f"{sum(k.files for k in kinds.values()):,} files ({total / papers:,.0f} B/paper)"
    lines.append(f"\n{'kind':<16}{'files':>8}{'MB':>9}{'KB/file':>9}{'B/paper':>9}")
    for name, entry in sorted(kinds.items(), key=lambda kv: -kv[1].size):
        lines.append(
            f"{name:<16}{entry.files:>8,}{entry.size / 1e6:>9.2f}"
            f"{entry.size / entry.files / 1e3:>9.2f}{entry.size / papers:>9,.0f}"
        )
    lines.append("\nbytes per page, by part (mean)")
    lines.append(f"{'kind':<16}" + "".join(f"{n[:10]:>11}" for n in PART_NAMES) + f"{'chrome':>9}")
    for name, entry in sorted(kinds.items(), key=lambda kv: -kv[1].size):
        if not entry.pages:
            continue
        cells = "".join(f"{entry.parts[n] / entry.pages:>11,.0f}" for n in PART_NAMES)
        lines.append(f"{name:<16}{cells}{entry.chrome:>9,.0f}")
    paper = kinds.get("paper pages")
    if paper and paper.pages:
        lines.append("\na paper page's article, by section (mean bytes)")
        for name, size in paper.sections.most_common():
            lines.append(f"  {name:<24}{size / paper.pages:>8,.0f}")
    scale = read_scale(scale_docs) if scale_docs else None
    sample = sample_markdown(sample_docs) if sample_docs else Counter()
    if scale is not None and not sample:
        sys.exit("--scale-docs needs --docs, the sample's own docs/ folder")
    projected = project(kinds, papers, target, scale, sample)
    whole = sum(projected.values())
    how = "measured" if papers >= target else "scaled by papers" if scale is None else "modelled"
    lines.append(f"\nat {target:,} papers ({how}): {whole / 1e6:,.0f} MB, ")
    lines[-1] += f"{whole / target / 1e3:.1f} KB per paper"
    for name, share in sorted(projected.items(), key=lambda kv: -kv[1])[:12]:
        lines.append(f"  {name:<16}{share / 1e6:>9.1f} MB{share / target:>9,.0f} B/paper")
    return "\n".join(lines)


def generate(work: Path, library: Path, site: bool) -> None:
    """`generator build` of `library` in `work` (a project folder), with MkDocs if `site`."""
    command = [sys.executable, "-m", "generator", "build", "--papers", str(library)]
    command += ["--docs", str(work / "docs"), "--cache", str(work / "cache")]
    if site:
        command += ["--site", str(work / "site"), "--config", str(work / "mkdocs.yml")]
    else:
        command += ["--no-site"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"build of {library} failed:\n{done.stdout}\n{done.stderr}")


def build_both(corpus: Path, sample: int, papers: int, work: Path) -> tuple[Path, Path]:
    """The sample's project folder, built with its site, and the pages at `papers`. The
    latter keeps its cache, so a second run costs only its pages stage."""
    project_folder(work / "sample")
    generate(work / "sample", take(corpus, 0, sample, work / "sample.jsonl"), site=True)
    (work / "scale").mkdir(parents=True, exist_ok=True)
    generate(work / "scale", take(corpus, 0, papers, work / "scale.jsonl"), site=False)
    return work / "sample", work / "scale"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?")
    parser.add_argument("--corpus", type=Path, help="build --sample papers of it, and --papers")
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "bytes")
    parser.add_argument("--docs", type=Path, help="the sample's docs/ (with --scale-docs)")
    parser.add_argument("--scale-docs", type=Path, help="docs/ of a --no-site build at --papers")
    parser.add_argument("--papers", type=int, default=35_020)
    args = parser.parse_args()
    if args.corpus:
        sample, scale = build_both(args.corpus, args.sample, args.papers, args.work)
        print(report(sample / "site", args.papers, scale / "docs", sample / "docs"))
    elif args.site:
        print(report(args.site, args.papers, args.scale_docs, args.docs))
    else:
        parser.error("give a built SITE or --corpus")


if __name__ == "__main__":
    main()
