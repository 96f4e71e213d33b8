"""The command line: exit codes, one record per input, resume, determinism, atomic output."""
import json
import subprocess
import sys

import pytest

from pipeline.cli import main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run(args, capsys=None):
    code = main(args)
    return code


def read(path):
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "articles.jsonl"
    code = main(["extract", "--quiet", "--no-model", "-o", str(out)])
    return code, out


def test_samples_run_ok(samples_out, sample_paths, record_validator):
    code, out = samples_out
    recs = read(out)
    assert code == 0
    assert [r["id"] for r in recs] == [p.stem for p in sample_paths]
    for r in recs:
        record_validator.validate(r)
        assert r["error"] is None
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"]


def test_hostile_folder_one_record_each_exit_1(hostile_dir, tmp_path, record_validator):
    d, expected = hostile_dir
    out = tmp_path / "out.jsonl"
    code = main(["extract", "--quiet", "--no-model", str(d), "-o", str(out)])
    recs = read(out)
    assert code == 1
    assert len(recs) == len(expected) + 6  # every file, every JSONL line
    for r in recs:
        record_validator.validate(r)
        for e in r["entities"]:
            assert r["text"][e["start"]:e["end"]] == e["text"]
        for s, e in r["sentences"]:
            assert 0 <= s < e <= len(r["text"])
    errors = {r["id"]: r["error"] for r in recs}
    assert errors["binary"]["type"] == "binary"
    assert errors["huge"]["type"] == "too_large"
    assert errors["tcvn3"]["type"] == "legacy_encoding"
    assert errors["cp1258"] is None and errors["utf16"] is None
    assert "line 2" in errors["batch:2"]["message"]


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["extract", "--quiet", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["extract", "--bogus"])
    assert e.value.code == 2
    assert main(["extract", "--quiet", "--resume", "-o", "-"]) == 2


def test_output_is_deterministic_and_workers_do_not_change_it(tmp_path, sample_paths):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["extract", "--quiet", "--no-model", *map(str, sample_paths[:3]), "-o", str(a)]) == 0
    assert main(["extract", "--quiet", "--no-model", "--workers", "2", *map(str, sample_paths[:3]), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_resume_skips_done_ids(tmp_path, sample_paths, capsys):
    out = tmp_path / "r.jsonl"
    assert main(["extract", "--quiet", "--no-model", str(sample_paths[0]), "-o", str(out)]) == 0
    first = out.read_text(encoding="utf-8")
    assert main(["extract", "--no-model", "--resume", *map(str, sample_paths[:2]), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped (--resume)" in err
    text = out.read_text(encoding="utf-8")
    assert text.startswith(first)
    assert [r["id"] for r in read(out)] == [sample_paths[0].stem, sample_paths[1].stem]


def test_stdout_output(tmp_path, sample_paths):
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", "--quiet", "--no-model", str(sample_paths[0]), "-o", "-"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert json.loads(proc.stdout.splitlines()[0])["id"] == sample_paths[0].stem


def test_summary_counts_labels(tmp_path, sample_paths, capsys):
    assert main(["extract", "--no-model", str(sample_paths[0]), "-o", str(tmp_path / "s.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "articles ok" in err and "entities NUM" in err


def test_help_on_every_command(capsys):
    for cmd in (["--help"], ["extract", "--help"], ["train", "--help"], ["evaluate", "--help"], ["silver", "--help"], ["annotations", "--help"]):
        with pytest.raises(SystemExit) as e:
            main(cmd)
        assert e.value.code == 0
    assert "usage" in capsys.readouterr().out


def test_output_loads_in_pandas_and_datasets(samples_out):
    import pandas as pd

    from pipeline.corpus import load_dataset, tables

    _, out = samples_out
    df = pd.read_json(out, lines=True)
    assert len(df) == 5 and "entities" in df.columns
    ds = load_dataset(out)
    assert ds.num_rows == 5
    t = tables(out)
    assert set(t) == {"articles", "entities", "officials", "checks"} and len(t["entities"]) > 50


def test_late_rare_fields_load_with_the_shipped_features(tmp_path):
    """A field null in the first block and set later breaks datasets' inference; our features do not."""
    import datasets

    import pipeline
    from pipeline.corpus import features

    arts = [pipeline.extract("Huyện ủy họp bàn công tác cán bộ.", id=f"a{i}", model=None) for i in range(30)]
    arts.append(pipeline.extract("HNP - Sau 5 năm, nhiệm kỳ 2020 -2015, có 382/387 chi bộ đạt.", id="late", model=None))
    out = tmp_path / "late.jsonl"
    out.write_text("".join(a.to_json() + "\n" for a in arts), encoding="utf-8")
    assert arts[-1].to_dict()["meta"]["outlet"] == "HNP" and arts[-1].to_dict()["checks"][0]["where"]
    ds = datasets.load_dataset("json", data_files=str(out), split="train", features=features(), chunksize=256)
    assert ds.num_rows == 31 and ds[30]["meta"]["outlet"] == "HNP"
