"""One output layer: every format framing writes (terminal text, Markdown, JSON, HTML pages,
CSV, plots, worksheets) lives in this package; the analysis modules never format."""
