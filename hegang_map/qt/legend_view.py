"""The active layer's legend inside the Layers dock, drawn from the same Legend as the map."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout, QWidget

from ..model import MapState
from ..model.legend import Legend, LegendEntry
from ..util.line_breaks import joined_terms


def swatch_icon(entry: LegendEntry, geometry: str, size: int = 20) -> QIcon:
    """A legend swatch as an icon: the entry's marker, line or patch."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(entry.color)
    fill.setAlphaF(max(0.0, min(1.0, entry.fill_opacity)))
    c = size / 2
    if geometry == "line":
        p.setPen(QPen(QColor(entry.color), max(1.5, entry.stroke_width)))
        p.drawLine(QPointF(1, c), QPointF(size - 1, c))
    else:
        p.setPen(QPen(QColor(entry.stroke_color), entry.stroke_width) if entry.stroke_width > 0 else Qt.PenStyle.NoPen)
        p.setBrush(fill)
        r = min(entry.radius, size / 2 - 1.5) if geometry == "point" else size / 2 - 2
        path = QPainterPath()
        if geometry == "polygon" or entry.marker == "square":
            path.addRect(QRectF(c - r, c - r, 2 * r, 2 * r))
        elif entry.marker == "triangle":
            path.moveTo(c, c - r * 1.2)
            path.lineTo(c + r * 1.1, c + r * 0.8)
            path.lineTo(c - r * 1.1, c + r * 0.8)
            path.closeSubpath()
        elif entry.marker == "diamond":
            path.moveTo(c, c - r * 1.3)
            path.lineTo(c + r, c)
            path.lineTo(c, c + r * 1.3)
            path.lineTo(c - r, c)
            path.closeSubpath()
        else:
            path.addEllipse(QPointF(c, c), r, r)
        p.drawPath(path)
    p.end()
    return QIcon(pix)


class LegendView(QWidget):
    """Title, entries (swatch, label, count) and notes of the active layer's legend.

    It keeps no legend of its own: it redraws from the controller's resolved
    style whenever that layer is restyled or another layer becomes active.
    """

    def __init__(self, state: MapState, controller, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.controller = controller
        self.title = QLabel(self)
        self.title.setObjectName("legendTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: 600;")
        self.entries = QListWidget(self)
        self.entries.setObjectName("legendEntries")
        self.entries.setIconSize(QSize(22, 22))
        self.entries.setMaximumHeight(190)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setStyleSheet("color: #555; font-size: 11px;")
        for w in (self.title, self.entries, self.notes):
            # Long titles wrap; they must not widen the dock (and shift the map).
            w.setSizePolicy(QSizePolicy.Policy.Ignored, w.sizePolicy().verticalPolicy())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.entries)
        layout.addWidget(self.notes)
        controller.styled.connect(self._styled)
        state.events.active.connect(lambda _i: self.refresh())
        self.refresh()

    def legend(self) -> Legend | None:
        """The legend shown (of the active layer)."""
        sym = self.controller.symbology(self.state.active_layer_id or "")
        return sym.legend if sym else None

    def _styled(self, layer_id: str) -> None:
        if layer_id == self.state.active_layer_id:
            self.refresh()

    def refresh(self) -> None:
        """Redraw from the active layer's resolved style."""
        legend = self.legend()
        self.entries.clear()
        self.setVisible(legend is not None)
        if legend is None:
            return
        # Terms stay whole when the title and notes wrap (自然间断点, not 自然间断/点).
        self.title.setText(joined_terms(legend.title))
        for e in legend.entries:
            item = QListWidgetItem(swatch_icon(e, legend.geometry), f"{e.label}   ({e.count})")
            self.entries.addItem(item)
        self.notes.setText("\n".join(joined_terms(note) for note in legend.notes))
        self.notes.setVisible(bool(legend.notes))
