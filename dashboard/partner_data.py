"""The stored partner network of one network (`partner_queries.partner_network`) read for the page:
its relational waves, who was listed in a wave, names, sectors, positions and agreements.
Small pure helpers on that dict of frames; nothing here reads the database."""

from __future__ import annotations

import pandas as pd

from dashboard import partner_map
from dashboard.components import is_missing
from dashboard.i18n import t
from samenwerkingsmonitor.catalogue import has


def wave_codes(data: dict) -> list[str]:
    return data["waves"]["wave"].tolist()


def resolve_wave(data: dict, wave: str | None) -> str | None:
    """The asked relational wave when the network has it, else its latest one (None: none)."""
    codes = wave_codes(data)
    return wave if wave in codes else (codes[-1] if codes else None)


def previous_wave(data: dict, wave: str) -> str | None:
    codes = wave_codes(data)
    position = codes.index(wave)
    return codes[position - 1] if position > 0 else None


def reference_date(data: dict, wave: str):
    rows = data["waves"].loc[data["waves"]["wave"] == wave, "reference_date"]
    return rows.iloc[0] if len(rows) else None


def wave_ties(data: dict, wave: str | None) -> pd.DataFrame:
    return data["ties"].loc[data["ties"]["wave"] == wave]


def listed(data: dict, wave: str) -> pd.DataFrame:
    """The partners on the wave's list (partner, name, sector); the ends of the wave's ties
    too, so that no tie is left without its organisations when a list is incomplete."""
    ties = wave_ties(data, wave)
    members = set(data["memberships"].loc[data["memberships"]["wave"] == wave, "partner"])
    codes = members | set(ties["a"]) | set(ties["b"])
    partners = data["partners"]
    return partners.loc[partners["partner"].isin(codes)].reset_index(drop=True)


def names_of(data: dict) -> dict[str, str]:
    return dict(zip(data["partners"]["partner"], data["partners"]["name"]))


def sectors_of(data: dict) -> dict[str, str]:
    return dict(zip(data["partners"]["partner"], data["partners"]["sector"]))


def positions(data: dict) -> dict[str, tuple[float, float]]:
    """Positions over the union of every wave's partners and ties: nodes stay put."""
    ties = data["ties"]
    codes = set(data["memberships"]["partner"]) | set(ties["a"]) | set(ties["b"])
    codes &= set(data["partners"]["partner"])
    return partner_map.layout_positions(codes, zip(ties["a"], ties["b"]))


def agreements_in_force(data: dict, wave: str) -> set[tuple[str, str]]:
    return partner_map.agreement_pairs(
        data["agreements"], data["agreement_partners"], reference_date(data, wave)
    )


def topic_label(code: str, lang: str) -> str:
    # The agreements page owns the topic labels; a code without one is shown readable.
    key = f"agreement_topic_{code}"
    return t(key, lang) if has(key) else str(code).replace("_", " ")


def date_text(value) -> str:
    return "–" if is_missing(value) or pd.isna(value) else f"{pd.Timestamp(value):%d-%m-%Y}"


def reported_by(by_a: bool, by_b: bool, a_name: str, b_name: str, lang: str) -> str:
    if by_a and by_b:
        return t("pn_both", lang)
    return a_name if by_a else b_name


def agreements_table(data: dict, lang: str, partner: str | None = None) -> pd.DataFrame:
    """The network's agreements (or those one partner takes part in): topic, partners, since,
    next evaluation, description."""
    names = names_of(data)
    members = data["agreement_partners"]
    records = []
    for agreement in data["agreements"].itertuples(index=False):
        codes = members.loc[members["agreement_id"] == agreement.id, "partner"].tolist()
        if partner is not None and partner not in codes:
            continue
        records.append(
            {
                t("pn_topic", lang): topic_label(agreement.topic, lang),
                t("pn_partners", lang): ", ".join(sorted(names.get(c, c) for c in codes)),
                t("pn_since", lang): date_text(agreement.since),
                t("pn_next_evaluation", lang): date_text(agreement.next_evaluation),
                t("pn_description", lang): agreement.description,
            }
        )
    return pd.DataFrame(records)
