"""Small files made on the fly for the demo: one-page PDFs and hero illustrations."""

import io

from PIL import Image, ImageDraw

HERO_SIZE = (1200, 675)


def one_page_pdf(lines):
    """Return the bytes of a valid one-page PDF showing `lines` (ASCII) in Helvetica."""
    text = ["BT", "/F1 12 Tf", "16 TL", "72 770 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        pdf += b"%010d 00000 n \n" % offset
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(pdf)


def _barred_window(draw):
    width, height = HERO_SIZE
    draw.rectangle((0, 0, width, height), fill="#2b3038")
    draw.polygon([(470, 250), (730, 250), (900, height), (300, height)], fill="#3c4350")
    draw.rectangle((470, 90, 730, 250), fill="#e6dcb4")
    for x in range(500, 730, 50):
        draw.rectangle((x, 90, x + 12, 250), fill="#1d2027")
    draw.rectangle((470, 160, 730, 170), fill="#1d2027")


def _cell_doors(draw):
    width, height = HERO_SIZE
    draw.rectangle((0, 0, width, height), fill="#575d66")
    draw.rectangle((0, 540, width, height), fill="#3b4048")
    for left in range(100, width - 200, 280):
        draw.rectangle((left, 150, left + 180, 540), fill="#8b929c", outline="#2f333a", width=6)
        draw.rectangle((left + 60, 230, left + 120, 270), fill="#2f333a")
        draw.ellipse((left + 150, 350, left + 166, 366), fill="#2f333a")


DRAWINGS = {"barred_window": _barred_window, "cell_doors": _cell_doors}


def hero_png(drawing):
    """Return the bytes of a light PNG illustration, drawn with plain shapes."""
    image = Image.new("RGB", HERO_SIZE)
    DRAWINGS[drawing](ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=8).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
