"""Layer properties: source, CRS, counts, bounds, fields. Read-only, plain text."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ..model import Layer


def layer_properties(layer: Layer) -> list[tuple[str, str]]:
    """Return the (name, value) lines the properties view shows."""
    b = layer.data.total_bounds if len(layer.data) else None
    bounds = ", ".join(f"{v:.6g}" for v in b) if b is not None else "—"
    out = [
        ("Source", str(layer.source.path) if layer.source.path else "(in memory)"),
        ("Layer", layer.source.layer_name or "—"),
        ("CRS", layer.crs_name),
        ("Geometry", layer.geometry_type),
        ("Features", f"{len(layer.data):,}"),
        ("Bounds (own CRS)", bounds),
    ]
    out += [(f"Field: {name}", dtype) for name, dtype in layer.fields()]
    out += [("Warning", w) for w in layer.warnings]
    return out


class PropertiesDialog(QDialog):
    """Shows :func:`layer_properties` of a layer."""

    def __init__(self, layer: Layer, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Properties — {layer.name}")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("layerProperties")
        self.tree.setHeaderLabels(["Property", "Value"])
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
