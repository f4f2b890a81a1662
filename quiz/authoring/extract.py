"""Turn a saved or fetched news page into an article: metadata, blocks of a kind, what was removed.

How it works. trafilatura, a maintained main-content extractor, decides *what the article is*: its
body text, and the metadata (author, date, site name, title, canonical URL). BeautifulSoup then
walks the page itself, in order, to decide *how the article is laid out*: each block of text in the
page is matched against trafilatura's body, the deepest element that holds 80% of the matched text
is the article's container, and every block inside that container is given a kind: paragraphs and
headings that trafilatura kept, blockquotes and pull quotes, standfirsts and key-point lists, and
the in-body furniture ("Advertisement", "Read more:", "SEE ALSO", newsletter and paywall prompts)
that trafilatura rightly drops from a body but that a media-literacy quiz keeps as clutter, so that
players can be asked about it. Navigation, menus, footers, sidebars, cookie banners and comment
sections are outside the container, or are dropped by tag and class name when they are inside.

Why not trafilatura's XML output alone: it has paragraphs, quotes and lists, but the furniture
the quiz asks about is gone from it, and so are the class names that tell a standfirst or a pull
quote from a paragraph. When no block of the page matches trafilatura's body at all, its tree is
used as it is.

Nothing of the page's markup is kept: every block is plain text from the page's text nodes, so no
HTML needs cleaning (nh3 only strips any markup that a metadata string from the page carries).
Active content (scripts, event handlers, iframes, objects and embeds, javascript: URLs) is removed
from the copy of the page that is walked, and counted in ``removed`` for the review notice;
trafilatura reads the page as given, for its JSON-LD metadata, and returns only text.
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import nh3
import trafilatura
from bs4 import BeautifulSoup, NavigableString, Tag
from lxml.etree import _Element

from quiz.articles.text import Block, BlockKind, normalise


class ExtractionError(ValueError):
    """A page that cannot be turned into an article; the message is for the person importing it."""


@dataclass
class ExtractedArticle:
    """An article as extracted from a page, for an author to review before it is saved."""

    headline: str | None
    byline: str | None  # author name(s) as the page gives them, without "By "
    date: str | None  # publication date, ISO YYYY-MM-DD, when found
    publisher: str | None  # the site's name
    url: str | None  # the canonical URL the page states, else the URL it was fetched from
    blocks: list[Block]  # in page order: the headline first, then summary, story and clutter
    removed: dict[str, int] = field(default_factory=dict)  # e.g. {"scripts": 4, "event handlers": 7}

    @property
    def body_text(self) -> str:
        """Return the story's text: every block but the headline and clutter, a blank line apart."""
        return "\n\n".join(
            block.text
            for block in self.blocks
            if block.kind not in (BlockKind.HEADLINE, BlockKind.CLUTTER)
        )


# --- reading the bytes -------------------------------------------------------------------------

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x89PNG", "an image"),
    (b"GIF8", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"RIFF", "an image or media file"),
    (b"\x1f\x8b", "a compressed file"),
    (b"{\\rtf", "a Word document"),
    (b"\xd0\xcf\x11\xe0", "a Word document"),
]
_BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, <?xml encoding="x"?>
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:\-]+)""",
    re.IGNORECASE,
)
# The WHATWG Encoding Standard reads these labels as windows-1252 (a superset) or UTF-8: a page
# that says "iso-8859-1" and uses curly quotes is decoded as browsers decode it.
_CHARSET_ALIASES = {
    "iso-8859-1": "windows-1252", "iso8859-1": "windows-1252", "latin1": "windows-1252",
    "latin-1": "windows-1252", "l1": "windows-1252", "ascii": "windows-1252",
    "us-ascii": "windows-1252", "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
    "x-user-defined": "windows-1252",
}
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|article|main|section|div|p|h[1-6]|span|a|"
    r"table|ul|ol|li|br|font|center|blockquote|header|nav)\b",
    re.IGNORECASE,
)
_FIRST_TAG = re.compile(r"<([a-zA-Z][\w:.-]*)")
_XML_ROOTS = {"rss", "feed", "rdf:rdf", "urlset", "sitemapindex", "svg", "plist", "opml", "kml", "gpx"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _tags(root: Tag, names: set[str] | frozenset[str] | None = None):
    """Yield the elements inside root in page order, optionally only those with the given names.

    A plain walk of .descendants: bs4's find_all pays for its general matching machinery on
    every call, which on a large page costs seconds.
    """
    for node in root.descendants:
        if isinstance(node, Tag) and (names is None or node.name in names):
            yield node


def _not_a_page(looks_like: str) -> ExtractionError:
    return ExtractionError(f"That file is not a web page (it looks like {looks_like}).")


def _decode(data: bytes) -> str:
    """Decode page bytes: a byte-order mark, else the declared charset, else UTF-8, else windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    for signature, looks_like in _SIGNATURES:
        if data.startswith(signature):
            raise _not_a_page(looks_like)
    if b"\x00" in data:
        raise _not_a_page("binary data")
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared:
        label = (declared.group(1) or declared.group(2)).decode("ascii").strip().lower()
        label = _CHARSET_ALIASES.get(label, label)
        try:
            return data.decode(codecs.lookup(label).name, errors="replace")
        except LookupError:
            pass  # an unknown label: sniff as if none was given
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252", errors="replace")


def _check_is_page(text: str) -> str:
    """Return the text ready for parsing, or raise ExtractionError when it is not an HTML page."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ExtractionError("That file is empty.")
    if "\x00" in text:
        raise _not_a_page("binary data")
    sample = text[:65536]
    junk = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"))
    if junk > 0.02 * len(sample):
        raise _not_a_page("binary data")
    head = sample.lstrip()
    for signature, looks_like in _SIGNATURES:
        if head.startswith(signature.decode("latin-1")):
            raise _not_a_page(looks_like)
    if head[:1] in "{[":
        try:
            json.loads(text)
        except ValueError:
            pass
        else:
            raise _not_a_page("JSON data")
    # An XHTML page may start with an XML declaration; it means nothing once the text is decoded,
    # and lxml refuses a str that declares an encoding.
    text = _XML_DECLARATION.sub("", text, count=1)
    first = _FIRST_TAG.search(re.sub(r"<!--.*?-->|<![^>]*>", "", text[:65536], flags=re.DOTALL))
    if first and first.group(1).lower() in _XML_ROOTS:
        raise _not_a_page("an XML document or feed")
    if not _HTML_TAG.search(sample):
        raise _not_a_page("plain text")
    return text


# --- removing active content -------------------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background",
                   "cite", "longdesc", "srcdoc", "lowsrc", "dynsrc", "ping", "manifest", "codebase"}
_SCRIPT_URL = re.compile(r"^(?:javascript|vbscript|livescript)\s*:", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\u200b-\u200d\ufeff]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_REMOVED_ELEMENTS = {  # element name -> what the review notice calls it
    "script": "scripts",
    "noscript": "noscript blocks",
    "style": "style sheets",
    "iframe": "iframes",
    "frame": "iframes",
    "frameset": "iframes",
    "object": "objects and embeds",
    "embed": "objects and embeds",
    "applet": "objects and embeds",
}
# Controls and media carry no story text ("Sign up" on a button is a control, not a line of text).
_SILENT_ELEMENTS = {"template", "button", "input", "select", "option", "textarea", "label", "svg",
                    "math", "canvas", "video", "audio", "picture", "img", "map", "param", "source",
                    "track"}


def _sanitise(soup: BeautifulSoup) -> dict[str, int]:
    """Strip active content from the parsed page in place and count what went, for the review notice."""
    removed: Counter[str] = Counter()
    for tag in _tags(soup):
        for name, value in list(tag.attrs.items()):
            lowered = name.lower()
            if lowered.startswith("on"):
                removed["event handlers"] += 1
                del tag.attrs[name]
            elif lowered in _URL_ATTRIBUTES and isinstance(value, str):
                if _SCRIPT_URL.match(_INVISIBLE.sub("", value)):
                    removed["javascript URLs"] += 1
                    del tag.attrs[name]
    doomed: list[Tag] = []
    for tag in _tags(soup):
        if tag.name in _REMOVED_ELEMENTS:
            removed[_REMOVED_ELEMENTS[tag.name]] += 1
            doomed.append(tag)
        elif tag.name in _SILENT_ELEMENTS or tag.has_attr("hidden") or _HIDDEN_STYLE.search(str(tag.get("style", ""))):
            doomed.append(tag)
    # Counted first, so that an iframe inside a noscript counts too; then only the outermost of
    # each nest is removed (a removed tag's descendants go with it).
    ids = {id(tag) for tag in doomed}
    for tag in doomed:
        if not any(id(parent) in ids for parent in tag.parents):
            tag.decompose()
    return dict(removed)


# --- the page's blocks of text -----------------------------------------------------------------

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}
# In these a single <br> is a line break inside one paragraph; elsewhere (a <div>, a table cell
# of an old layout) authors separate paragraphs with <br>.
_PARAGRAPH_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "figcaption",
                   "blockquote", "caption", "pre", "summary", "legend"}
_BREAK = "\ue000"  # a private-use character stands for <br> while the text is walked
_PARAGRAPH_BREAK = re.compile(rf"{_BREAK}\s*{_BREAK}[\s{_BREAK}]*")
_LINE_BREAK = re.compile(rf"{_BREAK}[\s{_BREAK}]*")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


@dataclass
class _Leaf:
    """A run of text that the page shows as one block, with the element that owns it."""

    owner: Tag
    text: str
    link_chars: int
    index: int = 0
    matched: bool = False

    @property
    def link_density(self) -> float:
        """Return the share of the block's visible characters that are link text."""
        return self.link_chars / max(1, len("".join(self.text.split())))


def _clean_text(text: str) -> str:
    """Return text in NFC with zero-width characters dropped and whitespace collapsed."""
    return normalise(" ".join(_ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text)).split()))


def _key(text: str) -> str:
    """Return the form in which page text and trafilatura's text are compared."""
    return _clean_text(text).casefold()


def _text_piece(node: NavigableString, in_link: bool) -> tuple[str, bool]:
    # A private-use character in the page itself must not read as a line break.
    return str(node).replace(_BREAK, " "), in_link


def _inline_pieces(node: Tag, in_link: bool) -> list[tuple[str, bool]]:
    """Return the text of an inline element as pieces, each marked as link text or not."""
    pieces: list[tuple[str, bool]] = []
    # An explicit stack: pages nest thousands of elements deep, past Python's recursion limit.
    stack = [(iter(node.children), in_link)]
    while stack:
        children, linked = stack[-1]
        for child in children:
            if isinstance(child, Tag):
                if child.name == "br":
                    pieces.append((_BREAK, False))
                else:
                    stack.append((iter(child.children), linked or child.name == "a"))
                    break
            elif type(child) is NavigableString:  # not a comment, CDATA or doctype
                pieces.append(_text_piece(child, linked))
        else:
            stack.pop()
    return pieces


def _block_holders(root: Tag) -> set[int]:
    """Return the ids of the elements that have a block-level element somewhere inside them."""
    holders: set[int] = set()
    for block in _tags(root, _BLOCK_TAGS):
        for parent in block.parents:
            if id(parent) in holders:
                break
            holders.add(id(parent))
    return holders


def _page_leaves(root: Tag) -> list[_Leaf]:
    """Walk the page in order and return its blocks of text, each with its owning element."""
    leaves: list[_Leaf] = []
    holders = _block_holders(root)

    def flush(owner: Tag, pieces: list[tuple[str, bool]]) -> None:
        text = "".join(piece for piece, _ in pieces)
        if not text.strip(" \t\r\n\f" + _BREAK):
            return
        links: list[tuple[int, int]] = []
        cursor = 0
        for piece, in_link in pieces:
            if in_link:
                links.append((cursor, cursor + len(piece)))
            cursor += len(piece)
        splitter = _PARAGRAPH_BREAK if owner.name in _PARAGRAPH_TAGS else _LINE_BREAK
        start = 0
        for end, after in [(m.start(), m.end()) for m in splitter.finditer(text)] + [(len(text), len(text))]:
            part = _clean_text(text[start:end].replace(_BREAK, " "))
            if part:
                link_chars = sum(
                    len("".join(text[max(a, start):min(b, end)].split()))
                    for a, b in links if a < end and b > start
                )
                leaves.append(_Leaf(owner, part, link_chars))
            start = after

    # Each frame: an element, its children still to visit, and the inline text gathered so far
    # (flushed as a block whenever a block-level child interrupts it).
    stack: list[tuple[Tag, object, list[tuple[str, bool]]]] = [(root, iter(root.children), [])]
    while stack:
        element, children, pieces = stack[-1]
        for child in children:  # type: ignore[attr-defined]
            if isinstance(child, Tag):
                if child.name == "br":
                    pieces.append((_BREAK, False))
                elif child.name in _BLOCK_TAGS or id(child) in holders:
                    flush(element, pieces)
                    pieces.clear()
                    stack.append((child, iter(child.children), []))
                    break
                else:
                    pieces.extend(_inline_pieces(child, child.name == "a"))
            elif type(child) is NavigableString:
                pieces.append(_text_piece(child, element.name == "a"))
        else:
            flush(element, pieces)
            stack.pop()
    for position, leaf in enumerate(leaves):
        leaf.index = position
    return leaves


# --- trafilatura -------------------------------------------------------------------------------

_TREE_BLOCKS = _BLOCK_TAGS | {"head", "item", "list", "quote", "row", "cell", "code"}


# htmldate: the publication date rather than the last modification, as ISO YYYY-MM-DD; the
# extensive search is what finds "Friday, October 2, 2009" in an old page's text.
_DATE_PARAMS = {"original_date": True, "outputformat": "%Y-%m-%d", "extensive_search": True}


@dataclass
class _Body:
    """trafilatura's idea of the article body, in the forms that page text is matched against."""

    segments: set[str]
    joined: str
    quotes: set[str]
    tree: _Element | None


def _body_segments(body: _Element) -> _Body:
    segments: list[str] = []
    quotes: set[str] = set()
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        has_blocks = any(isinstance(child.tag, str) and child.tag in _TREE_BLOCKS for child in element)
        if not has_blocks:
            segments.append("".join(element.itertext()))
        else:
            segments.append(element.text or "")
            segments.extend(child.tail or "" for child in element)
        if element.tag in ("quote", "blockquote"):
            quotes.add(_key("".join(element.itertext())))
            quotes.update(_key("".join(p.itertext())) for p in element.iter("p"))
    keys = [key for key in (_key(segment) for segment in segments) if key]
    # A newline never occurs in a key, so a match cannot run across two of trafilatura's blocks.
    return _Body(set(keys), "\n".join(keys), quotes, body)


def _run_trafilatura(text: str, url: str | None):
    """Return trafilatura's Document for the page (body tree and metadata), or None."""
    # trafilatura takes a bare fragment ("<p>...</p>", as pasted from a page) for something other
    # than HTML; in a document it reads it like any page.
    if not re.search(r"<(?:html|body)\b", text[:65536], re.IGNORECASE):
        text = f"<html><body>{text}</body></html>"
    return trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )


# --- hints from tags and class names -----------------------------------------------------------

_DROP_TAGS = {"nav", "aside", "menu", "dialog", "figcaption"}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog",
               "search", "menu", "menubar", "toolbar", "tablist"}
_DROP_HINTS = {
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "cookie", "cookies",
    "consent", "cmp", "gdpr", "onetrust", "comment", "comments", "disqus", "share", "sharing",
    "social", "sharedaddy", "sidebar", "rail", "widget", "footer", "pagination", "pager", "tags",
    "toolbar", "skiplink", "masthead", "byline", "bio", "authorbio", "caption", "credit", "credits",
    "keyevents", "timeline", "topics",
}
_FURNITURE_HINTS = {
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "dfp",
    "gpt", "sponsored", "sponsor", "promo", "promoted", "promotion", "newsletter", "newsletters",
    "signup", "subscribe", "subscription", "paywall", "barrier", "regwall", "piano", "meter",
    "outbrain", "taboola", "cta", "readmore", "related", "recommended", "recirc", "onward",
}
_QUOTE_HINTS = {"pullquote", "pullout", "quote", "blockquote"}
_SUMMARY_HINTS = {"standfirst", "dek", "deck", "summary", "strapline", "strap", "sapo", "subtitle",
                  "subheadline", "keypoints", "highlights", "takeaways", "tldr"}
_BRAND_HINTS = {"logo", "brand", "masthead", "sitename", "sitetitle", "sitelogo"}


def _hints(tag: Tag, cache: dict[int, frozenset[str]]) -> frozenset[str]:
    """Return the words of an element's class names and id: "ad-slot" gives ad, slot and adslot."""
    found = cache.get(id(tag))
    if found is None:
        names = list(tag.get("class") or []) + [str(tag.get("id") or "")]
        words: set[str] = set()
        for name in names:
            lowered = name.lower()
            parts = [part for part in re.split(r"[-_\s]+", lowered) if part]
            words.update(parts)
            words.add("".join(parts))
        found = frozenset(words)
        cache[id(tag)] = found
    return found


def _within(tag: Tag, ancestor: Tag) -> bool:
    """Whether tag is ancestor or inside it (by identity: bs4 compares tags by their markup)."""
    return any(node is ancestor for node in _ancestors(tag, None))


def _ancestors(tag: Tag, stop: Tag | None) -> list[Tag]:
    """Return tag and its ancestors up to, not including, stop."""
    chain: list[Tag] = []
    node: Tag | None = tag
    while node is not None and node is not stop and isinstance(node, Tag):
        chain.append(node)
        node = node.parent
    return chain


# --- kinds of text -----------------------------------------------------------------------------

_LABEL = (
    r"now\s+watch|watch|see\s+also|read\s+more|read\s+next|read\s+also|also\s+read|more\s+on\s+this(?:\s+story)?|"
    r"related(?:\s+(?:articles?|stories|content|coverage|reading|links?))?|recommended(?:\s+(?:for\s+you|reading|stories))?|"
    r"don['’]t\s+miss|most\s+(?:read|popular|viewed)|editor['’]s\s+picks?|more\s+from\s+[^:]{1,40}|trending(?:\s+now)?|"
    r"listen|video|podcast"
)
_CLUTTER = re.compile(
    rf"""^(?:
        (?:{_LABEL})\s*(?:[:：\-–—|»›]|$)
      | (?:advertisement|advert|ad|ads|sponsored(?:\s+content)?|promoted(?:\s+content)?|paid\s+(?:post|content)|
           partner\s+content|(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:advertisement|advert|ad))?|
           continue\s+reading\s+(?:below|the\s+main\s+story)|scroll\s+to\s+continue(?:\s+with\s+content)?)\s*\.?$
      | (?:continue\s+reading|keep\s+reading|read\s+the\s+full\s+(?:story|article)|subscribe\s+(?:now|today)|
           subscribe\s+to\s+(?:continue|keep)\s+reading|to\s+continue\s+reading|already\s+a\s+(?:subscriber|member)|
           become\s+a\s+(?:subscriber|member)|this\s+(?:article|story|content)\s+is\s+(?:for|only\s+available\s+to)\s+(?:subscribers|members)|
           (?:sign\s+in|log\s+in|register)\s+to\s+(?:continue|read|keep)|unlock\s+this\s+(?:article|story))\b
      | (?:sign\s+up|subscribe|register)\b.{0,140}\b(?:newsletters?|briefing|bulletin|inbox|emails?|alerts)\b
      | (?:get|receive)\s+(?:our|the)\b.{0,100}\b(?:newsletters?|briefing|in\s+your\s+inbox)\b
      | follow\s+us\s+on\b | share\s+this(?:\s+(?:article|story|page))?\s*:?\s*$ | click\s+here\s+to\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_CLUTTER_MAX = 300  # furniture is a line or two; a longer block is story text whatever it says
_SMALL_BOX = 400  # characters: an element this small is one piece of furniture, not a layout wrapper
_BYLINE_LINE = re.compile(r"^(?:(?:words|written|reporting|report|story|live\s+coverage|text)\s+)?by\s+(.+)$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted|last\s+(?:updated|modified)(?:\s+on)?|first\s+published(?:\s+on)?)\s*:?\s*)?"
    rf"(?=.*(?:\d{{4}}|\d{{1,2}}[:.]\d{{2}}|{_MONTH}))[\w\s,.:/|\-–·]*$",
    re.IGNORECASE,
)
_TIME_LINE = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s*(?:[A-Z]{2,4}|GMT[+\-]\d{1,2}))?$",
    re.IGNORECASE,
)
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
# Opening quotation mark -> its closing mark (German „ closes with “).
_QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’", "«": "»", "„": "“"}
_ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|columnist|contributor|journalist|producer|critic|"
    r"photographer|staff|desk|analyst|presenter|editorial)\b",
    re.IGNORECASE,
)


def _is_wholly_quoted(text: str) -> bool:
    """Whether a paragraph is one quotation: “...” and not “...,” she said. “...”."""
    stripped = text.rstrip(".")
    closing = _QUOTE_PAIRS.get(stripped[:1])
    if closing is None or len(stripped) < 2 or stripped[-1] != closing:
        return False
    # ’ is also the apostrophe, so a single-quoted paragraph is judged by its ends alone.
    return closing == "’" or closing not in stripped[1:-1]


def _is_date_line(text: str) -> bool:
    return len(text) <= 80 and len(text.split()) <= 12 and bool(_DATE_LINE.match(text))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _similarity(a: str, b: str) -> float:
    left, right = _words(a), _words(b)
    return len(left & right) / max(1, len(left | right))


# --- headline, byline, publisher ---------------------------------------------------------------

_TITLE_SEPARATOR = r"\s+(?:\||::|–|—|-|·|•|»)\s+"


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    """Return the page's <meta> values by property or name (lowercased), the first of each."""
    found: dict[str, str] = {}
    for tag in _tags(soup, {"meta"}):
        key = str(tag.get("property") or tag.get("name") or "").strip().lower()
        value = _plain(str(tag.get("content") or ""))
        if key and value and key not in found:
            found[key] = value
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    return next((metas[name] for name in names if name in metas), None)


def _plain(value: str | None) -> str | None:
    """Return a metadata string as plain text: any markup it carries is stripped by nh3."""
    if not value:
        return None
    if re.search(r"<[a-zA-Z/!]", value):
        value = html_lib.unescape(nh3.clean(value, tags=set(), clean_content_tags={"script", "style"}))
    value = _clean_text(value)
    return value or None


def _strip_site_name(title: str, sitename: str | None, guess: bool) -> tuple[str, str | None]:
    """Remove a " | Site name" suffix (or "Site name | " prefix) from a page title.

    With guess, a short last (or first) part is taken for the site's name even when the site does
    not say its name; a <title> nearly always carries one, an og:title rarely does. Returns the
    headline and the site's name as the title gives it (None when nothing was removed).
    """
    suffix = re.match(rf"^(?P<head>.+){_TITLE_SEPARATOR}(?P<site>[^|]+?)$", title)
    prefix = re.match(rf"^(?P<site>[^|]+?){_TITLE_SEPARATOR}(?P<head>.+)$", title)
    for found in (suffix, prefix):
        if not found:
            continue
        site, head = found.group("site").strip(), found.group("head").strip()
        if sitename and _key(site) == _key(sitename):
            return head, site
        if guess and len(site.split()) <= 5 and len(site) < len(head):
            return head, site
    return title, None


def _title_site(soup: BeautifulSoup) -> str | None:
    """Return the site's name as the page's <title> gives it ("Dale Valley Times | Village café ...")."""
    title_tag = soup.find("title")
    title = _plain(title_tag.get_text(" ")) if title_tag else None
    return _strip_site_name(title, None, guess=True)[1] if title else None


def _choose_headline(soup: BeautifulSoup, metas: dict[str, str], sitename: str | None, fallback: str | None,
                     hint_cache: dict[int, frozenset[str]]) -> tuple[str | None, Tag | None]:
    """Return the headline and the <h1> it came from: the article's h1, else og:title, else <title>."""
    meta_title = _meta(metas, "og:title", "twitter:title")
    if meta_title:
        meta_title = _strip_site_name(meta_title, sitename, guess=False)[0]
    candidates: list[tuple[str, Tag]] = []
    for h1 in _tags(soup, {"h1"}):
        text = _clean_text(h1.get_text(" "))
        if not text or len(text) > 300:
            continue
        if any(tag.name in ("nav", "footer") for tag in _ancestors(h1, None)):
            continue
        if _hints(h1, hint_cache) & _BRAND_HINTS or (h1.parent and _hints(h1.parent, hint_cache) & _BRAND_HINTS):
            continue  # a site's name set as an <h1> in its masthead
        candidates.append((text, h1))
    if meta_title:
        scored = sorted(candidates, key=lambda c: _similarity(c[0], meta_title), reverse=True)
        if scored and _similarity(scored[0][0], meta_title) >= 0.5:
            return scored[0]
        return meta_title, None
    if candidates:
        return candidates[0]
    title_tag = soup.find("title")
    title = _plain(title_tag.get_text(" ")) if title_tag else None
    if title:
        return _strip_site_name(title, sitename, guess=True)[0], None
    return _plain(fallback), None


def _names(names: list[str]) -> str | None:
    """Join names as a byline reads: "A", "A and B", "A, B and C"."""
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _role_in(names: str) -> bool:
    """Say whether a byline's names hold a job title ("Local Government Reporter") rather than
    names. An outlet's staff credit is a byline: "Al Jazeera Staff and AFP", "Reuters Staff"."""
    roles = [role.lower() for role in _ROLE_WORDS.findall(names)]
    if roles and set(roles) == {"staff"}:
        return not re.search(r"\b[A-Z][\w&.'’-]*", re.sub(r"\bStaff\b", "", names))
    return bool(roles)


def _byline_from_author(author: str | None) -> str | None:
    """Return trafilatura's author field as a byline, without job titles ("Local Government Reporter")."""
    if not author:
        return None
    names: list[str] = []
    for part in re.split(r"\s*;\s*", author):
        part = re.sub(r"^by\s+", "", _clean_text(part), flags=re.IGNORECASE)
        if part and not _role_in(part) and not re.search(r"\d", part) and len(part.split()) <= 6:
            if part not in names:
                names.append(part)
    return _names(names)


def _byline_from_line(text: str) -> str | None:
    """Return the names in a visible "By Jane Smith, Political Correspondent" line."""
    found = _BYLINE_LINE.match(text)
    if not found or len(text) > 100:
        return None
    names = re.split(r"\s*(?:,|\||·|•|\s[-–—]\s|\bin\s+[A-Z]|\bfor\s+[A-Z])", found.group(1))[0].strip()
    if not names or _role_in(names) or len(names.split()) > 10:
        return None
    return names


def _stated_url(soup: BeautifulSoup, metas: dict[str, str]) -> str | None:
    """Return the URL the page gives for itself: <link rel="canonical">, else og:url."""
    for link in _tags(soup, {"link"}):
        if link.has_attr("href") and "canonical" in [str(rel).lower() for rel in link.get("rel") or []]:
            return str(link["href"]).strip() or None
    return _meta(metas, "og:url")


def _canonical_url(stated: str | None, found: str | None, given: str | None) -> str | None:
    """Return the page's stated URL when it is a web address, made absolute, else the given one.

    trafilatura's own answer (found) comes second: it resolves a relative canonical link only
    against an og: URL, and otherwise gives back the URL it was given.
    """
    for candidate in (stated, found, given):
        if not candidate:
            continue
        absolute = urljoin(given, candidate) if given else candidate
        if urlsplit(absolute).scheme in ("http", "https") and urlsplit(absolute).netloc:
            return absolute
    return None


# --- choosing and classifying the blocks -------------------------------------------------------


def _match(leaves: list[_Leaf], body: _Body) -> None:
    for leaf in leaves:
        key = _key(leaf.text)
        leaf.matched = key in body.segments or (len(key) >= 20 and key in body.joined)


def _char_counts(leaves: list[_Leaf]) -> dict[int, list[int]]:
    """Return, for every element, the matched and the total characters of text inside it."""
    counts: dict[int, list[int]] = {}
    for leaf in leaves:
        for tag in _ancestors(leaf.owner, None):
            entry = counts.setdefault(id(tag), [0, 0])
            entry[1] += len(leaf.text)
            if leaf.matched:
                entry[0] += len(leaf.text)
    return counts


def _container(leaves: list[_Leaf], counts: dict[int, list[int]]) -> Tag | None:
    """Return the deepest element holding at least 80% of the text that trafilatura kept."""
    total = sum(len(leaf.text) for leaf in leaves if leaf.matched)
    if not total:
        return None
    best: Tag | None = None
    best_depth = -1
    for leaf in leaves:
        if not leaf.matched:
            continue
        chain = _ancestors(leaf.owner, None)
        for depth_from_leaf, tag in enumerate(chain):
            if counts[id(tag)][0] >= 0.8 * total:
                depth = len(chain) - depth_from_leaf
                if depth > best_depth:
                    best, best_depth = tag, depth
                break
    # A single paragraph is not a container: the furniture around it would fall outside.
    while best is not None and best.name in _PARAGRAPH_TAGS and best.parent is not None:
        best = best.parent
    return best


class _Classifier:
    """Give each block of text inside the article's container a kind, or drop it."""

    def __init__(self, container: Tag, counts: dict[int, list[int]], body: _Body,
                 headline: str | None, headline_tag: Tag | None, hint_cache: dict[int, frozenset[str]]):
        self.container = container
        self.counts = counts
        self.body = body
        self.headline_key = _key(headline) if headline else None
        self.headline_tag = headline_tag
        self.hint_cache = hint_cache
        self.link_boxes: dict[int, bool] = {}

    def _small(self, tag: Tag) -> bool:
        return self.counts.get(id(tag), (0, 0))[1] <= _SMALL_BOX

    def _mostly_unmatched(self, tag: Tag) -> bool:
        matched, total = self.counts.get(id(tag), (0, 0))
        return matched < 0.5 * max(1, total)

    def dropped(self, leaf: _Leaf, stop: Tag | None) -> bool:
        """Whether the block sits in navigation, a sidebar, a caption, comments or a cookie banner.

        What class names alone mark for dropping (a video's caption, a share bar) still keeps a
        line that reads as recognised furniture ("Watch: ...", "Follow us on ..."), for clutter.
        """
        marked = self._marked(leaf, stop)
        return marked == "tag" or (marked == "hint" and not _CLUTTER.match(leaf.text))

    def _marked(self, leaf: _Leaf, stop: Tag | None) -> str | None:
        hinted = None
        for tag in _ancestors(leaf.owner, stop):
            hints = _hints(tag, self.hint_cache)
            if tag.name in ("blockquote", "q") or hints & _QUOTE_HINTS:
                continue
            if tag.name in _DROP_TAGS or str(tag.get("role") or "").lower() in _DROP_ROLES:
                return "tag"
            # Class names are only a hint: a "sidebar" or "footer" that holds text trafilatura kept
            # as the story (a live post in a "timeline") is the story. A small one (an author's
            # bio line, a caption) is furniture even when trafilatura kept it.
            if (tag.name == "footer" or hints & _DROP_HINTS) and (
                self._mostly_unmatched(tag) or self._small(tag)
            ):
                hinted = "hint"
        return hinted

    def furniture(self, leaf: _Leaf) -> Tag | None:
        """Return the ad, promotion or paywall box holding the block, if trafilatura rejected that box."""
        box = None
        for tag in _ancestors(leaf.owner, self.container):
            if _hints(tag, self.hint_cache) & _FURNITURE_HINTS and self._mostly_unmatched(tag):
                box = tag
        return box

    def is_clutter(self, leaf: _Leaf) -> bool:
        if len(leaf.text) > _CLUTTER_MAX:
            return False
        return bool(_CLUTTER.match(leaf.text)) or self.furniture(leaf) is not None

    def is_link_box(self, leaf: _Leaf) -> bool:
        """Whether the block belongs to a list of links (related stories) rather than a line of text."""
        box = self.furniture(leaf)
        if box is None:
            return False
        if id(box) not in self.link_boxes:
            links = list(_tags(box, {"a"}))
            text = _clean_text(box.get_text(" "))
            link_text = sum(len(_clean_text(a.get_text(" "))) for a in links)
            self.link_boxes[id(box)] = len(links) >= 3 and link_text >= 0.7 * max(1, len(text))
        return self.link_boxes[id(box)]

    def is_quotation(self, leaf: _Leaf) -> bool:
        for tag in _ancestors(leaf.owner, self.container):
            if tag.name in ("blockquote", "q") or _hints(tag, self.hint_cache) & _QUOTE_HINTS:
                return True
        return _key(leaf.text) in self.body.quotes

    def is_summary(self, leaf: _Leaf, stop: Tag | None) -> bool:
        return any(_hints(tag, self.hint_cache) & _SUMMARY_HINTS for tag in _ancestors(leaf.owner, stop))

    def is_headline(self, leaf: _Leaf) -> bool:
        if self.headline_tag is not None and _within(leaf.owner, self.headline_tag):
            return True
        return leaf.owner.name == "h1" or (self.headline_key is not None and _key(leaf.text) == self.headline_key)

    def in_list_item(self, leaf: _Leaf) -> bool:
        return any(tag.name == "li" for tag in _ancestors(leaf.owner, self.container))

    def classify(self, leaves: list[_Leaf]) -> list[Block]:
        """Return the blocks of the container's leaves, in page order."""
        blocks: list[Block] = []
        pending: list[Block] = []  # headings and live-post times, kept once story text follows
        paragraph_seen = body_seen = False
        live_blog = sum(1 for leaf in leaves if _TIME_LINE.match(leaf.text)) >= 2
        for leaf in leaves:
            if self.is_headline(leaf) or self.dropped(leaf, self.container):
                continue
            if self.is_clutter(leaf):
                if not self.is_link_box(leaf):
                    pending.clear()
                    blocks.append(Block(BlockKind.CLUTTER, leaf.text))
                continue
            if leaf.link_density >= 0.8:
                continue  # "« Back to Local News | Print this story", a tag list, a lone link
            if leaf.matched:
                if not body_seen and (_byline_from_line(leaf.text) or _is_date_line(leaf.text)):
                    continue  # an old layout's byline and dateline, which trafilatura keeps
                if self.is_quotation(leaf):
                    kind = BlockKind.QUOTATION
                elif self.is_summary(leaf, self.container) or (self.in_list_item(leaf) and not paragraph_seen):
                    kind = BlockKind.SUMMARY
                elif leaf.owner.name not in _HEADINGS and _is_wholly_quoted(leaf.text):
                    kind = BlockKind.QUOTATION
                else:
                    kind = BlockKind.PARAGRAPH
            elif self.is_quotation(leaf):
                kind = BlockKind.QUOTATION  # a pull quote that trafilatura left out
            elif self.is_summary(leaf, self.container) and not paragraph_seen:
                kind = BlockKind.SUMMARY
            elif leaf.owner.name in _HEADINGS or (live_blog and _TIME_LINE.match(leaf.text)):
                pending.append(Block(BlockKind.PARAGRAPH, leaf.text))
                continue
            else:
                continue
            blocks.extend(pending)
            pending.clear()
            blocks.append(Block(kind, leaf.text))
            body_seen = True
            paragraph_seen = paragraph_seen or kind is BlockKind.PARAGRAPH
        return blocks

    def standfirst(self, before: list[_Leaf], scope: Tag | None, description: str | None) -> list[Block]:
        """Return summary blocks between the headline and the container: a standfirst, key points."""
        blocks: list[Block] = []
        description_key = _key(description) if description else None
        for leaf in before:
            if self.is_headline(leaf) or self.dropped(leaf, scope) or leaf.link_density >= 0.5:
                continue
            if len(leaf.text) <= _CLUTTER_MAX and _CLUTTER.match(leaf.text):
                continue
            if self.is_summary(leaf, scope) or _key(leaf.text) == description_key:
                blocks.append(Block(BlockKind.SUMMARY, leaf.text))
        return blocks


def _blocks_from_tree(body: _Body, headline: str | None) -> list[Block]:
    """Return blocks from trafilatura's own body when the page's blocks could not be matched to it."""
    blocks: list[Block] = []
    headline_key = _key(headline) if headline else None
    if body.tree is None:
        return blocks
    paragraph_seen = False
    for element in body.tree.iter():
        if not isinstance(element.tag, str):
            continue
        if any(isinstance(child.tag, str) and child.tag in _TREE_BLOCKS for child in element):
            continue
        text = _clean_text("".join(element.itertext()))
        if not text or _key(text) == headline_key:
            continue
        ancestors = {ancestor.tag for ancestor in element.iterancestors()}
        if len(text) <= _CLUTTER_MAX and _CLUTTER.match(text):
            kind = BlockKind.CLUTTER
        elif ancestors & {"quote", "blockquote"} or element.tag in ("quote", "blockquote"):
            kind = BlockKind.QUOTATION
        elif element.tag in ("item", "li") and not paragraph_seen:
            kind = BlockKind.SUMMARY
        else:
            kind = BlockKind.PARAGRAPH
            paragraph_seen = True
        blocks.append(Block(kind, text))
    return blocks


def _common_ancestor(first: Tag, second: Tag) -> Tag | None:
    seen = {id(tag) for tag in _ancestors(first, None)}
    return next((tag for tag in _ancestors(second, None) if id(tag) in seen), None)


# --- the whole -----------------------------------------------------------------------------------


def _article_blocks(
    soup: BeautifulSoup, body: _Body, metas: dict[str, str], headline: str | None, headline_tag: Tag | None,
    hint_cache: dict[int, frozenset[str]],
) -> tuple[list[Block], str | None]:
    """Return the article's blocks (without the headline) and any visible "By ..." line's names."""
    leaves = _page_leaves(soup.body or soup)
    _match(leaves, body)
    counts = _char_counts(leaves)
    container = _container(leaves, counts)
    if container is None:
        return _blocks_from_tree(body, headline), None

    classifier = _Classifier(container, counts, body, headline, headline_tag, hint_cache)
    inside = [leaf for leaf in leaves if _within(leaf.owner, container)]
    blocks: list[Block] = []
    # A standfirst or key points between the headline and the container (in the article's header).
    headline_index = next(
        (leaf.index for leaf in leaves if headline_tag is not None and _within(leaf.owner, headline_tag)), None
    )
    if headline_tag is not None and headline_index is not None and inside:
        scope = _common_ancestor(headline_tag, container)
        before = [leaf for leaf in leaves[headline_index + 1:inside[0].index]
                  if scope is not None and _within(leaf.owner, scope)]
        blocks.extend(classifier.standfirst(before, scope, _meta(metas, "og:description", "description")))
    blocks.extend(classifier.classify(inside))

    # An old layout's visible "By Tom Hale, Village Correspondent", before the story starts.
    story_start = next((leaf.index for leaf in inside if leaf.matched and len(leaf.text) >= 120), len(leaves))
    byline = next((found for leaf in leaves[:story_start] if (found := _byline_from_line(leaf.text))), None)
    return blocks, byline


# An opening tag: what a parser would make an element of, counted without parsing.
_START_TAG = re.compile(r"<[A-Za-z]")


def count_elements(text: str) -> int:
    """Count the page's start tags, an upper bound on its elements, in one pass of a regex.

    Tags inside scripts and comments count too: the bound only decides whether a page is too big
    to read, and a page is refused for being large, never read wrongly.
    """
    return sum(1 for _ in _START_TAG.finditer(text))


def _stated_date(date: str | None, page: str) -> str | None:
    """Return htmldate's date unless it is a year alone made into 1 January: a page with no date
    of its own and "2018" somewhere in its text is not dated 2018-01-01. A page that states
    1 January (in its metadata or its text) keeps it."""
    if not date or not date.endswith("-01-01"):
        return date or None
    stated = rf"{re.escape(date)}|\b(?:Jan(?:uary|\.)?\s+0?1(?:st)?|0?1(?:st)?\s+Jan(?:uary|\.)?)\b|{date[:4]}[/.]0?1[/.]0?1\b|\b0?1[/.]0?1[/.]{date[:4]}"
    return date if re.search(stated, page, re.IGNORECASE) else None


def extract_html(html: str | bytes, url: str | None = None, max_elements: int | None = None) -> ExtractedArticle:
    """Extract the article from a web page's HTML (bytes are decoded as a browser would).

    Raises ExtractionError with a message for the person importing the page when the input is not
    a web page, has more than ``max_elements`` elements, or holds no article text. ``url`` is where
    the page came from, if known: it helps trafilatura, makes a relative canonical URL absolute,
    and is the article's URL when the page states none. The time this takes grows faster than the
    page; callers that serve requests run it through quiz.bounded.
    """
    text = _check_is_page(_decode(html) if isinstance(html, bytes) else html)
    if max_elements is not None and count_elements(text) > max_elements:
        raise ExtractionError(
            f"That page has more than {max_elements:,} HTML elements, too many to read."
            " Paste the article's text instead."
        )
    # trafilatura reads the page as given, JSON-LD metadata included (a <script> of data that is
    # never run); it only ever returns text. The page that is walked is the sanitised copy.
    document = _run_trafilatura(text, url)
    soup = BeautifulSoup(text, "lxml")
    removed = _sanitise(soup)
    if document is None or document.body is None:
        raise ExtractionError("No article text found in that page.")

    metas = _metas(soup)
    sitename = _plain(document.sitename) or _title_site(soup)
    hint_cache: dict[int, frozenset[str]] = {}
    headline, headline_tag = _choose_headline(soup, metas, sitename, document.title, hint_cache)
    blocks, visible_byline = _article_blocks(
        soup, _body_segments(document.body), metas, headline, headline_tag, hint_cache
    )
    if not any(block.kind is not BlockKind.CLUTTER for block in blocks):
        raise ExtractionError("No article text found in that page.")
    if headline:
        blocks.insert(0, Block(BlockKind.HEADLINE, headline))
    return ExtractedArticle(
        headline=headline,
        byline=_byline_from_author(_plain(document.author)) or visible_byline,
        date=_stated_date(document.date, text),
        publisher=sitename,
        url=_canonical_url(_stated_url(soup, metas), document.url, url),
        blocks=blocks,
        removed=removed,
    )
