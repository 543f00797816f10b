"""Deterministic demo data for the partner network: partner lists, the relational questionnaire
and a few documented agreements, for every network of the framework's relational waves.

Shaped like the real thing (domain.md): a network of 16 to 26 organisations, GP practices and home
care most numerous, one or two hospitals, a hospice, volunteers; ties most likely where care
hands over (GP and home care, hospice and volunteers, the palliative team with everyone) and
growing a little each wave; about four in five partners answer, and an answering partner
sometimes forgets a tie that the other side reports. Pure: the same framework gives the same rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from samenwerkingsmonitor.framework import Framework

SEED = 2023  # the year of the exploration that first listed the collaborations by hand

# Sector → (code prefix, name patterns, how many per network unit).
SECTORS = {
    "huisarts": ("HA", ["Huisartsenpraktijk {place}", "Gezondheidscentrum {place}"], 5),
    "thuiszorg": ("TZ", ["Thuiszorg {place}", "Buurtzorg team {place}"], 4),
    "ziekenhuis": ("ZH", ["Ziekenhuis {place}"], 1),
    "vvt": ("VVT", ["Zorgcentrum {place}", "Verpleeghuis {place}"], 3),
    "hospice": ("HOS", ["Hospice {place}"], 1),
    "palliatief_team": ("PT", ["Palliatief team {place}"], 1),
    "vrijwilligers": ("VPTZ", ["VPTZ {place}"], 1),
    "sociaal_domein": ("SD", ["Sociaal wijkteam {place}", "Gemeente {place} (Wmo)"], 2),
    "overig": ("OV", ["Apotheek {place}", "Geestelijke verzorging {place}"], 1),
}
PLACES = {
    "UTS": ["Overvecht", "Leidsche Rijn", "Zuilen", "Lunetten", "Kanaleneiland", "Wittevrouwen"],
    "ZOU": ["Zeist", "Houten", "Bunnik", "Driebergen", "Doorn", "Wijk bij Duurstede"],
    "EEM": ["Amersfoort", "Soest", "Baarn", "Leusden", "Bunschoten"],
    "UTW": ["Woerden", "Montfoort", "IJsselstein", "Oudewater", "Harmelen"],
    "LEK": ["Nieuwegein", "Vianen", "Lopik", "Schoonhoven", "Lekkerkerk"],
    "NWV": ["Harderwijk", "Ermelo", "Nunspeet", "Putten", "Elburg", "Oldebroek"],
    "RIV": ["Tiel", "Culemborg", "Geldermalsen", "Zaltbommel", "Buren", "Maasdriel"],
}
# Extra chance of a tie between two sectors (either order) on top of the base chance.
AFFINITY = {
    ("huisarts", "thuiszorg"): 0.35,
    ("huisarts", "palliatief_team"): 0.30,
    ("thuiszorg", "palliatief_team"): 0.25,
    ("hospice", "vrijwilligers"): 0.55,
    ("huisarts", "hospice"): 0.20,
    ("thuiszorg", "ziekenhuis"): 0.20,
    ("ziekenhuis", "palliatief_team"): 0.50,
    ("vvt", "palliatief_team"): 0.25,
    ("huisarts", "sociaal_domein"): 0.05,
    ("sociaal_domein", "vrijwilligers"): 0.15,
}
AGREEMENT_TEXTS = [
    ("warme_overdracht", "Warme overdracht bij ontslag uit het ziekenhuis naar huis"),
    ("consultatie", "Consultatie van het palliatief team door huisartsen, binnen 24 uur"),
    ("beschikbaarheid_24_7", "24/7 bereikbaarheid van een verpleegkundige in de palliatieve fase"),
    ("gedeeld_zorgplan", "Eén gedeeld zorgplan (PZP) dat alle betrokken organisaties inzien"),
    ("scholing", "Gezamenlijke scholing over signaleren van de palliatieve fase"),
]


def demo_partners(fw: Framework) -> pd.DataFrame:
    """The partner list: network, code, name, sector, waves (relational wave codes, ';')."""
    waves = _relational_waves(fw)
    rng = np.random.default_rng(SEED)
    rows = []
    for n_index, network in enumerate(fw.networks):
        places = PLACES.get(network.code, [f"{network.name} {c}" for c in "ABCDEF"])
        unit = 0.8 if network.code == "EEM" else 1.0 + 0.1 * (n_index % 3)
        for sector, (prefix, patterns, per_unit) in SECTORS.items():
            count = max(1, int(round(per_unit * unit * rng.uniform(0.8, 1.25))))
            for i in range(count):
                place = places[(i + n_index) % len(places)]
                name = patterns[i % len(patterns)].format(place=place)
                if i >= len(places):
                    name += f" {i // len(places) + 1}"
                # A few organisations join later: the list grows with the network.
                first = 0 if rng.random() < 0.88 else int(rng.integers(1, max(2, len(waves))))
                rows.append(
                    {
                        "network": network.code,
                        "code": f"{prefix}{i + 1:02d}",
                        "name": name,
                        "sector": sector,
                        "waves": ";".join(waves[first:]),
                    }
                )
    return pd.DataFrame(rows, columns=["network", "code", "name", "sector", "waves"])


def demo_relational(fw: Framework, partners: pd.DataFrame) -> pd.DataFrame:
    """The relational questionnaire in the generic template's shape: one row per answering
    organisation and partner asked about."""
    waves = _relational_waves(fw)
    references = {w.code: w.reference_date for w in fw.waves}
    rng = np.random.default_rng(SEED + 1)
    rows = []
    for network, listed in partners.groupby("network", sort=False):
        sector = dict(zip(listed["code"], listed["sector"], strict=True))
        tied: dict[tuple[str, str], int] = {}  # pair → strength 1-3, carried across waves
        for w_index, wave in enumerate(waves):
            members = sorted(c for c, ws in zip(listed["code"], listed["waves"]) if wave in ws)
            tied = _next_ties(rng, members, sector, tied, w_index)
            answering = [c for c in members if rng.random() < 0.8]
            reference = references.get(wave) or date(2024 + w_index, 5, 1)
            start = datetime.combine(reference, datetime.min.time()) - timedelta(days=30)
            for reporter in answering:
                submitted = start + timedelta(minutes=int(rng.integers(0, 29 * 24 * 60)))
                warmth = rng.normal(0.15 * w_index, 0.35)  # this organisation's outlook
                for about in members:
                    if about == reporter:
                        continue
                    strength = tied.get(tuple(sorted((reporter, about))), 0)
                    if strength and rng.random() < 0.12:
                        strength = 0  # one side forgets the tie: either side suffices
                    rows.append(
                        _report(rng, network, wave, reporter, about, strength, warmth, submitted)
                    )
    return pd.DataFrame(rows)


def demo_agreements(partners: pd.DataFrame, relational: pd.DataFrame) -> list[dict]:
    """Two or three documented agreements per network between partners that work together."""
    rng = np.random.default_rng(SEED + 2)
    out = []
    latest = relational["wave"].max() if len(relational) else None
    for network in partners["network"].unique():
        reports = relational[
            (relational["network"] == network)
            & (relational["wave"] == latest)
            & (relational["frequency"] >= 2)
        ]
        pairs = sorted({tuple(sorted(p)) for p in zip(reports["organisation"], reports["partner"])})
        for k in range(2 + int(rng.integers(0, 2))):
            if not pairs:
                break
            a, b = pairs[int(rng.integers(0, len(pairs)))]
            topic, text = AGREEMENT_TEXTS[(k + len(out)) % len(AGREEMENT_TEXTS)]
            since = date(2023, 1, 1) + timedelta(days=int(rng.integers(0, 3 * 365)))
            out.append(
                {
                    "network": network,
                    "topic": topic,
                    "description": text,
                    "since": since,
                    # Some evaluations are overdue on purpose: the register shows them.
                    "next_evaluation": since + timedelta(days=int(rng.integers(365, 3 * 365))),
                    "partners": [a, b],
                }
            )
    return out


def _relational_waves(fw: Framework) -> list[str]:
    relational = {i.code for i in fw.instruments if i.kind == "relational"}
    return [w.code for w in fw.waves if w.instrument in relational]


def _next_ties(
    rng: np.random.Generator,
    members: list[str],
    sector: dict[str, str],
    previous: dict[tuple[str, str], int],
    w_index: int,
) -> dict[tuple[str, str], int]:
    """Ties of the next wave: most ties last, new ones grow where sectors hand over care."""
    ties = {}
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            pair = (a, b)
            if pair in previous:
                if rng.random() < 0.9:
                    ties[pair] = min(3, previous[pair] + int(rng.random() < 0.2))
                continue
            key = tuple(sorted((sector[a], sector[b])))
            chance = 0.06 + 0.04 * w_index + AFFINITY.get(key, 0.0)  # type: ignore[arg-type]
            if rng.random() < chance:
                ties[pair] = int(rng.integers(1, 4))
    return ties


def _report(rng, network, wave, reporter, about, strength, warmth, submitted) -> dict:
    row = {
        "response_id": f"{network}-{wave}-{reporter}",
        "submitted_at": submitted,
        "network": network,
        "wave": wave,
        "organisation": reporter,
        "partner": about,
        "frequency": strength,
        "topics": None,
    }
    statements = [
        "trust_openness",
        "trust_reliability",
        "trust_mission",
        "value_influence",
        "value_resources",
        "value_involvement",
    ]
    if strength:
        topics = rng.choice(
            ["verwijzing", "consultatie", "gezamenlijke_zorg", "overdracht", "scholing"],
            size=int(rng.integers(1, 4)),
            replace=False,
        )
        row["topics"] = ";".join(sorted(topics))
        level = 2.6 + warmth + 0.2 * strength
        for name in statements:
            row[name] = int(np.clip(np.rint(level + rng.normal(0, 0.6)), 1, 4))
    else:
        row.update(dict.fromkeys(statements))
    return row
