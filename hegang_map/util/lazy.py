"""Modules imported on first use.

The window starts, and draws the map it kept from its last start, before
geopandas, pandas, shapely and pyproj are loaded (about a second of imports);
modules on that path name them through :func:`lazy_module`.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class _LazyModule(ModuleType):
    def __getattr__(self, attr: str):
        # The import lock makes a first use from two threads at once safe.
        module = importlib.import_module(self.__name__)
        # Later lookups find the names here and no longer come through this method.
        self.__dict__.update(vars(module))
        return getattr(module, attr)


def lazy_module(name: str) -> ModuleType:
    """A stand-in for module ``name`` that imports it when an attribute is first read.

    Use it as ``shapely = lazy_module("shapely")`` in place of ``import shapely``.
    """
    return _LazyModule(name)
