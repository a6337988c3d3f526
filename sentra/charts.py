"""Server-rendered SVG charts: no JavaScript, every label escaped, figures identical to the table beside them."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

ROW_HEIGHT = 28
BAR_HEIGHT = 20
LABEL_WIDTH = 190
BAR_WIDTH = 300
VALUE_WIDTH = 170


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float
    display: str


def _plain_number(value: int | float) -> str:
    return number_format(value, decimal_pos=0 if isinstance(value, int) else 1, force_grouping=True)


def bars(rows: Sequence[tuple[str, int | float]], fmt: Callable[[int | float], str] = _plain_number) -> list[Bar]:
    """Turn (label, value) pairs into bars carrying the text shown both in the chart and in its table."""
    return [Bar(label=str(label), value=value, display=fmt(value)) for label, value in rows]


def bar_chart(data: Sequence[Bar], *, title: str, chart_id: str) -> SafeString:
    """Return a horizontal bar chart as inline SVG; the accessible figures live in a table next to it."""
    top = max((bar.value for bar in data), default=0) or 1
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = max(len(data), 1) * ROW_HEIGHT + 8
    parts = [
        format_html(
            '<svg class="chart" id="{}" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" '
            'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{}-title">{}</title>',
            chart_id,
            chart_id,
            width,
            height,
            chart_id,
            title,
        )
    ]
    for index, bar in enumerate(data):
        y = 4 + index * ROW_HEIGHT
        length = round(BAR_WIDTH * max(bar.value, 0) / top, 1)
        parts.append(
            format_html(
                '<g class="chart-row"><text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" rx="3"></rect>'
                '<text class="chart-value" x="{}" y="{}">{}</text></g>',
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT - 5,
                _shorten(bar.label),
                LABEL_WIDTH,
                y,
                length,
                BAR_HEIGHT,
                LABEL_WIDTH + length + 6,
                y + BAR_HEIGHT - 5,
                bar.display,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part went through format_html


def _shorten(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# Phones (issue 16): the wide chart (660 units) shrunk into a 328 px column drew 6–7 px labels. The narrow
# drawing is 340 units wide, never shown wider than that, so its 13 px labels stay ≥ 12 px at 360 px; each
# label sits on its own line above its bar, so long names need no shortening.
NARROW_WIDTH = 340
NARROW_VALUE_WIDTH = 96
NARROW_ROW = 44


def bar_chart_narrow(data: Sequence[Bar], *, title: str, chart_id: str) -> SafeString:
    """The same bars drawn for a phone: label above, bar below, value at the bar's end."""
    top = max((bar.value for bar in data), default=0) or 1
    room = NARROW_WIDTH - NARROW_VALUE_WIDTH
    height = max(len(data), 1) * NARROW_ROW + 4
    parts = [
        format_html(
            '<svg class="chart chart-narrow" id="{}" role="img" aria-labelledby="{}-title" viewBox="0 0 {} {}" '
            'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{}-title">{}</title>',
            chart_id,
            chart_id,
            NARROW_WIDTH,
            height,
            chart_id,
            title,
        )
    ]
    for index, bar in enumerate(data):
        y = index * NARROW_ROW
        length = round(room * max(bar.value, 0) / top, 1)
        parts.append(
            format_html(
                '<g class="chart-row"><text class="chart-label" x="0" y="{}">{}</text>'
                '<rect class="chart-bar" x="0" y="{}" width="{}" height="14" rx="3"></rect>'
                '<text class="chart-value" x="{}" y="{}">{}</text></g>',
                y + 16,
                _shorten(bar.label, 48),
                y + 22,
                length,
                length + 6,
                y + 34,
                bar.display,
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part went through format_html


def responsive_bar_chart(data: Sequence[Bar], *, title: str, chart_id: str) -> SafeString:
    """Both drawings; CSS shows the narrow one below 576 px and the wide one above (the other is display:none,
    so a screen reader meets one chart)."""
    wide = bar_chart(data, title=title, chart_id=chart_id)
    narrow = bar_chart_narrow(data, title=title, chart_id=f"{chart_id}-narrow")
    return mark_safe(str(wide) + str(narrow))  # noqa: S308 - both built with format_html
