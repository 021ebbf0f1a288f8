"""`diplograph eval`: score the coder against gold articles and sentence suites; gate on floors."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..errors import DiplographError, UsageError


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


def eval_cmd(
    gold: Optional[Path] = typer.Argument(None, help="Article gold file (gold.jsonl, or its folder)."),
    articles: Optional[Path] = typer.Option(None, "--articles", help="Folder of the gold's articles (default: the gold file's folder, via its index.jsonl)."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", help="Score these events (JSONL from `diplograph code --format jsonl`) instead of coding the articles."),
    mixed: Optional[Path] = typer.Option(None, "--mixed", help="Mixed-news labels.jsonl (or its folder): false events per 100 ordinary articles."),
    plover: Optional[Path] = typer.Option(None, "--plover", help="PLOVER gold standard records (JSONL)."),
    petrarch: Optional[Path] = typer.Option(None, "--petrarch", help="PETRARCH-2 validation records (JSONL)."),
    all_: Optional[Path] = typer.Option(None, "--all", help="Run every suite found under this data folder (seed, dev, mixed, plover_gsr, petrarch)."),
    floors: Optional[Path] = typer.Option(None, "--floors", help="Floors file (eval/floors.json): exit 1 when a figure is below its floor."),
    format: EvalFormat = typer.Option(EvalFormat.table, "--format", "-f", help="table or json."),
    show_details: bool = typer.Option(False, "--details", help="In table form, list misses, false positives and wrong dates with their sentences."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Also write the JSON result to this file."),
    actors: Optional[str] = typer.Option(None, "--actors", help="Extra or overriding actors file used while coding."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
) -> None:
    """Score events against gold (DESIGN.md "Scoring") and the PLOVER/PETRARCH-2 sentence suites."""
    from . import fail
    from ..eval import check_floors, discover, load_floors, run_suite
    from ..eval.report import render
    from ..eval.run import Suite
    from ..settings import load_settings

    def progress(msg: str) -> None:
        if not quiet:
            typer.echo(msg, err=True)

    try:
        suites: list[Suite] = []
        gold_suite = None
        if all_ is not None:
            suites += discover(all_)
            if not suites:
                raise UsageError(f"no evaluation suite found under {all_}")
        if gold is not None:
            path = gold / "gold.jsonl" if gold.is_dir() else gold
            gold_suite = Suite(path.parent.name or "gold", "articles", path)
            suites.append(gold_suite)
        if mixed is not None:
            suites.append(Suite("mixed", "mixed", mixed / "labels.jsonl" if mixed.is_dir() else mixed))
        if plover is not None:
            suites.append(Suite("plover", "plover", plover))
        if petrarch is not None:
            suites.append(Suite("petrarch", "petrarch", petrarch))
        if not suites:
            raise UsageError("nothing to evaluate: give GOLD.jsonl, --mixed, --plover, --petrarch or --all DATA_DIR")
        if predictions is not None and gold is None:
            raise UsageError("--predictions needs a GOLD file to score them against")
        for s in suites:
            if not s.path.is_file():
                raise UsageError(f"no such file: {s.path}")
        bounds = load_floors(floors) if floors is not None else None
        settings = load_settings(actors=actors)
        results = []
        for s in suites:
            is_gold = s is gold_suite
            results.append(run_suite(s, articles=articles if is_gold else None,
                                     predictions=predictions if is_gold else None,
                                     settings=settings, progress=progress))
        problems = check_floors(results, bounds, require_all=all_ is not None) if bounds else None
    except DiplographError as exc:
        raise fail(exc)
    payload = {"suites": results}
    if problems is not None:
        payload["gate"] = {"passed": not problems, "failures": problems, "floors": str(floors)}
    if output is not None:
        output.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if format is EvalFormat.json:
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        typer.echo(render(results, problems, show_details))
    if problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
