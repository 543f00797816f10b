"""SQLAlchemy 2 models for the whole domain (domain.md, "Vocabulary for the code"), one module per
subject: the organisation, partners, the framework, questionnaire answers, projects and goals, the
registers the consortium keeps and the DIN's reviews, collection, accounts and reports. `from db import models as m`
and `m.Project` keep working: this package exports every class and value list, and importing it
puts every table in `Base.metadata`.

Every schema change is an Alembic migration in db/migrations.
"""

from __future__ import annotations

from db.models.accounts import (
    AuditEvent,
    LoginAttempt,
    LoginThrottle,
    ReminderSent,
    User,
    UserNetwork,
    WebSession,
)
from db.models.answers import (
    Answer,
    MeasureSnapshot,
    Partition,
    Response,
    Wave,
    WaveNetwork,
)
from db.models.base import (
    AGREEMENT_TOPICS,
    ELEMENT_KINDS,
    FREQUENCIES,
    INSTRUMENT_KINDS,
    NAMING_CONVENTION,
    ROLES,
    SECTORS,
    TOPICS,
    TRUST_STATEMENTS,
    UPDATE_STATUSES,
    VALUE_STATEMENTS,
    Base,
    _fk,
)
from db.models.checks import add_checks
from db.models.collection import (
    CollectorRun,
    JobTick,
    RejectedRow,
    SourceCursor,
    SourceLock,
    SourceRecord,
    WorkLock,
)
from db.models.din import (
    REVIEW_DECISIONS,
    DinReview,
    DinReviewDecision,
)
from db.models.framework import (
    ElementLink,
    FrameworkElement,
    FrameworkVersion,
    Instrument,
    Item,
    ItemElement,
    Theme,
)
from db.models.organisation import (
    Consortium,
    Network,
    RespondentGroup,
)
from db.models.partners import (
    Agreement,
    AgreementPartner,
    NetworkTie,
    Partner,
    PartnerMembership,
    PartnerReport,
    PartnerResponse,
)
from db.models.projects import (
    Goal,
    GoalValue,
    Project,
    ProjectGoal,
    ProjectNetwork,
    ProjectProposal,
    ProjectTag,
    ResultGoal,
    StatusUpdate,
    TimelineNote,
)
from db.models.registers import (
    DECISIONS,
    ENDED,
    LIFECYCLES,
    MEETPUNT_MEASURES,
    GoalMeasure,
    GoalVersion,
    ProjectLifecycle,
    ProjectRecord,
    ProjectVersion,
    ProposalDecision,
)
from db.models.reports import (
    ReportText,
)

add_checks(Base.metadata)  # after every table above is declared

__all__ = [
    "REVIEW_DECISIONS",
    "DinReview",
    "DinReviewDecision",
    "NAMING_CONVENTION",
    "ELEMENT_KINDS",
    "UPDATE_STATUSES",
    "ROLES",
    "SECTORS",
    "FREQUENCIES",
    "TOPICS",
    "TRUST_STATEMENTS",
    "VALUE_STATEMENTS",
    "AGREEMENT_TOPICS",
    "INSTRUMENT_KINDS",
    "Base",
    "_fk",
    "Consortium",
    "Network",
    "RespondentGroup",
    "Partner",
    "PartnerMembership",
    "PartnerResponse",
    "PartnerReport",
    "NetworkTie",
    "Agreement",
    "AgreementPartner",
    "FrameworkVersion",
    "FrameworkElement",
    "ElementLink",
    "Instrument",
    "Theme",
    "Item",
    "ItemElement",
    "Wave",
    "WaveNetwork",
    "Response",
    "Answer",
    "Partition",
    "MeasureSnapshot",
    "Project",
    "ProjectTag",
    "ProjectNetwork",
    "StatusUpdate",
    "ResultGoal",
    "Goal",
    "ProjectGoal",
    "GoalValue",
    "TimelineNote",
    "ProjectProposal",
    "LIFECYCLES",
    "ENDED",
    "MEETPUNT_MEASURES",
    "DECISIONS",
    "ProjectRecord",
    "ProjectLifecycle",
    "ProjectVersion",
    "GoalMeasure",
    "GoalVersion",
    "ProposalDecision",
    "CollectorRun",
    "RejectedRow",
    "SourceCursor",
    "SourceRecord",
    "SourceLock",
    "WorkLock",
    "JobTick",
    "User",
    "UserNetwork",
    "AuditEvent",
    "LoginAttempt",
    "LoginThrottle",
    "WebSession",
    "ReminderSent",
    "ReportText",
]
