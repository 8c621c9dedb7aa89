"""Seeded fuzzing: random byte mutations of a valid GeoPackage and of a project
file. Each mutant must end in a DataError or a clean load (through display and
payload for GeoPackages), never another exception, and reading never changes
the file. 220 GeoPackage and 160 project cases, each with its own timeout."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from badfiles import valid_gpkg

from hegang_map.io import DataError, list_layers, read_layer
from hegang_map.model import Layer, LayerSource
from hegang_map.render.display import prepare
from hegang_map.render.payload import pack

GPKG_CASES = 220
PROJECT_CASES = 160


@pytest.fixture(scope="module")
def gpkg_bytes(tmp_path_factory):
    return valid_gpkg(tmp_path_factory.mktemp("fuzz") / "seed.gpkg").read_bytes()


@pytest.fixture(scope="module")
def project_text(tmp_path_factory):
    from hegang_map.io.project import save_project, state_from_files

    folder = tmp_path_factory.mktemp("fuzzproj")
    data = valid_gpkg(folder / "seed.gpkg")
    path = folder / "seed.hgmap"
    save_project(state_from_files([data]), path, title="fuzz seed")
    return path.read_bytes()


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """One of several mutations, chosen by the seed."""
    buf = bytearray(data)
    live = [i for i in range(0, len(buf), 7) if buf[i]] or list(range(len(buf)))
    kind = rng.randrange(7)
    if kind == 0:  # flip a few bits where there is content
        for _ in range(rng.randint(1, 8)):
            i = rng.choice(live)
            buf[i] ^= 1 << rng.randrange(8)
    elif kind == 1:  # overwrite a run with random bytes
        i = rng.choice(live)
        n = rng.randint(4, 64)
        buf[i:i + n] = bytes(rng.randrange(256) for _ in range(n))
    elif kind == 2:  # truncate
        del buf[rng.randint(1, len(buf) - 1):]
    elif kind == 3:  # the SQLite header (page size, counters, schema cookie ...)
        for _ in range(rng.randint(1, 4)):
            buf[rng.randrange(16, 100)] = rng.randrange(256)
    elif kind == 4:  # zero a 4 KiB page
        page = rng.randrange(max(len(buf) // 4096, 1))
        buf[page * 4096:(page + 1) * 4096] = bytes(min(4096, len(buf) - page * 4096))
    elif kind == 5:  # insert or delete bytes (shifts everything after)
        i = rng.choice(live)
        if rng.random() < 0.5:
            buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        else:
            del buf[i:i + rng.randint(1, 16)]
    else:  # interesting values in many places
        for _ in range(rng.randint(1, 20)):
            i = rng.choice(live)
            buf[i] = rng.choice([0x00, 0xFF, 0x7F, 0x80, 0x01])
    return bytes(buf)


def _load_everything(path):
    for info in list_layers(path):
        if not info.geometry_type:
            continue
        data = read_layer(path, info.name)
        pack(prepare(Layer(data, info.name, LayerSource(path, info.name))))


@pytest.mark.timeout(15)
@pytest.mark.parametrize("seed", range(GPKG_CASES))
def test_mutated_geopackage_gives_data_error_or_loads(seed, gpkg_bytes, tmp_path):
    rng = random.Random(seed)
    path = tmp_path / "fuzz.gpkg"
    path.write_bytes(_mutate(gpkg_bytes, rng))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        _load_everything(path)
    except DataError as exc:
        message = str(exc)
        assert message and "\n" not in message and "fuzz.gpkg" in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fuzz.gpkg"]  # no journal or -wal left behind


def _mutate_json(text: bytes, rng: random.Random) -> bytes:
    """Byte mutations half the time; structural JSON mutations the other half."""
    if rng.random() < 0.5:
        return _mutate(text, rng)
    doc = json.loads(text)
    junk = [None, True, -1, 1e308, float("nan"), "", "x" * 1000, "<script>", [], {}, [1, "a"], {"a": None},
            "../../../etc/passwd", "/dev/zero", "\x00"]

    def walk(node, depth=0):
        if isinstance(node, dict) and node:
            key = rng.choice(list(node))
            if rng.random() < 0.3 or depth > 6:
                action = rng.randrange(3)
                if action == 0:
                    node[key] = rng.choice(junk)
                elif action == 1:
                    del node[key]
                else:
                    node[rng.choice(["", "__proto__", "layers", key + "x"])] = rng.choice(junk)
            else:
                walk(node[key], depth + 1)
        elif isinstance(node, list) and node:
            i = rng.randrange(len(node))
            if rng.random() < 0.4:
                node[i] = rng.choice(junk)
            else:
                walk(node[i], depth + 1)

    for _ in range(rng.randint(1, 3)):
        walk(doc)
    if rng.random() < 0.1:
        doc = rng.choice(junk)
    return json.dumps(doc, allow_nan=True).encode()


@pytest.mark.timeout(15)
@pytest.mark.parametrize("seed", range(PROJECT_CASES))
def test_mutated_project_gives_data_error_or_loads(seed, project_text, tmp_path):
    from hegang_map.io.project import read_project

    rng = random.Random(10_000 + seed)
    path = tmp_path / "fuzz.hgmap"
    path.write_bytes(_mutate_json(project_text, rng))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    try:
        read_project(path)
    except DataError as exc:
        assert str(exc) and "\n" not in str(exc)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
