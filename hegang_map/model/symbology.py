"""Apply a :class:`LayerStyle` to a layer's data: a class per row, symbols, labels, legend.

This is the one place that turns a style into "which feature gets which
symbol". The page (``render/symbols.py``), the layer panel, the style
editor and the static exporter all call :func:`resolve`, so they agree.

Example
-------
>>> sym = resolve(layer.data, layer.style, layer.name)   # doctest: +SKIP
>>> sym.legend.title
'Resale listing price, yuan/m², 2024 — natural breaks, 5 classes'
>>> sym.symbol_of_row(0)          # the Symbol feature 0 is drawn with, or None
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..util.lazy import lazy_module
from .classify import Classification, classify, scheme_name
from ..util.i18n import language, translate
from .titles import Titles
from .legend import Legend, LegendEntry
from .ramps import ramp_colors
from .style import Category, LayerStyle

pd = lazy_module("pandas")
shapely = lazy_module("shapely")

#: Class index of a row that is not drawn (filtered out or another period).
HIDDEN = -1
_NO_DATA = "#bdbdbd"
#: Values a compiler flagged as implausible: apart from every ramp and from no-data grey.
_FLAGGED = "#e7298a"


@dataclass(frozen=True)
class Symbol:
    """How one class is drawn."""

    color: str
    stroke_color: str
    stroke_width: float
    fill_opacity: float
    radius: float
    marker: str


@dataclass
class Symbology:
    """A style applied to data.

    Attributes
    ----------
    classes : numpy.ndarray of int
        Per data row, the index into :attr:`symbols`, or :data:`HIDDEN`.
    symbols : list of Symbol
    legend : Legend
    labels : list of (str or None) or None
        Label text per data row.
    label_priority : numpy.ndarray or None
        Per row; larger wins where labels collide.
    periods : list
        Distinct periods of the time field (sorted), empty without one.
    period : object
        The period shown, or ``None``.
    classification : Classification or None
        Breaks of a graduated style.
    values : numpy.ndarray or None
        The numeric values classed (graduated), for histograms.
    """

    classes: np.ndarray
    symbols: list[Symbol]
    legend: Legend
    labels: list | None = None
    label_priority: np.ndarray | None = None
    periods: list = field(default_factory=list)
    period: Any = None
    classification: Classification | None = None
    values: np.ndarray | None = None

    @property
    def shown(self) -> int:
        """Number of rows drawn."""
        return int((self.classes != HIDDEN).sum())

    def symbol_of_row(self, row: int) -> Symbol | None:
        """The symbol data row ``row`` is drawn with, or ``None`` when hidden."""
        c = int(self.classes[row])
        return None if c == HIDDEN else self.symbols[c]

    def class_array(self) -> np.ndarray:
        """Classes as uint16 for the page, 65535 meaning hidden."""
        if len(self.symbols) >= 65535:  # styles hold far fewer; a class may never wrap into another
            raise ValueError(f"{len(self.symbols)} classes are more than a map can show")
        out = self.classes.astype(np.int64)
        out[out == HIDDEN] = 65535
        return out.astype(np.uint16)


def _text(series: pd.Series) -> pd.Series:
    """Values as the text a style compares with: integers without '.0'."""
    def one(v):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return ""
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        return str(v)
    return series.map(one)


def _match(data: pd.DataFrame, pairs) -> np.ndarray:
    mask = np.ones(len(data), dtype=bool)
    for name, values in pairs:
        if name in data.columns:
            mask &= _text(data[name]).isin(list(values)).to_numpy()
    return mask


def geometry_kind(data) -> str:
    """``point``, ``line`` or ``polygon``: the dominant geometry, for swatches."""
    try:
        ids = shapely.get_type_id(np.asarray(data.geometry.values, dtype=object))
    except (AttributeError, TypeError, ValueError):
        return "point"
    counts = np.bincount(ids[ids >= 0], minlength=len(_TYPE_NAMES))
    if not counts.any():
        return "point"
    # The most frequent type; a tie goes to the name first in order (as pandas' mode does).
    t = min(_TYPE_NAMES[i] for i in np.flatnonzero(counts == counts.max()))
    return "polygon" if "Polygon" in t else "line" if "Line" in t else "point"


#: shapely's type ids 0..7, by name.
_TYPE_NAMES = ("Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
               "GeometryCollection")


def format_number(v: float, step: float | None = None) -> str:
    """A readable number: thousands separated, decimals only where the range needs them."""
    if v is None or not np.isfinite(v):
        return "–"
    span = abs(step) if step else abs(v)
    decimals = 0 if span >= 10 or float(v).is_integer() and span >= 1 else 1 if span >= 1 else 2
    return f"{v:,.{decimals}f}"


def resolve(data, style: LayerStyle, layer_name: str = "", geometry: str | None = None) -> Symbology:
    """Class every row of ``data`` by ``style``.

    Parameters
    ----------
    data : pandas.DataFrame or geopandas.GeoDataFrame
    style : LayerStyle
    layer_name : str
        Used in the legend when the style has no title.
    geometry : str, optional
        ``point``, ``line`` or ``polygon``, for rows whose shapes are not
        made yet (a large layer drawn early); else found from ``data``'s shapes.
    """
    n = len(data)
    kind = geometry or geometry_kind(data)
    shown = _match(data, style.filter)
    notes: list[str] = []
    periods: list = []
    period = None
    basis = shown.copy()  # rows whose values set the breaks

    if style.time is not None and style.time.field in data.columns:
        tvals = data[style.time.field]
        periods = sorted(pd.unique(tvals[shown].dropna()).tolist())
        if periods:
            period = style.time.current if _in(style.time.current, periods) else periods[-1]
            period = _same_type(period, periods)
            shown &= (tvals == period).to_numpy()
            if not style.time.fixed_breaks:
                basis = shown.copy()

    base = Symbol(style.color, style.stroke_color, float(style.stroke_width), float(style.fill_opacity),
                  float(style.point_size), style.marker)
    classes = np.zeros(n, dtype=np.int64)
    symbols: list[Symbol] = [base]
    entries: list[LegendEntry] = []
    classification = None
    values = None
    field_ok = style.field is not None and style.field in data.columns
    # A categorized legend without a title is named after its layer: a bare
    # field name ("is_contrast") tells a reader nothing.
    # The bundled layers' names are in the catalogue; a user's pass as written.
    shown_name = translate("Names", layer_name) if layer_name else layer_name
    field_title = (Titles.of(data).field_in(style.field, language()) or style.field) if field_ok else None
    default_title = field_title if style.renderer == "graduated" else shown_name
    title_parts = [_styled(style.title) or default_title or shown_name]
    unit = _styled(style.unit)

    if style.renderer == "categorized" and field_ok:
        text = _text(data[style.field])
        cats = list(style.categories) or _auto_categories(text[shown], style)
        index = {c.value: i for i, c in enumerate(cats)}
        classes = text.map(lambda v: index.get(v, len(cats))).to_numpy().astype(np.int64)
        symbols = [_with(base, color=c.color) for c in cats] + [_with(base, color=_NO_DATA)]
        counts = np.bincount(classes[shown], minlength=len(symbols))
        for i, c in enumerate(cats):
            if counts[i] or not style.categories:  # styled categories absent from the data stay out
                entries.append(_entry(symbols[i], _styled(c.label) or c.value, int(counts[i]), value=c.value))
        if counts[len(cats)]:
            entries.append(_entry(symbols[-1], translate("Legend", "other"), int(counts[len(cats)])))
        method = None
    elif style.renderer == "graduated" and field_ok:
        values = pd.to_numeric(data[style.field], errors="coerce").to_numpy(dtype=float)
        flagged = _flagged(data) if not style.flagged_in_breaks else np.zeros(n, dtype=bool)
        classification = classify(values[basis & ~flagged], style.scheme, style.k, style.breaks)
        k = classification.k
        classes = classification.assign(values)
        if style.graduate_color:
            colors = list(style.colors) if len(style.colors) == k else ramp_colors(style.ramp, k, style.reverse)
        else:
            colors = [style.color] * k
        if style.size_range and kind == "point":
            lo, hi = style.size_range
            radii = np.linspace(lo, hi, k) if k > 1 else np.array([(lo + hi) / 2])
        else:
            radii = np.full(k, style.point_size)
        symbols = [_with(base, color=colors[i], radius=float(radii[i])) for i in range(k)]
        nodata = classes < 0
        symbols.append(_with(base, color=_NO_DATA))
        classes[nodata] = k
        symbols.append(_with(base, color=_FLAGGED))
        classes[flagged & ~nodata] = k + 1
        counts = np.bincount(classes[shown], minlength=k + 2)
        ranges = classification.ranges()
        step = min((u - lo_ for lo_, u in ranges if u > lo_), default=None)
        for i, (lo_, up) in enumerate(ranges):
            label = f"{format_number(lo_, step)} – {format_number(up, step)}"
            if unit:
                label += f" {unit}"
            entries.append(_entry(symbols[i], label, int(counts[i]), lower=lo_, upper=up))
        if counts[k]:
            entries.append(_entry(symbols[k], translate("Legend", "no data"), int(counts[k])))
        if counts[k + 1]:
            entries.append(_entry(symbols[k + 1], translate("Legend", "flagged implausible, not in breaks"),
                                  int(counts[k + 1])))
        n_out = int((basis & flagged).sum())
        if n_out:
            notes.append((translate(
                "Legend", "1 value flagged as implausible (quality_flag) left out of the class breaks")
                if n_out == 1 else translate(
                "Legend", "{n} values flagged as implausible (quality_flag) left out of the class breaks"
            )).format(n=format(n_out, ",")))
        method = translate("Legend", "{scheme}, {k} classes").format(scheme=scheme_name(style.scheme), k=k)
        if style.time is not None and periods:
            notes.append((translate("Legend", "Same class breaks for every {field} (colours comparable)")
                          if style.time.fixed_breaks else translate("Legend", "Class breaks of this {field} only")
                          ).format(field=style.time.field))
    else:
        entries.append(_entry(base, _styled(style.title) or shown_name, int(shown.sum())))
        method = None

    if unit and style.renderer != "single":
        title_parts.append(unit)
    if period is not None:
        title_parts.append(str(period))
    title = translate("Legend", ", ", "between the parts of a legend title").join(p for p in title_parts if p)
    if method:
        title += f" — {method}"

    hollow = _match(data, style.hollow_where) if style.hollow_where else np.zeros(n, dtype=bool)
    if hollow.any():
        k = len(symbols)
        symbols = symbols + [_with(s, fill_opacity=0.0, stroke_color=s.color, stroke_width=max(1.5, s.stroke_width))
                             for s in symbols]
        classes = np.where(hollow, classes + k, classes)
        if not style.note:
            notes.append(translate("Legend", "Hollow symbol: drawn on its district's seat, not its own site."))
    classes[~shown] = HIDDEN
    if style.note:
        notes.insert(0, _fill_note(_styled(style.note), style, period))
    # A filter on row identifiers ("quote_id = 1, 2") picks rows, it says nothing to a reader: not in the legend.
    said = [(f, v) for f, v in style.filter if not _IDENTIFIER.search(f)]
    if said:
        # Fields by their titles where the file gives them ("Platform = 58.com", not "platform").
        titles = Titles.of(data)
        notes.append(translate("Legend", "Showing {filters}").format(
            filters="; ".join(f"{titles.field_in(f, language()) or f} = {', '.join(v)}" for f, v in said)))

    labels, priority = _labels(data, style, unit, period)
    legend = Legend(
        layer=layer_name, title=title, kind=style.renderer if (field_ok or style.renderer == "single") else "single",
        geometry=kind, entries=tuple(entries), notes=tuple(notes),
        period=None if period is None else str(period), unit=unit,
    )
    return Symbology(classes, symbols, legend, labels, priority, periods, period, classification, values)


#: Field names of row identifiers: id, fid, quote_id, osm_id.
_IDENTIFIER = re.compile(r"(^|_)f?id$", re.IGNORECASE)


def _styled(text: str | None) -> str | None:
    """A style's own text (title, unit, note, category label) in the current
    language: the bundled styles' texts are in the catalogue; a user's pass as written."""
    return translate("Styles", text) if text else text


def _flagged(data: pd.DataFrame) -> np.ndarray:
    """Rows whose ``quality_flag`` holds any text."""
    if "quality_flag" not in data.columns:
        return np.zeros(len(data), dtype=bool)
    return (_text(data["quality_flag"]) != "").to_numpy()


def _in(value, periods) -> bool:
    if value is None:
        return False
    return any(str(value) == str(p) for p in periods)


def _same_type(value, periods):
    for p in periods:
        if str(p) == str(value):
            return p
    return periods[-1]


def _with(sym: Symbol, **changes) -> Symbol:
    return Symbol(**{**sym.__dict__, **changes})


def _entry(sym: Symbol, label: str, count: int, **extra) -> LegendEntry:
    return LegendEntry(label, sym.color, sym.stroke_color, sym.stroke_width, sym.fill_opacity, sym.radius,
                       sym.marker, count, **extra)


def _auto_categories(text: pd.Series, style: LayerStyle) -> list[Category]:
    values = sorted(v for v in pd.unique(text) if v != "")[:64]
    ramp = style.ramp if style.ramp in ("Okabe-Ito", "Dark2", "Set2") else "Okabe-Ito"
    colors = ramp_colors(ramp, len(values), style.reverse)
    return [Category(v, c) for v, c in zip(values, colors)]


def _fill_note(note: str, style: LayerStyle, period) -> str:
    # Only {name} placeholders, filled from the period and filter values:
    # no str.format, so a style file cannot reach object attributes.
    values = {f: ", ".join(v) for f, v in style.filter}
    if style.time is not None and period is not None:
        values[style.time.field] = str(period)
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), note)


def _labels(data, style: LayerStyle, unit: str | None, period):
    spec = style.label
    if spec is None or spec.field not in data.columns:
        return None, None
    if pd.api.types.is_numeric_dtype(data[spec.field]) and not pd.api.types.is_bool_dtype(data[spec.field]):
        main = _number_labels(data, spec, style, unit, period)
    else:
        main = _text(data[spec.field])
    if spec.also_field and spec.also_field in data.columns:
        other = _text(data[spec.also_field])
        # A name in both languages (name_en with name_zh) reads first in the map's.
        first = spec.also_field.endswith(f"_{language()}") and not spec.field.endswith(f"_{language()}")
        main = ((other + " " + main) if first else (main + " " + other)).str.strip()
    ok = _match(data, spec.where) & (main != "").to_numpy()
    texts = [t if keep else None for t, keep in zip(main.tolist(), ok)]
    if spec.priority_field and spec.priority_field in data.columns:
        priority = pd.to_numeric(data[spec.priority_field], errors="coerce").fillna(0).to_numpy(dtype=float)
    else:
        priority = np.zeros(len(data))
    return texts, priority


#: A date at the start of a period's text: 2019, 2019-03, 2026-05-17.
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _number_labels(data, spec, style: LayerStyle, unit: str | None, period) -> pd.Series:
    """A number's label with its unit and period, so that "63000" reads "63,000 yuan/m², 2019".

    The unit is the label's ``unit_field`` (per row), else the style's unit
    when the label shows the classified field; the period likewise from
    ``period_field`` (its leading date) or the period the map shows.
    """
    values = pd.to_numeric(data[spec.field], errors="coerce")
    same = spec.field == style.field
    if spec.unit_field and spec.unit_field in data.columns:
        units = _text(data[spec.unit_field]).map(lambda u: _styled(_unit_text(u)) if u else "")
    else:
        units = pd.Series([(unit or "") if same else ""] * len(data), index=data.index)
    if spec.period_field and spec.period_field in data.columns:
        periods = _text(data[spec.period_field]).map(lambda p: (_DATE.match(p.strip()) or [p.strip()])[0])
    else:
        periods = pd.Series([str(period) if same and period is not None else ""] * len(data), index=data.index)

    raw = _text(data[spec.field])

    def one(v, r, u, p):
        if v is None or not np.isfinite(v):
            return ""
        # Without a unit a number may be a year or a code: printed as written, not as "2,019".
        text = f"{format_number(float(v))} {u}" if u else r
        return translate("Labels", "{value}, {period}").format(value=text, period=p) if p else text

    return pd.Series([one(v, r, u, p) for v, r, u, p in zip(values, raw, units, periods)], index=data.index)


def _unit_text(unit: str) -> str:
    """A unit as written in data (``yuan/m2``) as the legends print it (``yuan/m²``)."""
    return re.sub(r"(?<=[a-z])2\b", "²", unit)
