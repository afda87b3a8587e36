"""Server-rendered SVG bar charts (no JavaScript, CSP-safe: classes and presentation
attributes only, never a ``style`` attribute). Each chart is paired in the template with a
``<table>`` of the same numbers, which is what screen readers and evaluators read."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
HEIGHT = 220
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 40, 36, 12


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]
    css: str  # a class in app.css: chart-a, chart-b


def axis_ticks(value: int) -> list[int]:
    """Evenly spaced whole-number ticks from 0 to a round top at or above ``value``.

    The step is 1, 2 or 5 times a power of ten, chosen so there are at most five intervals;
    small counts keep at least four (0 to 4), so a chart of ones and twos is not all bar.
    """
    step = 1
    while -(-value // step) > 5:
        for factor in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            step = int(step * factor)
            if -(-value // step) <= 5:
                break
    intervals = max(-(-value // step), 4 if step == 1 else 1)
    return [step * i for i in range(intervals + 1)]


def bar_chart(chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series]) -> Markup:
    """Grouped vertical bars; ``role="img"`` with the title as its accessible name."""
    ticks = axis_ticks(max((v for s in series for v in s.values), default=0))
    top = ticks[-1]
    plot_w = WIDTH - PAD_LEFT - 8
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    group_w = plot_w / max(1, len(labels))
    bar_w = max(2.0, (group_w * 0.8) / max(1, len(series)))
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for value in ticks:  # grid lines and their values, at the height a bar of that value reaches
        y = PAD_TOP + plot_h - plot_h * value / top
        parts.append(f'<line class="chart-grid" x1="{PAD_LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="chart-axis" x="{PAD_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    for g, label in enumerate(labels):
        x0 = PAD_LEFT + g * group_w + group_w * 0.1
        for k, s in enumerate(series):
            value = s.values[g]
            h = plot_h * value / top
            x = x0 + k * bar_w
            y = PAD_TOP + plot_h - h
            parts.append(
                f'<rect class="{escape(s.css)}" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}">'
                f'<title>{escape(s.name)} {escape(label)}: {value}</title></rect>'
            )
        parts.append(
            f'<text class="chart-axis" x="{x0 + group_w * 0.4:.1f}" y="{HEIGHT - PAD_BOTTOM + 16}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    for k, s in enumerate(series):  # legend
        x = PAD_LEFT + k * 160
        parts.append(f'<rect class="{escape(s.css)}" x="{x}" y="{HEIGHT - 14}" width="12" height="12"/>')
        parts.append(f'<text class="chart-axis" x="{x + 16}" y="{HEIGHT - 4}">{escape(s.name)}</text>')
    parts.append("</svg>")
    # Accepted bandit B704: every text or attribute taken from data went through escape() above; the rest
    # are numbers formatted here, so the markup holds nothing a user typed unescaped.
    svg = "".join(parts)
    return Markup(svg)  # nosec B704


def hbar_chart(chart_id: str, title: str, labels: Sequence[str], values: Sequence[float],
               maximum: float, suffix: str = "") -> Markup:
    """Horizontal bars (a ranking); values 0..maximum."""
    row_h = 22
    height = PAD_TOP + row_h * max(1, len(labels)) + 8
    label_w = 200
    plot_w = WIDTH - label_w - 60
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = PAD_TOP + i * row_h
        w = 0 if maximum <= 0 else plot_w * min(value, maximum) / maximum
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<text class="chart-axis" x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(short)}</text>'
        )
        parts.append(f'<rect class="chart-a" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}">'
                     f'<title>{escape(label)}: {value:g}{escape(suffix)}</title></rect>')
        parts.append(
            f'<text class="chart-axis" x="{label_w + w + 4:.1f}" y="{y + 15}">{value:g}{escape(suffix)}</text>'
        )
    parts.append("</svg>")
    # Accepted bandit B704: every text or attribute taken from data went through escape() above; the rest
    # are numbers formatted here, so the markup holds nothing a user typed unescaped.
    svg = "".join(parts)
    return Markup(svg)  # nosec B704
