"""Suggested questions: drafts generated from an article's text, each tied to the passage that
decides it, for an instructor to review (accept, edit then accept, or reject) before any is played.

    from quiz.suggest import suggest
    suggestions = suggest(source)   # an ArticleText: metadata, blocks, canonical text, sentences

Every suggestion converts to the bank's own question format (`Suggestion.raw()`), and passes
`quiz.bank.validate.validate_question` against the article's text: a suggestion that would not
validate is never offered. The same article always gives the same suggestions (no randomness
beyond a seed taken from the article's text).
"""

__all__ = ["ArticleText", "Option", "Suggestion", "suggest"]


def __getattr__(name: str):
    # Imported on first use: quiz.models imports this package's models early, before the bank
    # and the generator can be.
    if name == "suggest":
        from .generator import suggest

        return suggest
    if name in ("ArticleText", "Option", "Suggestion"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
