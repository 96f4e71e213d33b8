"""Golden cases as data: one JSONL file per family in tests/golden/.

Each case becomes its own test id, and a case marked ``"xfail": "reason"``
is a *strict* xfail: when a fix makes it pass, the suite says so, and the
mark must be removed rather than left to rot.
"""
import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def cases(family: str) -> list[dict]:
    path = GOLDEN / f"{family}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def params(items: list[dict]) -> list:
    return [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if c.get("xfail") else [])
            for c in items]
