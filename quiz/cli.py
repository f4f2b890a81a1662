"""Command-line tools: `flask --app quiz <command>`."""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .bank.cues import bank_warnings
from .bank.files import ARTICLE_HEADER, QUESTIONS_FILE, article_document, article_folders, dump_yaml
from .bank.sync import BankInvalid, read_bank
from .converters import MAX_ID


def init_app(app: Flask) -> None:
    app.cli.add_command(init_db)
    app.cli.add_command(check_bank)
    app.cli.add_command(suggest_questions)
    app.cli.add_command(new_article)
    app.cli.add_command(serve)
    app.cli.add_command(create_instructor)
    app.cli.add_command(import_questions)
    app.cli.add_command(export_questions)
    app.cli.add_command(reset_password)
    app.cli.add_command(report)
    app.cli.add_command(purge_student_data)


def _setup(err: bool = False) -> None:
    from .install import setup_database

    try:
        report = setup_database(current_app)
    except BankInvalid as invalid:
        for problem in invalid.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{invalid}; run `flask --app quiz check-bank` for details") from None
    before = report.revision_before or "empty"
    click.echo(f"Database schema: {before} -> {report.revision_after}", err=err)
    click.echo(
        f"Built-in content: {report.bank.articles} article(s), {report.bank.questions} question(s)"
        + (f", {report.bank.retired} retired" if report.bank.retired else ""),
        err=err,
    )


def needs_database(command):
    """Mark a command that reads or writes the database (under @with_appcontext): on a fresh
    clone, or after an update that brings migrations, it sets the database up first, as init-db
    and serve do, instead of failing with "no such table". What setup says goes to stderr, so
    that a command's --json output stays JSON."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from .install import needs_setup

        if needs_setup(current_app):
            click.echo("Setting up the database first (as `flask --app quiz init-db` does).", err=True)
            _setup(err=True)
        return command(*args, **kwargs)

    return wrapper


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the schema and load the built-in articles and questions."""
    _setup()


@click.command("serve")
@with_appcontext
@click.option(
    "--host",
    default="0.0.0.0",
    show_default=True,
    help="The address to listen on: 0.0.0.0 lets phones on the local network join; 127.0.0.1 keeps it to this computer.",
)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--public-url", help="The address students should use, e.g. behind a proxy (sets QUIZ_PUBLIC_URL).")
def serve(host: str, port: int, public_url: str | None) -> None:
    """Set up the database if needed, then serve the app on one machine and its local network."""
    from .live.addresses import is_loopback_host, join_address

    app = current_app._get_current_object()
    if public_url:
        if not public_url.startswith(("http://", "https://")):
            raise click.BadParameter("give the whole address, starting with http:// or https://", param_hint="--public-url")
        app.config["PUBLIC_URL"] = public_url
    listen = host.strip("[]")
    everywhere = listen in ("0.0.0.0", "::")
    loopback_only = is_loopback_host(listen) and not everywhere
    app.config["LIVE_SERVING_LOOPBACK_ONLY"] = loopback_only
    _setup()

    shown = f"[{listen}]" if ":" in listen else listen
    here = f"http://127.0.0.1:{port}/" if everywhere else f"http://{shown}:{port}/"
    # The address students get is chosen the way the lobby chooses it, for a page opened on `here`.
    address = join_address(here, app.config)
    click.echo(f"On this computer, open {here} in a browser.")
    if address.warning and loopback_only:
        click.echo(f"Phones cannot join: the app listens on {shown}, this computer's own address, only.")
        click.echo(f"To let students join, stop it and run `flask --app quiz serve` without --host {host},")
        click.echo("or give the address they should use with --public-url.")
    elif address.warning:
        click.echo("Phones cannot join yet: this computer has no network address they could reach.")
        click.echo("Connect it to the same network as the phones (the school Wi-Fi) and start the app again,")
        click.echo("or give the address students should use with --public-url.")
    else:
        where = "" if app.config.get("PUBLIC_URL") else " (on the same Wi-Fi or network as this computer)"
        for number, base in enumerate((address.url, *address.alternatives)):
            label = "Students join at" if number == 0 else "            or at"
            click.echo(f"{label} {base}/join{where}")
        if everywhere:
            click.echo("Anyone on this network can open the app; --host 127.0.0.1 keeps it to this computer.")
    click.echo("Press Ctrl+C to stop.")
    # app.run() refuses to start from inside the flask command; Werkzeug's server is what it runs.
    from werkzeug.serving import run_simple

    from .security import QuietRequestHandler

    run_simple(host, port, app, threaded=True, request_handler=QuietRequestHandler)


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
    files = {folder.name: str(folder / QUESTIONS_FILE) for folder in article_folders(path)} if path.is_dir() else {}
    summaries = [article.summary() for article in articles]
    warnings = {
        article.slug: bank_warnings(article, files.get(article.slug, article.slug)) for article in articles
    }
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
            "warnings": [warning.as_json() for slug in warnings for warning in warnings[slug]],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for summary in summaries:
            click.echo(f"{summary['id']}: {summary['headline']}")
            click.echo(f"  questions: {summary['questions']}")
            click.echo(f"  by kind:    {_counts(Counter(summary['by_kind']))}")
            click.echo(f"  by verdict: {_counts(Counter(summary['by_verdict']))}")
            click.echo(f"  by skill:   {_counts(Counter(summary['by_skill']))}")
            for warning in warnings[summary["id"]]:
                click.echo(f"  warning: {warning}")
        count = sum(map(len, warnings.values()))
        click.echo(
            f"{len(summaries)} article(s), {sum(s['questions'] for s in summaries)} question(s), "
            f"{len(problems)} error(s), {count} warning(s)"
        )
        for problem in problems:
            click.echo(f"error: {problem}")
    if problems:
        sys.exit(1)


def _suggestion_source(source: str):
    """Return the ArticleText for SOURCE: a .txt or .html file when one is there, else the id
    (slug) of an article in the database. Raises ClickException with a message for the user."""
    from .articles.text import SentenceSplitError
    from .authoring.extract import ExtractionError
    from .suggest.model import ArticleText

    path = Path(source)
    config = current_app.config
    if path.suffix.lower() in (".txt", ".text", ".html", ".htm") or path.is_file():
        if not path.is_file():
            raise click.ClickException(f"{source}: no such file")
        limit = config["UPLOAD_LIMIT_BYTES"]
        try:
            if path.stat().st_size > limit:
                raise click.ClickException(f"{source} is larger than {limit:,} bytes, the most an article file may be")
            data = path.read_bytes()
        except OSError as error:
            raise click.ClickException(f"{source}: cannot be read ({error.strerror or error})") from None
        try:
            if path.suffix.lower() in (".html", ".htm") or data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
                from .authoring.extract import extract_html

                page = extract_html(data, max_elements=config["PAGE_MAX_ELEMENTS"])
                article = ArticleText.from_blocks(page.blocks, headline=page.headline, author=page.byline, publisher=page.publisher, published=page.date)
            else:
                try:
                    text = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise click.ClickException(f"{source} is not UTF-8 text; save it as UTF-8 or give the .html page") from None
                if len(text) > config["ARTICLE_MAX_CHARS"]:
                    raise click.ClickException(f"{source} has {len(text):,} characters; an article may have at most {config['ARTICLE_MAX_CHARS']:,}")
                article = ArticleText.from_text(text)
        except (ExtractionError, SentenceSplitError) as error:
            raise click.ClickException(f"{source}: {error}") from None
        if not article.text.strip():
            raise click.ClickException(f"{source} has no article text")
        if len(article.text) > config["ARTICLE_MAX_CHARS"] or len(article.blocks) > config["ARTICLE_MAX_BLOCKS"]:
            raise click.ClickException(
                f"{source} is longer than an article may be ({config['ARTICLE_MAX_CHARS']:,} characters, {config['ARTICLE_MAX_BLOCKS']:,} blocks)"
            )
        return source, article
    return source, _stored_article(source)


@needs_database
def _stored_article(slug: str):
    from sqlalchemy import select

    from . import db
    from .articles.models import Article
    from .suggest.model import ArticleText

    article = db.session().scalars(select(Article).where(Article.slug == slug)).first()
    if article is None:
        raise click.ClickException(f"no article with the id {slug!r}, and no such file (give an article id, or a .txt or .html file)")
    return ArticleText.from_article(article)


@click.command("suggest-questions")
@with_appcontext
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions as JSON.")
@click.option("--limit", type=click.IntRange(1, 500), help="Print at most this many suggestions (the most confident first).")
def suggest_questions(source: str, as_json: bool, limit: int | None) -> None:
    """Suggest draft questions for an article: SOURCE is an article id, or a .txt or .html file.

    Every suggestion passes the bank's validation against the article's text; none is saved.
    """
    import time

    from .suggest.generator import suggest

    name, article = _suggestion_source(source)
    started = time.perf_counter()
    suggestions = suggest(article, limit=limit)
    seconds = time.perf_counter() - started
    by_kind = Counter(s.kind for s in suggestions)
    by_verdict = Counter(s.verdict for s in suggestions if s.verdict)
    by_skill = Counter(s.skill for s in suggestions)
    if as_json:
        report = {
            "article": name,
            "suggestions": [s.as_json() for s in suggestions],
            "by_kind": dict(sorted(by_kind.items())),
            "by_skill": dict(sorted(by_skill.items())),
            "seconds": round(seconds, 3),
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"{name}: {article.headline or '(no headline)'}")
    for number, s in enumerate(suggestions, start=1):
        kind = "multiple choice" if s.kind == "multiple_choice" else f"claim, {s.verdict}"
        click.echo("")
        click.echo(f"{number}. {s.key}  [{kind}; {s.skill}; rule {s.rule}; confidence {s.confidence:.2f}]")
        click.echo(f"   {s.text}")
        for option in s.options:
            click.echo(f"   {'*' if option.correct else '-'} {option.text}")
        if s.kind == "claim":
            click.echo(f"   key: {s.verdict}")
        for quote in s.evidence:
            click.echo(f"   evidence: \"{quote}\"")
        click.echo(f"   explanation: {s.explanation}")
    click.echo("")
    click.echo(f"{len(suggestions)} suggestion(s) in {seconds:.2f} s")
    click.echo(f"  by kind:    {_counts(by_kind)}")
    click.echo(f"  by verdict: {_counts(by_verdict)}")
    click.echo(f"  by skill:   {_counts(by_skill)}")


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
@needs_database
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


@click.command("reset-password")
@click.argument("email")
@click.option("--base-url", help="The site's address for the link (default: QUIZ_PUBLIC_URL, else http://127.0.0.1:5000).")
@with_appcontext
@needs_database
def reset_password(email: str, base_url: str | None) -> None:
    """Print a one-time link that sets a new password for an instructor (no mail is sent)."""
    from .accounts.service import password_reset_token

    if base_url and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("give the whole address, starting with http:// or https://", param_hint="--base-url")
    instructor = _owner(email)
    base = (base_url or current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000").rstrip("/")
    minutes = current_app.config["PASSWORD_RESET_SECONDS"] // 60
    # The code goes after '#': browsers never send it, so no server or proxy log records it.
    click.echo(f"Password reset link for {instructor.email}, valid once, for {minutes} minutes:")
    click.echo(f"  {base}/account/reset-password#{password_reset_token(instructor)}")
    click.echo("Give it to its owner only: whoever opens it can set the account's password.")


def _owner(email: str):
    from . import db
    from .accounts.models import Instructor
    from .accounts.service import normalise_email
    from sqlalchemy import select

    owner = db.session().scalar(select(Instructor).where(Instructor.email == normalise_email(email)))
    if owner is None:
        raise click.ClickException(f"there is no instructor {email!r}; create one with `flask --app quiz create-instructor`")
    return owner


@click.command("import-questions")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "file_format", type=click.Choice(["native", "gift"]), required=True)
@click.option("--owner", "email", required=True, help="The instructor who will own what is imported.")
@click.option("--article", "article_id", help="GIFT: the id of the owner's article the questions are about (default: the $CATEGORY).")
@click.option("--skip-unsupported", is_flag=True, help="GIFT: skip question kinds this game cannot play instead of failing.")
@click.option("--dry-run", is_flag=True, help="Check and report; import nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@with_appcontext
@needs_database
def import_questions(file: Path, file_format: str, email: str, article_id: str | None, skip_unsupported: bool, dry_run: bool, as_json: bool) -> None:
    """Import questions (and, in the native format, their articles): all or nothing."""
    from sqlalchemy import select

    from . import db
    from .articles.models import Article
    from .authoring.interchange import import_gift
    from .authoring.native import import_native, read_native

    owner = _owner(email)
    session = db.session()
    if file_format == "native":
        sources, problems = read_native(file)
        report = import_native(session, owner.id, sources, problems, dry_run=dry_run)
    else:
        target = None
        if article_id:
            target = session.scalar(select(Article).where(Article.slug == article_id, Article.owner_id == owner.id))
            if target is None:
                raise click.ClickException(f"{email} has no article {article_id!r}")
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise click.ClickException(f"{file} is not UTF-8 text") from None
        report = import_gift(session, owner.id, text, target, skip_unsupported=skip_unsupported, dry_run=dry_run)
    if report.errors:
        session.rollback()
    elif not dry_run:
        session.commit()
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        verb = "would import" if dry_run or report.errors else "imported"
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(report.by_kind.items())) or "nothing"
        click.echo(f"{file}: {verb} {report.imported} question(s) ({kinds})" if not report.errors else f"{file}: nothing imported")
        for skipped in report.skipped:
            click.echo(f"skipped: line {skipped['line']}: {skipped['kind']}")
        for error in report.errors:
            where = f"line {error['line']}: " if error.get("line") else ""
            click.echo(f"error: {where}{error['message']}")
    if report.errors:
        sys.exit(1)


@click.command("export-questions")
@click.option("--format", "file_format", type=click.Choice(["native", "gift"]), required=True)
@click.option("--owner", "email", required=True)
@click.option("--set", "set_id", type=click.IntRange(1, MAX_ID), help="Export one of the owner's question sets instead of everything.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True)
@with_appcontext
@needs_database
def export_questions(file_format: str, email: str, set_id: int | None, output: Path) -> None:
    """Export the owner's articles and questions (or one set) to a file."""
    from . import db
    from .authoring.interchange import export_gift
    from .authoring.native import export_bundle
    from .authoring.service import exportable

    owner = _owner(email)
    try:
        groups = exportable(db.session(), owner.id, set_id)
    except LookupError:
        raise click.ClickException(f"{email} has no question set {set_id}") from None
    questions = [q for _, qs in groups for q in qs]
    body = export_bundle(groups) if file_format == "native" else export_gift(questions)
    output.write_text(body, encoding="utf-8")
    click.echo(f"Wrote {len(questions)} question(s) from {len(groups)} article(s) to {output}")


@click.command("report")
@click.option("--game", "game_id", type=click.IntRange(1, MAX_ID), help="A live game's id (in its results address, /host/games/ID/results).")
@click.option("--assignment", "assignment_id", type=click.IntRange(1, MAX_ID), help="An assignment's id (in its address, /assignments/ID).")
@click.option("--format", "file_format", type=click.Choice(["json", "csv", "xlsx"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write to this file instead of the standard output.")
@with_appcontext
@needs_database
def report(game_id: int | None, assignment_id: int | None, file_format: str, output: Path | None) -> None:
    """Print or write the results report (quiz/reports.py) of a live game or of an assignment, as
    JSON, CSV or XLSX. Give exactly one of --game ID and --assignment ID."""
    from . import db, reports

    if (game_id is None) == (assignment_id is None):
        raise click.UsageError("give exactly one of --game ID and --assignment ID")
    homework = assignment_id is not None
    if homework:
        from .assignments.service import assignment_report, load_assignment

        assignment = load_assignment(db.session(), assignment_id)
        if assignment is None:
            raise click.ClickException(f"there is no assignment {assignment_id}")
        built, what = assignment_report(db.session(), assignment), f"assignment {assignment_id}"
        counted = f"{built.players} student(s) handed in"
    else:
        from .live.host_views import game_report
        from .live.service import load_game

        game = load_game(db.session(), game_id)
        if game is None:
            raise click.ClickException(f"there is no game {game_id}")
        built, what = game_report(game), f"game {game_id}"
        counted = f"{built.players} player(s)"
    if file_format == "xlsx" and output is None:
        raise click.ClickException("XLSX is a binary file: give -o FILE")
    if file_format == "json":
        body = (json.dumps(reports.report_json(built), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    elif file_format == "csv":
        body = reports.csv_bytes(*reports.results_table(built, homework=homework))
    else:
        body = reports.xlsx_bytes(
            [("Results", *reports.results_table(built, homework=homework)), ("Questions", *reports.questions_table(built))]
        )
    if output is not None:
        output.write_bytes(body)
        click.echo(f"Wrote the report of {what} ({counted}) to {output}", err=True)
    else:
        click.echo(body, nl=False)


@click.command("purge-student-data")
@click.option(
    "--days",
    type=click.IntRange(1, 36500),
    help="Delete students' data older than this many days (default: the STUDENT_DATA_RETENTION_DAYS setting).",
)
@with_appcontext
@needs_database
def purge_student_data(days: int | None) -> None:
    """Delete students' data older than N days: live games' players and answers, and assignments'
    students with their attempts (the games, assignments and questions stay). See quiz/retention.py."""
    from . import db
    from .retention import RetentionSettingInvalid, purge_student_data as purge, retention_days

    if days is None:
        try:
            days = retention_days(current_app.config)
        except RetentionSettingInvalid as invalid:
            raise click.ClickException(str(invalid)) from None
    if days is None:
        raise click.UsageError(
            "say how old students' data must be to go: --days N, or set STUDENT_DATA_RETENTION_DAYS "
            "(QUIZ_STUDENT_DATA_RETENTION_DAYS) to N; it is unset, which keeps students' data"
        )
    session = db.session()
    purged = purge(session, days)
    session.commit()
    for line in purged.lines():
        click.echo(line)
