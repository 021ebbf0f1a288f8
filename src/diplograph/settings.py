"""Settings in one typed object: defaults < user config file < environment < arguments.

The config file is TOML at $DIPLOGRAPH_CONFIG, else ~/.config/diplograph/config.toml,
with the same keys as the fields below. Environment variables are DIPLOGRAPH_<FIELD>.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    db: str = "diplograph.db"
    actors: str | None = None  # extra or overriding actors file
    max_bytes: int = 20_000_000  # larger documents are refused (DG103)
    fetch_timeout: float = 20.0
    user_agent: str = "diplograph/0.1 (+https://github.com/diplograph/diplograph)"
    allow_private_urls: bool = False
    fetch_retries: int = 2  # retries on 5xx and timeouts, with exponential backoff
    fast_path: bool = True  # parse only sentences that can hold an event
    # how the fast path finds the dates of events: "rules" (nlp/datespans.py, on the parsed
    # sentence) or "model" (the entity recogniser, on a window around the date words); the
    # full parse (fast_path=False) always reads the recogniser's
    date_spans: str = "rules"
    general_events: bool = True  # code the general CAMEO verb classes too (coding/general.py)
    workers: int | None = None
    batch_size: int = 200
    chunk_size: int = 32  # documents per Dask task (batch mode): one batched parse each
    # new vocabulary strings after which a coding process loads its pipeline afresh
    # (nlp/pipeline.py: every new name or number stays in a spaCy vocabulary)
    renew_after_strings: int = 250_000


# settings that take one of a few words
CHOICES = {"date_spans": ("rules", "model")}


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if name in CHOICES:
        value = str(value).strip().lower()
        if value not in CHOICES[name]:
            raise ConfigError(f"setting {name!r} has a bad value {value!r}: one of {', '.join(CHOICES[name])}")
        return value
    try:
        if "bool" in kind and isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        if kind.startswith("int") and value is not None:
            return int(value)
        if kind.startswith("float") and value is not None:
            return float(value)
    except ValueError as exc:
        raise ConfigError(f"setting {name!r} has a bad value {value!r}") from exc
    return value


def load_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {}
    names = {f.name for f in fields(Settings)}
    path = Path(os.environ.get("DIPLOGRAPH_CONFIG", Path.home() / ".config/diplograph/config.toml"))
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
        unknown = set(data) - names
        if unknown:
            raise ConfigError(f"unknown setting(s) {sorted(unknown)} in {path}")
        values.update(data)
    for name in names:
        env = os.environ.get(f"DIPLOGRAPH_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Settings(), **{k: _coerce(k, v) for k, v in values.items()})
