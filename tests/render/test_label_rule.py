"""One label rule: by priority, highlighted places first, never over another label, a ring or a part of
the figure; numbers carry their unit and period."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point

from hegang_map.bundled.stories import bundled_story
from hegang_map.export.basemap import bundled_basemap
from hegang_map.export.inputs import apply_scene, load_input
from hegang_map.model import Layer, LayerSource, LayerStyle, MapState
from hegang_map.model.style import LabelSpec, TimeSpec
from hegang_map.model.symbology import resolve
from hegang_map.render.labels import HIGHLIGHTED, LabelCandidate, leader, place_labels
from hegang_map.render.placement import overlaps
from hegang_map.render.static import ExportOptions, render_figure
from hegang_map.model.scene import SceneList
from hegang_map.io.project import read_project

SCENES = len(SceneList.from_dicts(read_project(bundled_story()).scenes)[0])


def _scene_figure(number, size="A4-landscape"):
    loaded = load_input(bundled_story())
    apply_scene(loaded, number)
    options = ExportOptions(size=size, dpi=72, extent=tuple(loaded.request["extent"]),
                            highlights=tuple(loaded.request["highlights"]))
    return render_figure(loaded.state, options, bundled_basemap())[1]


@pytest.mark.parametrize("number", range(1, SCENES + 1))
def test_no_label_of_a_scene_figure_overlaps_another_a_ring_or_a_part(number):
    info = _scene_figure(number)
    boxes = [b for _t, b in info.labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not overlaps(a, b), (info.labels[i], b)
        for ring in info.rings:
            assert not overlaps(a, ring), (info.labels[i], ring)
    for ring in info.rings:  # the legend and the other parts keep off the rings too
        for part in ("legend", "scale_bar", "north_arrow", "inset"):
            if part in info.boxes:
                assert not overlaps(ring, info.boxes[part]), (ring, part)
        for part in ("legend", "scale_bar", "north_arrow", "inset"):
            if part in info.boxes:
                assert not overlaps(a, info.boxes[part]), (info.labels[i], part)


def test_scene_2_prints_both_quoted_prices_with_unit_and_year_beside_their_rings():
    info = _scene_figure(2)
    texts = [t for t, _b in info.labels]
    assert "2,285 yuan/m², 2019" in texts and "63,000 yuan/m², 2019" in texts
    assert len(info.rings) == 2
    for text in ("2,285 yuan/m², 2019", "63,000 yuan/m², 2019"):
        box = dict(info.labels)[text]
        # Beside a ring: its nearest ring is within a label's height of it.
        gaps = [max(r[0] - (box[0] + box[2]), box[0] - (r[0] + r[2]), r[1] - (box[1] + box[3]),
                    box[1] - (r[1] + r[3])) for r in info.rings]
        assert min(gaps) < 0.03


def test_priority_decides_and_a_crowded_label_is_left_out_rather_than_overlapping():
    def label(text, x, priority):
        return LabelCandidate(x, 50.0, text, priority, 3.0, 60.0, 10.0)

    # Three labels at one place: two find spots (right, left...), each later one takes the next free spot.
    placed = place_labels([label("low", 50, 1), label("high", 50, 5)], np.empty((0, 4)), np.empty((0, 4)),
                          (0, 0, 200, 100))
    assert [c.text for c, _b in placed] == ["high", "low"]
    assert placed[0][1][0] > 50  # the first takes the right
    # A frame too small for any spot: nothing is printed.
    assert place_labels([label("x", 50, 1)], np.empty((0, 4)), np.empty((0, 4)), (40, 40, 60, 60)) == []
    # A symbol on the right: the label goes left.
    right = np.array([[60, 45, 70, 55]])
    assert place_labels([label("a", 50, 1)], np.empty((0, 4)), right, (-100, 0, 200, 100))[0][1][2] < 50
    # Symbols all around: a plain label is left out; a ringed or chosen one takes the spot covering fewest,
    # never a ring's.
    soft = np.array([[0, 0, 200, 100], [0, 0, 45, 100]])
    assert place_labels([label("plain", 50, 1)], np.empty((0, 4)), soft, (0, 0, 200, 100)) == []
    ringed = place_labels([label("ringed", 50, HIGHLIGHTED)], np.empty((0, 4)), soft, (0, 0, 200, 100))
    assert len(ringed) == 1 and ringed[0][1][0] > 50  # the right side covers one symbol, the left two
    chosen = LabelCandidate(50.0, 50.0, "chosen", 0.0, 3.0, 60.0, 10.0, chosen=True)
    assert len(place_labels([chosen], np.empty((0, 4)), soft, (0, 0, 200, 100))) == 1
    assert place_labels([label("ringed", 50, HIGHLIGHTED)], soft, np.empty((0, 4)), (0, 0, 200, 100)) == []
    # Symbols crowd its place only: a ringed label stands farther out, joined by a leader line, covering none.
    crowd = np.array([[20, 25, 80, 75]])
    (c, box), = place_labels([label("ringed", 50, HIGHLIGHTED)], np.empty((0, 4)), crowd, (0, 0, 300, 100))
    assert not overlaps_box(box, crowd[0]) and leader(c, box) is not None
    assert place_labels([label("plain", 50, 1)], np.empty((0, 4)), crowd, (0, 0, 300, 100)) == []


def overlaps_box(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_a_number_label_carries_its_unit_and_period():
    frame = gpd.GeoDataFrame({"value": [63000, 2285.0], "unit": ["yuan/m2", "yuan/m2"],
                              "period": ["2019 (same list)", "2019-03"], "year": [2019, 2019]},
                             geometry=[Point(116.4, 39.9), Point(130.3, 47.35)], crs=4326)
    per_row = resolve(frame, LayerStyle(label=LabelSpec("value", unit_field="unit", period_field="period")))
    assert per_row.labels == ["63,000 yuan/m², 2019", "2,285 yuan/m², 2019-03"]
    # The classified field takes the style's unit and the period the map shows.
    style = LayerStyle(renderer="graduated", field="value", unit="yuan/m²", label=LabelSpec("value"),
                       time=TimeSpec("year"))
    assert resolve(frame, style).labels == ["63,000 yuan/m², 2019", "2,285 yuan/m², 2019"]
    # A number with no unit may be a year or a code: as written.
    assert resolve(frame, LayerStyle(label=LabelSpec("year"))).labels == ["2019", "2019"]
