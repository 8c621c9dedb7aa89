"""The user's basemap files on the page: opened, served as tiles, shown in order.

:class:`BasemapFileLayers` follows :attr:`MapState.basemap_files`: it opens
each file once (a file that cannot be read is said once, and stays in the
list, undrawn, so that saving the project does not lose it), serves its
tiles through the shared :class:`~hegang_map.qt.tile_server.TileServer`
and tells the page the tile layers, bottom first, with their opacity.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject

from ..model.basemaps import add_basemap_files
from ..model.map_state import MapState
from .tile_server import TILE_URL, TileServer


class BasemapFileLayers(QObject):
    """Keeps the page's tile layers in step with the map's basemap files.

    Parameters
    ----------
    state : MapState
    view : MapView
        Its page shows the tiles; its scheme's tile server serves them (one for the app).
    report : callable
        ``report(message)`` shows a message that a file cannot be used.
    notify : callable
        ``notify(message)`` says something in passing (the status bar).
    """

    def __init__(self, state: MapState, view, report: Callable[[str], None], notify: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._server: TileServer = view.scheme.tiles
        self._call = view.call
        self._report = report
        self._notify = notify
        self._server.tooCoarse.connect(self._too_coarse)
        self._open: dict[Path, tuple] = {}  # path -> (key, UserBasemap)
        self.failed: dict[Path, str] = {}  # files that cannot be read, and why
        state.events.basemap_files.connect(lambda _info: self.sync())

    def open(self, path: Path):
        """The opened basemap at ``path`` (a
        :class:`~hegang_map.export.tile_basemaps.UserBasemap`, opened now if
        need be); ``None``, with the message said, when it cannot be read."""
        # Not imported with the window: it brings the readers, which the first frame does not wait for.
        from ..export.tile_basemaps import UserBasemap
        from ..io.errors import DataError

        path = Path(path)
        if path in self._open:
            return self._open[path][1]
        try:
            source = UserBasemap(path)
        except DataError as exc:
            if self.failed.get(path) != str(exc):
                self.failed[path] = str(exc)
                self._report(str(exc))
            return None
        self.failed.pop(path, None)
        key = uuid.uuid4().hex
        self._server.add(key, source)
        self._open[path] = (key, source)
        return source

    def sync(self) -> None:
        """Open what is new, close what went, and send the page the tile layers."""
        wanted = {entry.path for entry in self.state.basemap_files}
        for path in [p for p in self._open if p not in wanted]:
            key, _source = self._open.pop(path)
            self._server.remove(key)
        for path in [p for p in self.failed if p not in wanted]:
            del self.failed[path]
        specs = []
        for entry in self.state.basemap_files:
            source = self.open(entry.path)
            if source is None:
                continue
            info = source.info
            specs.append({
                "id": self._open[entry.path][0],
                "url": TILE_URL + self._open[entry.path][0] + "/{z}/{x}/{y}",
                "visible": entry.visible, "opacity": entry.opacity,
                "minZoom": info.minzoom,
                # A GeoTIFF is drawn afresh at every zoom; tiles beyond a package's last zoom are its own, enlarged.
                "maxZoom": 22 if info.container == "geotiff" else info.maxzoom,
                "bounds": list(info.bounds),
            })
        self._call("setTileLayers", specs)

    def _too_coarse(self, key: str) -> None:
        for _path, (own, source) in self._open.items():
            if own == key:
                self._notify(too_coarse_message(source.info.name))

    def credits(self) -> list[str]:
        """The credits of the basemap files shown."""
        return [self._open[e.path][1].credit() for e in self.state.basemap_files
                if e.visible and e.path in self._open]

    def add(self, path: Path):
        """Add the basemap file at ``path`` on top of the others (once); ``None`` when
        it cannot be read (the message is said)."""
        path = Path(path).absolute()
        self.failed.pop(path, None)  # asked for again: said again if it still cannot be read
        source = self.open(path)
        if source is not None:
            add_basemap_files(self.state, [path])
        return source

    def close(self) -> None:
        """Stop serving every file of this map."""
        for key, _source in self._open.values():
            self._server.remove(key)
        self._open.clear()


def too_coarse_message(name: str) -> str:
    """What to say when a GeoTIFF without overviews is seen too far out to draw."""
    return QCoreApplication.translate(
        "BasemapFiles", "{name} is too large to draw at this zoom without overviews: zoom in, or build "
        "overviews (QGIS: Raster › Miscellaneous › Build Overviews; or gdaladdo).").format(name=name)
