"""The report's pictures as inline SVG, drawn with matplotlib's SVG backend (no pyplot, no global state).

Each picture carries a text alternative: ``role="img"``, an ``aria-label`` and a
``<title>`` (the data themselves are in the table next to it). Text stays text
(``svg.fonttype = "none"``), ids are seeded, and no date is written, so the same
data give the same bytes. Labels are user text: matplotlib escapes them in its
XML, and ``$`` is escaped so that it never starts mathtext.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from stakeholders.safety import escape_html as e

INK = "#1d2733"
UNCOVERED = "#b3261e"
BAR = "#1f5fa8"
OVERLAP = "#f2c14e"
_FONT = 9.0
_SVG_START = re.compile(r"^.*?(<svg\b)", re.S)


def _plain(text: str) -> str:
    """User text for matplotlib: ``$`` would start mathtext."""
    return text.replace("$", r"\$")


def _svg(figure, label: str) -> str:
    """The figure as an ``<svg>`` element with role, aria-label and a title, without the XML prologue."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "stakeholders", "font.size": _FONT}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = _SVG_START.sub(r"\1", buffer.getvalue(), count=1)
    text = text.replace("<svg ", f'<svg role="img" aria-label="{e(label)}" ', 1)
    head_end = text.index(">") + 1
    return f"{text[:head_end]}<title>{e(label)}</title>{text[head_end:]}"


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=72)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    start: dt.date | None
    end: dt.date | None


def _to_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def timeline_svg(bars: Sequence[Bar], overlap: tuple[object, object], label: str) -> str:
    """A Gantt chart of parallel projects: a bar per project, the months they all run shaded.

    A project without a start or an end is drawn from the earliest start or to the latest end, hatched.
    """
    import matplotlib.dates as mdates

    known = [d for bar in bars for d in (bar.start, bar.end) if d is not None]
    if not known:
        return ""
    first, last = min(known), max(known)
    if first == last:
        last = first + dt.timedelta(days=30)
    figure = _figure(7.0, 0.42 * len(bars) + 0.8)
    axes = figure.add_subplot()
    start, end = _to_date(overlap[0]), _to_date(overlap[1])
    if start and end and start <= end:
        axes.axvspan(mdates.date2num(start), mdates.date2num(end), color=OVERLAP, alpha=0.45, lw=0)
    for row, bar in enumerate(bars):
        left = bar.start or first
        right = bar.end or last
        left_n, right_n = mdates.date2num(left), mdates.date2num(max(right, left))
        hatch = "//" if bar.start is None or bar.end is None else None
        axes.barh(row, right_n - left_n, left=left_n, height=0.55, color=BAR, hatch=hatch, edgecolor="white")
    axes.set_yticks(range(len(bars)), [_plain(_short(bar.label)) for bar in bars])
    axes.invert_yaxis()
    axes.xaxis_date()
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    axes.tick_params(colors=INK, labelsize=_FONT)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_xlim(mdates.date2num(first) - 15, mdates.date2num(last) + 15)
    return _svg(figure, label)


def _short(text: str, most: int = 48) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def heatmap_svg(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    uncovered: Sequence[Sequence[bool]],
    label: str,
    colour_label: str,
) -> str:
    """A heat map: one row per ``rows`` entry, one column per ``columns`` entry, shaded by value.

    ``None`` is a cell with nothing known (white); ``uncovered`` cells are
    marked red with a cross.
    """
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    if not rows or not columns:
        return ""
    grid = np.array([[np.nan if v is None else float(v) for v in row] for row in values], dtype=float)
    width = min(11.0, 2.6 + 0.32 * len(columns))
    height = min(60.0, 1.2 + 0.22 * len(rows))
    figure = _figure(width, height)
    axes = figure.add_subplot()
    cmap = LinearSegmentedColormap.from_list("served", ["#e3eefb", "#3f86d6", "#0d3a73"]).with_extremes(bad="#ffffff")
    image = axes.imshow(grid, aspect="auto", cmap=cmap, interpolation="nearest")
    marks_y, marks_x = np.nonzero(np.array(uncovered, dtype=bool))
    if len(marks_x):
        axes.scatter(marks_x, marks_y, marker="s", s=40, color=UNCOVERED)
    axes.set_xticks(range(len(columns)), [_plain(_short(c, 28)) for c in columns], rotation=60, ha="right")
    axes.set_yticks(range(len(rows)), [_plain(_short(r, 32)) for r in rows])
    axes.tick_params(colors=INK, labelsize=_FONT - 1, length=0)
    bar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
    bar.set_label(_plain(colour_label), fontsize=_FONT)
    bar.ax.tick_params(labelsize=_FONT - 1)
    return _svg(figure, label)


SERIES_COLOURS = ("#1f5fa8", "#7fb0e8", "#f2c14e", "#5b6675", UNCOVERED)  # uncovered red, as in the heat map


def stacked_bars_svg(rows: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], label: str) -> str:
    """Horizontal stacked bars: one bar per ``rows`` entry, a segment per series (name, one count per row).

    The first row is drawn at the top; a legend names the series (at most len(SERIES_COLOURS)).
    """
    import numpy as np

    if not rows or not series:
        return ""
    figure = _figure(7.5, min(40.0, 1.1 + 0.26 * len(rows)))
    axes = figure.add_subplot()
    left = np.zeros(len(rows))
    positions = np.arange(len(rows))
    for (name, counts), colour in zip(series, SERIES_COLOURS, strict=False):
        values = np.array(counts, dtype=float)
        axes.barh(positions, values, left=left, height=0.7, color=colour, label=_plain(name))
        left += values
    axes.set_yticks(positions, [_plain(_short(r, 32)) for r in rows])
    axes.invert_yaxis()
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.tick_params(colors=INK, labelsize=_FONT)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    # Above the bars, in one row: never over a bar.
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(series), fontsize=_FONT - 1, frameon=False)
    return _svg(figure, label)
