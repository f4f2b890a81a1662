"""Authoring pages: bring an article, review it, write questions by highlighting evidence."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import bounded, db
from ..converters import parse_id
from ..articles.anchoring import locate_each
from ..articles.models import Article
from ..articles.render import render_article
from ..articles.text import Block, BlockKind, SentenceSplitError, Span, blocks_from_plain_text, normalise
from ..bank.cues import Item, item_cues
from ..bank.kinds import MAX_OPTIONS, Kind, Status, Verdict
from ..bank.models import Question
from ..bank.skills import SKILLS
from ..bank.validate import MAX_EVIDENCE, MAX_TEACHER_NOTE
from . import gift, service
from .service import AuthoringError

bp = Blueprint("authoring", __name__, url_prefix="/author")

SOURCES = ("paste", "upload", "url")
EVIDENCE_ROWS = 3
# An import report lists this many problems, then says how many more there are.
SHOWN_IMPORT_ERRORS = 100


def size_text(size: int) -> str:
    """Return a byte count as people say it: "5 MB", "100 KB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


@bp.before_request
@login_required
def _instructors_only():
    """Authoring is for signed-in instructors only."""


@bp.errorhandler(SentenceSplitError)
def _sentences_too_slow(error: SentenceSplitError):
    """Refuse, having saved nothing, where a page has no form of its own to show the message on."""
    db.session().rollback()
    return render_template("errors/refused.html", message=str(error), back=None), 422


def _article(article_id: int, change: bool = False) -> Article:
    """Return an article the instructor may read (or change); others' articles do not exist for them."""
    article = db.session().get(Article, article_id)
    if article is None or not service.can_read(article, current_user.id):
        abort(404, description="There is no article of yours at this address.")
    if change and not service.can_change(article, current_user.id):
        abort(403, description="The built-in articles are read-only. Copy one to your own articles to change it.")
    return article


def _question(question_id: int, change: bool = False) -> Question:
    question = db.session().get(Question, question_id)
    if question is None or not service.can_read(question.article, current_user.id):
        abort(404, description="There is no question of yours at this address.")
    if change and not service.can_change(question.article, current_user.id):
        abort(403, description="Built-in questions are read-only. Copy the article to change them.")
    return question


@bp.get("/")
def dashboard():
    from ..sets.service import owned_sets

    session = db.session()
    articles = service.visible_articles(session, current_user.id)
    return render_template(
        "authoring/dashboard.html",
        mine=[a for a in articles if a.owner_id == current_user.id],
        builtin=[a for a in articles if a.owner_id is None],
        sets=owned_sets(session, current_user.id),
    )


# --------------------------------------------------------------------------------------------
# Bringing an article in: paste, upload or fetch; review; save


@bp.get("/articles/new")
def new_article():
    return render_template("authoring/article_new.html", limit=size_text(current_app.config["UPLOAD_LIMIT_BYTES"]))


def _review(metadata: dict, blocks: list[Block], source: str, notices: list[str], status: int = 200, errors=None):
    return render_template(
        "authoring/article_review.html",
        metadata=metadata,
        blocks=blocks,
        source=source,
        notices=notices,
        errors=errors or [],
        kinds=list(BlockKind),
        action=url_for(".create_article"),
    ), status


def _refuse_new(message: str, status: int = 400):
    return render_template(
        "authoring/article_new.html", error=message, limit=size_text(current_app.config["UPLOAD_LIMIT_BYTES"])
    ), status


@bp.post("/articles/review")
def review_article():
    """Extract an article from pasted text, an uploaded page or a URL, for review. Saves nothing."""
    from .extract import ExtractionError
    from .fetch import FetchError, fetch_url

    source = request.form.get("source")
    config = current_app.config
    limit = config["UPLOAD_LIMIT_BYTES"]
    limits = service.ArticleLimits.from_config(config)
    notices: list[str] = []
    try:
        if source == "paste":
            text = normalise(request.form.get("text", ""))
            if not text.strip():
                return _refuse_new("Paste the article's text first.")
            if len(text) > limits.chars:
                return _refuse_new(
                    f"That text is {len(text):,} characters long; an article may have at most {limits.chars:,}.", 413
                )
            blocks = blocks_from_plain_text(text)
            if problems := service.size_problems(blocks, limits):
                return _refuse_new(" ".join(problems), 413)
            headline = next((b.text for b in blocks if b.kind is BlockKind.HEADLINE), None)
            return _review({"headline": headline}, blocks, source, notices)
        if source == "upload":
            upload = request.files.get("page")
            if upload is None or not upload.filename:
                return _refuse_new("Choose a saved web page (.html) to upload.")
            data = _read_upload(upload, limit)
            if len(data) > limit:
                return _refuse_new(f"That file is larger than {size_text(limit)}.", 413)
            if not upload.filename.lower().endswith((".html", ".htm", ".xhtml")):
                return _refuse_new("Upload a saved web page: a file ending in .html or .htm.", 415)
            extracted = _read_page(data, None)
        elif source == "url":
            url = request.form.get("url", "").strip()
            fetched = fetch_url(url, timeout=config["FETCH_TIMEOUT_SECONDS"], max_bytes=limit)
            extracted = _read_page(fetched.body, fetched.url)
            extracted.url = extracted.url or fetched.url
        else:
            return _refuse_new("Choose how to bring the article in.")
    except (ExtractionError, FetchError) as error:
        return _refuse_new(str(error), 422)
    except bounded.WorkError:
        return _refuse_new("This page took too long to read; try pasting its text.", 422)
    if problems := service.size_problems(extracted.blocks, limits):
        return _refuse_new("Too long to be played: " + " ".join(problems) + " Paste the part you need.", 413)
    if extracted.removed:
        removed = ", ".join(f"{count} {what}" for what, count in extracted.removed.items() if count)
        if removed:
            notices.append(f"Removed from the page and not kept: {removed}.")
    metadata = {
        "headline": extracted.headline,
        "author": extracted.byline,
        "published": extracted.date,
        "publisher": extracted.publisher,
        "url": extracted.url,
    }
    return _review(metadata, extracted.blocks, source, notices)


def _read_page(data: bytes, url: str | None):
    """Extract a page in a child process with a time limit: reading some pages takes minutes."""
    from .extract import extract_html

    return bounded.run(extract_html, data, url=url, max_elements=current_app.config["PAGE_MAX_ELEMENTS"])


def _read_upload(upload, limit: int) -> bytes:
    """Read at most one byte past the limit (enough to tell it is too large), then close it."""
    try:
        return upload.stream.read(limit + 1)
    finally:
        upload.close()


def _form_blocks() -> list[Block]:
    kinds = request.form.getlist("block_kind")
    texts = request.form.getlist("block_text")
    drop = set(request.form.getlist("block_drop"))
    kept = [(k, t) for n, (k, t) in enumerate(zip(kinds, texts), start=1) if str(n) not in drop]
    limits = service.ArticleLimits.from_config(current_app.config)
    return service.clean_blocks([k for k, _ in kept], [t for _, t in kept], limits)


def _sent_metadata() -> dict:
    """Return the metadata fields as sent, to show them again after an error."""
    return {key: request.form.get(key) for key in ("headline", "publisher", "author", "published", "url")}


def _sent_blocks() -> list[Block]:
    """Return the blocks as sent, unchecked, to show them again after an error (as many as an article may have)."""
    shown = current_app.config["ARTICLE_MAX_BLOCKS"]
    kinds = request.form.getlist("block_kind")[:shown]
    texts = request.form.getlist("block_text")[:shown]
    known = BlockKind.__members__.values()
    return [Block(BlockKind(k) if k in known else BlockKind.PARAGRAPH, t) for k, t in zip(kinds, texts, strict=False)]


def _form_metadata() -> dict:
    return service.clean_metadata(_sent_metadata())


@bp.post("/articles")
def create_article():
    source = request.form.get("source", "paste")
    if source not in SOURCES:
        abort(400, description="Unknown source.")
    try:
        metadata = _form_metadata()
        blocks = _form_blocks()
    except AuthoringError as error:
        return _review(_sent_metadata(), _sent_blocks(), source, [], status=400, errors=error.problems)
    try:
        article = service.create_article(db.session(), current_user.id, metadata, blocks, source)
    except SentenceSplitError as error:
        db.session().rollback()
        return _review(_sent_metadata(), _sent_blocks(), source, [], status=422, errors=[str(error)])
    db.session().commit()
    flash("The article is saved. Now write questions about it.")
    return redirect(url_for(".article", article_id=article.id), code=303)


# --------------------------------------------------------------------------------------------
# One article: its questions; editing its text re-anchors the evidence


@bp.get("/articles/<int:article_id>")
def article(article_id: int):
    article = _article(article_id)
    questions = db.session().scalars(
        select(Question).where(Question.article_id == article.id, Question.status != Status.RETIRED).order_by(Question.position)
    ).all()
    return render_template(
        "authoring/article.html",
        article=article,
        questions=questions,
        mine=service.can_change(article, current_user.id),
        blocks=render_article(article),
    )


@bp.get("/articles/<int:article_id>/edit")
def edit_article(article_id: int):
    article = _article(article_id, change=True)
    metadata = {key: getattr(article, key) for key in ("headline", "publisher", "author", "published", "url")}
    return render_template(
        "authoring/article_review.html",
        metadata=metadata,
        blocks=service.article_blocks(article),
        source=article.source,
        notices=["Changing the text finds every evidence quote again; you will see what moved and what was lost."],
        errors=[],
        kinds=list(BlockKind),
        action=url_for(".save_article", article_id=article.id),
        article=article,
    )


@bp.post("/articles/<int:article_id>/edit")
def save_article(article_id: int):
    article = _article(article_id, change=True)
    try:
        metadata = _form_metadata()
        blocks = _form_blocks()
        changes = service.change_article(db.session(), article, metadata, blocks)
    except (AuthoringError, SentenceSplitError) as error:
        db.session().rollback()
        article = _article(article_id, change=True)
        return render_template(
            "authoring/article_review.html", metadata=_sent_metadata(), blocks=_sent_blocks(), source=article.source, notices=[],
            errors=getattr(error, "problems", [str(error)]), kinds=list(BlockKind),
            action=url_for(".save_article", article_id=article.id), article=article,
        ), 400 if isinstance(error, AuthoringError) else 422
    db.session().commit()
    return render_template("authoring/reanchor_report.html", article=article, changes=changes)


@bp.post("/articles/<int:article_id>/delete")
def delete_article(article_id: int):
    article = _article(article_id, change=True)
    try:
        service.delete_article(db.session(), article)
    except AuthoringError as error:
        flash(error.problems[0])
        return redirect(url_for(".article", article_id=article.id), code=303)
    db.session().commit()
    flash("The article and its questions are deleted.")
    return redirect(url_for(".dashboard"), code=303)


@bp.post("/articles/<int:article_id>/copy")
def copy_article(article_id: int):
    article = _article(article_id)
    copy = service.copy_article(db.session(), article, current_user.id)
    db.session().commit()
    flash("Copied to your articles: this copy is yours to change.")
    return redirect(url_for(".article", article_id=copy.id), code=303)


# --------------------------------------------------------------------------------------------
# Questions


def _raw_from_form(kind: str, ident: str) -> dict:
    """Return the question form's fields in the bank's format, for the bank's own validation."""
    raw = {"id": ident, "kind": kind}
    if request.form.get("skill"):
        raw["skill"] = request.form["skill"]
    if request.form.get("explanation", "").strip():
        raw["explanation"] = request.form["explanation"]
    if request.form.get("teacher_note", "").strip():
        raw["teacher_note"] = request.form["teacher_note"]
    prompt_key = "question" if kind == Kind.MULTIPLE_CHOICE else "claim"
    raw[prompt_key] = request.form.get("prompt", "")
    if kind == Kind.MULTIPLE_CHOICE:
        correct = request.form.get("correct", "")
        options = []
        for number in range(1, MAX_OPTIONS + 1):
            text = request.form.get(f"option_{number}", "").strip()
            if not text:
                continue
            option = {"text": text, "correct": correct == str(number)}
            feedback = request.form.get(f"feedback_{number}", "").strip()
            if feedback:
                option["feedback"] = feedback
            options.append(option)
        raw["options"] = options
    else:
        raw["verdict"] = request.form.get("verdict", "")
    evidence = []
    for number in range(1, MAX_EVIDENCE + 1):
        quote = request.form.get(f"quote_{number}", "")
        if not quote.strip():
            continue
        entry = {"quote": quote}
        for part in ("prefix", "suffix"):
            if request.form.get(f"{part}_{number}"):
                entry[part] = request.form[f"{part}_{number}"]
        evidence.append(entry)
    if evidence:
        raw["evidence"] = evidence
    return raw


def _question_form(article: Article, question: Question | None, kind: str, raw: dict | None, errors=(), status=200, **context):
    """The question form; context goes to the template as it is (reviewing a suggestion sends
    the suggestion, the form's action and the way back)."""
    fields = raw if raw is not None else (service.question_fields(question) if question else {"kind": kind})
    return render_template(
        "authoring/question_form.html",
        article=article,
        question=question,
        kind=kind,
        fields=fields,
        errors=list(errors),
        skills=SKILLS,
        verdicts=list(Verdict),
        max_options=MAX_OPTIONS,
        max_teacher_note=MAX_TEACHER_NOTE,
        # Three rows to fill in, or as many as the question has (a suggestion may cite more).
        evidence_rows=min(MAX_EVIDENCE, max(EVIDENCE_ROWS, len(fields.get("evidence") or []))),
        # The evidence the form holds is marked in the article beside it (without the marks'
        # labels, which a selection would take for the article's words).
        blocks=render_article(article, [Span(m.start, m.end) for m in locate_each(article.text, fields.get("evidence"))]),
        lost=[e.exact for e in question.evidence if e.lost] if question else [],
        **context,
    ), status


@bp.get("/articles/<int:article_id>/questions/new")
def new_question(article_id: int):
    article = _article(article_id, change=True)
    kind = request.args.get("kind", Kind.CLAIM)
    if kind not in Kind.__members__.values():
        abort(404, description="There is no such kind of question.")
    return _question_form(article, None, kind, None)


@bp.post("/articles/<int:article_id>/questions")
def create_question(article_id: int):
    article = _article(article_id, change=True)
    kind = request.form.get("kind", "")
    if kind not in Kind.__members__.values():
        abort(400, description="There is no such kind of question.")
    raw = _raw_from_form(kind, service.next_ident(db.session(), article))
    try:
        question = service.save_question(db.session(), article, None, raw, publish=request.form.get("action") == "publish")
    except AuthoringError as error:
        return _question_form(article, None, kind, raw, error.problems, 400)
    db.session().commit()
    _flash_saved(question)
    return redirect(url_for(".article", article_id=article.id), code=303)


@bp.get("/questions/<int:question_id>/edit")
def edit_question(question_id: int):
    question = _question(question_id, change=True)
    return _question_form(question.article, question, question.kind, None)


@bp.post("/questions/<int:question_id>/edit")
def save_question(question_id: int):
    question = _question(question_id, change=True)
    raw = _raw_from_form(question.kind, question.ident)
    try:
        service.save_question(db.session(), question.article, question, raw, publish=request.form.get("action") == "publish")
    except AuthoringError as error:
        db.session().rollback()
        question = _question(question_id, change=True)
        return _question_form(question.article, question, question.kind, raw, error.problems, 400)
    db.session().commit()
    _flash_saved(question)
    return redirect(url_for(".article", article_id=question.article_id), code=303)


@bp.get("/questions/<int:question_id>/preview")
def preview_question(question_id: int):
    """Show the question as a player sees it, then (with ?reveal) the reveal; and how it played
    in this instructor's own games and assignments."""
    from ..assignments.over_time import question_stats
    from ..assignments.report_views import day, report_url

    question = _question(question_id)
    article = question.article
    reveal = "reveal" in request.args
    evidence = sorted(question.evidence, key=lambda e: e.start)
    blocks = render_article(article, [Span(e.start, e.end) for e in evidence if not e.lost] if reveal else [])
    return render_template(
        "authoring/preview.html",
        question=question,
        article=article,
        blocks=blocks,
        reveal=reveal,
        evidence=evidence,
        verdicts=list(Verdict),
        sentences=article.sentences,
        Kind=Kind,
        stats=question_stats(db.session(), current_user.id, question),
        day=day,
        report_url=report_url,
    )


def _flash_saved(question) -> None:
    """Say the question is saved, and what would give its answer away (as `check-bank` warns)."""
    prompt = question.prompt if len(question.prompt) <= 90 else question.prompt[:89].rstrip() + "…"
    flash(f"Question {question.ident} saved as {'published' if question.status == Status.PUBLISHED else 'a draft'}: “{prompt}”")
    options = [(option.text, option.correct) for option in question.options]
    if question.kind == Kind.MULTIPLE_CHOICE and sum(correct for _, correct in options) == 1:
        for cue in item_cues(Item(question.ident, question.skill, question.prompt, options)):
            flash(f"A hint for {question.ident}: {cue}.")


@bp.post("/questions/<int:question_id>/duplicate")
def duplicate_question(question_id: int):
    question = _question(question_id, change=True)
    copy = service.duplicate_question(db.session(), question)
    db.session().commit()
    flash(f"Duplicated as {copy.ident}, a draft.")
    return redirect(url_for(".edit_question", question_id=copy.id), code=303)


@bp.post("/questions/<int:question_id>/delete")
def delete_question(question_id: int):
    question = _question(question_id, change=True)
    article_id = question.article_id
    outcome = service.delete_question(db.session(), question)
    db.session().commit()
    flash(
        "Question deleted."
        if outcome == "deleted"
        else "The question was played before, so it is retired: out of play and out of this list, and past results keep it."
    )
    return redirect(url_for(".article", article_id=article_id), code=303)


@bp.post("/questions/<int:question_id>/status")
def set_status(question_id: int):
    question = _question(question_id, change=True)
    publish = request.form.get("status") == "published"
    try:
        service.set_published(db.session(), question, publish)
    except AuthoringError as error:
        db.session().rollback()
        flash("Not published: " + " ".join(error.problems))
        return redirect(url_for(".edit_question", question_id=question_id), code=303)
    db.session().commit()
    flash(f"Question {question.ident} is {'published' if publish else 'a draft again'}.")
    return redirect(url_for(".article", article_id=question.article_id), code=303)


# --------------------------------------------------------------------------------------------
# Import and export


def _mine(session) -> list[Article]:
    return [a for a in service.visible_articles(session, current_user.id) if a.owner_id == current_user.id]


@bp.get("/import")
def import_form():
    return render_template("authoring/import.html", articles=_mine(db.session()), report=None)


@bp.post("/import")
def import_questions():
    """Check an uploaded bank or GIFT file, then (when asked) import it: all or nothing."""
    from .interchange import import_gift
    from .native import BundleLimits, import_native, read_and_validate

    session = db.session()
    upload = request.files.get("file")
    file_format = request.form.get("format")
    confirm = request.form.get("action") == "import"
    skip = request.form.get("skip_unsupported") == "on"
    articles = _mine(session)
    if upload is None or not upload.filename:
        return render_template("authoring/import.html", articles=articles, report=None, error="Choose a file to import."), 400
    data = _read_upload(upload, current_app.config["UPLOAD_LIMIT_BYTES"])
    if len(data) > current_app.config["UPLOAD_LIMIT_BYTES"]:
        return render_template("authoring/import.html", articles=articles, report=None, error=f"That file is larger than {size_text(current_app.config['UPLOAD_LIMIT_BYTES'])}."), 413
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return render_template("authoring/import.html", articles=articles, report=None, error="That file is not UTF-8 text."), 400
    if file_format == "gift":
        if refusal := _gift_too_large(text):
            return render_template("authoring/import.html", articles=articles, report=None, error=refusal), 413
        article_id = request.form.get("article", "")
        target = next((a for a in articles if str(a.id) == article_id), None)
        report = import_gift(session, current_user.id, text, target, skip_unsupported=skip, dry_run=not confirm)
    elif file_format == "native":
        try:
            # Reading YAML (about a megabyte a second) and finding every evidence quote in its article
            # run in a child process, with a time limit.
            problems, validated = bounded.run(read_and_validate, text, upload.filename, BundleLimits.from_config(current_app.config))
        except bounded.WorkError:
            error = "That file took too long to read. Split it into smaller files and import them one by one."
            return render_template("authoring/import.html", articles=articles, report=None, error=error), 422
        report = import_native(session, current_user.id, [], problems, dry_run=not confirm, validated=validated)
    else:
        return render_template("authoring/import.html", articles=articles, report=None, error="Choose the file's format."), 400
    if report.errors:
        session.rollback()
        if len(report.errors) > SHOWN_IMPORT_ERRORS:
            hidden = len(report.errors) - SHOWN_IMPORT_ERRORS
            report.errors = report.errors[:SHOWN_IMPORT_ERRORS] + [{"line": None, "message": f"… and {hidden:,} more problems."}]
        return render_template("authoring/import.html", articles=articles, report=report, done=False, pending=None), 400
    if confirm:
        session.commit()
        flash(f"Imported {report.imported} question(s) as {'drafts' if file_format == 'gift' else 'they were in the file'}.")
        return redirect(url_for(".dashboard"), code=303)
    # A checked file is sent again with "import": the browser keeps nothing of it between the two.
    return render_template("authoring/import.html", articles=articles, report=report, done=False, checked=True,
                           chosen_format=file_format, chosen_article=request.form.get("article", ""), skip=skip)


def _gift_too_large(text: str) -> str | None:
    """Say how a GIFT file is longer than an import may be, counting before anything is read."""
    config = current_app.config
    lines = max(text.count("\n"), text.count("\r")) + 1
    if lines > config["IMPORT_MAX_LINES"]:
        return f"That file has {lines:,} lines; import at most {config['IMPORT_MAX_LINES']:,} at a time."
    questions = gift.count_questions(text)
    if questions > config["IMPORT_MAX_QUESTIONS"]:
        return f"That file holds {questions:,} questions; import at most {config['IMPORT_MAX_QUESTIONS']:,} at a time."
    return None


@bp.get("/export")
def export_form():
    from ..sets.service import owned_sets

    if request.args.get("format"):
        return _export(request.args["format"], request.args.get("set"))
    return render_template("authoring/export.html", sets=owned_sets(db.session(), current_user.id))


def _export(file_format: str, set_id: str | None):
    from flask import Response

    from .interchange import export_gift
    from .native import export_bundle

    chosen = parse_id(set_id)
    try:
        groups = service.exportable(db.session(), current_user.id, chosen)
    except LookupError:
        abort(404, description="You have no question set with that id.")
    if file_format == "native":
        body, name, mimetype = export_bundle(groups), "questions.yaml", "application/yaml"
    elif file_format == "gift":
        body, name, mimetype = export_gift([q for _, qs in groups for q in qs]), "questions.gift", "text/plain"
    else:
        abort(400, description="Export as native or gift.")
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})
