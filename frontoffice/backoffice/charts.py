"""Charts drawn on the server as SVG: no script, no external request, readable printed.

Each function returns an ``<svg>`` element as a string (labels escaped) sized by its ``viewBox``
so that it scales with the page. Colours come from a short palette that stays apart in grey.
"""

from collections.abc import Sequence
from decimal import Decimal
from html import escape

PALETTE = ["#1f5fa8", "#d9822b", "#2f8f5b", "#a23b72", "#6b6b6b", "#c9a227", "#3aa6b9", "#8c564b"]
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 48, 28, 40


def _num(value) -> float:
    return float(value) if value is not None else 0.0


def _ticks(top: float, count: int = 4) -> list[float]:
    if top <= 0:
        return [0.0]
    raw = top / count
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = max(1, round(raw / magnitude)) * magnitude
    return [step * i for i in range(int(top // step) + 2)]


def _frame(title: str, body: list[str], legend: list[tuple[str, str]]) -> str:
    items = []
    x = LEFT
    for colour, label in legend:
        items.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>')
        items.append(f'<text x="{x + 14}" y="17" font-size="11">{escape(label)}</text>')
        x += 24 + 7 * len(label)
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(items) + "".join(body) + "</svg>"
    )


def _axis(top: float, fmt: str, right: bool = False) -> tuple[list[str], float]:
    ticks = _ticks(top)
    scale_top = ticks[-1] or 1.0
    plot_h = HEIGHT - TOP - BOTTOM
    out = []
    for t in ticks:
        y = TOP + plot_h - plot_h * t / scale_top
        if not right:
            out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>')
            out.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{fmt.format(t)}</text>')
        else:
            x = WIDTH - RIGHT + 4
            out.append(f'<text x="{x}" y="{y + 4:.1f}" font-size="10">{fmt.format(t)}</text>')
    return out, scale_top


def _x_labels(labels: Sequence[str], x_of) -> list[str]:
    every = max(1, len(labels) // 8)
    return [
        f'<text x="{x_of(i):.1f}" y="{HEIGHT - BOTTOM + 14}" font-size="10" text-anchor="middle">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i % every == 0
    ]


def line_chart(
    title: str,
    labels: Sequence[str],
    left: tuple[str, Sequence],
    right: tuple[str, Sequence] | None = None,
    left_fmt: str = "{:.0f}",
    right_fmt: str = "{:.0f}",
) -> str:
    """One series on the left axis and optionally one on the right (e.g. occupancy % and ADR)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(labels), 1)

    def x_of(i):
        return LEFT + (plot_w * (i + 0.5) / n)

    body, top = _axis(max([_num(v) for v in left[1]] + [1]), left_fmt)
    series = [(PALETTE[0], left[0], left[1], top)]
    if right is not None:
        axis, right_top = _axis(max([_num(v) for v in right[1]] + [1]), right_fmt, right=True)
        body += axis
        series.append((PALETTE[1], right[0], right[1], right_top))
    for colour, _label, values, scale in series:
        points = " ".join(
            f"{x_of(i):.1f},{TOP + plot_h - plot_h * _num(v) / scale:.1f}"
            for i, v in enumerate(values)
            if v is not None
        )
        body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
    body += _x_labels(labels, x_of)
    return _frame(title, body, [(c, label) for c, label, _v, _s in series])


def bar_chart(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence]], fmt: str = "{:.0f}") -> str:
    """Grouped vertical bars: one group per label, one bar per series (e.g. this year, last year)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(labels), 1)
    top_value = max([_num(v) for _name, values in series for v in values] + [1])
    body, top = _axis(top_value, fmt)
    group_w = plot_w / n
    bar_w = max(group_w * 0.8 / max(len(series), 1), 1)
    for s, (_name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        for i, v in enumerate(values):
            h = plot_h * _num(v) / top
            x = LEFT + group_w * i + group_w * 0.1 + bar_w * s
            body.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(labels[i])}: {escape(fmt.format(_num(v)))}</title></rect>"
            )
    body += _x_labels(labels, lambda i: LEFT + group_w * (i + 0.5))
    return _frame(title, body, [(PALETTE[s % len(PALETTE)], name) for s, (name, _v) in enumerate(series)])


def share_bars(title: str, parts: Sequence[tuple[str, Decimal]]) -> str:
    """Horizontal bars of each part's share of the whole (e.g. revenue by department)."""
    total = sum((_num(v) for _label, v in parts), 0.0) or 1.0
    row_h = min(24, (HEIGHT - TOP - 8) / max(len(parts), 1))
    body = []
    for i, (label, value) in enumerate(parts):
        y = TOP + i * row_h
        share = _num(value) / total
        width = (WIDTH - 260) * share
        body.append(f'<text x="8" y="{y + row_h * 0.7:.1f}" font-size="11">{escape(label)}</text>')
        body.append(
            f'<rect x="150" y="{y + 3:.1f}" width="{width:.1f}" height="{row_h - 6:.1f}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        body.append(
            f'<text x="{156 + width:.1f}" y="{y + row_h * 0.7:.1f}" font-size="11">'
            f"{_num(value):,.2f} ({share:.0%})</text>"
        )
    return _frame(title, body, [])
