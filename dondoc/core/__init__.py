"""Pure value types shared by every layer: source text, spans, the extraction."""
