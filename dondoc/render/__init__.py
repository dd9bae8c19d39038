"""Human-readable renderings of an extraction (the review sheet)."""
