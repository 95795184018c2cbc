"""`python -m generator.mkdocs_build CONFIG DOCS SITE`: `mkdocs build --strict` with DOCS in
place of the configuration's docs_dir.

MkDocs' command line has no option for the docs folder, and a build's new pages are staged
beside docs/ until the site is built from them (`output`); its Python API takes the folder
as an override of the configuration, and runs the same build.
"""

from __future__ import annotations

import logging
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException


def main(argv: list[str]) -> int:
    config_file, docs, site = argv
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        config = load_config(config_file, docs_dir=docs, site_dir=site, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as err:  # a configuration error, or warnings in strict mode
        logger.error(str(err))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
