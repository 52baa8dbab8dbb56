"""The repository's tools, run through `make`; `notebook_format` is shared with instructor/."""
