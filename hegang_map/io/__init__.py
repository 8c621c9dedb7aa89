"""Reading data files (read-only). Knows nothing of Qt."""

from .errors import DataError
from .read import VECTOR_SUFFIXES, LayerInfo, ReadCancelled, check_readable, list_layers, read_layer

__all__ = ["DataError", "LayerInfo", "ReadCancelled", "VECTOR_SUFFIXES", "check_readable", "list_layers", "read_layer"]
