"""The partner network in numbers drawn: the sector × sector matrix of ties as a heatmap and
one figure of the network over the waves on the road to its 2028 target (pure builders from
small DataFrames, tested without a browser)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.partner_network import COUNTS, RATING_RANGE, RATINGS, SHARES, format_value
from charts.style import (
    OKABE_ITO,
    SEQUENTIAL,
    SUPPRESSED_MARK,
    WaveAxis,
    empty_figure,
    house_style,
    road_trace,
)
from dashboard.i18n import t
from dashboard.partner_map import sector_label
from metrics.partner_network import sector_matrix as count_sector_ties


def sector_matrix(partners: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    """Ties between sectors of one network × wave as a square, symmetric table of counts over
    the sectors that have listed partners (metrics.partner_network.sector_matrix, pivoted).

    ``partners``: partner, sector. ``ties``: a, b (ties with an unlisted end are left out).
    """
    if partners.empty:
        return pd.DataFrame(dtype="int64")
    one = {"network": "-", "wave": "-"}
    cells = count_sector_ties(
        partners[["partner", "sector"]].assign(**one), ties[["a", "b"]].assign(**one)
    )
    present = list(dict.fromkeys(cells["sector_a"]))  # in SECTORS order
    return cells.pivot(index="sector_a", columns="sector_b", values="ties").reindex(
        index=present, columns=present
    )


def matrix_figure(matrix: pd.DataFrame, lang: str) -> go.Figure:
    """The sector × sector matrix as a heatmap with the count written in every cell."""
    if matrix.empty:
        return empty_figure(t("pn_no_wave_data", lang))
    labels = [sector_label(s, lang) for s in matrix.index]
    counts = matrix.to_numpy().tolist()
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=labels,
            y=labels,
            text=[[str(v) for v in row] for row in counts],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=max(1, int(matrix.to_numpy().max())),
            xgap=2,
            ygap=2,
            showscale=False,  # every cell carries its count: no colour bar to read
        )
    )
    fig.update_xaxes(tickangle=-45, showgrid=False, side="bottom")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig = house_style(fig, 220 + 40 * len(labels), lang)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 20, "b": 10})
    return fig


def figure_over_time(
    rows: pd.DataFrame, subject: str, lang: str, *, road: dict | None = None, title: str = ""
) -> go.Figure:
    """One figure of the partner network over the waves on its own scale (shares 0–100%, trust
    and value 1–4, counts from 0 as bars), with the straight road to its 2028 target when it has
    one. A suppressed wave draws no point: it is marked 'too few respondents'.

    ``rows``: wave, reference_date, value, suppressed.
    """
    if rows.empty:
        return empty_figure(t("pn_no_wave_data", lang))
    s = rows.sort_values("reference_date")
    suppressed = s["suppressed"].astype(bool)
    shown = s.loc[~suppressed]
    values = shown["value"].astype(float)
    axis = WaveAxis(s[["wave", "reference_date"]], road["target_date"] if road else None)
    comma = lang == "nl"
    texts = [format_value(subject, v, decimal_comma=comma) for v in values]
    fig = go.Figure()
    if subject in COUNTS:
        fig.add_trace(
            go.Bar(
                x=axis.of_wave(shown["wave"]),
                y=values,
                marker={"color": OKABE_ITO[0]},
                name=title,
                text=texts,
                textposition="outside",
                customdata=list(zip(shown["wave"], texts)),
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
                width=0.4,  # of a year on the wave axis
            )
        )
    else:
        fig.add_trace(
            go.Scatter(
                x=axis.of_wave(shown["wave"]),
                y=values,
                mode="lines+markers",
                line={"color": OKABE_ITO[0], "width": 3},
                marker={"size": 9},
                name=title,
                customdata=list(zip(shown["wave"], texts)),
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
            )
        )
    if road:
        labels = [
            format_value(subject, road["baseline"], decimal_comma=comma),
            format_value(subject, road["target"], decimal_comma=comma),
        ]
        fig.add_trace(road_trace(road, lang, labels, axis=axis))
    for _, row in s.loc[suppressed].iterrows():
        fig.add_annotation(
            x=axis.labels[str(row["wave"])],
            y=1,
            yref="paper",
            text=f"{SUPPRESSED_MARK} {t('too_few', lang)}",
            showarrow=False,
            font={"size": 11, "color": "#555555"},
        )
    if subject in SHARES:
        fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    elif subject in RATINGS:
        fig.update_yaxes(range=[RATING_RANGE[0] - 0.05, RATING_RANGE[1] + 0.05], dtick=0.5)
    else:
        top = max([1.0, *values.dropna().tolist()])
        fig.update_yaxes(range=[0, top * 1.2 + 1], rangemode="tozero")
    fig.update_yaxes(title=title)
    axis.apply(fig, lang)
    fig.update_layout(showlegend=road is not None)
    return house_style(fig, 340, lang)
