"""How a layer looks, kept apart from its data.

A :class:`LayerStyle` is an immutable value: changing a style means setting a
new one on the layer, which emits one ``style`` event. Besides the base
symbol it says how features are classed (single symbol, categories, or
graduated colour and size by a numeric field), which features are labelled,
which period of a time field is shown, and which rows are filtered out.

Everything here is plain data that round-trips through JSON
(:meth:`LayerStyle.to_dict` / :meth:`LayerStyle.from_dict`); the work of
classing a GeoDataFrame lives in :mod:`hegang_map.model.symbology`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from . import checks
from ..util.i18n import translate

#: Colours given to new layers in turn, from ColorBrewer Set1/Dark2 (distinct, print-safe).
DEFAULT_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#377eb8")

#: How features get their symbol.
RENDERERS = ("single", "categorized", "graduated")

#: Classification schemes of graduated styles (mapclassify classes in ``classify.SCHEMES``).
SCHEMES = ("quantiles", "equal_interval", "natural_breaks", "head_tail_breaks", "std_mean", "manual")

#: Point marker shapes the page and the exporter can draw.
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Category:
    """One category of a categorized style.

    Parameters
    ----------
    value : str
        The field value, as text (numbers are compared by their text too).
    color : str
        Fill colour ``#rrggbb``.
    label : str
        Legend text; the value itself when empty.
    """

    value: str
    color: str
    label: str = ""


@dataclass(frozen=True)
class LabelSpec:
    """Which features carry a text label, and how it avoids clutter.

    Parameters
    ----------
    field : str
        Field of the main text (for example ``name_zh``).
    also_field : str or None
        A second field appended after a space (``name_en`` for both languages);
        of two names ending ``_en`` and ``_zh``, the one of the map's language comes first.
    where : tuple of (field, tuple of values)
        Only rows whose field value (as text) is in the values are labelled.
    priority_field : str or None
        Numeric field; larger values win when labels would overlap.
    min_zoom : float
        No labels below this Leaflet zoom.
    size : float
        Font size in pixels.
    unit_field, period_field : str or None
        Where ``field`` is a number: fields holding each row's unit and period,
        printed with it ("63,000 yuan/m², 2019"). Without them a number takes
        the style's unit and the period shown when it is the classified field.
    """

    field: str
    also_field: str | None = None
    where: tuple = ()
    priority_field: str | None = None
    min_zoom: float = 0.0
    size: float = 12.0
    unit_field: str | None = None
    period_field: str | None = None


@dataclass(frozen=True)
class TimeSpec:
    """Show one period of a time field at a time.

    Parameters
    ----------
    field : str
        The period field (for example ``year``).
    current : int, str or None
        The period shown; ``None`` means the latest one in the data.
    fixed_breaks : bool
        True: class breaks come from all periods, so colours compare across
        periods. False: breaks are recomputed for each period.
    """

    field: str
    current: Any = None
    fixed_breaks: bool = True


@dataclass(frozen=True)
class LayerStyle:
    """Symbol of a layer.

    Parameters
    ----------
    color : str
        Fill colour (``#rrggbb``) of points and polygons; stroke of lines.
    stroke_color : str
        Outline colour of points and polygons.
    stroke_width : float
        Outline or line width in screen pixels.
    fill_opacity : float
        Opacity of fills, 0 to 1 (the layer opacity multiplies it).
    point_size : float
        Point marker radius in screen pixels.
    marker : str
        Point marker shape: ``circle``, ``square``, ``triangle`` or ``diamond``.
    renderer : str
        ``single``, ``categorized`` or ``graduated``.
    field : str or None
        The classified field (categorized and graduated).
    scheme : str
        Graduated classification, one of :data:`SCHEMES`.
    k : int
        Number of classes (ignored by head/tail breaks and std-mean, which
        find their own).
    breaks : tuple of float
        Upper class bounds for ``manual``.
    ramp : str
        Colour ramp name (see ``ramps.RAMPS``).
    reverse : bool
        Reverse the ramp.
    colors : tuple of str
        Explicit class colours of a graduated style; they win over the ramp
        when there are exactly as many as classes.
    size_range : tuple of (float, float) or None
        Graduated size: smallest and largest point radius; ``None`` keeps
        ``point_size`` for every class.
    graduate_color : bool
        Whether a graduated style varies colour (False: size only).
    flagged_in_breaks : bool
        Whether rows with a ``quality_flag`` (values a source's compiler
        judged implausible) count when a graduated style computes its
        breaks. By default they are left out, drawn apart and counted in
        the legend, so one data error cannot stretch every class.
    categories : tuple of Category
        Categorized classes; empty means one per distinct value, coloured
        from ``ramp``.
    label : LabelSpec or None
    time : TimeSpec or None
    filter : tuple of (field, tuple of values)
        Rows whose field value is not listed are not drawn.
    hollow_where : tuple of (field, tuple of values)
        Matching rows are drawn as outlines only (for example a point placed
        on its district, not its real site).
    title : str
        What the field measures, for the legend ("Resale listing price").
    unit : str
        Unit of the field ("yuan/m²").
    note : str
        A line under the legend; ``{field}`` is replaced by the shown period
        or the filter value of that field.
    """

    color: str = DEFAULT_COLORS[0]
    stroke_color: str = "#333333"
    stroke_width: float = 1.0
    fill_opacity: float = 0.8
    point_size: float = 4.0
    marker: str = "circle"
    renderer: str = "single"
    field: str | None = None
    scheme: str = "quantiles"
    k: int = 5
    breaks: tuple = ()
    ramp: str = "viridis"
    reverse: bool = False
    colors: tuple = ()
    size_range: tuple | None = None
    graduate_color: bool = True
    flagged_in_breaks: bool = False
    categories: tuple = ()
    label: LabelSpec | None = None
    time: TimeSpec | None = None
    filter: tuple = ()
    hollow_where: tuple = ()
    title: str = ""
    unit: str = ""
    note: str = ""
    dash: tuple = ()

    def evolve(self, **changes: Any) -> "LayerStyle":
        """Return a copy with ``changes`` applied."""
        return replace(self, **changes)

    def with_period(self, period: Any) -> "LayerStyle":
        """Return a copy showing ``period`` of the time field (no-op without one)."""
        if self.time is None:
            return self
        return replace(self, time=replace(self.time, current=period))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (tuples become lists)."""
        out = asdict(self)
        out["filter"] = _pairs_to_dict(self.filter)
        out["hollow_where"] = _pairs_to_dict(self.hollow_where)
        if self.label is not None:
            out["label"]["where"] = _pairs_to_dict(self.label.where)
        return _lists(out)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LayerStyle":
        """Build a style from :meth:`to_dict` output, ignoring unknown keys.

        Raises
        ------
        ValueError
            When a number or colour is out of range or of the wrong type
            (the message names the field: ``style.stroke_width must be ...``).
        """
        if not isinstance(data, dict):
            raise ValueError(translate("Messages", "style must be an object, not {value}").format(value=type(data).__name__))
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        _check(kw)
        for key in ("breaks", "colors", "dash"):
            if key in kw:
                kw[key] = tuple(kw[key] or ())
        if kw.get("size_range") is not None:
            kw["size_range"] = tuple(float(v) for v in kw["size_range"])
        if "categories" in kw:
            kw["categories"] = tuple(
                c if isinstance(c, Category) else Category(checks.utf8(str(c["value"])), c["color"], checks.utf8(c.get("label", "")))
                for c in kw["categories"] or ()
            )
        for key in ("filter", "hollow_where"):
            if key in kw:
                kw[key] = _dict_to_pairs(kw[key])
        if isinstance(kw.get("label"), dict):
            lab = {k: v for k, v in kw["label"].items() if k in {f.name for f in fields(LabelSpec)}}
            for key in ("field", "also_field", "priority_field", "unit_field", "period_field"):
                checks.text_or_none(lab.get(key), f"style.label.{key}")
            if lab.get("where") is not None and not isinstance(lab["where"], dict):
                raise checks.FieldError(translate(
                    "Messages", "style.label.where must be an object of field: [values], not {value}").format(
                    value=checks.kind(lab["where"])))
            lab["where"] = _dict_to_pairs(lab.get("where"))
            kw["label"] = LabelSpec(**lab)
        if isinstance(kw.get("time"), dict):
            spec = {k: v for k, v in kw["time"].items() if k in {f.name for f in fields(TimeSpec)}}
            spec["current"] = _period(spec.get("current"))
            spec["fixed_breaks"] = checks.flag(spec.get("fixed_breaks", True), "style.time.fixed_breaks")
            kw["time"] = TimeSpec(**spec)
        return cls(**kw)


#: Longest period text (a period is a year, a quarter, a date).
MAX_PERIOD_TEXT = 100


def _period(value: Any) -> Any:
    """A saved ``style.time.current``: null, a whole or finite number, or a short text."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) <= MAX_PERIOD_TEXT:
        return checks.utf8(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return checks.integer(value, "style.time.current", -10**9, 10**9)
    if isinstance(value, float):
        return checks.number(value, "style.time.current", -1e9, 1e9)
    raise checks.FieldError(translate(
        "Messages", "style.time.current must be a period (a year such as 2024, or a short text) or null, not "
        "{value}").format(value=checks.kind(value)))


#: Limits of a style's numbers (inclusive), as read from a file.
LIMITS = {"stroke_width": (0.0, 100.0), "fill_opacity": (0.0, 1.0), "point_size": (0.0, 200.0)}
#: Most classes a graduated style asks for (the data may support fewer).
MAX_K = 64
#: Most explicit categories, colours or breaks a style holds.
MAX_CLASSES = 1024


#: Style fields that hold one piece of text (``field`` may also be null).
_TEXT_FIELDS = ("field", "ramp", "title", "unit", "note")
#: Longest text a style field may hold.
MAX_TEXT = 10_000


def _check(kw: dict[str, Any]) -> None:
    """Check (and normalise) the numbers, colours, texts and names of a style dict in place."""
    for key in _TEXT_FIELDS:
        value = kw.get(key)
        if value is None and key == "field":
            continue
        if key in kw and (not isinstance(value, str) or len(value) > MAX_TEXT):
            raise checks.FieldError(translate(
                "Messages", "style.{key} must be a text of at most {max_text} characters, not {value}").format(
                key=key, max_text=format(MAX_TEXT, ','), value=type(value).__name__))
        if key in kw:
            kw[key] = checks.utf8(value)
    for key in ("label", "time"):
        if kw.get(key) is not None and not isinstance(kw[key], dict):
            raise checks.FieldError(translate(
                "Messages", "style.{key} must be an object ({{\"field\": ...}}) or null, not {value}").format(key=key, value=type(kw[key]).__name__))
        if isinstance(kw.get(key), dict) and not isinstance(kw[key].get("field"), str):
            raise checks.FieldError(translate("Messages", "style.{key}.field must be the name of a field").format(key=key))
    for key in ("filter", "hollow_where"):
        if kw.get(key):
            _check_pairs(kw[key], f"style.{key}")
    for key, allowed in (("renderer", RENDERERS), ("scheme", SCHEMES), ("marker", MARKERS)):
        if key in kw and kw[key] not in allowed:
            raise checks.FieldError(translate(
                "Messages", "style.{key} must be one of {value}, not {value2}").format(key=key, value=', '.join(allowed), value2=repr(str(kw[key])[:40])))
    for key in ("color", "stroke_color"):
        if key in kw:
            checks.color(kw[key], f"style.{key}")
    for key, (lo, hi) in LIMITS.items():
        if key in kw:
            kw[key] = checks.number(kw[key], f"style.{key}", lo, hi)
    if "k" in kw:
        kw["k"] = checks.integer(kw["k"], "style.k", 1, MAX_K)
    for key in ("reverse", "graduate_color", "flagged_in_breaks"):
        if key in kw:
            checks.flag(kw[key], f"style.{key}")
    if kw.get("breaks") is not None:
        kw["breaks"] = checks.numbers(kw["breaks"], "style.breaks", -1e300, 1e300, MAX_CLASSES)
    if kw.get("colors") is not None:
        colors = kw["colors"]
        if not isinstance(colors, (list, tuple)) or len(colors) > MAX_CLASSES:
            raise checks.FieldError(translate(
                "Messages", "style.colors must be a list of at most {max_classes} colours").format(max_classes=MAX_CLASSES))
        kw["colors"] = tuple(checks.color(c, f"style.colors[{i}]") for i, c in enumerate(colors))
    if kw.get("dash") is not None:
        kw["dash"] = checks.numbers(kw["dash"], "style.dash", 0.0, 100.0, 16)
    if kw.get("size_range") is not None:
        size = checks.numbers(kw["size_range"], "style.size_range", 0.0, 200.0, 2)
        if len(size) != 2:
            raise checks.FieldError(translate("Messages", "style.size_range must be two numbers (smallest and largest radius)"))
        kw["size_range"] = size
    cats = kw.get("categories")
    if cats:
        if not isinstance(cats, (list, tuple)) or len(cats) > MAX_CLASSES:
            raise checks.FieldError(translate(
                "Messages", "style.categories must be a list of at most {max_classes} categories").format(max_classes=MAX_CLASSES))
        for i, c in enumerate(cats):
            if isinstance(c, Category):
                continue
            if not isinstance(c, dict) or "value" not in c:
                raise checks.FieldError(translate(
                    "Messages", "style.categories[{i}] must be an object with a value and a colour").format(i=i))
            if not isinstance(c["value"], (str, int, float)) or not isinstance(c.get("label", ""), str):
                raise checks.FieldError(translate(
                    "Messages", "style.categories[{i}].value must be a text or a number, and its label a text").format(i=i))
            checks.color(c.get("color"), f"style.categories[{i}].color")
    label = kw.get("label")
    if isinstance(label, dict):
        if "size" in label:
            label["size"] = checks.number(label["size"], "style.label.size", 1.0, 200.0)
        if label.get("min_zoom") is not None:
            label["min_zoom"] = checks.number(label["min_zoom"], "style.label.min_zoom", *checks.ZOOM_RANGE)


def _check_pairs(value, field: str) -> None:
    """A filter: ``{"field": value or [values]}`` (or a list of such pairs), values text or numbers."""
    items = value.items() if isinstance(value, dict) else value
    if not isinstance(items, (list, tuple)) and not isinstance(value, dict):
        raise checks.FieldError(translate("Messages", "{field} must be an object of field names and values").format(field=field))
    for item in items:
        if not isinstance(item, (list, tuple)) or len(item) != 2 or not isinstance(item[0], str):
            raise checks.FieldError(translate("Messages", "{field} must pair each field name with its values").format(field=field))
        vals = item[1]
        vals = vals if isinstance(vals, (list, tuple)) else [vals]
        if len(vals) > MAX_CLASSES or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                              for v in vals):
            raise checks.FieldError(translate(
                "Messages", "{field}.{value} must be a text or number, or a list of at most {max_classes} of "
                "them").format(field=field, value=item[0], max_classes=MAX_CLASSES))


def _pairs_to_dict(pairs) -> dict[str, list]:
    return {str(k): list(v) for k, v in pairs}


def _dict_to_pairs(value) -> tuple:
    """``{"platform": "58.com"}`` or ``{"f": [a, b]}`` -> ``(("f", ("a", "b")),)`` (values as text)."""
    if not value:
        return ()
    items = value.items() if isinstance(value, dict) else value
    out = []
    for key, vals in items:
        if isinstance(vals, (str, int, float)):
            vals = [vals]
        out.append((str(key), tuple(str(v) for v in vals)))
    return tuple(sorted(out))


def _lists(value):
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value
