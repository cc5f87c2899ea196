#!/usr/bin/env python3
"""Renders a terminal capture with ANSI colours (tmux capture-pane -e) as an HTML page, so a
headless browser can screenshot it for the README. Usage: ansi-to-html.py capture.ansi out.html"""
import html
import re
import sys

BASE16 = ["#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
          "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]


def color256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    g = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (g, g, g)


def render(text):
    out, fg, bg, bold = [], None, None, False
    for part in re.split(r"(\x1b\[[0-9;]*m)", text):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if not m:
            if part:
                style = []
                if fg: style.append(f"color:{fg}")
                if bg: style.append(f"background:{bg}")
                if bold: style.append("font-weight:bold")
                out.append(f'<span style="{";".join(style)}">{html.escape(part)}</span>' if style else html.escape(part))
            continue
        codes = [int(c) if c else 0 for c in m.group(1).split(";")]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0: fg, bg, bold = None, None, False
            elif c == 1: bold = True
            elif c == 22: bold = False
            elif 30 <= c <= 37: fg = BASE16[c - 30]
            elif 90 <= c <= 97: fg = BASE16[c - 90 + 8]
            elif 40 <= c <= 47: bg = BASE16[c - 40]
            elif c == 39: fg = None
            elif c == 49: bg = None
            elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                value = color256(codes[i + 2])
                if c == 38: fg = value
                else: bg = value
                i += 2
            elif c in (38, 48) and i + 4 < len(codes) and codes[i + 1] == 2:
                value = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
                if c == 38: fg = value
                else: bg = value
                i += 4
            i += 1
    return "".join(out)


def main():
    source, target = sys.argv[1], sys.argv[2]
    text = open(source, encoding="utf-8").read().rstrip("\n") + "\n"
    body = render(text)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #1e1e1e; }}
pre {{ margin: 0; padding: 16px 20px; color: #cccccc; font: 14px/1.25 'DejaVu Sans Mono', monospace; display: inline-block; }}
</style></head><body><pre>{body}</pre></body></html>"""
    open(target, "w", encoding="utf-8").write(page)


if __name__ == "__main__":
    main()
