"""Search text: folding Vietnamese for matching, reading a query, marking its hits.

Pure (no database): the store's index (`dondoc.store.search_index`) and the service
(`dondoc.services.search`) use it on both engines, so SQLite and PostgreSQL see the same
terms for the same text.
"""
