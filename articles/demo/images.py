"""Illustrations for the demo articles, drawn with Pillow (no files to ship)."""

import io
import random

from PIL import Image, ImageDraw

PALETTES = {
    # sky top, sky bottom, far hills, near hills, accent
    "autumn": ((244, 196, 120), (252, 236, 205), (176, 102, 60), (120, 60, 36), (250, 240, 220)),
    "craft": ((205, 170, 125), (240, 222, 190), (150, 96, 58), (98, 60, 40), (255, 246, 230)),
    "civic": ((120, 160, 200), (220, 232, 242), (90, 110, 130), (60, 72, 86), (255, 255, 255)),
    "lake": ((150, 190, 215), (235, 240, 235), (96, 130, 120), (60, 96, 90), (255, 250, 235)),
    "spring": ((250, 200, 210), (255, 240, 235), (120, 170, 110), (70, 120, 70), (255, 255, 245)),
    "travel": ((110, 180, 220), (230, 244, 250), (70, 140, 120), (40, 100, 90), (255, 250, 240)),
    "culture": ((170, 60, 50), (240, 200, 150), (130, 40, 35), (80, 24, 20), (250, 220, 150)),
    "portrait": ((90, 100, 120), (210, 210, 215), (70, 75, 90), (40, 44, 56), (240, 235, 225)),
}


def _gradient(draw, size, top, bottom):
    width, height = size
    for y in range(height):
        t = y / max(height - 1, 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=color)


def _landscape(draw, size, palette, rng):
    width, height = size
    top, bottom, far, near, accent = PALETTES[palette]
    _gradient(draw, size, top, bottom)
    sun = rng.randint(width // 5, width * 4 // 5)
    draw.ellipse([sun - 70, height // 4 - 70, sun + 70, height // 4 + 70], fill=accent)
    for color, base, amplitude in ((far, height * 0.62, 90), (near, height * 0.78, 70)):
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, amplitude)))
        points.append((width, height))
        draw.polygon(points, fill=color)


def _hall(draw, size, podium):
    width, height = size
    _gradient(draw, size, (150, 30, 30), (90, 20, 20))
    draw.rectangle([0, height * 0.55, width, height], fill=(60, 50, 45))
    draw.rectangle([width * 0.1, height * 0.12, width * 0.9, height * 0.42], fill=(170, 40, 36))
    draw.rectangle([width * 0.1, height * 0.42, width * 0.9, height * 0.47], fill=(230, 190, 90))
    if podium:
        draw.ellipse([width * 0.46, height * 0.3, width * 0.54, height * 0.42], fill=(235, 200, 170))
        draw.polygon([(width * 0.42, height * 0.62), (width * 0.58, height * 0.62),
                      (width * 0.55, height * 0.42), (width * 0.45, height * 0.42)], fill=(35, 40, 55))
        draw.rectangle([width * 0.4, height * 0.55, width * 0.6, height * 0.95], fill=(120, 70, 40))
        return
    draw.rectangle([width * 0.15, height * 0.5, width * 0.85, height * 0.56], fill=(240, 235, 225))
    for row in range(4):
        y = height * (0.66 + row * 0.09)
        for col in range(14):
            x = width * (0.06 + col * 0.068) + (row % 2) * 20
            draw.ellipse([x, y, x + 36, y + 36], fill=(35 + row * 10, 30, 30))
            draw.rectangle([x - 6, y + 30, x + 42, y + 70], fill=(30, 35, 50))


def make_image(palette, size=(1200, 800), seed=0):
    """JPEG bytes of a simple illustration in the given palette."""
    rng = random.Random(f"{palette}-{seed}")
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    if palette in ("hall", "podium"):
        _hall(draw, size, podium=palette == "podium")
    else:
        _landscape(draw, size, palette, rng)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
