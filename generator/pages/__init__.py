"""Every generated page of `docs/`, as text, from the index: `build.site_pages` makes them all.
Pure: nothing here reads or writes files; `markdown` escapes what comes from the input."""
