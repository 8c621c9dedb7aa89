"""GDAL set up for reading untrusted files: no network, no side files, four drivers.

A data file is untrusted input. GDAL can follow what a file says: a virtual
dataset (VRT) reads any other file or URL, a GML file downloads its schema
and writes a ``.gfs`` beside itself, a GeoJSON ``crs`` link is fetched, a
pipeline file runs commands. :func:`harden` turns all of that off once, for
the whole process, before the first read:

- only the drivers of the formats the app claims stay registered
  (:data:`DRIVERS`); every other one is deregistered and skipped;
- GDAL's network file systems (``/vsicurl/``, ``/vsis3/`` ...) are removed,
  and every HTTP request GDAL would make (``CPLHTTPFetch``: schema
  downloads, ``crs`` links) is answered with an error without a socket;
- configuration options pin the rest: no directory listing beside a file,
  no ``.aux.xml``, no SQL functions from GeoPackage views or triggers, an
  unreachable proxy should anything still try.

Which format a file is comes from its content, not its name
(:func:`hegang_map.io.formats.sniff`), and the driver that opened it is
checked against that. The driver and network switches go through GDAL's C
API (ctypes on the library pyogrio loaded); where that library cannot be
found, the configuration options and the content check still hold, and the
log says so.
"""

from __future__ import annotations

import ctypes
import glob
import logging
import os
import threading

import pyogrio

_log = logging.getLogger(__name__)

#: GDAL drivers of the formats the app reads: GeoPackage, GeoJSON, Shapefile, FlatGeobuf.
DRIVERS = ("GPKG", "GeoJSON", "ESRI Shapefile", "FlatGeobuf")

#: Configuration options for every read (process-wide).
CONFIG = {
    # Network: no curl file name is allowed, and a proxy nobody listens on.
    "CPL_VSIL_CURL_ALLOWED_FILENAME": "/vsicurl/network-disabled-by-hegang-map",
    "GDAL_HTTP_PROXY": "127.0.0.1:9",
    "GDAL_HTTPS_PROXY": "127.0.0.1:9",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_HTTP_NETRC": "NO",
    "CPL_VSIL_CURL_USE_HEAD": "NO",
    # Side files and neighbours: no listing of the folder, no .aux.xml.
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    "GDAL_PAM_ENABLED": "NO",
    # GeoPackage (SQLite): views and triggers may not call GDAL's SQL functions or virtual tables.
    "ALLOW_VIRTUAL_OGR_FROM_TRIGGER_AND_VIEW": "NO",
    "ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW": "NO",
    "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": "NO",
    # Formats that are off anyway: should one come back, it fetches and writes nothing.
    "GML_SKIP_RESOLVE_ELEMS": "ALL",
    "GML_DOWNLOAD_SCHEMA": "NO",
    "GML_DOWNLOAD_WFS_SCHEMA": "NO",
    "GDAL_VRT_ENABLE_PYTHON": "NO",
    "CPL_ALLOW_VSISTDIN": "NO",
}

#: GDAL's virtual file systems that reach a network or another process.
NETWORK_FILESYSTEMS = (
    "/vsicurl/", "/vsicurl_streaming/", "/vsis3/", "/vsis3_streaming/", "/vsigs/", "/vsigs_streaming/",
    "/vsiaz/", "/vsiaz_streaming/", "/vsiadls/", "/vsioss/", "/vsioss_streaming/", "/vsiswift/",
    "/vsiswift_streaming/", "/vsiwebhdfs/", "/vsihdfs/", "/vsistdin/",
)

_lock = threading.Lock()
_state: dict = {"done": False, "drivers": None, "guarded": False}
#: URLs GDAL asked for and was refused, most recent last (for the log and tests).
refused_urls: list[str] = []


class _HTTPResult(ctypes.Structure):
    # CPLHTTPResult (cpl_http.h), allocated with VSICalloc: GDAL frees it.
    _fields_ = [("nStatus", ctypes.c_int), ("pszContentType", ctypes.c_void_p), ("pszErrBuf", ctypes.c_void_p),
                ("nDataLen", ctypes.c_int), ("nDataAlloc", ctypes.c_int), ("pabyData", ctypes.c_void_p),
                ("papszHeaders", ctypes.c_void_p), ("nMimePartCount", ctypes.c_int),
                ("pasMimePart", ctypes.c_void_p)]


_FETCH = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                          ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


def harden() -> tuple[str, ...]:
    """Set GDAL up for untrusted files (once per process); return the drivers left.

    Safe to call again: later calls return at once.
    """
    with _lock:
        if not _state["done"]:
            _state["done"] = True
            pyogrio.set_gdal_config_options(CONFIG)
            lib = _library("pyogrio")
            if lib is None:
                _log.warning("GDAL's library was not found: only configuration options and content checks "
                             "guard reading (no driver or network switch)")
            else:
                _harden_library(lib, DRIVERS, pyogrio.set_gdal_config_options)
                _state["guarded"] = True
            _state["drivers"] = tuple(sorted(pyogrio.list_drivers()))
        return _state["drivers"]


#: The one raster driver: GeoTIFF basemaps (orthophotos, scanned plans), read with rasterio.
RASTER_DRIVERS = ("GTiff",)


def harden_raster() -> bool:
    """Set rasterio's own copy of GDAL up as :func:`harden` sets pyogrio's:
    GeoTIFF only, no network, no side files. Returns whether the driver and
    network switches are on (the configuration options always are).

    Safe to call again: later calls return at once.
    """
    with _lock:
        if "raster" not in _state:
            import rasterio  # noqa: F401 (loads its GDAL)

            lib = _library("rasterio")
            _state["raster"] = lib is not None
            if lib is None:
                _log.warning("rasterio's GDAL library was not found: GeoTIFF basemaps are guarded by "
                             "the content check only")
            else:
                lib.CPLSetConfigOption.argtypes = [ctypes.c_char_p, ctypes.c_char_p]

                def set_options(options: dict) -> None:
                    for key, value in options.items():
                        lib.CPLSetConfigOption(key.encode(), str(value).encode())

                set_options(CONFIG)
                lib.GDALAllRegister()
                _harden_library(lib, RASTER_DRIVERS, set_options)
        return _state["raster"]


def guarded() -> bool:
    """Whether the driver and network switches are on (not only the options)."""
    harden()
    return _state["guarded"]


def _library(package: str):
    """The GDAL library ``package`` (pyogrio or rasterio) loaded (its wheel's copy), or ``None``."""
    module = __import__(package)
    base = os.path.dirname(module.__file__)
    patterns = [os.path.join(base, "..", f"{package}.libs", "libgdal*.so*"),
                os.path.join(base, ".dylibs", "libgdal*.dylib"),
                os.path.join(base, "..", f"{package}.libs", "gdal*.dll")]
    found = [p for pattern in patterns for p in sorted(glob.glob(pattern))]
    if not found:
        return None
    try:
        # Already loaded by the package: the same handle, the same driver manager.
        lib = ctypes.CDLL(found[0])
        lib.GDALGetDriverCount.restype = ctypes.c_int
        return lib
    except (OSError, AttributeError):
        return None


def _harden_library(lib, drivers, set_options) -> None:
    _keep_only_drivers(lib, drivers, set_options)
    _remove_network(lib)
    _refuse_http(lib)
    _quiet_default_errors(lib)
    _proj_offline(lib)


def _keep_only_drivers(lib, drivers, set_options) -> None:
    lib.GDALGetDriver.restype = ctypes.c_void_p
    lib.GDALGetDriver.argtypes = [ctypes.c_int]
    lib.GDALGetDriverShortName.restype = ctypes.c_char_p
    lib.GDALGetDriverShortName.argtypes = [ctypes.c_void_p]
    lib.GDALGetDriverByName.restype = ctypes.c_void_p
    lib.GDALGetDriverByName.argtypes = [ctypes.c_char_p]
    lib.GDALDeregisterDriver.argtypes = [ctypes.c_void_p]
    names = [lib.GDALGetDriverShortName(lib.GDALGetDriver(i)).decode() for i in range(lib.GDALGetDriverCount())]
    others = [n for n in names if n not in drivers]
    # Skipped too, so that a later GDALAllRegister() does not bring them back
    # (commas: some names hold spaces).
    set_options({"GDAL_SKIP": ",".join(others)})
    for name in others:
        handle = lib.GDALGetDriverByName(name.encode())
        if handle:
            lib.GDALDeregisterDriver(handle)


def _remove_network(lib) -> None:
    try:
        lib.VSIRemovePluginHandler.argtypes = [ctypes.c_char_p]
        lib.VSIRemovePluginHandler.restype = ctypes.c_int
    except AttributeError:  # GDAL before 3.9: the curl option above still refuses every name
        return
    for prefix in NETWORK_FILESYSTEMS:
        lib.VSIRemovePluginHandler(prefix.encode())


def _proj_offline(lib) -> None:
    # Besides the environment (see hegang_map/__init__.py), for contexts PROJ
    # made before it was set: GDAL's copy of PROJ and pyproj's own.
    try:
        lib.OSRSetPROJEnableNetwork.argtypes = [ctypes.c_int]
        lib.OSRSetPROJEnableNetwork(0)
    except AttributeError:
        pass
    import pyproj.network

    pyproj.network.set_network_enabled(False)


def _quiet_default_errors(lib) -> None:
    # pyogrio turns GDAL's errors and warnings into exceptions and Python
    # warnings, which the app words for people, but only in the thread that
    # calls it (GDAL's handler stack is per thread). GDAL's default handler
    # would print the rest ("ERROR 1: missing [") on the command line's
    # stderr, where each problem is promised one line of the app's own.
    lib.CPLSetErrorHandler.argtypes = [ctypes.c_void_p]
    lib.CPLSetErrorHandler.restype = ctypes.c_void_p
    lib.CPLSetErrorHandler(ctypes.cast(lib.CPLQuietErrorHandler, ctypes.c_void_p))


def _refuse_http(lib) -> None:
    lib.VSICalloc.restype = ctypes.c_void_p
    lib.VSICalloc.argtypes = [ctypes.c_size_t, ctypes.c_size_t]
    lib.CPLStrdup.restype = ctypes.c_void_p
    lib.CPLStrdup.argtypes = [ctypes.c_char_p]
    lib.CPLHTTPSetFetchCallback.argtypes = [_FETCH, ctypes.c_void_p]
    lib.CPLHTTPSetFetchCallback.restype = None

    def refuse(url, *_args):
        refused_urls.append(url.decode("utf-8", "replace") if url else "")
        del refused_urls[:-100]
        address = lib.VSICalloc(1, ctypes.sizeof(_HTTPResult))
        result = _HTTPResult.from_address(address)
        result.nStatus = 1
        result.pszErrBuf = lib.CPLStrdup(b"network access is off in hegang-map")
        return address

    callback = _FETCH(refuse)
    # GDAL keeps the pointer: the function must live as long (one per library).
    _state.setdefault("callbacks", []).append(callback)
    lib.CPLHTTPSetFetchCallback(callback, None)
