"""The stored measurement framework: its versions, elements and links, the instruments,
themes and items of the questionnaires."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, _fk
from db.types import UTCDateTime


class FrameworkVersion(Base):
    """Each distinct framework file loaded; snapshots record which one they were computed with."""

    __tablename__ = "framework_version"
    __table_args__ = (UniqueConstraint("consortium_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    version: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(500))
    # When this file was stored last (framework_lookup.stored_as_latest).
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class FrameworkElement(Base):
    """A vision element (V1–V11), speerpunt, ambition, kernthema or actielijn."""

    __tablename__ = "framework_element"
    __table_args__ = (UniqueConstraint("consortium_id", "kind", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)


class ElementLink(Base):
    """Ambition → speerpunt, result goal → ambition and the like."""

    __tablename__ = "element_link"
    parent_id: Mapped[int] = _fk("framework_element.id", primary_key=True)
    child_id: Mapped[int] = _fk("framework_element.id", primary_key=True)


class Instrument(Base):
    __tablename__ = "instrument"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(
        String(20), default="questionnaire", server_default="questionnaire"
    )


class Theme(Base):
    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("instrument_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = _fk("instrument.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Item(Base):
    """A Likert statement. Items dropped from the framework stay (active=False) for old answers."""

    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("theme_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = _fk("theme.id", index=True)
    code: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str | None] = mapped_column(Text)
    reverse: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ItemElement(Base):
    """Links of an item to vision elements and speerpunten."""

    __tablename__ = "item_element"
    item_id: Mapped[int] = _fk("item.id", primary_key=True)
    element_id: Mapped[int] = _fk("framework_element.id", primary_key=True)
