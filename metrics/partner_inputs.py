"""The partner network's inputs, validated (measures.md, "Partner network"; the rules where
measures.md is silent are in metrics/partner_network.py's docstring): the listed partners, the
reports whose ends are both listed, and the partners that returned the questionnaire."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.scoring import require_columns
from samenwerkingsmonitor.vocabulary import ALL_GROUPS, ALL_NETWORKS, SECTORS

FREQUENCIES = (0, 1, 2, 3)
"""never, a few times, monthly, weekly."""
KEYS = ["network", "wave"]
RATING_MIN = 1.0
RATING_MAX = 4.0


def listed_partners(partners: pd.DataFrame) -> pd.DataFrame:
    """The validated partner lists: network, wave, partner, sector."""
    require_columns(partners, [*KEYS, "partner", "sector"], "partners")
    listed = partners[[*KEYS, "partner", "sector"]].reset_index(drop=True)
    if (listed["network"] == ALL_NETWORKS).any():
        raise ValueError(f'partners must not use the pooled network code "{ALL_NETWORKS}"')
    if (listed["partner"] == ALL_GROUPS).any():
        # partner_ratings uses the partner code as suppression part next to the total "all".
        raise ValueError(f'a partner must not have the code "{ALL_GROUPS}"')
    if listed["partner"].isna().any():
        raise ValueError("partners has a row without a partner code")
    if listed.duplicated([*KEYS, "partner"]).any():
        raise ValueError("partners lists one partner twice in one network x wave")
    unknown = sorted(set(listed["sector"].dropna()) - set(SECTORS)) + (
        ["(empty)"] if listed["sector"].isna().any() else []
    )
    if unknown:
        raise ValueError(f"partners has unknown sector(s) {unknown}; expected one of {SECTORS}")
    return listed


def is_listed(listed: pd.DataFrame, frame: pd.DataFrame, column: str) -> np.ndarray:
    """Whether frame[column] is listed for the row's network x wave."""
    keys = pd.MultiIndex.from_frame(listed[[*KEYS, "partner"]])
    wanted = pd.MultiIndex.from_arrays([frame["network"], frame["wave"], frame[column]])
    return wanted.isin(keys)


def valid_reports(listed: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Report rows whose reporter and `about` are both listed (any frequency), validated.

    Columns network, wave, reporter, about, frequency (float, NaN = not answered), trust, value.
    """
    require_columns(reports, [*KEYS, "reporter", "about", "frequency"], "reports")
    frame = reports[[*KEYS, "reporter", "about", "frequency"]].reset_index(drop=True)
    for rating in ("trust", "value"):
        frame[rating] = (
            pd.to_numeric(reports[rating], errors="raise").astype(float).to_numpy()
            if rating in reports
            else np.nan
        )
    frame["frequency"] = pd.to_numeric(frame["frequency"], errors="raise").astype(float)
    keep = (
        is_listed(listed, frame, "reporter")
        & is_listed(listed, frame, "about")
        & (frame["reporter"] != frame["about"]).to_numpy()
    )
    frame = frame[keep].reset_index(drop=True)
    if frame.duplicated([*KEYS, "reporter", "about"]).any():
        raise ValueError("reports has more than one row for one reporter x about in a wave")
    bad = frame["frequency"].notna() & ~frame["frequency"].isin(FREQUENCIES)
    if bad.any():
        raise ValueError(
            f"reports has frequency {sorted(frame.loc[bad, 'frequency'].unique())}; "
            f"expected one of {FREQUENCIES}"
        )
    for rating in ("trust", "value"):
        out_of_scale = frame[rating].notna() & ~frame[rating].between(RATING_MIN, RATING_MAX)
        if out_of_scale.any():
            raise ValueError(f"reports has {rating} outside {RATING_MIN}-{RATING_MAX}")
    return frame


def returned_partners(
    listed: pd.DataFrame, respondents: pd.DataFrame, valid_reports: pd.DataFrame
) -> pd.DataFrame:
    """Listed partners that returned the questionnaire: network, wave, partner (module rules)."""
    require_columns(respondents, [*KEYS, "partner"], "respondents")
    answered = respondents[[*KEYS, "partner"]]
    answered = answered[is_listed(listed, answered, "partner")]
    filed = valid_reports[[*KEYS, "reporter"]].rename(columns={"reporter": "partner"})
    both = pd.concat([answered, filed], ignore_index=True).drop_duplicates()
    return both.sort_values([*KEYS, "partner"], ignore_index=True)
