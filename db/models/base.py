"""The declarative base, the naming convention and the value lists the tables use.

The naming convention keeps constraint names identical on SQLite and PostgreSQL so migrations can
drop and alter them.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from samenwerkingsmonitor.vocabulary import (  # noqa: F401 (the models' vocabulary, re-exported)
    AGREEMENT_TOPICS,
    ELEMENT_KINDS,
    FREQUENCIES,
    INSTRUMENT_KINDS,
    ROLES,
    SECTORS,
    TOPICS,
    TRUST_STATEMENTS,
    UPDATE_STATUSES,
    VALUE_STATEMENTS,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _fk(target: str, **kw) -> Mapped[int]:
    return mapped_column(ForeignKey(target, ondelete="CASCADE"), **kw)
