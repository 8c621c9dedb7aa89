"""Opening data: the files and the text encoding of Shapefiles among them,
then which layers of a multi-layer file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QGridLayout, QLabel, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from .text import plain_tooltip

if TYPE_CHECKING:
    from ..io.read import LayerInfo


#: The text encodings File › Open offers for Shapefiles: (name given to the reader, label).
ENCODINGS = (
    (None, QT_TRANSLATE_NOOP("OpenDialog", "Automatic (the file's .cpg, else guessed from its text)")),
    ("GB18030", QT_TRANSLATE_NOOP("OpenDialog", "GB18030 / GBK / GB2312 (Simplified Chinese)")),
    ("UTF-8", "UTF-8"),
    ("Big5", QT_TRANSLATE_NOOP("OpenDialog", "Big5 (Traditional Chinese)")),
    ("Shift_JIS", QT_TRANSLATE_NOOP("OpenDialog", "Shift_JIS (Japanese)")),
    ("EUC-KR", QT_TRANSLATE_NOOP("OpenDialog", "EUC-KR (Korean)")),
    ("windows-1252", QT_TRANSLATE_NOOP("OpenDialog", "Windows-1252 (Western European)")),
)


class OpenFilesDialog(QFileDialog):
    """File › Open: data files, and the text encoding of the Shapefiles among them.

    Qt's own file dialog, as QGIS's encoding file dialog: a native one takes
    no extra row. Automatic reads each Shapefile as its .cpg says, else as
    its text fits (:mod:`hegang_map.io.dbf`).
    """

    def __init__(self, parent, caption: str, kinds: str) -> None:
        super().__init__(parent, caption, "", kinds)
        self.setObjectName("openDialog")
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self.encoding_box = QComboBox(self)
        self.encoding_box.setObjectName("openEncoding")
        for value, label in ENCODINGS:
            self.encoding_box.addItem(QCoreApplication.translate("OpenDialog", label), value)
        label = QLabel(QCoreApplication.translate("OpenDialog", "Text &encoding (Shapefiles):"), self)
        label.setBuddy(self.encoding_box)
        grid = self.layout()
        if isinstance(grid, QGridLayout):  # Qt's dialog: label, field and button columns
            row = grid.rowCount()
            grid.addWidget(label, row, 0)
            grid.addWidget(self.encoding_box, row, 1)

    def encoding(self) -> str | None:
        """The encoding chosen, or ``None`` for automatic."""
        return self.encoding_box.currentData()


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
