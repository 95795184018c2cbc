"""The site stage: what touches docs/ and site/ (`output`, the only writer), MkDocs
(`mkdocs_build`, `config`), the search index, sitemap and minifying, and what a rebuild can
skip or render alone (`incremental`, `changes`)."""
