"""Command-line tools: `flask --app quiz <command>`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .bank.files import ARTICLE_HEADER, article_document, dump_yaml
from .bank.sync import BankInvalid, read_bank


def init_app(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(check_bank)
    app.cli.add_command(new_article)
    app.cli.add_command(serve)
    app.cli.add_command(create_instructor)


def _setup() -> None:
    from .install import setup_database

    try:
        report = setup_database(current_app)
    except BankInvalid as invalid:
        for problem in invalid.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{invalid}; run `flask --app quiz check-bank` for details") from None
    before = report.revision_before or "empty"
    click.echo(f"Database schema: {before} -> {report.revision_after}")
    click.echo(
        f"Built-in content: {report.bank.articles} article(s), {report.bank.questions} question(s)"
        + (f", {report.bank.retired} retired" if report.bank.retired else "")
    )


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the schema and load the built-in articles and questions."""
    _setup()


@click.command("serve")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Set up the database if needed, then serve the app on one machine."""
    _setup()
    click.echo(f"Open http://{host}:{port}/ in a browser. Press Ctrl+C to stop.")
    # app.run() refuses to start from inside the flask command; Werkzeug's server is what it runs.
    from werkzeug.serving import run_simple

    run_simple(host, port, current_app._get_current_object(), threaded=True)


def _counts(counter: Counter) -> str:
    return ", ".join(f"{key} {count}" for key, count in sorted(counter.items())) or "none"


@click.command("check-bank")
@with_appcontext
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def check_bank(path: Path | None, as_json: bool) -> None:
    """Validate a question bank: a questions/ folder or one article folder in it."""
    path = path or Path(current_app.config["BANK_PATH"])
    try:
        articles = read_bank(path)
    except BankInvalid as invalid:
        articles, problems = [], invalid.problems
    else:
        problems = [problem for article in articles for problem in article.problems]
    summaries = [article.summary() for article in articles]
    totals = {key: Counter() for key in ("by_kind", "by_verdict", "by_skill")}
    for summary in summaries:
        for key, counter in totals.items():
            counter.update(summary[key])
    if as_json:
        report = {
            "articles": summaries,
            "questions": sum(summary["questions"] for summary in summaries),
            **{key: dict(counter) for key, counter in totals.items()},
            "errors": [problem.as_json() for problem in problems],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for summary in summaries:
            click.echo(f"{summary['id']}: {summary['headline']}")
            click.echo(f"  questions: {summary['questions']}")
            click.echo(f"  by kind:    {_counts(Counter(summary['by_kind']))}")
            click.echo(f"  by verdict: {_counts(Counter(summary['by_verdict']))}")
            click.echo(f"  by skill:   {_counts(Counter(summary['by_skill']))}")
            claims = sum(summary["by_verdict"].values())
            for verdict, count in sorted(summary["by_verdict"].items()):
                if claims >= 4 and not 0.25 <= count / claims <= 0.45:
                    click.echo(f"  warning: {verdict} is {count / claims:.0%} of the claims (keep each verdict 25-45%)")
        click.echo(f"{len(summaries)} article(s), {sum(s['questions'] for s in summaries)} question(s), {len(problems)} error(s)")
        for problem in problems:
            click.echo(f"error: {problem}")
    if problems:
        sys.exit(1)


@click.command("new-article")
@with_appcontext
@click.argument("text_file", type=click.File("r", encoding="utf-8"))
@click.argument("slug")
def new_article(text_file, slug: str) -> None:
    """Start a bank folder for an article from its plain text; review the guessed blocks after."""
    from .articles.text import BlockKind, blocks_from_plain_text
    from .bank.validate import IDENT

    if not IDENT.match(slug):
        raise click.BadParameter("use letters, digits, '.', '_' or '-'", param_hint="SLUG")
    folder = Path(current_app.config["BANK_PATH"]) / slug
    if folder.exists():
        raise click.ClickException(f"{folder} already exists")
    blocks = blocks_from_plain_text(text_file.read())
    if not blocks:
        raise click.ClickException("the file has no text")
    headline = next((block.text for block in blocks if block.kind is BlockKind.HEADLINE), None)
    metadata = {"headline": headline, "publisher": None, "author": None, "published": None, "url": None}
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text(dump_yaml(article_document(metadata, blocks), ARTICLE_HEADER), encoding="utf-8")
    (folder / "questions.yaml").write_text("questions: []\n", encoding="utf-8")
    click.echo(f"Wrote {folder}/article.yaml with {len(blocks)} blocks:")
    for block in blocks:
        click.echo(f"  {block.kind.value:<10} {block.text[:70]}")
    click.echo("Check the block kinds and fill in what the article states, then add questions.yaml.")


@click.command("create-instructor")
@click.argument("email")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of standard input."
)
@with_appcontext
def create_instructor(email: str, password_stdin: bool) -> None:
    """Create an instructor account; the password is asked for, or read from stdin."""
    from . import db
    from .accounts.service import AccountError
    from .accounts.service import create_instructor as create

    if password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        instructor = create(db.session(), email, password)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    db.session().commit()
    click.echo(f"Instructor {instructor.email} created.")
