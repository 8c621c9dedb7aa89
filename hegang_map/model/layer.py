"""A map layer: a GeoDataFrame in its native CRS, plus how it is shown."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..util.chinese_coords import frame_of
from ..util.i18n import language, translate
from .events import EmitterGroup
from .style import LayerStyle
from .titles import Titles

if TYPE_CHECKING:  # the window starts before geopandas is imported
    import geopandas as gpd

_ids = itertools.count(1)


def new_layer_id() -> str:
    """A layer id no other layer of this session has (for a layer still being read)."""
    return f"L{next(_ids)}"


@dataclass(frozen=True)
class LayerSource:
    """Where a layer was read from.

    Parameters
    ----------
    path : Path or None
        The data file; ``None`` for a layer made in memory.
    layer_name : str or None
        The layer inside the file (GeoPackages hold several).
    encoding : str or None
        The text encoding the user chose for a Shapefile; ``None``: decided
        from the file.
    """

    path: Path | None = None
    layer_name: str | None = None
    encoding: str | None = None

    def describe(self) -> str:
        """Return ``file.gpkg:layer`` for messages and panels."""
        if self.path is None:
            return "(in memory)"
        return f"{self.path}:{self.layer_name}" if self.layer_name else str(self.path)


class Layer:
    """A vector layer of the map.

    The data stays in its native CRS and is never modified or written back;
    display code reprojects at the render boundary. Each property has one event
    in :attr:`events` (``name``, ``visible``, ``opacity``, ``style``,
    ``frame``, ``warnings``).

    Parameters
    ----------
    data : geopandas.GeoDataFrame
        The features, in their native CRS (which may be ``None``).
    name : str
        The name shown in the layer panel.
    source : LayerSource, optional
        Where the data came from.
    style : LayerStyle, optional
        The symbol; a default one when omitted.
    visible : bool
    opacity : float
        0 to 1.
    warnings : list of str, optional
        What was assumed or skipped when reading, shown in the panel.
    layer_id : str, optional
        The id, when one was set aside while the layer was read
        (:func:`new_layer_id`); a new one otherwise.
    frame : str, optional
        The coordinate frame of its longitudes/latitudes: ``wgs84``, or
        ``gcj02``/``bd09`` for data copied from Chinese web maps (see
        :mod:`hegang_map.util.chinese_coords`). Applied when drawing; the
        data is never changed.
    """

    def __init__(
        self,
        data: gpd.GeoDataFrame,
        name: str,
        source: LayerSource | None = None,
        style: LayerStyle | None = None,
        visible: bool = True,
        opacity: float = 1.0,
        warnings: list[str] | None = None,
        layer_id: str | None = None,
        frame: str = "wgs84",
    ) -> None:
        self.id = layer_id or new_layer_id()
        self.data = data
        self.source = source or LayerSource()
        self.events = EmitterGroup(self, ["name", "visible", "opacity", "style", "frame", "warnings"])
        self._name = str(name)
        self._visible = bool(visible)
        self._opacity = _clamp01(opacity)
        self._style = style or LayerStyle()
        self._warnings = list(warnings or [])
        self._frame = frame_of(frame)
        # Worked out once, in the thread that made the layer: pyproj objects
        # must not be used from two threads at once.
        self.crs_name = _crs_name(data.crs)

    def __repr__(self) -> str:
        return f"<Layer {self.id} {self._name!r} n={len(self.data)}>"

    @property
    def name(self) -> str:
        """The name shown in panels and legends."""
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        value = str(value).strip()
        if value and value != self._name:
            self._name = value
            self.events.name.emit(value=value)

    @property
    def titles(self) -> Titles:
        """The titles its file gives the layer and its fields (:class:`~hegang_map.model.titles.Titles`)."""
        return Titles.of(self.data)

    @property
    def display_name(self) -> str:
        """The name people read, in the current language.

        A layer still named after its table shows the title its file gives
        it; one the user or a story named shows that name (a bundled story's
        names are in the catalogue).
        """
        if self._name == self.source.layer_name:
            title = self.titles.layer_in(language())
            if title:
                return title
        return translate("Names", self._name)

    def field_title(self, name: str) -> str:
        """Field ``name`` as people read it: its title in the current language, else the name itself."""
        return self.titles.field_in(name, language()) or name

    @property
    def visible(self) -> bool:
        """Whether the layer is drawn."""
        return self._visible

    @visible.setter
    def visible(self, value: bool) -> None:
        value = bool(value)
        if value != self._visible:
            self._visible = value
            self.events.visible.emit(value=value)

    @property
    def opacity(self) -> float:
        """Layer opacity, 0 to 1."""
        return self._opacity

    @opacity.setter
    def opacity(self, value: float) -> None:
        value = _clamp01(value)
        if value != self._opacity:
            self._opacity = value
            self.events.opacity.emit(value=value)

    @property
    def style(self) -> LayerStyle:
        """The layer's symbol."""
        return self._style

    @style.setter
    def style(self, value: LayerStyle) -> None:
        if value != self._style:
            self._style = value
            self.events.style.emit(value=value)

    @property
    def frame(self) -> str:
        """The coordinate frame of the layer's data (one of :data:`~hegang_map.util.chinese_coords.FRAMES`)."""
        return self._frame

    @frame.setter
    def frame(self, value: str) -> None:
        value = frame_of(value)
        if value != self._frame:
            self._frame = value
            self.events.frame.emit(value=value)

    @property
    def warnings(self) -> list[str]:
        """What was assumed or skipped when reading or displaying the layer."""
        return list(self._warnings)

    def add_warning(self, text: str) -> None:
        """Record one warning (shown in the layer panel)."""
        if text not in self._warnings:
            self._warnings.append(text)
            self.events.warnings.emit(value=self.warnings)

    @property
    def geometry_type(self) -> str:
        """The dominant geometry type (``Point``, ``Polygon`` ...), or ``None``."""
        types = self.data.geom_type.dropna()
        if types.empty:
            return "None"
        return str(types.mode().iloc[0])

    def fields(self) -> list[tuple[str, str]]:
        """Return (name, dtype) of each attribute column."""
        geom = self.data.geometry.name
        return [(str(c), str(t)) for c, t in self.data.dtypes.items() if c != geom]

    def attributes(self, row: int) -> list[tuple[str, Any]]:
        """Return (field, value) pairs of the feature at position ``row``."""
        geom = self.data.geometry.name
        record = self.data.iloc[row]
        return [(str(c), record[c]) for c in self.data.columns if c != geom]

    def label_of(self, row: int) -> str:
        """A short name of feature ``row`` for tooltips: the first name-like field."""
        for candidate in ("name_en", "name", "name_zh", "NAME", "Name", "title"):
            if candidate in self.data.columns:
                value = self.data[candidate].iloc[row]
                if value is not None and str(value) not in ("", "nan", "None"):
                    if candidate == "name_en" and "name_zh" in self.data.columns:
                        zh = self.data["name_zh"].iloc[row]
                        if isinstance(zh, str) and zh:
                            return f"{zh} {value}"
                    return str(value)
        return f"{self.name} #{row + 1}"


def _crs_name(crs) -> str:
    """A short CRS label such as ``EPSG:32652``, or ``none``."""
    if crs is None:
        return "none"
    auth = crs.to_authority()
    return f"{auth[0]}:{auth[1]}" if auth else crs.name


def _clamp01(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
