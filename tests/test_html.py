"""Tests of the HTML cleaner (cleaners/html.py) and the innerText renderer (cleaners/htmltext.py).

All pages here are synthetic. The dev-set check at the end needs ../shared/benchmark and
skips without it.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from cleaners import clean_html
from cleaners.document import Reason
from cleaners.html import PageContext, _add_sibling_chunks, second_pass
from cleaners.htmltext import decode_html, html_to_text, parse_html

PARAGRAPHS = [
    "The city council voted on Tuesday evening to convert the old tram depot on Harbour Street into "
    "a public library, ending a dispute that had lasted for almost eleven years.",
    "Councillors from all three groups backed the plan after the regional government agreed to pay "
    "for half of the renovation, which engineers estimate will take about two and a half years.",
    "Residents had collected more than four thousand signatures for the project, and several of them "
    "watched the vote from the public gallery, applauding when the result was announced.",
    "The building, a red brick hall from 1902, has stood empty since the last trams were withdrawn. "
    "Its iron roof will be kept, and the former repair pits will become a reading room for children.",
    "Work on the site is due to begin next spring, once the tender for the builders has been decided "
    "and the heritage office has approved the final drawings of the architects.",
]


def article_page(body_extra: str = "") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Old tram depot to become a library | Harbour Gazette</title>
<meta property="og:title" content="Old tram depot to become a library">
<meta name="author" content="Jane Example">
<meta property="article:published_time" content="2021-03-04T18:30:00Z">
<script>var tracking = "do not show this";</script>
<style>.x {{ color: red }}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>
<main><article>
<h1>Old tram depot to become a library</h1>
<p class="byline">By Jane Example</p>
<time datetime="2021-03-04T18:30:00Z">4 March 2021</time>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<figure><img src="depot.jpg" alt="">
<figcaption>The depot on Harbour Street in 1950. <span class="credit">Photo: City Archive</span></figcaption>
</figure>
<div class="article-body">
{paras}
{body_extra}
<div class="newsletter"><p>Sign up for our newsletter</p>
<p>Get the day's top headlines delivered to your inbox every morning.</p>
<form><input type="email"><button>Subscribe</button></form></div>
</div>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Mayor opens new bridge</a></li><li><a href="/b">Harbour festival cancelled</a></li>
<li><a href="/c">Ten best walks along the river</a></li></ul></aside>
</article></main>
<footer><p>© 2021 Harbour Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_article_body_kept_and_furniture_gone():
    doc = clean_html(article_page(), url="https://news.example.com/2021/03/depot-library")
    assert doc.extractor == "html"
    for p in PARAGRAPHS:
        assert p in doc.text
    # paragraphs separated by one blank line
    assert doc.text.count("\n\n") >= len(PARAGRAPHS) - 1
    for furniture in ("Share on", "newsletter", "inbox", "Mayor opens", "Harbour festival", "Home",
                      "All rights reserved", "tracking", "color: red", "Privacy"):
        assert furniture not in doc.text, furniture
    assert doc.images and doc.images[0].caption == "The depot on Harbour Street in 1950."
    assert doc.images[0].credit == "City Archive"
    assert doc.metadata.title and "tram depot" in doc.metadata.title


def test_metadata_from_html():
    doc = clean_html(article_page(), url="https://news.example.com/2021/03/depot-library")
    assert doc.published and doc.published.startswith("2021-03-04")
    assert doc.language == "en"


def test_second_pass_cuts_teaser_list_and_comment_tail():
    blocks = PARAGRAPHS + [
        "More stories",
        "- Mayor opens new bridge",
        "- Harbour festival cancelled",
        "Share this article",
        "12 Comments",
        "Great news for the town, finally something good happens here after all these years.",
    ]
    text, removed = second_pass(blocks)
    assert all(p in text for p in PARAGRAPHS)
    assert "Mayor opens" not in text and "Comments" not in text and "finally something" not in text
    assert "Share this" not in text
    assert removed.get(Reason.TEASER.value, 0) >= 3
    assert removed.get(Reason.COMMENTS.value, 0) >= 2


def test_second_pass_header_and_tail_lines():
    context = PageContext(titles={"old tram depot to become a library"})
    blocks = [
        "Old tram depot to become a library",
        "By Jane Example",
        "March 4, 2021",
        *PARAGRAPHS,
        "Tags",
        "library, harbour, trams, city council",
        "Additional reporting by John Roe; editing by Max Mustermann",
    ]
    text, removed = second_pass(blocks, context)
    assert text == "\n\n".join(PARAGRAPHS)
    assert removed[Reason.TITLE.value] == 1
    assert removed[Reason.BYLINE.value] == 2  # the byline and the contributor credit
    assert removed[Reason.DATELINE.value] == 1
    assert removed[Reason.NAVIGATION.value] == 2


def test_second_pass_keeps_prose_in_other_languages():
    german = [
        "Der Stadtrat hat am Dienstagabend beschlossen, das alte Straßenbahndepot in eine öffentliche "
        "Bibliothek umzubauen, nachdem der Streit darüber fast elf Jahre gedauert hatte.",
        "Die Landesregierung übernimmt die Hälfte der Kosten für den Umbau, der nach Schätzungen der "
        "Ingenieure etwa zweieinhalb Jahre dauern wird.",
        "Mehr als viertausend Anwohner hatten für das Projekt unterschrieben und verfolgten die "
        "Abstimmung von der Besuchertribüne aus.",
    ]
    blocks = german + ["Mehr zum Thema", "- Bürgermeister eröffnet neue Brücke", "- Hafenfest abgesagt",
                       "Mit Material von dpa"]
    text, removed = second_pass(blocks)
    assert text == "\n\n".join(german)
    assert removed[Reason.TEASER.value] >= 3


def test_caption_that_slipped_through_is_removed():
    extra = "<p>The depot on Harbour Street in 1950.</p>"
    doc = clean_html(article_page(extra))
    assert "in 1950" not in doc.text
    assert doc.removed.get(Reason.CAPTION.value, 0) >= 1


def test_article_split_over_sibling_containers_is_joined():
    more = [
        "The second half of the story continues in another container after an advertisement, "
        "as some publishers split long articles into several chunks of the same kind.",
        "Readers expect the whole article, so the extractor has to notice the chunks that share "
        "the class of the one it picked and add their paragraphs in the order of the page.",
        "This third paragraph of the later chunk makes sure there is enough prose in it to count "
        "as article text rather than a teaser or a short box of related links.",
    ]
    chunk1 = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    chunk2 = "".join(f"<p>{p}</p>" for p in more)
    html = f"""<html><head><title>Split story</title></head><body><article><h1>Split story</h1>
    <div class="chunks">
      <div class="row"><div class="body-chunk">{chunk1}</div><div class="rail"><a href="/x">Ad</a></div></div>
      <div class="row"><div class="ad">Advertisement</div></div>
      <div class="row"><div class="body-chunk">{chunk2}</div><div class="rail"><a href="/y">Ad</a></div></div>
    </div></article></body></html>"""
    doc = clean_html(html)
    for p in PARAGRAPHS + more:
        assert p in doc.text
    assert doc.text.index(PARAGRAPHS[-1]) < doc.text.index(more[0])
    # when the extractor returns one chunk only, the others are added in page order
    tree = parse_html(html)
    assert _add_sibling_chunks(tree, list(more)) == PARAGRAPHS + more
    assert _add_sibling_chunks(tree, list(PARAGRAPHS)) == PARAGRAPHS + more
    # a lone container (no sibling of its class) is left alone
    single = parse_html(
        f"<html><body><div class='body-chunk'>{chunk1}</div><div class='other'>{chunk2}</div></body></html>"
    )
    assert _add_sibling_chunks(single, list(PARAGRAPHS)) == PARAGRAPHS
    # the next article of an endless page (its own <article>) is not a chunk of this one
    feed = parse_html(
        f"<html><body><div class='feed'><article><div class='body-chunk'>{chunk1}</div></article>"
        f"<article><h2>Next story</h2><div class='body-chunk'>{chunk2}</div></article></div></body></html>"
    )
    assert _add_sibling_chunks(feed, list(PARAGRAPHS)) == PARAGRAPHS


def test_almost_empty_page_falls_back_to_text_path():
    html = """<html><body><div><span>Menu</span></div>
    <div>Short notice: the ferry timetable changes on Monday, with the first boat leaving at six.</div>
    <div>Tickets bought before the change stay valid until the end of the month.</div>
    </body></html>"""
    doc = clean_html(html)
    assert doc.extractor == "html-fallback"
    assert "ferry timetable" in doc.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<",
        "<html><body><p>unclosed <b>bold <i>italic</p></div></span></table>",
        "<p>" * 5000 + "deep",
        "<div>" * 3000 + "nested" + "</div>" * 3000,
        "no markup at all, just a sentence of text.",
        "<html><body>\x00\x01 nulls</body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
        b"<html><body><p>caf\xc3\xa9 bytes</p></body></html>",
        b"<html><head><meta charset='iso-8859-1'></head><body><p>caf\xe9 latin</p></body></html>",
    ],
)
def test_malformed_input_does_not_raise(html):
    doc = clean_html(html)
    assert isinstance(doc.text, str)


def test_bytes_are_decoded():
    latin1 = b"<html><head><meta charset='iso-8859-1'></head><body><p>caf\xe9 latin</p></body></html>"
    assert "café latin" in clean_html(latin1).text
    assert decode_html(b"\xef\xbb\xbfhello") == "hello"


def test_entity_expansion_bomb_is_not_expanded():
    levels = ['<!ENTITY lol0 "lolololololololololololololololol">']
    for i in range(1, 10):
        levels.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE html [' + "".join(levels) + "]>"
        "<html><body><p>&lol9;</p><p>" + " ".join(PARAGRAPHS) + "</p></body></html>"
    )
    start = time.perf_counter()
    doc = clean_html(bomb)
    assert time.perf_counter() - start < 5
    assert len(doc.text) < 10_000
    assert "lolololololololololol" not in doc.text


def test_external_entity_is_not_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    page = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<html><body><p>&xxe;</p><p>{PARAGRAPHS[0]}</p></body></html>"
    )
    assert "TOP-SECRET" not in clean_html(page).text
    assert "TOP-SECRET" not in html_to_text(page)


def test_inner_text_blocks_and_hidden():
    html = (
        "<html><head><title>T</title><script>x=1</script></head><body>\n <div>a <b>bold</b>\n text</div>"
        "<div>b</div><p>para one</p><p>para<br>two</p><ul><li>x</li><li>y</li></ul>"
        "<table><tr><td>c1</td><td>c2</td></tr></table><div hidden>no</div>"
        '<div style="display: none">no</div><noscript>no</noscript><template>no</template>tail</body></html>'
    )
    assert html_to_text(html) == "a bold text\nb\n\npara one\n\npara\ntwo\n\nx\ny\n\nc1\tc2\n\ntail"
    assert parse_html("") is None
    assert html_to_text("") == ""


# ---------------------------------------------------------------- dev set (optional)

BENCH = Path(__file__).parents[1] / ".." / "shared" / "benchmark"


@pytest.mark.skipif(not (BENCH / "pages.jsonl").exists(), reason="dev set not found at ../shared/benchmark")
def test_dev_pages_sample():
    """A handful of real pages: non-empty bodies, no crash."""
    pages = [json.loads(line) for line in open(BENCH / "pages.jsonl", encoding="utf-8")][:8]
    for page in pages:
        html = decode_html(gzip.open(BENCH / page["html_file"]).read())
        doc = clean_html(html, url=page["url"])
        assert doc.word_count > 20, page["id"]
