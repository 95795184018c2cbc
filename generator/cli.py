"""`python -m generator`: a thin command line over `pipeline`."""

from __future__ import annotations

import json
import resource
from pathlib import Path

import click

from generator.build import Timings
from generator.errors import InputError
from generator.output import OutputError
from generator.pipeline import SiteBuildError, Summary, build_date, generate, render_site
from generator.site_config import directory_urls, site_url
from generator.workers import default_workers


def timing_table(timings: Timings) -> str:
    total = sum(timings.seconds.values()) or 1.0
    rows = [f"{'stage':<10} {'seconds':>8} {'share':>6}"]
    for name, seconds in timings.seconds.items():
        rows.append(f"{name:<10} {seconds:8.2f} {seconds / total:6.0%}")
    rows.append(f"{'total':<10} {total:8.2f}")
    return "\n".join(rows)


def peak_memory_mb() -> float:
    """The larger of this process's and its largest child's peak resident memory."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def write_report(path: Path, timings: Timings, summary: Summary) -> None:
    """Figures for `make bench`, as JSON."""
    data = {"seconds": timings.seconds, "papers": summary.written, "themes": summary.themes}
    data["peak_memory_mb"] = peak_memory_mb()
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")


@click.group()
def main() -> None:
    """Turn lists of research papers into a browsable, searchable static site."""


@main.command()
@click.option(
    "--papers",
    "library",
    multiple=True,
    type=click.Path(path_type=Path),
    default=[Path("papers")],
    show_default=True,
    help="A paper list or a folder of them; repeat for several.",
)
@click.option("--docs", type=click.Path(path_type=Path), default=Path("docs"), show_default=True)
@click.option("--site", type=click.Path(path_type=Path), default=Path("site"), show_default=True)
@click.option(
    "--config", type=click.Path(path_type=Path), default=Path("mkdocs.yml"), show_default=True
)
@click.option("--skip-invalid", is_flag=True, help="Build anyway, listing each skipped record.")
@click.option("--no-site", is_flag=True, help="Write the pages under docs/ but do not run MkDocs.")
@click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=Path(".cache"),
    show_default=True,
    help="Folder for the keyword cache.",
)
@click.option("--no-cache", is_flag=True, help="Extract every paper's keywords afresh.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=default_workers(),
    show_default=True,
    help="Processes for keyword extraction.",
)
@click.option(
    "--report",
    type=click.Path(path_type=Path),
    help="Also write stage timings and counts to this JSON file.",
)
def build(
    library: tuple[Path, ...],
    docs: Path,
    site: Path,
    config: Path,
    skip_invalid: bool,
    no_site: bool,
    cache: Path,
    no_cache: bool,
    workers: int,
    report: Path | None,
) -> None:
    """Generate a page per paper and theme, then build the site with MkDocs.

    Example: python -m generator build --papers papers/ --site site/
    """
    if not no_site and not directory_urls(config):
        raise click.ClickException(
            f"{config}: use_directory_urls: false is not supported; the paper pages link to "
            "directory URLs (papers/<slug>/)"
        )
    timings = Timings()
    try:
        index, summary = generate(
            list(library),
            docs,
            skip_invalid=skip_invalid,
            timings=timings,
            cache_dir=None if no_cache else cache,
            workers=workers,
            site_url=site_url(config),
        )
        for line in summary.lines():
            click.echo(line)
        if not no_site:
            render_site(config, site, timings, build_date(index), None if no_cache else cache)
    except InputError as err:
        for problem in err.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(
            f"{len(err.problems)} problem(s) in the library; nothing was changed "
            "(--skip-invalid builds without the bad records)"
        ) from err
    except (OutputError, SiteBuildError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(timing_table(timings))
    click.echo(f"peak memory {peak_memory_mb():,.0f} MB (this process or one of its children)")
    if report:
        write_report(report, timings, summary)
