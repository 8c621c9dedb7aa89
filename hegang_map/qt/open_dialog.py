"""Choosing which layers of a multi-layer file to open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from .text import plain_tooltip

if TYPE_CHECKING:
    from ..io.read import LayerInfo


class LayerChoiceDialog(QDialog):
    """A checklist of a file's layers: name, geometry type, feature count, CRS.

    Layers without geometry are listed but cannot be checked.
    """

    def __init__(self, path, infos: list[LayerInfo], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("OpenDialog", "Open layers"))
        self.infos = infos
        label = QLabel(QCoreApplication.translate("OpenDialog", "Layers in {path}:").format(path=path), self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("layerChoice")
        self.tree.setHeaderLabels([QCoreApplication.translate("OpenDialog", "Layer"),
                                   QCoreApplication.translate("OpenDialog", "Geometry"),
                                   QCoreApplication.translate("OpenDialog", "Features"),
                                   QCoreApplication.translate("OpenDialog", "CRS")])
        self.tree.setRootIsDecorated(False)
        for info in infos:
            crs = (info.crs or QCoreApplication.translate("OpenDialog", "none")).replace("\n", " ")
            item = QTreeWidgetItem([info.name, info.geometry_type or QCoreApplication.translate("OpenDialog", "no geometry"),
                                    f"{info.feature_count:,}", crs])
            # The GeoPackage's own title and description (untrusted text) go in the tooltip, literally.
            about = [info.name] + [t for t in (info.title, info.description) if t and t != info.name]
            item.setToolTip(0, plain_tooltip("\n".join(about)))
            if info.geometry_type:
                item.setCheckState(0, Qt.CheckState.Checked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
        for col in range(4):
            self.tree.resizeColumnToContents(col)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def chosen(self) -> list[str]:
        """Names of the checked layers."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                out.append(self.infos[i].name)
        return out
