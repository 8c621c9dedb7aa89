"""The export dialog's preview: the figure as it will be written, whose legend,
scale bar, north arrow and inset the user drags to another place in the map frame.

The figure is drawn by the same :func:`~hegang_map.render.static.render_figure`
as the export, at the export's own size and dpi (so its layout is the
export's), and only rasterised small. Drawing runs on a worker of the window;
a change while one runs asks for one more drawing when it ends.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget
from shiboken6 import isValid

from ..model.layout import MOVABLE, element_label
from ..render.paper import MM_PER_INCH

_log = logging.getLogger(__name__)

#: Pixels of the preview's longer side (rasterised at this size whatever the export's dpi).
PREVIEW_SIDE = 720
#: Wait after the last change before drawing again (ms).
DEBOUNCE_MS = 250


def draw_preview(state, options) -> tuple[bytes, dict]:
    """PNG bytes of the figure ``options`` asks for, small, and its parts' boxes (page fractions)."""
    from ..export.basemap import bundled_basemap
    from ..export.tile_basemaps import basemap_pictures
    from ..render.static import _rc, render_figure

    page = options.page()
    if not page.is_pixels:
        # A paper figure is laid out in points: drawn at the preview's own resolution it is the same
        # figure, and a large layer's picture is made small, not at the export's 300 dpi.
        options = replace(options, dpi=PREVIEW_SIDE * MM_PER_INCH / max(page.width_mm, page.height_mm))
    with basemap_pictures(state, True, []) as pictures:
        fig, info = render_figure(state, options, bundled_basemap() if options.basemap else None, pictures)
    w_in, h_in = fig.get_size_inches()
    buf = io.BytesIO()
    with _rc():
        fig.savefig(buf, format="png", dpi=PREVIEW_SIDE / max(w_in, h_in))
    return buf.getvalue(), info.boxes


class FigurePreview(QWidget):
    """The figure, scaled to fit, with its movable parts draggable.

    Signals
    -------
    moved(str, float, float)
        A part of :data:`~hegang_map.model.layout.MOVABLE` was dropped: its
        new lower-left corner as fractions of the map frame.
    drawn()
        A new picture is shown.
    """

    moved = Signal(str, float, float)
    drawn = Signal()

    def __init__(self, workers, make_options, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figurePreview")
        self.setMinimumSize(420, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._workers = workers
        self._make_options = make_options  # () -> (state, ExportOptions) or None
        self.image = QImage()
        self.boxes: dict = {}
        self.message = ""
        self._running = False
        self._again = False
        self._drag: tuple[str, QPointF, QRectF] | None = None
        self._hover: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._draw)

    # ------------------------------------------------------------ drawing
    def refresh(self) -> None:
        """Draw again shortly (changes in a burst make one drawing)."""
        self._timer.start()

    @property
    def busy(self) -> bool:
        """Whether a drawing is pending or running."""
        return self._timer.isActive() or self._running

    def _draw(self) -> None:
        if self._running:
            self._again = True
            return
        made = self._make_options()
        if made is None:
            return
        state, options = made
        self._running = True

        def work():
            try:
                return draw_preview(state, options)
            except Exception as exc:  # noqa: BLE001 - the export itself says what is wrong, in full
                _log.warning("preview failed: %s", exc)
                return None

        if not self._workers.run("preview", work, self._done):
            self._running = False

    def _done(self, result) -> None:
        if not isValid(self):  # the dialog closed (an export finished) before this preview came
            return
        self._running = False
        if result is None:
            self.image, self.boxes = QImage(), {}
            self.message = QCoreApplication.translate("ExportDialog", "No preview of these settings.")
        else:
            png, boxes = result
            self.image = QImage.fromData(png, "PNG")
            self.boxes, self.message = boxes, ""
        self.update()
        self.drawn.emit()
        if self._again:
            self._again = False
            self._draw()

    # ------------------------------------------------------------ geometry
    def page_rect(self) -> QRectF:
        """Where the page is drawn in the widget (kept to its aspect ratio)."""
        if self.image.isNull():
            return QRectF()
        iw, ih = self.image.width(), self.image.height()
        k = min((self.width() - 8) / iw, (self.height() - 8) / ih)
        w, h = iw * k, ih * k
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def part_rect(self, name: str) -> QRectF:
        """A part's box in widget coordinates (empty when it is not drawn)."""
        box = self.boxes.get(name)
        page = self.page_rect()
        if box is None or page.isNull():
            return QRectF()
        x, y, w, h = box
        return QRectF(page.x() + x * page.width(), page.y() + (1 - y - h) * page.height(),
                      w * page.width(), h * page.height())

    def part_at(self, pos: QPointF) -> str | None:
        """The movable part under ``pos``, the smallest first (an arrow over a big legend wins)."""
        hits = [n for n in MOVABLE if self.part_rect(n).contains(pos)]
        return min(hits, key=lambda n: self.part_rect(n).width() * self.part_rect(n).height(), default=None)

    # ------------------------------------------------------------ painting and dragging
    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        page = self.page_rect()
        if page.isNull():
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                       self.message or QCoreApplication.translate("ExportDialog", "Drawing the preview…"))
            return
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(page, self.image)
        p.setPen(QPen(QColor("#888888"), 1))
        p.drawRect(page)
        shown = self._drag[0] if self._drag else self._hover
        if shown:
            rect = self._drag[2] if self._drag else self.part_rect(shown)
            p.setPen(QPen(QColor("#1f6feb"), 2, Qt.PenStyle.DashLine))
            p.drawRect(rect)
            p.drawText(rect.adjusted(0, -18, 0, 0).topLeft() + QPointF(2, 14), element_label(shown))

    def mousePressEvent(self, event) -> None:  # noqa: N802
        name = self.part_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if name is None:
            return super().mousePressEvent(event)
        rect = self.part_rect(name)
        self._drag = (name, event.position() - rect.topLeft(), rect)
        self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._drag is None:
            hover = self.part_at(event.position())
            if hover != self._hover:
                self._hover = hover
                self.setCursor(Qt.CursorShape.OpenHandCursor if hover else Qt.CursorShape.ArrowCursor)
                self.setToolTip(QCoreApplication.translate("ExportDialog", "Drag to move the {part}").format(
                    part=element_label(hover).lower()) if hover else "")
                self.update()
            return
        name, grab, rect = self._drag
        moved = QRectF(rect)
        moved.moveTopLeft(event.position() - grab)
        self._drag = (name, grab, moved)
        self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._drag is None:
            return super().mouseReleaseEvent(event)
        name, _grab, rect = self._drag
        self._drag = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        page, frame = self.page_rect(), self.boxes.get("map")
        if page.isNull() or frame is None:
            return
        # The part's lower-left corner, as fractions of the page, then of the map frame.
        x = (rect.left() - page.x()) / page.width()
        y = 1 - (rect.bottom() - page.y()) / page.height()
        fx = (x - frame[0]) / frame[2]
        fy = (y - frame[1]) / frame[3]
        # Dropped partly outside: it stays inside, against the edge it was pushed to.
        w, h = self.boxes[name][2] / frame[2], self.boxes[name][3] / frame[3]
        self.moved.emit(name, min(max(fx, 0.0), max(1.0 - w, 0.0)), min(max(fy, 0.0), max(1.0 - h, 0.0)))
        self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802
        if self._hover and self._drag is None:
            self._hover = None
            self.update()
        super().leaveEvent(event)
