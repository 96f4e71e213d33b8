#!/usr/bin/env python3
"""Regenerate ``pipeline/data/gazetteer.tsv`` from the `vietnam-provinces` package.

Why a pinned old release: the news corpus (2015-2024) names the three-level
administration of before the 2025 reform (tỉnh → huyện → xã), e.g. "thị trấn
Ngô Đồng (Giao Thủy, Nam Định)". Releases 2025.x of `vietnam-provinces` only
carry the new two-level map (no districts), so the last pre-reform release,
0.6.0 (data retrieved 2025-01-04: 63 provinces, 696 districts, 10,051
communes), is the source. The TSV ships in the repo; the package is not a
runtime dependency.

Usage:
    python scripts/build_gazetteer.py                # pip-downloads the wheel to a temp dir
    python scripts/build_gazetteer.py --wheel PATH   # a downloaded vietnam_provinces-0.6.0 wheel
    python scripts/build_gazetteer.py --json PATH    # its data/nested-divisions.json
    ... [-o OUT]                                     # default pipeline/data/gazetteer.tsv
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

PACKAGE = "vietnam-provinces"
VERSION = "0.6.0"
DATA_VERSION = "2025-01-04"
SOURCE = f"{PACKAGE}=={VERSION}"
MEMBER = "vietnam_provinces/data/nested-divisions.json"
COLUMNS = ("name", "level", "province", "source")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "gazetteer.tsv"

# Level words as written before names; longest first so "Thành phố" beats "Thành".
PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Tỉnh", "Huyện", "Quận", "Phường", "Xã")


def split_level(full: str, top: bool) -> tuple[str, str]:
    """'Thành phố Hà Nội' at province rank -> ('Hà Nội', 'thành phố trung ương')."""
    full = unicodedata.normalize("NFC", " ".join(full.split()))
    for p in PREFIXES:
        if full.lower().startswith(p.lower() + " "):
            level = p.lower()
            if top and level == "thành phố":
                level = "thành phố trung ương"
            return full[len(p) + 1:], level
    raise ValueError(f"no level word in {full!r}")


def rows_from(tree: list[dict]) -> list[tuple[str, str, str, str]]:
    """Flatten the nested province → district → ward tree, in the package's code order."""
    rows = []
    for prov in tree:
        pname, plevel = split_level(prov["name"], top=True)
        rows.append((pname, plevel, pname, SOURCE))
        for dist in prov.get("districts", []):
            dname, dlevel = split_level(dist["name"], top=False)
            rows.append((dname, dlevel, pname, SOURCE))
            for ward in dist.get("wards", []):
                wname, wlevel = split_level(ward["name"], top=False)
                rows.append((wname, wlevel, pname, SOURCE))
    return rows


def render(rows) -> str:
    head = [
        f"# Vietnamese administrative divisions before the 2025 reform.",
        f"# source: PyPI package {PACKAGE} {VERSION} (data retrieved {DATA_VERSION}),"
        f" file {MEMBER}; regenerate with scripts/build_gazetteer.py",
        f"# name is NFC without its level word; province is the parent province (itself for provinces)",
        f"# rows: {len(rows)}",
        "\t".join(COLUMNS),
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def load_tree(args) -> list[dict]:
    if args.json:
        return json.loads(Path(args.json).read_text(encoding="utf-8"))
    wheel = Path(args.wheel) if args.wheel else None
    if wheel is None:
        tmp = Path(tempfile.mkdtemp(prefix="vp-"))
        subprocess.run([sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}",
                        "--no-deps", "-q", "-d", str(tmp)], check=True)
        wheel = next(tmp.glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return json.loads(z.read(MEMBER).decode("utf-8"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel")
    ap.add_argument("--json")
    ap.add_argument("-o", "--out", default=str(DEFAULT_OUT))
    args = ap.parse_args(argv)
    rows = rows_from(load_tree(args))
    Path(args.out).write_text(render(rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
