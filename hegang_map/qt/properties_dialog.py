"""Layer properties: source, CRS, counts, bounds, fields. Read-only, plain text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ..model import Layer


def layer_properties(layer: Layer) -> list[tuple[str, str]]:
    """Return the (name, value) lines the properties view shows."""
    b = layer.data.total_bounds if len(layer.data) else None
    bounds = ", ".join(f"{v:.6g}" for v in b) if b is not None else "—"
    out = [
        (QCoreApplication.translate("Properties", "Title"), layer.display_name),
        (QCoreApplication.translate("Properties", "Source"),
         str(layer.source.path) if layer.source.path else QCoreApplication.translate("Properties", "(in memory)")),
        (QCoreApplication.translate("Properties", "Layer"), layer.source.layer_name or "—"),
        (QCoreApplication.translate("Properties", "CRS"), layer.crs_name),
        (QCoreApplication.translate("Properties", "Geometry"), layer.geometry_type),
        (QCoreApplication.translate("Properties", "Features"), f"{len(layer.data):,}"),
        (QCoreApplication.translate("Properties", "Bounds (own CRS)"), bounds),
    ]
    # The raw field names stay visible here, with the titles people read beside them.
    out += [(QCoreApplication.translate("Properties", "Field: {name}").format(name=name),
             dtype if layer.field_title(name) == name else f"{dtype} — {layer.field_title(name)}")
            for name, dtype in layer.fields()]
    out += [(QCoreApplication.translate("Properties", "Warning"), w) for w in layer.warnings]
    return out


class PropertiesDialog(QDialog):
    """Shows :func:`layer_properties` of a layer."""

    def __init__(self, layer: Layer, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Properties", "Properties — {name}").format(name=layer.display_name))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("layerProperties")
        self.tree.setHeaderLabels([QCoreApplication.translate("Properties", "Property"),
                                   QCoreApplication.translate("Properties", "Value")])
        self.tree.setRootIsDecorated(False)
        for name, value in layer_properties(layer):
            self.tree.addTopLevelItem(QTreeWidgetItem([name, value]))
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
