"""Read queries, one module per aggregate: they take a Session and return plain values."""
