"""Illustrations for the demo articles, drawn with Pillow (no files to ship).

A picture is a scene (what is drawn: a lake, rooftops, a bridge, …) in a
palette (its colours); the seed moves things around, so that two articles
with the same scene and palette still get different pictures.
"""

import io
import random

from PIL import Image, ImageDraw

PALETTES = {
    # sky top, sky bottom, far ground, near ground, accent
    "autumn": ((244, 196, 120), (252, 236, 205), (176, 102, 60), (120, 60, 36), (250, 240, 220)),
    "craft": ((205, 170, 125), (240, 222, 190), (150, 96, 58), (98, 60, 40), (255, 246, 230)),
    "civic": ((120, 160, 200), (220, 232, 242), (90, 110, 130), (60, 72, 86), (255, 255, 255)),
    "lake": ((150, 190, 215), (235, 240, 235), (96, 130, 120), (60, 96, 90), (255, 250, 235)),
    "spring": ((250, 200, 210), (255, 240, 235), (120, 170, 110), (70, 120, 70), (255, 255, 245)),
    "travel": ((110, 180, 220), (230, 244, 250), (70, 140, 120), (40, 100, 90), (255, 250, 240)),
    "culture": ((170, 60, 50), (240, 200, 150), (130, 40, 35), (80, 24, 20), (250, 220, 150)),
    "portrait": ((90, 100, 120), (210, 210, 215), (70, 75, 90), (40, 44, 56), (240, 235, 225)),
    "night": ((20, 30, 70), (80, 70, 120), (40, 40, 60), (20, 20, 35), (255, 214, 120)),
    "dawn": ((255, 170, 130), (255, 228, 190), (110, 90, 110), (60, 50, 70), (255, 245, 210)),
    "jade": ((120, 200, 180), (225, 245, 235), (40, 120, 100), (20, 80, 70), (250, 250, 230)),
    "winter": ((170, 180, 195), (235, 236, 240), (120, 125, 140), (80, 84, 96), (250, 250, 255)),
}

# Wall colours of the old quarter's tube houses.
WALLS = [(236, 196, 96), (222, 120, 80), (240, 226, 200), (150, 180, 170), (200, 150, 120), (246, 220, 150)]


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(draw, box, top, bottom):
    left, upper, right, lower = (round(v) for v in box)
    for y in range(upper, lower):
        draw.line([(left, y), (right, y)], fill=_mix(top, bottom, (y - upper) / max(lower - upper - 1, 1)))


def _hills(draw, size, colors, rng, base, amplitude, step=100):
    width, height = size
    points = [(0, height)] + [(x, base - rng.randint(0, amplitude)) for x in range(0, width + step, step)]
    draw.polygon([*points, (width, height)], fill=colors)


def _sun(draw, x, y, radius, color):
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=color)


def _landscape(draw, size, colors, rng):
    width, height = size
    top, bottom, far, near, accent = colors
    _gradient(draw, (0, 0, width, height), top, bottom)
    _sun(draw, rng.randint(width // 5, width * 4 // 5), height // 4, rng.randint(50, 90), accent)
    _hills(draw, size, far, rng, height * 0.62, 90)
    _hills(draw, size, near, rng, height * 0.78, 70)


def _lake(draw, size, colors, rng):
    """A lake with a tiered tower on its far shore and a boat."""
    width, height = size
    top, bottom, far, near, accent = colors
    shore = height * rng.uniform(0.45, 0.55)
    _gradient(draw, (0, 0, width, shore), top, bottom)
    _gradient(draw, (0, shore, width, height), _mix(bottom, far, 0.3), _mix(top, near, 0.5))
    sun_x = rng.randint(width // 6, width * 5 // 6)
    _sun(draw, sun_x, shore * 0.45, 60, accent)
    _hills(draw, (width, round(shore)), far, rng, shore - 10, 40, step=60)
    tower = rng.randint(width // 8, width * 3 // 5)
    for level in range(7):
        half = 34 - level * 3
        y = shore - 18 - level * 26
        draw.rectangle([tower - half + 6, y - 18, tower + half - 6, y], fill=near)
        roof = _mix(near, (120, 30, 20), 0.5)
        draw.polygon([(tower - half, y - 16), (tower + half, y - 16), (tower, y - 30)], fill=roof)
    for _ in range(40):
        y = rng.uniform(shore + 8, height)
        x = rng.uniform(0, width)
        draw.line([(x, y), (x + rng.uniform(40, 160), y)], fill=_mix(accent, near, 0.4), width=2)
    boat_x, boat_y = rng.randint(width // 2, width - 200), rng.uniform(shore + 80, height - 80)
    draw.polygon([(boat_x, boat_y), (boat_x + 160, boat_y), (boat_x + 130, boat_y + 24), (boat_x + 30, boat_y + 24)],
                 fill=near)


def _rooftops(draw, size, colors, rng):
    """The old quarter: narrow tube houses side by side, tiled roofs, balconies."""
    width, height = size
    top, bottom, _far, near, accent = colors
    _gradient(draw, (0, 0, width, height), top, bottom)
    _sun(draw, rng.randint(width // 6, width * 5 // 6), height * 0.18, 55, accent)
    x = -rng.randint(0, 60)
    while x < width:
        house = rng.randint(90, 150)
        roof = height * rng.uniform(0.25, 0.5)
        wall = rng.choice(WALLS)
        draw.rectangle([x, roof, x + house, height], fill=wall)
        draw.polygon([(x - 8, roof), (x + house + 8, roof), (x + house * 0.5, roof - 60)], fill=(150, 70, 50))
        for floor in range(3):
            y = roof + 40 + floor * 110
            draw.rectangle([x + 20, y, x + house - 20, y + 60], fill=_mix(wall, near, 0.6))
            draw.line([(x + 10, y + 70), (x + house - 10, y + 70)], fill=near, width=5)
        x += house + rng.randint(0, 6)
    draw.rectangle([0, height * 0.92, width, height], fill=near)


def _skyline(draw, size, colors, rng):
    """Towers of a new district at dusk, windows lit."""
    width, height = size
    top, bottom, far, near, accent = colors
    _gradient(draw, (0, 0, width, height), top, bottom)
    for color, low, high in ((far, 0.25, 0.55), (near, 0.4, 0.75)):
        x = 0
        while x < width:
            tower = rng.randint(60, 140)
            roof = height * (1 - rng.uniform(low, high))
            draw.rectangle([x, roof, x + tower, height], fill=color)
            for wy in range(round(roof) + 16, height - 20, 34):
                for wx in range(x + 10, x + tower - 16, 24):
                    if rng.random() < 0.35:
                        draw.rectangle([wx, wy, wx + 10, wy + 16], fill=accent)
            x += tower + rng.randint(4, 30)


def _bridge(draw, size, colors, rng):
    """A long steel bridge over a wide river, in the manner of Long Biên."""
    width, height = size
    top, bottom, far, near, accent = colors
    deck = height * rng.uniform(0.5, 0.6)
    _gradient(draw, (0, 0, width, deck), top, bottom)
    _gradient(draw, (0, deck, width, height), (170, 130, 90), (120, 90, 60))
    _sun(draw, rng.randint(width // 5, width * 4 // 5), deck * 0.4, 70, accent)
    _hills(draw, (width, round(deck)), far, rng, deck - 20, 30, step=80)
    span = rng.randint(150, 230)
    for x in range(-rng.randint(0, span), width, span):
        draw.rectangle([x + span * 0.45, deck, x + span * 0.55, height * 0.95], fill=near)
        draw.line([(x, deck), (x + span / 2, deck - 90), (x + span, deck)], fill=near, width=8)
        draw.line([(x, deck - 70), (x + span, deck)], fill=near, width=4)
        draw.line([(x, deck), (x + span, deck - 70)], fill=near, width=4)
    draw.rectangle([0, deck, width, deck + 14], fill=near)


def _blossoms(draw, size, colors, rng):
    """Branches in flower against the sky."""
    width, height = size
    top, bottom, far, near, accent = colors
    _gradient(draw, (0, 0, width, height), top, bottom)
    _hills(draw, size, far, rng, height * 0.85, 40)
    for _ in range(rng.randint(3, 5)):
        x, y = rng.uniform(0, width), rng.uniform(height * 0.2, height * 0.9)
        for _step in range(8):
            nx, ny = x + rng.uniform(-120, 160), y - rng.uniform(20, 90)
            draw.line([(x, y), (nx, ny)], fill=near, width=rng.randint(5, 12))
            for _flower in range(9):
                fx, fy, r = nx + rng.uniform(-50, 50), ny + rng.uniform(-50, 50), rng.uniform(8, 20)
                draw.ellipse([fx - r, fy - r, fx + r, fy + r], fill=_mix(accent, (230, 90, 120), rng.uniform(0.2, 0.8)))
            x, y = nx, ny


def _lanterns(draw, size, colors, rng):
    """A festival street: rows of lanterns on strings."""
    width, height = size
    top, bottom, far, near, accent = colors
    _gradient(draw, (0, 0, width, height), top, bottom)
    draw.rectangle([0, height * 0.8, width, height], fill=near)
    for row in range(rng.randint(3, 4)):
        y = height * (0.12 + row * 0.18)
        sag = rng.uniform(20, 50)
        draw.line([(0, y), (width / 2, y + sag), (width, y)], fill=far, width=3)
        for x in range(rng.randint(20, 80), width, rng.randint(90, 130)):
            t = abs(x - width / 2) / (width / 2)
            cy = y + sag * (1 - t) + 40
            color = _mix(accent, (220, 40, 30), rng.uniform(0.2, 1))
            draw.ellipse([x - 28, cy - 34, x + 28, cy + 34], fill=color)
            draw.rectangle([x - 14, cy - 40, x + 14, cy - 32], fill=far)
            draw.line([(x, cy + 34), (x, cy + 60)], fill=far, width=3)


def _fields(draw, size, colors, rng):
    """Rice fields and a village in the distance."""
    width, height = size
    top, bottom, far, near, accent = colors
    horizon = height * rng.uniform(0.35, 0.45)
    _gradient(draw, (0, 0, width, horizon), top, bottom)
    _sun(draw, rng.randint(width // 5, width * 4 // 5), horizon * 0.5, 50, accent)
    y, band = horizon, 14
    while y < height:
        draw.rectangle([0, y, width, y + band], fill=_mix(far, near, rng.random()))
        y += band
        band = round(band * 1.25)
    for _ in range(rng.randint(6, 12)):
        x = rng.uniform(0, width)
        draw.polygon([(x, horizon), (x + 40, horizon - 30), (x + 80, horizon)], fill=near)
        draw.rectangle([x + 10, horizon - 2, x + 70, horizon + 20], fill=_mix(near, (200, 180, 150), 0.4))


def _hall(draw, size, podium):
    width, height = size
    _gradient(draw, (0, 0, width, height), (150, 30, 30), (90, 20, 20))
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


SCENES = {
    "landscape": _landscape, "lake": _lake, "rooftops": _rooftops, "skyline": _skyline,
    "bridge": _bridge, "blossoms": _blossoms, "lanterns": _lanterns, "fields": _fields,
}


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def make_image(palette, size=(1200, 800), seed=0, scene="landscape"):
    """JPEG bytes of a simple illustration: a scene in the given palette."""
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    if palette in ("hall", "podium"):
        _hall(draw, size, podium=palette == "podium")
    else:
        SCENES[scene](draw, size, PALETTES[palette], random.Random(f"{scene}-{palette}-{seed}"))
    return _jpeg(image)


def make_portrait(seed, size=(600, 800)):
    """JPEG bytes of a head-and-shoulders portrait, taller than wide: an author's photo."""
    rng = random.Random(f"portrait-{seed}")
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    backdrop = rng.choice(list(PALETTES.values()))
    _gradient(draw, (0, 0, width, height), _mix(backdrop[0], (255, 255, 255), 0.3), backdrop[1])
    skin = _mix((241, 200, 165), (170, 115, 80), rng.random())
    hair = _mix((20, 16, 14), (90, 60, 40), rng.random())
    clothes = rng.choice([(40, 60, 100), (150, 40, 50), (230, 230, 225), (60, 90, 70), (90, 80, 120)])
    cx, head = width / 2 + rng.uniform(-30, 30), width * rng.uniform(0.19, 0.23)
    cy = height * 0.38
    draw.ellipse([cx - width * 0.42, height * 0.7, cx + width * 0.42, height * 1.3], fill=clothes)
    draw.rectangle([cx - head * 0.35, cy + head * 0.7, cx + head * 0.35, height * 0.74], fill=skin)
    long_hair = rng.random() < 0.5
    if long_hair:
        draw.rectangle([cx - head * 1.1, cy - head * 0.2, cx + head * 1.1, cy + head * 1.5], fill=hair)
    draw.ellipse([cx - head, cy - head * 1.2, cx + head, cy + head * 1.2], fill=skin)
    draw.chord([cx - head * 1.08, cy - head * 1.35, cx + head * 1.08, cy + head * 0.5], 180, 360, fill=hair)
    for side in (-1, 1):
        ex = cx + side * head * 0.38
        draw.ellipse([ex - 9, cy - 6, ex + 9, cy + 8], fill=(40, 30, 25))
    mouth = [cx - head * 0.35, cy + head * 0.3, cx + head * 0.35, cy + head * 0.75]
    draw.arc(mouth, 20, 160, fill=(150, 70, 60), width=5)
    return _jpeg(image)
