"""Server-rendered SVG charts (pygal), fit for the app's Content-Security-Policy.

The policy allows styles from the site's own files only (style-src 'self'): the <style> element,
the <script> elements and the style attributes pygal writes into its SVG would be refused. They
are taken out here, and the look lives in static/css/results.css (`.chart svg ...`), so a chart
shows the same with or without the policy, and prints. No JavaScript: no tooltips, the values
are printed on the bars, and each chart stands next to the table that holds its data (the chart is
aria-hidden; the table is what a screen reader reads).
"""

from __future__ import annotations

from typing import Sequence

from lxml import etree
from markupsafe import Markup

SVG = "{http://www.w3.org/2000/svg}"


def _clean(svg: bytes) -> str:
    """Return the SVG without <style>, <script>, style attributes, ids or comments, hidden from
    assistive technology (its data table is next to it)."""
    root = etree.fromstring(svg)
    for element in list(root.iter(f"{SVG}style", f"{SVG}script", etree.Comment)):
        element.getparent().remove(element)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.attrib.pop("style", None)
    root.attrib.pop("id", None)
    root.set("aria-hidden", "true")
    root.set("focusable", "false")
    return etree.tostring(root, encoding="unicode")


def _drop_pygal_import_hook() -> None:
    """Take pygal's import hook off sys.meta_path.

    pygal puts it there for its map plugins (pygal.maps.*), which no chart here uses. It is an
    old-style finder without find_spec, so Python warns (ImportWarning) at every later import.
    """
    import sys

    sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]


def _percent_chart(kind: str, title: str, labels: Sequence[str], values: Sequence[float | None], **options) -> Markup:
    """Return a pygal chart of percentages (0 to 100), values printed on it, cleaned for the CSP."""
    # Imported here: only report pages draw charts.
    import pygal

    _drop_pygal_import_hook()

    chart = getattr(pygal, kind)(
        disable_xml_declaration=True,
        js=[],
        show_legend=False,
        range=(0, 100),
        print_values=True,
        value_formatter=lambda value: f"{value:.0f}%",
        width=800,
        height=320,
        margin=10,
        **options,
    )
    chart.x_labels = list(labels)
    chart.add(title, list(values))
    return Markup(_clean(chart.render(is_unicode=False)))


def percent_bars(title: str, labels: Sequence[str], values: Sequence[float | None]) -> Markup:
    """Return a bar chart of percentages (0 to 100) as inline SVG markup; None is a missing bar."""
    return _percent_chart("Bar", title, labels, values, x_label_rotation=0 if len(labels) <= 12 else 45)


def percent_line(title: str, labels: Sequence[str], values: Sequence[float | None]) -> Markup:
    """Return a line chart of percentages (0 to 100) over time as inline SVG markup, cleaned as
    percent_bars' is; None is a missing point (the line joins its neighbours)."""
    return _percent_chart(
        "Line",
        title,
        labels,
        values,
        x_label_rotation=0 if len(labels) <= 8 else 45,
        dots_size=4,
        # Room for the last point's value and date, which sit on the plot's right edge.
        margin_right=60,
    )
