"""Data files shipped inside the package (lexicons, patterns, schema).

Read through `importlib.resources` so they work from a wheel, an editable
install or a zip alike, never through `Path(__file__).parents[...]` guesses.
Each file is parsed once per process.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


def data_path(name: str):
    return resources.files("pipeline") / "data" / name


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Parse ``pipeline/data/<name>`` (JSON), once per process."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``pipeline/data/<name>``."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return tuple(l.strip() for l in lines if l.strip() and not l.lstrip().startswith("#"))


def check_keys(obj: dict, allowed: set[str], where: str) -> None:
    """Reject unknown keys in a data file: a typo must fail loudly, not be ignored."""
    unknown = set(obj) - allowed
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
