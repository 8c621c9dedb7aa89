"""Layer properties: source, CRS, counts, bounds, fields (read-only, plain
text), and the one property set here, the layer's coordinate frame."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from ..io.dbf import TEXT_ENCODING
from ..model import Layer
from ..util.chinese_coords import CHINA_BOX

#: The coordinate frames, as menus and the properties name them.
FRAME_NAMES = {
    "wgs84": QT_TRANSLATE_NOOP("Actions", "WGS-84 (GPS, OpenStreetMap)"),
    "gcj02": QT_TRANSLATE_NOOP("Actions", "GCJ-02 (Amap, Tencent)"),
    "bd09": QT_TRANSLATE_NOOP("Actions", "BD-09 (Baidu)"),
}


#: How a Shapefile's text encoding was decided (:data:`hegang_map.io.dbf.SOURCES`).
_ENCODING_SOURCES = {
    "asked": QT_TRANSLATE_NOOP("Properties", "chosen when opened"),
    "cpg": QT_TRANSLATE_NOOP("Properties", "as its .cpg file says"),
    "ldid": QT_TRANSLATE_NOOP("Properties", "as its .dbf header says"),
    "content": QT_TRANSLATE_NOOP("Properties", "guessed from its text: no .cpg file says"),
}


def frame_note() -> str:
    """Where the Chinese frames' shifts apply, for tooltips and help."""
    w, s, e, n = CHINA_BOX
    return QCoreApplication.translate(
        "Frames", "Coordinates copied from Chinese web maps are shifted by several hundred metres: GCJ-02 from "
        "Amap and Tencent, BD-09 from Baidu. The shift applies inside {west}–{east}° E, {south}–{north}° N "
        "(China and parts of its neighbours), as those maps apply it; outside, nothing is shifted. "
        "The data file is never changed.").format(west=w, east=e, south=s, north=n)


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
    encoding = layer.data.attrs.get(TEXT_ENCODING)
    if encoding:
        codec, how = encoding
        out.append((QCoreApplication.translate("Properties", "Text encoding"), QCoreApplication.translate("Properties", "{codec} ({how})").format(
            codec=codec.upper(), how=QCoreApplication.translate("Properties", _ENCODING_SOURCES.get(how, how)))))
    out += [(QCoreApplication.translate("Properties", "Coordinate frame"),
             QCoreApplication.translate("Actions", FRAME_NAMES[layer.frame]))]
    out += [(QCoreApplication.translate("Properties", "Warning"), w) for w in layer.warnings]
    return out


class PropertiesDialog(QDialog):
    """Shows :func:`layer_properties` of a layer, and sets its coordinate frame.

    The frame applies at once: the map draws the layer shifted from it.
    """

    def __init__(self, layer: Layer, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Properties", "Properties — {name}").format(name=layer.display_name))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("layerProperties")
        self.tree.setHeaderLabels([QCoreApplication.translate("Properties", "Property"),
                                   QCoreApplication.translate("Properties", "Value")])
        self.tree.setRootIsDecorated(False)
        frame_row = QCoreApplication.translate("Properties", "Coordinate frame")
        for name, value in layer_properties(layer):
            item = QTreeWidgetItem([name, value])
            self.tree.addTopLevelItem(item)
            if name == frame_row:
                self._frame_item = item
        self.tree.resizeColumnToContents(0)
        self.frame = QComboBox(self)
        self.frame.setObjectName("layerFrame")
        for key, name in FRAME_NAMES.items():
            self.frame.addItem(QCoreApplication.translate("Actions", name), key)
        self.frame.setCurrentIndex(self.frame.findData(layer.frame))
        self.frame.setToolTip(frame_note())
        self.frame.currentIndexChanged.connect(lambda _i: self._set_frame(layer))
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Properties", "&Coordinate frame:"), self.frame)
        note = QLabel(frame_note(), self)
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def _set_frame(self, layer: Layer) -> None:
        layer.frame = self.frame.currentData()
        self._frame_item.setText(1, self.frame.currentText())
