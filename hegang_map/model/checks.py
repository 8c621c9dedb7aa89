"""Numbers and colours checked where they enter: from a project, story, style or sidecar.

Every number read from a file is checked for type, finiteness and range when
it is read, with a message naming the field, so that nothing half-opens on a
NaN, an Infinity or a zoom of 1e300. The functions raise :class:`FieldError`
(a ``ValueError``); readers turn it into their own message with the file's name.
"""

from __future__ import annotations

import math
import re
from typing import Any
from ..util.i18n import translate

#: Leaflet zoom levels the app shows.
ZOOM_RANGE = (0.0, 24.0)
#: The web map's (Web Mercator) latitude limit, rounded out: a view centred
#: on a pole has no finite extent.
MERCATOR_LAT = 85.06
#: Row numbers are positions in a layer (the page keeps them as 32-bit integers).
MAX_ROW = 2**31 - 1

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def utf8(text: str) -> str:
    """``text`` as UTF-8 can carry it: a lone surrogate (which JSON's ``\\ud800``
    and some file names yield) becomes ``?``; no writer or font then fails on it."""
    return text.encode("utf-8", "replace").decode("utf-8")


class FieldError(ValueError):
    """A value out of range or of the wrong type; the message starts with the field's name."""


def number(value: Any, field: str, lo: float, hi: float) -> float:
    """``value`` as a finite float in [lo, hi]; ``ValueError`` naming ``field`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(translate(
            "Messages", "{field} must be a number, not {value}").format(field=field, value=_show(value)))
    try:
        out = float(value)
    except OverflowError:  # an integer with hundreds of digits
        out = math.inf
    if not math.isfinite(out) or not lo <= out <= hi:
        raise FieldError(translate(
            "Messages", "{field} must be a number from {value} to {value2}, not {value3}").format(field=field, value=_num(lo), value2=_num(hi), value3=_show(value)))
    return out


def integer(value: Any, field: str, lo: int, hi: int) -> int:
    """``value`` as an int in [lo, hi] (a float with no fraction is taken); ``ValueError`` otherwise."""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(translate(
            "Messages", "{field} must be a whole number, not {value}").format(field=field, value=_show(value)))
    if not lo <= value <= hi:
        raise FieldError(translate(
            "Messages", "{field} must be a whole number from {lo} to {hi}, not {value}").format(field=field, lo=lo, hi=hi, value=_show(value)))
    return value


def flag(value: Any, field: str) -> bool:
    """``value`` as a bool (``true``/``false`` in JSON)."""
    if not isinstance(value, bool):
        raise FieldError(translate(
            "Messages", "{field} must be true or false, not {value}").format(field=field, value=_show(value)))
    return value


def text_or_none(value: Any, field: str) -> str | None:
    """``value`` as a text (a field or layer name), or ``None``."""
    if value is not None and not isinstance(value, str):
        raise FieldError(translate(
            "Messages", "{field} must be a text (a name), not {value}").format(field=field, value=kind(value)))
    return value


def choice(value: Any, field: str, allowed: tuple[str, ...]) -> str:
    """``value`` as one of the texts ``allowed``."""
    if not isinstance(value, str) or value not in allowed:
        raise FieldError(translate(
            "Messages", "{field} must be one of {allowed}, not {value}").format(
            field=field, allowed=", ".join(allowed), value=_show(value)))
    return value


def color(value: Any, field: str) -> str:
    """``value`` as a ``#rrggbb`` colour."""
    if not isinstance(value, str) or not _HEX.fullmatch(value):
        raise FieldError(translate(
            "Messages", "{field} must be a colour like #1f77b4, not {value}").format(field=field, value=_show(value)))
    return value


def numbers(value: Any, field: str, lo: float, hi: float, most: int) -> tuple[float, ...]:
    """A list of at most ``most`` numbers, each in [lo, hi]."""
    if not isinstance(value, (list, tuple)):
        raise FieldError(translate(
            "Messages", "{field} must be a list of numbers, not {value}").format(field=field, value=_show(value)))
    if len(value) > most:
        raise FieldError(translate(
            "Messages", "{field} may hold at most {most} numbers, not {value}").format(field=field, most=most, value=len(value)))
    return tuple(number(v, f"{field}[{i}]", lo, hi) for i, v in enumerate(value))


def view(value: Any, field: str = "view") -> tuple[float, float, float]:
    """(lat, lon, zoom) of a view dict; missing keys are not allowed to be junk either."""
    if not isinstance(value, dict):
        raise FieldError(translate(
            "Messages", "{field} must be an object with lat, lon and zoom, not {value}").format(field=field, value=_show(value)))
    return (number(value.get("lat"), f"{field}.lat", -MERCATOR_LAT, MERCATOR_LAT),
            number(value.get("lon"), f"{field}.lon", -540.0, 540.0),
            number(value.get("zoom"), f"{field}.zoom", *ZOOM_RANGE))


def _num(x: float) -> str:
    return f"{x:g}"


def kind(value: Any) -> str:
    """What a JSON value is, in words: 'a text', 'a number', 'null' ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (list, tuple)):
        return "a list"
    return "an object"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
