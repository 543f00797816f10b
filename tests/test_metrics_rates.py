"""measures.md, Scores rule 10: response rates."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.rates import response_rates


def responses(counts: dict[tuple[str, str], int]) -> pd.DataFrame:
    rows = [(network, wave) for (network, wave), count in counts.items() for _ in range(count)]
    frame = pd.DataFrame(rows, columns=["network", "wave"])
    frame.insert(0, "response_id", np.arange(len(frame)))
    return frame


def as_dict(result: pd.DataFrame) -> dict[tuple[str, str], tuple]:
    return {
        (r.network, r.wave): (r.responses, r.invited, r.rate)
        for r in result.itertuples(index=False)
    }


def same(a: tuple, b: tuple) -> bool:
    return all(
        (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
        or x == pytest.approx(y)
        for x, y in zip(a, b, strict=True)
    )


def test_response_rates_hand_computed() -> None:
    answered = responses(
        {
            ("N1", "2024"): 8,
            ("N2", "2024"): 3,
            ("N4", "2024"): 5,
            ("N1", "2025"): 5,
            ("N2", "2025"): 5,
        }
    )
    # a response listed twice counts once
    answered = pd.concat([answered, answered.iloc[[0]]], ignore_index=True)
    invited = pd.DataFrame(
        [
            ("N1", "2024", 20),
            ("N2", "2024", np.nan),
            ("N3", "2024", 10),
            ("N4", "2024", 0),
            ("N1", "2025", 10),
            ("N2", "2025", 40),
        ],
        columns=["network", "wave", "invited"],
    )
    got = as_dict(response_rates(answered, invited))
    nan = float("nan")
    expected = {
        ("N1", "2024"): (8, 20.0, 0.4),  # 8 / 20
        ("N2", "2024"): (3, nan, nan),  # invited unknown
        ("N3", "2024"): (0, 10.0, 0.0),  # invited, nobody answered: 0 / 10
        ("N4", "2024"): (5, 0.0, nan),  # invited 0: no rate
        # ALL 2024: 8 + 3 + 0 + 5 = 16 responses; N2 has responses and unknown invited -> NaN.
        ("ALL", "2024"): (16, nan, nan),
        ("N1", "2025"): (5, 10.0, 0.5),
        ("N2", "2025"): (5, 40.0, 0.125),
        # ALL 2025: 10 / (10 + 40) = 0.2
        ("ALL", "2025"): (10, 50.0, 0.2),
    }
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert same(got[key], value), (key, got[key], value)


def test_unknown_invited_without_responses_does_not_block_the_pool() -> None:
    # N2 has no responses and an unknown invited count: ALL = 6 / 12 = 0.5.
    invited = pd.DataFrame(
        [("N1", "w", 12.0), ("N2", "w", np.nan)], columns=["network", "wave", "invited"]
    )
    got = as_dict(response_rates(responses({("N1", "w"): 6}), invited))
    assert same(got[("ALL", "w")], (6, 12.0, 0.5))


def test_duplicate_invited_is_refused() -> None:
    invited = pd.DataFrame(
        [("N1", "w", 12.0), ("N1", "w", 13.0)], columns=["network", "wave", "invited"]
    )
    with pytest.raises(ValueError, match="more than one count"):
        response_rates(responses({("N1", "w"): 6}), invited)
