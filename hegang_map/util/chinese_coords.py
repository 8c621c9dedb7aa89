"""GCJ-02, the offset coordinates of Chinese web maps, and back to WGS 84.

Maps published in China (Amap, Tencent, and pages that copy coordinates
from them) shift WGS 84 positions by a deliberate, position-dependent
offset of several hundred metres, the "GCJ-02" system. The forward
formula is public; it has no closed inverse, so :func:`wgs84_from_gcj02`
iterates the forward formula until it reproduces the given point (to well
under a millimetre in a few steps). Outside China no offset applies.
"""

from __future__ import annotations

import numpy as np

#: Krasovsky 1940 ellipsoid, which the published formula uses.
_A = 6378245.0
_EE = 0.00669342162296594323


def _in_china(lon, lat):
    return (lon >= 72.004) & (lon <= 137.8347) & (lat >= 0.8293) & (lat <= 55.8271)


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
    glon = np.asarray(lon, dtype="float64")
    glat = np.asarray(lat, dtype="float64")
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(steps):
        flon, flat = gcj02_from_wgs84(wlon, wlat)
        wlon = wlon - (flon - glon)
        wlat = wlat - (flat - glat)
    return wlon, wlat
