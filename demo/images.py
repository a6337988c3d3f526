"""Generated demo pictures: one 800x800 JPEG per product type (palette and motif per category) and logos."""

import io
import math
import random
import zlib
from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
Draw = ImageDraw.ImageDraw
RGB = tuple[int, int, int]

# category slug -> (background, main colour, second colour)
PALETTES: dict[str, tuple[RGB, RGB, RGB]] = {
    "keripik": ((250, 236, 196), (214, 160, 60), (120, 72, 36)),
    "kue-dodol": ((243, 228, 210), (120, 78, 40), (196, 150, 90)),
    "sambal-bumbu": ((252, 226, 214), (196, 40, 32), (60, 120, 50)),
    "olahan-ikan": ((224, 240, 246), (236, 222, 190), (40, 110, 150)),
    "kopi": ((236, 222, 206), (92, 56, 34), (48, 30, 20)),
    "minuman-herbal": ((250, 242, 214), (226, 150, 30), (130, 90, 20)),
    "tapis": ((110, 22, 30), (222, 178, 64), (40, 10, 14)),
    "batik": ((40, 52, 92), (214, 170, 90), (236, 226, 200)),
    "sulam-usus": ((246, 230, 236), (200, 150, 60), (150, 60, 90)),
    "anyaman": ((238, 220, 180), (190, 150, 90), (140, 100, 50)),
    "ukiran-kayu": ((150, 100, 60), (90, 56, 30), (222, 190, 140)),
    "aksesori": ((32, 32, 40), (222, 180, 70), (200, 60, 60)),
    "dapur": ((232, 238, 226), (160, 110, 64), (90, 120, 80)),
    "dekorasi": ((226, 236, 232), (170, 140, 80), (60, 110, 100)),
}
DEFAULT_PALETTE: tuple[RGB, RGB, RGB] = ((230, 230, 230), (120, 120, 120), (60, 60, 60))


@cache
def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu when the system has it, else Pillow's built-in scalable font."""
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf") if bold else ("DejaVuSans.ttf",):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _chips(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for _ in range(26):
        x, y, r = rng.randint(80, 720), rng.randint(60, 520), rng.randint(40, 70)
        d.ellipse((x - r, y - r * 0.6, x + r, y + r * 0.6), fill=main, outline=second, width=4)
        d.arc((x - r * 0.5, y - r * 0.3, x + r * 0.5, y + r * 0.3), 200, 340, fill=second, width=3)


def _blocks(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for row in range(3):
        for col in range(4):
            x, y = 90 + col * 160, 90 + row * 150
            d.rounded_rectangle((x, y, x + 130, y + 110), radius=24, fill=main, outline=second, width=6)
            d.line((x + 20, y + 55, x + 110, y + 55), fill=second, width=4)


def _bottle(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for i, x in enumerate((180, 400, 620)):
        top = 150 + (i % 2) * 40
        d.rectangle((x - 28, top - 70, x + 28, top), fill=second)
        d.rounded_rectangle((x - 90, top, x + 90, 560), radius=40, fill=main, outline=second, width=6)
        d.rectangle((x - 70, top + 150, x + 70, top + 260), fill=(255, 250, 240))


def _fish(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for i in range(6):
        x, y, r = 140 + (i % 3) * 260, 170 + (i // 3) * 250, 105
        d.ellipse((x - r, y - r, x + r, y + r), fill=main, outline=second, width=5)
        for _ in range(14):
            a, dist = rng.uniform(0, 2 * math.pi), rng.uniform(0, r - 20)
            px, py = x + dist * math.cos(a), y + dist * math.sin(a)
            d.ellipse((px - 5, py - 5, px + 5, py + 5), fill=second)


def _coffee(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for _ in range(30):
        x, y = rng.randint(60, 740), rng.randint(50, 540)
        d.ellipse((x - 34, y - 24, x + 34, y + 24), fill=main, outline=second, width=3)
        d.arc((x - 14, y - 22, x + 14, y + 22), 100, 260, fill=second, width=5)
    d.rounded_rectangle((290, 240, 510, 470), radius=30, fill=(250, 246, 240), outline=second, width=8)
    d.arc((480, 290, 580, 400), 270, 90, fill=second, width=14)
    d.ellipse((310, 250, 490, 300), fill=second)


def _tapis(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for row, y in enumerate(range(40, 600, 70)):
        offset = 35 if row % 2 else 0
        for x in range(-35 + offset, SIZE + 70, 70):
            d.polygon([(x, y - 30), (x + 30, y), (x, y + 30), (x - 30, y)], outline=main, width=5)
            d.polygon([(x, y - 12), (x + 12, y), (x, y + 12), (x - 12, y)], fill=main)
        d.line((0, y + 35, SIZE, y + 35), fill=second, width=6)


def _batik(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for y in range(70, 600, 140):
        for x in range(70, SIZE, 140):
            d.ellipse((x - 50, y - 50, x + 50, y + 50), outline=main, width=6)
            for k in range(8):
                a = k * math.pi / 4
                px, py = x + 32 * math.cos(a), y + 32 * math.sin(a)
                d.ellipse((px - 9, py - 9, px + 9, py + 9), fill=second)
            d.ellipse((x - 12, y - 12, x + 12, y + 12), fill=main)


def _loops(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for y in range(80, 600, 110):
        for x in range(60, SIZE, 90):
            d.ellipse((x - 40, y - 40, x + 40, y + 40), outline=main, width=8)
        d.line((0, y + 48, SIZE, y + 48), fill=second, width=4)


def _weave(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    step = 50
    for row, y in enumerate(range(0, 600, step)):
        for col, x in enumerate(range(0, SIZE, step)):
            horizontal = (row + col) % 2 == 0
            colour = main if horizontal else second
            if horizontal:
                d.rectangle((x, y + 8, x + step, y + step - 8), fill=colour)
            else:
                d.rectangle((x + 8, y, x + step - 8, y + step), fill=colour)


def _ship(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for y in range(20, 600, 26):
        d.arc((-200, y - 60, 1000, y + 60), 10, 170, fill=main, width=4)
    d.polygon([(150, 380), (650, 380), (570, 470), (230, 470)], fill=second, outline=main)
    d.line((400, 130, 400, 380), fill=second, width=10)
    d.polygon([(410, 140), (600, 360), (410, 360)], fill=second)
    d.polygon([(390, 170), (230, 360), (390, 360)], fill=second)


def _siger(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    peaks = 9
    base_y, left, right = 470, 130, 670
    points = [(left, base_y)]
    for i in range(peaks):
        x = left + (right - left) * (i + 0.5) / peaks
        height = 300 - abs(i - peaks // 2) * 35
        points += [(x, base_y - height), (left + (right - left) * (i + 1) / peaks, base_y - 90)]
    points += [(right, base_y)]
    d.polygon(points, fill=main, outline=second)
    d.rectangle((left, base_y - 10, right, base_y + 40), fill=main)
    for i in range(peaks):
        x = left + (right - left) * (i + 0.5) / peaks
        d.ellipse((x - 10, base_y + 5, x + 10, base_y + 25), fill=second)


def _kitchen(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for i, x in enumerate(range(170, 700, 150)):
        d.ellipse((x - 45, 120, x + 45, 240), fill=main, outline=second, width=4)
        d.rounded_rectangle((x - 12, 230, x + 12, 540), radius=10, fill=main)
        if i % 2:
            d.line((x - 20, 150, x + 20, 210), fill=second, width=4)


def _vase(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    for x, h in ((200, 330), (400, 430), (600, 280)):
        d.rounded_rectangle((x - 70, 540 - h, x + 70, 540), radius=28, fill=main, outline=second, width=5)
        for y in range(540 - h + 40, 540, 60):
            d.line((x - 70, y, x + 70, y), fill=second, width=5)


def _house(d: Draw, rng: random.Random, main: RGB, second: RGB) -> None:
    """A Lampung stilt house (nuwo sesat): roof, walls, stilts and stairs."""
    d.polygon([(150, 260), (400, 90), (650, 260)], fill=second)
    d.rectangle((200, 260, 600, 430), fill=main, outline=second, width=6)
    for x in range(230, 600, 70):
        d.rectangle((x, 300, x + 40, 380), fill=second)
    for x in range(210, 610, 80):
        d.rectangle((x, 430, x + 16, 560), fill=second)
    for step in range(5):
        d.line((600 + step * 20, 440 + step * 24, 660 + step * 20, 440 + step * 24), fill=second, width=6)


MOTIFS: dict[str, Callable[[Draw, random.Random, RGB, RGB], None]] = {
    "keripik": _chips,
    "kue-dodol": _blocks,
    "sambal-bumbu": _bottle,
    "olahan-ikan": _fish,
    "kopi": _coffee,
    "minuman-herbal": _bottle,
    "tapis": _tapis,
    "batik": _batik,
    "sulam-usus": _loops,
    "anyaman": _weave,
    "ukiran-kayu": _ship,
    "aksesori": _siger,
    "dapur": _kitchen,
    "dekorasi": _vase,
}

TYPE_MOTIFS = {"miniatur-siger": _siger, "miniatur-rumah-adat": _house}


def _wrap(text: str, width: int, fnt, draw: Draw) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=fnt) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    return [*lines, current]


# Product types whose main colour differs from their category's (chocolate chips are brown, cheese ones yellow).
TYPE_COLOURS: dict[str, RGB] = {
    "keripik-pisang-coklat": (104, 62, 38),
    "keripik-pisang-keju": (240, 204, 84),
    "keripik-singkong-balado": (206, 76, 44),
    "keripik-tempe": (204, 176, 116),
    "keripik-nangka": (236, 174, 60),
    "pisang-sale": (150, 96, 44),
    "lempok-durian": (176, 136, 62),
    "dodol-nanas": (206, 156, 40),
    "engkak-ketan": (214, 176, 112),
    "sambal-seruit": (160, 52, 30),
    "lada-hitam": (56, 52, 50),
    "gula-aren": (122, 72, 32),
    "gula-semut": (166, 108, 56),
    "kemplang-goreng": (246, 232, 200),
    "kerupuk-udang": (242, 184, 170),
    "abon-ikan": (176, 124, 72),
    "kopi-luwak": (64, 36, 22),
    "kopi-lanang": (120, 76, 44),
    "madu-klanceng": (236, 176, 64),
    "jahe-merah-instan": (184, 72, 52),
    "temulawak-instan": (232, 172, 40),
    "selendang-sulam-usus": (190, 60, 70),
    "tampah-bambu": (214, 184, 124),
    "tas-anyaman-pandan": (112, 150, 80),
    "keranjang-rotan": (150, 92, 42),
    "talenan-kayu": (182, 132, 82),
    "tudung-saji": (112, 150, 80),
    "kap-lampu-bambu": (230, 190, 100),
    "hiasan-dinding-tapis": (150, 30, 40),
}
TYPE_BACKGROUNDS: dict[str, RGB] = {
    "selendang-tapis": (44, 30, 64),
    "tas-tapis": (22, 62, 52),
    "kemeja-batik-lampung": (122, 40, 40),
    "bros-sulam-usus": (228, 238, 250),
    "miniatur-rumah-adat": (226, 214, 190),
    "hiasan-kapal-ukir": (176, 124, 72),
    "bros-siger": (64, 20, 42),
    "gelang-manik": (20, 52, 72),
}


def product_picture(title: str, category_slug: str, *, type_slug: str = "", subtitle: str = "") -> bytes:
    """Return an 800x800 JPEG: the category's palette and motif with `title` on a band at the bottom."""
    background, main, second = PALETTES.get(category_slug, DEFAULT_PALETTE)
    background = TYPE_BACKGROUNDS.get(type_slug, background)
    main = TYPE_COLOURS.get(type_slug, main)
    seed = zlib.crc32(type_slug.encode())
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    motif = TYPE_MOTIFS.get(type_slug) or MOTIFS.get(category_slug, _blocks)
    motif(draw, random.Random(seed), main, second)
    draw.rectangle((0, 600, SIZE, SIZE), fill=(255, 255, 255))
    draw.rectangle((0, 600, SIZE, 612), fill=main)
    title_font = font(50)
    lines = _wrap(title, SIZE - 80, title_font, draw)[:2]
    y = 640 if len(lines) == 2 else 665
    for line in lines:
        draw.text((40, y), line, font=title_font, fill=(34, 34, 34))
        y += 62
    if subtitle:
        draw.text((40, SIZE - 48), subtitle, font=font(26, bold=False), fill=(100, 100, 100))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True)
    return buffer.getvalue()


def logo_picture(name: str, colour: RGB) -> bytes:
    """Return a 320x320 PNG with the initials of `name` on a coloured disc."""
    words = [w for w in name.replace("&", " ").split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words[:2]).upper() or "S"
    image = Image.new("RGB", (320, 320), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 310, 310), fill=colour)
    draw.ellipse((26, 26, 294, 294), outline=(255, 255, 255), width=4)
    draw.text((160, 160), initials, font=font(120), fill=(255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def scan_picture(title: str, lines: list[str]) -> bytes:
    """Return a plain A5-like PNG standing in for a scanned certificate."""
    image = Image.new("RGB", (840, 600), (252, 250, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle((16, 16, 824, 584), outline=(120, 100, 60), width=6)
    draw.text((420, 90), title, font=font(40), fill=(60, 50, 30), anchor="mm")
    for i, line in enumerate(lines):
        draw.text((70, 190 + i * 56), line, font=font(28, bold=False), fill=(60, 60, 60))
    draw.text((420, 540), "CONTOH — DATA DEMO", font=font(26), fill=(190, 40, 40), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
