"""The Identify dock: every attribute of the selected feature, as plain text."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget
from PySide6.QtCore import QCoreApplication, Qt

from ..model import MapState, Selection
from .attribute_table import cell_text
from .language import Retranslating
from .text import plain_tooltip

#: Values longer than this are cut in the panel (a 10 MB cell would freeze it).
MAX_VALUE_CHARS = 20_000


class IdentifyPanel(Retranslating, QWidget):
    """Lists field and value of ``state.selection``; never interprets HTML."""

    def __init__(self, state: MapState, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.title = QLabel(self)
        self.title.setObjectName("identifyTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("identifyTree")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        state.events.selection.connect(lambda i: self.show(i.value))
        self.retranslate()

    def retranslate(self) -> None:
        """Set the panel's texts in the current language."""
        self.tree.setHeaderLabels([QCoreApplication.translate("Identify", "Field"),
                                   QCoreApplication.translate("Identify", "Value")])
        self.show(self.state.selection)

    def show(self, sel: Selection | None) -> None:
        """Fill the panel with the attributes of ``sel`` (or clear it)."""
        self.tree.clear()
        layer = self.state.layers.by_id(sel.layer_id) if sel else None
        if layer is None:
            self.title.setText(QCoreApplication.translate("Identify", "Click a feature on the map."))
            return
        self.title.setText(QCoreApplication.translate("Identify", "{layer} — feature {n}: {label}").format(
            layer=layer.display_name, n=sel.row + 1, label=layer.label_of(sel.row)))
        for name, value in layer.attributes(sel.row):
            text = cell_text(value)
            if len(text) > MAX_VALUE_CHARS:
                text = text[:MAX_VALUE_CHARS] + QCoreApplication.translate(
                    "Identify", "… ({n} characters)").format(n=f"{len(text):,}")
            item = QTreeWidgetItem([layer.field_title(name), text])
            item.setToolTip(0, plain_tooltip(name))  # the raw field name
            item.setToolTip(1, plain_tooltip(text))
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)

    def rows(self) -> list[tuple[str, str]]:
        """The (field, value) pairs shown, as the user reads them."""
        return [
            (self.tree.topLevelItem(i).text(0), self.tree.topLevelItem(i).text(1))
            for i in range(self.tree.topLevelItemCount())
        ]
