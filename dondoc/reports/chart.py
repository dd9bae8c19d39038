"""A bar chart of the report's buckets as a PNG (Pillow), for the DOCX and the PDF: one
bar per bucket, its count at its end, Vietnamese labels in DejaVu Sans."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from dondoc.reports.model import Chart

# Debian's fonts-dejavu-core; Pillow's own bitmap font has no Vietnamese letters
_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
# one colour per bucket, in the dashboards' order (on time … no deadline)
COLOURS = ("#2e7d32", "#f9a825", "#1565c0", "#ef6c00", "#c62828", "#757575")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    raise RuntimeError("no TrueType font with Vietnamese letters (install fonts-dejavu-core)")


def png(c: Chart, *, width: int = 1500, bar: int = 54, gap: int = 22) -> bytes:
    font, title_font = _font(30), _font(34)
    label_w = max(int(font.getlength(label)) for label in c.labels) + 30 if c.labels else 0
    height = 90 + len(c.labels) * (bar + gap) + 20
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((width // 2, 20), c.title, fill="black", font=title_font, anchor="ma")
    top = max(c.values, default=0) or 1
    room = width - label_w - 140
    for i, (label, value) in enumerate(zip(c.labels, c.values, strict=True)):
        y = 90 + i * (bar + gap)
        draw.text((label_w - 15, y + bar // 2), label, fill="black", font=font, anchor="rm")
        length = int(room * value / top)
        draw.rectangle((label_w, y, label_w + max(length, 2), y + bar), fill=COLOURS[i % len(COLOURS)])
        draw.text((label_w + length + 12, y + bar // 2), str(value), fill="black", font=font, anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
