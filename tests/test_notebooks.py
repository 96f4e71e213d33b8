"""The analysis notebook runs on real pipeline output (its code cells, in order)."""
import json
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore_corpus.ipynb"


def test_notebook_cells_run_on_sample_output(tmp_path, monkeypatch, sample_paths):
    from pipeline.cli import main

    out = tmp_path / "articles.jsonl"
    assert main(["extract", "--quiet", "--no-model", *map(str, sample_paths), "-o", str(out)]) == 0
    monkeypatch.setenv("VNGOV_CORPUS", str(out))
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    scope: dict = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), f"{NOTEBOOK.name}", "exec"), scope)
    assert len(scope["t"]["articles"]) == 5
    assert scope["ds"].num_rows == 5
    assert len(scope["docs"]) > 10
