"""The figures' PNG writer: what image readers see in its files."""

import io

import numpy as np
import pytest
from PIL import Image

from hegang_map.render.png import write_png


@pytest.mark.parametrize("shape", [(3508, 2480, 3), (3, 5, 3), (1, 1, 3)])
def test_readers_see_the_pixels_resolution_and_texts(shape):
    pixels = np.random.default_rng(7).integers(0, 256, shape, dtype=np.uint8)
    pixels[: shape[0] // 2] = (200, 210, 190)  # flat colour, as in a map, beside noise
    buf = io.BytesIO()
    write_png(buf, pixels, 300, {"Title": "金融边缘上的鹤岗", "Software": "hegang-map"})
    image = Image.open(io.BytesIO(buf.getvalue()))
    image.load()  # decodes every row and checks the stream's checksum
    assert image.mode == "RGB" and image.size == (shape[1], shape[0])
    assert np.array_equal(np.asarray(image), pixels)
    assert image.info["dpi"] == pytest.approx((300, 300), abs=0.01)
    assert image.info["Title"] == "金融边缘上的鹤岗" and image.info["Software"] == "hegang-map"


def test_a_view_of_rgba_is_written_as_its_rgb():
    rgba = np.zeros((40, 30, 4), np.uint8)
    rgba[..., 0], rgba[..., 3] = np.arange(30, dtype=np.uint8), 255
    buf = io.BytesIO()
    write_png(buf, rgba[..., :3], 96, {})
    assert np.array_equal(np.asarray(Image.open(buf)), rgba[..., :3])
