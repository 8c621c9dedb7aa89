"""Writing never destroys: every file the app writes is replaced whole or not at
all, through links, with its permissions, and without temp files left behind."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hegang_map.io.errors import DataError
from hegang_map.io.styles import load_style, save_style
from hegang_map.model.style import LayerStyle
from hegang_map.util.atomic import TEMP_SUFFIX, replacing, write_text


def _temps(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


def test_writing_through_a_link_updates_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "shared" / "project.hgmap"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "project.hgmap"
    link.symlink_to(target)
    write_text(link, "new")
    assert link.is_symlink() and target.read_text() == "new"
    assert _temps(tmp_path) == [] and _temps(target.parent) == []


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "style.json"
    path.write_text("old")
    path.chmod(0o640)
    write_text(path, "new")
    assert path.read_text() == "new" and (path.stat().st_mode & 0o777) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path):
    path = tmp_path / "figure.png"
    path.write_bytes(b"the old figure")
    with pytest.raises(RuntimeError), replacing(path) as tmp:
        tmp.write_bytes(b"half a fig")
        raise RuntimeError("disk full")
    assert path.read_bytes() == b"the old figure" and _temps(tmp_path) == []


def test_a_failed_style_save_leaves_the_style_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "cities.json"
    save_style(LayerStyle(color="#123456"), path)
    before = path.read_bytes()

    def no_room(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    with pytest.raises(DataError, match="No space left on device"):
        save_style(LayerStyle(color="#abcdef"), path)
    monkeypatch.undo()
    assert path.read_bytes() == before and load_style(path).color == "#123456"
    assert _temps(tmp_path) == []


def test_the_temp_file_of_a_killed_writer_goes_at_the_next_write(tmp_path):
    path = tmp_path / "map.pdf"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    left = tmp_path / f".map.pdf.{dead}.abc123{TEMP_SUFFIX}"
    left.write_bytes(b"half an export")
    mine = tmp_path / f".map.pdf.{os.getpid()}.def456{TEMP_SUFFIX}"  # a write of this process, still going
    mine.write_bytes(b"in progress")
    other = tmp_path / f".other.pdf.{dead}.abc123{TEMP_SUFFIX}"  # another file's: not this write's business
    other.write_bytes(b"x")
    write_text(path, "whole")
    assert path.read_text() == "whole"
    assert _temps(tmp_path) == sorted([mine.name, other.name])
