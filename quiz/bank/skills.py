"""The media-literacy skills one article can exercise; every question is tagged with one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skill:
    id: str
    label: str
    description: str


SKILLS: dict[str, Skill] = {
    skill.id: skill
    for skill in [
        Skill("sourcing", "Sourcing", "Who first reported it, and whose reporting this article relies on."),
        Skill("attribution", "Attribution", "Who said, wrote or found what."),
        Skill("quote-vs-paraphrase", "Quote vs paraphrase", "Words quoted exactly, or retold by the reporter."),
        Skill("hedging", "Hedging", "Words such as \u201creportedly\u201d and \u201caccording to\u201d that limit a claim."),
        Skill("loaded-language", "Loaded language", "Words that judge as they describe, such as \u201cshadowy\u201d."),
        Skill("headline-vs-body", "Headline vs body", "What the headline and summary promise against what the body says."),
        Skill("content-vs-clutter", "Content vs clutter", "Promotions and links around the report are not the report."),
        Skill("numbers", "Numbers", "Quantities and how precisely the article states them."),
        Skill("dates", "Dates", "When things happened, and relative dates with no publication date to anchor them."),
        Skill("missing-information", "Missing information", "What the article does not say: byline, date, the other side."),
        Skill("lateral-reading", "Lateral reading", "What to check elsewhere, and where."),
    ]
}
