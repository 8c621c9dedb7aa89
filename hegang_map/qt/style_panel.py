"""The Style dock: how the active layer is drawn, classed, labelled; with a histogram of its values.

The panel holds no style of its own: every edit sets a new ``layer.style``
(one model event, one small page message); the layer's style event refills
the form. Class breaks, counts and colours shown come from the controller's
resolved style, the very one the page draws.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..io.errors import DataError
from ..io.styles import load_style, save_style
from ..model import Layer, MapState
from ..model.classify import SCHEMES, scheme_name
from ..model.ramps import RAMPS
from ..model.style import MARKERS, Category, LabelSpec
from ..model.symbology import format_number
from .language import Retranslating

#: Renderer choices: (text, renderer, graduate colour, graduate size).
KINDS = (
    (QT_TRANSLATE_NOOP("StylePanel", "Single symbol"), "single", True, False),
    (QT_TRANSLATE_NOOP("StylePanel", "Categorized"), "categorized", True, False),
    (QT_TRANSLATE_NOOP("StylePanel", "Graduated colour"), "graduated", True, False),
    (QT_TRANSLATE_NOOP("StylePanel", "Graduated size"), "graduated", False, True),
    (QT_TRANSLATE_NOOP("StylePanel", "Graduated colour and size"), "graduated", True, True),
)
_DEFAULT_SIZES = (3.0, 11.0)


class ColorButton(QPushButton):
    """A button showing a colour; clicking opens a (non-blocking) colour dialog."""

    def __init__(self, on_pick, parent=None) -> None:
        super().__init__(parent)
        self._on_pick = on_pick
        self._color = "#000000"
        self.setFixedWidth(56)
        self.clicked.connect(self._open)

    def set_color(self, color: str) -> None:
        self._color = color
        self.setStyleSheet(f"background: {QColor(color).name()}; border: 1px solid #555;")

    def _open(self) -> None:
        dialog = QColorDialog(QColor(self._color), self)
        dialog.colorSelected.connect(lambda c: self._on_pick(c.name()))
        dialog.open()


class Histogram(QWidget):
    """Histogram of the classed values with the class breaks drawn on it.

    Its matplotlib canvas (:mod:`hegang_map.qt.histogram_canvas`, ~0.4 s to
    import) is made when the histogram is first painted: the Style dock is a
    tab behind Identify at start.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(130)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.breaks: list[float] = []
        self._shown_args = None
        self.canvas = None

    def show_values(self, values, breaks, colors) -> None:
        """Show ``values`` (NaNs skipped) with vertical lines at ``breaks``."""
        self.breaks = [float(b) for b in breaks]
        self._shown_args = (values, breaks, colors)
        if self.canvas is not None:
            self.canvas.show_values(values, breaks, colors)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # On the first paint, not the first show: a dock behind its tab counts
        # as shown (at least offscreen) but is never painted.
        super().paintEvent(event)
        if self.canvas is None:
            QTimer.singleShot(0, self, self._make_canvas)

    def _make_canvas(self) -> None:
        if self.canvas is not None or not self.isVisible():
            return
        from .histogram_canvas import HistogramCanvas

        self.canvas = HistogramCanvas(self)
        self.layout().addWidget(self.canvas)
        if self._shown_args is not None:
            self.canvas.show_values(*self._shown_args)


class StylePanel(Retranslating, QWidget):
    """Style editor of the active layer.

    Signals
    -------
    problem(str)
        A style file could not be loaded or saved: one readable line.
    """

    problem = Signal(str)

    def __init__(self, state: MapState, controller, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.controller = controller
        self.layer: Layer | None = None
        self._filling = False
        self._where: tuple = ()  # the label filter of the style shown
        self._words: list[tuple[QLabel, str]] = []  # labels of the form, with their source texts

        self.header = QLabel(self)
        self.header.setStyleSheet("font-weight: 600;")
        self.kind = QComboBox(self)
        self.kind.setObjectName("styleKind")
        for _text, *_ in KINDS:
            self.kind.addItem("")
        self.field = QComboBox(self)
        self.field.setObjectName("styleField")
        self.scheme = QComboBox(self)
        self.scheme.setObjectName("styleScheme")
        for key in SCHEMES:
            self.scheme.addItem("", key)
        self.k = QSpinBox(self)
        self.k.setObjectName("styleClasses")
        self.k.setRange(2, 9)
        self.manual = QLineEdit(self)
        self.manual.setObjectName("styleManualBreaks")
        self.ramp = QComboBox(self)
        self.ramp.setObjectName("styleRamp")
        for name, kind in RAMPS.items():
            self.ramp.addItem(f"{name} ({kind})", name)
        self.reverse = QCheckBox(self)
        self.reverse.setObjectName("styleReverse")
        self.size_min = QDoubleSpinBox(self)
        self.size_max = QDoubleSpinBox(self)
        for w in (self.size_min, self.size_max):
            w.setRange(0.5, 40)
            w.setSingleStep(0.5)
        self.fill = ColorButton(lambda c: self._set(color=c), self)
        self.stroke = ColorButton(lambda c: self._set(stroke_color=c), self)
        self.stroke_width = QDoubleSpinBox(self)
        self.stroke_width.setRange(0, 10)
        self.stroke_width.setSingleStep(0.25)
        self.opacity = QDoubleSpinBox(self)
        self.opacity.setRange(0, 1)
        self.opacity.setSingleStep(0.05)
        self.point_size = QDoubleSpinBox(self)
        self.point_size.setRange(0.5, 40)
        self.point_size.setSingleStep(0.5)
        self.marker = QComboBox(self)
        self.marker.addItems(MARKERS)
        self.label_field = QComboBox(self)
        self.label_field.setObjectName("styleLabel")
        self.label_zoom = QDoubleSpinBox(self)
        self.label_zoom.setRange(0, 18)
        self.label_only = QCheckBox(self)
        self.label_only.setObjectName("styleLabelOnly")
        self.categories = QTableWidget(0, 3, self)
        self.categories.setObjectName("styleCategories")
        self.categories.verticalHeader().hide()
        header = self.categories.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.categories.setColumnWidth(0, 50)
        self.categories.setMaximumHeight(170)
        self.categories.cellDoubleClicked.connect(self._category_clicked)
        self.categories.itemChanged.connect(self._category_label_edited)
        self.histogram = Histogram(self)
        self.save_button = QPushButton(self)
        self.load_button = QPushButton(self)

        form = QFormLayout()
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Symbology"), self.kind)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Field"), self.field)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Method"), self.scheme)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Classes"), self.k)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Manual breaks"), self.manual)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Colour ramp"), self.ramp)
        form.addRow("", self.reverse)
        # One widget, so the whole row (with its "to") hides with the range.
        self.size_box = QWidget(self)
        size_row = QHBoxLayout(self.size_box)
        size_row.setContentsMargins(0, 0, 0, 0)
        size_row.addWidget(self.size_min)
        size_row.addWidget(self._word(QT_TRANSLATE_NOOP("StylePanel", "to")))
        size_row.addWidget(self.size_max)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Size range (px)"), self.size_box)
        sym_row = QHBoxLayout()
        sym_row.addWidget(self._word(QT_TRANSLATE_NOOP("StylePanel", "fill")))
        sym_row.addWidget(self.fill)
        sym_row.addWidget(self._word(QT_TRANSLATE_NOOP("StylePanel", "stroke")))
        sym_row.addWidget(self.stroke)
        sym_row.addStretch(1)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Colours"), sym_row)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Stroke width"), self.stroke_width)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Fill opacity"), self.opacity)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Point size"), self.point_size)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Marker"), self.marker)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Label"), self.label_field)
        form.addRow("", self.label_only)
        self._row(form, QT_TRANSLATE_NOOP("StylePanel", "Labels from zoom"), self.label_zoom)
        self._form = form
        # The dock is narrower than long ramp and field names: the combos
        # shrink (their lists still open at full width) rather than push the
        # panel past the dock's edge.
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels go above their fields when the dock is too narrow for both side by side.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addLayout(form)
        layout.addWidget(self.categories)
        layout.addWidget(self.histogram)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.field.currentIndexChanged.connect(lambda _i: self._set(field=self.field.currentData(), categories=()))
        self.scheme.currentIndexChanged.connect(self._scheme_changed)
        self.k.valueChanged.connect(lambda v: self._set(k=int(v)))
        self.manual.editingFinished.connect(self._manual_edited)
        self.ramp.currentIndexChanged.connect(lambda _i: self._set(ramp=self.ramp.currentData(), colors=(),
                                                                   categories=self._recoloured()))
        self.reverse.toggled.connect(lambda on: self._set(reverse=bool(on), colors=(), categories=self._recoloured(on)))
        self.size_min.valueChanged.connect(lambda _v: self._sizes_changed())
        self.size_max.valueChanged.connect(lambda _v: self._sizes_changed())
        self.stroke_width.valueChanged.connect(lambda v: self._set(stroke_width=float(v)))
        self.opacity.valueChanged.connect(lambda v: self._set(fill_opacity=float(v)))
        self.point_size.valueChanged.connect(lambda v: self._set(point_size=float(v)))
        self.marker.currentTextChanged.connect(lambda t: self._set(marker=t))
        self.label_field.currentIndexChanged.connect(lambda _i: self._label_changed())
        self.label_zoom.valueChanged.connect(lambda _v: self._label_changed())
        self.label_only.toggled.connect(lambda _on: self._label_changed())
        self.save_button.clicked.connect(self._save_dialog)
        self.load_button.clicked.connect(self._load_dialog)
        controller.styled.connect(self._styled)
        state.events.active.connect(lambda _i: self.follow())
        self.layer = self.state.layers.by_id(self.state.active_layer_id or "")
        self.retranslate()

    # ------------------------------------------------------------ model -> form
    def follow(self) -> None:
        """Edit the active layer."""
        self.layer = self.state.layers.by_id(self.state.active_layer_id or "")
        self.fill_form()

    def _styled(self, layer_id: str) -> None:
        if self.layer is not None and layer_id == self.layer.id:
            self.fill_form()
        elif self.layer is None:
            self.follow()

    def _row(self, form: QFormLayout, text: str, field) -> None:
        """A row of the form whose label is ``text`` (marked for the catalogue) in the current language."""
        form.addRow(self._word(text), field)

    def _word(self, text: str) -> QLabel:
        label = QLabel(QCoreApplication.translate("StylePanel", text), self)
        self._words.append((label, text))
        return label

    def retranslate(self) -> None:
        """Set the panel's texts in the current language and show the style again."""
        for label, text in self._words:
            label.setText(QCoreApplication.translate("StylePanel", text))
        for i, (text, *_rest) in enumerate(KINDS):
            self.kind.setItemText(i, QCoreApplication.translate("StylePanel", text))
        for i, key in enumerate(SCHEMES):
            self.scheme.setItemText(i, scheme_name(key))
        self.manual.setPlaceholderText(QCoreApplication.translate("StylePanel", "upper bounds, e.g. 3000, 6000, 12000"))
        self.reverse.setText(QCoreApplication.translate("StylePanel", "Reverse"))
        self.label_zoom.setToolTip(QCoreApplication.translate("StylePanel", "No labels below this zoom level"))
        self.categories.setHorizontalHeaderLabels([QCoreApplication.translate("StylePanel", "Colour"),
                                                   QCoreApplication.translate("StylePanel", "Value / label"),
                                                   QCoreApplication.translate("StylePanel", "Count")])
        self.save_button.setText(QCoreApplication.translate("StylePanel", "Save style…"))
        self.load_button.setText(QCoreApplication.translate("StylePanel", "Load style…"))
        self.fill_form()

    def fill_form(self) -> None:
        """Show the layer's style (signals blocked: filling is not editing)."""
        layer = self.layer
        self.setEnabled(layer is not None)
        if layer is None:
            self.header.setText(QCoreApplication.translate("StylePanel", "No layer selected"))
            return
        self._filling = True
        try:
            st = layer.style
            self.header.setText(layer.display_name)
            kind = 0
            if st.renderer == "categorized":
                kind = 1
            elif st.renderer == "graduated":
                kind = 4 if (st.graduate_color and st.size_range) else 3 if st.size_range else 2
            self.kind.setCurrentIndex(kind)
            graduated, categorized = st.renderer == "graduated", st.renderer == "categorized"
            numeric = [n for n, t in layer.fields() if t.startswith(("int", "float", "uint", "Int", "Float"))]
            names = numeric if graduated else [n for n, _t in layer.fields()]
            self.field.clear()
            for n in names:
                self.field.addItem(layer.field_title(n), n)
            self.field.setCurrentIndex(max(0, self.field.findData(st.field)))
            self.scheme.setCurrentIndex(max(0, self.scheme.findData(st.scheme)))
            self.k.setValue(int(st.k))
            self.manual.setText(", ".join(format_number(b).replace(",", "") for b in st.breaks))
            self.ramp.setCurrentIndex(max(0, self.ramp.findData(st.ramp)))
            self.reverse.setChecked(st.reverse)
            lo, hi = st.size_range or _DEFAULT_SIZES
            self.size_min.setValue(lo)
            self.size_max.setValue(hi)
            self.fill.set_color(st.color)
            self.stroke.set_color(st.stroke_color)
            self.stroke_width.setValue(st.stroke_width)
            self.opacity.setValue(st.fill_opacity)
            self.point_size.setValue(st.point_size)
            self.marker.setCurrentText(st.marker)
            self._fill_labels(layer)
            for w, on in ((self.field, st.renderer != "single"), (self.scheme, graduated), (self.k, graduated),
                          (self.manual, graduated and st.scheme == "manual"), (self.ramp, st.renderer != "single"),
                          (self.reverse, st.renderer != "single"), (self.size_box, bool(st.size_range)),
                          (self.categories, categorized),
                          (self.histogram, graduated)):
                w.setVisible(on)
                label = self._form.labelForField(w)
                if label is not None:
                    label.setVisible(on)
            sym = self.controller.symbology(layer.id)
            if sym is not None and categorized:
                self._fill_categories(sym)
            if sym is not None and graduated and sym.classification is not None:
                colors = [s.color for s in sym.symbols[: sym.classification.k]]
                self.histogram.show_values(sym.values, sym.classification.bins, colors)
        finally:
            self._filling = False

    def _fill_labels(self, layer: Layer) -> None:
        cols = [n for n, _t in layer.fields()]
        self.label_field.clear()
        self.label_field.addItem(QCoreApplication.translate("StylePanel", "(no labels)"), None)
        if "name_zh" in cols and "name_en" in cols:
            self.label_field.addItem(QCoreApplication.translate("StylePanel", "Chinese + English"),
                                     ("name_zh", "name_en"))
            self.label_field.addItem(QCoreApplication.translate("StylePanel", "English + Chinese"),
                                     ("name_en", "name_zh"))
            self.label_field.addItem(QCoreApplication.translate("StylePanel", "Chinese"), ("name_zh", None))
            self.label_field.addItem(QCoreApplication.translate("StylePanel", "English"), ("name_en", None))
        for n in cols:
            self.label_field.addItem(layer.field_title(n), (n, None))
        spec = layer.style.label
        if spec is not None:
            key = (spec.field, spec.also_field)
            # By value: findData does not compare Python tuples.
            found = [i for i in range(self.label_field.count()) if self.label_field.itemData(i) == key]
            if not found:  # a style's own pair of fields: shown as it is
                self.label_field.addItem(" + ".join(layer.field_title(f) for f in key if f), key)
                found = [self.label_field.count() - 1]
            self.label_field.setCurrentIndex(found[0])
            self.label_zoom.setValue(spec.min_zoom)
        else:
            self.label_field.setCurrentIndex(0)
        # A style that labels some rows only says which, and the user can label them all.
        where = spec.where if spec is not None else ()
        titles = "; ".join(f"{layer.field_title(f)} = {', '.join(map(str, v))}" for f, v in where)
        self.label_only.setText(QCoreApplication.translate("StylePanel", "Only where {filter}").format(filter=titles))
        self.label_only.setToolTip(self.label_only.text())
        self.label_only.setChecked(bool(where))
        self.label_only.setVisible(bool(where))
        self._where = where

    def _fill_categories(self, sym) -> None:
        self.categories.blockSignals(True)
        self.categories.setRowCount(0)
        for e in sym.legend.entries:
            if e.value is None:
                continue
            r = self.categories.rowCount()
            self.categories.insertRow(r)
            swatch = QTableWidgetItem("")
            swatch.setBackground(QColor(e.color))
            swatch.setFlags(Qt.ItemFlag.ItemIsEnabled)
            swatch.setData(Qt.ItemDataRole.UserRole, e.value)
            swatch.setToolTip(QCoreApplication.translate("StylePanel", "Double-click to change the colour"))
            self.categories.setItem(r, 0, swatch)
            label = QTableWidgetItem(e.label)
            label.setData(Qt.ItemDataRole.UserRole, e.value)
            self.categories.setItem(r, 1, label)
            count = QTableWidgetItem(str(e.count))
            count.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.categories.setItem(r, 2, count)
        self.categories.blockSignals(False)

    # ------------------------------------------------------------ form -> model
    def _set(self, **changes) -> None:
        if self._filling or self.layer is None:
            return
        self.layer.style = self.layer.style.evolve(**changes)

    def _kind_changed(self, index: int) -> None:
        if self._filling or self.layer is None:
            return
        _text, renderer, colour, size = KINDS[index]
        st = self.layer.style
        field = st.field
        if renderer == "graduated":
            numeric = [n for n, t in self.layer.fields() if t.startswith(("int", "float", "uint", "Int", "Float"))]
            if field not in numeric:
                field = numeric[0] if numeric else None
        elif renderer == "categorized" and field is None and self.layer.fields():
            field = self.layer.fields()[0][0]
        self._set(renderer=renderer, field=field, graduate_color=colour, categories=(),
                  size_range=(st.size_range or _DEFAULT_SIZES) if size else None)

    def _scheme_changed(self, _index: int) -> None:
        scheme = self.scheme.currentData()
        changes = {"scheme": scheme}
        if scheme == "manual" and self.layer is not None and not self.layer.style.breaks:
            sym = self.controller.symbology(self.layer.id)
            if sym is not None and sym.classification is not None:  # start from the breaks on screen
                changes["breaks"] = tuple(float(b) for b in sym.classification.bins)
        self._set(**changes)

    def _manual_edited(self) -> None:
        try:
            breaks = tuple(sorted(float(t) for t in self.manual.text().replace("，", ",").split(",") if t.strip()))
        except ValueError:
            self.manual.setStyleSheet("background: #ffe0e0;")
            return
        self.manual.setStyleSheet("")
        self._set(breaks=breaks, scheme="manual")

    def _sizes_changed(self) -> None:
        lo, hi = self.size_min.value(), self.size_max.value()
        self._set(size_range=(min(lo, hi), max(lo, hi)))

    def _recoloured(self, reverse: bool | None = None) -> tuple:
        # A new ramp recolours the categories from it: drop explicit colours.
        return ()

    def _label_changed(self) -> None:
        if self._filling or self.layer is None:
            return
        data = self.label_field.currentData()
        old = self.layer.style.label
        if data is None:
            self._set(label=None)
            return
        field, also = data
        where = self._where if self.label_only.isChecked() else ()
        self._set(label=LabelSpec(field, also, where, old.priority_field if old else None,
                                  float(self.label_zoom.value()), old.size if old else 12.0,
                                  old.unit_field if old else None, old.period_field if old else None))

    def _current_categories(self) -> list[Category]:
        sym = self.controller.symbology(self.layer.id) if self.layer else None
        if sym is None:
            return []
        return [Category(e.value, e.color, e.label if e.label != e.value else "")
                for e in sym.legend.entries if e.value is not None]

    def set_category_color(self, value: str, color: str) -> None:
        """Give category ``value`` another colour (keeping the others as shown)."""
        cats = [Category(c.value, color if c.value == value else c.color, c.label) for c in self._current_categories()]
        self._set(categories=tuple(cats))

    def _category_clicked(self, row: int, column: int) -> None:
        if column != 0:
            return
        item = self.categories.item(row, 0)
        value = item.data(Qt.ItemDataRole.UserRole)
        dialog = QColorDialog(item.background().color(), self)
        dialog.colorSelected.connect(lambda c, v=value: self.set_category_color(v, c.name()))
        dialog.open()

    def _category_label_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1:
            return
        value = item.data(Qt.ItemDataRole.UserRole)
        cats = [Category(c.value, c.color, item.text() if c.value == value else c.label)
                for c in self._current_categories()]
        self._set(categories=tuple(cats))

    def _save_dialog(self) -> None:
        if self.layer is None:
            return
        dialog = QFileDialog(self, QCoreApplication.translate("StylePanel", "Save style"), f"{self.layer.name}.json",
                             QCoreApplication.translate("StylePanel", "Style (*.json)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda f, lyr=self.layer: self._save_file(lyr, f))
        dialog.open()

    def _save_file(self, layer: Layer, path: str) -> None:
        try:
            save_style(layer.style, Path(path), layer=layer.name,
                       file=layer.source.path.name if layer.source.path else None)
        except DataError as exc:
            self.problem.emit(str(exc))

    def _load_dialog(self) -> None:
        dialog = QFileDialog(self, QCoreApplication.translate("StylePanel", "Load style"), "",
                             QCoreApplication.translate("StylePanel", "Style (*.json)"))
        dialog.fileSelected.connect(self._load_file)
        dialog.open()

    def _load_file(self, path: str) -> None:
        if self.layer is None:
            return
        try:
            self.layer.style = load_style(Path(path))
        except DataError as exc:
            self.problem.emit(str(exc))
