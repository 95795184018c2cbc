"""paper-index: turns lists of research papers into a browsable, searchable static site."""
