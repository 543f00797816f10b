"""Targets and the road to 2028 (measures.md, "Targets and the road to 2028").

Pure module: pandas/numpy only. Status codes are stored as codes; their labels are the UI's job.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.scoring import TOL  # the single definition (metrics contract)

REACHED = "bereikt"
ON_TRACK = "op_koers"
ATTENTION = "aandacht"
BEHIND = "achter"
STATUSES: tuple[str, ...] = (REACHED, ON_TRACK, ATTENTION, BEHIND)

HIGHER = "higher"
LOWER = "lower"
DIRECTIONS: tuple[str, ...] = (HIGHER, LOWER)

DEFAULT_TARGET_DATE = pd.Timestamp("2028-12-31")
DEFAULT_SCALE_MIN = 0.0
DEFAULT_SCALE_MAX = 100.0
DEFAULT_ON_TRACK = 2.5  # percent of the scale's range
DEFAULT_ATTENTION = 7.5  # percent of the scale's range

_TARGET_FIELDS = ["target", "target_date", "direction", "scale_min", "scale_max"]
_TARGET_KEYS = ["measure", "subject"]
_ADDED_COLUMNS = [
    "target",
    "target_date",
    "direction",
    "scale_min",
    "scale_max",
    "baseline",
    "baseline_date",
    "expected",
    "status",
    "is_latest",
]
_DAY = pd.Timedelta(days=1)


def _normalise_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """Targets table with every optional column present and typed (missing values kept as NaN)."""
    t = targets.copy()
    for col in ["network", *_TARGET_FIELDS]:
        if col not in t.columns:
            t[col] = np.nan
    missing = [c for c in _TARGET_KEYS if c not in t.columns]
    if missing:
        raise ValueError(f"targets lacks columns {missing}")
    t["network"] = t["network"].astype(object).where(t["network"].notna(), None)
    t["target"] = pd.to_numeric(t["target"], errors="raise").astype(float)
    t["target_date"] = pd.to_datetime(t["target_date"]).astype("datetime64[ns]")
    t["scale_min"] = pd.to_numeric(t["scale_min"], errors="raise").astype(float)
    t["scale_max"] = pd.to_numeric(t["scale_max"], errors="raise").astype(float)
    t["direction"] = t["direction"].astype(object).where(t["direction"].notna(), None)
    bad = t["direction"].notna() & ~t["direction"].isin(DIRECTIONS)
    if bad.any():
        raise ValueError(f"unknown target direction(s): {sorted(set(t.loc[bad, 'direction']))}")
    dup = t.assign(_net=t["network"].fillna("\0")).duplicated(["_net", *_TARGET_KEYS])
    if dup.any():
        raise ValueError("more than one target for the same network x measure x subject")
    return t[["network", *_TARGET_KEYS, *_TARGET_FIELDS]]


def resolve_targets(series: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The target that applies to each series row (measures.md, "Targets and the road to 2028").

    A target is configured per consortium (``network`` None/NaN: it applies to every network,
    ``ALL`` included) and optionally per network; the network's own target overrides the
    consortium's.  The override is field by field: a field the network row leaves empty
    (target date, direction, scale) falls back to the consortium row and then to the default
    (2028-12-31, "higher", 0-100).  Returns one row per series row (same order, fresh index)
    with the columns target, target_date, direction, scale_min, scale_max; target is NaN when
    no target applies.
    """
    t = _normalise_targets(targets)
    is_default = t["network"].isna()
    consortium = t.loc[is_default, _TARGET_KEYS + _TARGET_FIELDS]
    own = t.loc[~is_default, ["network", *_TARGET_KEYS, *_TARGET_FIELDS]]
    rows = series[["network", *_TARGET_KEYS]].reset_index(drop=True)
    rows = rows.assign(_row=np.arange(len(rows)))
    m = rows.merge(consortium, on=_TARGET_KEYS, how="left").merge(
        own, on=["network", *_TARGET_KEYS], how="left", suffixes=("_cons", "_net")
    )
    m = m.sort_values("_row").reset_index(drop=True)
    out = pd.DataFrame(index=m.index)
    for field in _TARGET_FIELDS:
        net, cons = m[f"{field}_net"], m[f"{field}_cons"]
        out[field] = net.where(net.notna(), cons)
    out["target"] = out["target"].astype(float)
    out["target_date"] = (
        pd.to_datetime(out["target_date"]).astype("datetime64[ns]").fillna(DEFAULT_TARGET_DATE)
    )
    out["direction"] = out["direction"].astype(object).where(out["direction"].notna(), HIGHER)
    out["scale_min"] = out["scale_min"].astype(float).fillna(DEFAULT_SCALE_MIN)
    out["scale_max"] = out["scale_max"].astype(float).fillna(DEFAULT_SCALE_MAX)
    has = out["target"].notna()
    if ((out["scale_max"] - out["scale_min"])[has] <= 0).any():
        raise ValueError("a target's scale_max must be greater than its scale_min")
    return out


def road_to_target(
    series: pd.DataFrame,
    targets: pd.DataFrame,
    on_track: float = DEFAULT_ON_TRACK,
    attention: float = DEFAULT_ATTENTION,
) -> pd.DataFrame:
    """Baseline, expected value and status on the road to the target.

    Implements measures.md, "Targets and the road to 2028":

    - target per consortium, optionally overridden per network (see :func:`resolve_targets`);
      target date defaults to 2028-12-31;
    - baseline B = the value at the network's first wave with an unsuppressed value for that
      measure x subject (first by reference date, then wave code); baseline_date d0 = that
      wave's reference date;
    - expected E(d) = B + (T - B) * (d - d0) / (dT - d0) at the row's reference date d, in days
      (E = T when dT == d0); the straight line is used as is, also before d0 and after dT;
    - status "bereikt" when value >= T, "op_koers" when value >= E - on_track% of the scale's
      range, "aandacht" when value >= E - attention% of the range, otherwise "achter"; every
      comparison allows TOL (1e-9) and is mirrored for a "lower is better" target.

    ``series`` has columns network, measure, subject, wave, reference_date, value (on the
    target's scale: score_100 of the score measures) and suppressed; an optional
    ``group`` column is kept apart (baseline and latest wave per group).  Returns one row per
    series row that has a target: the input columns plus target, target_date, direction,
    scale_min, scale_max, baseline, baseline_date, expected, status (the row's status as of its
    wave; None when the row is suppressed, has no value, or there is no baseline) and is_latest
    (True on the network's latest wave with an unsuppressed value: the official status).
    Dates in the output columns added here are datetime64; input columns are passed unchanged.
    """
    if not 0 <= on_track <= attention:
        raise ValueError("need 0 <= on_track <= attention (percent of the scale's range)")
    keys = _series_keys(series)
    base = series.reset_index(drop=True)
    resolved = resolve_targets(base, targets)
    has_target = resolved["target"].notna().to_numpy()
    df = pd.concat(
        [base.drop(columns=[c for c in _ADDED_COLUMNS if c in base.columns]), resolved], axis=1
    )
    df = df.loc[has_target].reset_index(drop=True)
    df["_row"] = np.arange(len(df))
    df["_rd"] = pd.to_datetime(df["reference_date"]).astype("datetime64[ns]")
    value = pd.to_numeric(df["value"]).astype(float)
    valid = ~df["suppressed"].fillna(False).astype(bool) & value.notna()
    df = _with_baseline(df, keys, value, valid)
    df["expected"] = _expected(df)
    df["status"] = _status(df, value, valid, on_track, attention)
    cols = [c for c in base.columns if c not in _ADDED_COLUMNS] + _ADDED_COLUMNS
    return df[cols]


def _series_keys(series: pd.DataFrame) -> list[str]:
    """The columns of one series (a group column, when present, keeps groups apart); refuses a
    series that lacks a column or has two rows for one wave."""
    required = ["network", "measure", "subject", "wave", "reference_date", "value", "suppressed"]
    missing = [c for c in required if c not in series.columns]
    if missing:
        raise ValueError(f"series lacks columns {missing}")
    keys = ["network", "measure", "subject"] + (["group"] if "group" in series.columns else [])
    if series.duplicated([*keys, "wave"]).any():
        raise ValueError(f"series has more than one row per {' x '.join(keys)} x wave")
    return keys


def _with_baseline(
    df: pd.DataFrame, keys: list[str], value: pd.Series, valid: pd.Series
) -> pd.DataFrame:
    """Baseline (value and date) = the series' first valid wave; is_latest = its last valid one
    (by reference date, then wave code)."""
    ordered = df.loc[valid, [*keys, "_row", "_rd", "wave"]].assign(_v=value[valid])
    ordered = ordered.sort_values(["_rd", "wave", "_row"], kind="stable")
    first = ordered.drop_duplicates(keys, keep="first")
    first = first[[*keys, "_v", "_rd"]].rename(columns={"_v": "baseline", "_rd": "baseline_date"})
    latest_rows = ordered.drop_duplicates(keys, keep="last")["_row"]
    df = df.merge(first, on=keys, how="left", sort=False).sort_values("_row")
    df = df.reset_index(drop=True)
    df["is_latest"] = df["_row"].isin(latest_rows).astype(bool)
    return df


def _expected(df: pd.DataFrame) -> pd.Series:
    """E(d) on the straight road from the baseline to the target, in days (T when dT == d0)."""
    span = (df["target_date"] - df["baseline_date"]) / _DAY
    elapsed = (df["_rd"] - df["baseline_date"]) / _DAY
    b, t = df["baseline"].astype(float), df["target"].astype(float)
    expected = b + (t - b) * (elapsed / span.where(span != 0))
    return expected.where(span != 0, t.where(b.notna())).astype(float)


def _status(
    df: pd.DataFrame, value: pd.Series, valid: pd.Series, on_track: float, attention: float
) -> pd.Series:
    """The status codes, mirrored for "lower is better" (compare sign * value against sign *
    threshold); None where the row is not valid or has no baseline."""
    sign = np.where(df["direction"].to_numpy() == LOWER, -1.0, 1.0)
    scale = (df["scale_max"] - df["scale_min"]).to_numpy(dtype=float)
    sv = sign * value.to_numpy(dtype=float)
    st = sign * df["target"].astype(float).to_numpy(dtype=float)
    se = sign * df["expected"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        reached = sv >= st - TOL
        on = sv >= se - on_track / 100.0 * scale - TOL
        att = sv >= se - attention / 100.0 * scale - TOL
    codes = np.select([reached, on, att], [REACHED, ON_TRACK, ATTENTION], default=BEHIND)
    status = pd.Series(codes, index=df.index, dtype=object)
    has_baseline = df["baseline"].notna().to_numpy()
    return status.where(valid.to_numpy() & has_baseline, None)
