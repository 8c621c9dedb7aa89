"""Every reading path of the command line on files that would make GDAL reach
out: ``layers``, ``export`` of a file, of a project and of a story's scenes.
A loopback listener hears nothing; refused files give exit 3 and one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from hostile_gdal import CASES, Listener, folder_state  # noqa: E402

pytestmark = pytest.mark.timeout(300)
SMALL = ["--size", "400x300px", "--dpi", "72"]


def _run(args: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "hegang_map", *args], capture_output=True, text=True, timeout=240,
                          env=env, encoding="utf-8", errors="replace")


def _layer_entry(path: Path, name: str) -> dict:
    return {"source": str(path), "layer": path.stem, "name": name, "visible": True}


@pytest.fixture(scope="module")
def heard_and_runs(tmp_path_factory, two_layer_gpkg_module):
    listener = Listener()
    root = tmp_path_factory.mktemp("hostile")
    paths, jobs = {}, {}
    for case in CASES.values():
        folder = root / case.name
        folder.mkdir()
        paths[case.name] = case.build(folder, listener.url)
        jobs[(case.name, "layers")] = ["layers", str(paths[case.name])]
        jobs[(case.name, "export")] = ["export", str(paths[case.name]), "--out", str(root / f"{case.name}.png"),
                                       *SMALL]
    good = two_layer_gpkg_module
    layers = [_layer_entry(good, "cities") | {"layer": "cities"}]
    layers += [_layer_entry(p, f"hostile {name}") for name, p in paths.items()]
    scene = {"title": {"en": "All of them", "zh": "全部"}, "caption": {"en": "", "zh": ""},
             "view": {"lat": 40.0, "lon": 120.0, "zoom": 4.0}, "layers": layers,
             "visible_layers": [entry["name"] for entry in layers]}
    project = root / "hostile.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1, "layers": layers,
                                   "view": {"lat": 40.0, "lon": 120.0, "zoom": 4.0}, "basemap": "none",
                                   "scenes": [scene]}), encoding="utf-8")
    jobs[("project", "refused")] = ["export", str(project), "--out", str(root / "p.png"), *SMALL]
    jobs[("project", "allow")] = ["export", str(project), "--out", str(root / "p2.png"), "--allow-missing", *SMALL]
    jobs[("story", "allow")] = ["export", str(project), "--all-scenes", "--out", str(root / "s.pdf"),
                                "--allow-missing", *SMALL]
    before = {name: folder_state(p.parent) for name, p in paths.items()}
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = dict(zip(jobs, pool.map(_run, jobs.values())))
    after = {name: folder_state(p.parent) for name, p in paths.items()}
    yield listener.heard, runs, root, before, after
    listener.close()


@pytest.fixture(scope="module")
def two_layer_gpkg_module(tmp_path_factory):
    import geopandas as gpd
    from shapely.geometry import Point

    path = tmp_path_factory.mktemp("good") / "cities.gpkg"
    gpd.GeoDataFrame({"name": ["Hegang"]}, geometry=[Point(130.29, 47.35)], crs=4326).to_file(
        path, layer="cities", driver="GPKG")
    return path


def test_no_command_makes_a_request_or_writes_beside_the_files(heard_and_runs):
    heard, runs, _root, before, after = heard_and_runs
    assert heard == []
    assert before == after
    assert all("Traceback" not in r.stderr for r in runs.values())


@pytest.mark.parametrize("command", ["layers", "export"])
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_file_is_refused_in_one_line_or_read(heard_and_runs, case, command):
    _heard, runs, root, _before, _after = heard_and_runs
    run = runs[(case.name, command)]
    if case.refused:
        assert run.returncode == 3, run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and all(w.lower() in lines[0].lower() for w in case.refused), run.stderr
        assert not (root / f"{case.name}.png").exists()
    else:
        assert run.returncode == 0, run.stderr


def test_a_project_and_a_story_name_every_refused_file_and_draw_the_rest(heard_and_runs):
    _heard, runs, root, _before, _after = heard_and_runs
    refused = runs[("project", "refused")]
    assert refused.returncode == 3 and not (root / "p.png").exists()
    line = refused.stderr.strip()
    assert "\n" not in line and all(f"hostile {n}" in line for n, c in CASES.items() if c.refused), line
    for key, out in ((("project", "allow"), "p2.png"), (("story", "allow"), "s.pdf")):
        assert runs[key].returncode == 0, runs[key].stderr
        assert (root / out).stat().st_size > 0


@pytest.mark.parametrize("crs", [
    "+proj=longlat +ellps=WGS84 +nadgrids={url}/nad.tif +type=crs",
    "+proj=pipeline +step +proj=hgridshift +grids={url}/h.tif",
])
def test_proj_fetches_no_grid_even_where_the_user_turned_its_network_on(tmp_path, crs):
    listener = Listener()
    try:
        data = tmp_path / "grid.geojson"
        data.write_text(json.dumps({"type": "FeatureCollection",
                                    "crs": {"type": "name", "properties": {"name": crs.format(url=listener.url)}},
                                    "features": [{"type": "Feature", "properties": {},
                                                  "geometry": {"type": "Point", "coordinates": [130.3, 47.3]}}]}))
        home = tmp_path / "home"
        home.mkdir()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROJ_NETWORK="ON", HOME=str(home),
                   XDG_DATA_HOME=str(home / "data"), PROJ_USER_WRITABLE_DIRECTORY=str(home / "proj"))
        for out in ("x.png", "x.html"):
            subprocess.run([sys.executable, "-m", "hegang_map", "export", str(data), "--out", str(tmp_path / out),
                            *SMALL], capture_output=True, timeout=240, env=env)
        assert listener.heard == []
        assert not list(home.rglob("cache.db"))  # PROJ's grid cache: a write nobody asked for
    finally:
        listener.close()
