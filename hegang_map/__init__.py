"""hegang-map: an offline desktop GIS for housing financialization in China."""

__version__ = "0.1.0"
