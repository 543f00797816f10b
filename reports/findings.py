"""What asks for attention, read off the stored figures and records: stuck and silent projects,
themes behind on the road to 2028, goals past their deadline, agreements past their evaluation
date, a response rate that fell. The report's management summary and the digest's first block
both say these; neither recomputes a figure — a status, a date or a stored value is compared.

Each finding has a stable `key` (kind and subject), so the digest can tell what is new since the
previous digest and what was resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from reports.wording import missing
from samenwerkingsmonitor.vocabulary import ALL_NETWORKS

# A response rate "fell" when it is at least one percentage point lower: a smaller difference is
# one or two respondents on an invited count that grew, not news for a steering group.
RESPONSE_FALL = 0.01


@dataclass(frozen=True)
class Finding:
    kind: str  # stuck, silent, behind, goal_overdue, agreement_overdue, response_fell, proposal
    subject: str  # project, theme, goal code, agreement id, wave or proposal id
    network: str
    facts: tuple = ()  # what the sentence needs, in order (names, dates, values), as text

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.network}:{self.subject}"


def stuck_projects(status: pd.DataFrame, network: str) -> list[Finding]:
    """Projects whose latest status in the network is `vastgelopen`."""
    rows = status[(status["network"] == network) & (status["status"] == "vastgelopen")]
    return [
        Finding("stuck", r["project"], network, (_day(r["submitted_at"]),))
        for _, r in rows.iterrows()
    ]


def silent_projects(status: pd.DataFrame, network: str) -> list[Finding]:
    """Active projects without an update for more than the stale days (about two months),
    including those the network never reported on."""
    rows = status[(status["network"] == network) & status["active"] & status["stale"]]
    return [
        Finding("silent", r["project"], network, (_day(r["submitted_at"]),))
        for _, r in rows.iterrows()
    ]


def behind_themes(series: pd.DataFrame, network: str, measure: str = "theme") -> list[Finding]:
    """Themes (or vision elements) whose official status — at the network's latest wave with an
    unsuppressed value — is `achter`."""
    own = series[(series["network"] == network) & (series["measure"] == measure)]
    own = own[~own["suppressed"].astype(bool)].sort_values("reference_date")
    latest = own.groupby("subject").tail(1)
    rows = latest[latest["status"] == "achter"]
    return [Finding("behind", r["subject"], network, (str(r["wave"]),)) for _, r in rows.iterrows()]


def overdue_goals(goals: pd.DataFrame, network: str | None, today: date) -> list[Finding]:
    """SMART goals whose deadline has passed without the target reached (`network` None: the
    consortium's own goals)."""
    own = goals[goals["network"].isna()] if network is None else goals[goals["network"] == network]
    found = []
    for _, g in own.iterrows():
        if pd.Timestamp(g["deadline"]).date() >= today or reached(g):
            continue
        found.append(
            Finding("goal_overdue", g["goal"], network or ALL_NETWORKS, (_day(g["deadline"]),))
        )
    return found


def reached(goal) -> bool:
    """Whether a goal's latest measured value reaches its target, in the goal's direction."""
    latest = goal["latest_value"]
    if missing(latest):
        return False
    if goal["target_value"] >= goal["baseline_value"]:
        return float(latest) >= float(goal["target_value"])
    return float(latest) <= float(goal["target_value"])


def overdue_agreements(agreements: pd.DataFrame, network: str, today: date) -> list[Finding]:
    """Agreements whose evaluation date has passed."""
    rows = agreements[
        (agreements["network"] == network)
        & agreements["next_evaluation"].notna()
        & (agreements["next_evaluation"] < pd.Timestamp(today))
    ]
    return [
        Finding(
            "agreement_overdue", str(r["id"]), network, (r["topic"], _day(r["next_evaluation"]))
        )
        for _, r in rows.iterrows()
    ]


def response_fell(series: pd.DataFrame, network: str) -> list[Finding]:
    """The response rate of the network's latest wave, when at least RESPONSE_FALL lower than
    that of the wave before (both published)."""
    rates = series[(series["network"] == network) & (series["measure"] == "response_rate")]
    rates = rates[~rates["suppressed"].astype(bool)].dropna(subset=["value"])
    rates = rates.sort_values("reference_date")
    if len(rates) < 2:
        return []
    before, latest = rates.iloc[-2], rates.iloc[-1]
    if float(before["value"]) - float(latest["value"]) < RESPONSE_FALL - 1e-9:
        return []
    facts = (str(before["wave"]), float(before["value"]), float(latest["value"]))
    return [Finding("response_fell", str(latest["wave"]), network, facts)]


def open_proposals(proposals: pd.DataFrame, network: str) -> list[Finding]:
    rows = proposals[proposals["network"] == network]
    return [
        Finding("proposal", str(r["id"]), network, (r["name"], _day(r["proposed_at"])))
        for _, r in rows.iterrows()
    ]


def _day(value) -> str | None:
    """An ISO date (or None): findings are stored as JSON by the digest."""
    if value is None or value is pd.NaT or missing(value) or pd.isna(value):
        return None
    return pd.Timestamp(value).date().isoformat()
