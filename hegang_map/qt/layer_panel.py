"""The Layers dock: visibility, order, opacity, rename, remove, zoom, properties."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ..model import Layer, MapState
from .language import Retranslating
from .layer_model import LayerListModel, LayerRole


class LayerPanel(Retranslating, QWidget):
    """Shows the layer list and the active layer's opacity and warnings.

    The panel owns no state: the list is a :class:`LayerListModel` over the
    map state, and the current row follows ``state.active_layer_id``.
    """

    def __init__(self, state: MapState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = LayerListModel(state.layers, self)
        self.view = QListView(self)
        self.view.setObjectName("layerList")
        self.view.setModel(self.model)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setObjectName("opacitySlider")
        self.opacity.setRange(0, 100)
        self.opacity_label = QLabel(self)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("layerWarnings")
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00;")

        row = QHBoxLayout()
        row.addWidget(self.opacity_label)
        row.addWidget(self.opacity, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.warnings)

        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.opacity.valueChanged.connect(self._opacity_moved)
        state.events.active.connect(lambda _i: self._show_active())
        self.model.dataChanged.connect(lambda *_: self._show_active())
        self.model.rowsMoved.connect(lambda *_: self._show_active())
        self._show_active()
        self.retranslate()

    def retranslate(self) -> None:
        """Set the panel's texts in the current language."""
        self.opacity.setToolTip(QCoreApplication.translate("LayerPanel", "Opacity of the selected layer"))
        self.opacity_label.setText(QCoreApplication.translate("LayerPanel", "Opacity"))
        self.view.viewport().update()  # the bundled layers' names are shown translated

    def current_layer(self) -> Layer | None:
        """The layer of the active row, or ``None``."""
        return self.state.layers.by_id(self.state.active_layer_id or "")

    def _current_changed(self, current, _previous) -> None:
        layer = current.data(LayerRole) if current.isValid() else None
        self.state.active_layer_id = layer.id if layer else None

    def _opacity_moved(self, value: int) -> None:
        layer = self.current_layer()
        if layer is not None:
            layer.opacity = value / 100.0

    def _show_active(self) -> None:
        layer = self.current_layer()
        enabled = layer is not None
        self.opacity.setEnabled(enabled)
        self.opacity_label.setEnabled(enabled)
        if layer is None:
            self.warnings.clear()
            return
        self.opacity.blockSignals(True)
        self.opacity.setValue(round(layer.opacity * 100))
        self.opacity.blockSignals(False)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in layer.warnings))
        row = self.state.layers.index(layer)
        if self.view.currentIndex().row() != row:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
