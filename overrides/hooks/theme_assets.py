"""MkDocs hook: Material's files the site never loads are not copied into it.

Material ships its lunr search (the search worker and lunr's languages) and source maps for
its script and styles; the site's search is its own (paper-search.js) and a reader's browser
fetches a source map only with its developer tools open. They were 2.2 MB of every site. With
Material's search plugin on, they stay.
"""

from fnmatch import fnmatch
from importlib.util import find_spec
from pathlib import Path

MATERIAL = Path(find_spec("material").origin or "").parent  # type: ignore[union-attr]

UNUSED = (
    "assets/javascripts/lunr/*",
    "assets/javascripts/workers/*",
    "assets/javascripts/*.map",
    "assets/stylesheets/*.map",
)


def from_material(file) -> bool:  # type: ignore[no-untyped-def]
    return Path(file.abs_src_path or "").is_relative_to(MATERIAL)


def on_files(files, config):  # type: ignore[no-untyped-def]
    if "search" in config.plugins:  # Material's own search (bench/search.py compares it)
        return files
    for file in list(files):
        if from_material(file) and any(fnmatch(file.src_uri, p) for p in UNUSED):
            files.remove(file)
    return files
