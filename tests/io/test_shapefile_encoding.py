"""Chinese Shapefiles: GBK without a .cpg, names cut by the 10-byte limit, an encoding chosen by the user."""

from __future__ import annotations

import json
import warnings

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import Point

from hegang_map.cli import main
from hegang_map.io import DataError, list_layers, read_layer
from hegang_map.io.dbf import TEXT_ENCODING

POINTS = [Point(130.3, 47.35), Point(130.31, 47.36)]


def _shapefile(folder, name, columns, encoding, cpg=None):
    """A Shapefile written in ``encoding``; its .cpg removed (``cpg=None``) or replaced by ``cpg``."""
    path = folder / f"{name}.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's note on names it cut to 10 bytes
        pyogrio.write_dataframe(gpd.GeoDataFrame(columns, geometry=POINTS, crs=4326), path, encoding=encoding)
    path.with_suffix(".cpg").unlink(missing_ok=True)
    if cpg is not None:
        path.with_suffix(".cpg").write_text(cpg)
    return path


def test_a_gbk_shapefile_without_cpg_reads_as_chinese_and_says_so(tmp_path):
    path = _shapefile(tmp_path, "estates", {"名称": ["鹤岗站", "兴山区"], "项目": ["一期", "二期"]}, "GBK")
    data = read_layer(path)
    assert list(data.columns[:2]) == ["名称", "项目"]
    assert list(data["名称"]) == ["鹤岗站", "兴山区"]
    notes = data.attrs["hegang_map_warnings"]
    assert any("GB18030" in n and ".cpg" in n for n in notes)
    assert data.attrs[TEXT_ENCODING] == ("gb18030", "content")
    assert [f[0] for f in list_layers(path)[0].fields] == ["名称", "项目"]


def test_utf8_and_declared_files_read_without_a_warning(tmp_path):
    utf8 = _shapefile(tmp_path, "utf8", {"名称": ["鹤岗站", "兴山区"]}, "UTF-8")  # no .cpg: UTF-8 fits
    declared = _shapefile(tmp_path, "declared", {"名称": ["鹤岗站", "兴山区"]}, "GBK", cpg="936")
    for path in (utf8, declared):
        data = read_layer(path)
        assert list(data["名称"]) == ["鹤岗站", "兴山区"]
        assert not data.attrs["hegang_map_warnings"]


@pytest.mark.parametrize("encoding, cpg, column, kept", [
    ("GBK", None, "a棚户区改造", "a棚户区改"),  # 1 + 2 + 2 + 2 + 2 + 1 of 2 bytes
    ("GBK", "GBK", "a棚户区改造", "a棚户区改"),
    ("UTF-8", "UTF-8", "ab棚户区改造", "ab棚户"),  # 2 + 3 + 3 + 2 of 3 bytes
])
def test_a_field_name_cut_mid_character_opens_without_the_broken_byte(tmp_path, encoding, cpg, column, kept):
    path = _shapefile(tmp_path, "cut", {column: ["一期", "二期"]}, encoding, cpg)
    data = read_layer(path)
    assert data.columns[0] == kept
    assert list(data[kept]) == ["一期", "二期"]
    assert any("cut" in n and kept in n for n in data.attrs["hegang_map_warnings"])
    assert list_layers(path)[0].fields[0][0] == kept


def test_the_users_encoding_wins_and_an_unknown_one_is_refused(tmp_path):
    path = _shapefile(tmp_path, "hk", {"名稱": ["鶴崗站", "興山區"]}, "Big5")
    # Big5 bytes fit neither UTF-8 nor, in general, GB18030 the same way: the user says what they are.
    data = read_layer(path, encoding="Big5")
    assert list(data["名稱"]) == ["鶴崗站", "興山區"]
    assert data.attrs[TEXT_ENCODING] == ("big5", "asked")
    with pytest.raises(DataError, match="not a text encoding"):
        read_layer(path, encoding="klingon")


def test_layers_json_lists_the_fields_as_read(tmp_path, capsys):
    path = _shapefile(tmp_path, "estates", {"名称": ["鹤岗站", "兴山区"], "年份": [2010, 2015]}, "GBK")
    assert main(["layers", str(path), "--json"]) == 0
    fields = json.loads(capsys.readouterr().out)[0]["fields"]
    assert [f["name"] for f in fields] == ["名称", "年份"]
    assert fields[1]["type"].startswith("int")
    assert main(["layers", str(path), "--encoding", "no-such-thing"]) == 2
    assert "not a text encoding" in capsys.readouterr().err


def test_an_encoding_chosen_for_a_layer_is_kept_in_the_project(tmp_path):
    from hegang_map.io.project import build_state, read_project, save_project
    from hegang_map.model import MapState
    from hegang_map.model.request import LayerRequest

    path = _shapefile(tmp_path, "hk", {"名稱": ["鶴崗站", "興山區"]}, "Big5")
    state = MapState()
    state.layers.append_top(LayerRequest(path, "hk", encoding="Big5").make(read_layer(path, encoding="Big5")))
    project = tmp_path / "map.hgmap"
    save_project(state, project)
    again, _missing = build_state(read_project(project))
    assert list(again.layers[0].data["名稱"]) == ["鶴崗站", "興山區"]
    doc = json.loads(project.read_text(encoding="utf-8"))
    doc["layers"][0]["encoding"] = "martian"
    project.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match=r"layers\[0\]\.encoding must be a text encoding"):
        read_project(project)
