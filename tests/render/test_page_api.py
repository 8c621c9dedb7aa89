"""Every name Python calls on the page exists in the page's API (resources/web/api.js, probe.js).

``MapView.call("<name>", ...)`` and the scripts Python runs in the page
(``hgmap.<name>(...)`` for commands, ``hgmapProbe.<name>(...)`` for the questions
tests and benchmarks ask) are checked against the members the page defines,
so a renamed or removed page function fails here, not in front of a room.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hegang_map.bundled.paths import PAGE_SCRIPT, PAGE_SCRIPTS, WEBMAP_SCRIPT, page_script, web_file

ROOT = Path(__file__).resolve().parents[2]


def _members(name: str) -> set[str]:
    """Keys of the object literal ``const <name> = { ... };`` in ``<name>.js``."""
    text = web_file(f"{name}.js").read_text(encoding="utf-8")
    start = text.index(f"  const {name} = {{\n")
    end = text.index("\n  };\n", start)
    return set(re.findall(r"^    ([A-Za-z_]\w*):", text[start:end], flags=re.M))


def _python_sources(*folders: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for folder in folders for p in (ROOT / folder).rglob("*.py"))


def test_the_page_has_every_command_the_app_calls():
    api = _members("api")
    app = _python_sources("hegang_map")
    called = set(re.findall(r'\.call\(\s*"([A-Za-z_]\w*)"', app)) | set(re.findall(r"\bhgmap\.([A-Za-z_]\w*)", app))
    assert called, "no page call found: the pattern is wrong"
    assert called <= api, f"called from Python but not in the page's API: {sorted(called - api)}"


@pytest.mark.parametrize("folders", [("tests",), ("benchmarks",)])
def test_tests_and_benchmarks_ask_the_page_only_what_it_answers(folders):
    api, probe = _members("api"), _members("probe")
    text = _python_sources(*folders)
    commands = set(re.findall(r"\bhgmap\.([A-Za-z_]\w*)", text))
    questions = set(re.findall(r"\bhgmapProbe\.([A-Za-z_]\w*)", text))
    assert commands <= api, sorted(commands - api)
    assert questions <= probe, sorted(questions - probe)


def test_probes_are_not_commands():
    api, probe = _members("api"), _members("probe")
    assert {"info", "pixelAt", "redrawNow"} <= probe
    assert not api & probe, sorted(api & probe)
    app = _python_sources("hegang_map")
    assert not re.findall(r"\bhgmapProbe\.", app), "the app itself must not depend on test probes"


def test_the_page_reports_only_to_slots_the_bridge_has():
    from hegang_map.qt.bridge import Bridge

    text = "\n".join(web_file(n).read_text(encoding="utf-8") for n in PAGE_SCRIPTS)
    reported = set(re.findall(r'\breport\(\s*"([A-Za-z_]\w*)"', text))
    assert {"click", "hover", "viewChange", "ready"} <= reported, "the pattern is wrong"
    slots = {name for name in reported if callable(getattr(Bridge, name, None))}
    assert reported == slots, sorted(reported - slots)


def test_every_page_script_is_loaded_and_every_script_file_is_a_page_script():
    from hegang_map.render.page import build_page

    html = build_page()
    on_disk = {p.name for p in web_file("").glob("*.js")}
    assert on_disk == set(PAGE_SCRIPTS) | {WEBMAP_SCRIPT}
    assert f"static/{PAGE_SCRIPT}" in html and WEBMAP_SCRIPT not in html
    # The one script the page loads is every page script, in PAGE_SCRIPTS order.
    text = page_script()
    where = [text.index(web_file(name).read_text(encoding="utf-8")) for name in PAGE_SCRIPTS]
    assert where == sorted(where)
