"""Shared fixtures: paths of bundled data, hostile inputs made on the fly."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = ROOT / "annotations" / "texts"


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def record_validator():
    import jsonschema

    from pipeline.record import schema

    return jsonschema.Draft202012Validator(schema())


def _hostile(dirpath: Path) -> dict[str, str]:
    """Write one file per kind of bad input; return {file name: expected error type}."""
    from tests.damage import encode_cp1258

    good = "Đồng chí Nguyễn Văn An – Bí thư Huyện ủy chủ trì hội nghị. Đã có 382/387 chi bộ đạt."
    files = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b" \n\t\n  ", "empty"),
        "binary.txt": (bytes(range(256)) * 40, "binary"),
        "nul.txt": (good.encode() + b"\x00\x00\x00" + good.encode(), "binary"),
        "huge.txt": (("Nội dung rất dài. " * 400_000).encode(), "too_large"),
        "tcvn3.txt": ("Céng hoµ x· héi chñ nghÜa ViÖt Nam, cña §¶ng bé huyÖn vµ c¸c x·".encode("latin-1"), "legacy_encoding"),
        "undecodable.txt": (b"\xfd\xfc\xfb" * 3 + b"\x81\x8d abc \xc3\x28 \xa0\xa1", None),
        "cp1258.txt": (encode_cp1258(good), "ok"),
        "utf16.txt": (good.encode("utf-16"), "ok"),
        "bom.txt": (good.encode("utf-8-sig"), "ok"),
        "page.html": (f"<html><head><title>T</title></head><body><article><h1>Tiêu đề bài</h1><p>{good}</p><p>{good}</p></article></body></html>".encode(), "ok"),
        "empty.html": (b"<html><body><script>x=1</script></body></html>", "empty"),
    }
    for name, (data, _) in files.items():
        (dirpath / name).write_bytes(data)
    lines = [
        json.dumps({"id": "j-ok", "text": good}, ensure_ascii=False),
        '{"id": "j-broken", "text": "unterminated',
        json.dumps({"id": "j-notext", "title": "x"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "j-empty", "text": ""}),
        json.dumps({"text": good + " Không có id."}, ensure_ascii=False),
    ]
    (dirpath / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {name: kind for name, (_, kind) in files.items()}


@pytest.fixture
def hostile_dir(tmp_path) -> tuple[Path, dict[str, str]]:
    d = tmp_path / "hostile"
    d.mkdir()
    return d, _hostile(d)
