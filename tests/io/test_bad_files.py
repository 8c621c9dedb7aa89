"""Every bad-input case of docs/bad-input.md through io (and display): a specific
DataError or a clean load with warnings, and the file's bytes never change."""

from __future__ import annotations

import os

import pytest
from badfiles import (
    CASES,
    ERROR_CASES,
    HOSTILE,
    HOSTILE_DESCRIPTION,
    HOSTILE_LAYER,
    HOSTILE_TITLE,
    LOAD_CASES,
    ODD_COLUMNS,
    params,
    tree_state,
)

from hegang_map.io import READ_WARNINGS, DataError, check_readable, list_layers, read_layer
from hegang_map.model import Layer, LayerSource
from hegang_map.render.display import prepare
from hegang_map.render.payload import pack

pytestmark = pytest.mark.timeout(60)


def load_all(path):
    """Read every spatial layer of ``path`` as the app does: list, read, prepare, pack."""
    out = []
    for info in list_layers(path):
        if not info.geometry_type:
            continue
        data = read_layer(path, info.name)
        layer = Layer(data, info.name, LayerSource(path, info.name))
        display = prepare(layer)
        pack(display)
        out.append((info, layer, display))
    return out


@pytest.mark.parametrize("case", params(ERROR_CASES))
def test_unreadable_file_gives_one_specific_message_and_is_not_changed(case, tmp_path):
    path = case.build(tmp_path)
    before = tree_state(path)
    with pytest.raises(DataError) as err:
        load_all(path)
    message = str(err.value)
    assert "\n" not in message
    assert path.name in message  # which file
    for part in case.message:
        assert part.lower() in message.lower(), message
    # What to do: every message ends with advice in a sentence of its own.
    assert message.rstrip().endswith("."), message
    assert len(message.split(". ")) >= 2, message
    assert tree_state(path) == before


@pytest.mark.parametrize("case", params(ERROR_CASES))
def test_read_layer_of_unreadable_file_raises_data_error_too(case, tmp_path):
    path = case.build(tmp_path)
    with pytest.raises(DataError):
        read_layer(path)


@pytest.mark.parametrize("case", params(LOAD_CASES))
def test_odd_but_readable_file_loads_with_warnings_and_is_not_changed(case, tmp_path):
    path = case.build(tmp_path)
    before = tree_state(path)
    loaded = load_all(path)
    assert loaded
    notes = [w for _info, _layer, display in loaded for w in display.warnings]
    for part in case.warning:
        assert any(part.lower() in w.lower() for w in notes), notes
    for w in notes:
        assert isinstance(w, str) and "\n" not in w and "Traceback" not in w
    assert tree_state(path) == before


def test_clean_file_gives_no_warnings(tmp_path):
    from badfiles import valid_gpkg

    path = valid_gpkg(tmp_path / "good.gpkg")
    loaded = load_all(path)
    assert [len(layer.data) for _i, layer, _d in loaded] == [5, 2, 2]
    assert all(display.warnings == [] for _i, _l, display in loaded)


def test_non_utf8_text_is_decoded_not_rejected(tmp_path):
    path = CASES["non_utf8"].build(tmp_path)
    data = read_layer(path)
    names = list(data["name"])
    assert names[1] == "鹤岗 fine"  # GBK bytes decoded as Chinese
    assert names[0].startswith("caf") and "\ufffd" in names[0]
    assert names[2] == "p2"
    assert any("not valid UTF-8" in w for w in data.attrs[READ_WARNINGS])


def test_hostile_strings_come_back_verbatim(tmp_path):
    path = CASES["hostile"].build(tmp_path)
    (info,) = list_layers(path)
    assert info.name == HOSTILE_LAYER
    assert info.title == HOSTILE_TITLE
    assert info.description == HOSTILE_DESCRIPTION
    data = read_layer(path, info.name)
    assert list(data["name"]) == HOSTILE
    assert any(col.startswith("f1 <img") for col in data.columns)


def test_odd_column_names_are_kept(tmp_path):
    path = CASES["odd_columns"].build(tmp_path)
    data = read_layer(path)
    for col in ODD_COLUMNS:
        assert col in data.columns


def test_500_columns_and_10mb_cell_are_read_whole(tmp_path):
    wide = read_layer(CASES["many_columns"].build(tmp_path))
    assert len(wide.columns) == 500 + 3
    huge = read_layer(CASES["huge_text"].build(tmp_path))
    assert len(huge["essay"].iloc[0]) == 10 + 10 * 1024 * 1024


def test_collection_parts_are_drawn_for_their_row(tmp_path):
    path = CASES["mixed_types"].build(tmp_path)
    ((_info, _layer, display),) = load_all(path)
    assert sorted(set(display.rows.tolist())) == [0, 1, 2, 3, 4]
    assert display.rows.tolist() == sorted(display.rows.tolist())


def test_out_of_range_and_nan_features_stay_in_the_data(tmp_path):
    path = CASES["out_of_range"].build(tmp_path)
    ((_info, layer, display),) = load_all(path)
    assert len(layer.data) == 4
    assert display.rows.tolist() == [0]


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.gpkg"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="not a regular file"):
        check_readable(fifo)


@pytest.mark.parametrize("bad", ["with\0nul.gpkg", "x" * 5000 + ".gpkg"])
def test_unusable_path_names_give_data_error(bad, tmp_path):
    with pytest.raises(DataError):
        list_layers(str(tmp_path / bad))


def test_missing_folder_is_named_in_message(tmp_path):
    with pytest.raises(DataError, match="folder does not exist"):
        list_layers(tmp_path / "nowhere" / "x.gpkg")


def test_renamed_json_says_what_it_is(tmp_path):
    path = tmp_path / "data.gpkg"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(DataError, match="JSON text"):
        list_layers(path)


def test_layer_that_vanished_gives_data_error(tmp_path):
    from badfiles import valid_gpkg

    path = valid_gpkg(tmp_path / "good.gpkg")
    with pytest.raises(DataError, match="good.gpkg"):
        read_layer(path, "no_such_layer")


def test_file_rewritten_between_listing_and_reading_gives_data_error(tmp_path):
    from badfiles import valid_gpkg

    path = valid_gpkg(tmp_path / "good.gpkg")
    infos = list_layers(path)
    path.write_text("replaced by a text file")
    with pytest.raises(DataError, match="not a GeoPackage"):
        read_layer(path, infos[0].name)
    path.unlink()
    with pytest.raises(DataError, match="no such file"):
        read_layer(path, infos[0].name)


def test_every_case_has_a_documentation_line():
    assert all(c.what for c in CASES.values())


def test_permission_denied_message_even_as_root(tmp_path, monkeypatch):
    # chmod 000 does not stop root, so pretend the access check failed.
    from badfiles import valid_gpkg

    path = valid_gpkg(tmp_path / "locked.gpkg")
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    with pytest.raises(DataError, match="permission denied") as err:
        list_layers(path)
    assert "locked.gpkg" in str(err.value) and "read access" in str(err.value)


def test_a_geojson_feature_too_large_for_gdal_is_named_as_such(tmp_path):
    import json

    import pyogrio

    # GDAL's limit (200 MB of parsed objects) lowered to 1 MB, so a 2 MB feature meets it.
    pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": "1"})
    try:
        ring = [[130 + i * 1e-5, 47 + (i % 2) * 1e-3] for i in range(60_000)] + [[130, 47]]
        path = tmp_path / "huge.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": ring}}]}))
        with pytest.raises(DataError) as err:
            read_layer(path)
    finally:
        pyogrio.set_gdal_config_options({"OGR_GEOJSON_MAX_OBJ_SIZE": None})
    assert "too large or complex for GDAL's GeoJSON reader" in str(err.value)
    assert "damaged" not in str(err.value)
