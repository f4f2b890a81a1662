"""The article page: the text as the game cites it, with block and sentence ids."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from .. import db
from .render import render_article
from .service import readable_article

bp = Blueprint("articles", __name__, url_prefix="/articles")


@bp.get("/<slug>")
def show(slug: str):
    # Built-in articles for anyone, an instructor's own for its owner (the live results link here);
    # anyone else gets the answer a missing article gets.
    article = readable_article(db.session(), slug, current_user)
    if article is None:
        abort(404, description="There is no article at this address.")
    return render_template("articles/show.html", article=article, blocks=render_article(article))
