"""The pure pipeline from papers to an index: clean → identity → keywords → themes → related."""
