"""Score article extraction against hand-written expectations for saved pages.

    python bench/extract_score.py bench/pages

Every FOLDER/*/source.html is read as bytes and given to quiz.authoring.extract.extract_html; its
expected.json says what a careful reader calls the article: headline, byline, date and body (the
story's paragraphs, quotations and summary points, a blank line apart; clutter is not body).

Per page and overall it prints headline and byline accuracy (exact match after whitespace and case
are normalised; an expected null matches only a missing or empty result) and the body's precision,
recall and F1 on word tokens (a bag of words with multiplicity: lowercased, split on non-word
characters). The extractor's body is its blocks other than the headline and clutter. Overall
figures are a micro-average over tokens for the body and a mean over pages for headline and
byline. The last line is JSON: pages, headline_acc, byline_acc, body_precision, body_recall,
body_f1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Run from a clone without installing: the package is beside this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz.authoring.extract import ExtractionError, extract_html  # noqa: E402


@dataclass
class PageScore:
    name: str
    headline_ok: bool
    byline_ok: bool
    overlap: int
    extracted_tokens: int
    expected_tokens: int
    error: str | None = None

    @property
    def precision(self) -> float:
        return _ratio(self.overlap, self.extracted_tokens)

    @property
    def recall(self) -> float:
        return _ratio(self.overlap, self.expected_tokens)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def _ratio(part: int, whole: int) -> float:
    # Nothing expected and nothing extracted is a perfect answer, not a division by zero.
    return part / whole if whole else (1.0 if part == 0 else 0.0)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def tokens(text: str | None) -> Counter[str]:
    """Return the bag of lowercased word tokens of a text."""
    return Counter(token for token in re.split(r"\W+", (text or "").lower()) if token)


def same_field(expected: str | None, got: str | None) -> bool:
    """Compare a headline or byline after normalising whitespace and case; null matches only empty."""
    got_norm = " ".join((got or "").split()).casefold()
    if expected is None:
        return not got_norm
    return " ".join(expected.split()).casefold() == got_norm


def score_page(folder: Path) -> PageScore:
    """Extract one saved page and compare it with its expected.json."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    wanted = tokens(expected.get("body"))
    try:
        article = extract_html((folder / "source.html").read_bytes())
    except ExtractionError as error:
        return PageScore(folder.name, False, False, 0, 0, sum(wanted.values()), error=str(error))
    got = tokens(article.body_text)  # the blocks but the headline and clutter, a blank line apart
    return PageScore(
        name=folder.name,
        headline_ok=same_field(expected.get("headline"), article.headline),
        byline_ok=same_field(expected.get("byline"), article.byline),
        overlap=sum((got & wanted).values()),
        extracted_tokens=sum(got.values()),
        expected_tokens=sum(wanted.values()),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of PAGE/source.html + PAGE/expected.json")
    args = parser.parse_args(argv)
    pages = sorted(path.parent for path in args.folder.glob("*/source.html"))
    if not pages:
        parser.error(f"no */source.html under {args.folder}")

    scores = [score_page(page) for page in pages]
    width = max(len(score.name) for score in scores)
    for score in scores:
        line = (
            f"{score.name:<{width}}  headline {'ok  ' if score.headline_ok else 'MISS'}  "
            f"byline {'ok  ' if score.byline_ok else 'MISS'}  "
            f"P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
        )
        print(line + (f"  ({score.error})" if score.error else ""))

    overlap = sum(score.overlap for score in scores)
    precision = _ratio(overlap, sum(score.extracted_tokens for score in scores))
    recall = _ratio(overlap, sum(score.expected_tokens for score in scores))
    summary = {
        "pages": len(scores),
        "headline_acc": round(sum(score.headline_ok for score in scores) / len(scores), 4),
        "byline_acc": round(sum(score.byline_ok for score in scores) / len(scores), 4),
        "body_precision": round(precision, 4),
        "body_recall": round(recall, 4),
        "body_f1": round(_f1(precision, recall), 4),
    }
    print(
        f"{'overall':<{width}}  headline {summary['headline_acc']:.3f}  byline {summary['byline_acc']:.3f}  "
        f"P {precision:.3f}  R {recall:.3f}  F1 {summary['body_f1']:.3f}"
    )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
