"""The framework file's sections as frozen pydantic models (samenwerkingsmonitor.framework loads
and checks a file into them; its docstring describes the file)."""

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from samenwerkingsmonitor.vocabulary import (
    ALL_GROUPS,
    ALL_NETWORKS,
    BUILTIN_MEASURES,
)

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas as pd

SCORE_SCALE: tuple[float, float] = (0.0, 100.0)  # score_100 of the builtin measures
DEFAULT_TARGET_DATE = date(2028, 12, 31)  # "We aim for this vision to be reality in 2028"
DEFAULT_DIRECTION = "higher"
MIN_SUPPRESSION_THRESHOLD = 3  # measures.md: configurable, never below 3
NETWORK_CODE_PATTERN = r"^[A-Z0-9]{2,8}$"

# Codes end up in URLs, CSV columns and 20-character database columns.
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Text | None


# --- the file's sections as models --------------------------------------------------------------


class _Model(BaseModel):
    # Frozen: a loaded framework is shared by web workers and must not change under them.
    # coerce_numbers_to_str: YAML reads `code: 2024` as a number; as a code it is the text "2024".
    # defer_build: a section's validator is built when first used, not at import. A file is
    # validated as a whole Framework, whose validator holds the sections' schemas; building each
    # section's own validator too cost every command start a tenth of its framework (issue 18).
    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, defer_build=True
    )


class Consortium(_Model):
    """The consortium the file describes (e.g. Septet)."""

    code: Code
    name: Text
    name_en: OptionalText = None


class StatusThresholds(_Model):
    """Distances below the expected value, in % of the target scale's range (measures.md)."""

    on_track: float = Field(2.5, ge=0, le=100)
    attention: float = Field(7.5, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> "StatusThresholds":
        if self.attention < self.on_track:
            raise ValueError("attention must be at least on_track")
        return self


class Settings(_Model):
    """Consortium-wide settings of the measures."""

    suppression_threshold: int = 5
    status_thresholds: StatusThresholds = StatusThresholds()
    stale_days: int = Field(62, gt=0)
    extra_measures: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], ...] = ()

    @field_validator("suppression_threshold")
    @classmethod
    def _threshold(cls, value: int) -> int:
        if value < MIN_SUPPRESSION_THRESHOLD:
            raise ValueError(
                f"must be at least {MIN_SUPPRESSION_THRESHOLD}: smaller groups could identify "
                f"respondents (got {value})"
            )
        return value

    @field_validator("extra_measures")
    @classmethod
    def _extra(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        builtin = [m for m in value if m in BUILTIN_MEASURES]
        if builtin:
            raise ValueError(f"{builtin[0]!r} is a built-in measure kind; list only other kinds")
        if len(set(value)) != len(value):
            raise ValueError("a measure kind is listed twice")
        return value


class Network(_Model):
    """A regional network palliatieve zorg."""

    code: str
    name: Text

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if value == ALL_NETWORKS:
            raise ValueError(f"{ALL_NETWORKS!r} is reserved for the consortium as a whole")
        if not re.fullmatch(NETWORK_CODE_PATTERN, value):
            raise ValueError(
                f"network code must be 2 to 8 capital letters or digits, like UTS (got {value!r})"
            )
        return value


class Group(_Model):
    """A respondent group (care professional, manager, coordinator, volunteer, ...)."""

    code: Code
    name: Text
    name_en: OptionalText = None

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if value.lower() == ALL_GROUPS:
            raise ValueError(f"{value!r} is reserved for all groups together")
        return value


class CodedEntry(_Model):
    """An entry of a plain code list (kernthema, actielijn)."""

    code: Code
    name: Text
    name_en: OptionalText = None


class DescribedEntry(CodedEntry):
    """A code-list entry with a longer description (vision element, speerpunt)."""

    description: OptionalText = None
    description_en: OptionalText = None


class Ambition(DescribedEntry):
    """An ambition of the multi-year plan and the speerpunten relevant to it."""

    speerpunten: tuple[Code, ...] = ()


class Item(_Model):
    """A Likert statement of a theme."""

    code: Code
    text: Text
    text_en: OptionalText = None
    reverse: bool = False
    vision_elements: tuple[Code, ...] = ()
    speerpunten: tuple[Code, ...] = ()


class Theme(_Model):
    """A collaboration theme with its items."""

    code: Code
    name: Text
    name_en: OptionalText = None
    items: tuple[Item, ...] = ()


class Scale(_Model):
    """The answer scale of an instrument's items (integers min..max, labels optional)."""

    min: Annotated[int, Field(strict=True)] = 1
    max: Annotated[int, Field(strict=True)] = 5
    labels: dict[int, Text] = {}
    labels_en: dict[int, Text] = {}

    @model_validator(mode="after")
    def _check(self) -> "Scale":
        if self.min >= self.max:
            raise ValueError(f"min must be below max (got {self.min} and {self.max})")
        for labels in (self.labels, self.labels_en):
            outside = [k for k in labels if not self.min <= k <= self.max]
            if outside:
                raise ValueError(f"label for {outside[0]} lies outside {self.min}-{self.max}")
        return self


class Instrument(_Model):
    """A questionnaire: its answer scale and its themes. A relational questionnaire (measures.md,
    "Partner network") has no themes: it asks each partner about every other listed partner."""

    code: Code
    kind: Literal["questionnaire", "relational"] = "questionnaire"
    name: Text
    name_en: OptionalText = None
    intro: OptionalText = None
    intro_en: OptionalText = None
    scale: Scale = Scale()
    themes: tuple[Theme, ...] = ()
    # A working version whose items may still change: the reports name it under their limitations.
    provisional: bool = False


class Wave(_Model):
    """One consortium-wide round of an instrument."""

    code: Code
    instrument: Code
    reference_date: date | None = None
    invited: dict[str, Annotated[int, Field(ge=0)]] = {}


class Target(_Model):
    """A target value for one measure and subject, consortium-wide or for one network.

    After :func:`load_framework`, ``target_date``, ``direction`` and ``scale`` are always set.
    """

    measure: Annotated[str, StringConstraints(min_length=1)]
    subject: Annotated[str, StringConstraints(min_length=1)]
    network: str | None = None
    value: float
    target_date: date | None = None
    direction: Literal["higher", "lower"] | None = None
    scale: tuple[float, float] | None = None
    # Until the steering groups confirm a target it is a working value, and the reports say so.
    confirmed: bool = False
    # A werkdoel: every chart and text that shows the target calls it so (issue 14).
    provisional: bool = False

    @field_validator("scale")
    @classmethod
    def _scale(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and value[0] >= value[1]:
            raise ValueError(f"the scale's min must be below its max (got {list(value)})")
        return value


class Framework(_Model):
    """A consortium's validated measurement framework (see the module docstring for the file)."""

    consortium: Consortium
    settings: Settings = Settings()
    networks: tuple[Network, ...]
    groups: tuple[Group, ...]
    vision_elements: tuple[DescribedEntry, ...] = ()
    speerpunten: tuple[DescribedEntry, ...] = ()
    ambitions: tuple[Ambition, ...] = ()
    kernthemas: tuple[CodedEntry, ...] = ()
    actielijnen: tuple[CodedEntry, ...] = ()
    instruments: tuple[Instrument, ...]
    waves: tuple[Wave, ...] = ()
    targets: tuple[Target, ...] = ()
    version: str
    path: str

    def all_themes(self) -> tuple[Theme, ...]:
        """Every theme of every instrument, in file order."""
        return tuple(t for i in self.instruments for t in i.themes)

    def all_items(self) -> tuple[Item, ...]:
        """Every item of every instrument, in file order."""
        return tuple(it for t in self.all_themes() for it in t.items)

    def target_for(self, measure: str, subject: str, network: str | None = None) -> Target | None:
        """The target that applies: the network's own one, else the consortium's, else None."""
        fallback = None
        for t in self.targets:
            if t.measure == measure and t.subject == subject:
                if network is not None and t.network == network:
                    return t
                if t.network is None:
                    fallback = t
        return fallback

    def items_frame(self) -> "pd.DataFrame":
        """One row per item: item, theme, reverse, vision_elements, speerpunten, text, instrument,
        ambitions.

        vision_elements, speerpunten and ambitions hold lists of codes; rows are in file order.
        An item serves an ambition through the speerpunten it links to (the ambition's speerpunten
        in the file), so the ambitions list is derived, never written per item.
        """
        import pandas as pd

        def ambitions(item: Item) -> list[str]:
            return [a.code for a in self.ambitions if set(a.speerpunten) & set(item.speerpunten)]

        rows = [
            {
                "item": it.code,
                "theme": t.code,
                "reverse": it.reverse,
                "vision_elements": list(it.vision_elements),
                "speerpunten": list(it.speerpunten),
                "text": it.text,
                "instrument": inst.code,
                "ambitions": ambitions(it),
            }
            for inst in self.instruments
            for t in inst.themes
            for it in t.items
        ]
        columns = [
            "item",
            "theme",
            "reverse",
            "vision_elements",
            "speerpunten",
            "text",
            "instrument",
            "ambitions",
        ]
        return pd.DataFrame(rows, columns=columns)

    def targets_frame(self) -> "pd.DataFrame":
        """Targets as metrics.targets expects them: network (None: consortium-wide), measure,
        subject, target, target_date, direction, scale_min, scale_max."""
        import pandas as pd

        rows = [
            {
                "network": t.network,
                "measure": t.measure,
                "subject": t.subject,
                "target": t.value,
                "target_date": pd.Timestamp(t.target_date or DEFAULT_TARGET_DATE),
                "direction": t.direction or DEFAULT_DIRECTION,
                "scale_min": (t.scale or SCORE_SCALE)[0],
                "scale_max": (t.scale or SCORE_SCALE)[1],
            }
            for t in self.targets
        ]
        columns = ["network", "measure", "subject", "target", "target_date", "direction"]
        return pd.DataFrame(rows, columns=[*columns, "scale_min", "scale_max"])

    def export_dict(self) -> dict[str, Any]:
        """The framework as plain JSON-ready data (dates as ISO text), for exports and tools."""

        def dump(models: Iterable[BaseModel], **kw: Any) -> list[dict[str, Any]]:
            return [m.model_dump(mode="json", **kw) for m in models]

        return {
            "version": self.version,
            "consortium": self.consortium.model_dump(mode="json"),
            "settings": self.settings.model_dump(mode="json"),
            "networks": dump(self.networks),
            "groups": dump(self.groups),
            "vision_elements": dump(self.vision_elements),
            "speerpunten": dump(self.speerpunten),
            "ambitions": dump(self.ambitions),
            "kernthemas": dump(self.kernthemas),
            "actielijnen": dump(self.actielijnen),
            "instruments": [
                {
                    **i.model_dump(mode="json", exclude={"themes"}),
                    "themes": [t.code for t in i.themes],
                }
                for i in self.instruments
            ],
            "themes": [
                {"code": t.code, "name": t.name, "name_en": t.name_en, "instrument": i.code}
                for i in self.instruments
                for t in i.themes
            ],
            "items": [
                {**it.model_dump(mode="json"), "theme": t.code, "instrument": i.code}
                for i in self.instruments
                for t in i.themes
                for it in t.items
            ],
            "waves": dump(self.waves),
            "targets": dump(self.targets),
        }
