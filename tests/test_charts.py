"""The SVG bar chart helper: escaped labels, one bar per figure, the same figures as the table."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own SVG

from django.utils import translation

from sentra.charts import bar_chart, bars

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted input


def test_the_chart_draws_one_bar_per_row_with_the_same_figures_as_given():
    data = bars([("Lampung Utara", 12), ("Kota Metro", 3), ("Pesawaran", 0)])

    svg = parse(bar_chart(data, title="UMKM per daerah", chart_id="c1"))

    values = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-value"]
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-label"]
    assert labels == ["Lampung Utara", "Kota Metro", "Pesawaran"]
    assert values == [bar.display for bar in data] == ["12", "3", "0"]
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "UMKM per daerah"


def test_the_longest_bar_is_the_largest_value_and_zero_draws_no_bar():
    svg = parse(bar_chart(bars([("a", 5), ("b", 10), ("c", 0)]), title="t", chart_id="c"))

    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[1] == max(widths)
    assert widths[0] == widths[1] / 2
    assert widths[2] == 0


def test_labels_and_titles_are_escaped():
    svg = str(bar_chart(bars([("<script>alert(1)</script>", 1)]), title='"><b>', chart_id="x"))

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "<b>" not in svg
    parse(svg)  # still well-formed


def test_an_empty_chart_is_still_valid_svg():
    svg = parse(bar_chart([], title="kosong", chart_id="e"))

    assert list(svg.iter(f"{SVG}rect")) == []


def test_large_numbers_are_grouped_the_indonesian_way():
    with translation.override("id"):
        [bar] = bars([("Omzet", 1250000)])

    assert re.fullmatch(r"1\.250\.000", bar.display)


def test_the_narrow_drawing_keeps_every_label_whole_and_both_drawings_show_the_same_figures():
    from sentra.charts import NARROW_WIDTH, responsive_bar_chart

    data = bars([("Kabupaten Lampung Selatan dan sekitarnya", 12), ("Kota Metro", 3)])
    both = ET.fromstring(f"<div>{responsive_bar_chart(data, title='t', chart_id='c')}</div>")  # noqa: S314
    wide, narrow = both.findall(f"{SVG}svg")
    assert (wide.get("class"), narrow.get("class")) == ("chart", "chart chart-narrow")
    assert narrow.get("viewBox").split()[2] == str(NARROW_WIDTH)
    labels = [t.text for t in narrow.iter(f"{SVG}text") if t.get("class") == "chart-label"]
    assert labels == ["Kabupaten Lampung Selatan dan sekitarnya", "Kota Metro"]
    values = [[t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-value"] for svg in (wide, narrow)]
    assert values[0] == values[1] == ["12", "3"]
    assert wide.get("id") != narrow.get("id")
