"""Draw customer_deposit's app icon: a purple rounded square with a white banknote going
into a safe (drawn at 4x and downsampled for smooth edges).

    .venv/bin/python tools/make_icon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

S = 4
W = 128 * S
PURPLE = (113, 75, 103, 255)  # Odoo's #714B67
LIGHT = (255, 255, 255, 255)
ACCENT = (1, 126, 132, 255)  # Odoo's teal #017E84

img = Image.new("RGBA", (W, W), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
d.rounded_rectangle([0, 0, W - 1, W - 1], radius=26 * S, fill=PURPLE)

# Safe / deposit box: white outline box in the lower half, with a slot on top.
box = [22 * S, 58 * S, 106 * S, 108 * S]
d.rounded_rectangle(box, radius=8 * S, outline=LIGHT, width=6 * S)
# dial of the safe
cx, cy, r = 64 * S, 83 * S, 10 * S
d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=LIGHT, width=5 * S)
d.ellipse([cx - 3 * S, cy - 3 * S, cx + 3 * S, cy + 3 * S], fill=LIGHT)
# feet
d.rectangle([32 * S, 108 * S, 42 * S, 114 * S], fill=LIGHT)
d.rectangle([86 * S, 108 * S, 96 * S, 114 * S], fill=LIGHT)

# Banknote above the slot, going in.
note = [30 * S, 18 * S, 98 * S, 50 * S]
d.rounded_rectangle(note, radius=5 * S, fill=LIGHT)
d.rounded_rectangle([35 * S, 23 * S, 93 * S, 45 * S], radius=3 * S, outline=ACCENT, width=2 * S)
nx, ny, nr = 64 * S, 34 * S, 7 * S
d.ellipse([nx - nr, ny - nr, nx + nr, ny + nr], fill=ACCENT)
d.ellipse([41 * S, 32 * S, 45 * S, 36 * S], fill=ACCENT)
d.ellipse([83 * S, 32 * S, 87 * S, 36 * S], fill=ACCENT)
# slot line where the note enters the box
d.rounded_rectangle([40 * S, 55 * S, 88 * S, 61 * S], radius=3 * S, fill=LIGHT)

img = img.resize((128, 128), Image.LANCZOS)
img.save(
    Path(__file__).resolve().parent.parent / "customer_deposit/static/description/icon.png",
    optimize=True,
)
