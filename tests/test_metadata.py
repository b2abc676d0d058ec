"""Metadata extraction (issue 5): golden files in several languages, the field parsers,
and the two shared samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaners.document import Reason
from cleaners.lines import ODD_CASE, split_lines
from cleaners.metadata import (canonical_url, detect_language, from_html, from_text,
                               parse_credit, site_from_url)
from cleaners.metadata.authors import byline, clean_authors, is_name
from cleaners.metadata.dates import dateline, find_dates, parse_date
from cleaners.metadata.jsonld import parse_block
from cleaners.metadata.title import strip_site

DATA = Path(__file__).parent / "data" / "metadata"
SHARED = Path(__file__).parents[1] / ".." / "shared"


def _expected(path: Path) -> dict:
    return json.loads(path.with_name(path.name.split(".")[0] + ".expected.json").read_text("utf-8"))


# ---------------------------------------------------------------- golden files

TEXT_CASES = sorted(DATA.glob("*.txt"))
HTML_CASES = sorted(DATA.glob("*.html"))


@pytest.mark.parametrize("path", TEXT_CASES, ids=[p.stem for p in TEXT_CASES])
def test_from_text_golden(path):
    exp = _expected(path)
    lines = split_lines(path.read_text("utf-8"))
    start = next(i for i, l in enumerate(lines) if l.text.startswith(exp["body_first_line"]))
    md = from_text(lines, start, len(lines), exp["url"])
    for field in ("title", "subtitle", "authors", "published", "modified", "language", "site"):
        assert getattr(md, field) == exp[field], field
    if "url_canonical" in exp:
        assert md.url == exp["url_canonical"]
    for prefix, reason in exp["marked"].items():
        hits = [l for l in lines if l.text.startswith(prefix)]
        assert hits and all(l.reason == Reason(reason) for l in hits), prefix
    # the body itself is never marked
    assert all(l.reason is None for l in lines[start:])


@pytest.mark.parametrize("path", HTML_CASES, ids=[p.stem for p in HTML_CASES])
def test_from_html_golden(path):
    exp = _expected(path)
    md = from_html(path.read_text("utf-8"), exp["url"])
    for field in ("title", "authors", "published", "modified", "language", "site", "publisher"):
        assert getattr(md, field) == exp[field], field
    if "url_canonical" in exp:
        assert md.url == exp["url_canonical"]


def test_from_html_accepts_parsed_tree():
    import lxml.html

    html = (DATA / "en_jsonld_graph.html").read_text("utf-8")
    tree = lxml.html.fromstring(html)
    assert from_html(html, None, tree=tree) == from_html(html, None)


def test_from_html_empty_and_junk():
    md = from_html("", "https://www.example.org/a")
    assert md.site == "example.org" and md.title is None
    md = from_html("<html><body><p>no metadata at all</p></body></html>")
    assert md.title is None and md.authors == [] and md.published is None


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("text,iso", [
    ("Nov. 19, 2019 8:03 am ET", "2019-11-19T08:03:00-05:00"),
    ("19 November 2019, 09:01 AM", "2019-11-19T09:01:00"),
    ("19.11.2019", "2019-11-19"),
    ("Dienstag, 19. November 2019", "2019-11-19"),
    ("19 de noviembre de 2019", "2019-11-19"),
    ("mardi 19 novembre 2019 à 10h30", "2019-11-19T10:30:00"),
    ("19 listopada 2019, 08:15", "2019-11-19T08:15:00"),
    ("2019-11-19T13:03:00Z", "2019-11-19T13:03:00+00:00"),
    ("July 4, 2020 3:00 p.m. PT", "2020-07-04T15:00:00-07:00"),
])
def test_find_dates_forms(text, iso):
    assert [f.iso for f in find_dates(text)] == [iso]


def test_numeric_day_month_order():
    assert find_dates("03/04/2020", dayfirst=True)[0].iso == "2020-04-03"
    assert find_dates("03/04/2020", dayfirst=False)[0].iso == "2020-03-04"
    assert find_dates("11/19/19")[0].iso == "2019-11-19"  # 19 cannot be a month
    assert find_dates("31.02.2020") == []  # no such day


def test_relative_dates_need_fetch_time():
    assert find_dates("Updated 2 hours ago") == []
    got = find_dates("Updated 2 hours ago", fetched="2020-05-01T12:00:00+00:00")
    assert got[0].iso == "2020-05-01T10:00:00+00:00"
    assert find_dates("vor 3 Tagen", fetched="2020-05-04T08:00:00")[0].iso == "2020-05-01"
    assert find_dates("hace 1 hora", fetched="2020-05-04T08:00:00")[0].iso.startswith("2020-05-04T07")


def test_dateline_rejects_captions_and_story_sentences():
    assert dateline("The minister at the summit in Geneva, on September 30, 2013.") is None
    assert dateline("Prices rose sharply after 1 March 2020 when the new tariffs took effect in the region.") is None
    dl = dateline("Updated : 19 November 2019, 09:01 AM")
    assert dl.modified == "2019-11-19T09:01:00" and dl.published is None
    dl = dateline("Published Nov 19, 2019 | Updated Nov 20, 2019")
    assert (dl.published, dl.modified) == ("2019-11-19", "2019-11-20")
    dl = dateline("Jane Doe - Nov 19, 2019, 10:31 pm CST")
    assert dl.published == "2019-11-19T22:31:00-06:00" and "Jane Doe" in dl.rest


def test_parse_date_structured_values():
    assert parse_date("2019-11-19T13:03:00.000Z") == "2019-11-19T13:03:00+00:00"
    assert parse_date("2019-11-19") == "2019-11-19"
    assert parse_date("Tue, 19 Nov 2019 13:03:00 GMT") == "2019-11-19T13:03:00+00:00"
    assert parse_date("not a date") is None and parse_date(None) is None


# ---------------------------------------------------------------- authors


def test_clean_authors_prefixes_roles_joins_and_orgs():
    assert clean_authors(["By Jane Doe and John Roe"]) == ["Jane Doe", "John Roe"]
    assert clean_authors(["Von Max Mustermann und Erika Musterfrau, dpa"]) == ["Max Mustermann", "Erika Musterfrau"]
    assert clean_authors(["Par Élodie Martin & Jean-Luc Picard"]) == ["Élodie Martin", "Jean-Luc Picard"]
    assert clean_authors(["Por José García y Ana López"]) == ["José García", "Ana López"]
    assert clean_authors(["Door Jan de Vries"]) == ["Jan de Vries"]
    assert clean_authors(["Jane Doe, Staff Writer", "jane doe", "Jáne Doe"]) == ["Jane Doe"]
    assert clean_authors(["Jane Doe jane@example.com @janedoe"]) == ["Jane Doe"]
    assert clean_authors(["Associated Press", "Reuters", "CNN Business", "HNN Staff"]) == []
    assert clean_authors(["Coastline Courier"], not_persons=["Coastline Courier"]) == []
    assert clean_authors(["Meg JamesStaff Writer"]) == ["Meg James"]


def test_name_shape():
    assert is_name("Sarah E. Needleman") and is_name("TOM KRISHER") and is_name("Jan van der Berg")
    assert not is_name("Sign In") and not is_name("Read more") and not is_name("Jane")
    assert not is_name("The company said on Tuesday it would cut jobs")


def test_byline_lines():
    assert byline("By Jane Doe | Nov 19, 2019") == ["Jane Doe"]
    assert byline("By Reuters") == []
    assert byline("Jane Doe") is None
    assert byline("Jane Doe", require_prefix=False) == ["Jane Doe"]


# ---------------------------------------------------------------- credits, titles, urls, language


@pytest.mark.parametrize("line,expected", [
    ("The mayor at the opening.Credit: Example Wire", ("The mayor at the opening.", "Example Wire")),
    ("The Queen at Windsor (Image: GETTY)", ("The Queen at Windsor", "GETTY")),
    ("Photo: Jane Doe", (None, "Jane Doe")),
    ("Der Bürgermeister im Rathaus. Foto: Max Muster/dpa", ("Der Bürgermeister im Rathaus.", "Max Muster/dpa")),
    ("© Example Agency", (None, "Example Agency")),
    ("Protesters gather outside the ministry / Reuters", ("Protesters gather outside the ministry", "Reuters")),
    ("Le maire devant la mairie. Photo : AFP", ("Le maire devant la mairie.", "AFP")),
    ("Tramwaj na przystanku. Fot. Jan Nowak", ("Tramwaj na przystanku.", "Jan Nowak")),
])
def test_parse_credit(line, expected):
    assert parse_credit(line) == expected


@pytest.mark.parametrize("line", [
    "The company said it would cut jobs.", "Home / News / World",
    "© 2021 Example Media. All rights reserved.", "Das Bild zeigt einen Mann.", "",
])
def test_parse_credit_none(line):
    assert parse_credit(line) is None


def test_strip_site():
    assert strip_site("Big News Today | Example Times", ["Example Times"]) == "Big News Today"
    assert strip_site("Big News Today - WSJ", (), "wsj.com") == "Big News Today"
    assert strip_site("Big News Today - The Wall Street Journal", (), "wsj.com") == "Big News Today"
    assert strip_site("Example Times | Big News Today", ["Example Times"]) == "Big News Today"
    assert strip_site("Left - Right: a headline with a dash", (), "other.com") == "Left - Right: a headline with a dash"


def test_url_helpers():
    assert canonical_url("https://WWW.Example.COM/a/b?utm_source=x&id=3&fbclid=2&gclid=4#frag") == \
        "https://www.example.com/a/b?id=3"
    assert canonical_url("mailto:a@b.c") is None and canonical_url(None) is None
    assert site_from_url("https://www.example.co.uk/x") == "example.co.uk"


def test_detect_language():
    de = "Der Stadtrat hat am Dienstag beschlossen, die Radwege in der Innenstadt auszubauen. " * 5
    assert detect_language(de) == "de"
    assert detect_language(de, declared="en") == "de"  # a CMS default loses on clear text
    assert detect_language("OK", declared="pl-PL") == "pl"  # short text: the declared one
    assert detect_language("", declared=None) is None


def test_jsonld_lenient():
    assert parse_block('{"a": 1,}') == [{"a": 1}]
    assert parse_block('{"a": 1} {"b": 2}') == [{"a": 1}, {"b": 2}]
    assert parse_block("<!-- {\"a\": 1} -->") == [{"a": 1}]
    assert parse_block("garbage") == []


# ---------------------------------------------------------------- the shared samples


def _sample(name: str) -> str:
    p = SHARED / "samples" / name
    if not p.exists():
        pytest.skip(f"shared samples not available at {p}")
    return p.read_text("utf-8")


def _body_start(lines, min_words=25):
    return next(i for i, l in enumerate(lines) if l.words >= min_words and i > 1)


def test_sample_with_author_box():
    lines = split_lines(_sample("004_040951d1b5d1f11f.txt"))
    start = _body_start(lines)
    md = from_text(lines, start, len(lines))
    assert md.authors == ["Barak Ravid"]
    assert md.title == lines[0].text and md.subtitle == lines[1].text
    boxes = [l for l in lines[:start] if l.text == "Barak Ravid"]
    assert len(boxes) == 2 and all(l.reason == Reason.BYLINE for l in boxes)
    alts = [l for l in lines[:start] if l.index + 1 < len(lines) and lines[l.index + 1].text == "Barak Ravid"]
    assert alts and all(l.reason == Reason.BYLINE for l in alts)


def test_sample_without_byline():
    lines = split_lines(_sample("000_6ede1cfad2d66323.txt"))
    start = _body_start(lines)
    md = from_text(lines, start, len(lines))
    assert md.authors == []
    assert md.title == lines[0].text and md.subtitle == lines[1].text


# ---------------------------------------------------------------- speed-ups keep the results
# (the fast paths of the metadata parsers against the plain definitions they replace)

import random  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

from cleaners.lines import Line  # noqa: E402
from cleaners.metadata import authors as _authors, credits as _credits, dates as _dates  # noqa: E402
from cleaners.metadata._regex import alternation, trie  # noqa: E402

_ODD_TEXT = ("José Müller", "ŁÓDŹ", "İstanbul", "ıi ſs Kk Åå", "straße", "ﬁnance ＦＵＬＬ",
             "e\u0301a\u0308", "😀 emoji 𝐁𝐨𝐥𝐝", "Москва — столица", "東京都は日本", "Σίσυφος ΣΑΣ",
             "a_b-c.d", "\ud800 lone", "Tab\tand\u00a0spaces", "ℌ ℍ ① ½", "")


def _fold_reference(s: str) -> str:
    """The plain definition of authors.fold (casefold, NFKD, no combining marks, words)."""
    s = s.lower() if s.isascii() else "".join(
        c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s).strip()


def test_fold_and_compact_match_their_definitions():
    rng = random.Random(5)
    pool = "".join(_ODD_TEXT) + "abcXYZ 019.,;:!?-—'’“”()[]©®™\n"
    texts = list(_ODD_TEXT) + ["".join(rng.choice(pool) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    for t in texts:
        if "\n" not in t:
            assert _authors.fold(t) == _fold_reference(t), t
            assert _authors.compact(t) == _fold_reference(t).replace(" ", ""), t
    for k in range(0, len(texts), 7):
        lines = [t for t in texts[k:k + 7]]
        assert _authors.compact_lines(lines) == [_fold_reference(t).replace(" ", "") for t in lines]
    mostly_ascii = ["The quick brown fox’s “den” — © 2019"] * 40 + ["Zürich, café"]
    assert _authors.compact_lines(mostly_ascii) == [_fold_reference(t).replace(" ", "") for t in mostly_ascii]


def test_no_combining_mark_is_alphanumeric():
    # compact drops combining marks with the other non-word characters, and _drop_combining
    # looks for them among the non-word characters only: both rest on this
    cps = range(0x110000)
    marks = [chr(c) for c in cps if unicodedata.combining(chr(c))]
    assert marks and not any(m.isalnum() or m == "_" for m in marks)


@pytest.mark.parametrize("words", [
    _dates.MONTH_OF, _dates.WEEKDAYS.split("|"), _credits.CREDIT_LABELS, _credits.WIRES,
    _authors.BYLINE_PREFIXES, _authors.ROLE_WORDS, _authors.NAME_JOINS,
], ids=["months", "weekdays", "labels", "wires", "prefixes", "roles", "joins"])
def test_trie_matches_like_the_longest_first_alternation(words):
    flat = re.compile(f"(?:{alternation(words)})", re.I)
    tree = re.compile(trie(words), re.I)
    rng = random.Random(len(words))
    pieces = list(words) + [w.upper() for w in words][:20] + [" ", ".", "x", "-", "ı", "İ", "ſ"]
    for _ in range(3000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        assert [m.span() for m in flat.finditer(s)] == [m.span() for m in tree.finditer(s)], s
        assert bool(flat.fullmatch(s)) == bool(tree.fullmatch(s)), s


@pytest.mark.parametrize("line", [
    "Photo: Jane Doe", "(Image: GETTY)", "İMAGE: Jane Doe", "Crédit photo : AFP",
    "The city hall. REUTERS/Jane Doe", "Residents gathered outside. Photo: Jane Doe / Reuters",
    "© 2019 Jane Doe", "(c) ACME Corp",
    "Photo by Jane Doe on Unsplash", "A view of the port (AP Photo/Jane Doe)", "Jane Doe/Getty Images",
    "The minister spoke (Xinhua)", "ıllustratıon: Jane Doe", "ſource: Jane Doe", "Pictures )", "Source of the water",
    "All rights reserved. Photo: Jane", "Read more via our newsletter", "Plain prose without any credit at all.",
])
def test_parse_credit_gates_change_nothing(line):
    # the regexes alone, in parse_credit's order, without the cheap gates in front of them
    text = re.sub(r"\s+", " ", line).strip()
    expected = parse_credit(line)
    if _credits._NOT_CREDIT.search(text):
        assert expected is None
        return
    hits = [rx.search(text) for rx in (_credits._UNSPLASH_RE, _credits._LABEL_RE, _credits._COPY_RE,
                                       _credits._WIRE_TAIL_RE)]
    named = _credits._NAME_SLASH_RE.match(text)
    if expected is not None:
        assert named or any(hits)
    if not named and not any(hits):
        assert expected is None


def test_date_gates_change_nothing():
    # every date find_dates reads is also found by its regexes run without gates
    for text in ("Tuesday, 19 November 2019, 09:01 AM", "Nov. 19, 2019 8:03 am ET", "19.11.2019", "11/19/2019",
                 "2019-11-19T08:03:00Z", "2019年11月19日", "19 de noviembre de 2019", "Dienstag, 19. November 2019",
                 "sumar 5, 2019", "In 2019 the 3 firms", "published 19th Nov 2019", "MAYıS 3 2019"):
        found = {f.iso[:10] for f in find_dates(text, dayfirst=True)}
        raw = set()
        for rx in _dates.WRITTEN_RE + _dates.NUMERIC_RE:
            raw |= {m.group(0) for m in rx.finditer(unicodedata.normalize("NFC", text))}
        assert bool(found) == bool(raw), text


def test_from_text_analysis_cache_is_not_mutated():
    text = "Big Headline About Things Happening Today\nBy Jane Doe\nUpdated: Nov 19, 2019\nBody text here."

    def run():
        lines = [Line(t, i, True) for i, t in enumerate(text.splitlines() + ["More body text. " * 5])]
        md = from_text(lines, 3, len(lines), "https://example.com/big-headline-about-things")
        return md, [(l.reason, l.role) for l in lines]
    assert run() == run() == run()


def test_detect_language_scores_match_py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from cleaners.metadata.language import _identifier

    np = pytest.importorskip("numpy")
    ref = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    fast = _identifier()
    for text in ("Der Bundestag hat am Donnerstag über das Gesetz abgestimmt.", "Zażółć gęślą jaźń. " * 20,
                 "The quick brown fox jumps over the lazy dog. " * 30, "東京都は日本の首都です。", "a",
                 "12345"):
        assert np.array_equal(ref._decide(text), fast._decide(text))
        assert ref.classify(text) == fast.classify(text)


# ---------------------------------------------------------------- marks only (text._settle)
# `from_text(..., marks_only=True)` skips what only the returned metadata needs (url, site, title
# stripping): it must mark exactly the lines the full call marks, on pages full of what the line
# analyses find (names, author boxes, "By" on its own line, datelines, roles, credits...).

_HEADER_POOL = [
    "Jane Doe", "JANE DOE", "Jane Doe @janedoe", "@janedoe", "By Jane Doe", "By", "Von", "John Roe",
    "Jane Doe and John Roe, Associated Press", "Jane Doe / 2 days ago", "Staff Writer", "Senior Reporter",
    "Photo of Jane Doe", "Updated Nov 19, 6:55 AM", "November 19, 2019", "Nov 19, 2019 8:03 am ET",
    "Jane Doe - Nov 19, 2019", "By Jane Doe, November 19, 2019", "Published 19.11.2019, 09:01",
    "Credit: Marc Sellem/Pool", "Photo: Jane Doe/AFP", "© Reuters", "Menu", "Home", "News",
    "Share on Facebook", "Big Headline About The Council Vote In Riverton", "Example News",
    "The council voted to close the old bridge after a long and heated debate on Monday.",
    "Residents gathered outside the town hall in Riverton on Monday. Photo: John Roe / Reuters",
    "Home > News > Local", "Related: more stories from the valley", "Zażółć gęślą jaźń",
    "Anna Nowak", "Anna Nowak, Gazeta", "Por María García", "Par Jean Dupont", "Dienstag, 19. November 2019",
    "A short line", "Read more", "© 2019 Example News. All rights reserved.", "x" * 130, "Jane " + "Doe " * 40,
]
_BODY = "The council voted on Monday to close the old bridge, and residents said they were not surprised by it."


def _header_pages(n: int = 250):
    import random

    rng = random.Random(5)
    for _ in range(n):
        head = [rng.choice(_HEADER_POOL) for _ in range(rng.randint(0, 30))]
        if rng.random() < 0.5 and head:  # an author box: a name line repeated with the line above it
            i = rng.randrange(len(head))
            head[i:i] = ["Photo of Jane Doe", "Jane Doe", "Staff Writer"] * rng.randint(1, 2)
        body = [_BODY] * rng.randint(1, 8)
        tail = [rng.choice(_HEADER_POOL) for _ in range(rng.randint(0, 10))]
        sep = "\n\n" if rng.random() < 0.5 else "\n"
        url = rng.choice([None, "https://www.example.com/news/big-headline-council-vote-riverton",
                          "https://gazeta.example.pl/anna-nowak"])
        yield sep.join(head + body + tail), len(head) + rng.randint(-3, 3), url


def _from_text_marks(text: str, start: int, url, **kw):
    import dataclasses

    lines = split_lines(text)
    md = from_text(lines, start, len(lines), url, **kw)
    return dataclasses.asdict(md), [(l.reason, l.role) for l in lines]


def test_marks_only_marks_the_same_lines():
    pages = list(_header_pages())
    pages += [(p.read_text("utf-8"), s, "https://example.com/x") for p in TEXT_CASES for s in (0, 5, 20)]
    marked = sites = 0
    for text, start, url in pages:
        full, full_marks = _from_text_marks(text, start, url)
        only, only_marks = _from_text_marks(text, start, url, marks_only=True)
        assert only_marks == full_marks, (text, start)
        for field in ("subtitle", "authors", "published", "modified"):
            assert only[field] == full[field], field
        assert only["site"] is None and only["url"] is None and only["language"] is None
        marked += sum(1 for reason, _ in full_marks if reason is not None)
        sites += full["site"] is not None
    assert marked > 500 and sites > 100  # the pages do have header lines, and sites to skip


def test_title_shape_reads_the_word_count_first_with_the_same_answers():
    from cleaners.metadata import text as mt

    def reference(text):  # the order the tests were written in
        if mt.NOT_TITLE_RE.match(text) or mt._BREADCRUMB.search(text):
            return False
        if mt._CJK.search(text):
            return len(text) >= mt.TITLE_MIN_CHARS_CJK
        return mt.TITLE_MIN_WORDS <= len(text.split()) <= mt.TITLE_MAX_WORDS and len(mt._WORD.findall(text)) >= 2

    rng = random.Random(9)
    pool = ["Share", "this", "Home > News > Local", "cookie", "consent", "Big", "Headline", "東京都は日本",
            "首都", "12", "—", "Subscribe", "Read", "more", "Related", "a / b / c", "Terms"]
    texts = [" ".join(rng.choice(pool) for _ in range(rng.randint(0, 45))) for _ in range(3000)]
    texts += ["Share this story", "Home > News > A headline here", "東京都は日本の首都です", "東京", "One two",
              "Related: three words here", "We use cookies, please consent to all of them"]
    answers = [mt._title_shape_of(t) == reference(t) for t in texts]
    assert all(answers) and any(mt._title_shape_of(t) for t in texts) and not all(mt._title_shape_of(t) for t in texts)


def test_letters_are_counted_as_the_pattern_counts_them():
    from cleaners.metadata import language as lang

    table = lang._letter_table()
    assert len(table) == lang.LETTER_TABLE_SIZE
    assert all(bool(table[i]) == bool(lang._LETTER.match(chr(i))) for i in range(len(table)))
    rng = random.Random(4)
    pool = list("abcXYZ 019_²½Ⅻ.,;—’“éüßłŁ東京ا\u0301\u200b\t\n") + ["😀", "𝐁", "\U00020000", ""]
    texts = ["", "😀", "ab" * 300, "1" * 500] + ["".join(rng.choice(pool) for _ in range(rng.randint(0, 900)))
                                                  for _ in range(300)]
    for t in texts:
        assert lang._count_letters(t) == len(lang._LETTER.findall(t))
        head = len(lang._LETTER.findall(t, 0, 2 * lang.MIN_LETTERS))
        expected = head if head >= lang.MIN_LETTERS else len(lang._LETTER.findall(t))
        assert lang._letters(t) == expected


def test_white_space_but_the_space_is_unprintable():
    # parse_credit skips the search for spaces to fix on a printable line without "  "
    import re

    every = "".join(map(chr, range(0x110000)))
    assert all(not c.isprintable() for c in re.findall(r"\s", every) if c != " ")


def test_title_shape_is_the_reference():
    import random
    import re

    from cleaners.metadata import text as _text

    def reference(text):
        cjk = _text._CJK.search(text) is not None
        if not cjk and not _text.TITLE_MIN_WORDS <= len(text.split()) <= _text.TITLE_MAX_WORDS:
            return False
        if _text.NOT_TITLE_RE.match(text) or _text._BREADCRUMB.search(text):
            return False
        if cjk:
            return len(text) >= _text.TITLE_MIN_CHARS_CJK
        return len(re.findall(r"[^\W\d_]+", text)) >= 2

    rng = random.Random(3)
    pieces = ["Home", ">", "»", "/", "›", "News", "12", "3 4", "a", "é", "東京", "-", " ", "  ", "_", "x1"]
    texts = ["Home > News > World", "Home / News", "1 2 3", "A 1 b", "Jane Doe and John"]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(2000)]
    for text in texts:
        assert _text._title_shape_of.__wrapped__(text) == reference(text), text


def test_not_title_is_the_pattern():
    import random
    import re

    from cleaners.metadata import text as _text

    every = "".join(map(chr, range(0x110000)))
    for c in set("cookieconsent"):  # the gate's claim
        assert {x for x in re.findall(re.escape(c), every, re.I) if x.lower() != c} <= set(ODD_CASE)
    rng = random.Random(4)
    pieces = ["cookie", "COOKIES", "Consent", "conſent", "İ", "we use", "share", "Home", "more", " ", "\n", "x"]
    texts = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for text in texts + ["We use cookies. Consent", "Cookie settings", "home"]:
        assert _text._not_title(text) == (_text.NOT_TITLE_RE.match(text) is not None), text


def test_words2_is_the_pattern():
    import random

    from cleaners.metadata import text as _text

    rng = random.Random(8)
    alphabet = [chr(c) for c in range(128)] + ["é", "ß", "ı", "İ", "東", "١"]
    for _ in range(3000):
        low = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))).lower()
        assert _text._words2(low) == _text._WORD2.findall(low), low
