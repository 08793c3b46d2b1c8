"""How a phone sees a printed page from a distance: the model codes are checked against.

A camera app decodes from its preview stream, not from the photo: held 40-50 cm from an
A3 sheet, the preview spans it with about 500-550 pixels (PITFALLS, measured), so at
`distance` it has PREVIEW_PX_PER_MM * 45 / distance pixels per millimetre of paper.
`as_phone_sees` scales a 300 DPI page to that by area averaging (what a sensor does),
turns it 5 degrees (nobody holds a phone square to a wall), blurs it (focus, a moving
hand) and passes it through JPEG (the preview stream is compressed); zxing-cpp then
reads what is left. It is a model, not a phone: it tells which code sizes hold up at
which distance, and it is the same for every build, so a change that makes codes harder
to read shows up in tests and benchmarks.
"""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image, ImageFilter

from generator.posters.layout import DPI

PREVIEW_PX_PER_MM = 525 / 297  # an A3 sheet's width seen by the preview at 45 cm
AT_CM = 45
TILT = 5  # degrees
BLUR = 0.8  # Gaussian radius, preview pixels
JPEG_QUALITY = 80


def px_per_mm(distance_cm: float) -> float:
    """Preview pixels per millimetre of paper at `distance_cm`."""
    return PREVIEW_PX_PER_MM * AT_CM / distance_cm


def as_phone_sees(page: Image.Image, distance_cm: float, dpi: int = DPI) -> Image.Image:
    """The page (printed at `dpi`) as a phone's preview shows it from `distance_cm`."""
    scale = px_per_mm(distance_cm) / (dpi / 25.4)
    grey = page.convert("L")
    size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
    seen = grey.resize(size, Image.Resampling.BOX)
    seen = seen.rotate(TILT, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    seen = seen.filter(ImageFilter.GaussianBlur(BLUR))
    buffer = io.BytesIO()
    seen.save(buffer, "JPEG", quality=JPEG_QUALITY)
    return Image.open(io.BytesIO(buffer.getvalue()))


def decode(image: Image.Image) -> list[str]:
    """Every QR code zxing-cpp reads on `image`, sorted."""
    found = zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return sorted(result.text for result in found)


def decoded_at(page: Image.Image, distance_cm: float, dpi: int = DPI) -> list[str]:
    """The codes a phone reads on `page` from `distance_cm`, sorted."""
    return decode(as_phone_sees(page, distance_cm, dpi))


def reading_distance(page: Image.Image, expected: list[str], start: int = 10, step: int = 5,
                     dpi: int = DPI, limit: int = 400) -> int:
    """The furthest distance (cm, from `start` in `step`s) from which every expected code is
    read, and from every nearer step too; 0 if not even from `start`."""
    want = set(expected)
    reached = 0
    for distance in range(start, limit + 1, step):
        if not want <= set(decoded_at(page, distance, dpi)):
            break
        reached = distance
    return reached
