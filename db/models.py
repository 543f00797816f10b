"""SQLAlchemy 2 models for the whole domain (domain.md, "Vocabulary for the code").

Every schema change is an Alembic migration in db/migrations; the naming convention below keeps
constraint names identical on SQLite and PostgreSQL so migrations can drop and alter them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.roles import ROLES  # noqa: F401 (part of the models' vocabulary)
from db.types import UTCDateTime

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


# --- organisation -------------------------------------------------------------------------------


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


class Partner(Base):
    """A member organisation (netwerkpartner) of one network."""

    __tablename__ = "partner"
    __table_args__ = (UniqueConstraint("network_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = _fk("network.id", index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(40))


class PartnerMembership(Base):
    """The relational waves in which a partner was listed for its network (density's n)."""

    __tablename__ = "partner_membership"
    partner_id: Mapped[int] = _fk("partner.id", primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)


class PartnerResponse(Base):
    """One organisation's relational questionnaire in one wave: one person speaks for it."""

    __tablename__ = "partner_response"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        UniqueConstraint("wave_id", "partner_id"),
        Index("ix_partner_response_partition", "wave_id", "network_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id")
    network_id: Mapped[int] = _fk("network.id")
    partner_id: Mapped[int] = _fk("partner.id")  # the reporting organisation
    source: Mapped[str] = mapped_column(String(80))
    external_id: Mapped[str] = mapped_column(String(120))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class PartnerReport(Base):
    """What one organisation answered about one other listed partner (frequency 0–3, see
    FREQUENCIES; topics comma-separated TOPICS; statements 1–4, NULL when not answered)."""

    __tablename__ = "partner_report"
    response_id: Mapped[int] = _fk("partner_response.id", primary_key=True)
    about_id: Mapped[int] = _fk("partner.id", primary_key=True)
    frequency: Mapped[int] = mapped_column(SmallInteger)
    topics: Mapped[str | None] = mapped_column(String(200))
    trust_openness: Mapped[int | None] = mapped_column(SmallInteger)
    trust_reliability: Mapped[int | None] = mapped_column(SmallInteger)
    trust_mission: Mapped[int | None] = mapped_column(SmallInteger)
    value_influence: Mapped[int | None] = mapped_column(SmallInteger)
    value_resources: Mapped[int | None] = mapped_column(SmallInteger)
    value_involvement: Mapped[int | None] = mapped_column(SmallInteger)


class NetworkTie(Base):
    """A tie {a, b} of one network in one relational wave, computed by the recompute (the map
    reads these; a < b). frequency is the higher of the two sides' reports."""

    __tablename__ = "network_tie"
    # The map reads one network's ties over all waves.
    __table_args__ = (Index("ix_network_tie_network", "consortium_id", "network"),)
    consortium_id: Mapped[int] = _fk("consortium.id")
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)
    network: Mapped[str] = mapped_column(String(8), primary_key=True)
    a: Mapped[str] = mapped_column(String(40), primary_key=True)
    b: Mapped[str] = mapped_column(String(40), primary_key=True)
    frequency: Mapped[int] = mapped_column(SmallInteger)
    by_a: Mapped[bool] = mapped_column(Boolean)
    by_b: Mapped[bool] = mapped_column(Boolean)


class Agreement(Base):
    """A documented transmural agreement (samenwerkingsafspraak) between partners of a network."""

    __tablename__ = "agreement"
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = _fk("network.id", index=True)
    topic: Mapped[str] = mapped_column(String(40))  # one of AGREEMENT_TOPICS
    description: Mapped[str] = mapped_column(Text)
    since: Mapped[date] = mapped_column(Date)
    next_evaluation: Mapped[date | None] = mapped_column(Date)
    updated_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class AgreementPartner(Base):
    __tablename__ = "agreement_partner"
    agreement_id: Mapped[int] = _fk("agreement.id", primary_key=True)
    partner_id: Mapped[int] = _fk("partner.id", primary_key=True)


class RespondentGroup(Base):
    __tablename__ = "respondent_group"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))


# --- measurement framework ----------------------------------------------------------------------


class FrameworkVersion(Base):
    """Each distinct framework file loaded; snapshots record which one they were computed with."""

    __tablename__ = "framework_version"
    __table_args__ = (UniqueConstraint("consortium_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    version: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(500))
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


# --- questionnaire data -------------------------------------------------------------------------


class Wave(Base):
    __tablename__ = "wave"
    __table_args__ = (UniqueConstraint("instrument_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = _fk("instrument.id")
    code: Mapped[str] = mapped_column(String(20))
    reference_date: Mapped[date | None] = mapped_column(Date)
    # False: the date follows the latest submitted_at until the framework fixes it (measures.md).
    reference_date_fixed: Mapped[bool] = mapped_column(Boolean, default=False)


class WaveNetwork(Base):
    """Invited count per network and wave (for the response rate)."""

    __tablename__ = "wave_network"
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)
    network_id: Mapped[int] = _fk("network.id", primary_key=True)
    invited: Mapped[int | None] = mapped_column(Integer)


class Response(Base):
    """One respondent's questionnaire. (source, external_id) makes re-ingest idempotent."""

    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_response_partition", "wave_id", "network_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id")
    network_id: Mapped[int] = _fk("network.id")
    group_id: Mapped[int] = _fk("respondent_group.id")
    source: Mapped[str] = mapped_column(String(80))
    external_id: Mapped[str] = mapped_column(String(120))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class Answer(Base):
    """value NULL means 'niet van toepassing' / 'weet niet': missing, never 0 or 3."""

    __tablename__ = "answer"
    response_id: Mapped[int] = _fk("response.id", primary_key=True)
    item_id: Mapped[int] = _fk("item.id", primary_key=True)
    value: Mapped[int | None] = mapped_column(SmallInteger)


class Partition(Base):
    """Change counter per network × wave: recompute handles partitions where data moved on."""

    __tablename__ = "partition"
    network_id: Mapped[int] = _fk("network.id", primary_key=True)
    wave_id: Mapped[int] = _fk("wave.id", primary_key=True)
    data_version: Mapped[int] = mapped_column(Integer, default=1)
    computed_version: Mapped[int] = mapped_column(Integer, default=0)


class MeasureSnapshot(Base):
    """One computed, already suppressed aggregate (measures.md). Pages read only these."""

    __tablename__ = "measure_snapshot"
    __table_args__ = (
        UniqueConstraint("wave_id", "network", "group", "measure", "subject"),
        Index("ix_measure_snapshot_lookup", "consortium_id", "measure", "subject"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    wave_id: Mapped[int] = _fk("wave.id")
    network: Mapped[str] = mapped_column(String(8))  # network code, or ALL
    group: Mapped[str] = mapped_column(String(20))  # group code, or all
    measure: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(40))
    n: Mapped[int | None] = mapped_column(Integer)
    mean: Mapped[float | None] = mapped_column(Float)
    sd: Mapped[float | None] = mapped_column(Float)
    ci_low: Mapped[float | None] = mapped_column(Float)
    ci_high: Mapped[float | None] = mapped_column(Float)
    score_100: Mapped[float | None] = mapped_column(Float)
    pct_positive: Mapped[float | None] = mapped_column(Float)
    # Items only: the share of item scores <= 2, for a reverse-coded item the share who agreed
    # with the statement as worded (its raw answer 4 or 5).
    pct_negative: Mapped[float | None] = mapped_column(Float)
    # The figure of measures that are not a mean: IQR, alpha, response rate.
    value: Mapped[float | None] = mapped_column(Float)
    verdict: Mapped[str | None] = mapped_column(String(20))
    previous_wave: Mapped[str | None] = mapped_column(String(20))
    difference: Mapped[float | None] = mapped_column(Float)
    p_value: Mapped[float | None] = mapped_column(Float)
    significant: Mapped[bool | None] = mapped_column(Boolean)
    # The road to the target (measures.md, "Targets and the road to 2028"), as of this wave.
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    expected: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(12))
    suppressed: Mapped[bool] = mapped_column(Boolean, default=False)
    suppressed_reason: Mapped[str | None] = mapped_column(String(20))
    framework_version: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


# --- projects and goals -------------------------------------------------------------------------


class Project(Base):
    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)


class ProjectTag(Base):
    """The ambition, speerpunten, kernthema's and actielijnen a project serves."""

    __tablename__ = "project_tag"
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    element_id: Mapped[int] = _fk("framework_element.id", primary_key=True)


class ProjectNetwork(Base):
    """Which networks take part in a project (not every network runs every project)."""

    __tablename__ = "project_network"
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    network_id: Mapped[int] = _fk("network.id", primary_key=True)


class StatusUpdate(Base):
    """A coordinator's report on a project in a network. Versioned: an edit adds a version."""

    __tablename__ = "status_update"
    __table_args__ = (UniqueConstraint("project_id", "network_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = _fk("project.id")
    network_id: Mapped[int] = _fk("network.id")
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), default="submitted")  # draft | submitted
    status: Mapped[str] = mapped_column(String(20))
    progress: Mapped[int | None] = mapped_column(Integer)
    milestones: Mapped[list | None] = mapped_column(JSON)
    risks: Mapped[str | None] = mapped_column(Text)
    narrative: Mapped[str | None] = mapped_column(Text)
    speerpunten: Mapped[list | None] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(80), default="form")
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ResultGoal(Base):
    """An ER-doel of the Doelen-Inspanningen-Netwerk, under one ambition."""

    __tablename__ = "result_goal"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    ambition_id: Mapped[int | None] = mapped_column(ForeignKey("framework_element.id"))


class Goal(Base):
    """A SMART goal: baseline and target with a deadline, and measured values over time."""

    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("consortium_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(40))
    network_id: Mapped[int | None] = mapped_column(ForeignKey("network.id"))
    result_goal_id: Mapped[int | None] = mapped_column(ForeignKey("result_goal.id"))
    baseline_value: Mapped[float] = mapped_column(Float)
    baseline_date: Mapped[date] = mapped_column(Date)
    target_value: Mapped[float] = mapped_column(Float)
    deadline: Mapped[date] = mapped_column(Date)


class ProjectGoal(Base):
    __tablename__ = "project_goal"
    project_id: Mapped[int] = _fk("project.id", primary_key=True)
    goal_id: Mapped[int] = _fk("goal.id", primary_key=True)


class GoalValue(Base):
    __tablename__ = "goal_value"
    __table_args__ = (UniqueConstraint("goal_id", "measured_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = _fk("goal.id")
    measured_at: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(80), default="form")
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class TimelineNote(Base):
    """A steering group's dated note on its network's timeline (e.g. 'reorganisatie thuiszorg')."""

    __tablename__ = "timeline_note"
    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = _fk("network.id", index=True)
    noted_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


# --- collection -----------------------------------------------------------------------------------


class CollectorRun(Base):
    """One run of a collector: what came in and what became of it."""

    __tablename__ = "collector_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(80), index=True)
    file_name: Mapped[str | None] = mapped_column(String(500))
    file_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(12), default="running")  # running | ok | failed
    rows_in: Mapped[int] = mapped_column(Integer, default=0)
    rows_new: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    # Incomplete survey responses (no submit date): skipped, not rejected, and counted here.
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # host:pid of the process that ran it: a 'running' run whose process is gone was interrupted.
    owner: Mapped[str | None] = mapped_column(String(200))
    # Failed because the database was unavailable, not because of the file: not counted as one of
    # the file's attempts before it goes to quarantine (collectors/poison.py).
    transient: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class RejectedRow(Base):
    """Input that failed validation, kept with its raw content and the reason (never dropped)."""

    __tablename__ = "rejected_row"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = _fk("collector_run.id", index=True)
    source: Mapped[str] = mapped_column(String(80))
    file_name: Mapped[str | None] = mapped_column(String(500))
    row_number: Mapped[int | None] = mapped_column(Integer)
    column: Mapped[str | None] = mapped_column(String(200))
    value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[dict | None] = mapped_column(JSON)


class SourceCursor(Base):
    """How far an incremental source (LimeSurvey RemoteControl) has been read."""

    __tablename__ = "source_cursor"
    source: Mapped[str] = mapped_column(String(80), primary_key=True)
    last_response_id: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SourceRecord(Base):
    """What an incremental source (LimeSurvey RemoteControl) last brought of each response: its
    last-action stamp and a hash of its content, and what became of it. A response read again
    unchanged is not written or rejected again; one that changed behind the cursor is; one that
    vanished from the survey is kept in our data and marked here."""

    __tablename__ = "source_record"
    source: Mapped[str] = mapped_column(String(80), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    datestamp: Mapped[str | None] = mapped_column(String(40))  # LimeSurvey's, as it sends it
    record_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(12))  # stored | rejected | incomplete
    run_id: Mapped[int | None] = mapped_column(Integer)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SourceLock(Base):
    """One row per source: a collection is claimed by a conditional UPDATE on locked_until, so two
    scheduler processes never collect the same source at the same time."""

    __tablename__ = "source_lock"
    source: Mapped[str] = mapped_column(String(80), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WorkLock(Base):
    """One row per named piece of work that must not run twice at once (`recompute:<consortium
    id>`): claimed by a conditional UPDATE on locked_until, kept alive by its holder renewing the
    lease, so a holder that died frees it within one lease (db/locks.py)."""

    __tablename__ = "work_lock"
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class JobTick(Base):
    """The latest scheduled time of each job that a scheduler claimed (conditional UPDATE: only a
    later time wins), so of two schedulers on one database only one runs each tick
    (samenwerkingsmonitor/job_store.py)."""

    __tablename__ = "job_tick"
    job_id: Mapped[str] = mapped_column(String(191), primary_key=True)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    owner: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# --- people -------------------------------------------------------------------------------------


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class UserNetwork(Base):
    """The networks a coordinator or steering-group member belongs to."""

    __tablename__ = "user_network"
    user_id: Mapped[int] = _fk("user_account.id", primary_key=True)
    network_id: Mapped[int] = _fk("network.id", primary_key=True)


class AuditEvent(Base):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


# --- accounts (issue 6) ---------------------------------------------------------------------------


class LoginAttempt(Base):
    """One log-in attempt, kept a few hours as a record (the throttle counts in login_throttle)."""

    __tablename__ = "login_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    email: Mapped[str] = mapped_column(String(200), index=True)
    ip: Mapped[str] = mapped_column(String(64), index=True)
    success: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginThrottle(Base):
    """Failed log-ins per e-mail address ("email:…") or client address ("ip:…") in the window
    that began at window_start: one row per key, reserved by a single conditional upsert so that
    concurrent attempts cannot all pass the limit (samenwerkingsmonitor/throttle.py)."""

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer)


class WebSession(Base):
    """A log-in session on the server. The browser's cookie holds only a random id; this row holds
    its SHA-256 hash (a copy of the table opens no session). Log-out, a password change, disabling
    the account or a new role end it by setting revoked_at (samenwerkingsmonitor/sessions.py)."""

    __tablename__ = "web_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = _fk("user_account.id", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderSent(Base):
    """A reminder e-mail sent to a coordinator for one period: at most one per person per period."""

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("user_id", "period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _fk("user_account.id")
    period: Mapped[str] = mapped_column(String(10))  # e.g. 2026-11 (monthly)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    projects: Mapped[list | None] = mapped_column(JSON)


class ProjectProposal(Base):
    """A new initiative proposed by a coordinator, with the afwegingskader's verdict per criterion."""

    __tablename__ = "project_proposal"
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id")
    network_id: Mapped[int] = _fk("network.id")
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    answers: Mapped[dict] = mapped_column(JSON)
    criteria_met: Mapped[list] = mapped_column(JSON)
    criteria_unmet: Mapped[list] = mapped_column(JSON)
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime)


# --- reports (issue 17) -------------------------------------------------------------------------


class ReportText(Base):
    """One version of a text the consortium writes into its NPPZ report on the Rapportage page:
    the foreword (no network) or its reflection on a network. A save adds a version (who, when);
    the latest (highest id) is in force, and an empty one removes the text."""

    __tablename__ = "report_text"
    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = _fk("consortium.id", index=True)
    network_id: Mapped[int | None] = mapped_column(ForeignKey("network.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


# The registers' tables (issue 14) live in their own module; imported here so that every
# `from db import models as m` sees them and Base.metadata holds them.
from db.registers import (  # noqa: E402, F401
    GoalMeasure,
    ProjectLifecycle,
    ProjectRecord,
    ProjectVersion,
    ProposalDecision,
)
