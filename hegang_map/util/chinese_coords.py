"""GCJ-02 and BD-09, the offset coordinates of Chinese web maps, and back to WGS 84.

Maps published in China (Amap, Tencent, and pages that copy coordinates
from them) shift WGS 84 positions by a deliberate, position-dependent
offset of several hundred metres, the "GCJ-02" system; Baidu shifts GCJ-02
once more ("BD-09"). The forward formulas are public; they have no closed
inverse, so the inverses iterate the forward formula until it reproduces
the given point (to well under a millimetre in a few steps).

Outside China no offset applies. "China" is the box of :data:`CHINA_BOX`
(72.004–137.8347° E, 0.8293–55.8271° N), the one the published GCJ-02 code
tests: it takes in parts of China's neighbours (Mongolia, the Korean
peninsula, much of Southeast Asia) and leaves out nothing of China. A point
inside it is shifted whatever country it lies in, as the web maps do.
"""

from __future__ import annotations

import numpy as np

#: Krasovsky 1940 ellipsoid, which the published formula uses.
_A = 6378245.0
_EE = 0.00669342162296594323


#: The coordinate frames a layer can be in: WGS 84, GCJ-02 (Amap, Tencent), BD-09 (Baidu).
FRAMES = ("wgs84", "gcj02", "bd09")

#: (west, south, east, north) in degrees: where the shifts apply.
CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)

_X_PI = np.pi * 3000.0 / 180.0


def frame_of(value: str) -> str:
    """``value`` when it is one of :data:`FRAMES`; ``ValueError`` otherwise."""
    if value not in FRAMES:
        raise ValueError(f"a coordinate frame is one of {', '.join(FRAMES)}, not {value!r}")
    return value


def _in_china(lon, lat):
    w, s, e, n = CHINA_BOX
    return (lon >= w) & (lon <= e) & (lat >= s) & (lat <= n)


def _dlat(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    r += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    r += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    r += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return r


def _dlon(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    r += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    r += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    r += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return r


def gcj02_from_wgs84(lon, lat):
    """Shift WGS 84 longitude/latitude to GCJ-02.

    Parameters
    ----------
    lon, lat : float or array_like
        Degrees, WGS 84.

    Returns
    -------
    tuple of ndarray
        ``(lon, lat)`` in GCJ-02; unchanged outside China.
    """
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    dlat = _dlat(lon - 105.0, lat - 35.0)
    dlon = _dlon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad) ** 2
    sq = np.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sq) * np.pi)
    dlon = dlon * 180.0 / (_A / sq * np.cos(rad) * np.pi)
    inside = _in_china(lon, lat)
    return np.where(inside, lon + dlon, lon), np.where(inside, lat + dlat, lat)


def bd09_from_gcj02(lon, lat):
    """Shift GCJ-02 longitude/latitude to Baidu's BD-09 (unchanged outside China)."""
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    inside = _in_china(lon, lat)
    return np.where(inside, z * np.cos(theta) + 0.0065, lon), np.where(inside, z * np.sin(theta) + 0.006, lat)


def gcj02_from_bd09(lon, lat, steps: int = 10):
    """Undo the BD-09 shift: the GCJ-02 point whose BD-09 image is given."""
    return _invert(bd09_from_gcj02, lon, lat, steps)


def wgs84_from_gcj02(lon, lat, steps: int = 10):
    """Undo the GCJ-02 shift: the WGS 84 point whose GCJ-02 image is given.

    Parameters
    ----------
    lon, lat : float or array_like
        Degrees, GCJ-02.
    steps : int, optional
        Fixed-point iterations; each gains about two orders of magnitude.

    Returns
    -------
    tuple of ndarray
        ``(lon, lat)`` in WGS 84.
    """
    return _invert(gcj02_from_wgs84, lon, lat, steps)


def _invert(forward, lon, lat, steps: int):
    """The point whose image under ``forward`` is (lon, lat), by fixed-point iteration."""
    glon = np.asarray(lon, dtype="float64")
    glat = np.asarray(lat, dtype="float64")
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(steps):
        flon, flat = forward(wlon, wlat)
        wlon = wlon - (flon - glon)
        wlat = wlat - (flat - glat)
    return wlon, wlat


def convert(lon, lat, source: str, target: str):
    """Longitude/latitude in frame ``source`` as they are in frame ``target``.

    Parameters
    ----------
    lon, lat : float or array_like
        Degrees.
    source, target : str
        One of :data:`FRAMES`.

    Returns
    -------
    tuple of ndarray
        ``(lon, lat)`` in ``target``; NaN stays NaN.
    """
    frame_of(source)
    frame_of(target)
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    # Through GCJ-02, which both others are defined from.
    if source == "wgs84" and target != "wgs84":
        lon, lat = gcj02_from_wgs84(lon, lat)
    elif source == "bd09" and target != "bd09":
        lon, lat = gcj02_from_bd09(lon, lat)
    if target == "wgs84" and source != "wgs84":
        lon, lat = wgs84_from_gcj02(lon, lat)
    elif target == "bd09" and source != "bd09":
        lon, lat = bd09_from_gcj02(lon, lat)
    return lon, lat


def convert_geometries(geoms, source: str, target: str):
    """Shapely geometries (longitude/latitude) of frame ``source`` in frame ``target``.

    A vectorised pass over every vertex; Z values are kept. Returns the
    array itself when the frames are the same.
    """
    if source == target:
        return geoms
    import shapely

    def shift(xyz):
        out = xyz.copy()
        out[:, 0], out[:, 1] = convert(xyz[:, 0], xyz[:, 1], source, target)
        return out

    # include_z=None: each geometry's own dimensions, heights kept.
    return shapely.transform(geoms, shift, include_z=None)
