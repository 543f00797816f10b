"""The organisation: the consortium, its networks and the respondent groups."""

from __future__ import annotations

from sqlalchemy import (
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk


class Consortium(Base):
    __tablename__ = "consortium"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Network(Base):
    __tablename__ = "network"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id", index=True)
    code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))


class RespondentGroup(Base):
    __tablename__ = "respondent_group"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
