"""bytes/path → SourceText. Never imports extract, store or web."""
