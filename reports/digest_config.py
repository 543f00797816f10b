"""Who receives the monthly steering-group digest, and when: config/digest.yaml.

    day_of_month: 1        # 1..28, so every month has the day
    hour: 7                # 0..23, local time of the scheduler
    lang: nl               # nl or en
    networks:
      UTS: [stuurgroep.uts@example.org, voorzitter@example.org]
      EEM: [stuurgroep@eemland.example]

Errors name file, line and field, with the framework loader's helpers (samenwerkingsmonitor/
framework.py). A network code must be one of the framework's networks.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from samenwerkingsmonitor.framework import (
    Framework,
    FrameworkError,
    Parts,
    _from_pydantic,
    read_mapping,
)

# Deliberately loose: one @, no spaces, a dot in the domain. The mail server has the last word.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class DigestConfigError(FrameworkError):
    """A digest file that cannot be used; one ``file:line: field: problem`` per line."""


class DigestConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    day_of_month: Annotated[int, Field(ge=1, le=28, strict=True)] = 1
    hour: Annotated[int, Field(ge=0, le=23, strict=True)] = 7
    lang: Literal["nl", "en"] = "nl"
    networks: dict[str, tuple[str, ...]] = {}
    path: str = ""

    @field_validator("networks")
    @classmethod
    def _addresses(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for code, addresses in value.items():
            for address in addresses:
                if not EMAIL.match(address):
                    raise ValueError(f"{code}: not an e-mail address: {address!r}")
        return value

    @property
    def cron(self) -> str:
        """The digest's schedule as a crontab line (minute hour day month weekday)."""
        return f"0 {self.hour} {self.day_of_month} * *"

    def recipients(self, network: str) -> list[str]:
        return list(self.networks.get(network, ()))


def default_digest_path() -> Path:
    """``$DIGEST_FILE`` if set, else config/digest.yaml of the repository (or, for an installed
    package such as the Docker image, of the working directory)."""
    configured = os.environ.get("DIGEST_FILE")
    if configured:
        return Path(configured)
    beside = Path(__file__).resolve().parent.parent / "config" / "digest.yaml"
    return beside if beside.exists() else Path.cwd() / "config" / "digest.yaml"


def load_digest_config(
    path: str | Path | None = None, framework: Framework | None = None
) -> DigestConfig:
    """Read and validate a digest file; with `framework`, check the network codes too."""
    path = Path(path) if path is not None else default_digest_path()
    try:
        doc = read_mapping(path, "day_of_month, networks, …")
    except FrameworkError as error:
        raise DigestConfigError(error.problems) from None
    file, data, problem, problems = doc.file, doc.data, doc.problem, doc.problems
    if isinstance(data.get("networks"), dict):
        # YAML reads a code such as 2024 as a number; a single address as text, not a list.
        data["networks"] = {
            str(k): [v] if isinstance(v, str) else v for k, v in data["networks"].items()
        }
    try:
        config = DigestConfig.model_validate({**data, "path": file})
    except ValidationError as error:
        problems.extend(problem(*_digest_error(e)) for e in error.errors(include_url=False))
        raise DigestConfigError(problems) from None
    if framework is not None:
        known = [n.code for n in framework.networks]
        for code in config.networks:
            if code not in known:
                problems.append(
                    problem(
                        ("networks", code),
                        f"unknown network {code!r}; the framework has {', '.join(known)}",
                    )
                )
    if problems:
        raise DigestConfigError(problems)
    return config


def _digest_error(error: dict[str, Any]) -> tuple[Parts, str]:
    parts, message = _from_pydantic(error)
    if parts[:1] == ("networks",) and len(parts) == 1 and ": " in message:
        # The address check names the network first: point at that network's line.
        code, _, rest = message.partition(": ")
        return ("networks", code), rest
    return parts, message
