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

The app ships a start too (``resources/start/``, written by ``python -m
hegang_map.build.start``), for the first start after an install or an
update. It is keyed by the contents of what shapes it (the bundled files,
the styles, the payload format), since an install changes every file's time.
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

from ..bundled.paths import PAGE_SCRIPTS, catalogue_path, geodata_dir, resources_dir, web_file
from ..util import i18n
from ..util.folders import leftover_bytes

_log = logging.getLogger(__name__)

#: Raised whenever the format of the kept files changes.
FORMAT = 1
#: Packages that shape the page or the payloads (an upgrade rewrites their files).
_PACKAGES = ("folium", "branca", "xstatic.pkg.leaflet", "numpy", "shapely", "pyproj", "pyogrio", "pandas", "geopandas")
_PAGE_FILE = "page.html"
_START_FILE = "start.bin"
_ME = Path(__file__).resolve().parents[1]  # the package: its files shape the start


def cache_dir() -> Path:
    """``$HEGANG_MAP_CONFIG_DIR/start-cache``, else ``start-cache`` in the user's cache folder."""
    from ..util.folders import cache_dir as app_cache_dir

    return app_cache_dir() / "start-cache"


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


def shipped_dir() -> Path:
    """Where the app's own start is: ``resources/start/``."""
    return resources_dir() / "start"


def stamp() -> str:
    """A key of everything a start's page depends on: the app's code and
    resources, the bundled files and the packages (paths, sizes and times)."""
    # The legends and credits kept are worded in one language: a start is kept per language.
    digest = hashlib.sha256(f"{FORMAT};{_packages()};{i18n.language()}".encode())
    for root in (_ME, resources_dir(), geodata_dir()):
        for path in sorted(root.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            info = path.stat()
            digest.update(f"{path.relative_to(root)}|{info.st_size}|{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def shipped_stamp() -> str:
    """The key of the shipped start: the contents of the bundled files, the
    styles and ramps, the page's scripts and the payload format (not the code
    around them: a read that differs from the shipped start replaces it)."""
    resources = resources_dir()
    inputs = [p for root in (geodata_dir(), resources / "styles") for p in sorted(root.rglob("*")) if p.is_file()]
    inputs += [resources / "ramps.json", _ME / "render" / "payload.py"]
    inputs += [web_file(name) for name in PAGE_SCRIPTS]
    return _contents_key(inputs) + i18n.language() + _start_words()


def _start_words() -> str:
    """A key of the catalogue's words a kept start holds (its legends and credits), in the current language."""
    if i18n.language() == "en":
        return ""
    import xml.etree.ElementTree as ET

    digest = hashlib.sha256()
    for context in ET.parse(catalogue_path(i18n.language(), compiled=False)).getroot().iter("context"):
        if context.findtext("name") in ("Legend", "Styles", "Names", "Credits"):
            for message in context.iter("message"):
                for part in (context.findtext("name"), message.findtext("source"), message.findtext("translation")):
                    digest.update((part or "").encode() + b"\0")
    return digest.hexdigest()


def _start_file() -> str:
    """The file of the current language's start, shipped or kept (``start.bin``, ``start.zh_CN.bin``)."""
    lang = i18n.language()
    return _START_FILE if lang == "en" else f"start.{i18n.LOCALES[lang]}.bin"


def _shipped_page_stamp() -> str:
    return _contents_key([_ME / "render" / "page.py"])


def _contents_key(paths: list[Path]) -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in paths:
        digest.update(f"{path.name}|".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------- the page
def page_html() -> str:
    """The map page's HTML (see :func:`hegang_map.render.page.build_page`):
    the one kept from an earlier start with the same :func:`stamp`, else the
    shipped one if built by this ``render/page.py``, else built now (folium) and kept."""
    key = stamp()
    for path, want in ((cache_dir() / _PAGE_FILE, lambda: key), (shipped_dir() / _PAGE_FILE, _shipped_page_stamp)):
        html = _read_page(path, want)
        if html is not None:
            return html
    from ..render.page import build_page

    html = build_page()
    _write(cache_dir() / _PAGE_FILE, _page_file(html, key))
    return html


def _page_file(html: str, key: str) -> bytes:
    return f"<!-- hegang-map {key} -->\n{html}".encode("utf-8")


#: The largest kept start read back (the shipped one is 3 MB; a start of large user files is more).
MAX_START_BYTES = 1 << 30


def _read_page(path: Path, key) -> str | None:
    try:
        text = (leftover_bytes(path, MAX_START_BYTES) or b"").decode("utf-8")
        head = f"<!-- hegang-map {key()} -->\n"
    except (OSError, UnicodeDecodeError):
        return None
    return text[len(head):] if text.startswith(head) else None


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
    shipped: bool = False  # read from the app's own start, not the user's last one

    def layer(self, key: str) -> KeptLayer | None:
        """The kept layer named ``key``, if any."""
        return next((k for k in self.layers if k.key == key), None)


def save_start(kept: KeptStart, path: Path | None = None, key: str | None = None) -> bool:
    """Keep ``kept`` for the next start; False (and a log line) when it cannot be written.

    ``path`` and ``key``: elsewhere than the user's cache, under another key
    (the shipped start)."""
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
    index = {"format": FORMAT, "stamp": key or stamp(), "layers": layers, "start": [list(s) for s in kept.start],
             "basemap": kept.basemap, "attribution": kept.attribution, "focus": kept.focus,
             "sizes": [len(b) for b in blobs]}
    head = json.dumps(index, ensure_ascii=False, allow_nan=False).encode("utf-8")
    return _write(path or cache_dir() / _start_file(), struct.pack("<Q", len(head)) + head + b"".join(blobs))


def load_start() -> KeptStart | None:
    """The start kept by :func:`save_start`, else the shipped one; ``None``
    when neither is there, fits (another key) or can be read."""
    kept = _load(cache_dir() / _start_file(), stamp)
    if kept is None:
        kept = _load(shipped_dir() / _start_file(), shipped_stamp)
        if kept is not None:
            kept.shipped = True
    return kept


def _load(path: Path, key) -> KeptStart | None:
    data = leftover_bytes(path, MAX_START_BYTES)
    if data is None:
        return None
    try:
        return _parse(data, key)
    except Exception as exc:  # noqa: BLE001 - a damaged cache is not used, whatever is wrong with it
        _log.info("the kept start %s is not used (%s: %s)", path, type(exc).__name__, exc)
        return None


def _parse(data: bytes, key) -> KeptStart | None:
    (size,) = struct.unpack_from("<Q", data)
    index = json.loads(data[8:8 + size].decode("utf-8"))
    if index.get("format") != FORMAT or index.get("stamp") != key():
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
    if len({k.key for k in layers}) != len(layers):
        raise ValueError("a layer kept twice")
    start = [(str(f), str(n), bool(v)) for f, n, v in index["start"]]
    focus = index["focus"]
    return KeptStart(layers, start, [str(n) for n in index["basemap"]], str(index["attribution"]),
                     None if focus is None else str(focus))


def _write(path: Path, data: bytes) -> bool:
    from ..util.atomic import write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data)
    except OSError as exc:
        _log.info("could not keep %s (%s)", path, exc)
        return False
    return True


def ship() -> Path:
    """Write the shipped starts (``resources/start/``), one per language: a
    bundled start is run now, offscreen, in a config folder of its own, and
    what it keeps is copied there under :func:`shipped_stamp`. Returns the folder."""
    for lang in i18n.LANGUAGES:
        _ship(lang)
    from ..render.page import build_page

    folder = shipped_dir()
    _write(folder / _PAGE_FILE, _page_file(build_page(), _shipped_page_stamp()))
    return folder


def _ship(lang: str) -> None:
    import tempfile
    import time

    with tempfile.TemporaryDirectory(prefix="hegang-map-ship-") as config:
        os.environ["HEGANG_MAP_CONFIG_DIR"] = config
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .app import create_app
        from .language import app_language
        from .main_window import MainWindow
        from .map_view import release_shared_profile

        app = create_app()
        app_language(app).set(lang, remember=False)
        window = MainWindow(bundled=True, autosave=False)
        window.resize(1600, 1000)
        window.show()
        idle: list[bool] = []
        window.when_idle(lambda: idle.append(True))  # after the window's own keeping of the start
        end = time.monotonic() + 120
        while not idle and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.005)
        kept = _load(cache_dir() / _start_file(), stamp)
        window.close()
        release_shared_profile()
    if not idle or kept is None or window.errors:
        raise SystemExit(f"the bundled start did not finish cleanly: {window.errors or 'nothing kept'}")
    save_start(kept, shipped_dir() / _start_file(), shipped_stamp())
