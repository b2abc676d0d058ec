"""Each kind of furniture is recognised on its own, in several languages, and article prose is not."""

from __future__ import annotations

import pytest

from cleaners.document import Reason
from cleaners.furniture import captions, mark_furniture, promo, share, teasers
from cleaners.lines import ODD_CASE, split_lines

PROSE = (
    "The council voted on Tuesday to extend the tram line by four kilometres, a decision that "
    "supporters said would cut commuting times for thousands of residents in the eastern districts."
)


def reasons(text: str) -> list[str | None]:
    lines = split_lines(text)
    mark_furniture(lines)
    return [l.reason.value if l.reason else None for l in lines]


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Share on FacebookShare on Twitter", "share"),
        ("Send in e-mailSend in e-mail", "share"),
        ("Artikel teilen", "share"),
        ("Partager sur Facebook", "share"),
        ("Teilen mit:", "share"),
        ("Whatsapp Facebook Pint Baixar", "share"),
        ("Você pode gostar...", "teaser"),
        ("Leia também: O novo plano de transportes da cidade", "teaser"),
        ("Todos os direitos reservados", "legal"),
        ("Riproduzione riservata ©", "legal"),
        ("P.IVA 01234567890", "legal"),
        ("Nachdruck nur mit Genehmigung der Redaktion", "legal"),
        ("Publicidade", "advertisement"),
        ("3 comentários", "comments"),
        ("34 responses to “A headline about the game”", "comments"),
        ("Get the latest news on the go by clicking here", "promo"),
        ("(Leggi anche su: Gli attori della nuova serie –FOTO)", "teaser"),
        ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "share"),
        ("Folgen Sie der Redaktion auf Twitter", "share"),
        ("Weitere Beiträge zum Thema", "teaser"),
        ("Ähnliche Beiträge", "teaser"),
        ("Related Links", "teaser"),
        ("Devi essere connesso per inviare un commento.", "comments"),
        ("Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza.", "cookie"),
        ("Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.", "cookie"),
        ("Like this story? Share it with a friend!", "share"),
        ("関連記事", "teaser"),
        ("Читайте также:", "teaser"),
        ("This slideshow requires JavaScript.", "markup"),
        ("Please enable JavaScript to see this gallery.", "markup"),
        ("Your browser does not support the video tag.", "promo"),
        ("Ihr Browser unterstützt das Video-Tag nicht.", "promo"),
        ("Image caption A coworking space in San Francisco", "caption"),
        ("Bildunterschrift: Der Rohbau der neuen Kita.", "caption"),
        ("Delen op Twitter", "share"),
        ("Tap the bell icon to follow authors:", "share"),
        ("Subscribe today and save 50%", "subscription"),
        ("Already a subscriber? Log in", "subscription"),
        ("Jetzt abonnieren", "subscription"),
        ("Déjà abonné ? Se connecter", "subscription"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("The Daily Dispatch Episode 12", "promo"),
        ("Listen to the podcast", "promo"),
        ("Related articles", "teaser"),
        ("Mehr zum Thema", "teaser"),
        ("Lire aussi :", "teaser"),
        ("READ MORE: Mayor unveils budget for the coming year", "teaser"),
        ("Leave a reply", "comments"),
        ("14 Comments", "comments"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("Advertisement", "advertisement"),
        ("Anzeige", "advertisement"),
        ("© 2024 The Example Gazette. All rights reserved.", "legal"),
        ("Skip to main content", "navigation"),
        ("Home > World > Europe", "navigation"),
        ("Haz clic para compartir en Facebook (Se abre en una ventana nueva)", "share"),
        ("Klicken, um auf WhatsApp zu teilen (Wird in neuem Fenster geöffnet)", "share"),
        ("Comparte esto:", "share"),
        ("Condividi:", "share"),
        ("Gefällt mir:", "share"),
        ("Me gusta esto:", "share"),
        ("(Si apre in una nuova finestra)", "navigation"),
        ("Otwiera się w nowym oknie", "navigation"),
        ("4 Beiträge • Seite 1 von 1", "navigation"),
        ("Página 2 de 5", "navigation"),
        ("Dieser Beitrag enthält Affiliate-Links. Wenn ihr darüber etwas kauft, erhalte ich eine kleine Provision.", "advertisement"),
        ("This post contains affiliate links.", "advertisement"),
        ("Werbung wegen Markennennung", "advertisement"),
        ("Comment on this story", "comments"),
        ("Add comment", "comments"),
    ],
)
def test_single_line_furniture(line, reason):
    assert reasons(f"{PROSE}\n\n{line}\n\n{PROSE}") == [None, reason, None]


@pytest.mark.parametrize(
    "sentence",
    [
        PROSE,
        "Readers who subscribe to the print edition were told on Monday that delivery would resume "
        "after the strike, the company said in a letter to customers.",
        "Die Abgeordneten wollen die Kommentare der Bürger bis Ende des Monats auswerten und danach "
        "über den Entwurf abstimmen, sagte die Sprecherin des Ausschusses.",
        "She said she would share the prize money with her team and donate the rest to the local school.",
        # French "comment" ("how") is not a comment widget
        "Comment réussir ses semis de tomates en intérieur",
        "Comment la ville veut réduire le trafic",
    ],
)
def test_prose_is_not_furniture(sentence):
    assert reasons(sentence) == [None]


def test_menu_run_is_navigation():
    menu = "\n".join(["News", "Sport", "Business", "Culture", "Weather"])
    assert reasons(f"{menu}\n\n{PROSE}") == ["navigation"] * 5 + [None]


def test_share_widget_needs_a_share_word():
    assert not share.is_share_widget("on the")
    assert share.is_share_widget("Tweet Email Print")


def test_caption_with_duplicate_and_credit():
    text = (
        "The mayor opening the new bridge in May.\n"
        "The mayor opening the new bridge in May.Credit: Jane Roe/City Press\n\n" + PROSE
    )
    lines = split_lines(text)
    found = mark_furniture(lines)
    assert [l.reason for l in lines] == [Reason.CAPTION, Reason.CAPTION, None]
    assert [(i, im.caption, im.credit) for i, im in found] == [
        (1, "The mayor opening the new bridge in May.", "Jane Roe/City Press")
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Protesters outside parliament (Image: GETTY)", ("Protesters outside parliament", "GETTY")),
        ("Ein Feuerwehrauto vor dem Rathaus. Foto: Max Muster", ("Ein Feuerwehrauto vor dem Rathaus.", "Max Muster")),
        ("Smoke rises over the harbour / Reuters", ("Smoke rises over the harbour", "Reuters")),
        ("Credit: Jane Roe", (None, "Jane Roe")),
        ("A quiet street in the old town © Studio Nord", ("A quiet street in the old town", "Studio Nord")),
        ("Vista del puerto al amanecer. EFE/Ana Ruiz", ("Vista del puerto al amanecer.", "EFE/Ana Ruiz")),
        ("Il molo nuovo visto dall'alto. ANSA/Ciro Rossi", ("Il molo nuovo visto dall'alto.", "ANSA/Ciro Rossi")),
        ("The network runs on TCP/IP and nothing else.", None),
        ("Nowy oddział mieści się w odnowionym skrzydle. Fot. Piotr Malinowski", ("Nowy oddział mieści się w odnowionym skrzydle.", "Piotr Malinowski")),
        ("Wszyscy to widzieli. Zrobiliśmy mu fot. na pamiątkę", None),
        (PROSE, None),
    ],
)
def test_parse_credit(line, expected):
    assert captions.parse_credit(line) == expected


def test_inline_click_promo_is_cut_from_its_paragraph():
    text, n = promo.strip_inline("The vote is on Sunday. (For the latest polls – click here) Turnout may be low.")
    assert (text, n) == ("The vote is on Sunday. Turnout may be low.", 1)
    assert promo.strip_inline(PROSE) == (PROSE, 0)


def test_teaser_marker_is_whole_line_only():
    assert teasers.is_marker("More from Business")
    assert not teasers.is_marker("More from the interview, which has been edited for length, follows below.")


# --- The fast paths give the answers of the plain definitions --------------------------------
# Line splitting, trigger keys, the rule index, credits, inline promos and menu runs take
# shortcuts (see cleaners/lines.py and cleaners/furniture/_rules.py); each is checked here
# against the plain definition it replaces, on lines made to hit their corners.

def test_headlines_below_a_teaser_heading_inside_the_article_are_teasers():
    prose = "The council voted on Tuesday to build the path, and work is due to start in the spring."
    raw = (f"Council approves path\n\n{prose}\n\nSee also\nBus line links the north side and the centre\n"
           f"Roadworks on the square take longer\n\n{prose.replace('spring', 'summer')}\n")
    lines = split_lines(raw)
    mark_furniture(lines)
    reasons = {l.text: l.reason for l in lines}
    assert reasons["See also"] is Reason.TEASER
    assert reasons["Bus line links the north side and the centre"] is Reason.TEASER
    assert reasons["Roadworks on the square take longer"] is Reason.TEASER
    assert reasons[prose] is None and reasons[prose.replace("spring", "summer")] is None
    # as a naive scraper renders the box: blank lines between the items
    lines = split_lines(raw.replace("\nBus line", "\n\nBus line").replace("\nRoadworks", "\n\nRoadworks"))
    mark_furniture(lines)
    assert [l.reason for l in lines] == [None, None, Reason.TEASER, Reason.TEASER, Reason.TEASER, None]


def test_a_trending_bar_above_the_article_does_not_take_its_title():
    # no prose above the heading yet: the lines below it may be the article's title and byline
    raw = ("Trending:\nElections\nBudget\nCouncil approves the new cycle path along the river\n"
           "By Jane Roe - 11/19/19 06:56 AM\n\nThe council voted on Tuesday to build the path, and work starts soon.\n")
    lines = split_lines(raw)
    mark_furniture(lines)
    reasons = {l.text: l.reason for l in lines}
    assert reasons["Trending:"] is Reason.TEASER
    assert reasons["Council approves the new cycle path along the river"] is not Reason.TEASER


def test_credit_before_its_labelled_caption_is_one_image():
    raw = ("He has denied being unfair to her.\n\nImage copyright Getty Images\n"
           "Image caption The manager has worked with many artists\n\nThen, last week, she posted on Twitter.\n")
    lines = split_lines(raw)
    images = mark_furniture(lines)
    assert [(i.caption, i.credit) for _, i in images] == [("The manager has worked with many artists", "Getty Images")]
    assert [l.reason for l in lines] == [None, Reason.CAPTION, Reason.CAPTION, None]


def test_a_call_to_click_inside_a_sentence_is_not_a_promo():
    assert reasons("To download the file, click here and choose Save in the menu that opens.") == [None]
    assert reasons("Click here to get more information or download this game.") == [None]


def test_words_that_only_start_like_labels_are_not_captions():
    assert reasons("Caption contests are popular with readers of the weekend edition, the editors said.") == [None]
    assert reasons("JavaScript is a programming language used by most websites today, and it is required.") == [None]


def test_about_box_after_the_article_goes_with_the_author_lines():
    bio = "Als Vertriebsleiter verbindet Jonas Weber das Marketing mit dem Verkauf und schreibt über Messen."
    raw = f"{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nÜber Jonas Weber\n\n{bio}\n\nWeitere Beiträge zum Thema\n"
    assert reasons(raw) == [None, None, None, "byline", "byline", "teaser"]
    # the same heading without a paragraph about the name, or an article's own section heading
    assert reasons(f"{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nÜber Jonas Weber\n\n{PROSE}\n")[3:] == [None, None]
    assert reasons(f"{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nAbout the study\n\nThe study followed the tram line.\n")[3:] == [None, None]
    # an "about the author" heading takes the paragraph below it
    raw = f"{PROSE}\n\n{PROSE}\n\n{PROSE}\n\nÜber die Autorin\n\nSie schreibt seit 2010 über Verkehr und Städtebau.\n"
    assert reasons(raw)[3:] == ["byline", "byline"]
    # in the header, before any prose: no about box
    assert reasons(f"About Jonas Weber\n\n{bio}\n\n{PROSE}\n") == [None, None, None]


def test_runs_of_teaser_cards_with_glued_headlines_are_teasers():
    cards = [
        "Ford Recalls Pickups Over Stalling RiskFord is recalling over 168,000 pickup trucks in North America to fix a cable.",
        "Michigan To Mail Redistricting Panel Applications To 250,000The state will mail applications to voters this week.",
    ]
    assert reasons("\n".join(cards) + f"\n\n{PROSE}") == ["teaser", "teaser", None]
    # one such line alone, or lines with a brand name inside a sentence: no cards
    assert reasons(cards[0] + f"\n\n{PROSE}") == [None, None]
    brand = "The New Apple MacBook Pro Keyboard Uses Scissor Switches, which the company says are more reliable than before."
    assert reasons(f"{brand}\n{brand}") == [None, None]
    german = "Die Stadt Musterhausen Baut Eine Neue KitaSie soll im Frühjahr öffnen und bis zu 95 Kinder aufnehmen, sagt die Stadt."
    assert reasons(f"{german}") == [None]
    # a headline ending in a question mark; a single card right below a teaser box's heading
    question = "Is The Old Harbour Bridge Safe To Cross?Engineers will inspect its cables this winter, the city council says."
    assert reasons(f"Latest Headlines\n{question}\n{cards[0]}\n\n{PROSE}") == ["teaser", "teaser", "teaser", None]
    assert reasons(f"{PROSE}\n\nRelated stories\n{cards[1]}\n\n{PROSE}")[1:] == ["teaser", "teaser", None]


import random  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402

from cleaners import lines as lines_module  # noqa: E402
from cleaners.document import word_count  # noqa: E402
from cleaners.furniture import RULES, _rules, ads, comments, cookies, legal, navigation, newsletter, subscription  # noqa: E402
from cleaners.lines import Line, count_words, latin1_trigger_tokens, normalize_text, trigger_tokens  # noqa: E402

from tests._paths import BENCHMARK, REPO, needs_benchmark  # noqa: E402

_VOCABULARY = (
    "Share share SHARE Tweet Email e-mail Print Facebook cookie Cookies accept ACCEPT Subscribe subscribe "
    "subscriber Log in Sign up newsletter inbox read more Read More Related related stories the a of "
    "comments Comment reply Anzeige Advertisement advertisement © (c) Copyright All rights reserved Home "
    "Menu Skip to content opens in new window podcast Episode 12 Listen Watch: Privacy Policy Terms "
    "Mehr zum Thema Lire aussi Abonnieren abonné Déjà zaloguj się komentarze Photo: Credit: Foto: "
    "Bild: (AP Photo/Jane Doe) / Reuters Getty EPA AFP click here (click) [tap here] follow us Follow @x "
    "MoreNews ShareTweet SubscribeSign LinkedIn WhatsApp ÉcoleÀPart caféÉté İnbox ıd ſhare Kommentar "
    "Ḱ ß ẞ µ Σ ΟΔΟΣ Русский 中文 日本語 한국어 ’ ‘ “ ” — – … • › » > | / : - . ? ! ; 2024 10:30 1/2 "
    "\u00a0 \t \u2009 \u3000 \u200b \u00ad \x0c \r \u2028 \x85"
).split(" ")


def _fuzz_lines(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(1, 14)))
        if rng.random() < 0.3:
            text = text.replace(" ", "", rng.randint(1, 3))
        if rng.random() < 0.2:
            text = rng.choice([str.upper, str.lower, str.title])(text)
        out.append(text)
    return out


def _example_lines() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    return [line.text for text in texts for line in split_lines(text)]


_LINES = _example_lines() + _fuzz_lines(1, 4000) + [PROSE, "", " ", "©", "(c) 2024", "Home > News > World"]


def _plain_normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = lines_module._NEWLINES.sub("\n", text)
    text = text.translate(lines_module._INVISIBLE)
    return lines_module._CONTROL.sub("", text)


def _plain_split(text: str, max_line_chars: int = 20_000) -> list[tuple]:
    out, blank = [], True
    for raw in _plain_normalize(text).split("\n"):
        s = lines_module._SPACES.sub(" ", raw[:max_line_chars]).strip()
        if not s:
            blank = True
            continue
        out.append((s, len(out), blank, word_count(s)))
        blank = False
    return out


def _plain_keys(text: str) -> frozenset[str]:
    toks = lines_module._LETTER_WORD.findall(lines_module._GLUED.sub(" ", text).lower())
    return frozenset(toks).union(t[:5] for t in toks if len(t) > 5)


def _pages(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _LINES + ["\n", "\n\n", "\r\n", "\u2029", "  ", "\t\t", "\x00", "\ufeff", "e\u0301", "A\u030a"]
    return ["".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.mark.parametrize("max_line_chars", [20_000, 30, 0])
def test_split_lines_is_the_plain_split(max_line_chars):
    for text in _pages(2, 300):
        lines = split_lines(text, max_line_chars=max_line_chars)
        assert [(l.text, l.index, l.blank_before, l.words) for l in lines] == _plain_split(text, max_line_chars)
        assert normalize_text(text) == _plain_normalize(text)


def test_word_counts_and_keys_are_the_plain_ones():
    for text in _LINES:
        assert count_words(text) == word_count(text)
        assert Line(text, 0, True).keys == _plain_keys(text)
        tokens = latin1_trigger_tokens(text)
        if tokens is not None:
            assert [t.decode("latin-1") for t in tokens] == trigger_tokens(text)[0]


def test_the_folded_character_sets_match_their_classes():
    every = "".join(chr(c) for c in range(0x3100)) + "\ufeff"
    assert set(lines_module._TO_FOLD.findall(every)) == lines_module._TO_FOLD_CHARS
    assert set("".join(lines_module._SPACES.findall(every))) == lines_module._ODD_SPACES | {" "}
    assert not lines_module._WORD_CHAR.search("".join(lines_module._WIDE_PUNCT_CHARS))


def test_only_the_listed_characters_lower_case_to_basic_latin():
    every = (chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert {c for c in every if re.search("[a-z]", c.lower())} == set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\u0130\u212a"
    )


def _plain_mark(rules: tuple, lines: list[Line]) -> None:
    """`RuleSet.mark` as first written: a candidate set per line, tested in order."""
    top = max((r.max_words or 10**9) for r in rules)
    for line in lines:
        if line.reason is not None or line.words > top:
            continue
        for rule in rules:
            if (rule.gate is None or not rule.gate.isdisjoint(line.keys)) and rule.applies(line):
                line.reason = rule.reason
                break


def _verdicts(lines: list[Line]) -> list:
    return [l.reason for l in lines]


def test_rule_set_gives_the_plain_verdicts():
    rng = random.Random(3)
    made = [Line(t, i, True) for i, t in enumerate(_LINES)]
    for line in made[::5]:  # a word count that is not the text's, as joined fragments may have
        line.words = max(0, line.words + rng.randint(-3, 3))
    for twice in range(2):  # the second time from memory
        fast = [Line(l.text, l.index, True, words=l.words) for l in made]
        plain = [Line(l.text, l.index, True, words=l.words) for l in made]
        RULES.mark(fast)
        _plain_mark(RULES.rules, plain)
        assert _verdicts(fast) == _verdicts(plain)
    # the same text with another word count is judged again (rules admit lines by their words)
    for words, reason in [(1, Reason.ADVERTISEMENT), (11, None), (1, Reason.ADVERTISEMENT)]:
        line = Line("Advertisement", 0, True, words=words)
        RULES.mark([line])
        assert line.reason is reason
    # a line whose keys were taken before its text changed keeps them, as before
    stale = []
    for _ in range(2):
        line = Line("Share", 0, True)
        line.keys
        line.text = "Share on Facebook"
        stale.append(line)
    RULES.mark(stale[:1])
    _plain_mark(RULES.rules, stale[1:])
    assert _verdicts(stale[:1]) == _verdicts(stale[1:]) == [Reason.SHARE]


def test_rule_needs_hold():
    rules = [r for r in RULES.rules if r.needs]
    assert rules
    for text in _LINES:
        line = Line(text, 0, True)
        for rule in rules:
            if rule.test(line):
                assert any(c in text for c in rule.needs), (rule, text)


def _guarded_patterns() -> list[re.Pattern[str]]:
    return [
        teasers.MARKERS, teasers.INLINE, navigation.SINGLE, navigation.LINK_NOTICE, ads.PATTERNS,
        subscription.PATTERNS, subscription.BUTTONS, cookies.PATTERNS, share.FOLLOW_PROMPTS,
        comments.PATTERNS, newsletter.PATTERNS, legal.PATTERNS, promo.LINE_PATTERNS,
    ]


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    source = pattern.pattern
    if source.startswith(("^", "\\b", "(?=")):
        source = source[source.index("(?:") + 3 : -1]
    return re.compile(source, pattern.flags)


@pytest.mark.parametrize("pattern", _guarded_patterns(), ids=lambda p: p.pattern[:40])
def test_guards_and_lower_case_twins_change_no_match(pattern):
    assert pattern.pattern.startswith(("^", "\\b", "(?=")), "no guard was found"
    plain = _unguarded(pattern)
    texts = _LINES + [t.lower() for t in _LINES] + [" " + t for t in _LINES[:500]]
    for method in ("search", "match", "fullmatch"):
        guarded_at, plain_at = getattr(pattern, method), getattr(plain, method)
        by_matcher = _rules.matcher(pattern, method)
        for text in texts:
            a, b = guarded_at(text), plain_at(text)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), text
            assert by_matcher(text) == (b is not None), text


def test_guard_classes_ignore_case_as_the_literals_do():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    chars = set()
    for pattern in _guarded_patterns():
        first = _rules._first(list(_rules._sre_parse.parse(_unguarded(pattern).pattern, pattern.flags)))
        chars |= first[0] if first else set()
    assert len(chars) > 20
    for c in chars:
        assert re.findall(re.escape(c), every, re.I) == re.findall("[" + re.escape(c) + "]", every, re.I)


@pytest.mark.parametrize(
    "source, twin",
    [("abc", True), ("Abc", False), ("[0-_]x", False), ("ſ", False), ("\u212a", False), ("[^a]b", True),
     (r"\bfoo\s+\d", True), ("(?i:x)", False), (r"(a)\1", False), ("é", True), ("[^A]", False)],
)
def test_lower_case_twin_only_when_the_same(source, twin):
    assert (_rules._lower_case_twin(re.compile(source, re.I)) is not None) == twin


def _plain_parse_credit(text: str):
    if captions._CREDIT_CHARS.isdisjoint(text):
        return None
    m = captions.ALONE.match(text)
    if m:
        return None, (m.group("credit") or m.group("credit2")).strip()
    for pattern in captions.TRAILING:
        m = pattern.match(text)
        if m:
            credit, caption = m.group("credit").strip(" ."), m.group("caption").strip() or None
            if credit and len(credit.split()) <= 10:
                return caption, credit
    return None


def test_parse_credit_is_the_plain_parse():
    rng = random.Random(4)
    parts = ["Photo", "PHOTO", "photographs", "credit", "Crédit", "fot.", "by", ":", "|", "/", " / ", "(", ")",
             "[", "]", "©", " ", "\n", "AP", "Reuters", "ſource", "İmage", "\u212a", "Bild", "er", "źródło",
             "Jane Doe", "JOHN DOE/AFP", "The mayor spoke.", "x" * 90]
    texts = _LINES + ["".join(rng.choice(parts) for _ in range(rng.randint(1, 12))) for _ in range(20_000)]
    for text in texts + texts[:2000]:  # the second time from memory
        assert captions.parse_credit(text) == _plain_parse_credit(text), text


def test_strip_inline_is_the_plain_cut():
    rng = random.Random(5)
    parts = ["(", ")", "[", "]", "click here", "CLICK", "Tap Here", "read more", "klicken Sie hier", "haga clic aquí",
             "For the latest polls", " ", "–", "ſee more", "\n", "x", "HAGA CLIC AQUÍ", "clİck", "clıck", "“", "’"]
    for text in _LINES + ["".join(rng.choice(parts) for _ in range(rng.randint(1, 10))) for _ in range(5000)]:
        new, n = promo.INLINE.subn("", text)
        assert promo.strip_inline(text) == ((new.strip(), n) if n else (text, 0)), text
    # the gate's claim: no other character matches a phrase's letter ignoring case without
    # lower-casing to it
    every = "".join(map(chr, range(0x110000)))
    for c in set("".join(promo._CLICK_PHRASES)) - {" "}:
        odd = [x for x in re.findall(re.escape(c), every, re.I) if x.lower() != c]
        assert set(odd) <= set(ODD_CASE), (c, odd)


def _plain_runs(lines: list[Line]) -> None:
    i, n = 0, len(lines)
    while i < n:
        j = i
        while j < n and navigation._short(lines[j]) and (j == i or not lines[j].blank_before):
            j += 1
        if j - i >= navigation.RUN_MIN:
            for line in lines[i:j]:
                if line.reason is None:
                    line.reason = Reason.NAVIGATION
        i = max(j, i + 1)


def test_menu_runs_are_the_plain_runs():
    rng = random.Random(6)
    for _ in range(300):
        made = [Line(rng.choice(_LINES[:200] + ["A", "B.", "C", "D"]), i, rng.random() < 0.3) for i in range(rng.randint(0, 30))]
        for line in made:
            if rng.random() < 0.1:
                line.reason = Reason.SHARE
        fast = [Line(l.text, l.index, l.blank_before, l.reason) for l in made]
        plain = [Line(l.text, l.index, l.blank_before, l.reason) for l in made]
        navigation.mark_runs(fast)
        _plain_runs(plain)
        assert _verdicts(fast) == _verdicts(plain)


@needs_benchmark
def test_fast_paths_on_the_benchmark_pages():
    import json

    with open(BENCHMARK / "scraped-browser.jsonl", encoding="utf-8") as f:
        pages = [json.loads(line)["text"] for line in f if line.strip()][:60]
    for text in pages:
        lines = split_lines(text)
        assert [(l.text, l.index, l.blank_before, l.words) for l in lines] == _plain_split(text)
        plain = [Line(l.text, l.index, l.blank_before, words=l.words) for l in lines]
        RULES.mark(lines)
        _plain_mark(RULES.rules, plain)
        assert _verdicts(lines) == _verdicts(plain)


@pytest.mark.parametrize(
    "source",
    [r"(?:ab)?c|d", r"x*y", r"(a|)b", r"\s*[(]x", r"^(?:(?:ab|c)d)", r"\b(?:ab|^c)", r"^\bx", r"(?:x|y)?(?:z|q)+w",
     r"[abc]d|e", r"[^a]b", r"a{0,2}b", r"(?=a)ab|c", r"\bé|\bà", r"^©|^\(c\)", r"(?:a(?:b|)){2}c", r"$|a"],
)
def test_guarded_finds_what_the_pattern_finds(source):
    rng = random.Random(7)
    pattern, plain = _rules.guarded(source, re.I), re.compile(source, re.I)
    texts = ["".join(rng.choice("abcdexyzqw ()©éÀ\n") for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    for text in texts:
        for method in ("search", "match", "fullmatch"):
            a, b = getattr(pattern, method)(text), getattr(plain, method)(text)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (source, text)


def test_credit_word_gate_is_the_pattern():
    words = ["credit", "credits", "photo", "photos", "photograph", "photographs", "image", "picture", "pic",
             "illustration", "source", "foto", "fotos", "fotografie", "fotografía", "fotografia", "bild", "bilder",
             "quelle", "crédit", "crédits", "crédito", "imagen", "immagine", "zdjęcie", "fot.", "źródło", "beeld"]
    assert all(re.fullmatch(captions.CREDIT_WORDS, w) for w in words)
    assert all(any(p in w for p in captions._CREDIT_PIECES) for w in words)
    every = "".join(map(chr, range(0x110000)))
    for c in set("".join(captions._CREDIT_PIECES)) - {"."}:
        assert {x for x in re.findall(re.escape(c), every, re.I) if x.lower() != c} <= set(ODD_CASE)
    rng = random.Random(6)
    parts = words + [w.upper() for w in words] + ["PHOTO", "Credıt", "ſource", ":", "|", " ", "by", "Jane Doe", "x"]
    for _ in range(5000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 8)))
        if captions._SEPARATED_CREDIT.match(text[::-1]):
            assert captions._may_hold_credit_word(text), text


def test_quantity_run_is_not_a_menu():
    ingredients = "\n".join(["250 g Butter", "200 g Zucker", "4 Eier", "400 g Mehl", "1 TL Zimt"])
    assert reasons(f"{ingredients}\n\n{PROSE}") == [None] * 6
    menu = "\n".join(["Rezepte", "Backen", "Kochen", "2024", "Kontakt"])
    assert reasons(f"{menu}\n\n{PROSE}") == ["navigation"] * 5 + [None]
