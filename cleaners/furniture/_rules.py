"""Small helpers the furniture modules share: compile rule lists, test short lines."""

from __future__ import annotations

import re
from re import _constants as _C, _parser as _sre_parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from cleaners.document import Reason
from cleaners.lines import STEM, Line, latin1_trigger_tokens, trigger_tokens

MAX_WORD_CHARS = 40  # a "short" line is also short in characters (symbols are not words)
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
# A `RuleSet` remembers its verdict per line text (and word count), up to so many characters
# of line text in all (then it forgets them all): a page is marked twice, and dumps repeat chrome.
MEMO_CHARS = 4_000_000


def compile_any(patterns: Iterable[str], *, anchored: bool = False) -> re.Pattern[str]:
    """One case-insensitive alternation of the given patterns (optionally anchored at the start).

    The alternation is compiled behind a guard that matches nothing itself (see `guarded`): the
    pattern finds the same matches, it only gives up sooner where none can start."""
    body = "|".join(f"(?:{p})" for p in patterns)
    return guarded(("^(?:" + body + ")") if anchored else body, re.IGNORECASE)


def guarded(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, preceded by a look-ahead for the characters a match can start
    with, and by a word boundary when every match starts at one (as "\\bsubscribe" does).

    Python's regex engine tries every alternative of an alternation at every position; the
    guard rejects most positions (inside words, at other letters) with one cheap test, so a
    search over a line or a failing full match costs a fraction. The guard is zero-width and
    implied by the pattern, so matches, spans and groups are those of the pattern itself. When
    the first characters cannot be read off the pattern (a class, a wildcard, an empty match),
    the pattern is compiled as it is."""
    try:
        items = list(_sre_parse.parse(source, flags))
        first = _first(items)
        guard = ""
        if _at_boundary(items):
            guard = r"\b"
        if first is not None and not first[1] and first[0]:
            guard += "(?=[" + "".join(re.escape(c) for c in sorted(first[0])) + "])"
        if not guard:
            return re.compile(source, flags)
        if items and items[0] == (_C.AT, _C.AT_BEGINNING):
            guard = "^" + guard  # matches start at 0 only: say so first, so a search gives up at once
        return re.compile(guard + "(?:" + source + ")", flags)
    except Exception:  # the parser is Python's own (private) one: if it changes, no guard
        return re.compile(source, flags)


_WORD_CHAR = re.compile(r"\w")


def _first(items: list) -> tuple[set[str], bool] | None:
    """The characters a match of the parsed sequence can start with, and whether it can be
    empty; None when not known (only literals, classes of literals, groups, alternations and
    repeats are read; anchors and boundaries are zero-width)."""
    chars: set[str] = set()
    for op, av in items:
        if op is _C.AT:
            continue
        if op is _C.LITERAL:
            chars.add(chr(av))
            return chars, False
        if op is _C.IN:
            if not all(o is _C.LITERAL for o, _ in av):
                return None
            chars.update(chr(a) for _, a in av)
            return chars, False
        if op is _C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None
            found = _first(list(sub))
        elif op is _C.BRANCH:
            found = (set(), False)
            for alternative in av[1]:
                each = _first(list(alternative))
                if each is None:
                    return None
                found[0].update(each[0])
                found = (found[0], found[1] or each[1])
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            low, _high, sub = av
            found = _first(list(sub))
            if found is not None and low == 0:
                found = (found[0], True)
        else:
            return None
        if found is None:
            return None
        chars.update(found[0])
        if not found[1]:
            return chars, False
    return chars, True


def _at_boundary(items: list) -> bool:
    """Whether every match of the parsed sequence starts at a word boundary: at a \\b, or at a ^
    before a word character."""
    for k, (op, av) in enumerate(items):
        if op is _C.AT:
            if av is _C.AT_BOUNDARY:
                return True
            if av is _C.AT_BEGINNING:
                first = _first(items[k + 1 :])
                return first is not None and not first[1] and all(_WORD_CHAR.match(c) for c in first[0])
            return False
        if op is _C.SUBPATTERN:
            return not (av[1] or av[2]) and _at_boundary(list(av[3]))
        if op is _C.BRANCH:
            return all(_at_boundary(list(alternative)) for alternative in av[1])
        return False
    return False


def matcher(pattern: re.Pattern[str], method: str = "search") -> Callable[[str], bool]:
    """`bool(pattern.<method>(text))` as a function: "search", "match" or "fullmatch".

    For an ASCII text it asks a case-sensitive twin of the pattern about the lower-cased text
    instead, when every character test of the pattern gives the same answer for an ASCII
    character without regard to case as for its lower case with regard to case (so both find
    the same matches): without IGNORECASE the engine passes over alternatives by their first
    letter. Patterns that fail the check (an upper-case letter, an escape the check cannot read)
    are always asked themselves."""
    ask = getattr(pattern, method)
    twin = _lower_case_twin(pattern)
    if twin is None:
        return lambda text: ask(text) is not None
    ask_lower = getattr(twin, method)

    def test(text: str) -> bool:
        if text.isascii():
            return ask_lower(text.lower()) is not None
        return ask(text) is not None

    return test


def _lower_case_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    if not pattern.flags & re.IGNORECASE:
        return None
    try:
        if not _case_free(list(_sre_parse.parse(pattern.pattern, pattern.flags))):
            return None
        return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    except Exception:
        return None


def _case_free(items: list) -> bool:
    """Whether each character test of the parsed pattern is the same on ASCII text ignoring case
    and on lower-cased ASCII text minding case (see `matcher`)."""
    for op, av in items:
        if op is _C.LITERAL:
            test = re.escape(chr(av))
        elif op is _C.NOT_LITERAL:
            test = "[^" + re.escape(chr(av)) + "]"
        elif op is _C.IN:
            test = _class_source(av)
            if test is None:
                return False
        elif op in (_C.ANY, _C.AT):
            continue
        elif op is _C.SUBPATTERN:
            if av[1] or av[2] or not _case_free(list(av[3])):
                return False
            continue
        elif op is _C.BRANCH:
            if not all(_case_free(list(alternative)) for alternative in av[1]):
                return False
            continue
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            if not _case_free(list(av[2])):
                return False
            continue
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if not _case_free(list(av[1])):
                return False
            continue
        else:
            return False
        if not _same_on_ascii(test):
            return False
    return True


_CATEGORIES = {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W",
}


def _class_source(items: list) -> str | None:
    """A parsed character class written back as a pattern (None for what this does not know)."""
    out = []
    for op, av in items:
        if op is _C.NEGATE and not out:
            out.append("^")
        elif op is _C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is _C.RANGE:
            out.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is _C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            return None
    return "[" + "".join(out) + "]"


_ASCII = "".join(map(chr, range(128)))
_ASCII_LOWER = _ASCII.lower()
_same_tests: dict[str, bool] = {}


def _same_on_ascii(test: str) -> bool:
    """Whether a one-character pattern takes an ASCII character ignoring case exactly when it
    takes its lower case minding case."""
    same = _same_tests.get(test)
    if same is None:  # a one-character test matches one character at a time: compare where
        ignoring = [m.start() for m in re.finditer(test, _ASCII, re.IGNORECASE)]
        same = _same_tests[test] = ignoring == [m.start() for m in re.finditer(test, _ASCII_LOWER)]
    return same


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def triggers(words: str) -> frozenset[str]:
    """Trigger words for a `Rule`'s gate: whole lower-case words, or stems of their first STEM letters."""
    out = set()
    for w in words.split():
        w = w.lower()
        out.add(w[:STEM] if len(w) > STEM else w)
        out.add(w)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Rule:
    """A single-line rule: lines of at most `max_words` words (and, with a `gate`, holding one of
    its trigger words) for which `test(line)` is true are furniture of kind `reason`.

    `test` looks at the line's text only (its words and keys follow from the text), never at
    its neighbours, index, `blank_before`, reason or role: `RuleSet` remembers its verdicts by
    text."""

    reason: Reason
    test: Callable[[Line], bool]
    max_words: int | None = None
    gate: frozenset[str] | None = None
    # Characters one of which the text holds whenever `test` is true (a shortcut, not a rule:
    # lines without any are not tested).
    needs: str | None = None

    def applies(self, line: Line) -> bool:
        if self.max_words is not None and (
            line.words > self.max_words or len(line.text) > self.max_words * MAX_WORD_CHARS
        ):
            return False
        return self.test(line)


MAX_PIECES = 24  # see RuleSet: checking more pieces costs more than reading the words


def _shortest_pieces(words: Iterable[str], limit: int) -> tuple[str, ...] | None:
    """The words none of the others is a piece of (a text holds one of the words as a piece
    exactly when it holds one of these), or None when there are more than `limit`."""
    pieces: list[str] = []
    for word in sorted(set(words), key=len):
        if not any(piece in word for piece in pieces):
            if len(pieces) == limit:
                return None
            pieces.append(word)
    return tuple(pieces)


_HEAD = itemgetter(slice(None, STEM))  # a token's first STEM letters
# The characters whose lower case holds a basic Latin letter (U+0130 "İ" lower-cases to "i" and
# a dot, U+212A the Kelvin sign to "k").
_LATIN_LETTER = re.compile("[A-Za-z\u0130\u212a]")


class RuleSet:
    """Rules in priority order, indexed by trigger word: each line is tested only against the
    ungated rules and the rules one of whose trigger words it holds, in order; the first rule
    that applies marks it.

    A line is judged through a plan made beforehand for its size: the rules whose `max_words`
    admit its words and characters, each with its gate bit (and, for lines without any of the
    rules' `needs` characters, without the rules that need one). The line's trigger words are
    looked up only when a gated rule comes, and the verdict is remembered by (text, word count).
    """

    def __init__(self, rules: Iterable[Rule]):
        self.rules = tuple(rules)
        self.ungated = frozenset(i for i, r in enumerate(self.rules) if r.gate is None)
        index: dict[str, set[int]] = {}
        for i, rule in enumerate(self.rules):
            for word in rule.gate or ():
                index.setdefault(word, set()).add(i)
        self.index = {w: frozenset(ids) for w, ids in index.items()}
        self.max_words = max((r.max_words or 10**9) for r in self.rules) if self.rules else 0
        # Gated rule i is bit 1 << i of a line's gate mask; a trigger word opens the rules of its
        # mask. Latin-1 trigger words also as bytes, for the lines `latin1_trigger_tokens` reads.
        self._gates = {w: sum(1 << i for i in ids) for w, ids in self.index.items()}
        self._gate_words = frozenset(self._gates)
        self._latin1_gates = {w.encode("latin-1"): m for w, m in self._gates.items() if max(w, default="") <= "\xff"}
        self._latin1_gate_words = frozenset(self._latin1_gates)
        # A trigger word is a piece of the lower-cased text, so a text can only hold one that
        # has a basic Latin letter when it has one of `_LATIN_LETTER` (see `_gate_mask`).
        self._gates_need_latin = all(re.search("[a-z]", w) for w in self._gates)
        # Rule i admits a line of w words and n characters when w <= max_words and
        # n <= max_words * MAX_WORD_CHARS, that is when max_words >= max(w, ceil(n / MAX_WORD_CHARS)):
        # plan k holds the rules that admit that size k; sizes from `_cap` on only the unlimited ones.
        # Each plan comes in two: every rule it holds, and (None when it is the same) those
        # that need none of `_needs` characters.
        limits = [r.max_words for r in self.rules if r.max_words is not None]
        self._cap = max(limits, default=-1) + 1
        needs = "".join(sorted({c for r in self.rules for c in r.needs or ""}))
        self._needs = tuple(needs)
        # With few gated rules in a plan (long lines), a line that holds none of their trigger
        # words as a piece of its lower-cased text holds none as a word, and is not read further.
        plans = []
        pieces_of: dict[tuple[int, ...], tuple[str, ...] | None] = {}  # by the gated rules admitted
        for k in range(self._cap + 1):
            admitted = [(i, r) for i, r in enumerate(self.rules) if r.max_words is None or r.max_words >= k]
            every = tuple((r.test, r.reason, 0 if r.gate is None else 1 << i) for i, r in admitted)
            plain = tuple((r.test, r.reason, 0 if r.gate is None else 1 << i) for i, r in admitted if not r.needs)
            gated = tuple(i for i, r in admitted if r.gate is not None)
            if gated not in pieces_of:
                pieces_of[gated] = _shortest_pieces((w for i in gated for w in self.rules[i].gate), MAX_PIECES)
            plans.append((every, plain if len(plain) < len(every) else None, pieces_of[gated]))
        self._plans = tuple(plans)
        self._memo: dict[str, tuple[int, Reason | None]] = {}  # text -> (words, verdict)
        self._memo_chars = 0

    def mark(self, lines: list[Line]) -> None:
        memo, max_words = self._memo, self.max_words
        for line in lines:
            words = line.words
            if line.reason is not None or words > max_words:
                continue
            if line._keys is None:  # keys not taken yet: the verdict follows from text and words
                seen = memo.get(line.text)
                if seen is not None and seen[0] == words:
                    reason = seen[1]
                else:
                    reason = self.judge(line)
                    if self._memo_chars > MEMO_CHARS:
                        memo.clear()
                        self._memo_chars = 0
                    memo[line.text] = (words, reason)
                    self._memo_chars += len(line.text)
            else:
                reason = self.judge(line)
            if reason is not None:
                line.reason = reason

    def judge(self, line: Line) -> Reason | None:
        """The reason of the first rule that applies to the line, or None."""
        w = line.words
        if w < 0:
            for rule in self.rules:
                if (rule.gate is None or not rule.gate.isdisjoint(line.keys)) and rule.applies(line):
                    return rule.reason
            return None
        text = line.text
        size = -(-len(text) // MAX_WORD_CHARS)
        if size < w:
            size = w
        plan, plain, pieces = self._plans[size if size < self._cap else self._cap]
        if plain is not None and not any(map(text.__contains__, self._needs)):
            plan = plain
        hits = -1
        if pieces is not None and line._keys is None:
            low = text.lower()
            if not any(map(low.__contains__, pieces)):
                hits = 0
        for test, reason, bit in plan:
            if bit:
                if hits < 0:
                    hits = self._gate_mask(line)
                if not hits & bit:
                    continue
            if test(line):
                return reason
        return None

    def _gate_mask(self, line: Line) -> int:
        """The gated rules (bits) one of whose trigger words the line holds."""
        mask = 0
        if line._keys is not None:
            gates = self._gates
            for word in self._gate_words.intersection(line._keys):
                mask |= gates[word]
            return mask
        tokens = latin1_trigger_tokens(line.text)
        if tokens is not None:
            words, gates = self._latin1_gate_words, self._latin1_gates
            if words.isdisjoint(tokens) and words.isdisjoint(map(_HEAD, tokens)):  # a short token is its own head
                return 0
            heads = map(_HEAD, tokens)
        elif self._gates_need_latin and _LATIN_LETTER.search(line.text) is None:
            return 0
        else:
            words, gates = self._gate_words, self._gates
            tokens, heads = trigger_tokens(line.text)
        for word in words.intersection(tokens):
            mask |= gates[word]
        for word in words.intersection(heads):
            mask |= gates[word]
        return mask
