"""`vngov` command line: a thin shell over `pipeline.extract_many`.

Exit codes mean something to a script: 0 every article ok, 1 some records
carry an error (all were still written), 2 a usage error (bad option,
missing input) before any work was done.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
DEFAULT_OUT = "corpus/articles.jsonl"


def sample_dir() -> Path:
    """The bundled sample articles (`annotations/texts` of the repository)."""
    here = Path(str(resources.files("pipeline"))).parent
    return here / "annotations" / "texts"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vngov", description="Information extraction for Vietnamese government and Party news.")
    p.add_argument("--version", action="version", version=f"vngov-ie {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    ex = sub.add_parser("extract", help="raw articles in, one JSONL record per article out",
                        description="Extract officials, units, directives and checked numeric claims. "
                                    "INPUT: .txt, .html/.htm or .jsonl files, folders (recursive) or '-' for stdin; "
                                    "none = the bundled sample articles.")
    ex.add_argument("inputs", nargs="*", metavar="INPUT")
    ex.add_argument("-o", "--output", default=DEFAULT_OUT, help=f"output JSONL ('-' = stdout; default {DEFAULT_OUT})")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    ex.add_argument("-w", "--workers", type=int, default=1, help="worker processes on this machine (default 1)")
    ex.add_argument("--resume", action="store_true", help="keep the records already in OUTPUT and skip their ids")
    ex.add_argument("--max-bytes", type=int, default=None, help="largest input article accepted, in bytes (default 5,000,000)")
    ex.add_argument("--no-model", action="store_true", help="rules only: do not load the statistical model")
    ex.add_argument("--model", default=None, help="path of a trained model folder (default: the shipped one)")
    ex.set_defaults(func=cmd_extract)

    tr = sub.add_parser("train", help="train the spaCy NER from annotations/ and write models/<name>-<version>/",
                        description="Train tok2vec + ner (PER, ORG, LOC) on the CPU from gold (annotations/train/*.jsonl) "
                                    "and silver (annotations/silver/*.jsonl) annotations, with the fixed seed of the config.")
    tr.add_argument("--gold", nargs="*", default=None, help="gold span JSONL files (default annotations/train/*.jsonl)")
    tr.add_argument("--silver", nargs="*", default=None, help="silver span JSONL files (default annotations/silver/*.jsonl)")
    tr.add_argument("-o", "--output", default=None, help="folder that receives <name>-<version>/ (default models/)")
    tr.add_argument("--name", default=None, help="model name (default vngov_ner)")
    tr.add_argument("--version", dest="model_version", default=None, help="model version (default the package version)")
    tr.add_argument("--max-steps", type=int, default=None, help="stop after this many updates (default: the config's)")
    tr.add_argument("--silver-limit", type=int, default=None, help="use at most this many silver articles")
    tr.add_argument("--config", default=None, help="spaCy config (default pipeline/data/ner.cfg)")
    tr.set_defaults(func=cmd_train)

    ev = sub.add_parser("evaluate", help="per-label P/R/F1 of rules, model, merged pipeline and underthesea.ner",
                        description="Score extraction against span annotations (default annotations/dev.jsonl).")
    ev.add_argument("annotations", nargs="*", help="span JSONL files (default annotations/dev.jsonl)")
    ev.add_argument("--model", default=None, help="model folder (default: the shipped one)")
    ev.add_argument("--no-underthesea", action="store_true", help="skip the underthesea.ner baseline row")
    ev.set_defaults(func=cmd_evaluate)

    sv = sub.add_parser("silver", help="label corpus articles with the rules (weak supervision)",
                        description="Write rule-labelled span annotations for a reproducible sample of a JSONL corpus.")
    sv.add_argument("corpus", help="JSONL corpus with id and text fields")
    sv.add_argument("-n", type=int, default=300, help="articles to sample (default 300)")
    sv.add_argument("--seed", type=int, default=13)
    sv.add_argument("-o", "--output", default="annotations/silver/silver.jsonl")
    sv.set_defaults(func=cmd_silver)

    an = sub.add_parser("annotations", help="build gold span JSONL from annotation drafts",
                        description="Turn drafts (items in reading order) into span JSONL with offsets.")
    an.add_argument("drafts", nargs="+", help="draft JSON files")
    an.add_argument("-o", "--output", required=True, help="span JSONL to write")
    an.set_defaults(func=cmd_annotations)
    return p


def cmd_train(args) -> int:
    from .train import default_sources, train

    src = default_sources()
    gold = [Path(p) for p in args.gold] if args.gold is not None else src["gold"]
    silver = [Path(p) for p in args.silver] if args.silver is not None else src["silver"]
    if not gold:
        print("vngov: no gold annotations found (annotations/train/*.jsonl or --gold)", file=sys.stderr)
        return EXIT_USAGE
    kw = {k: v for k, v in (("name", args.name), ("version", args.model_version)) if v}
    out = train(gold, silver, output=Path(args.output) if args.output else None, max_steps=args.max_steps,
                silver_limit=args.silver_limit, config=Path(args.config) if args.config else None, **kw)
    print(f"model written to {out}", file=sys.stderr)
    return EXIT_OK


def cmd_evaluate(args) -> int:
    from .evaluate import evaluate, report
    from .train import annotations_dir

    paths = [Path(p) for p in args.annotations] or [annotations_dir() / "dev.jsonl"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"vngov: no such annotation file: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE
    print(report(evaluate(paths, model_path=args.model, with_underthesea=not args.no_underthesea)))
    return EXIT_OK


def cmd_silver(args) -> int:
    from .silver import label, sample_corpus, text_key, write
    from .train import annotations_dir

    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"vngov: no such corpus: {corpus}", file=sys.stderr)
        return EXIT_USAGE
    from .annotations import read_jsonl

    gold = [r for p in sorted(annotations_dir().glob("**/*.jsonl")) if "silver" not in p.parts for r in read_jsonl([p])]
    exclude = {str(r.get("id")) for r in gold} | {text_key(r["text"]) for r in gold}
    n = write(label(sample_corpus(corpus, args.n, args.seed), exclude=exclude), Path(args.output))
    print(f"{n} silver articles written to {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_annotations(args) -> int:
    from .annotations import build_from_draft
    from .record import dumps

    try:
        recs = [build_from_draft(p) for p in args.drafts]
    except (ValueError, KeyError, OSError) as e:
        print(f"vngov: {e}", file=sys.stderr)
        return EXIT_USAGE
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(dumps(r) + "\n")
    print(f"{len(recs)} annotated articles written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _iter_existing_ids(path: Path):
    import json

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    yield json.loads(line)["id"]
                except (ValueError, KeyError, TypeError):
                    continue


def cmd_extract(args) -> int:
    from tqdm import tqdm

    from .core import extract_many
    from .decode import DEFAULT_MAX_BYTES
    from .ingest import UsageError, iter_paths, read_inputs

    if not args.inputs and not sample_dir().is_dir():
        print("vngov: no INPUT given and the bundled samples are not installed (install from a clone: pip install -e .)", file=sys.stderr)
        return EXIT_USAGE
    inputs = args.inputs or [str(sample_dir())]
    if args.workers < 1:
        print("vngov: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        list(iter_paths(i for i in inputs if i != "-"))  # fail fast on a missing path
    except UsageError as e:
        print(f"vngov: {e}", file=sys.stderr)
        return EXIT_USAGE
    to_stdout = args.output == "-"
    if args.resume and to_stdout:
        print("vngov: --resume needs an output file", file=sys.stderr)
        return EXIT_USAGE
    out_path = None if to_stdout else Path(args.output)
    done: set[str] = set()
    if args.resume and out_path.exists():
        done = set(_iter_existing_ids(out_path))

    max_bytes = args.max_bytes or DEFAULT_MAX_BYTES
    docs = (d for d in read_inputs(inputs, max_bytes=max_bytes) if d.id not in done)
    from .core import resolve_model

    model = None if args.no_model else resolve_model(args.model or "default")
    counts, labels, errors, checks = Counter(), Counter(), Counter(), Counter()

    def write_all(fh) -> None:
        bar = tqdm(extract_many(docs, workers=args.workers, model=model), unit=" art", disable=args.quiet,
                   file=sys.stderr, mininterval=0.5, desc="extract")
        for art in bar:
            fh.write(art.to_json())
            fh.write("\n")
            counts["error" if art.error else "ok"] += 1
            if art.error:
                errors[art.error["type"]] += 1
            labels.update(e.label for e in art.entities)
            checks.update(c["status"] for c in art.checks)

    if to_stdout:
        write_all(sys.stdout)
        sys.stdout.flush()
    else:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=out_path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                if done:
                    with open(out_path, encoding="utf-8") as old:
                        for line in old:
                            if line.strip():
                                fh.write(line if line.endswith("\n") else line + "\n")
                write_all(fh)
            os.replace(tmp, out_path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    if not args.quiet:
        _summary(counts, labels, errors, checks, len(done), args.output)
    return EXIT_ERRORS if counts["error"] else EXIT_OK


def _summary(counts: Counter, labels: Counter, errors: Counter, checks: Counter, skipped: int, output: str) -> None:
    err = sys.stderr
    print(f"\n{'articles ok':<22}{counts['ok']:>8}", file=err)
    print(f"{'articles with errors':<22}{counts['error']:>8}", file=err)
    for kind, n in sorted(errors.items()):
        print(f"  {kind:<20}{n:>8}", file=err)
    if skipped:
        print(f"{'skipped (--resume)':<22}{skipped:>8}", file=err)
    for lab in ("PER", "TITLE", "ORG", "LOC", "DOC", "NUM"):
        print(f"{'entities ' + lab:<22}{labels.get(lab, 0):>8}", file=err)
    print(f"{'claim checks ok':<22}{checks.get('ok', 0):>8}", file=err)
    print(f"{'claim mismatches':<22}{checks.get('mismatch', 0):>8}", file=err)
    if output != "-":
        print(f"written to {output}", file=err)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("vngov: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
