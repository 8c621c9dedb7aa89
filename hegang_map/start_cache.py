"""What the map page was given at the last start, kept to draw the next one at once.

Before it can draw, a start needs about a second of imports (geopandas,
pandas, pyarrow, folium) and then a read of every bundled layer. What the
page is given — its HTML, and for the bundled start each layer's payload and
style message — is a pure function of the code, the packages and the
bundled files, so the last start's is kept on disk (keyed by all three) and
the next start draws it while the layers are read behind it.

The kept start only ever makes the map appear sooner: each layer read is
compared with what was drawn for it and replaces it when they differ, and a
kept layer that no read claims is taken off the map when the start is over.
A missing, stale or damaged cache is simply not used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import struct
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from .paths import geodata_dir, resources_dir

_log = logging.getLogger(__name__)

#: Raised whenever the format of the kept files changes.
FORMAT = 1
#: Packages that shape the page or the payloads (an upgrade rewrites their files).
_PACKAGES = ("folium", "branca", "xstatic.pkg.leaflet", "numpy", "shapely", "pyproj", "pyogrio", "pandas", "geopandas")
_PAGE_FILE = "page.html"
_START_FILE = "start.bin"


def cache_dir() -> Path:
    """``$HEGANG_MAP_CONFIG_DIR/start-cache``, else ``start-cache`` in the user's cache folder."""
    config = os.environ.get("HEGANG_MAP_CONFIG_DIR")
    if config:
        return Path(config) / "start-cache"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hegang-map" / "start-cache"


@lru_cache(maxsize=1)
def _packages() -> str:
    # Where each is and when it was written, found without importing it
    # (importlib.metadata alone would cost the start 30 ms).
    found = []
    for name in _PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            found.append(f"{name}=-")
            continue
        info = os.stat(spec.origin)
        found.append(f"{spec.origin}|{info.st_size}|{info.st_mtime_ns}")
    return ";".join(found)


def stamp() -> str:
    """A key of everything a start's page depends on: the app's code and
    resources, the bundled files (sizes and times) and the package versions."""
    digest = hashlib.sha256(f"{FORMAT};{_packages()}".encode())
    for root in (Path(__file__).resolve().parent, resources_dir(), geodata_dir()):
        for path in sorted(root.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            info = path.stat()
            digest.update(f"{path.relative_to(root)}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# ---------------------------------------------------------------- the page
def page_html() -> str:
    """The map page's HTML (see :func:`hegang_map.render.page.build_page`):
    the one kept from an earlier start with the same :func:`stamp`, else
    built now (folium) and kept."""
    key = stamp()
    path = cache_dir() / _PAGE_FILE
    head = f"<!-- hegang-map {key} -->\n"
    try:
        text = path.read_text(encoding="utf-8")
        if text.startswith(head):
            return text[len(head):]
    except (OSError, UnicodeDecodeError):
        pass
    from .render.page import build_page

    html = build_page()
    _write(path, (head + html).encode("utf-8"))
    return html


# ---------------------------------------------------------------- the bundled start
@dataclass
class KeptLayer:
    """One page layer as the last start left it.

    ``key`` names it across starts: ``"basemap/<layer>"`` or ``"<file>/<layer>"``.
    ``style`` is the page's style message; its class array (``classes``, or
    ``None``) is kept apart and served anew.
    """

    key: str
    name: str
    payload: bytes
    style: dict
    classes: bytes | None
    visible: bool
    opacity: float
    basemap: bool


@dataclass
class KeptStart:
    """The bundled start as the page was given it: layers bottom first (basemap
    first), what was read for it, the credits line and the layer whose legend
    is open (the active one, by key)."""

    layers: list[KeptLayer]
    start: list[tuple[str, str, bool]]  # (file, layer, shown) as opened, top first
    basemap: list[str]  # the basemap's layers in the order they are read
    attribution: str
    focus: str | None = None

    def layer(self, key: str) -> KeptLayer | None:
        """The kept layer named ``key``, if any."""
        return next((k for k in self.layers if k.key == key), None)


def save_start(kept: KeptStart) -> bool:
    """Keep ``kept`` for the next start; False (and a log line) when it cannot be written."""
    blobs: list[bytes] = []
    layers = []
    for layer in kept.layers:
        entry = asdict(layer)
        for name in ("payload", "classes"):
            data = entry.pop(name)
            entry[name] = None if data is None else len(blobs)
            if data is not None:
                blobs.append(data)
        layers.append(entry)
    index = {"format": FORMAT, "stamp": stamp(), "layers": layers, "start": [list(s) for s in kept.start],
             "basemap": kept.basemap, "attribution": kept.attribution, "focus": kept.focus,
             "sizes": [len(b) for b in blobs]}
    head = json.dumps(index, ensure_ascii=False, allow_nan=False).encode("utf-8")
    return _write(cache_dir() / _START_FILE, struct.pack("<Q", len(head)) + head + b"".join(blobs))


def load_start() -> KeptStart | None:
    """The start kept by :func:`save_start`, or ``None`` when there is none,
    it is stale (another :func:`stamp`) or it cannot be read."""
    try:
        data = (cache_dir() / _START_FILE).read_bytes()
    except OSError:
        return None
    try:
        return _parse(data)
    except Exception as exc:  # noqa: BLE001 - a damaged cache is not used, whatever is wrong with it
        _log.info("the kept start is not used (%s: %s)", type(exc).__name__, exc)
        return None


def _parse(data: bytes) -> KeptStart | None:
    (size,) = struct.unpack_from("<Q", data)
    index = json.loads(data[8:8 + size].decode("utf-8"))
    if index.get("format") != FORMAT or index.get("stamp") != stamp():
        return None
    offsets, at = [], 8 + size
    for n in index["sizes"]:
        offsets.append((at, at + int(n)))
        at += int(n)
    if at != len(data):
        raise ValueError("the blobs do not add up to the file")

    def blob(i):
        return None if i is None else data[offsets[i][0]:offsets[i][1]]

    layers = [
        KeptLayer(key=str(e["key"]), name=str(e["name"]), payload=blob(e["payload"]), style=dict(e["style"]),
                  classes=blob(e["classes"]), visible=bool(e["visible"]), opacity=float(e["opacity"]),
                  basemap=bool(e["basemap"]))
        for e in index["layers"]
    ]
    if any(k.payload is None for k in layers):
        raise ValueError("a layer without data")
    start = [(str(f), str(n), bool(v)) for f, n, v in index["start"]]
    focus = index["focus"]
    return KeptStart(layers, start, [str(n) for n in index["basemap"]], str(index["attribution"]),
                     None if focus is None else str(focus))


def _write(path: Path, data: bytes) -> bool:
    from .io.atomic import write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data)
    except OSError as exc:
        _log.info("could not keep %s (%s)", path, exc)
        return False
    return True
