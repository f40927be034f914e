#!/usr/bin/env python3
"""Draws SecBot's two Teams icons with the standard library only (no PIL):

  color.png    192x192, a white shield with a check mark on SecBot's accent colour (full bleed, as Teams wants)
  outline.png   32x32, the shield's outline and check in white on transparent; every pixel is opaque white or
                fully transparent, because Teams renders the outline icon as a mask

Run from anywhere: python3 manifests/teams/icons.py. The output is deterministic, so re-running it changes nothing.
"""

import os
import struct
import zlib

ACCENT = (0x1F, 0x3A, 0x5F)
WHITE = (0xFF, 0xFF, 0xFF)
HERE = os.path.dirname(os.path.abspath(__file__))


def shield_half_width(y):
    """Half the shield's width at height y (0 top .. 1 bottom of the canvas), or None outside it."""
    top, shoulder, tip, half = 0.12, 0.50, 0.90, 0.34
    if y < top or y > tip:
        return None
    if y <= shoulder:
        return half
    t = (y - shoulder) / (tip - shoulder)
    return half * (1.0 - t) ** 0.75


def in_shield(x, y, inset=0.0):
    half = shield_half_width(y - inset * 0.2 if inset else y)
    if half is None:
        return False
    if inset and (y < 0.12 + inset or shield_half_width(y + inset * 1.2) is None):
        return False
    return abs(x - 0.5) <= half - inset


def distance_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def on_check(x, y, width):
    a, b, c = (0.35, 0.50), (0.46, 0.62), (0.66, 0.38)
    return (distance_to_segment(x, y, *a, *b) <= width / 2
            or distance_to_segment(x, y, *b, *c) <= width / 2)


def color_pixel(x, y):
    if in_shield(x, y) and not on_check(x, y, 0.075):
        return WHITE
    return ACCENT


def outline_pixel(x, y):
    border = in_shield(x, y) and not in_shield(x, y, inset=0.075)
    return border or on_check(x, y, 0.09)


def color_rows(size, samples=4):
    """RGB rows, each pixel the average of samples x samples points so the edges are smooth."""
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            total = [0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    rgb = color_pixel((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)
                    for i in range(3):
                        total[i] += rgb[i]
            row += bytes(round(v / (samples * samples)) for v in total)
        rows.append(bytes(row))
    return rows


def outline_rows(size):
    """RGBA rows with no anti-aliasing: a pixel is opaque white or fully transparent, nothing between."""
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            inside = outline_pixel((px + 0.5) / size, (py + 0.5) / size)
            row += bytes((255, 255, 255, 255) if inside else (0, 0, 0, 0))
        rows.append(bytes(row))
    return rows


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(size, color_type, rows):
    ihdr = struct.pack(">IIBBBBB", size, size, 8, color_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 (None) on every row
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


if __name__ == "__main__":
    write("color.png", png(192, 2, color_rows(192)))
    write("outline.png", png(32, 6, outline_rows(32)))
