"""The partner map's legend in words: what the colours, shapes, lines and borders mean (the
same shapes as on the map, drawn as small SVGs, so the legend does not depend on fonts)."""

from __future__ import annotations

from dash import html

from dashboard import partner_map
from dashboard.i18n import t


def legend(lang: str) -> html.Div:
    """What the colours, shapes, lines and borders of the map mean, in words."""

    def swatch(sector: str) -> html.Span:
        return html.Span(
            [
                html.Img(
                    src=partner_map.legend_symbol(sector),
                    alt="",  # the sector's name follows in words
                    width=14,
                    height=14,
                    className="me-1 align-baseline",
                ),
                partner_map.sector_label(sector, lang),
            ],
            className="me-3 text-nowrap",
        )

    def line(style: str, width: float, colour: str, text: str) -> html.Span:
        return html.Span(
            [
                html.Span(
                    style={
                        "display": "inline-block",
                        "width": "2.2em",
                        "borderTop": f"{max(width, 1.5)}px {style} {colour}",
                        "verticalAlign": "middle",
                    },
                    className="me-1",
                ),
                text,
            ],
            className="me-3 text-nowrap",
        )

    sectors = [swatch(sector) for sector in partner_map.SECTOR_COLOURS]
    ties = [
        line(
            partner_map.FREQUENCY_STYLES[f],
            partner_map.FREQUENCY_WIDTHS[f],
            "#888888",
            t(f"pn_freq_{f}", lang),
        )
        for f in partner_map.FREQUENCIES
    ]
    marks = [
        line("solid", 3, partner_map.AGREEMENT_COLOUR, t("pn_legend_agreement", lang)),
        line("solid", 3, partner_map.NEW_COLOUR, t("pn_legend_new", lang)),
        html.Span("→ " + t("pn_legend_one_sided", lang), className="me-3 text-nowrap"),
        html.Span(
            [
                html.Span(
                    style={
                        "display": "inline-block",
                        "width": "0.9em",
                        "height": "0.9em",
                        "borderRadius": "50%",
                        "border": "2px dashed #000000",
                        "verticalAlign": "middle",
                    },
                    className="me-1",
                ),
                t("pn_legend_isolate", lang),
            ],
            className="me-3 text-nowrap",
        ),
    ]
    return html.Div(
        [
            html.Div([html.Strong(t("pn_legend_sectors", lang) + ": "), *sectors]),
            html.Div([html.Strong(t("pn_legend_ties", lang) + ": "), *ties, *marks]),
        ],
        className="small mt-2 mb-2 d-flex flex-column gap-1",
        id="partners-legend",
    )
