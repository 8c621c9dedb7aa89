"""Reading data files (read-only). Knows nothing of Qt.

The names of ``read`` (geopandas, pyogrio) are imported on first use: the
window starts, and draws what it kept from its last start, before geopandas
is loaded (see ``hegang_map.qt.start_cache``).
"""

from .errors import DataError, ReadCancelled

_READ = ("READ_WARNINGS", "LayerInfo", "VECTOR_SUFFIXES", "check_readable", "list_layers",
         "read_layer", "spatial_layer_names")

__all__ = ["DataError", "ReadCancelled", *_READ]


def __getattr__(name: str):
    if name in _READ:
        from . import read

        return getattr(read, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
