"""The Style dock's histogram canvas (matplotlib's Qt backend).

Its own module so that matplotlib's figure and Qt backend (~0.4 s to import)
load only when the histogram is first painted, not at start.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QTimer


class HistogramCanvas(FigureCanvasQTAgg):
    """The matplotlib canvas of :class:`hegang_map.qt.style_panel.Histogram`:
    the bars only when the values change (a restyle moves the break lines)."""

    def __init__(self, parent=None) -> None:
        # Fixed margins: a constrained layout doubled the cost of every draw.
        self.figure = Figure(figsize=(3.2, 1.6), dpi=90)
        self.figure.subplots_adjust(left=0.03, right=0.97, bottom=0.17, top=0.96)
        super().__init__(self.figure)
        self.setParent(parent)
        self.setMinimumHeight(130)
        self.ax = self.figure.add_subplot()
        self.ax.tick_params(labelsize=7)
        self.ax.set_yticks([])
        self.breaks: list[float] = []
        self._colors: list[str] = []
        self._values = None     # what the bars are to show
        self._shown = None      # the values (float array) the bars were built from
        self._lines: list = []
        self._stale = False

    def show_values(self, values, breaks, colors) -> None:
        """Show ``values`` (NaNs skipped) with vertical lines at ``breaks``."""
        self._values = values
        self.breaks = [float(b) for b in breaks]
        self._colors = list(colors)
        self._stale = True
        if self.isVisible():
            self._build()

    def _build(self) -> None:
        self._stale = False
        ax = self.ax
        v = np.asarray(self._values, dtype=float) if self._values is not None else np.empty(0)
        if self._shown is None or not np.array_equal(self._shown, v, equal_nan=True):
            self._shown = v
            ax.clear()
            self._lines = []
            v = v[np.isfinite(v)]
            if len(v):
                counts, edges = np.histogram(v, bins=min(40, max(5, len(np.unique(v)))))
                ax.stairs(counts, edges, fill=True, color="#9e9e9e")  # one artist, not 40 bars
            ax.tick_params(labelsize=7)
            ax.set_yticks([])
            self._empty = not len(v)
        for line in self._lines:
            line.remove()
        self._lines = [] if self._empty else [ax.axvline(b, color=c, linewidth=2)
                                               for b, c in zip(self.breaks, self._colors)]
        self.draw_idle()

    _empty = True
    _draw_on_show = False

    def draw_idle(self) -> None:
        # Resizes of the window reach the canvas behind its tab too (it counts
        # as visible until the layout hides it): ~50 ms a draw that nobody sees.
        # Draw once control is back in the event loop, if still shown; else when shown.
        self._draw_on_show = True
        QTimer.singleShot(0, self, self._draw_if_shown)

    def _draw_if_shown(self) -> None:
        if self._draw_on_show and self.isVisible():
            self._draw_on_show = False
            super().draw_idle()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._stale:
            self._build()
        elif self._draw_on_show:
            QTimer.singleShot(0, self, self._draw_if_shown)
