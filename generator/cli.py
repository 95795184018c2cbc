"""`python -m generator`: a thin command line over `pipeline`."""

from __future__ import annotations

import json
import resource
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import click
from click.core import ParameterSource

from generator import pipeline
from generator.errors import InputError
from generator.fetch.http import FetchError, Politeness
from generator.fetch.run import (
    SOURCES,
    days_to_fetch,
    fetch_days,
    make_source,
    saved_days,
    yesterday,
)
from generator.fetch.source import Source
from generator.index.build import Settings, Timings
from generator.pipeline import SiteBuildError, Summary
from generator.processes import default_workers
from generator.site.config import ConfigError, SiteConfig, read_config
from generator.site.lock import LockError
from generator.site.output import OutputError

Command = TypeVar("Command", bound=Callable[..., object])


def number_option(
    flag: str, kind: click.ParamType, default: float, text: str
) -> Callable[[Command], Command]:
    """An option taking a number within `kind`'s range, its default shown in --help."""
    return click.option(flag, type=kind, default=default, show_default=True, help=text)


def path_option(flag: str, default: Path, text: str) -> Callable[[Command], Command]:
    """An option naming a file or folder, its default shown in --help."""
    return click.option(
        flag, type=click.Path(path_type=Path), default=default, show_default=True, help=text
    )


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


def site_config(config: Path, optional: bool) -> SiteConfig | None:
    """The MkDocs config as MkDocs reads it. `optional`: pages written alone into a folder
    of their own need none; without the default file their feeds link relatively."""
    source = click.get_current_context().get_parameter_source("config")
    if optional and source is ParameterSource.DEFAULT and not config.exists():
        click.echo(f"note: no {config}: the feeds link relatively (no site_url)", err=True)
        return None
    try:
        settings = read_config(config)
    except ConfigError as err:
        raise click.ClickException(f"{err}\nnothing was changed") from err
    for warning in settings.warnings:
        click.echo(f"warning: {config}: {warning}", err=True)
    return settings


def check_site_config(settings: SiteConfig, docs: Path | None) -> None:
    """What a site build cannot do, refused before anything is written."""
    if not settings.directory_urls:
        raise click.ClickException(
            f"{settings.file}: use_directory_urls: false is not supported; the paper pages "
            "link to directory URLs (papers/<slug>/)"
        )
    built = settings.docs_dir
    if docs is not None and docs.resolve() != built.resolve():
        raise click.ClickException(
            f"--docs {docs}: MkDocs builds the site from {built} (docs_dir in "
            f"{settings.file}), so the site would not show these pages; leave --docs out, "
            "set docs_dir in the config, or add --no-site"
        )


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
    help="A paper list or a folder of them; repeat for several. Formats by ending: .txt (a "
    "Daily Papers page as text), .json (records, CSL-JSON or a Daily Papers API answer), "
    ".jsonl and .jsonl.gz (records), .yaml or .yml (a reading list), .bib (BibTeX).",
)
@click.option(
    "--docs",
    type=click.Path(path_type=Path),
    help="Where the pages go: the config's docs_dir [default], or any folder with --no-site.",
)
@path_option(
    "--site",
    Path("site"),
    "Where MkDocs builds the site (the folder to publish), replaced whole or not at all.",
)
@path_option(
    "--config",
    Path("mkdocs.yml"),
    "The MkDocs config, read as MkDocs reads it (`!ENV` tags included); needed unless "
    "--no-site --docs write the pages alone.",
)
@click.option("--skip-invalid", is_flag=True, help="Build anyway, listing each skipped record.")
@click.option("--no-site", is_flag=True, help="Write the pages under docs/ but do not run MkDocs.")
@path_option("--cache", Path(".cache"), "Folder for the keyword cache.")
@click.option("--no-cache", is_flag=True, help="Extract every paper's keywords afresh.")
@click.option(
    "--refit",
    is_flag=True,
    help="Fit themes and related papers afresh rather than carry the last build's; "
    "a dropped theme's page then points to where its papers went.",
)
@number_option(
    "--workers",
    click.IntRange(min=1),
    default_workers(),
    "Processes for cleaning, keywords and MkDocs.",
)
@click.option(
    "--report",
    type=click.Path(path_type=Path),
    help="Also write stage timings and counts to this JSON file.",
)
def build(
    library: tuple[Path, ...],
    docs: Path | None,
    site: Path,
    config: Path,
    skip_invalid: bool,
    no_site: bool,
    cache: Path,
    no_cache: bool,
    refit: bool,
    workers: int,
    report: Path | None,
) -> None:
    """Generate a page per paper and theme, then build the site with MkDocs.

    Example: python -m generator build --papers papers/ --site site/
    """
    loaded = site_config(config, optional=no_site and docs is not None)
    if loaded is not None and not no_site:
        check_site_config(loaded, docs)
    timings = Timings()
    cache_dir = None if no_cache else cache
    run = pipeline.Run(Settings(refit=refit), skip_invalid, cache_dir, workers, timings)
    try:
        if loaded is None or no_site:
            # Without a config (`site_config`), only with --docs.
            folder = docs or (loaded.docs_dir if loaded else Path("docs"))
            site_url = loaded.site_url if loaded else ""
            _, summary = pipeline.generate(list(library), folder, run, site_url)
        else:
            _, summary = pipeline.build(list(library), loaded, site, run)
    except InputError as err:
        for problem in err.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.ClickException(
            f"{len(err.problems)} problem(s) in the library; nothing was changed "
            "(--skip-invalid builds without the bad records)"
        ) from err
    except (OutputError, SiteBuildError, LockError) as err:
        raise click.ClickException(f"{err}\nnothing was changed") from err
    for line in summary.lines():
        click.echo(line)
    click.echo(timing_table(timings))
    click.echo(f"peak memory {peak_memory_mb():,.0f} MiB (this process or one of its children)")
    if report:
        write_report(report, timings, summary)


@main.command()
@click.option(
    "--source",
    "sources",
    multiple=True,
    type=click.Choice(SOURCES),
    default=[SOURCES[0]],
    show_default=True,
    help="Where to fetch from; repeat for both.",
)
@click.option(
    "--category",
    "categories",
    multiple=True,
    help="An arXiv category for --source arxiv, such as cs.CL; repeat for several.",
)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day [newest saved day].")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day [yesterday, UTC].")
@click.option(
    "--papers",
    "root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("papers"),
    show_default=True,
    help="The library folder; days go to daily/ and arxiv/ in it.",
)
@click.option("--base-url", help="Ask this server instead of the service's own (a test server).")
@number_option(
    "--tries",
    click.IntRange(min=1),
    3,
    "Tries per request in all, after a 429, a 5xx or no answer.",
)
@number_option(
    "--backoff",
    click.FloatRange(min=0),
    5.0,
    "Seconds before the second try, doubled for each try after (unless Retry-After says).",
)
@number_option(
    "--timeout", click.FloatRange(min=0.1), 30.0, "Seconds a request may take to answer."
)
@number_option(
    "--arxiv-delay",
    click.FloatRange(min=0),
    3.0,
    "Seconds between two arXiv requests (its terms of use ask for 3).",
)
@click.option(
    "--replace-smaller",
    is_flag=True,
    help="Save a day over the saved one even when it has fewer papers (kept by default).",
)
def fetch(
    sources: tuple[str, ...],
    categories: tuple[str, ...],
    since: datetime | None,
    until: datetime | None,
    root: Path,
    base_url: str | None,
    tries: int,
    backoff: float,
    timeout: float,
    arxiv_delay: float,
    replace_smaller: bool,
) -> None:
    """Fetch each day's papers, from the newest day already saved up to yesterday.

    A day's file is saved whole once it has come in, and left untouched when the answer is
    the same as before; a day that comes back with fewer papers than its saved file is kept
    as it was unless --replace-smaller. An item that cannot be read is skipped and named. A
    failed day stops its source, with the days before it saved; the other source still runs.
    The exit status is 1 if anything failed or was skipped.

    Example: python -m generator fetch --source arxiv --category cs.CL --since 2025-10-13
    """
    polite = Politeness(timeout=timeout, tries=tries, backoff=backoff)
    last = until.date() if until else yesterday(datetime.now(UTC))

    def note(text: str) -> None:
        click.echo(f"note: {text}", err=True)

    made = []
    for name in dict.fromkeys(sources):
        try:
            made.append(make_source(name, polite, base_url, categories, arxiv_delay, note))
        except ValueError as err:
            raise click.UsageError(f"--category: {err}") from err
    failed = []
    for source in made:
        days = days_to_fetch(saved_days(source, root), since.date() if since else None, last)
        failure = fetch_source(source, root, days, replace_smaller)
        if failure:
            failed.append(failure)
        if not days:
            click.echo(f"{source.name}: nothing to fetch up to {last}")
    if failed:
        raise click.ClickException("; ".join(failed))


def fetch_source(source: Source, root: Path, days: list[date], replace_smaller: bool) -> str:
    """Fetches one source's days, reporting each; what went wrong ('' if nothing)."""
    done = skipped = 0
    try:
        for report in fetch_days(source, root, days, replace_smaller):
            click.echo(report.line())
            for item in report.skipped:
                click.echo(f"error: {item.line(source.name, report.day)}", err=True)
            skipped += len(report.skipped)
            done += 1
    except FetchError as err:
        click.echo(f"error: {err}", err=True)
        return (
            f"{source.name} stopped at {days[done]}; the days before it are saved, and the "
            "next run starts again from the newest of them"
        )
    except OSError as err:
        raise click.ClickException(f"{source.name}: cannot save a day: {err}") from err
    if skipped:
        return f"{source.name}: {skipped} unreadable {'item' if skipped == 1 else 'items'} skipped"
    return ""
