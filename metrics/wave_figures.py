"""Every figure of one wave from its answers: the rules of measures.md composed, suppression
applied last. Pure: DataFrames in, one DataFrame of snapshot rows out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.agreement import agreement
from metrics.rates import response_rates
from metrics.reliability import cronbach_alpha
from metrics.scoring import aggregate, score_respondents
from metrics.snapshots import SNAPSHOT_COLUMNS
from metrics.suppression import suppress
from samenwerkingsmonitor.vocabulary import ALL_GROUPS


def wave_snapshots(
    answers: pd.DataFrame,
    responses: pd.DataFrame,
    items: pd.DataFrame,
    invited: dict[str, int],
    threshold: int,
) -> pd.DataFrame:
    """Every figure of one wave, suppressed (measures.md rules 1–7, 9, 10 and Suppression)."""
    scores = score_respondents(answers, items)
    parts = [suppress(aggregate(scores), threshold)]
    agree = agreement(scores)
    if len(agree):
        parts.append(suppress(agree, threshold).rename(columns={"iqr": "value"}))
    alpha = cronbach_alpha(scores, items, threshold)
    if len(alpha):
        parts.append(
            suppress(alpha.drop(columns="k"), threshold).rename(columns={"alpha": "value"})
        )
    wave = responses["wave"].iloc[0] if len(responses) else None
    invited_frame = pd.DataFrame(
        {"network": list(invited), "wave": wave, "invited": list(invited.values())}
    )
    rates = response_rates(responses, invited_frame)
    if len(rates):
        rates = rates.assign(
            group=ALL_GROUPS,
            measure="response_rate",
            subject="responses",
            n=rates["responses"],
            value=rates["rate"],
        )
        parts.append(
            suppress(
                rates[["network", "wave", "group", "measure", "subject", "n", "value"]],
                threshold,
                figure_columns=["value"],
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    for column in SNAPSHOT_COLUMNS:
        if column not in frame:
            frame[column] = np.nan
    return frame[SNAPSHOT_COLUMNS]
