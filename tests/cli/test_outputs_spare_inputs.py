"""What an export or a screenshot writes never lands on what a project reads, and is whole or absent."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from hegang_map.cli import main

POINT = ('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"a"},'
         '"geometry":{"type":"Point","coordinates":[130.3,47.3]}}]}')


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path):
    """A project with a shown layer, a hidden one named .png and a damaged one named .svg."""
    (tmp_path / "shown.geojson").write_text(POINT)
    (tmp_path / "hidden.png").write_text(POINT)
    (tmp_path / "broken.svg").write_text('{"type":"FeatureCollection","features":[')
    layers = [{"source": name, "layer": name.split(".")[0], "name": name, "visible": visible, "order": i}
              for i, (name, visible) in enumerate([("shown.geojson", True), ("hidden.png", False),
                                                   ("broken.svg", True)])]
    path = tmp_path / "p.hgmap"
    path.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1, "basemap": "none",
                                "layers": layers}))
    return path


def test_no_export_replaces_a_file_the_project_names_drawn_or_not(project, capsys):
    folder = project.parent
    before = {p.name: _sha(p) for p in folder.iterdir()}
    for target in ("hidden.png", "broken.svg"):
        assert main(["export", str(project), "--allow-missing", "--out", str(folder / target),
                     "--size", "400x300px"]) == 2
        assert "that is the data file of layer" in capsys.readouterr().err
    assert {p.name: _sha(p) for p in folder.iterdir()} == before


def test_a_trailing_slash_names_a_folder_not_a_file(project, tmp_path, capsys):
    assert main(["export", str(project), "--allow-missing", "--out", str(tmp_path / "new.png") + "/"]) == 2
    assert "names a folder" in capsys.readouterr().err
    assert not (tmp_path / "new.png").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_a_replaced_figure_keeps_its_owner_and_loses_no_permission_but_setuid(project, tmp_path):
    out = tmp_path / "owned.png"
    out.write_text("old")
    os.chown(out, 65534, 65534)
    os.chmod(out, 0o4664)
    assert main(["export", str(tmp_path / "shown.geojson"), "--out", str(out), "--size", "400x300px"]) == 0
    st = out.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534)
    assert st.st_mode & 0o7777 == 0o664
    assert out.read_bytes().startswith(b"\x89PNG")


def test_handouts_that_cannot_all_be_written_leave_nothing(tmp_path, monkeypatch, capsys):
    from hegang_map.bundled.stories import bundled_story
    from hegang_map.render import static

    calls = {"n": 0}
    real = static.save_figure

    def fails_on_the_third(fig, out, options):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real(fig, out, options)

    monkeypatch.setattr(static, "save_figure", fails_on_the_third)
    out = tmp_path / "handouts"
    assert main(["export", str(bundled_story()), "--all-scenes", "--out", str(out), "--size", "400x300px"]) == 1
    assert "No space left" in capsys.readouterr().err
    assert calls["n"] == 3 and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no temp folder either
