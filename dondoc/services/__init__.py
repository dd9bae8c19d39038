"""Use cases: each one is a transaction that checks permissions and writes its audit event.

The CLI and the web app call these functions and nothing below them; the rules they
apply live in `dondoc.tracking`, the storage in `dondoc.store`.
"""
