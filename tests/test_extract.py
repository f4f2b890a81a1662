"""Article extraction from HTML: the saved bench pages, small inline pages, refusals and encodings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from quiz import PROJECT_ROOT
from quiz.articles.text import Block, BlockKind
from quiz.authoring.extract import ExtractedArticle, ExtractionError, count_elements, extract_html

PAGES = PROJECT_ROOT / "bench" / "pages"
PAGE_NAMES = sorted(path.parent.name for path in PAGES.glob("*/source.html"))

H, S, P, Q, C = BlockKind.HEADLINE, BlockKind.SUMMARY, BlockKind.PARAGRAPH, BlockKind.QUOTATION, BlockKind.CLUTTER

STORY = (
    "<p>The council approved the new budget on Monday after a debate that lasted late into the evening, officials said.</p>"
    "<p>Opposition members said the plan would cut services for older residents and raise fees for parking in the centre.</p>"
    "<p>The mayor welcomed the vote and promised a review next spring of every change that the budget makes.</p>"
)


def page(name: str) -> ExtractedArticle:
    return extract_html((PAGES / name / "source.html").read_bytes())


def expected(name: str) -> dict:
    return json.loads((PAGES / name / "expected.json").read_text(encoding="utf-8"))


def texts(article: ExtractedArticle, kind: BlockKind | None = None) -> list[str]:
    return [block.text for block in article.blocks if kind is None or block.kind is kind]


def kinds(article: ExtractedArticle) -> list[BlockKind]:
    return [block.kind for block in article.blocks]


def all_text(article: ExtractedArticle) -> str:
    return "\n".join(texts(article))


# --- the saved pages -------------------------------------------------------------------------------


def test_there_are_enough_saved_pages():
    assert len(PAGE_NAMES) >= 6
    for name in PAGE_NAMES:
        assert set(expected(name)) == {"headline", "byline", "date", "body"}


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_saved_page_metadata_and_shape(name):
    article, wanted = page(name), expected(name)
    assert article.headline == wanted["headline"]
    assert article.byline == wanted["byline"]
    assert article.date == wanted["date"]
    assert article.blocks[0] == Block(H, wanted["headline"])
    assert H not in kinds(article)[1:]
    for block in article.blocks:
        # Plain text, normalised: no markup, no line breaks, no doubled spaces.
        assert block.text == " ".join(block.text.split())
        assert "<" not in block.text or "<" in wanted["body"]
    wanted_paragraphs = wanted["body"].split("\n\n")
    assert article.body_text.split("\n\n") == wanted_paragraphs


def test_byline_box_page():
    article = page("byline-box")
    assert article.publisher == "The Northern Courier"
    assert article.url == "https://www.northerncourier.example/environment/2024/mar/14/water-company-fined-sewage-river-ley"
    assert article.blocks[1].kind is S  # the standfirst, above the byline box
    assert Block(P, "‘A catalogue of failures’") in article.blocks  # a subheading, not a quotation
    assert [text[:20] for text in texts(article, Q)] == ["“This was not a frea"]
    text = all_text(article)
    for furniture in ("Share on Facebook", "Environment correspondent", "Photograph:", "riverwatcher77",
                      "Most viewed", "Bus fares frozen", "Spotted an error", "All rights reserved"):
        assert furniture not in text


def test_related_links_aside_and_sidebar_are_dropped():
    article = page("related-aside")
    text = all_text(article)
    for dropped in ("Related", "What a year of four-day weeks", "Latest news", "Morning Brief",
                    "About Marcus Webb", "Share this", "Local Government Reporter", "Posted in"):
        assert dropped not in text
    # The one-line "Read more:" inside the story is kept, as clutter, where it stands.
    read_more = texts(article).index("Read more: Permit backlog stretches to 14 weeks as staff shortage bites")
    assert article.blocks[read_more].kind is C
    assert article.blocks[read_more - 1].kind is P and article.blocks[read_more + 1].kind is P


def test_inline_ads_are_clutter_between_paragraphs():
    article = page("inline-ads")
    assert kinds(article)[:6] == [H, P, P, C, C, P]
    assert texts(article, C) == [
        "Advertisement",
        "Story continues below advertisement",
        "Advertisement",
        "Sponsored",
        "This £29 gadget is making home security companies nervous",
    ]
    # The pull quote is a quotation of the story; the rail's ad and the sponsored feed are gone.
    assert texts(article, Q) == ["“People put these cameras up to feel safer, not to have strangers watching their front gardens.”"]
    text = all_text(article)
    for dropped in ("Most Read", "Doctors baffled", "You may also like", "(Image: Getty Images)"):
        assert dropped not in text
    assert article.removed == {"scripts": 2}


def test_cookie_banner_is_dropped_and_newsletter_kept_as_clutter():
    article = page("cookie-banner")
    text = all_text(article)
    for dropped in ("We value your privacy", "143 partners", "Accept all", "Manage preferences", "Tide times",
                    "More from Coastal Gazette", "Registered in Scotland"):
        assert dropped not in text
    assert texts(article, C) == [
        "Sign up to our free Coast Today newsletter for the biggest stories from around the coast, every morning."
    ]
    assert kinds(article) == [H, P, P, P, C, P, P, P, P]


def test_paywall_prompt_is_clutter_after_the_teaser():
    article = page("paywall-teaser")
    # “...?” said Rebecca Lin. “...” is a paragraph that quotes, not a quotation block.
    assert kinds(article)[:5] == [H, S, P, P, P]
    clutter = texts(article, C)
    assert clutter[0] == "Subscribe to continue reading"
    assert "Already a subscriber? Sign in" in clutter
    assert set(kinds(article)[5:]) == {C}
    assert "Recommended" not in all_text(article)


def test_live_blog_keeps_times_and_post_titles():
    article = page("live-blog")
    assert texts(article)[1:4] == [
        "02:41",
        "Labour takes control of Ashford Vale",
        "Labour has won a majority on Ashford Vale district council, taking 11 seats from the Conservatives, "
        "who had run the authority since 2007.",
    ]
    assert texts(article, C) == ["Advertisement"]
    assert "Key events" not in all_text(article)
    assert "Older posts" not in all_text(article)
    assert article.byline == "Sam Okafor and Lena Fischer"


def test_scripts_and_handlers_are_counted_and_absent():
    article = page("scripts-handlers")
    assert article.removed == {
        "scripts": 4,
        "noscript blocks": 1,
        "style sheets": 1,
        "iframes": 2,
        "objects and embeds": 2,
        "event handlers": 12,
        "javascript URLs": 5,
    }
    text = all_text(article)
    for active in ("dataLayer", "gtm", "track(", "javascript", "alert", "document.cookie", "evil.example", "font-family"):
        assert active not in text
    assert "“I felt sick reading it,”" in text  # the text of a javascript: link is story text


def test_standfirst_list_and_trailing_furniture():
    article = page("standfirst-list")
    assert kinds(article)[:5] == [H, S, S, S, P]
    assert texts(article, C) == [
        "NOW WATCH: How gig economy apps decide what workers earn",
        "SEE ALSO: Amazon Flex drivers say the company is using their tips to cover base pay",
    ]
    assert kinds(article)[-2:] == [C, C]
    assert "Trending on Business Wire Daily" not in all_text(article)


def test_legacy_windows_1252_table_layout():
    article = page("legacy-encoding")
    assert article.headline == "Village café wins national award for community work"
    assert article.publisher == "Dale Valley Times"
    assert article.byline == "Tom Hale"
    assert "Run by sisters Marianne and Joëlle Lacroix since 2004" in article.blocks[2].text
    assert "“keeping the heart of the village beating”" in all_text(article)
    text = all_text(article)
    for dropped in ("Local News", "Births, Marriages", "Weather:", "Print this story", "By Tom Hale", "Friday, October 2"):
        assert dropped not in text


def test_logo_h1_and_author_bio():
    article = page("div-paragraphs")
    assert article.headline == "Astronomers spot water vapour around distant rocky planet"  # not the logo's <h1>
    assert texts(article, C) == ["Watch: How Webb reads the light from other worlds", "Most popular"]
    text = all_text(article)
    for dropped in ("is Signal Science’s space correspondent", "The one habit", "Topics:"):
        assert dropped not in text


def test_opinion_column_title_with_author_suffix():
    article = page("opinion-column")
    # og:title carries "| Alex Rivera"; the <h1> is the headline.
    assert article.headline == "We keep building car parks for a town that has stopped driving"
    assert article.blocks[2].text.startswith("There is a particular kind of optimism")  # drop cap rejoined
    assert article.url is None  # the page states no canonical URL and none was given
    assert "Join the discussion" not in all_text(article)


# --- small pages -------------------------------------------------------------------------------------


def test_clutter_inside_the_body_is_kept_and_outside_it_dropped():
    html = (
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        "<main><article><h1>Budget passed after long debate</h1>" + STORY[:-4]
        + "<p>Advertisement</p><p>Read more: <a href='/x'>How the budget works</a></p>"
        "<p>Officials will publish the full figures on the council website by the end of next week.</p>"
        "<p>NOW WATCH: What the budget means for you</p></article>"
        "<aside><p>Advertisement</p><h3>Related</h3><ul><li><a href='/a'>Parking fees rise</a></li>"
        "<li><a href='/b'>Bus routes cut</a></li><li><a href='/c'>Library hours</a></li></ul></aside></main>"
        "<footer><p>Sign up for our newsletter</p><p>Copyright 2024 Town News</p></footer></body></html>"
    )
    article = extract_html(html)
    assert kinds(article) == [H, P, P, P, C, C, P, C]
    assert texts(article, C) == ["Advertisement", "Read more: How the budget works", "NOW WATCH: What the budget means for you"]
    text = all_text(article)
    for dropped in ("Home", "News", "Related", "Parking fees rise", "Sign up", "Copyright"):
        assert dropped not in text


def test_navigation_menus_and_hidden_elements_are_dropped():
    html = (
        "<html><body><header><ul class='menu'><li><a href='/'>Front page</a></li><li><a href='/w'>World</a></li></ul></header>"
        "<div class='breadcrumbs'><a href='/'>Home</a> › <a href='/local'>Local</a></div>"
        "<article><h1>Budget passed</h1>" + STORY
        + "<p hidden>Secret tracking text that nobody sees</p><p style='display: none'>Also invisible to readers</p>"
        "</article><div id='cookie-notice'><p>We use cookies to improve your experience on our website.</p></div></body></html>"
    )
    article = extract_html(html)
    assert kinds(article) == [H, P, P, P]
    text = all_text(article)
    for dropped in ("Front page", "World", "Home", "Secret tracking", "invisible", "cookies"):
        assert dropped not in text


def test_active_content_is_counted_and_never_output():
    html = (
        "<html><head><script>var stolen = document.cookie;</script><style>p { color: red }</style></head>"
        "<body onload=\"boot()\"><article><h1 onclick=\"h()\">Budget passed</h1>"
        "<p onmouseover=\"steal()\">The council approved the new budget on Monday after a debate that lasted late into the evening. "
        "<a href=\"javascript:alert('x')\">Details</a> <a href=\" JaVa&#x09;ScRiPt:evil()\">More</a></p>"
        "<script>document.write('<p>Injected paragraph from a script</p>')</script>"
        "<iframe src=\"https://ads.example/frame\"></iframe><object data=\"x.swf\"></object><embed src=\"y.swf\">"
        "<img src=\"x.png\" onerror=\"alert(1)\"><svg onload=\"alert(2)\"><script>alert(3)</script></svg>"
        "<noscript><p>Please enable JavaScript</p></noscript>" + STORY + "</article></body></html>"
    )
    article = extract_html(html)
    assert article.removed == {
        "scripts": 3,
        "style sheets": 1,
        "event handlers": 5,
        "javascript URLs": 2,
        "iframes": 1,
        "objects and embeds": 2,
        "noscript blocks": 1,
    }
    text = all_text(article)
    for active in ("stolen", "color: red", "Injected paragraph", "alert", "steal", "enable JavaScript", "boot"):
        assert active not in text
    assert "Details More" in text  # link text stays; the javascript: target goes


def test_pull_quote_summary_list_and_subheading():
    html = (
        "<html><body><article><h1>Budget passed</h1><div class='body'>"
        "<ul><li>The council passed the budget on Monday.</li><li>Parking fees will rise in the centre.</li></ul>"
        + STORY
        + "<aside class='pull-quote'><p>“We had no other choice this year”</p></aside>"
        "<h2>What happens next</h2>"
        "<p>The budget takes effect in April, when the new parking charges will also begin to apply.</p>"
        "<blockquote><p>We had no other choice this year, given what the government has cut.</p></blockquote>"
        "<p>“Nobody wanted to raise fees,” said the mayor.</p>"
        "<p>“It was the only way to balance the books.”</p>"
        "</div></article></body></html>"
    )
    article = extract_html(html)
    assert kinds(article) == [H, S, S, P, P, P, Q, P, P, Q, P, Q]
    assert texts(article, Q)[0] == "“We had no other choice this year”"
    assert Block(P, "What happens next") in article.blocks


def test_line_breaks_in_an_old_layout_separate_paragraphs():
    html = (
        "<html><head><title>Budget passed :: Town News</title></head><body><table><tr><td class='story'>"
        "<b>Budget passed</b><br>By Ann Lee, Staff Writer<br>March 3, 2004<hr>"
        "The council approved the new budget on Monday after a debate that lasted late into the evening.<br><br>"
        "Opposition members said the plan would cut services for older residents and raise parking fees.<br><br>"
        "The mayor welcomed the vote and promised a review next spring of every change.</td></tr></table></body></html>"
    )
    article = extract_html(html)
    assert article.headline == "Budget passed"
    assert article.byline == "Ann Lee"
    assert article.date == "2004-03-03"
    assert kinds(article) == [H, P, P, P]


def test_an_outlets_staff_credit_is_a_byline():
    """"By Al Jazeera Staff and AFP" says who wrote the story (no "this article names no author"),
    where "By Staff Reporter" gives no name."""
    from quiz.authoring.extract import _byline_from_line

    html = (
        "<html><head><title>Families leave the camp</title></head><body><table><tr><td class='story'>"
        "<b>Families leave the camp</b><br>By Harbour Gazette Staff and AFP<br>March 3, 2004<hr>"
        "More than 300 families left the camp on Monday after a week of heavy rain flooded the field.<br><br>"
        "Volunteers said buses would run again on Tuesday for those who had stayed behind overnight.<br><br>"
        "The city council said it would open two school halls for anyone with nowhere else to go.</td></tr></table></body></html>"
    )
    assert extract_html(html).byline == "Harbour Gazette Staff and AFP"
    assert _byline_from_line("By Reuters Staff") == "Reuters Staff"
    assert _byline_from_line("By Staff Reporter") is None and _byline_from_line("By Staff") is None


def test_a_year_in_the_text_is_no_publication_date():
    """htmldate's extensive search makes "2018" in an undated page's text into 2018-01-01: that is
    no date the page gives (a relative "last week" would be counted from it)."""
    body = "".join(f"<p>Paragraph {n}: the tariffs imposed in 2018 are still in force, officials said on the record again today.</p>" for n in range(6))
    undated = extract_html(f"<html><head><title>Tariff talks</title></head><body><article><h1>Tariff talks</h1>{body}</article></body></html>")
    assert undated.date is None
    dated = extract_html(
        "<html><head><title>Tariff talks</title><meta property='article:published_time' content='2018-01-01T09:00:00Z'></head>"
        f"<body><article><h1>Tariff talks</h1>{body}</article></body></html>"
    )
    assert dated.date == "2018-01-01"


def test_text_is_normalised():
    html = (
        "<html><body><article><h1>  Caf\u0065\u0301   owners\n celebrate </h1>"
        "<p>The   cafe\u0301 owners\u00a0said\n\n the award\u200b was a surprise to everyone who works there every day.</p>"
        "<p>They   plan   to spend the\tprize on a new entrance and a small library corner for children.</p>"
        "</article></body></html>"
    )
    article = extract_html(html)
    assert article.headline == "Café owners celebrate"
    assert article.blocks[1].text == "The café owners said the award was a surprise to everyone who works there every day."
    assert article.blocks[2].text == "They plan to spend the prize on a new entrance and a small library corner for children."


def with_head(head: str, body: str = "") -> str:
    return f"<html><head>{head}</head><body><article>{body}{STORY}</article></body></html>"


def test_headline_prefers_h1_then_og_title_then_title():
    og = "<meta property='og:title' content='Budget passed, mayor says'>"
    assert extract_html(with_head("<title>Site | Title tag</title>" + og, "<h1>Budget passed, mayor says</h1>")).headline == (
        "Budget passed, mayor says"
    )
    # No <h1>: og:title, not the <title>.
    og_only = with_head("<title>Budget: a title tag | Town News</title>" + og)
    assert extract_html(og_only).headline == "Budget passed, mayor says"
    # A site's logo set as an <h1> is not the headline.
    logo = with_head(og, "<h1 class='site-logo'>Town News</h1>")
    assert extract_html(logo).headline == "Budget passed, mayor says"
    # Only a <title>: its " | Site name" goes, and the site's name is the publisher.
    article = extract_html(with_head("<title>Budget passed after long debate | Town News</title>"))
    assert article.headline == "Budget passed after long debate"
    assert article.blocks[0] == Block(H, "Budget passed after long debate")
    assert article.publisher == "Town News"


def test_canonical_url():
    relative = with_head("<link rel='canonical' href='/news/budget'>", "<h1>Budget</h1>")
    assert extract_html(relative, url="https://town.example/amp/budget?x=1").url == "https://town.example/news/budget"
    none_stated = with_head("", "<h1>Budget</h1>")
    assert extract_html(none_stated).url is None
    assert extract_html(none_stated, url="https://town.example/budget").url == "https://town.example/budget"
    hostile = with_head("<link rel='canonical' href='javascript:alert(1)'>", "<h1>Budget</h1>")
    assert extract_html(hostile).url is None


def test_metadata_from_json_ld():
    html = (
        "<html><head><script type='application/ld+json'>"
        '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Budget passed",'
        '"datePublished":"2021-06-30T09:00:00Z","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"},{"@type":"Person","name":"Cy Diaz"}],'
        '"publisher":{"@type":"Organization","name":"Town News"}}'
        "</script></head><body><article><h1>Budget passed</h1>" + STORY + "</article></body></html>"
    )
    article = extract_html(html)
    assert (article.byline, article.date, article.publisher) == ("Ann Lee, Bo Chen and Cy Diaz", "2021-06-30", "Town News")
    assert article.removed == {"scripts": 1}  # the JSON-LD block is read for metadata, then removed


# --- what is not a page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "a ZIP archive or office document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "an image"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "a compressed file"),
        (b"<html><body>\x00\x01\x02\x03</body></html>", "binary data"),
        (bytes(range(1, 256)) * 40, "binary data"),
        (b'{"title": "Budget", "body": "<p>The council approved the budget.</p>"}', "JSON data"),
        (b"[1, 2, 3]", "JSON data"),
        (b"Budget passed\n\nThe council approved the new budget on Monday.", "plain text"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><item><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>', "an XML document or feed"),
    ],
)
def test_refuses_what_is_not_a_web_page(data, looks_like):
    with pytest.raises(ExtractionError) as refused:
        extract_html(data)
    assert str(refused.value) == f"That file is not a web page (it looks like {looks_like})."


def test_refuses_a_page_with_more_elements_than_allowed_before_reading_it():
    html = f"<html><head><title>Budget</title></head><body><article><h1>Budget passes</h1>{STORY}</article></body></html>"
    assert count_elements(html) == 9  # html, head, title, body, article, h1 and three paragraphs
    assert len(extract_html(html, max_elements=9).blocks) == 4
    with pytest.raises(ExtractionError) as refused:
        extract_html(html.encode(), max_elements=8)
    assert str(refused.value) == "That page has more than 8 HTML elements, too many to read. Paste the article's text instead."


def test_refuses_binary_junk_given_as_text():
    with pytest.raises(ExtractionError, match=r"it looks like binary data"):
        extract_html("<html>" + "".join(chr(code) for code in range(1, 32)) * 50 + "</html>")


def test_refuses_empty_and_articleless_pages():
    with pytest.raises(ExtractionError, match="^That file is empty.$"):
        extract_html(b"  \n ")
    for html in (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><script>renderApp()</script><div id='root'></div></body></html>",
    ):
        with pytest.raises(ExtractionError, match="^No article text found in that page.$"):
            extract_html(html)


# --- encodings -----------------------------------------------------------------------------------------

ACCENTED = "<html><head>{meta}</head><body><article><h1>Café “crème” at £3</h1><p>The café’s owners said the award was a surprise to everyone who works in the kitchen there.</p><p>They plan to spend the £5,000 prize on a new entrance and a small library corner for children.</p></article></body></html>"


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ("", "utf-8"),  # no declaration: UTF-8 when it decodes as UTF-8
        ("", "cp1252"),  # no declaration, not UTF-8: windows-1252
        ("<meta charset='utf-8'>", "utf-8-sig"),  # a byte-order mark
        ("<meta charset='iso-8859-1'>", "cp1252"),  # read as windows-1252, as browsers do
        ("<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>", "cp1252"),
        ("<meta charset='utf-8'>", "utf-16"),  # a UTF-16 byte-order mark beats the declaration
    ],
)
def test_encodings(meta, encoding):
    article = extract_html(ACCENTED.format(meta=meta).encode(encoding))
    assert article.headline == "Café “crème” at £3"
    assert article.blocks[1].text.startswith("The café’s owners")


def test_declared_japanese_encoding():
    html = "<html><head><meta charset='shift_jis'><title>東京の予算</title></head><body><article><h1>東京都の予算が成立</h1><p>東京都議会は月曜日、新年度の予算案を賛成多数で可決した。高齢者向けのサービスが削減されるとの批判も出ている。</p></article></body></html>"
    article = extract_html(html.encode("shift_jis"))
    assert article.headline == "東京都の予算が成立"
    assert article.blocks[1].text.startswith("東京都議会は月曜日")


def test_xhtml_with_an_xml_declaration():
    html = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><article><h1>Budget passed</h1>' + STORY + "</article></body></html>"
    for data in (html, html.encode("utf-8")):
        assert kinds(extract_html(data)) == [H, P, P, P]


# --- the benchmark -------------------------------------------------------------------------------------


def test_extract_score_on_the_saved_pages():
    result = subprocess.run(
        [sys.executable, "-W", "error", str(PROJECT_ROOT / "bench" / "extract_score.py"), str(PAGES)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    summary = json.loads(lines[-1])
    assert set(summary) == {"pages", "headline_acc", "byline_acc", "body_precision", "body_recall", "body_f1"}
    assert summary["pages"] == len(PAGE_NAMES)
    assert summary["body_f1"] >= 0.9
    for name in PAGE_NAMES:
        assert any(line.startswith(name) for line in lines[:-1])
