"""The attribute table: a table model over a layer's data, sorted and filtered
through an index array so 100,000 rows stay responsive."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..util.lazy import lazy_module
from ..model import Layer, MapState, Selection
from .language import Retranslating
from .text import plain_tooltip

pd = lazy_module("pandas")

#: Cell text is cut here for display; the Identify panel shows the whole value.
MAX_CELL_CHARS = 500


def cell_text(value) -> str:
    """Plain text of one attribute value, as the table and panels show it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        # A whole number in a float column (a year, a count, beside empty cells): never "1945.0".
        return str(int(value))
    return str(value)


class AttributeTableModel(QAbstractTableModel):
    """Rows of one layer's data in the order of ``self.rows`` (data positions).

    Sorting and filtering compute a new index array; the data is never
    reordered or copied.
    """

    def __init__(self, layer: Layer | None = None, parent=None) -> None:
        super().__init__(parent)
        self.layer: Layer | None = None
        self.columns: list[str] = []
        self.rows = np.empty(0, dtype=np.int64)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = ""
        self._haystack: pd.Series | None = None
        self.set_layer(layer)

    def set_layer(self, layer: Layer | None) -> None:
        """Show ``layer`` (or nothing)."""
        self.beginResetModel()
        self.layer = layer
        self._haystack = None
        self._sort = None
        self._filter = ""
        if layer is None:
            self.columns, self.rows = [], np.empty(0, dtype=np.int64)
        else:
            geom = layer.data.geometry.name
            self.columns = [str(c) for c in layer.data.columns if c != geom]
            self.rows = np.arange(len(layer.data))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.layer is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.layer.data[self.columns[index.column()]].iat[int(self.rows[index.row()])]
            text = cell_text(value)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(text)
            return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if orientation == Qt.Orientation.Horizontal and self.layer is not None and section < len(self.columns):
            # The field's title in the current language; its raw name in the tooltip.
            name = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.layer.field_title(name)
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(name)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if section < len(self.columns) else None
        return str(int(self.rows[section]) + 1) if section < len(self.rows) else None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if self.layer is None or not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self.rows = self._ordered(self.rows)
        self.layoutChanged.emit()

    def _ordered(self, rows: np.ndarray) -> np.ndarray:
        if self._sort is None:
            return np.sort(rows)
        column, order = self._sort
        series = self.layer.data[self.columns[column]].iloc[rows]
        if not pd.api.types.is_numeric_dtype(series):
            series = series.map(cell_text)
        # mergesort is stable: equal values keep their data order.
        keys = np.argsort(series.to_numpy(), kind="mergesort") if series.notna().all() else None
        if keys is None:
            keys = np.asarray(series.reset_index(drop=True).sort_values(kind="mergesort", na_position="last").index)
        ordered = rows[keys]
        return ordered[::-1] if order == Qt.SortOrder.DescendingOrder else ordered

    def set_filter(self, text: str) -> None:
        """Keep rows where any attribute contains ``text`` (case-insensitive)."""
        if self.layer is None:
            return
        self.beginResetModel()
        self._filter = text.strip().lower()
        if not self._filter:
            rows = np.arange(len(self.layer.data))
        else:
            if self._haystack is None:
                frame = self.layer.data[self.columns]
                self._haystack = frame.apply(lambda col: col.map(cell_text)).agg("\u241f".join, axis=1).str.lower()
            mask = self._haystack.str.contains(self._filter, regex=False).to_numpy()
            rows = np.nonzero(mask)[0]
        self.rows = self._ordered(rows)
        self.endResetModel()

    def view_row_of(self, data_row: int) -> int | None:
        """The table row showing data position ``data_row``, if it is shown."""
        hit = np.nonzero(self.rows == data_row)[0]
        return int(hit[0]) if len(hit) else None


class AttributeTable(Retranslating, QWidget):
    """Dock content: a layer chooser, a filter box and the table.

    Selecting a row selects the feature (and the map highlights and pans to
    it); selecting on the map selects the row here.
    """

    def __init__(self, state: MapState, pan_to=None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self._pan_to = pan_to
        self.model = AttributeTableModel(parent=self)
        self.layer_box = QComboBox(self)
        self.layer_box.setObjectName("tableLayer")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("tableFilter")
        self.filter.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.table = QTableView(self)
        self.table.setObjectName("attributeTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setWordWrap(False)

        top = QHBoxLayout()
        top.addWidget(self.layer_box, 1)
        top.addWidget(self.filter, 2)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()

        self.layer_box.currentIndexChanged.connect(self._layer_chosen)
        self.filter.textChanged.connect(self._filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        state.layers.events.inserted.connect(lambda _i: self._refill())
        state.layers.events.removed.connect(lambda _i: self._refill())
        state.layers.events.moved.connect(lambda _i: self._refill())
        state.events.selection.connect(lambda i: self.show_selection(i.value))
        state.events.active.connect(lambda i: self.show_layer(i.value))
        self._refill()

    def show_layer(self, layer_id: str | None) -> None:
        """Switch the table to the layer with ``layer_id``."""
        for i in range(self.layer_box.count()):
            if self.layer_box.itemData(i) == layer_id:
                self.layer_box.setCurrentIndex(i)
                return

    def show_selection(self, sel: Selection | None) -> None:
        """Select the row of ``sel`` (switching layer if needed)."""
        if sel is None:
            self.table.clearSelection()
            return
        if self.model.layer is None or self.model.layer.id != sel.layer_id:
            self.show_layer(sel.layer_id)
        row = self.model.view_row_of(sel.row)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _refill(self) -> None:
        current = self.layer_box.currentData()
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for layer in self.state.layers:
            self.layer_box.addItem(layer.display_name, layer.id)
        self.layer_box.blockSignals(False)
        target = current if self.state.layers.by_id(current or "") else self.state.active_layer_id
        if target is None and len(self.state.layers):
            target = self.state.layers[0].id
        self.show_layer(target)
        if self.layer_box.currentData() != (self.model.layer.id if self.model.layer else None):
            self._layer_chosen()

    def _layer_chosen(self, *_args) -> None:
        layer = self.state.layers.by_id(self.layer_box.currentData() or "")
        if layer is self.model.layer:
            return
        self.model.set_layer(layer)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self._update_count()

    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    def retranslate(self) -> None:
        """Set the table's own texts in the current language."""
        self.filter.setPlaceholderText(QCoreApplication.translate("AttributeTable", "Filter rows…"))
        self._update_count()
        for i in range(self.layer_box.count()):  # the layers' titles, in the new language
            layer = self.state.layers.by_id(self.layer_box.itemData(i) or "")
            if layer is not None:
                self.layer_box.setItemText(i, layer.display_name)
        if self.model.columns:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.model.columns) - 1)

    def _update_count(self) -> None:
        total = len(self.model.layer.data) if self.model.layer is not None else 0
        self.count.setText(QCoreApplication.translate("AttributeTable", "{shown} of {total}").format(
            shown=f"{self.model.rowCount():,}", total=f"{total:,}"))

    def _row_chosen(self, current, _previous) -> None:
        if not current.isValid() or self.model.layer is None:
            return
        data_row = int(self.model.rows[current.row()])
        sel = Selection(self.model.layer.id, data_row)
        if sel != self.state.selection:
            self.state.selection = sel
            if self._pan_to is not None:
                self._pan_to(sel.layer_id, sel.row)
