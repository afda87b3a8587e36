"""The SVG charts are drawn to scale: whole-number ticks at even steps, each grid line at the
height a bar of its value reaches (the trend chart once labelled its lines 0, 1, 2, 3, 5 and
drew a bar of 2 below the line marked 2)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gratifikasi.integrity.charts import Series, axis_ticks, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _geometry(svg: str) -> tuple[dict[int, float], list[tuple[int, float, float]]]:
    """(tick value → grid line y, [(bar value, bar top y, bar bottom y)])."""
    root = ET.fromstring(svg)
    lines = [float(line.get("y1")) for line in root.iter(SVG + "line") if line.get("class") == "chart-grid"]
    labels = [int(t.text) for t in root.iter(SVG + "text")
              if t.get("text-anchor") == "end" and t.text and t.text.isdigit()]
    assert len(lines) == len(labels)
    bars = []
    for rect in root.iter(SVG + "rect"):
        title = rect.find(SVG + "title")
        if title is None:
            continue  # a legend swatch
        value = int(re.search(r": (\d+)$", title.text).group(1))
        top = float(rect.get("y"))
        bars.append((value, top, top + float(rect.get("height"))))
    return dict(zip(labels, lines, strict=True)), bars


def _chart(values: list[int]) -> str:
    labels = [f"B{i}" for i in range(len(values))]
    return str(bar_chart("c", "judul", labels, [Series("Laporan", values, "chart-a")]))


def test_a_bar_of_two_reaches_the_line_marked_two():
    ticks, bars = _geometry(_chart([0, 2, 1, 0]))
    assert list(ticks) == [0, 1, 2, 3, 4]
    two = next(b for b in bars if b[0] == 2)
    assert two[1] == pytest.approx(ticks[2], abs=0.11)
    assert two[2] == pytest.approx(ticks[0], abs=0.11)


@pytest.mark.parametrize("top, expected", [
    (0, [0, 1, 2, 3, 4]), (5, [0, 1, 2, 3, 4, 5]), (7, [0, 2, 4, 6, 8]),
    (12, [0, 5, 10, 15]), (100, [0, 20, 40, 60, 80, 100]), (101, [0, 50, 100, 150]),
])
def test_ticks_are_whole_numbers_at_an_even_step(top, expected):
    assert axis_ticks(top) == expected


@given(st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=12))
def test_every_bar_is_drawn_to_the_scale_of_the_grid(values):
    ticks, bars = _geometry(_chart(values))
    steps = list(ticks)
    step = steps[1] - steps[0]
    assert steps == [step * i for i in range(len(steps))] and steps[-1] >= max(values)
    assert len(steps) <= 6
    zero_y, top_y = ticks[0], ticks[steps[-1]]
    spacing = [ticks[a] - ticks[b] for a, b in zip(steps, steps[1:], strict=False)]
    assert max(spacing) - min(spacing) < 0.2  # grid lines evenly spaced
    for value, top, bottom in bars:
        assert bottom == pytest.approx(zero_y, abs=0.11)
        expected = zero_y - (zero_y - top_y) * value / steps[-1]
        assert top == pytest.approx(expected, abs=0.11)
