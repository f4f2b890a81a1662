"""Score the question generator (quiz.suggest) on the built-in article and a corpus of news pages.

    python bench/suggest_score.py                      # the table, the targets, one JSON line
    python bench/suggest_score.py --only wire --show   # every suggestion of one article, in full
    python bench/suggest_score.py --sample 40 --seed 7 # a sample for an independent reviewer

The articles are the built-in bank's (questions/*/article.yaml, read and validated as the loader
reads them, without a database) and every *.html page in bench/suggest-articles/ (written for this
benchmark: see its README.md), which go through the app's real page extraction like an import.

Per article it prints: body words (every block but the headline and clutter), suggestions and
suggestions per 600 words, skills covered (and those missing), kinds, the claims' verdict shares
(supported / contradicted / not in the article), suggestions that fail the bank's own validation
at publish level (quiz.bank.validate.validate_question; must be 0), answer-cue warnings on the
multiple-choice suggestions (quiz.bank.cues, as check-bank reports them) and the generation time
(the median of --runs runs; the article is read and split into sentences once, before timing).
Then the totals and whether each target is met:

    >= 15 suggestions per 600 words on every article
    >= 7 skills on every article
    each verdict 25-45% of the claims (all articles together)
    < 3 s for every article of 1,500 words or more
    0 suggestions that fail validation (and the same suggestions on every run)

The last line is one JSON object: {"articles": [...], "overall": {...}}.
--sample N --seed S prints only a deterministic random sample of N suggestions across the
articles, each with the article's name, the passages it quotes (in their sentences), the question
or claim, the key and the explanation, for a reviewer to grade.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Run from a clone without installing: the package is beside this folder.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.articles.text import BlockKind, Span, canonical_text, sentence_spans  # noqa: E402
from quiz.bank.cues import Item, bank_cues, item_cues  # noqa: E402
from quiz.bank.files import Problem, article_folders, read_article_folder  # noqa: E402
from quiz.bank.skills import SKILLS  # noqa: E402
from quiz.bank.validate import validate_article, validate_question  # noqa: E402
from quiz.suggest.model import ArticleText  # noqa: E402

ARTICLES = Path(__file__).resolve().parent / "suggest-articles"
BANK = ROOT / "questions"
VERDICTS = ("supported", "contradicted", "not_in_article")
VERDICT_SHORT = {"supported": "sup", "contradicted": "con", "not_in_article": "nia"}
TARGET_PER_600 = 15
TARGET_SKILLS = 7
TARGET_SHARE = (0.25, 0.45)
TARGET_SECONDS = 3.0
LONG_ARTICLE = 1500


@dataclass
class Source:
    """One article to run the generator on."""

    name: str
    article: ArticleText | None
    error: str | None = None

    @property
    def words(self) -> int:
        if self.article is None:
            return 0
        return sum(
            len(block.text.split())
            for block in self.article.blocks
            if block.kind not in (BlockKind.HEADLINE, BlockKind.CLUTTER)
        )


@dataclass
class Result:
    source: Source
    suggestions: list = field(default_factory=list)
    seconds: float = 0.0
    invalid: dict[str, list[str]] = field(default_factory=dict)  # key -> problems
    item_warnings: dict[str, list[str]] = field(default_factory=dict)  # key -> cues
    set_warnings: list[str] = field(default_factory=list)
    duplicate_keys: int = 0
    deterministic: bool = True
    error: str | None = None

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def words(self) -> int:
        return self.source.words

    @property
    def per_600(self) -> float:
        return len(self.suggestions) * 600 / self.words if self.words else 0.0

    @property
    def skills(self) -> Counter[str]:
        return Counter(s.skill for s in self.suggestions)

    @property
    def missing_skills(self) -> list[str]:
        return [skill for skill in SKILLS if skill not in self.skills]

    @property
    def kinds(self) -> Counter[str]:
        return Counter(s.kind for s in self.suggestions)

    @property
    def verdicts(self) -> Counter[str]:
        return Counter(s.verdict for s in self.suggestions if s.kind == "claim")

    @property
    def cue_warnings(self) -> int:
        return sum(len(cues) for cues in self.item_warnings.values()) + len(self.set_warnings)

    def figures(self) -> dict[str, Any]:
        claims = sum(self.verdicts.values())
        return {
            "name": self.name,
            "words": self.words,
            "suggestions": len(self.suggestions),
            "per_600": round(self.per_600, 1),
            "skills": len(self.skills),
            "by_skill": dict(sorted(self.skills.items())),
            "missing_skills": self.missing_skills,
            "kinds": dict(sorted(self.kinds.items())),
            "claims": claims,
            "verdict_shares": {v: round(self.verdicts[v] / claims, 3) if claims else None for v in VERDICTS},
            "invalid": len(self.invalid),
            "duplicate_keys": self.duplicate_keys,
            "deterministic": self.deterministic,
            "cue_warnings": self.cue_warnings,
            "seconds": round(self.seconds, 3),
            "error": self.error or self.source.error,
        }


# --- reading the articles ----------------------------------------------------------------------


def _from_blocks(blocks, metadata: dict[str, str | None]) -> ArticleText:
    """Build an ArticleText from blocks and metadata, by the generator's own constructor when it
    has one, else as the app's loader lays an article out (canonical text, sentence spans)."""
    if hasattr(ArticleText, "from_blocks"):
        return ArticleText.from_blocks(
            blocks,
            headline=metadata.get("headline"),
            author=metadata.get("author"),
            publisher=metadata.get("publisher"),
            published=metadata.get("published"),
        )
    text, spans = canonical_text(blocks)
    return ArticleText(
        headline=metadata.get("headline"),
        author=metadata.get("author"),
        publisher=metadata.get("publisher"),
        published=metadata.get("published"),
        blocks=list(blocks),
        text=text,
        block_spans=spans,
        sentences=sentence_spans(text, spans) if text else [],
    )


def bank_sources(bank: Path) -> list[Source]:
    """The built-in articles, read and validated as the loader does, without a database."""
    sources = []
    for folder in article_folders(bank) if bank.is_dir() else []:
        name = f"{folder.name} (built-in)"
        validated = validate_article(read_article_folder(folder))
        errors = [str(p) for p in validated.problems]
        if not validated.blocks:
            sources.append(Source(name, None, "; ".join(errors) or "no blocks"))
            continue
        sources.append(Source(name, _from_blocks(validated.blocks, validated.metadata)))
    return sources


def html_source(path: Path) -> Source:
    """A saved page, through the app's extraction (as an import would read it)."""
    data = path.read_bytes()
    try:
        if hasattr(ArticleText, "from_html"):
            article = ArticleText.from_html(data)
        else:
            from quiz.authoring.extract import extract_html

            extracted = extract_html(data)
            metadata = {"headline": extracted.headline, "author": extracted.byline,
                        "publisher": extracted.publisher, "published": extracted.date}
            article = _from_blocks(extracted.blocks, metadata)
    except Exception as error:  # noqa: BLE001 - one bad page is reported, not fatal
        return Source(path.stem, None, f"{type(error).__name__}: {error}")
    return Source(path.stem, article)


def load_sources(articles: Path, bank: Path, only: str | None) -> list[Source]:
    sources = bank_sources(bank) + [html_source(path) for path in sorted(articles.glob("*.html"))]
    if only:
        sources = [s for s in sources if only.casefold() in s.name.casefold()]
    return sources


# --- scoring ----------------------------------------------------------------------------------


def _cue_item(suggestion) -> Item | None:
    options = [(option.text, option.correct) for option in suggestion.options]
    if suggestion.kind != "multiple_choice" or sum(correct for _, correct in options) != 1:
        return None
    return Item(suggestion.key, suggestion.skill, suggestion.text, options)


def score(source: Source, runs: int) -> Result:
    from quiz.suggest.generator import suggest

    result = Result(source)
    if source.article is None:
        result.error = source.error
        return result
    times, keys = [], []
    try:
        for _ in range(max(1, runs)):
            started = time.perf_counter()
            suggestions = suggest(source.article)
            times.append(time.perf_counter() - started)
            keys.append([s.key for s in suggestions])
    except Exception as error:  # noqa: BLE001 - report the article, go on with the others
        result.error = f"{type(error).__name__}: {error}"
        return result
    result.suggestions = list(suggestions)
    result.seconds = statistics.median(times)
    result.deterministic = all(k == keys[0] for k in keys)
    result.duplicate_keys = len(keys[0]) - len(set(keys[0]))
    items = []
    for suggestion in result.suggestions:
        problems: list[Problem] = []
        validate_question(suggestion.raw(), source.article.text, "suggestion", problems)
        if problems:
            result.invalid[suggestion.key] = [p.message for p in problems]
        item = _cue_item(suggestion)
        if item is not None:
            items.append(item)
            cues = item_cues(item)
            if cues:
                result.item_warnings[suggestion.key] = cues
    result.set_warnings = bank_cues(items)
    return result


def overall(results: list[Result]) -> dict[str, Any]:
    scored = [r for r in results if not r.error]
    words = sum(r.words for r in scored)
    count = sum(len(r.suggestions) for r in scored)
    verdicts = sum((r.verdicts for r in scored), Counter())
    claims = sum(verdicts.values())
    shares = {v: round(verdicts[v] / claims, 3) if claims else None for v in VERDICTS}
    long = [r for r in scored if r.words >= LONG_ARTICLE]
    low, high = TARGET_SHARE
    targets = {
        "per_600": bool(scored) and all(r.per_600 >= TARGET_PER_600 for r in scored),
        "skills": bool(scored) and all(len(r.skills) >= TARGET_SKILLS for r in scored),
        "verdicts": claims > 0 and all(low <= verdicts[v] / claims <= high for v in VERDICTS),
        # None (not applicable) when no article is that long, as with --only on a short one.
        "seconds": all(r.seconds < TARGET_SECONDS for r in long) if long else None,
        "invalid": sum(len(r.invalid) for r in scored) == 0
        and all(r.deterministic and not r.duplicate_keys for r in scored),
        "no_errors": len(scored) == len(results),
    }
    return {
        "articles": len(results),
        "errors": len(results) - len(scored),
        "words": words,
        "suggestions": count,
        "per_600": round(count * 600 / words, 1) if words else 0.0,
        "min_per_600": round(min((r.per_600 for r in scored), default=0.0), 1),
        "min_skills": min((len(r.skills) for r in scored), default=0),
        "skills": len(set().union(*(r.skills for r in scored))) if scored else 0,
        "kinds": dict(sorted(sum((r.kinds for r in scored), Counter()).items())),
        "claims": claims,
        "verdict_shares": shares,
        "invalid": sum(len(r.invalid) for r in scored),
        "duplicate_keys": sum(r.duplicate_keys for r in scored),
        "nondeterministic": [r.name for r in scored if not r.deterministic],
        "cue_warnings": sum(r.cue_warnings for r in scored),
        "seconds_total": round(sum(r.seconds for r in scored), 3),
        "seconds_max": round(max((r.seconds for r in scored), default=0.0), 3),
        "seconds_long": {r.name: round(r.seconds, 3) for r in long},
        "targets": targets,
        "ok": all(met is not False for met in targets.values()),
    }


# --- printing ---------------------------------------------------------------------------------


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:3.0f}" if whole else "  -"


def print_table(results: list[Result], summary: dict[str, Any]) -> None:
    width = max([len(r.name) for r in results] + [7])
    header = (f"{'article':<{width}}  words  sugg  /600  skills  mc/claim  sup/con/nia %  invalid  cues  seconds")
    print(header)
    print("-" * len(header))
    for r in results:
        if r.error:
            print(f"{r.name:<{width}}  {r.words:5}  ERROR: {r.error}")
            continue
        v, claims = r.verdicts, sum(r.verdicts.values())
        print(
            f"{r.name:<{width}}  {r.words:5}  {len(r.suggestions):4}  {r.per_600:4.1f}  {len(r.skills):6}  "
            f"{r.kinds['multiple_choice']:3}/{r.kinds['claim']:<4}  "
            f"{_pct(v['supported'], claims)}/{_pct(v['contradicted'], claims)}/{_pct(v['not_in_article'], claims)}    "
            f"{len(r.invalid):7}  {r.cue_warnings:4}  {r.seconds:7.3f}"
        )
    print("-" * len(header))
    shares = summary["verdict_shares"]
    shown = "/".join(f"{100 * shares[v]:3.0f}" if shares[v] is not None else "  -" for v in VERDICTS)
    print(
        f"{'overall':<{width}}  {summary['words']:5}  {summary['suggestions']:4}  {summary['per_600']:4.1f}  "
        f"{summary['skills']:6}  {summary['kinds'].get('multiple_choice', 0):3}/{summary['kinds'].get('claim', 0):<4}  "
        f"{shown}    {summary['invalid']:7}  {summary['cue_warnings']:4}  {summary['seconds_total']:7.3f}"
    )
    print()
    for r in results:
        if r.error:
            continue
        notes = []
        if r.missing_skills:
            notes.append("missing " + ", ".join(r.missing_skills))
        if r.duplicate_keys:
            notes.append(f"{r.duplicate_keys} duplicate key(s)")
        if not r.deterministic:
            notes.append("different suggestions on different runs")
        if r.invalid:
            notes.append(f"{len(r.invalid)} invalid")
        if notes:
            print(f"{r.name}: " + "; ".join(notes))
        for warning in r.set_warnings:
            print(f"{r.name}: set cue: {warning}")
    print()
    t = summary["targets"]
    low, high = TARGET_SHARE

    def mark(ok: bool | None) -> str:
        return "n/a    " if ok is None else "met    " if ok else "NOT MET"

    print(f"{mark(t['per_600'])}  >= {TARGET_PER_600} suggestions per 600 words on every article (lowest {summary['min_per_600']}, overall {summary['per_600']})")
    print(f"{mark(t['skills'])}  >= {TARGET_SKILLS} skills on every article (fewest {summary['min_skills']})")
    print(f"{mark(t['verdicts'])}  each verdict {low:.0%}-{high:.0%} of the {summary['claims']} claims "
          f"({', '.join(f'{v} {100 * s:.0f}%' for v, s in shares.items() if s is not None)})")
    long = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in summary["seconds_long"].items()) or "no article that long"
    print(f"{mark(t['seconds'])}  < {TARGET_SECONDS:.0f} s for an article of {LONG_ARTICLE:,}+ words ({long}; slowest of all {summary['seconds_max']:.2f} s)")
    print(f"{mark(t['invalid'])}  0 suggestions failing validation ({summary['invalid']} invalid, "
          f"{summary['duplicate_keys']} duplicate keys, {len(summary['nondeterministic'])} articles not deterministic)")
    if not t["no_errors"]:
        print(f"NOT MET  every article read and generated ({summary['errors']} errors)")


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(" ".join(text.split()), width=100, initial_indent=indent, subsequent_indent=indent)


def _metadata_line(article: ArticleText) -> str:
    """The article's headline and metadata as a reader sees them (what it does not state, said)."""
    return (
        f"\u201c{article.headline or '(no headline)'}\u201d; byline: {article.author or 'none'}; "
        f"date: {article.published or 'none'}; publisher: {article.publisher or 'none'}"
    )


def _passages(article: ArticleText, quote: str) -> list[str]:
    """Return the sentence(s) that hold a quote, for reading it in context."""
    start = article.text.find(quote)
    if start < 0:
        return []
    end = start + len(quote)
    found = [s for s in article.sentences if s.start < end and s.end > start]
    if not found:
        return []
    return [article.text[found[0].start : found[-1].end]]


def _where(article: ArticleText, quote: str) -> str:
    start = article.text.find(quote)
    if start < 0:
        return "not found"
    kind = article.block_of(Span(start, start + len(quote))).kind
    return str(kind)


def print_suggestion(result: Result, suggestion, number: int | None = None, full: bool = True) -> None:
    article = result.source.article
    head = f"[{number}] " if number is not None else ""
    print(f"{head}{result.name}  |  {suggestion.skill}  |  {suggestion.kind}" + (
        f"  |  rule {suggestion.rule}, confidence {suggestion.confidence:.2f}, key {suggestion.key}" if full else ""))
    if not full:
        print(_wrap(f"Article: {_metadata_line(article)}", "  "))
    for quote in suggestion.evidence:
        print(_wrap(f"Passage ({_where(article, quote)}): \u201c{quote}\u201d", "  "))
        for sentence in _passages(article, quote):
            if sentence.strip() != quote.strip():
                print(_wrap(f"in: {sentence}", "      "))
    if suggestion.kind == "multiple_choice":
        print(_wrap(f"Q: {suggestion.text}", "  "))
        for letter, option in zip("ABCDE", suggestion.options):
            tick = "  * " if option.correct else "    "
            print(tick + _wrap(f"{letter}. {option.text}", "       ").lstrip())
            if option.feedback:  # the feedback is part of what a teacher reviews
                print(_wrap(f"feedback: {option.feedback}", "         "))
        key = next((letter for letter, o in zip("ABCDE", suggestion.options) if o.correct), "?")
        print(f"  Key: {key}")
    else:
        print(_wrap(f"Claim: {suggestion.text}", "  "))
        print(f"  Key: {suggestion.verdict}")
    print(_wrap(f"Why: {suggestion.explanation}", "  "))
    if suggestion.teacher_note:
        print(_wrap(f"Teacher note: {suggestion.teacher_note}", "  "))
    if full:
        for problem in result.invalid.get(suggestion.key, []):
            print(f"  INVALID: {problem}")
        for cue in result.item_warnings.get(suggestion.key, []):
            print(f"  cue: {cue}")
    if not full:
        print("  Grade: [ ] good  [ ] wrong key  [ ] ambiguous  [ ] bad wording  [ ] trivial/silly   notes:")
    print()


def print_sample(results: list[Result], size: int, seed: int) -> None:
    pool = [(r, s) for r in results for s in r.suggestions]
    picked = random.Random(seed).sample(pool, min(size, len(pool)))
    print(f"A sample of {len(picked)} of {len(pool)} suggestions (seed {seed}) from {len(results)} articles.")
    print("For each: is the key right, is it answerable from the passage, is it worth asking?\n")
    for number, (result, suggestion) in enumerate(picked, start=1):
        print_suggestion(result, suggestion, number, full=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="a folder of *.html pages (default: bench/suggest-articles)")
    parser.add_argument("--bank", type=Path, default=BANK, help="the built-in bank's folder (default: questions)")
    parser.add_argument("--only", metavar="NAME", help="only the articles whose name contains NAME")
    parser.add_argument("--runs", type=int, default=3, help="generation runs per article; the time is their median (default 3)")
    parser.add_argument("--show", action="store_true", help="print every suggestion in full before the table")
    parser.add_argument("--sample", type=int, metavar="N", help="print only a random sample of N suggestions, for review")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="the sample's seed (default 1)")
    args = parser.parse_args(argv)

    sources = load_sources(args.articles, args.bank, args.only)
    if not sources:
        parser.error(f"no articles (built-in in {args.bank}, pages in {args.articles})" + (f" named like {args.only!r}" if args.only else ""))
    results = [score(source, args.runs) for source in sources]

    if args.sample is not None:
        print_sample(results, args.sample, args.seed)
        return 0
    if args.show:
        for result in results:
            print(f"=== {result.name}: {len(result.suggestions)} suggestions ===")
            if result.source.article is not None:
                print(_wrap(_metadata_line(result.source.article), ""))
            print()
            for suggestion in result.suggestions:
                print_suggestion(result, suggestion)
    summary = overall(results)
    print_table(results, summary)
    print(json.dumps({"articles": [r.figures() for r in results], "overall": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
