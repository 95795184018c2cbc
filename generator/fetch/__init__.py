"""Bringing each day's new papers into the library: one module per source, one HTTP client.

`run` walks the days, asks a source for each and saves what it answered under `papers/`;
`store` is the only code here that writes; `http` is how every request is made.
"""
