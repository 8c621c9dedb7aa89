"""The bundled basemap, read once for the exports (rendering receives it, it does not read files)."""

from __future__ import annotations

from functools import lru_cache

from ..bundled.paths import basemap_path
from ..io import DataError, read_layer, spatial_layer_names
from ..model.credits import credit_for
from ..render.basemap import Basemap, basemap_order


@lru_cache(maxsize=1)
def bundled_basemap() -> Basemap | None:
    """The bundled Natural Earth basemap, or None when it is not there or cannot be read."""
    path = basemap_path()
    if not path.is_file():
        return None
    try:
        layers = tuple((name, read_layer(path, name)) for name in basemap_order(spatial_layer_names(path)))
    except DataError:
        return None
    return Basemap(layers, credit_for(path, "land"))


def basemap_for(state) -> Basemap | None:
    """The basemap ``state`` shows (None for ``none``)."""
    return bundled_basemap() if state.basemap != "none" else None
