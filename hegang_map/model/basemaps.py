"""Basemap files a user adds (tile packages, orthophotos): what the map keeps of them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import checks
from ..util.i18n import translate

#: The most basemap files one map holds.
MAX_BASEMAP_FILES = 16


@dataclass(frozen=True)
class BasemapFile:
    """A basemap file drawn under the layers, above the bundled basemap.

    Attributes
    ----------
    path : Path
        An MBTiles, PMTiles or GeoTIFF file, or a folder of ``z/x/y`` tiles.
    opacity : float
        0 to 1.
    visible : bool
        Whether it is drawn.
    """

    path: Path
    opacity: float = 1.0
    visible: bool = True

    def to_dict(self, path: str) -> dict:
        """Its saved form, with ``path`` written as the caller chose (relative to a project)."""
        return {"path": path, "opacity": self.opacity, "visible": self.visible}

    @classmethod
    def from_dict(cls, doc: Any, field: str, resolve) -> "BasemapFile":
        """Read one saved entry; ``resolve(text)`` turns its stored path into a Path.

        Raises
        ------
        ValueError
            A message naming ``field`` for a wrong type or value.
        """
        if isinstance(doc, str):
            doc = {"path": doc}
        if not isinstance(doc, dict) or not isinstance(doc.get("path"), str) or not doc["path"].strip():
            raise checks.FieldError(translate("Messages", "{field} must name a basemap file").format(field=field))
        return cls(resolve(checks.utf8(doc["path"])),
                   checks.number(doc.get("opacity", 1.0), f"{field}.opacity", 0.0, 1.0),
                   checks.flag(doc.get("visible", True), f"{field}.visible"))


def basemap_files(value: Any, field: str, resolve) -> tuple[BasemapFile, ...]:
    """A saved list of basemap files, checked (at most :data:`MAX_BASEMAP_FILES`)."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_BASEMAP_FILES:
        raise checks.FieldError(translate("Messages", "{field} must be a list of at most {n} basemap files").format(
            field=field, n=MAX_BASEMAP_FILES))
    files = [BasemapFile.from_dict(item, f"{field}[{i}]", resolve) for i, item in enumerate(value)]
    # A file named twice is drawn once (the first place it is named).
    return tuple({f.path: f for f in reversed(files)}[p] for p in dict.fromkeys(f.path for f in files))


def add_basemap_files(state, paths) -> None:
    """Put the basemap files at ``paths`` on top of ``state``'s own (each once)."""
    have = {entry.path for entry in state.basemap_files}
    new = []
    for path in paths:
        path = Path(path).absolute()
        if path not in have:
            have.add(path)
            new.append(BasemapFile(path))
    state.basemap_files = state.basemap_files + tuple(new)
