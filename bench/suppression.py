"""Timing of `metrics.suppression.suppress` alone on a national-size frame (measures.md, Suppression).

66 networks × 6 respondent groups × 40 items × 10 waves, with the `all` group and the `ALL`
network as sums (about 190,000 rows), counts drawn so that many group cells fall under the
threshold: the complement rule has work to do at both levels. Prints the median of a few runs and
how many cells each reason suppressed.

    python bench/suppression.py [--repeat 5] [--seed 20240229]

It is a report, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from metrics.scoring import ALL_GROUPS, ALL_NETWORKS  # noqa: E402
from metrics.suppression import suppress  # noqa: E402

NETWORKS = 66
GROUPS = 6
ITEMS = 40
WAVES = 10


def synthetic(seed: int) -> pd.DataFrame:
    """Network × group × item × wave counts with both margins, as `aggregate` returns them."""
    rng = np.random.default_rng(seed)
    networks = [f"N{i:02d}" for i in range(NETWORKS)]
    groups = [f"G{g}" for g in range(GROUPS)]
    # Respondents per network × wave × group: networks of 30 to 500 respondents, unevenly split,
    # so small groups are common; per item a few respondents skip the statement.
    size = rng.integers(30, 501, size=(WAVES, NETWORKS, 1))
    shares = rng.dirichlet(np.full(GROUPS, 5.0), size=(WAVES, NETWORKS))
    respondents = np.floor(size * shares).astype(int)
    skipped = rng.binomial(respondents[..., None], 0.05, size=(*respondents.shape, ITEMS))
    n = respondents[..., None] - skipped  # wave × network × group × item
    n = np.concatenate([n, n.sum(axis=2, keepdims=True)], axis=2)  # the `all` group
    n = np.concatenate([n, n.sum(axis=1, keepdims=True)], axis=1)  # the `ALL` network
    index = pd.MultiIndex.from_product(
        [
            [f"W{w:02d}" for w in range(WAVES)],
            [*networks, ALL_NETWORKS],
            [*groups, ALL_GROUPS],
            [f"I{i:02d}" for i in range(ITEMS)],
        ],
        names=["wave", "network", "group", "subject"],
    )
    frame = pd.DataFrame({"n": n.ravel()}, index=index).reset_index()
    frame = frame.assign(measure="item", mean=3.0, sd=1.0, score_100=50.0)
    return frame[["network", "wave", "group", "measure", "subject", "n", "mean", "sd", "score_100"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20240229)
    args = parser.parse_args(argv)
    frame = synthetic(args.seed)
    seconds = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = suppress(frame, 5)
        seconds.append(time.perf_counter() - start)
    reasons = result["suppressed_reason"].value_counts().to_dict()
    print(f"rows: {len(frame)}; suppressed by reason: {reasons}")
    print(
        f"suppress(): median {statistics.median(seconds):.3f} s, "
        f"min {min(seconds):.3f} s over {args.repeat} runs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
