"""SourceText → Extraction. Pure: no I/O, no clock, no database, no parsing libraries."""
