"""dondoc: follow up the implementation of Vietnamese directives."""

__version__ = "0.1.0"
