"""The layering rule of ARCHITECTURE.md, checked by import-linter."""

import shutil
import subprocess
import sys
from pathlib import Path


def test_model_io_render_do_not_import_qt():
    root = Path(__file__).resolve().parents[1]
    sibling = Path(sys.executable).parent / "lint-imports"
    exe = str(sibling) if sibling.exists() else shutil.which("lint-imports")
    assert exe, "import-linter is part of the test extra"
    proc = subprocess.run([exe, str(root / "pyproject.toml")], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_module_lives_in_a_package_that_says_its_role():
    package = Path(__file__).resolve().parents[1] / "hegang_map"
    loose = sorted(p.name for p in package.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "cli.py"], loose
    roles = sorted(p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    assert roles == ["build", "bundled", "export", "io", "model", "qt", "render", "util"], roles
