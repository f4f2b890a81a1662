"""Read an article the way the suggestion rules need it: per sentence, who said what, the names,
numbers, dates, hedges and loaded words in it, and what is quoted.

Everything here is heuristics on the text itself (regular expressions over the canonical text,
with offsets kept), no statistical model: each finding carries the exact span it came from, so
that a rule can quote the deciding words and anchor its evidence. Where a heuristic is unsure it
finds nothing (an attribution whose speaker is a pronoun has no speaker), since the rules would
rather say less than say something wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

from ..articles.text import BlockKind
from .model import ArticleText
from .names import given_names

# --- word lists ----------------------------------------------------------------------------

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Capitalised words that open sentences and are no names.
_STARTERS = frozenset(
    """a an the and but or so yet if when while after before as since because although though
    in on at by for from with without within into onto of to up down over under about across
    this that these those it its he she they we i you his her their our my your there here
    what which who whom whose where why how all some many most more much several each every
    no not none one two three four five six seven eight nine ten earlier later last next now
    then still also meanwhile however instead specifically separately moreover furthermore
    according despite during following amid among between until unless whether both either
    neither such other another new free former current mr mrs ms dr prof read see watch eleven
    twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred thousand dozens hundreds thousands millions""".split()
)
TITLES = frozenset(
    """president vice senator sen governor gov mayor minister secretary chancellor judge justice
    dr mr mrs ms miss prof professor chief general gen rep representative king queen prince
    princess pope sir lord lady captain capt officer detective sheriff inspector commissioner
    ceo cfo cto coo chairman chairwoman chair director founder prosecutor councillor councilor
    superintendent sergeant constable coroner bishop archbishop dame executive analyst economist
    spokesman spokeswoman spokesperson""".split()
)
# Lower-case role words that come right before a person's name: "chief executive Satya Nadella".
ROLE_WORDS = frozenset(
    """executive ceo spokesperson spokesman spokeswoman founder co-founder cofounder entrepreneur
    director chairman chairwoman chair head leader analyst researcher professor economist reporter
    journalist editor correspondent lawyer attorney minister secretary senator president
    councillor councilor mayor officer manager owner investor billionaire author writer scientist
    doctor activist campaigner historian expert adviser advisor commissioner governor judge
    spokesperson's colleague aide deputy photographer blogger columnist""".split()
)
ORG_WORDS = frozenset(
    """Department Ministry Agency Council Company Corporation Corp Inc Ltd LLC Plc University
    Institute Association Union Commission Committee Police Service Services Bank Group Foundation
    Party Court Office Board Authority Enforcement Administration Bureau Center Centre Network
    Hospital School College Trust Society Federation League Club Organisation Organization Fund
    Labs Technologies Systems Airlines Motors Industries Holdings Partners Force Army Navy
    Parliament Congress Senate Government Assembly Church Museum Campaign Coalition Alliance
    Watch Project Council Initiative Forum Institution Laboratory Lab Agency Commission
    Partnership Directorate Inspectorate Executive Trust Rail Railway Railways Airways Water
    Energy Power Gas Glass Steel Media Science Sciences Reich Republic Kingdom Federation
    Observatory Academy Telescope Programme Program Games Awards Prize Co Studios Entertainment
    Pictures Records Brands Ventures Capital""".split()
)
PLACE_WORDS = frozenset(
    """Street Road Avenue City County State Valley River Lake Park Bay Island Islands Coast
    Mountain Mountains Square Bridge Station Airport Border Beach Harbour Harbor Hill Hills
    Lane Close Crescent Drive Way Terrace Place Quay Wharf Green""".split()
)
PLACES = frozenset(
    """America United States US U.S. USA UK U.K. Britain England Scotland Wales Ireland Europe EU
    China Russia India Japan Germany France Canada Mexico Australia Brazil Italy Spain Ukraine
    Israel Iran Africa Asia London Washington California Texas Florida Paris Berlin Beijing
    Moscow Tokyo Brussels Sydney Toronto Chicago Boston Seattle Ohio Oregon Georgia Virginia
    Michigan Arizona Nevada Colorado Utah Manchester Birmingham Glasgow Edinburgh Dublin""".split()
) | {
    "New York", "Silicon Valley", "Wall Street", "Los Angeles", "San Francisco", "Hong Kong", "New Zealand",
    "New Jersey", "New Mexico", "New Hampshire", "New Orleans", "New Delhi", "New England", "Rhode Island",
    "North Carolina", "South Carolina", "North Dakota", "South Dakota", "West Virginia", "South Africa",
}
# Capitalised words that are no names: nationalities, creeds, parties as adjectives.
ADJECTIVES = frozenset(
    """American British European Chinese Russian French German Mexican Canadian Australian Indian
    Japanese Israeli Ukrainian Iranian English Scottish Welsh Irish Democrat Democrats Democratic
    Republican Republicans Muslim Christian Jewish Catholic Western Eastern Northern Southern
    Internet""".split()
)
KNOWN_OUTLETS = frozenset(
    """Reuters AP AFP BBC CNN NBC CBS NPR PBS MSNBC CNBC Bloomberg Politico Axios Gizmodo Wired
    TechCrunch BuzzFeed Vice Vox Insider Newsweek Forbes Fortune Engadget Recode Semafor Mashable
    Slate Salon Breitbart ProPublica HuffPost Guardian Telegraph Independent Economist Mirror""".split()
) | {
    "Associated Press", "Agence France-Presse", "BBC News", "Fox News", "NBC News", "CBS News",
    "ABC News", "New York Times", "Washington Post", "Wall Street Journal", "Financial Times",
    "The Verge", "Business Insider", "The Atlantic", "New Yorker", "USA Today", "Los Angeles Times",
    "Chicago Tribune", "Daily Mail", "Mail Online", "Sky News", "Al Jazeera", "Der Spiegel",
    "Le Monde", "The Intercept", "Huffington Post", "Ars Technica", "The Information", "The Hill",
    "Daily Beast", "Yahoo News", "BuzzFeed News", "Bloomberg News", "The Times", "The Sun",
}
_OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Journal|Herald|Tribune|Gazette|Chronicle|Telegraph|Observer|Guardian|Press|"
    r"Magazine|Daily|Weekly|Radio|TV|Television|Insider|Standard|Mail|Express|Examiner|Courier|"
    r"Bulletin|Dispatch|Inquirer|Sentinel|Register|Monitor|Wire)\b"
)
# People in a group, by the noun the article uses: "Amazon employees", "staffers at Amazon".
GROUP_NOUNS = {
    "employees": "employees", "employee": "employees", "workers": "employees", "staff": "employees",
    "staffers": "employees", "engineers": "engineers", "executives": "executives",
    "managers": "managers", "developers": "developers", "moderators": "moderators",
    "contractors": "contractors", "shareholders": "shareholders", "investors": "shareholders",
    "officials": "officials", "researchers": "researchers", "scientists": "researchers",
    "residents": "residents", "members": "members", "users": "users", "customers": "customers",
    "students": "students", "parents": "parents", "teachers": "teachers", "activists": "activists",
    "protesters": "activists", "lawmakers": "lawmakers", "officers": "officers", "doctors": "doctors",
    "nurses": "nurses", "drivers": "drivers", "voters": "voters", "leaders": "leaders",
}
# Classes that are kinds of employee: "Google engineers" are "Google employees" too.
EMPLOYEE_KINDS = frozenset({"engineers", "executives", "managers", "developers", "moderators", "contractors"})

REPORTING_VERBS = {
    # verb as written: (its -ing form, its past form)
    "said": ("saying", "said"), "says": ("saying", "said"), "told": ("telling", "told"),
    "tells": ("telling", "told"), "wrote": ("writing", "wrote"), "writes": ("writing", "wrote"),
    "reported": ("reporting", "reported"), "reports": ("reporting", "reported"),
    "found": ("finding", "found"), "finds": ("finding", "found"), "claimed": ("claiming", "claimed"),
    "claims": ("claiming", "claimed"), "argued": ("arguing", "argued"), "argues": ("arguing", "argued"),
    "warned": ("warning", "warned"), "warns": ("warning", "warned"), "added": ("adding", "added"),
    "stated": ("stating", "stated"), "announced": ("announcing", "announced"),
    "announces": ("announcing", "announced"), "explained": ("explaining", "explained"),
    "noted": ("noting", "noted"), "insisted": ("insisting", "insisted"),
    "acknowledged": ("acknowledging", "acknowledged"), "admitted": ("admitting", "admitted"),
    "alleged": ("alleging", "alleged"), "alleges": ("alleging", "alleged"),
    "confirmed": ("confirming", "confirmed"), "denied": ("denying", "denied"),
    "concluded": ("concluding", "concluded"), "revealed": ("revealing", "revealed"),
    "estimated": ("estimating", "estimated"), "estimates": ("estimating", "estimated"),
    "predicted": ("predicting", "predicted"), "called on": ("calling on", "called on"),
    "urged": ("urging", "urged"), "urges": ("urging", "urged"), "demanded": ("demanding", "demanded"),
    "testified": ("testifying", "testified"), "tweeted": ("tweeting", "tweeted"),
}
_VERBS = "|".join(sorted(map(re.escape, REPORTING_VERBS), key=len, reverse=True))
_VERB_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, REPORTING_VERBS), key=len, reverse=True)) + r")\b")
# What may stand between a speaker and the verb: "some Amazon shareholders also called on".
_BEFORE_VERB = re.compile(r"(?:\s+(?:also|reportedly|previously|recently|earlier|later|now|then|first|have|has|had|publicly|separately|once))+\s*$")
# Where an attributed clause ends for a question: the rest is another thought.
_CLAUSE_END = re.compile(r";|,\s+(?:while|but|whereas|although|though|saying|adding|and\s+(?:said|says|added))\b|\s+(?:-|–|—)\s+")

_PRONOUNS = frozenset(
    "he she it they this that these those we i his her its their there them him you".split()
)
_PRONOUN_START = re.compile(
    r"^[\"“‘'(]*(?:[A-Z][a-z]+,\s+)?(?:he|she|it|they|this|that|these|those|we|i|his|her|its|their|"
    r"it's|it’s|they're|they’re|he's|he’s|she's|she’s|there's|there’s)\b",
    re.IGNORECASE,
)
# A phrase of time or place that opens a sentence before its subject: "Earlier this month, ".
# The verbs that follow or introduce a quotation: '"...," Pitt quipped.'
_QUOTE_VERBS = (
    r"(?:said|says|added|adds|wrote|writes|explained|explains|noted|notes|recalled|recalls|admitted|admits|insisted|insists|"
    r"argued|argues|warned|warns|continued|continues|joked|jokes|quipped|quips|replied|replies|(?:told|tells)\s+(?:reporters|journalists|me|us)|"
    r"asked|asks|responded|responds|answered|answers|tweeted|tweets|posted|announced|announces|stated|states|boasted|assured|acknowledged|conceded|concedes|"
    r"declared|declares|interjected|whispered|whispers|exclaimed|remarked|remarks|observed|observes|cautioned|shouted)"
)
# A speaker after what they said: "..., says Li." / "..., Maura McLaughlin said." / "..., says
# Laura Spitler, an astronomer at the Max Planck Institute."
_SAY = r"(?:says|said|adds|added|explains|explained|notes|noted|argues|argued|warns|warned|writes|wrote|claims|claimed)"
_TRAILING = re.compile(
    rf",\s+(?:(?P<v1>{_SAY})\s+(?P<s1>(?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w'’-]*)|(?P<s2>(?:[A-Z][\w.'’-]*\s+){{0,3}}[A-Z][\w'’-]*)\s+(?P<v2>{_SAY}))"
    r"(?:,\s+(?![\"“])(?:[^\"“”]|[\"“][^\"“”]{1,60}[\"”]){2,160})?[.!?]?[\"”]?$"
)
# What a company has, after its possessive: "Amazon's shareholders", "Halvern's plant".
_OWNED_BY_ORG = re.compile(
    r"\s+(?:(?:own|former|new|chief|top)\s+)?(?:shares?|stock|shareholders|board|employees|staff|workers|spokes\w+|products?|customers|"
    r"executives?|boss|founder|chairman|management|profits?|revenue|sales|headquarters|offices?|factory|plant|stores?|"
    r"website|app|platform|services|contracts?|deals?|technology|software|cloud|brand)\b"
)
# Nouns for people in a role, besides ROLE_WORDS: "the head of", "a member of".
_ROLE_NOUNS_EXTRA = frozenset("""head member members chief boss official officials representative
    representatives leader leaders partner director fellow professor lecturer staff worker workers""".split())
# After a name, a role that makes it a person's: ", an astronomer at", ", the director of".
_ROLE_AFTER = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}[a-z]+(?:er|or|ist|ian|ent|ant|ive|ee|ef)s?"
    r"|(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}(?:head|chief|chair|chairman|chairwoman|president|director|leader|spokesman|spokeswoman|spokesperson))\s+(?:at|of|with|for|from|in)\s"
)
_INTRO = re.compile(r"^(?:[A-Z][^,]{1,40}),\s+(?=[a-zA-Z\"“])")

HEDGE_ADVERBS = ("reportedly", "allegedly", "apparently", "purportedly", "supposedly")
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|apparently|purportedly|supposedly|possibly|probably|perhaps|may|might"
    r"|could(?!\s+not|n['’]t)|(?:is|are|was|were)\s+(?:believed|thought|said|understood)\s+to|appears?\s+to|seems?\s+to)\b"
)
_QUALIFIER = re.compile(
    r"(?:more than|over|at least|nearly|almost|about|around|up to|fewer than|less than|roughly|approximately|"
    r"some|under|close to|as many as|as much as|as few as|as little as|an estimated|estimated|only|just|"
    r"upwards of|tens of|hundreds of|thousands of|millions of)\s+$",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"(?<![\w.,$£€])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?P<unit>%|\s(?:percent|per cent)\b|\s?(?:million|billion|trillion)\b)?(?![\w.,]\d)(?!\w)"
)
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100,
}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b(?!-)", re.IGNORECASE)
_MONTH_RE = re.compile(
    r"\b(?P<day1>\d{1,2}\s+)?(?P<month>" + "|".join(MONTHS) + r")\b(?P<day2>\s+\d{1,2}\b)?(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
)
_WEEKDAY_RE = re.compile(r"\b(?:on|last|next|this|by|until|since)\s+(?P<day>" + "|".join(WEEKDAYS) + r")\b")
_RELATIVE_RE = re.compile(
    r"\b(?:earlier|later)\s+this\s+(?:week|month|year)|\b(?:last|next|this)\s+(?:week|weekend|month|year|night|"
    r"spring|summer|autumn|fall|winter)|\b(?:yesterday|today|tomorrow|recently)|\b\d+\s+(?:days|weeks|months|years)\s+ago"
    r"|\b(?:a|one|two|three)\s+(?:days?|weeks?|months?|years?)\s+ago"
    r"|\bin the (?:past|last) (?:week|month|year)|\bin the (?:spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
_CLOCK_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|quarter|half|\\d{1,2}"
_TIME_RE = re.compile(
    r"\b\d{1,2}:\d{2}\b(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\.\d{2}\s*[ap]\.?m\b\.?|\b\d{1,2}\s*[ap]\.?m\b\.?"
    rf"|\b(?:{_CLOCK_WORDS})(?:[\s-]+(?:five|ten|twenty))?\s+(?:minutes\s+)?(?:past|to)\s+(?:{_CLOCK_WORDS})\b"
    rf"|\b(?:{_CLOCK_WORDS})\s+o['’]clock\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?<![\w$£€.,])(?:19|20)\d{2}(?![\w%])")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}(?:['’]s)?|[A-Za-z0-9](?:[A-Za-z0-9&\-]|['’.](?=[A-Za-z0-9]))*(?:['’]s?(?![A-Za-z]))?|(?<=\s)&(?=\s)")
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


# --- findings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A word or phrase found in the text, at text[start:end]."""

    text: str
    start: int
    end: int
    quoted: bool = False  # inside quotation marks: someone else's words


@dataclass(frozen=True)
class Number(Mark):
    value: float = 0.0
    unit: str = ""  # "%", "million", "" ...
    qualified: bool = False  # "more than 400": a bound, not an exact figure
    word: bool = False  # spelled out: "three"


@dataclass(frozen=True)
class DateMark(Mark):
    kind: str = "month"  # month, weekday, relative, year
    month: int | None = None  # 1-12 for a named month


@dataclass
class Entity:
    """A named person, organisation, news outlet or group ("Amazon employees")."""

    key: str
    name: str
    kind: str  # person, org, outlet, group, place, other
    mentions: list[tuple[int, int]] = field(default_factory=list)
    org: Entity | None = None  # a group's organisation
    cls: str = ""  # a group's class of people ("employees")

    @property
    def first(self) -> int:
        return min(start for start, _ in self.mentions)

    def clashes(self, other: Entity) -> bool:
        """Say whether the two could be the same people: Amazon and Amazon's employees are not,
        but Google engineers are Google employees."""
        if self.key == other.key:
            return True
        if self.kind == "group" and other.kind == "group" and self.org and other.org and self.org.key == other.org.key:
            classes = {self.cls, other.cls}
            return "employees" in classes and bool(classes & EMPLOYEE_KINDS)
        return False


@dataclass
class Quote:
    """A passage in quotation marks: text[start:end] is inside the marks."""

    start: int
    end: int
    text: str
    block: int
    complete: bool  # opens a sentence and ends one: not cut mid-sentence
    words: int


@dataclass
class Attribution:
    """Who said, wrote or found what, in one sentence."""

    sentence: int
    frame: str  # "according" (According to X, ...), "verb" (X said ...), "quote" ("...", X said), "continued" (a quotation going on after "X said.")
    speaker: Mark  # the speaker's words as written
    who: Entity | None  # the person, organisation or group they name; None when unresolved
    verb: str  # as written: "said", "found", "According to"
    verb_mark: Mark | None
    rest: Mark | None  # what follows the verb, to the end of the clause: "found [in May that ...]"
    content: Mark | None  # what is attributed: the that-clause, the clause after "According to X,"
    outlet: Entity | None = None  # a news outlet named in the speaker's words


_CONTACT_LINE = re.compile(
    r"(?:To contact the (?:reporter|editor|writer|author)s?\b|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+(?:may|can) be (?:reached|contacted) at\b"
    r"|(?:Follow|Contact) (?:him|her|them|us) (?:on|at)\b)"
)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    block: int
    kind: BlockKind
    pronoun_start: bool
    quoted: bool  # wholly inside one quotation
    hedges: list[Mark] = field(default_factory=list)
    loaded: list[Mark] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    dates: list[DateMark] = field(default_factory=list)

    @property
    def clutter(self) -> bool:
        """Page furniture: a block marked clutter, or a contact line left in the story's text
        ("Matt Friedman may be reached at ...", "To contact the reporter on this story: ...")."""
        return self.kind is BlockKind.CLUTTER or bool(_CONTACT_LINE.match(self.text))

    @property
    def body(self) -> bool:
        return self.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTATION)

    @property
    def words(self) -> int:
        return len(self.text.split())


@lru_cache(maxsize=1)
def loaded_lexicon() -> dict[str, str]:
    """Return the loaded words shipped with the package, each with the plain word it judges."""
    words: dict[str, str] = {}
    for line in resources.files(__package__).joinpath("loaded_words.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word, _, plain = line.partition("|")
        words[word.strip().lower()] = plain.strip()
    return words


@lru_cache(maxsize=1)
def _loaded_re() -> re.Pattern:
    words = sorted(loaded_lexicon(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


# --- the analysis ----------------------------------------------------------------------------


class Analysis:
    """Everything the rules read, computed once per article."""

    def __init__(self, article: ArticleText):
        self.article = article
        self.text = article.text
        self.quotes = self._quotes()
        self._quoted = [(q.start, q.end) for q in self.quotes]
        self.sentences = self._sentences()
        self.entities: dict[str, Entity] = {}
        self._lower_words = set(re.findall(r"\b[a-z][a-z'’-]+\b", self.text))
        self._find_entities()
        self._find_groups()
        self.attributions: list[Attribution] = []
        self.quote_attributions: list[tuple[Quote, Attribution]] = []
        for sentence in self.sentences:
            if not sentence.clutter:
                self.attributions += self._attributions(sentence)
        self._quote_speakers()

    # --- places in the text

    def in_quote(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        return any(q_start <= start and end <= q_end for q_start, q_end in self._quoted)

    def sentence_at(self, offset: int) -> Sentence | None:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def content(self) -> list[Sentence]:
        return [s for s in self.sentences if not s.clutter]

    def occurs_once(self, quote: str) -> bool:
        first = self.text.find(quote)
        return first >= 0 and self.text.find(quote, first + 1) < 0

    def context(self, start: int, end: int) -> tuple[str, str] | None:
        """Return the shortest (prefix, suffix) that makes text[start:end] unique, or None when it
        already is."""
        quote = self.text[start:end]
        if self.occurs_once(quote):
            return None
        for size in (8, 16, 32, 64):
            prefix, suffix = self.text[max(0, start - size) : start], self.text[end : end + size]
            count = sum(
                1
                for at in _occurrences(self.text, quote)
                if self.text[:at].endswith(prefix) and self.text[at + len(quote) :].startswith(suffix)
            )
            if count == 1:
                return prefix, suffix
        return self.text[:start], self.text[end:]

    def mentioned(self, needle: str, threshold: float = 90) -> list[Sentence]:
        """Return the content sentences that contain needle, allowing small differences."""
        needle = needle.casefold()
        return [s for s in self.content() if fuzz.partial_ratio(needle, s.text.casefold()) >= threshold]

    def entity_at(self, start: int, end: int, kinds: tuple[str, ...] | None = None) -> list[Entity]:
        """Return the entities with a mention inside text[start:end], in text order."""
        found = []
        for entity in self.entities.values():
            if kinds and entity.kind not in kinds:
                continue
            for m_start, m_end in entity.mentions:
                if start <= m_start and m_end <= end:
                    found.append((m_start, -(m_end - m_start), entity))
        found.sort(key=lambda item: item[:2])
        return [entity for _, _, entity in found]

    def sentences_mentioning(self, entity: Entity) -> list[Sentence]:
        seen, found = set(), []
        for start, _ in sorted(entity.mentions):
            sentence = self.sentence_at(start)
            if sentence and not sentence.clutter and sentence.index not in seen:
                seen.add(sentence.index)
                found.append(sentence)
        return found

    @property
    def outlets(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == "outlet"]

    # --- building

    def _quotes(self) -> list[Quote]:
        quotes: list[Quote] = []
        for number, span in enumerate(self.article.block_spans):
            if self.article.blocks[number].kind is BlockKind.CLUTTER:
                continue
            block = self.text[span.start : span.end]
            for opening, closing in _QUOTE_PAIRS:
                at = 0
                while True:
                    open_at = block.find(opening, at)
                    if open_at < 0:
                        break
                    close_at = block.find(closing, open_at + 1)
                    if close_at < 0:
                        break
                    inner = block[open_at + 1 : close_at]
                    at = close_at + 1
                    stripped = inner.strip()
                    if not stripped:
                        continue
                    start = span.start + open_at + 1 + (len(inner) - len(inner.lstrip()))
                    end = start + len(stripped)
                    opens = stripped[0].isupper() or stripped[0].isdigit()
                    ends = stripped[-1] in ".?!,"
                    cut = stripped.startswith(("...", "…")) or stripped.endswith(("...", "…"))
                    quotes.append(Quote(start, end, stripped, number, opens and ends and not cut, len(stripped.split())))
        quotes.sort(key=lambda q: q.start)
        return quotes

    def _sentences(self) -> list[Sentence]:
        sentences = []
        spans = self.article.block_spans
        for index, span in enumerate(self.article.sentences):
            block = next(n for n, b in enumerate(spans) if b.start <= span.start < b.end)
            text = self.text[span.start : span.end]
            sentence = Sentence(
                index=index,
                start=span.start,
                end=span.end,
                text=text,
                block=block,
                kind=self.article.blocks[block].kind,
                pronoun_start=bool(_PRONOUN_START.match(text)),
                quoted=self.in_quote(span.start + _lead(text), span.end - _trail(text)),
            )
            if not sentence.clutter:
                self._marks(sentence)
            sentences.append(sentence)
        return sentences

    def _mark(self, sentence: Sentence, match: re.Match, group: int | str = 0, cls=Mark, **extra):
        start, end = sentence.start + match.start(group), sentence.start + match.end(group)
        return cls(self.text[start:end], start, end, self.in_quote(start, end), **extra)

    def _marks(self, sentence: Sentence) -> None:
        text = sentence.text
        for match in _HEDGE.finditer(text):
            sentence.hedges.append(self._mark(sentence, match))
        for match in _loaded_re().finditer(text):
            word = match.group(0)
            if word[0].isupper() and match.start() > _lead(text):
                continue  # part of a name
            if re.match(r"\s+(?:into|against|onto|shut|down|through)\b", text[match.end() :]):
                continue  # "the plane slammed into the sea": a literal blow, no judgement
            sentence.loaded.append(self._mark(sentence, match))
        dated: list[tuple[int, int]] = []
        # A wire dateline ("PORT CALLOWAY, March 14 (Meridian Press) -") dates the article, not an event.
        dateline = re.match(r"^[A-Z][A-Z .'’-]{2,},\s+(?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?\s*(?:\([^)]{1,60}\))?\s*[-–—]?", text)
        if dateline:
            dated.append((0, dateline.end()))
        for match in _MONTH_RE.finditer(text):
            if dateline and match.start() < dateline.end():
                continue
            if match.group("month") == "May" and not (match.group("day1") or match.group("day2") or match.group("year")):
                before = text[: match.start()].rstrip().split(" ")[-1:]
                if match.start() <= _lead(text) or not before or before[0].lower() not in ("in", "of", "since", "until", "by", "early", "late", "mid", "last", "next", "this", "from", "during"):
                    continue  # the modal verb, or a name
            month = MONTHS.index(match.group("month")) + 1
            sentence.dates.append(self._mark(sentence, match, cls=DateMark, kind="month", month=month))
            dated.append(match.span())
        for match in _WEEKDAY_RE.finditer(text):
            sentence.dates.append(self._mark(sentence, match, cls=DateMark, kind="weekday"))
            dated.append(match.span())
        for match in _RELATIVE_RE.finditer(text):
            sentence.dates.append(self._mark(sentence, match, cls=DateMark, kind="relative"))
            dated.append(match.span())
        # Times of day ("15:40", "ten past two", "6 a.m.") are no figures to change or ask about.
        for match in _TIME_RE.finditer(text):
            dated.append(match.span())
        for match in _YEAR_RE.finditer(text):
            if not any(s <= match.start() < e for s, e in dated):
                sentence.dates.append(self._mark(sentence, match, cls=DateMark, kind="year"))
                dated.append(match.span())
        for match in _NUMBER.finditer(text):
            if any(s <= match.start() < e for s, e in dated):
                continue
            if re.match(r"\s*(?:st|nd|rd|th)\b", text[match.end() :]) or re.search(r"[-/#]$", text[: match.start()]):
                continue
            digits = match.group("num").replace(",", "")
            value = float(digits + ("." + match.group("dec") if match.group("dec") else ""))
            unit = (match.group("unit") or "").strip()
            unit = "%" if unit in ("percent", "per cent") else unit
            if match.group("cur"):
                unit = match.group("cur") + unit
            qualified = bool(_QUALIFIER.search(text[: match.start()]))
            sentence.numbers.append(self._mark(sentence, match, cls=Number, value=value, unit=unit, qualified=qualified))
        for match in _NUMBER_WORD.finditer(text):
            if any(s <= match.start() < e for s, e in dated):
                continue
            if re.match(r"\s+(?:of\s+(?:the|them|those|its|their)|times|-)", text[match.end() :]):
                continue
            qualified = bool(_QUALIFIER.search(text[: match.start()]))
            value = NUMBER_WORDS[match.group(1).lower()]
            sentence.numbers.append(self._mark(sentence, match, cls=Number, value=value, qualified=qualified, word=True))
        for marks in (sentence.hedges, sentence.loaded, sentence.dates, sentence.numbers):
            marks.sort(key=lambda m: m.start)

    def _add(self, key: str, name: str, kind: str, start: int, end: int) -> Entity:
        entity = self.entities.get(key)
        if entity is None:
            entity = self.entities[key] = Entity(key, name, kind)
        elif _RANK[kind] > _RANK[entity.kind]:
            entity.kind = kind
        if (start, end) not in entity.mentions:
            entity.mentions.append((start, end))
        return entity

    def _find_entities(self) -> None:
        """Find capitalised names and guess what each is."""
        lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", self.text))
        mid_caps: set[str] = set()
        candidates: list[tuple[Sentence, list[tuple[str, int, int]], int]] = []
        for sentence in self.sentences:
            if sentence.clutter or (sentence.kind is BlockKind.HEADLINE and _title_case(sentence.text)):
                continue
            if sentence.words <= 12 and _title_case(sentence.text, least=2) and not re.search(r"[.!?:][\"”’)]*$", sentence.text.strip()):
                continue  # a subheading in title case ("Meta Yet to Explain Meta Outage"): no names to read off it
            tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(sentence.text)]
            lead = _lead(sentence.text)
            for run in _capital_runs(tokens):
                first_at = run[0][1]
                words = [t for t, _, _ in run]
                if first_at > lead:
                    mid_caps.update(_bare(w) for w in words)
                candidates.append((sentence, run, lead))
        # Acronyms spelled out: "Immigration and Customs Enforcement (ICE)".
        expansions: dict[str, str] = {}
        for match in re.finditer(r"((?:[A-Z][a-z]+['’]?,?\s+(?:(?:and|of|for|the|on|&)\s+)*){1,8})\(([A-Z]{2,7})\)", self.text):
            phrase = match.group(1).split()
            for first in (i for i, w in enumerate(phrase) if w[0].isupper()):
                rest = phrase[first:]
                # "Immigration and Customs Enforcement (ICE)"; "Ministry of Trade, Industry and Energy (MOTIE)".
                capitals = "".join(w[0] for w in rest if w[0].isupper())
                with_of = "".join(w[0].upper() for w in rest if w[0].isupper() or w in ("of", "for"))
                if match.group(2) in (capitals, with_of):
                    expansions[" ".join(rest).rstrip(",")] = match.group(2)
                    break
        for full, acronym in expansions.items():
            # The acronym is its name when the article goes on to use it ("ICE"); else the name in
            # full ("the Harbour and Transport Workers' Union"), never a piece of it.
            used = len(_word_occurrences(self.text, acronym)) > len(_occurrences(self.text, f"({acronym})"))
            for at in _occurrences(self.text, full):
                self._add(acronym.casefold(), acronym if used else full, "org", at, at + len(full))
        spelled = [(s, e) for entity in self.entities.values() for s, e in entity.mentions]
        # Twice: a name first met without a clue ("Donald Trump's") is a person when a later
        # mention says so ("US President Donald Trump").
        for _ in range(2):
            for sentence, run, lead in candidates:
                words = [t for t, _, _ in run]
                while words and not _known_name(words) and (
                    _bare(words[0]).lower() in _STARTERS
                    or (run[0][1] <= lead and _bare(words[0]).lower() in lower_words and _bare(words[0]) not in mid_caps)
                    # "Sabotaging Assange's exit strategy": a verb that opens the sentence, no given name
                    or (run[0][1] <= lead and len(words) >= 2 and _bare(words[0]).endswith("ing") and _bare(words[0]) not in mid_caps and _bare(words[0]) not in given_names())
                ):
                    run, words = run[1:], words[1:]
                if not run:
                    continue
                at, end = sentence.start + run[0][1], sentence.start + run[-1][2]
                if any(s < end and at < e for s, e in spelled):
                    continue  # "South Korea's Ministry of Trade, Industry and Energy (MOTIE)" is MOTIE
                self._classify(sentence, run)
        # A person's surname alone is the same person: "Bezos". Not inside another name, though:
        # "Stodden" in "Alexander Stodden" is his, not Brigitta Stodden's.
        named = [(s, e) for entity in self.entities.values() if " " in entity.name for s, e in entity.mentions]
        for entity in list(self.entities.values()):
            if entity.kind == "person" and " " in entity.name:
                surname = entity.name.split()[-1]
                for at in _word_occurrences(self.text, surname):
                    if not any(s <= at < e for s, e in named):
                        entity.mentions.append((at, at + len(surname)))
                self.entities.pop(surname.casefold(), None)
        # An organisation named in full is "the council" after: "Riverton City Council".
        for entity in list(self.entities.values()):
            words = entity.name.split()
            if entity.kind == "org" and len(words) >= 2 and words[-1] in ORG_WORDS:
                alias = f"the {words[-1].lower()}"
                if sum(1 for e in self.entities.values() if e.kind == "org" and e.name.split()[-1] == words[-1]) == 1:
                    for at in _word_occurrences(self.text, alias):
                        sentence = self.sentence_at(at)
                        if sentence is not None and not sentence.clutter:
                            entity.mentions.append((at + 4, at + len(alias)))
        for entity in self.entities.values():
            entity.mentions.sort()

    def _classify(self, sentence: Sentence, run: list[tuple[str, int, int]]) -> None:
        words = [_bare(t) for t, _, _ in run]
        start, end = sentence.start + run[0][1], sentence.start + run[-1][2]
        # The possessive "'s" is not part of the name.
        raw_last = run[-1][0]
        if raw_last.endswith(("'s", "’s")):
            end -= 2
        elif raw_last.endswith(("'", "’")):
            end -= 1
        title = None
        if _OFFICE_OF.search(sentence.text[: run[0][1]]):
            # "Secretary of State Mike Pompeo": the office's name, then the person's; "High
            # Commissioner for Human Rights": an office's name alone, no name of anyone.
            tail = next((k for k in (2, 3) if len(words) > k and words[-k] in given_names()), None)
            if tail is None:
                return
            start = sentence.start + run[-tail][1]
            run, words = run[-tail:], words[-tail:]
        while len(words) > 2 and (words[0] in PLACES or words[0] in ADJECTIVES) and words[1].lower() in TITLES:
            start = sentence.start + run[1][1]
            run, words = run[1:], words[1:]
        # "District Judge Helen Carter", "Deputy Chief Constable Ann Ray": the name is what follows
        # the last title, when a title comes after other capitalised words.
        titled = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in TITLES]
        if titled and 0 < titled[-1] and len(words) - titled[-1] - 1 in (2, 3) and not any(w in ORG_WORDS for w in words[titled[-1] + 1 :]):
            cut = titled[-1]
            start = sentence.start + run[cut][1]
            run, words = run[cut:], words[cut:]
        while words and words[0].lower().rstrip(".") in TITLES and len(words) > 1 and not run[0][0].endswith(("'s", "’s")):
            title = words[0]
            start = sentence.start + run[1][1]
            run, words = run[1:], words[1:]
        # Inner possessives stay ("King's College London"); only a final one goes.
        name = " ".join([t for t, _, _ in run[:-1]] + [words[-1]])
        before = sentence.text[: run[0][1] - (0)].rstrip()
        after = sentence.text[run[-1][2] :]
        previous = before.split()[-1].lower().rstrip(",") if before.split() else ""
        if any(w in ADJECTIVES or w in MONTHS or w in WEEKDAYS for w in words) and len(words) == 1:
            return
        named_by_role = title is not None or previous in ROLE_WORDS
        if name in PLACES or (words[-1] in PLACE_WORDS and not named_by_role) or any(w in PLACES for w in words if len(words) == 1):
            self._add(name.casefold(), name, "place", start, end)
            return
        if name in KNOWN_OUTLETS or (name.startswith("The ") and name[4:] in KNOWN_OUTLETS):
            self._add(name.removeprefix("The ").casefold(), name, "outlet", start, end)
            return
        if re.match(r"\s+(?:first\s+)?reported\b", after) and _OUTLET_WORDS.search(name):
            self._add(name.casefold(), name, "outlet", start, end)
            return
        if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}", name):
            if name.lower() in TITLES:
                return
            if _term_abbreviation(name, self.text):
                self._add(name.casefold(), name, "other", start, end)  # "hypersensitivity pneumonitis, or HP"
                return
            self._add(name.casefold(), name, "org", start, end)
            return
        if len(words) == 1 and words[0] in ORG_WORDS:
            self._add(name.casefold(), name, "other", start, end)  # "Police are ...": a common noun
            return
        if any(w in ORG_WORDS for w in words):
            self._add(name.casefold(), name, "org", start, end)
            return
        titlecase = all(w[:1].isupper() and not w.isupper() for w in words)
        possessive_outlet = re.search(r"(\w+)['’]s\s*$", before)
        is_person = titlecase and 2 <= len(words) <= 3 and (
            title is not None
            or previous in ROLE_WORDS
            # "quipped Pitt", "said Ana Ruiz": the name after a reporting verb.
            or (previous in REPORTING_VERBS and not any(w in PLACES for w in words))
            # "Maura McLaughlin, an astronomer at West Virginia University".
            or bool(_ROLE_AFTER.match(after))
            # "Mark Ellison, of the Save the Ley group, said".
            or bool(re.match(r",\s+(?:of|from)\s+(?:the\s+)?[A-Z][^,]{2,60},\s+(?:" + _VERBS + r")\b", after))
            # "Falesi Chukuwumba, a Malawian national, told Al Jazeera".
            or bool(re.match(r",\s+(?:a|an|the|one of)\s+[^,\"“”]{2,80},\s+(?:" + _VERBS + r")\b", after))
            # News names a person in full once, then by the surname alone: "Pitt said".
            or self._surname_reused(words, sentence.start + run[0][1])
            # A given name that is no common word of this text: "Joaquin Phoenix", "Laura Dern".
            or (
                words[0] in given_names()
                and words[0].lower() not in self._lower_words
                and words[-1] not in ORG_WORDS
                and words[-1] not in PLACE_WORDS
                and not any(w in PLACES or w in ADJECTIVES for w in words)
            )
            or bool(possessive_outlet and (possessive_outlet.group(1) in KNOWN_OUTLETS or _OUTLET_WORDS.search(possessive_outlet.group(1))))
            or bool(_VERB_RE.match(after.lstrip(", ")) and not after.startswith("'"))
            or bool(re.match(r",\s+(?:who\b|(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:" + "|".join(map(re.escape, ROLE_WORDS)) + r")\b)", after))
        )
        existing = self.entities.get(name.casefold())
        if is_person or (existing and existing.kind == "person"):
            self._add(name.casefold(), name, "person", start, end)
            return
        if len(words) == 1:
            org_context = (
                # "Amazon's shareholders" (not "Brennock's mayor" or "Nigeria's president").
                (raw_last.endswith(("'s", "’s")) and bool(_OWNED_BY_ORG.match(after)))
                # "at Microsoft", but not "at Westford magistrates court" (a place before a noun)
                or (previous == "at" and not re.match(r"\s+(?:[a-z]+\s+)?(?:court|courts|station|hospital|school|airport|prison|port|harbour|market|church|library|hall|park)\b", after))
                or previous in ("company", "firm", "startup", "group", "giant", "maker", "agency", "union", "charity", "party", "campaign", "organisation", "organization", "association", "council", "regulator", "watchdog")
                or bool(re.match(r"\s+(?:" + "|".join(GROUP_NOUNS) + r")\b", after))
                or bool(re.match(r"\s+(?:is|was)\s+an?\s+(?:[\w-]+\s+){0,3}(?:firm|company|group|organi[sz]ation|agency|startup|charity|maker)\b", after))
            )
            # A town is "in Brennock" or "near Millbrook" somewhere; a company seldom.
            placed = re.search(rf"\b(?:in|near|outside|around|across|towards|between)\s+{re.escape(name)}\b(?!['’]s)", self.text)
            if org_context and not placed:
                self._add(name.casefold(), name, "org", start, end)
                return
            if placed:
                self._add(name.casefold(), name, "place", start, end)
                return
        self._add(name.casefold(), name, "other", start, end)

    def _surname_reused(self, words: list[str], at: int) -> bool:
        """Say whether the last word of a two- or three-word name stands alone elsewhere in the
        text, capitalised mid-sentence, outside this name: "McLaughlin" after "Maura McLaughlin"."""
        surname = words[-1]
        if len(surname) < 3 or surname in ORG_WORDS or surname in PLACE_WORDS or surname in PLACES or surname.lower() in TITLES:
            return False
        full = " ".join(words)
        for found in _word_occurrences(self.text, surname):
            if self.text[max(0, found - len(full) + len(surname)) : found + len(surname)] == full:
                continue  # the full name again
            before = self.text[max(0, found - 30) : found]
            after = self.text[found + len(surname) : found + len(surname) + 30]
            if re.search(r"[A-Z][\w'’-]*\s$", before):
                continue  # inside another name
            # Where a person stands: next to a reporting verb ("McLaughlin says", "quipped
            # Pitt"), or with a possessive or a relative clause ("Phoenix's", "Li, who").
            if _VERB_RE.match(after.lstrip(" ,")) or re.search(r"\b(?:" + _VERBS + r")\s+$", before) or re.match(r"['’]s\b|,\s+who\b", after):
                return True
        return False

    def _find_groups(self) -> None:
        orgs = [e for e in self.entities.values() if e.kind in ("org", "outlet")]
        nouns = "|".join(GROUP_NOUNS)
        for org in orgs:
            name = re.escape(org.name)
            patterns = (
                rf"\b{name}(?:['’]s)?\s+(?P<noun>{nouns})\b",
                rf"\b(?P<noun>(?i:{nouns}))\s+(?:at|of|from)\s+(?:the\s+)?{name}\b(?!\s+and\s+[A-Z])",
            )
            for pattern in patterns:
                for match in re.finditer(pattern, self.text):
                    sentence = self.sentence_at(match.start())
                    if sentence is None or sentence.clutter:
                        continue
                    if re.search(r"\band\s*$", self.text[max(0, match.start() - 30) : match.start()]) and pattern == patterns[0]:
                        continue  # "Google and Microsoft employees": whose?
                    noun = match.group("noun").lower()
                    cls = GROUP_NOUNS[noun]
                    key = f"{org.key}|{cls}"
                    group = self.entities.get(key)
                    if group is None:
                        display = f"{org.name} {noun if noun not in ('staff', 'staffers', 'workers', 'employee') else 'employees'}"
                        group = self.entities[key] = Entity(key, display, "group", org=org, cls=cls)
                    group.mentions.append(match.span())
        for entity in self.entities.values():
            entity.mentions.sort()

    def _resolve(self, start: int, end: int) -> tuple[Entity | None, Entity | None]:
        """Return who a speaker's words name (the head: the last person, else group, else
        organisation) and the news outlet among them."""
        phrase = self.text[start:end].strip().lower()
        if not phrase or phrase.split()[0] in _PRONOUNS:
            return None, None
        # A name inside a modifier of another noun is not the speaker: "The KDP-C review for SLS
        # estimated" (a review), unlike "A spokesperson for the water company said" (a role).
        head = re.match(r"(.*?)\s+(?:for|of|on|about|into|from|by)\s", phrase)
        if head and not any(
            word in ROLE_WORDS or word in GROUP_NOUNS or word.startswith("spokes") or word in _ROLE_NOUNS_EXTRA
            for word in re.findall(r"[a-z][a-z'’-]+", head.group(1))
        ) and re.search(r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}[a-z][a-z-]+$", head.group(1)):
            return None, None
        found = self.entity_at(start, end, ("person", "group", "org", "outlet"))
        # "Global Equities Research analyst Trip Chowdhry", "Shannon Cross of Cross Research": a
        # person speaks; if the analysis does not know the name, the firm must not take their place.
        if not any(e.kind == "person" for e in found) and re.search(
            r"\b(?:" + "|".join(w for w in ROLE_WORDS if not w.startswith("spokes")) + r")\s+[A-Z][a-z]+\s+[A-Z][a-z]+|^[A-Z][a-z]+\s+[A-Z][a-z'’-]+\s+(?:of|at|from|with)\s+[A-Z]",
            self.text[start:end].strip(),
        ):
            return None, None
        # A name that only qualifies an unnamed speaker is not the speaker: "A former Afghan official
        # said", "a White House spokesman said": an unnamed source, not Afghan or the White House.
        found = [
            e for e in found
            if e.kind == "person" or not all(self._qualifies_role(t, end) for s, t in e.mentions if start <= s and t <= end)
        ]
        spans = {e.key: [(s, t) for s, t in e.mentions if start <= s and t <= end] for e in found}
        # A name inside a longer one is part of it: "Port Calloway" in "Port Calloway Authority".
        found = [
            e for e in found
            if not any(o is not e and any(os <= s and t <= ot and (ot - os) > (t - s) for s, t in spans[e.key] for os, ot in spans[o.key]) for o in found)
            or e.kind == "outlet"
        ]
        outlet = next((e for e in found if e.kind == "outlet"), None)
        for kind in ("person", "group", "org", "outlet"):
            matching = [e for e in found if e.kind == kind]
            if matching:
                return matching[-1], outlet
        return None, outlet

    def _qualifies_role(self, at: int, end: int) -> bool:
        """Say whether the words from text[at] to the speaker phrase's end are a role the name
        before them qualifies: "[Afghan] official", "[White House] senior aides"."""
        rest = self.text[at:end].strip().lower()
        words = re.findall(r"[a-z][a-z'’-]+", rest)
        if not words or not re.match(r"[a-z]", rest) or len(words) > 3:
            return False
        last = words[-1]
        return last in ROLE_WORDS or last in GROUP_NOUNS or last in _ROLE_NOUNS_EXTRA or last.startswith("spokes") or last in ("source", "sources")

    def _attributions(self, sentence: Sentence) -> list[Attribution]:
        text = sentence.text
        base = sentence.start
        found: list[Attribution] = []

        def mark(a: int, b: int) -> Mark:
            while a < b and text[a] in " ,":
                a += 1
            while b > a and text[b - 1] in " ,.":
                b -= 1
            return Mark(text[a:b], base + a, base + b, self.in_quote(base + a, base + b))

        def clause_end(at: int) -> int:
            match = _CLAUSE_END.search(text, at)
            return match.start() if match else len(text)

        according = re.match(r"^((?:[^,]{1,40},\s+)?)According to ([^,]{2,80}),\s+", text)
        if according and not self.in_quote(base + according.start(2)):
            speaker = mark(according.start(2), according.end(2))
            who, outlet = self._resolve(speaker.start, speaker.end)
            content = mark(according.end(), clause_end(according.end()))
            found.append(Attribution(sentence.index, "according", speaker, who, "According to", None, content, content, outlet))
            return found
        trailing = re.search(r",\s+according to ([^,]{2,80}?)\.?$", text)
        if trailing:
            speaker = mark(trailing.start(1), trailing.end(1))
            who, outlet = self._resolve(speaker.start, speaker.end)
            content = mark(_lead(text), trailing.start())
            found.append(Attribution(sentence.index, "according", speaker, who, "according to", None, content, content, outlet))
            return found
        trailing = _TRAILING.search(text)
        lead = _lead(text)
        if trailing and not self.in_quote(base + lead) and not self.in_quote(base + trailing.start()) and trailing.start() - lead > 20:
            # "Many of these bursts were too faint to be seen, says Li." / "..., the minister said."
            group = "s1" if trailing.group("s1") else "s2"
            speaker = mark(trailing.start(group), trailing.end(group))
            who, outlet = self._resolve(speaker.start, speaker.end)
            verb_group = "v1" if trailing.group("v1") else "v2"
            verb_mark = Mark(trailing.group(verb_group), base + trailing.start(verb_group), base + trailing.end(verb_group))
            content = mark(lead, trailing.start())
            if who is not None and not re.search(r"[\"“”]", content.text):
                found.append(Attribution(sentence.index, "trailing", speaker, who, verb_mark.text, verb_mark, content, content, outlet))
                return found
        for match in _VERB_RE.finditer(text):
            if self.in_quote(base + match.start()):
                continue
            if match.group(1) in ("added", "adds", "noted") and not re.match(r"\s*(?:that\b|,|:|[\"“.])", text[match.end() :]):
                break  # "Kevin Yearout has added about 80 jobs", "noted for its wines": no words reported
            head = text[: match.start()]
            intro = _INTRO.match(head)
            subject_at = intro.end() if intro else _lead(text)
            subject = _BEFORE_VERB.sub("", head[subject_at:])
            # An apposition: "The leader of the opposition, Councillor Jean Whitcombe, said" or
            # "Jean Whitcombe, the leader of the opposition, said": the speaker is the name.
            appositive = bool(intro) and subject.rstrip().endswith(",") and subject.count(",") == 1
            if appositive:
                subject = subject.rstrip()[:-1]
            if not subject.strip() or len(subject.split()) > 10 or any(c in subject for c in ",;:\"“”"):
                break
            unnamed = subject
            for entity in self.entity_at(base + subject_at, base + subject_at + len(subject)):
                for m_start, m_end in entity.mentions:
                    if base + subject_at <= m_start and m_end <= base + subject_at + len(subject):
                        unnamed = unnamed.replace(self.text[m_start:m_end], "X")
            if re.search(r"\b(?:which|that|who|and|but|while|because|if|when|whenever|as|after|before|although|though|once|since|until|unless)\b", unnamed, re.IGNORECASE):
                break  # two speakers, or a clause: not a plain subject
            passive = re.match(r"\s+by\s+([^,.;]{2,60}?)(?=\s+(?:last|this|on|in|earlier|yesterday)\b|[,.;]|$)", text[match.end() :])
            if passive:
                # "The findings were first reported by Reuters": the agent after "by" is the source.
                at = match.end() + passive.start(1)
                speaker = mark(at, at + len(passive.group(1)))
                who, outlet = self._resolve(speaker.start, speaker.end)
                if who is not None:
                    verb_mark = Mark(match.group(1), base + match.start(), base + match.end())
                    found.append(Attribution(sentence.index, "passive", speaker, who, match.group(1), verb_mark, None, None, outlet))
                break
            speaker = mark(subject_at, subject_at + len(subject))
            who, outlet = self._resolve(speaker.start, speaker.end)
            if appositive and (who is None or who.kind != "person"):
                named = mark(_lead(text), intro.end())
                named_who, named_outlet = self._resolve(named.start, named.end)
                if named_who is not None and named_who.kind == "person" and len(named.text.split()) <= 5:
                    speaker, who, outlet = named, named_who, named_outlet
            end = clause_end(match.end())
            rest = mark(match.end(), end)
            content = None
            that = re.match(r"\s+(?:(?:in|on|last|earlier|this)\s+[\w ]{2,20}?\s+)?that\s+", text[match.end() :])
            if that:
                content = mark(match.end() + that.end(), end)
            elif match.group(1) in ("said", "says", "claimed", "claims", "argued", "argues", "warned", "warns", "added"):
                if not text[match.end() :].lstrip().startswith((":", "\"", "“")):
                    content = rest
            verb_mark = Mark(match.group(1), base + match.start(), base + match.end())
            found.append(Attribution(sentence.index, "verb", speaker, who, match.group(1), verb_mark, rest, content, outlet))
            break
        return found

    def _quote_speakers(self) -> None:
        """Attribute quotations: '"...," X said', 'X said: "..."', and a quotation block after a
        paragraph that ends in a colon ("Gizmodo reported that the employees wrote:")."""
        for quote in self.quotes:
            sentence = self.sentence_at(quote.start)
            if sentence is None:
                continue
            # Within the quotation's paragraph: a name in the next one is someone else.
            block_end = self.article.block_spans[quote.block].end
            after = self.text[quote.end : min(quote.end + 200, block_end)]
            # '"...," X said.', '"...," said X.', and with X's role between commas: '"...,"
            # Falesi Chukuwumba, a Malawian national, told Al Jazeera.'
            match = re.match(
                rf"[,.!?]?[\"”»’]\s*,?\s*(?:(?P<verb1>{_QUOTE_VERBS}|told\s+\w+)\s+(?P<sp1>[^,.;\"“]{{2,60}}?)|(?P<sp2>[^,.;\"“]{{2,60}}?)(?:,\s+[^,.;\"“]{{2,80}}?,)?\s+(?P<verb2>{_QUOTE_VERBS}|told)(?:\s+[^,.;\"“]{{1,100}})?)\s*[,.;]",
                after,
            )
            attribution = None
            if match:
                group = "sp1" if match.group("sp1") else "sp2"
                at = quote.end + match.start(group)
                speaker = Mark(match.group(group), at, at + len(match.group(group)))
                who, outlet = self._resolve(speaker.start, speaker.end)
                if who is None and speaker.text.lower() in ("he", "she"):
                    who = self._last_person(quote)
                verb = match.group("verb1") or match.group("verb2")
                attribution = Attribution(sentence.index, "quote", speaker, who, verb, None, None, Mark(quote.text, quote.start, quote.end, True), outlet)
            else:
                block_start = self.article.block_spans[quote.block].start
                lead_in = self.text[block_start : quote.start]
                previous = self.article.block_spans[quote.block - 1] if quote.block else None
                source = None
                if re.search(r"(?:said|says|wrote|writes|told|added|continued|asked|responded|replied|stated|tweeted|posted)[^\"“]{0,30}:\s*[\"“]?$", lead_in):
                    source = (block_start, quote.start)
                elif previous is not None and quote.start - block_start <= 1 and self.text[previous.start : previous.end].rstrip().endswith(":"):
                    source = (previous.start, previous.end)
                if source:
                    lead = self.text[source[0] : source[1]]
                    verb = _VERB_RE.search(lead)
                    if verb:
                        # The speaker is the subject of the last reporting verb: "the employees wrote:".
                        verbs = list(_VERB_RE.finditer(lead))
                        last = verbs[-1]
                        head = lead[: last.start()]
                        head = re.split(r"\bthat\s+|,\s+", head)[-1]
                        at = source[0] + last.start() - len(head)
                        speaker = Mark(head.strip(), at, at + len(head.strip()))
                        who, outlet = self._resolve(speaker.start, speaker.end)
                        if who is None and speaker.text.lower() in ("he", "she"):
                            who = self._last_person(quote)  # 'She added: "..."'
                        if outlet is None:
                            who_first, outlet = self._resolve(source[0], source[0] + last.start())
                        attribution = Attribution(sentence.index, "quote", speaker, who, last.group(1), None, None, Mark(quote.text, quote.start, quote.end, True), outlet)
            if attribution is not None:
                self.quote_attributions.append((quote, attribution))
        self._continued_quotes()

    def _continued_quotes(self) -> None:
        """A quotation that goes on after its speaker is named: '"...," Kise said. "He's
        describing to you ..."'. The next quotation in the same paragraph, with nothing between
        but the speaker's words, is the same speaker's."""
        by_quote = {id(q): att for q, att in self.quote_attributions}
        added = []
        for quote in self.quotes:
            if id(quote) in by_quote:
                continue
            before = [q for q in self.quotes if q.block == quote.block and q.end <= quote.start]
            if not before:
                continue
            previous = before[-1]
            att = by_quote.get(id(previous))
            if att is None or att.who is None or att.frame != "quote" or not (previous.end <= att.speaker.start < quote.start):
                continue
            between = self.text[previous.end : quote.start]
            # Only the speaker's words and the verb: '," Kise said. "' or '," he said to the judge. "'.
            if len(between) > 120 or not re.search(r"[.,:]\s*[\"“‘]?\s*$", between):
                continue
            names = self.entity_at(previous.end, quote.start, ("person", "org", "group", "outlet"))
            if any(e.key != att.who.key for e in names):
                continue  # someone else named between: the quotation may be theirs or about them
            sentence = self.sentence_at(quote.start)
            if sentence is None:
                continue
            added.append((quote, Attribution(sentence.index, "continued", att.speaker, att.who, att.verb, None, None, Mark(quote.text, quote.start, quote.end, True), att.outlet)))
            by_quote[id(quote)] = added[-1][1]
        self.quote_attributions.extend(added)

    def _last_person(self, quote: Quote) -> Entity | None:
        """Return who "he" or "she" after a quotation is: news style names a speaker, then goes
        on with a pronoun, so it is the person named last before the quotation, in its paragraph
        or the one before; None when there is none, or when the paragraph before names another
        person after the last speaker it quotes."""
        spans = self.article.block_spans
        first = spans[max(0, quote.block - 1)].start
        mentions = [
            (start, entity) for entity in self.entities.values() if entity.kind == "person"
            for start, end in entity.mentions if first <= start and end <= quote.start and not self.in_quote(start)
        ]
        if not mentions:
            return None
        last = max(mentions, key=lambda m: m[0])[1]
        if len({entity.key for _, entity in mentions}) == 1:
            return last
        # Two people or more: only a speaker there will do ("said Shannon Cross" before '"...
        # he didn't do it alone," she said' is Cross, not Steve Jobs whom she spoke about).
        speaking = [
            (att.speaker.start, att.who) for att in self.attributions + [att for _, att in self.quote_attributions]
            if att.who is not None and att.who.kind == "person" and first <= att.speaker.start < quote.start
        ]
        if not speaking:
            return None
        who = max(speaking, key=lambda m: m[0])[1]
        return who if who.key == last.key else None

    def speaker_of(self, quote: Quote) -> Attribution | None:
        return next((a for q, a in self.quote_attributions if q is quote), None)

    def quote_at(self, start: int, end: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= start and end <= q.end), None)


_RANK = {"other": 0, "place": 1, "org": 2, "group": 2, "outlet": 3, "person": 3}


def _lead(text: str) -> int:
    """Return where the words of a sentence start, after any opening quotation marks."""
    return len(text) - len(text.lstrip("\"“‘'«( "))


def _trail(text: str) -> int:
    return len(text) - len(text.rstrip("\"”’'») .,!?"))


def _bare(token: str) -> str:
    return re.sub(r"['’]s?$", "", token)


def _term_abbreviation(acronym: str, text: str) -> bool:
    """Say whether an acronym shortens lower-case words the text spells out before it:
    "hypersensitivity pneumonitis, or HP", "body mass index (BMI)"."""
    for match in re.finditer(rf"((?:[a-z][a-z-]*\s+){{1,5}}[a-z][a-z-]*),?\s+(?:or\s+|\(){re.escape(acronym)}\b", text):
        words = re.split(r"[\s-]+", match.group(1))
        if "".join(w[0] for w in words[-len(acronym):]).upper() == acronym:
            return True
    return False


# An office named after what it is for: "Secretary of", "High Commissioner for".
_OFFICE_OF = re.compile(r"\b(?:Secretary|Minister|Commissioner|Director|Governor|Chief|Head|Ambassador|Attorney|Chancellor|Undersecretary)\s+(?:of|for)\s+(?:the\s+)?$")


def _known_name(words: list[str]) -> bool:
    """Say whether a run of capitalised words opens on a place or outlet this module knows:
    "New York Times", "New Jersey residents" keep their "New"."""
    bare = [_bare(w) for w in words]
    return any(" ".join(bare[:k]) in PLACES or " ".join(bare[:k]) in KNOWN_OUTLETS for k in range(2, len(bare) + 1))


def _title_case(text: str, least: int = 4) -> bool:
    """Say whether most words of a line (of `least` words or more) open on a capital: a
    headline's test; a subheading's with least=2 ("Sabotaging Assange")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) >= least and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _capital_runs(tokens: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Return runs of capitalised tokens, joined by "of", "for" or "the" inside a name, broken
    at a possessive ("Gizmodo's Kate Conger" is two names)."""
    runs: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    index = 0
    while index < len(tokens):
        token, start, end = tokens[index]
        capital = token[:1].isupper() and _bare(token) not in MONTHS + WEEKDAYS
        if capital:
            if current and current[-1][2] + 1 < start:
                runs.append(current)
                current = []
            current.append((token, start, end))
            following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
            if token.endswith(("'s", "’s", "'", "’")) and following not in ORG_WORDS:
                runs.append(current)
                current = []
        elif (
            current
            and token in ("of", "for", "the", "de", "von", "van", "&")
            and start == current[-1][2] + 1  # not across a comma: "Joyce Wein, the Goldring Foundation"
            and index + 1 < len(tokens)
            and tokens[index + 1][0][:1].isupper()
            and (token not in ("of", "for") or len(current) == 1 or any(_bare(t) in ORG_WORDS for t, _, _ in current))
            # "Jazz & Heritage Center" is one name; "&" joins only when one follows right after it.
        ):
            current.append((token, start, end))
        else:
            if current:
                runs.append(current)
            current = []
        index += 1
    if current:
        runs.append(current)
    # A run must not end on a joining word.
    return [run[: max(i for i, t in enumerate(run) if t[0][:1].isupper()) + 1] for run in runs]


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _word_occurrences(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
