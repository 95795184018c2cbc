"""`python -m generator`: a thin command line over `pipeline`."""

from __future__ import annotations

from pathlib import Path

import click

from generator.build import Timings
from generator.errors import InputError
from generator.output import OutputError
from generator.pipeline import SiteBuildError, generate, render_site


def timing_table(timings: Timings) -> str:
    total = sum(timings.seconds.values()) or 1.0
    rows = [f"{'stage':<10} {'seconds':>8} {'share':>6}"]
    for name, seconds in timings.seconds.items():
        rows.append(f"{name:<10} {seconds:8.2f} {seconds / total:6.0%}")
    rows.append(f"{'total':<10} {total:8.2f}")
    return "\n".join(rows)


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
def build(
    library: tuple[Path, ...],
    docs: Path,
    site: Path,
    config: Path,
    skip_invalid: bool,
    no_site: bool,
) -> None:
    """Generate a page per paper and theme, then build the site with MkDocs.

    Example: python -m generator build --papers papers/ --site site/
    """
    timings = Timings()
    try:
        _, summary = generate(list(library), docs, skip_invalid=skip_invalid, timings=timings)
        for line in summary.lines():
            click.echo(line)
        if not no_site:
            render_site(config, site, timings)
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
