"""The article page: the text as the game cites it, with block and sentence ids."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from .. import db
from .models import Article
from .render import render_article

bp = Blueprint("articles", __name__, url_prefix="/articles")


@bp.get("/<slug>")
def show(slug: str):
    article = db.session().scalar(select(Article).where(Article.slug == slug))
    if article is None:
        abort(404, description="There is no article at this address.")
    return render_template("articles/show.html", article=article, blocks=render_article(article))
