"""Fragment joiner: rejoins sentences broken at inline elements, leaves paragraphs and headlines apart."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleaners.joiner import join_decisions, join_fragments
from cleaners.lines import Line, split_lines

SHARED = Path(__file__).parents[1] / ".." / "shared"
EN = frozenset({"the", "a", "of", "to", "and", "in", "for", "by", "with", "on", "at", "is"})


def texts(raw: str) -> list[str]:
    return [l.text for l in join_fragments(split_lines(raw), EN)]


def test_rejoins_a_sentence_broken_at_two_links():
    raw = (
        "Headline about the company\n\n"
        "The\ncompany shelved its plans\n for an initial public offering on September 30 after investors grew wary.\n\n"
        "A second paragraph that stands on its own and ends with a full stop.\n"
    )
    out = texts(raw)
    assert out == [
        "Headline about the company",
        "The company shelved its plans for an initial public offering on September 30 after investors grew wary.",
        "A second paragraph that stands on its own and ends with a full stop.",
    ]


def test_link_in_the_middle_of_a_sentence_and_closing_punctuation():
    raw = "Earlier this year, Johnston told\nBillboard\n, in an interview, that the tour would go on.\n"
    assert texts(raw) == ["Earlier this year, Johnston told Billboard, in an interview, that the tour would go on."]


def test_does_not_join_two_paragraphs_without_blank_line():
    raw = "The first paragraph ends here with a stop.\nThe second paragraph starts with a capital letter.\n"
    assert texts(raw) == ["The first paragraph ends here with a stop.", "The second paragraph starts with a capital letter."]


def test_does_not_join_headline_to_paragraph():
    raw = "Overcrowded conditions worsen risk\nThe doctors offering to operate the clinic said the risk was high.\n"
    assert len(texts(raw)) == 2
    raw = "Overcrowded conditions worsen risk\n\nthe doctors offering to operate the clinic said the risk was high.\n"
    assert len(texts(raw)) == 2  # a blank line always separates


def test_lowercase_menu_is_not_joined():
    raw = "home page\nworld\nsports\nbusiness\nopinion\n"
    assert len(texts(raw)) == 5


def test_teaser_heading_ending_in_a_stop_word_is_not_joined_to_the_headline_below():
    stop = EN | {"also", "more", "auch", "sie"}
    for heading in ("See also", "Read more", "Lesen Sie auch", "Czytaj także"):
        raw = f"{heading}\nCouncil approves the new cycle path along the river road\nSecond teaser headline here\n"
        assert [l.text for l in join_fragments(split_lines(raw), stop)][0] == heading
    # nor as a link in the middle of a sentence, when the first headline ends in a stop word
    raw = "Czytaj także\nNowe ścieżki rowerowe w centrum miasta\nRemont dworca potrwa dłużej\n"
    assert [l.text for l in join_fragments(split_lines(raw), stop | {"miasta"})][0] == "Czytaj także"
    # an ordinary line ending in a stop word still continues into the next one
    raw = "Officials said the plan would also\nCouncil approves the new cycle path along the river road.\n"
    assert len(join_fragments(split_lines(raw), stop)) == 1


def test_a_comment_section_opener_is_not_joined_to_the_first_comment():
    raw = ("Permalink 34 Comments Feed for comments Back to top\n34 responses to “A headline about the game”\n"
           "thelastfan says:\nNovember 19, 2019 at 6:34 am\n")
    assert [l.text for l in join_fragments(split_lines(raw), EN | {"top"})][:3] == [
        "Permalink 34 Comments Feed for comments Back to top", "34 responses to “A headline about the game”", "thelastfan says:"]


def test_german_teaser_block_inside_an_article_is_removed():
    from cleaners import clean_text

    body = [
        "Die Entscheidung fiel mit deutlicher Mehrheit: 31 Stadträtinnen und Stadträte stimmten für das Projekt, "
        "neun dagegen. Der neue Radweg soll auf einer Länge von knapp drei Kilometern entlang der Uferstraße verlaufen.",
        "„Wir haben lange darüber gestritten, aber am Ende überwiegen die Vorteile“, sagte die Oberbürgermeisterin "
        "nach der Sitzung. Die Kosten werden auf rund 4,2 Millionen Euro geschätzt, die Hälfte davon aus Fördermitteln.",
        "Kritik kam vor allem von Anwohnern, die den Wegfall von Parkplätzen befürchten. Nach den aktuellen Plänen "
        "fallen rund 120 Stellplätze weg, und die Verwaltung will im Gegenzug die Tarife für Anwohner senken.",
    ]
    teasers = ["Lesen Sie auch", "Neue Buslinie verbindet die Nordstadt und das Zentrum", "Baustelle am Marktplatz dauert länger"]
    raw = "Stadtrat beschließt neuen Radweg\n\n" + "\n\n".join(body[:2]) + "\n\n" + "\n".join(teasers) + "\n\n" + body[2] + "\n"
    doc = clean_text(raw, url="https://www.stadtanzeiger.example/lokales/radweg")
    assert not any(t in doc.text for t in teasers)
    assert all(p[:40] in doc.text for p in body)
    assert doc.removed.get("teaser", 0) >= 1


def test_caption_and_credit_are_not_joined():
    raw = "Above: A coworking space in San Francisco.\nImage Credit: WeWork\n"
    assert len(texts(raw)) == 2


def test_indices_and_blank_before():
    lines = join_fragments(split_lines("Intro line\n\nThe\nsentence goes on here and on and on.\n\nEnd."), EN)
    assert [l.index for l in lines] == [0, 1, 2]
    assert all(l.blank_before for l in lines)
    assert join_decisions([], EN) == []


def test_guesses_stopwords_when_none_given():
    raw = "Die Regierung hat am Montag\nneue Regeln\nfür den Verkehr beschlossen, die ab Januar gelten.\n"
    out = [l.text for l in join_fragments(split_lines(raw))]
    assert out == ["Die Regierung hat am Montag neue Regeln für den Verkehr beschlossen, die ab Januar gelten."]


def test_bs4_dev_pages_have_fewer_lines_and_keep_every_token():
    path = SHARED / "benchmark" / "scraped-bs4.jsonl"
    if not path.exists():
        pytest.skip(f"benchmark data not available at {path}")
    import re

    tok = re.compile(r"\w+")
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(next(f)) for _ in range(10)]
    for r in rows:
        lines = split_lines(r["text"])
        joined = join_fragments(split_lines(r["text"]))
        assert len(joined) <= len(lines)
        assert tok.findall(" ".join(l.text for l in joined)) == tok.findall(" ".join(l.text for l in lines))


def test_punctuation_only_fragments_are_attached():
    raw = "A paragraph of article text that ends here.\n\n[\nEngadget\n]\n\nThe next paragraph starts here and goes on.\n"
    assert texts(raw) == [
        "A paragraph of article text that ends here.",
        "[Engadget]",
        "The next paragraph starts here and goes on.",
    ]


def test_joined_line_word_count_matches_its_text():
    from cleaners.lines import word_count

    for line in join_fragments(split_lines("The\ncompany shelved its plans\n, for now, after the vote.\n"), EN):
        assert line.words == word_count(line.text)


# ---------------------------------------------------------------- the previous implementation, as reference
# The fast join_decisions must decide exactly as the straightforward version it replaced.

_WORD = re.compile(r"\w+")


def _reference_ends_sentence(text):
    if text.endswith(tuple(".!?…:;。！？")):
        return True
    if text.endswith(tuple("\"'”’»)")) and len(text) > 1:
        return text[:-1].rstrip(" \"'”’»)").endswith(tuple(".!?…:;。！？"))
    return False


def _reference_strong(a, b, stop):
    from cleaners.joiner import _opens_block

    return _reference_boundary(a, b, stop) and not _opens_block(Line(a, 0, True))


def _reference_boundary(a, b, stop):
    c = b[0]
    if c.islower():
        return True
    if c in frozenset(",.;:)!?%]’”»”›」』、。，") and not b.startswith(("...", "…")):
        return True
    if a.endswith(tuple("(,[“‘„«‹/–—-&+")) and not a.endswith((" -", " –", " —", " /", " |")):
        return True
    if _reference_ends_sentence(a):
        return False
    words = _WORD.findall(a)
    if not words:
        return False
    last = words[-1]
    if last.islower() and last in stop:
        return True
    return len(words) == 1 and last.lower() in stop and last[:1].isupper()


def _reference_join_decisions(lines, stop):
    from cleaners.joiner import MAX_LINK_WORDS, MIN_CHAIN_WORDS, MIN_LONG_FRAGMENT, _opens_block

    n = len(lines)
    out = [False] * n
    texts = [l.text for l in lines]
    strong = [False] * n
    for i in range(1, n):
        if not lines[i].blank_before:
            strong[i] = _reference_strong(texts[i - 1], texts[i], stop)
    for i in range(1, n):
        if lines[i].blank_before:
            continue
        if strong[i] or (i + 1 < n and strong[i + 1] and not _reference_ends_sentence(texts[i - 1])
                         and len(_WORD.findall(texts[i])) <= MAX_LINK_WORDS and not _opens_block(lines[i - 1])):
            out[i] = True
    i = 0
    while i < n:
        if i + 1 < n and out[i + 1]:
            j = i + 1
            while j + 1 < n and out[j + 1]:
                j += 1
            counts = [len(_WORD.findall(texts[k])) for k in range(i, j + 1)]
            ok = (max(counts) >= MIN_LONG_FRAGMENT or sum(1 for c in counts if c) <= 1
                  or (sum(counts) >= MIN_CHAIN_WORDS
                      and any(re.search(r"[.,!?;:…。，、]", texts[k]) for k in range(i, j + 1))))
            if not ok:
                for k in range(i + 1, j + 1):
                    out[k] = False
            i = j + 1
        else:
            i += 1
    return out


def _reference_join_fragments(lines, decisions):
    out = []
    for line, c in zip(lines, decisions):
        if c and out:
            a, b = out[-1][0], line.text
            glue = b[0] in frozenset(",.;:)!?%]’”»”›」』、。，") or a.endswith(("(", "[", "“", "‘", "„", "«", "/"))
            out[-1] = (a + b if glue else a + " " + b, out[-1][1], out[-1][2] + line.words)
        else:
            out.append((line.text, line.blank_before, line.words))
    return out


def _random_pages(seed, count):
    import random

    rng = random.Random(seed)
    vocab = ("the of and to in a is The A Der die und und. Home News Billboard told said, ( ) [ ] “ ” ’ « » "
             "- – — / | & + , . ; : ! ? … 。 ， 、 ... ’s x_y 2024 Σ ΟΔΟΣ İ \u212aind 😀 𝐀𝐁").split()
    for _ in range(count):
        texts = []
        for _ in range(rng.randint(1, 40)):
            k = rng.choice([1, 1, 2, 3, 6, 12, 30])
            t = " ".join(rng.choice(vocab) for _ in range(k))
            if rng.random() < 0.1:
                t = "word " * rng.randint(10, 30) + rng.choice(["the", "The", "of.", "x" * 70, ")" * 70, "—"])
            texts.append(t)
        yield [Line(t, i, rng.random() < 0.3) for i, t in enumerate(texts)]


def _dev_pages(limit):
    for name in ("scraped-bs4.jsonl", "scraped-browser.jsonl"):
        path = SHARED / "benchmark" / name
        if path.exists():
            with open(path, encoding="utf-8") as f:
                for _, row in zip(range(limit), f):
                    yield split_lines(json.loads(row)["text"])


def test_join_decisions_and_fragments_are_the_reference():
    from cleaners.linemodel import page_stopwords

    pages = list(_random_pages(1, 300)) + list(_dev_pages(15))
    for lines in pages:
        for stop in (EN, page_stopwords(lines)):
            want = _reference_join_decisions(lines, stop)
            got = join_decisions(lines, stop)
            assert got == want, [l.text for l in lines]
            fresh = [Line(l.text, l.index, l.blank_before, words=l.words) for l in lines]
            joined = join_fragments(fresh, decisions=got)
            assert [(l.text, l.blank_before, l.words) for l in joined] == _reference_join_fragments(lines, got)


def test_sentence_ends_and_last_words():
    from cleaners.joiner import _ends_sentence, _last_word

    for text in ["", "a", ".", "x.", "x.\"", "x\"", "\"", "Quote.” ", "Wait!) ", "end .)”»", "no ) end", "(",
                 "x." + ")" * 80]:
        assert _ends_sentence(text) == _reference_ends_sentence(text), text
    for text in ["", "...", "one", "one two", "end of the", "x" * 70, "y " + "x" * 70, "word" + ")" * 70,
                 "w " * 40 + "last!", "a_b", "Σ 😀", "🙂" * 80]:
        words = _WORD.findall(text)
        found = _last_word(text)
        if not words:
            assert found is None
        else:
            last, start = found
            assert last == words[-1] and text[start:].startswith(last)
            assert len(_WORD.findall(text[:start])) == len(words) - 1


def test_unjoined_lines_are_the_same_objects_reindexed():
    lines = split_lines("Intro line\n\nThe\ncompany shelved its plans\n, for now, after the vote of the board.\n\nEnd.")
    out = join_fragments(lines, EN)
    assert out[0] is lines[0] and out[-1] is lines[-1]
    assert [l.index for l in out] == [0, 1, 2]
    assert out[1].text == "The company shelved its plans, for now, after the vote of the board."
