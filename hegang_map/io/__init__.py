"""Reading data files (read-only). Knows nothing of Qt."""

from .errors import DataError
from .read import (READ_WARNINGS, VECTOR_SUFFIXES, LayerInfo, ReadCancelled, check_readable, list_layers, read_layer,
                   spatial_layer_names)

__all__ = ["DataError", "READ_WARNINGS", "LayerInfo", "ReadCancelled", "VECTOR_SUFFIXES", "check_readable", "list_layers",
           "read_layer", "spatial_layer_names"]
