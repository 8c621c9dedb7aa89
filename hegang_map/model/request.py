"""What is asked of a read: which layer, why, and how it is to be shown once read.

Every way a layer enters the map (a file opened, the bundled start, a project,
a story's scene, the basemap) makes one :class:`LayerRequest`; the window's
loader and the headless exports read the same records and make the layer
with :meth:`LayerRequest.make`, so a project's names, styles, visibility and
opacity are applied in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .layer import Layer, LayerSource
from .sources import PgTable
from .style import LayerStyle

if TYPE_CHECKING:
    import geopandas as gpd

#: Why a layer is read. The window treats them differently only where the user
#: would: a file the user opened is framed and drawn early; a scene layer is
#: read hidden; the basemap goes under every layer.
WHY = ("open", "bundled", "project", "scene", "basemap")


@dataclass(frozen=True)
class LayerRequest:
    """One layer to read.

    Parameters
    ----------
    path : Path
        The data file, absolute (resolved against the project file, never the
        working folder).
    layer : str or None
        The layer inside the file.
    name : str or None
        The name in the layer panel (the layer's own name when ``None``).
    style : LayerStyle or None
        ``None``: the saved default of a layer of that name, else a colour of the cycle.
    visible : bool
    opacity : float
    why : str
        One of :data:`WHY`.
    rank : int
        Place in the panel among the requests made together: 0 on top.
    frame : str
        The coordinate frame of the data (:attr:`Layer.frame`).
    encoding : str or None
        The text encoding of a Shapefile as the user chose it (``None``: decided from the file).
    """

    path: Path
    layer: str | None
    name: str | None = None
    style: LayerStyle | None = None
    visible: bool = True
    opacity: float = 1.0
    why: str = "open"
    rank: int = 0
    frame: str = "wgs84"
    encoding: str | None = None

    def __post_init__(self) -> None:
        if self.why not in WHY:
            raise ValueError(f"a layer is read for one of {', '.join(WHY)}, not {self.why!r}")

    @property
    def label(self) -> str:
        """``file.gpkg:layer`` for messages."""
        if isinstance(self.path, PgTable):
            return f"{self.path.server}#{self.path.schema}.{self.path.table}"
        name = Path(self.path).name
        return f"{name}:{self.layer}" if self.layer else name

    @property
    def display_name(self) -> str:
        """The name the layer will have in the panel."""
        stem = self.path.stem if isinstance(self.path, PgTable) else Path(self.path).stem
        return self.name or self.layer or stem

    def with_style(self, style: LayerStyle | None) -> "LayerRequest":
        """A copy with ``style``."""
        return replace(self, style=style)

    def make(self, data: "gpd.GeoDataFrame", layer_id: str | None = None) -> Layer:
        """The layer of ``data`` as asked: name, source, style, visibility, opacity, frame."""
        path = self.path if isinstance(self.path, PgTable) else Path(self.path).resolve()
        return Layer(data, self.display_name, LayerSource(path, self.layer, self.encoding), style=self.style,
                     visible=self.visible, opacity=self.opacity, layer_id=layer_id, frame=self.frame)
