"""Peak memory of one photo upload (issue 15.8): the worst picture of each kind that is accepted costs at most
150 MB, a phone's 50-megapixel JPEG is accepted, and a tiny file that decodes to a huge picture is refused.

Pillow decodes in C, outside tracemalloc's sight, so each case runs `clean_photo` in a fresh interpreter and
reads that process's peak resident memory (VmHWM, per process image; ru_maxrss would carry the parent's peak
across exec) before and after: the growth is what one request costs.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from sentra.images import MAX_UPLOAD_BYTES, PIXEL_LIMITS

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from Linux's /proc")

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = 150

MEASURE = """
import json, sys
import django


def peak_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.exceptions import ValidationError
from sentra.images import clean_photo
data = open(sys.argv[1], "rb").read()
upload = SimpleUploadedFile("foto", data)
before = peak_mb()
try:
    size = clean_photo(upload).size
    outcome = "accepted"
except ValidationError as error:
    size, outcome = 0, error.messages[0]
after = peak_mb()
print(json.dumps({"outcome": outcome, "grew_mb": after - before, "stored_bytes": size}))
"""


def _largest(pixels: int, ratio: float = 4 / 3) -> tuple[int, int]:
    """The largest width × height of the given aspect ratio within `pixels`."""
    height = int((pixels / ratio) ** 0.5)
    return int(height * ratio), height


def _picture(size, mode: str) -> Image.Image:
    """A picture with some detail (a gradient), so encoders cannot shrink it to nothing."""
    if mode == "1":  # a blank page: what a decompression bomb looks like
        return Image.new("1", size)
    gradient = Image.linear_gradient("L").resize(size)
    return Image.merge(mode, [gradient] * len(mode))


def _file(tmp_path, name: str, size, mode: str, fmt: str, **save) -> Path:
    buffer = io.BytesIO()
    _picture(size, mode).save(buffer, fmt, **save)
    assert buffer.tell() <= MAX_UPLOAD_BYTES, f"{name}: the test file must pass the size check"
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def _upload(path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


CASES = {
    # name: (size, mode, format, save options)
    "jpeg-50mp-phone": (_largest(50_000_000), "RGB", "JPEG", {"quality": 85}),
    "jpeg-progressive-at-limit": (_largest(PIXEL_LIMITS["JPEG_WHOLE"][1]), "RGB", "JPEG", {"progressive": True}),
    "png-rgba-at-limit": (_largest(PIXEL_LIMITS["PNG"][1]), "RGBA", "PNG", {"optimize": False}),
    "webp-rgba-at-limit": (_largest(PIXEL_LIMITS["WEBP"][1]), "RGBA", "WEBP", {"quality": 60}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_worst_accepted_upload_of_each_kind_stays_within_the_memory_budget(tmp_path, case):
    size, mode, fmt, save = CASES[case]
    measured = _upload(_file(tmp_path, f"{case}.{fmt.lower()}", size, mode, fmt, **save))
    assert measured["outcome"] == "accepted", measured
    assert measured["stored_bytes"] > 0
    assert measured["grew_mb"] <= BUDGET_MB, f"{case}: {measured['grew_mb']:.0f} MB"


def test_a_tiny_one_bit_png_of_36_megapixels_is_refused_without_decoding_it(tmp_path):
    path = _file(tmp_path, "bomb.png", (7_200, 5_000), "1", "PNG")
    assert path.stat().st_size < 64 * 1024  # a few KB that would decode to ~108 MB as RGB
    measured = _upload(path)
    assert "megapiksel" in measured["outcome"]
    assert measured["grew_mb"] < 20  # refused from the header, nothing decoded


def test_a_png_just_over_its_pixel_limit_is_refused(tmp_path):
    width, height = _largest(PIXEL_LIMITS["PNG"][1])
    measured = _upload(_file(tmp_path, "over.png", (width + 8, height + 8), "RGB", "PNG"))
    assert "PNG" in measured["outcome"] and "megapiksel" in measured["outcome"]
