"""``hegang-map export``: figures of the bundled data, headless, the right size, text kept as text."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hegang_map.cli import main
from hegang_map.bundled.paths import geodata_dir

PRICES = geodata_dir() / "city_prices.gpkg"
TITLE = "Resale prices across China"


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """The bundled price layer exported once to every format (A4, 300 dpi)."""
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for ext in ("png", "svg", "pdf", "html"):
        path = folder / f"prices.{ext}"
        args = ["export", str(PRICES), "--out", str(path), "--title", TITLE]
        if ext == "png":
            args.append("--sidecar")
        assert main(args) == 0
        out[ext] = path
    return out


def test_a4_png_at_300_dpi_is_2480_by_3508_pixels(exports):
    assert png_size(exports["png"]) == (2480, 3508)


def test_svg_keeps_title_legend_and_chinese_name_as_text(exports):
    root = ET.parse(exports["svg"]).getroot()
    texts = [t for el in root.iter() if el.tag.endswith("text") for t in el.itertext()]
    joined = "\n".join(texts)
    assert TITLE in joined
    assert any("yuan/m²" in t and "–" in t for t in texts), "legend class ranges are text"
    assert "鹤岗市 Hegang" in joined or any("鹤岗市" in t for t in texts)


def test_pdf_text_contains_the_title(exports):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text")
    text = subprocess.run(["pdftotext", str(exports["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    assert TITLE in text
    assert "鹤岗市" in text  # embedded CJK font with a Unicode map: Chinese is text, not boxes


def test_pdf_embeds_its_fonts(exports):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    done = subprocess.run(["pdffonts", str(exports["pdf"])], capture_output=True, text=True, check=True)
    rows = done.stdout.splitlines()[2:]
    assert rows and all(" yes " in r for r in rows), done.stdout
    # Declared as the type it is (TrueType outlines made from the CJK font), so poppler has nothing to say.
    assert all("CID TrueType" in r for r in rows), done.stdout
    assert done.stderr == "", done.stderr


def test_handouts_pdf_embeds_its_fonts_as_the_type_they_declare(tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    from hegang_map.bundled.stories import bundled_story

    out = tmp_path / "handouts.pdf"
    assert main(["export", str(bundled_story()), "--all-scenes", "--out", str(out), "--lang", "zh",
                 "--size", "800x600px", "--dpi", "40"]) == 0
    done = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    rows = done.stdout.splitlines()[2:]
    assert rows and all(" yes " in r and "CID TrueType" in r for r in rows), done.stdout
    assert done.stderr == "", done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "鹤岗" in text


def test_html_has_no_network_url_in_any_src_or_href(exports):
    from hegang_map.render.webmap import offline_problems

    html = exports["html"].read_text(encoding="utf-8")
    assert offline_problems(html) == []
    assert "data:application/octet-stream;base64," in html  # the layers travel inside the file


def test_sidecar_makes_the_same_figure_again(exports, tmp_path):
    sidecar = Path(str(exports["png"]) + ".json")
    doc = json.loads(sidecar.read_text(encoding="utf-8"))
    assert doc["output"]["pixels"] == [2480, 3508]
    assert doc["data"][0]["sha256"] and doc["software"]["matplotlib"]
    assert doc["classes"] and doc["classes"][0].get("breaks")
    copy = tmp_path / "again.png.json"
    doc["output"]["file"] = "again.png"
    copy.write_text(json.dumps(doc), encoding="utf-8")
    # The project snapshot's paths are relative to the sidecar's folder.
    for layer in doc["project"]["layers"]:
        layer["source"] = str((sidecar.parent / layer["source"]).resolve())
    copy.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["export", str(copy)]) == 0
    assert (tmp_path / "again.png").read_bytes() == exports["png"].read_bytes()


def test_pixel_size_is_exact(tmp_path):
    out = tmp_path / "slide.png"
    assert main(["export", str(geodata_dir() / "hegang_welfare.gpkg"), "--out", str(out), "--size", "1920x1080px"]) == 0
    assert png_size(out) == (1920, 1080)


@pytest.mark.parametrize("args, code", [
    (["--out", "x.png", "--size", "B5"], 2),
    (["--out", "x.docx"], 2),
    (["--out", "no/such/folder/x.png"], 2),
    ([], 2),
    (["--out", "x.png", "--scene", "3"], 2),
])
def test_bad_export_command_lines_are_usage_errors(tmp_path, capsys, monkeypatch, args, code):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(PRICES), *args]) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_unreadable_input_exits_3_with_one_line(tmp_path, capsys):
    bad = tmp_path / "broken.gpkg"
    bad.write_bytes(b"not a geopackage")
    assert main(["export", str(bad), "--out", str(tmp_path / "x.png")]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.gpkg" in err
    assert not (tmp_path / "x.png").exists()


def test_export_runs_without_qt(tmp_path):
    out = tmp_path / "x.svg"
    code = (
        "import sys; from hegang_map.cli import main; "
        f"rc = main(['export', {str(geodata_dir() / 'hegang_redevelopment.gpkg')!r}, '--out', {str(out)!r}]); "
        "assert rc == 0, rc; assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no DISPLAY, no Qt platform
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
    assert out.stat().st_size > 1000


def test_redrawing_a_sidecar_with_sidecar_may_not_replace_it(exports, tmp_path, capsys):
    sidecar = tmp_path / "prices.png.json"
    shutil.copy(Path(str(exports["png"]) + ".json"), sidecar)
    doc = json.loads(sidecar.read_text(encoding="utf-8"))
    for layer in doc["project"]["layers"]:
        layer["source"] = str((exports["png"].parent / layer["source"]).resolve())
    sidecar.write_text(json.dumps(doc), encoding="utf-8")
    before = sidecar.read_bytes()
    # The figure lands beside it as prices.png, whose own sidecar would be the input.
    assert main(["export", str(sidecar), "--sidecar"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "that is the input" in err
    assert sidecar.read_bytes() == before and not (tmp_path / "prices.png").exists()


@pytest.mark.parametrize("change, words", [
    ({"dpi": 1e9}, "export.dpi must be a number from 30 to 2400"),
    ({"dpi": 2400, "size": "2000x2000mm"}, "megapixels"),
    ({"extent": [130, 47, 120, "x"]}, "export.extent"),
    ({"extent": [130, 47, 120, 40]}, "west < east"),
    ({"size": {"w": 1}}, "export.size"),
])
def test_a_sidecar_asking_for_impossible_numbers_is_refused_before_drawing(exports, tmp_path, capsys, change, words):
    sidecar = tmp_path / "odd.png.json"
    doc = json.loads(Path(str(exports["png"]) + ".json").read_text(encoding="utf-8"))
    for layer in doc["project"]["layers"]:
        layer["source"] = str((exports["png"].parent / layer["source"]).resolve())
    doc["output"]["file"] = "odd.png"
    doc["export"].update(change)
    sidecar.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["export", str(sidecar)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err, err
    assert not (tmp_path / "odd.png").exists()


def test_a_size_and_dpi_asking_for_gigapixels_are_a_usage_error(tmp_path, capsys):
    out = tmp_path / "huge.png"
    assert main(["export", str(PRICES), "--out", str(out), "--size", "2000x2000mm", "--dpi", "2400"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "megapixels" in err and not out.exists()


@pytest.mark.parametrize("how", ["export", "sidecar export", "all scenes pdf"])
def test_an_export_never_replaces_a_data_file_its_project_reads(tmp_path, capsys, how):
    data = tmp_path / "welfare.gpkg"
    shutil.copyfile(geodata_dir() / "hegang_welfare.gpkg", data)
    link = tmp_path / "figure.pdf"
    link.symlink_to(data)  # an innocent-looking output name that is the data
    layer = {"source": "welfare.gpkg", "layer": "facilities", "name": "facilities"}
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1, "layers": [layer],
                                   "scenes": [{"title": "one", "layers": [layer]}]}))
    before = data.read_bytes()
    args = {"export": ["export", str(project), "--out", str(link), "--size", "300x200px"],
            "sidecar export": ["export", str(project), "--out", str(link), "--sidecar", "--size", "300x200px"],
            "all scenes pdf": ["export", str(project), "--all-scenes", "--out", str(link), "--size", "300x200px"]}[how]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "that is the data file of layer “facilities”" in err and len(err.strip().splitlines()) == 1
    assert data.read_bytes() == before and link.is_symlink()


def test_a_screenshot_never_replaces_its_input(tmp_path):
    data = tmp_path / "welfare.gpkg"
    shutil.copyfile(geodata_dir() / "hegang_welfare.gpkg", data)
    link = tmp_path / "shot.png"
    link.symlink_to(data)
    before = data.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "hegang_map", str(data), "--screenshot", str(link)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 2 and "--screenshot" in proc.stderr and "that is the input" in proc.stderr
    assert data.read_bytes() == before


def _story(tmp_path, views) -> Path:
    data = tmp_path / "w.gpkg"
    shutil.copyfile(geodata_dir() / "hegang_welfare.gpkg", data)
    layer = {"source": "w.gpkg", "layer": "facilities", "name": "facilities"}
    story = tmp_path / "s.hgmap"
    story.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1, "layers": [layer],
                                 "scenes": [{"title": f"s{i}", "view": v, "layers": [layer]}
                                            for i, v in enumerate(views)]}))
    return story


def test_a_scene_at_the_edge_of_the_world_exports_a_world_map(tmp_path, capsys):
    story = _story(tmp_path, [{"lat": -85, "lon": -540, "zoom": 0}, {"lat": 85, "lon": 540, "zoom": 24}])
    out = tmp_path / "out"
    assert main(["export", str(story), "--all-scenes", "--out", str(out), "--size", "300x200px"]) == 0
    assert len(list(out.glob("*.png"))) == 2


def test_a_story_whose_scenes_are_all_damaged_names_what_is_wrong(tmp_path, capsys):
    story = _story(tmp_path, [{"lat": 90, "lon": 130, "zoom": 5}])
    for args in (["--all-scenes", "--out", str(tmp_path / "o")], ["--scene", "1", "--out", str(tmp_path / "o.png")]):
        assert main(["export", str(story), *args, "--size", "300x200px"]) == 3
        err = capsys.readouterr().err
        assert "scene 1: view.lat must be a number from -85.06 to 85.06, not 90" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("name", ["..", "notes.txt", ""])
def test_a_sidecar_naming_an_output_it_cannot_have_is_bad_input(tmp_path, capsys, name):
    side = tmp_path / "fig.png.json"
    side.write_text(json.dumps({"format": "hegang-map-export", "format_version": 1, "output": {"file": name}}))
    assert main(["export", str(side)]) == 3
    err = capsys.readouterr().err
    assert "its output file cannot be written" in err and len(err.strip().splitlines()) == 1


def test_a_dashed_boundary_has_a_dashed_swatch_in_the_figure_legend(tmp_path):
    from hegang_map.bundled.stories import bundled_story

    out = tmp_path / "coal.svg"
    assert main(["export", str(bundled_story()), "--scene", "4", "--out", str(out), "--size", "A5-landscape"]) == 0
    swatches = [g for g in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}g")
                if (g.get("id") or "").startswith("legend-swatch")]
    styles = [p.get("style") or "" for g in swatches for p in g.iter("{http://www.w3.org/2000/svg}path")]
    assert any("stroke-dasharray" in s for s in styles)  # the Junde boundary, drawn dashed on the map


def test_no_inset_is_kept_by_the_sidecar_and_said_on_the_command_line(tmp_path):
    out = tmp_path / "china.svg"
    assert main(["export", str(PRICES), "--out", str(out), "--no-inset", "--sidecar", "--size", "A4-landscape"]) == 0
    doc = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))
    assert doc["export"]["inset"] is False
    assert "South China Sea islands" not in out.read_text(encoding="utf-8")
    again = tmp_path / "again.svg"
    doc["output"]["file"] = "again.svg"
    for layer in doc["project"]["layers"]:
        layer["source"] = str((tmp_path / layer["source"]).resolve())
    (tmp_path / "again.svg.json").write_text(json.dumps(doc), encoding="utf-8")
    assert main(["export", str(tmp_path / "again.svg.json")]) == 0
    assert "South China Sea islands" not in again.read_text(encoding="utf-8")
    with_inset = tmp_path / "with.svg"
    assert main(["export", str(PRICES), "--out", str(with_inset), "--size", "A4-landscape"]) == 0
    assert "South China Sea islands" in with_inset.read_text(encoding="utf-8")


def test_a_pdf_made_again_uses_the_kept_font_subset_and_a_damaged_one_is_made_anew(tmp_path, monkeypatch):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(tmp_path / "config"))
    from hegang_map.bundled.paths import geodata_dir
    from hegang_map.util.folders import cache_dir

    args = ["export", str(geodata_dir() / "hegang_welfare.gpkg"), "--size", "800x600px", "--dpi", "40",
            "--lang", "zh", "--title", "鹤岗福利设施"]
    first, again, mended = tmp_path / "first.pdf", tmp_path / "again.pdf", tmp_path / "mended.pdf"
    assert main([*args, "--out", str(first)]) == 0
    kept = list((cache_dir() / "pdf-fonts").glob("*.ttf"))
    assert len(kept) == 1
    assert main([*args, "--out", str(again)]) == 0
    assert again.read_bytes() == first.read_bytes()  # the same font, from the cache
    kept[0].write_bytes(kept[0].read_bytes()[:100])  # cut: a crash while it was written
    assert main([*args, "--out", str(mended)]) == 0
    text = subprocess.run(["pdftotext", str(mended), "-"], capture_output=True, text=True, check=True).stdout
    assert "鹤岗福利设施" in text and mended.read_bytes() == first.read_bytes()
