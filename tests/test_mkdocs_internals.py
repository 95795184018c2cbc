"""The MkDocs internals the site build replaces (generator/site/mkdocs_build.py, page_shell.py)
are there, taking what the replacements take, and MkDocs and Material are the versions
pyproject.toml pins: an upgrade that moves one fails here, naming it, not as a wrong site."""

from __future__ import annotations

import inspect
import pkgutil
import tomllib
from importlib.metadata import version

import pytest
from packaging.requirements import Requirement

from tests.conftest import ROOT

# Each replaced function or method, and its parameters as the replacement takes them.
REPLACED = {
    "mkdocs.utils:write_file": ["content", "output_path"],
    "mkdocs.utils:copy_file": ["source_path", "output_path"],
    "mkdocs.structure.files:File.copy_file": ["self", "dirty"],
    "mkdocs.structure.files:File.is_modified": ["self"],
    "mkdocs.structure.pages:Page.render": ["self", "config", "files"],
    "mkdocs.commands.build:_build_theme_template": [
        "template_name", "env", "files", "config", "nav",
    ],
    "mkdocs.commands.build:_build_extra_template": ["template_name", "files", "config", "nav"],
    "mkdocs.commands.build:_build_page": [
        "page", "config", "doc_files", "nav", "env", "dirty", "excluded",
    ],
}  # fmt: skip


def pinned() -> dict[str, Requirement]:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    requirements = map(Requirement, tomllib.loads(text)["project"]["dependencies"])
    return {r.name: r for r in requirements}


@pytest.mark.parametrize("package", ["mkdocs", "mkdocs-material"])
def test_the_installed_version_is_the_pinned_minor(package: str) -> None:
    specifier = pinned()[package].specifier
    assert str(specifier).startswith("~="), f"{package} is not pinned to a minor version"
    assert version(package) in specifier, (
        f"{package} {version(package)} is installed, {specifier} pinned: check the internals "
        "generator/site/mkdocs_build.py and page_shell.py replace before moving the pin"
    )


@pytest.mark.parametrize(("name", "parameters"), REPLACED.items(), ids=list(REPLACED))
def test_each_replaced_internal_takes_what_its_replacement_takes(
    name: str, parameters: list[str]
) -> None:
    found = pkgutil.resolve_name(name)
    assert list(inspect.signature(found).parameters) == parameters, name
