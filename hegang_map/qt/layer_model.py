"""Qt item model over the LayerList: an adapter, holding no state of its own.

``setData`` writes to the layer; the layer's event updates every view. The
model's before/after events map to Qt's begin/end row calls.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap

from ..model import Layer, LayerList
from .row_drag import RowDragMixin
from .text import plain_tooltip

LayerRole = Qt.ItemDataRole.UserRole + 1


class LayerListModel(RowDragMixin, QAbstractListModel):
    """One row per layer, top layer first; checkable, renamable, draggable."""

    drag_mime = "application/x-hegang-map-layer-row"

    def __init__(self, layers: LayerList, parent=None) -> None:
        super().__init__(parent)
        self.layers = layers
        ev = layers.events
        ev.inserting.connect(lambda i: self.beginInsertRows(QModelIndex(), i.index, i.index))
        ev.inserted.connect(self._inserted)
        ev.removing.connect(lambda i: self.beginRemoveRows(QModelIndex(), i.index, i.index))
        ev.removed.connect(lambda i: self.endRemoveRows())
        ev.moving.connect(self._moving)
        ev.moved.connect(lambda i: self.endMoveRows())
        for layer in layers:
            self._watch(layer)

    def _inserted(self, info) -> None:
        self.endInsertRows()
        self._watch(info.layer)

    def _moving(self, info) -> None:
        # Qt wants the destination as the row *before which* the item lands.
        dest = info.dest + 1 if info.dest > info.start else info.dest
        self.beginMoveRows(QModelIndex(), info.start, info.start, QModelIndex(), dest)

    def _watch(self, layer: Layer) -> None:
        for name in ("name", "visible", "style", "warnings", "opacity"):
            getattr(layer.events, name).connect(lambda _i, lyr=layer: self._changed(lyr))

    def _changed(self, layer: Layer) -> None:
        try:
            row = self.layers.index(layer)
        except ValueError:
            return
        idx = self.index(row)
        self.dataChanged.emit(idx, idx)

    # ------------------------------------------------------------ read
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.layers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.layers):
            return None
        layer = self.layers[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return layer.display_name
        if role == Qt.ItemDataRole.EditRole:
            return layer.name
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole:
            return _swatch(layer)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [layer.source.describe(), QCoreApplication.translate(
                "LayerPanel", "{geometry}, {n} features, CRS {crs}").format(
                geometry=layer.geometry_type, n=f"{len(layer.data):,}", crs=layer.crs_name)]
            lines += [f"⚠ {w}" for w in layer.warnings]
            return plain_tooltip("\n".join(lines))
        if role == LayerRole:
            return layer
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        )

    # ------------------------------------------------------------ write (to the model object)
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt API)
        if not index.isValid():
            return False
        layer = self.layers[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            layer.visible = Qt.CheckState(value) == Qt.CheckState.Checked
            return True
        if role == Qt.ItemDataRole.EditRole and str(value).strip():
            layer.name = str(value)
            return True
        return False

    # ------------------------------------------------------------ drag to reorder
    def row_total(self) -> int:
        return len(self.layers)

    def move_row(self, source: int, dest: int) -> None:
        self.layers.move(source, dest)


def _swatch(layer: Layer) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(QColor(layer.style.color))
    if layer.warnings:
        pix.fill(QColor("#f0ad00"))
    return QIcon(pix)


__all__ = ["LayerListModel", "LayerRole"]
