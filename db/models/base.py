"""The declarative base, the naming convention and the value lists the tables use.

The naming convention keeps constraint names identical on SQLite and PostgreSQL so migrations can
drop and alter them.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.roles import ROLES  # noqa: F401 (part of the models' vocabulary)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Element kinds of the framework that are plain code lists (domain.md).
ELEMENT_KINDS = ("vision_element", "speerpunt", "ambition", "kernthema", "actielijn")
UPDATE_STATUSES = ("op_koers", "aandacht", "vastgelopen", "afgerond")
SECTORS = (
    "huisarts",
    "thuiszorg",
    "ziekenhuis",
    "vvt",
    "hospice",
    "palliatief_team",
    "vrijwilligers",
    "sociaal_domein",
    "overig",
)
# The relational questionnaire (measures.md, "Partner network"): how often two partners worked
# together in the last 12 months (the index is the stored value) and on what.
FREQUENCIES = ("nooit", "enkele_keren", "maandelijks", "wekelijks")
TOPICS = ("verwijzing", "consultatie", "gezamenlijke_zorg", "overdracht", "scholing", "afspraken")
TRUST_STATEMENTS = ("trust_openness", "trust_reliability", "trust_mission")
VALUE_STATEMENTS = ("value_influence", "value_resources", "value_involvement")
AGREEMENT_TOPICS = (
    "warme_overdracht",
    "consultatie",
    "beschikbaarheid_24_7",
    "gedeeld_zorgplan",
    "scholing",
    "overig",
)
INSTRUMENT_KINDS = ("questionnaire", "relational")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _fk(target: str, **kw) -> Mapped[int]:
    return mapped_column(ForeignKey(target, ondelete="CASCADE"), **kw)
