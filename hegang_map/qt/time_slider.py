"""A time slider for a layer with a time field: one period at a time, play/pause, speed."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from ..model import Layer, MapState
from .language import Retranslating

#: Seconds per period offered for playback.
SPEEDS = ((QT_TRANSLATE_NOOP("TimeSlider", "0.5 s / step"), 500), (QT_TRANSLATE_NOOP("TimeSlider", "1 s / step"), 1000),
          (QT_TRANSLATE_NOOP("TimeSlider", "2 s / step"), 2000))


class TimeSlider(Retranslating, QWidget):
    """Steps a layer's ``style.time.current`` through the periods of its data.

    It follows the active layer when that has a time field, else the top
    visible layer that has one; it hides itself when no layer has one. The
    slider writes the model (a new style with another period); the model's
    style event moves the slider, so panel and map never disagree.
    """

    #: Whether some layer has periods to step through (the window shows or hides the bar).
    available = Signal(bool)

    def __init__(self, state: MapState, controller, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.controller = controller
        self.layer: Layer | None = None
        self._available: bool | None = None
        self.periods: list = []
        self.title = QLabel(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("timeSlider")
        self.slider.setPageStep(1)
        self.slider.setMinimumWidth(220)
        self.period_label = QLabel("", self)
        self.period_label.setObjectName("timePeriod")
        self.period_label.setMinimumWidth(48)
        self.period_label.setStyleSheet("font-weight: 600; font-size: 14px;")
        self.play_button = QToolButton(self)
        self.play_button.setObjectName("timePlay")
        self.play_button.setCheckable(True)
        self.speed = QComboBox(self)
        self.speed.setObjectName("timeSpeed")
        for _text, ms in SPEEDS:
            self.speed.addItem("", ms)
        self.speed.setCurrentIndex(1)
        self.fixed = QCheckBox(self)
        self.fixed.setObjectName("timeFixedBreaks")
        self.timer = QTimer(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        for w in (self.title, self.play_button, self.slider, self.period_label, self.speed, self.fixed):
            row.addWidget(w)
        row.addStretch(1)

        self.slider.valueChanged.connect(self._slid)
        self.play_button.toggled.connect(self._play)
        self.speed.currentIndexChanged.connect(lambda _i: self.timer.setInterval(self.speed.currentData()))
        self.fixed.toggled.connect(self._fixed_toggled)
        self.timer.timeout.connect(self.step)
        controller.styled.connect(self._styled)
        state.events.active.connect(lambda _i: self.follow())
        for name in ("inserted", "removed"):
            getattr(state.layers.events, name).connect(lambda _i: self.follow())
        self.retranslate()
        self.follow()

    def retranslate(self) -> None:
        """Set the bar's texts in the current language."""
        self.title.setText(QCoreApplication.translate("TimeSlider", "Time"))
        self._show_play(self.play_button.isChecked())
        self.play_button.setToolTip(QCoreApplication.translate("TimeSlider", "Play through the periods"))
        for i, (text, _ms) in enumerate(SPEEDS):
            self.speed.setItemText(i, QCoreApplication.translate("TimeSlider", text))
        self.fixed.setText(QCoreApplication.translate("TimeSlider", "Same breaks for all periods"))
        self.fixed.setToolTip(QCoreApplication.translate(
            "TimeSlider", "Checked: colours compare across periods. Unchecked: breaks of each period."))
        if self.layer is not None:
            self._sync()

    # ------------------------------------------------------------ which layer
    def _candidate(self) -> Layer | None:
        active = self.state.layers.by_id(self.state.active_layer_id or "")
        if active is not None and active.style.time is not None:
            return active
        return next((lyr for lyr in self.state.layers if lyr.visible and lyr.style.time is not None), None)

    def follow(self) -> None:
        """Bind to the layer whose periods the slider steps through."""
        layer = self._candidate()
        if layer is not self.layer:
            if self.layer is not None:
                self.layer.events.visible.disconnect(self._visibility)
            self.layer = layer
            if layer is not None:
                layer.events.visible.connect(self._visibility)
        self._sync()

    def _visibility(self, _info) -> None:
        self.follow()

    def _styled(self, layer_id: str) -> None:
        if self.layer is None or layer_id != self.layer.id:
            self.follow()
        else:
            self._sync()

    def _sync(self) -> None:
        layer = self.layer
        sym = self.controller.symbology(layer.id) if layer is not None else None
        available = sym is not None and bool(sym.periods)
        if available != self._available:
            self._available = available
            self.available.emit(available)
        if sym is None or not sym.periods:
            self.play_button.setChecked(False)
            return
        self.periods = list(sym.periods)
        self.title.setText(f"{layer.display_name} · {layer.field_title(layer.style.time.field)}")
        self.slider.blockSignals(True)
        self.slider.setRange(0, len(self.periods) - 1)
        self.slider.setValue(self.periods.index(sym.period) if sym.period in self.periods else 0)
        self.slider.blockSignals(False)
        self.fixed.blockSignals(True)
        self.fixed.setChecked(bool(layer.style.time.fixed_breaks))
        self.fixed.blockSignals(False)
        self.period_label.setText(str(sym.period))

    # ------------------------------------------------------------ user input
    def set_period(self, period) -> None:
        """Show ``period`` of the bound layer."""
        if self.layer is not None:
            self.layer.style = self.layer.style.with_period(period)

    def _slid(self, index: int) -> None:
        if 0 <= index < len(self.periods):
            self.set_period(self.periods[index])

    def step(self) -> None:
        """Go to the next period (the last wraps to the first)."""
        if not self.periods:
            return
        self.slider.setValue((self.slider.value() + 1) % len(self.periods))

    def _play(self, on: bool) -> None:
        self._show_play(on)
        if on:
            self.timer.start(self.speed.currentData())
        else:
            self.timer.stop()

    def _show_play(self, playing: bool) -> None:
        self.play_button.setText(QCoreApplication.translate("TimeSlider", "❚❚ Pause") if playing
                                 else QCoreApplication.translate("TimeSlider", "▶ Play"))

    def _fixed_toggled(self, on: bool) -> None:
        if self.layer is not None and self.layer.style.time is not None:
            time = self.layer.style.time
            self.layer.style = self.layer.style.evolve(time=type(time)(time.field, time.current, bool(on)))
