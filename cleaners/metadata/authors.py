"""Authors: person names from bylines and structured data.

`clean_authors(raw_values, not_persons=...)` turns raw author strings into a deduplicated
list of person names. Steps, in order: decode entities -> drop e-mails, urls, @handles
-> drop byline prefixes ("By", "Von", "Par", "Por", "Di", "Door", ...) -> split on
"," ";" "&" "and"/"und"/"et"/"y"/"i"/"e"/"en" -> drop roles ("Staff Writer",
"Correspondent", ...) and honorifics -> drop organisations, agencies and the site's own
name -> keep what has the shape of a person's name (2-5 words, capitalised).

`byline(text)` reads one line of text as a byline and returns the names on it (or None).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from cleaners.metadata._regex import trie

# ---------------------------------------------------------------- data

# Words that introduce a byline, many languages (matched case-insensitively at the start).
BYLINE_PREFIXES = (
    "by", "written by", "words by", "story by", "text by", "reporting by", "report by",
    "analysis by", "opinion by", "commentary by", "interview by", "posted by", "authored by",
    "compiled by", "edited by", "reviewed by", "fact checked by", "photos by", "author",
    "authors", "author by", "byline", "von", "text von", "ein beitrag von", "verfasst von",
    "autor", "autorin", "autoren", "autorzy", "autorka", "par", "texte", "rédigé par",
    "por", "escrito por", "texto", "di", "a cura di", "scritto da", "door", "tekst",
    "av", "af", "przez", "napisał", "napisała", "oleh", "kirjoittaja", "текст", "автор",
)
# Joins between two names, many languages.
NAME_JOINS = ("and", "und", "et", "y", "e", "i", "en", "og", "och", "ja", "a", "oraz", "&")
# Roles and titles that follow or precede a name ("Jane Doe, Staff Writer").
ROLE_WORDS = (
    "staff writer", "staff reporter", "senior writer", "writer", "reporter", "correspondent",
    "contributor", "contributing writer", "contributing editor", "columnist",
    "opinion columnist", "editor", "senior editor", "deputy editor", "managing editor",
    "editor-in-chief", "editor at large", "news editor", "associate editor", "staff",
    "freelance writer", "special correspondent", "chief correspondent", "political editor",
    "science editor", "analyst", "senior analyst", "critic", "film critic", "guest author",
    "guest writer", "contributor", "photographer", "journalist", "redakteur", "redakteurin",
    "korrespondent", "korrespondentin", "autor", "autorin", "redaktion", "journaliste",
    "rédacteur", "rédactrice", "envoyé spécial", "envoyée spéciale", "correspondant",
    "correspondante", "corresponsal", "periodista", "redactor", "redactora", "enviado especial",
    "dziennikarz", "dziennikarka", "korespondent", "redaktor", "giornalista", "inviato",
    "redacteur", "verslaggever", "correspondent",
)
# Honorifics and credentials dropped from names.
HONORIFICS = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|mx|sir|dame|herr|frau|mme|mlle|m|sr|sra|"
                        r"dott|dottssa|ing|mag|dipl)\.?\s+)+", re.I)
CREDENTIALS = re.compile(r"(?:,?\s+(?:md|phd|ph\.d\.|rdn|rd|ms|msc|mba|cpa|jr\.?|sr\.?|ii|iii|"
                         r"cfa|rn|dds|esq\.?|ld|cde|cscs|facs|mph|ma|ba|bsc))+\.?$", re.I)
# Organisations and news agencies: never persons (general, not site-specific).
AGENCIES = (
    "reuters", "thomson reuters", "associated press", "the associated press", "ap", "afp",
    "agence france-presse", "agence france presse", "dpa", "deutsche presse-agentur", "apa",
    "epd", "kna", "sid", "efe", "europa press", "ansa", "pap", "bloomberg", "bloomberg news",
    "upi", "xinhua", "tass", "ria novosti", "press association", "pa", "pa media", "ians",
    "pti", "ani", "cnn", "bbc", "bbc news", "aap", "kyodo", "yonhap", "belga", "anp", "sda",
    "keystone-sda", "ats", "tt", "ntb", "ritzau", "ctk", "mti", "news desk", "web desk",
    "newsroom", "editorial", "editorial staff", "editorial board", "editors", "staff",
    "admin", "administrator", "redaktion", "die redaktion", "la rédaction", "rédaction",
    "redacción", "redakcja", "redazione", "redactie", "guest", "guest author", "anonymous",
    "unknown", "team", "wires", "wire", "agencies", "agency", "news agencies",
)
# Words that mark an organisation name ("CNN Business", "HNN Staff", "Daily Mail Reporter").
ORG_WORD_LIST = (
    "news|press|media|staff|team|desk|bureau|agency|agencies|service|services|"
    "group|network|newsroom|inc|ltd|llc|gmbh|ag|corp|company|magazine|journal|times|post|"
    "daily|weekly|online|digital|radio|tv|television|channel|editorial|editors|reporter|"
    "redaktion|rédaction|redacción|redakcja|redazione|zeitung|nachrichten|tribune|herald|"
    "gazette|review|institute|university|association|foundation|council|ministry|"
    "department|office|club|blog|website|com|org|net|contributors|writers|wire|wires|"
    "report|reports|feed|online"
).split("|")
# (only ever asked whether it matches, so the tree's order of words does not matter)
ORG_WORDS = re.compile(rf"(?<!\w){trie(ORG_WORD_LIST)}(?!\w)", re.I)
# Lowercase particles allowed inside names.
PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du",
             "la", "le", "bin", "ibn", "al", "el", "y", "zu", "ten", "ter", "st", "af", "av",
             "mac", "ben", "bint", "abu", "des", "lo", "do"}
# Tokens that are never part of a name (UI words, common sentence words).
NOT_NAME_WORDS = {
    "home", "news", "sign", "login", "log", "subscribe", "share", "menu", "search", "more",
    "read", "the", "and", "or", "for", "with", "from", "about", "contact", "privacy", "terms",
    "cookie", "cookies", "policy", "follow", "us", "our", "your", "my", "all", "new", "top",
    "latest", "video", "videos", "photos", "photo", "image", "images", "gallery", "live",
    "sport", "sports", "business", "opinion", "world", "politics", "tech", "technology",
    "science", "health", "culture", "travel", "style", "food", "entertainment", "weather",
    "markets", "economy", "local", "national", "international", "comments", "comment",
    "advertisement", "advertising", "sponsored", "newsletter", "newsletters", "email",
    "print", "edition", "subscription", "account", "is", "are", "was", "in", "on", "at",
    "to", "of", "a", "an", "this", "that", "it", "he", "she", "they", "we", "you", "i",
    "not", "no", "yes", "free", "trial", "today", "now", "here", "click", "view", "show",
    "hide", "close", "open", "next", "previous", "back", "page", "pages", "section",
    "related", "recommended", "popular", "trending", "most", "story", "stories", "article",
    "articles", "podcast", "podcasts", "magazine", "blog", "blogs", "archive", "archives",
    "events", "jobs", "careers", "shop", "store", "deals", "review", "reviews", "guide",
    "guides", "features", "feature", "columns", "column", "analysis", "explainer",
    "startseite", "nachrichten", "suche", "anmelden", "abonnieren", "teilen", "mehr",
    "accueil", "recherche", "connexion", "partager", "inicio", "buscar", "compartir",
    "szukaj", "udostępnij", "zaloguj", "updated", "published", "posted", "min", "minute",
    "minutes", "ago", "hours", "days", "by", "von", "par", "por", "via", "source",
    "credit", "getty", "shutterstock", "copyright", "rights", "reserved", "twitter",
    "facebook", "instagram", "linkedin", "whatsapp", "youtube", "pinterest", "reddit",
    "tumblr", "rss", "de", "en", "fr", "es", "pl", "it", "writer", "writers", "reporter",
    "editor", "correspondent", "columnist", "contributor", "staff", "redakteur",
}

# Words of section names and headlines that look like names when capitalised.
_NOT_NAME_EXTRA = {
    "united", "states", "kingdom", "airshow", "marketing", "tips", "confidential", "sharing",
    "buttons", "reprints", "korea", "japan", "china", "india", "europe", "america", "africa",
    "asia", "australia", "germany", "france", "spain", "poland", "deutschland", "avenue",
    "weekend", "updates", "breaking", "exclusive", "download", "app", "apps", "online",
    "shopping", "offers", "coupon", "insider", "premium", "awards", "league", "championship",
    "election", "elections", "president", "government", "parliament", "congress", "senate",
    "police", "crisis", "climate", "coronavirus", "covid", "olympics", "house", "county",
}

# ---------------------------------------------------------------- patterns


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


EMAIL_RE = re.compile(r"\S+@\S+\.\w+")
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.I)
HANDLE_RE = re.compile(r"@\w+")  # after e-mails are removed: "@jdoe", "Jane Doe@jdoe"
PREFIX_RE = re.compile(rf"^\s*{trie(BYLINE_PREFIXES)}(?:\s*:\s*|\s+)(?=\S)", re.I)
PREFIX_ONLY_RE = re.compile(rf"^\s*{trie(BYLINE_PREFIXES)}\s*:?\s*$", re.I)
# (a join starts with a space, a separator or a full stop: the lookahead rejects other positions fast)
JOIN_RE = re.compile(rf"(?=[\s,;/|.])\s*(?:[,;/|]|(?<=[^\W\d_]{{3}})\.\s+|\s{trie(NAME_JOINS)}\s)\s*", re.I)
# ROLE_RE, ROLE_END_RE, ORG_WORDS: only ever asked whether they match (any word order will do).
ROLE_RE = re.compile(rf"^(?:(?:the|a|an|our|senior|chief|lead|deputy|associate|assistant|"
                     rf"contributing|staff|special|guest|freelance|political|foreign|"
                     rf"business|tech|technology|sports|science|health|food|travel|"
                     rf"entertainment|music|film|arts|fashion|markets|economics|"
                     rf"opinion|national|white house|washington|europe|asia)\s+)*"
                     rf"{trie(ROLE_WORDS)}s?(?:\s+(?:at|for|of|with|in)\s+.*)?$", re.I)
ROLE_TAIL_RE = re.compile(rf"\s+(?:[-–—|,]\s*)?(?:(?:senior|chief|staff|contributing|special|"
                          rf"guest|freelance|opinion|political|foreign)\s+)*"
                          rf"(?:{_alt(ROLE_WORDS)})s?(?:\s+(?:at|for|of|with|in)\s+.*)?$", re.I)
ROLE_END_RE = re.compile(rf"(?<!\w){trie(ROLE_WORDS)}s?$", re.I)
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.U)
_AGENCY_SET = {a.casefold() for a in AGENCIES}


_NON_WORD = re.compile(r"[\W_]+")
# Non-ASCII characters that are not word characters (punctuation, symbols, spaces, combining
# marks: no character with a non-zero combining class is alphanumeric). Written as a class and
# a repeat rather than "+" so that sre can skip ahead to the first one quickly.
_NON_ASCII_NON_WORD = re.compile(r"[^\w\x00-\x7f][^\w\x00-\x7f]*")
FOLD_CACHE_MAX_CHARS = 400  # longer strings are folded without caching (memory bound)


def _drop_combining(s: str) -> str:
    """`s` without its characters of non-zero combining class (they are all non-word
    characters: the few distinct ones in `s` are looked up one by one)."""
    for c in set(_NON_ASCII_NON_WORD.findall(s)):
        for ch in c:
            if unicodedata.combining(ch):
                s = s.replace(ch, "")
    return s


def _unaccent(s: str) -> str:
    """Lower-case, compatibility-decomposed, without combining marks (fold before the
    non-word characters go)."""
    if s.isascii():  # casefold is lower, NFKD is the identity, no combining marks
        return s.lower()
    s = unicodedata.normalize("NFKD", s.casefold())
    return s if s.isascii() else _drop_combining(s)


def _fold(s: str) -> str:
    return _NON_WORD.sub(" ", _unaccent(s)).strip()


_fold_cached = lru_cache(maxsize=16384)(_fold)


def fold(s: str) -> str:
    """Case- and accent-insensitive key: "José Müller" -> "jose muller"."""
    return _fold_cached(s) if len(s) <= FOLD_CACHE_MAX_CHARS else _fold(s)


# Fast keys: `compact(s)` is `fold(s)` without spaces, i.e. the word characters of
# `_unaccent(s)`, and every step acts on one character at a time (case folding has no context,
# decomposition is per character up to the order of combining marks, which all go as non-word
# characters). So a key is the text with: ASCII lower-cased and its non-alphanumeric bytes
# deleted (one bytes.translate); other text casefolded and decomposed, its non-ASCII non-word
# characters deleted, then its ASCII bytes likewise.
_ASCII_LOWER = bytes(range(256)).lower()
_ASCII_NON_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())
_ASCII_NON_ALNUM_BUT_NEWLINE = _ASCII_NON_ALNUM.replace(b"\n", b"")


def _compact_text(s: str, keep_newlines: bool = False) -> str:
    drop = _ASCII_NON_ALNUM_BUT_NEWLINE if keep_newlines else _ASCII_NON_ALNUM
    if s.isascii():
        return s.encode("ascii").translate(_ASCII_LOWER, drop).decode("ascii")
    s = _NON_ASCII_NON_WORD.sub("", unicodedata.normalize("NFKD", s.casefold()))
    return s.encode("utf-8").translate(None, drop).decode("utf-8")  # (no surrogate is left)


_compact_cached = lru_cache(maxsize=16384)(_compact_text)


def compact(s: str) -> str:
    """`fold(s)` without its spaces: "José Müller" -> "josemuller"."""
    return _compact_cached(s) if len(s) <= FOLD_CACHE_MAX_CHARS else _compact_text(s)


def compact_lines(texts: list[str]) -> list[str]:
    """`[compact(t) for t in texts]` in one pass over the joined texts: case folding,
    decomposition, dropping combining marks and non-word characters all act within a
    line (a newline is a starter and a non-word character), so the newline-joined result
    splits back into the lines' keys."""
    n = len(texts)
    joined = "\n".join(texts)
    if n == 0 or joined.count("\n") != n - 1:  # a text with a newline of its own
        return [compact(t) for t in texts]
    if joined.isascii():
        keys = _compact_text(joined, keep_newlines=True)
    else:
        data = joined.encode("utf-8", "surrogatepass")
        if len(data) - len(joined) > len(joined) // MOSTLY_ASCII:
            keys = _compact_text(joined, keep_newlines=True)
        else:  # mostly ASCII: its bytes in one pass, the runs of other characters one by one
            data = data.translate(_ASCII_LOWER, _ASCII_NON_ALNUM_BUT_NEWLINE)
            keys = _NON_ASCII_RUN.sub(_run_key, data).decode("utf-8")
    if keys.count("\n") != n - 1:
        return [compact(t) for t in texts]
    return keys.split("\n")


# A text counts as mostly ASCII when its UTF-8 has fewer than 1/MOSTLY_ASCII extra bytes.
MOSTLY_ASCII = 32
# In UTF-8, bytes of non-ASCII characters are all >= 0x80 and ASCII bytes never occur inside
# them: a run of such bytes is a run of whole characters, keyed on its own (per character).
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff][\x80-\xff]*")  # (not "+": a leading class lets sre skip ahead fast)


_RUN_KEYS: dict[bytes, bytes] = {}
RUN_KEYS_MAX = 4096


def _run_key(m: re.Match) -> bytes:
    run = m.group()
    key = _RUN_KEYS.get(run)
    if key is None:
        key = _compact_text(run.decode("utf-8", "surrogatepass")).encode("utf-8")
        if len(run) <= 64:  # (remembered: quotes, dashes, accented letters; not long runs)
            if len(_RUN_KEYS) >= RUN_KEYS_MAX:
                _RUN_KEYS.clear()
            _RUN_KEYS[run] = key
    return key


# ---------------------------------------------------------------- name shape


def is_agency(s: str) -> bool:
    f = fold(s)
    return f in _AGENCY_SET or (f.startswith("the ") and f[4:] in _AGENCY_SET)


def is_org(s: str) -> bool:
    return is_agency(s) or bool(ORG_WORDS.search(s))


_NOT_IN_NAME = re.compile(r"\d|[@#/\\:;!?()\[\]{}=+*<>|\"“”]")
_MC_CAPS = re.compile(r"(?:Mc|Mac|O')[A-Z]+")


def is_name(s: str, min_words: int = 2, max_words: int = 5) -> bool:
    """The shape of a person's name: 2-5 capitalised words (initials, particles, hyphens,
    apostrophes allowed; ALL CAPS allowed), no digits, no UI or sentence words."""
    if not s or len(s) > 60 or _NOT_IN_NAME.search(s):
        return False
    toks = s.split()
    if not (min_words <= len(toks) <= max_words):
        return False
    caps = 0
    for t in toks:
        bare = t.strip(".,'’")
        if not bare:
            return False
        low = bare.lower()
        if low in PARTICLES:
            caps += bare[0].isupper()
            continue
        if low in NOT_NAME_WORDS or low in _NOT_NAME_EXTRA:
            return False
        if not _TOKEN.fullmatch(t):
            return False
        first = bare[0]
        if not first.isupper():
            return False
        caps += 1
        if len(bare) > 1 and bare[1:].isupper() and len(bare) > 3 and not s.isupper():
            # "McDONALD" is fine in an ALL CAPS byline, "iPHONE" style words are not names
            if not _MC_CAPS.fullmatch(bare):
                return False
    return caps >= min(2, min_words)


# ---------------------------------------------------------------- cleaning


_CAMEL = re.compile(r"(?<=[a-zß-ÿ]{2})(?=[A-Z][a-z])")


def _unglue(s: str) -> str:
    """"Meg JamesStaff Writer" -> "Meg James" (a role or section glued to the name by a
    renderer): split camel-case joins, cut from the first word that is not a name."""
    if not _CAMEL.search(s):
        return s
    toks = _CAMEL.sub(" ", s).split()
    out = []
    for i, t in enumerate(toks):
        if len(out) >= 2 and (t.lower() in NOT_NAME_WORDS or ROLE_END_RE.search(" ".join(toks[i:i + 2]))
                              or ROLE_END_RE.search(t)):
            break
        out.append(t)
    return " ".join(out) if len(out) >= 2 else s


_BRACKETED = re.compile(r"\s*[\(\[][^)\]]{0,40}[\)\]]")
_SPACES = re.compile(r"\s+")
_BYLINE_END = re.compile(r"\s+(?:[|•·]|-|–|—)\s+|\s{2,}")


def _strip_name(s: str) -> str:
    s = html.unescape(s)
    s = _BRACKETED.sub(" ", s)  # "Maria Steiner (dpa)"
    s = _unglue(s)
    s = EMAIL_RE.sub(" ", s)
    s = URL_RE.sub(" ", s)
    s = HANDLE_RE.sub(" ", s)
    s = _SPACES.sub(" ", s).strip(" \t-–—|,;:·•")
    s = PREFIX_RE.sub("", s)
    s = HONORIFICS.sub("", s)
    s = CREDENTIALS.sub("", s)
    s = ROLE_TAIL_RE.sub("", s)
    return s.strip(" \t-–—|,;:·•")


def split_names(raw: str) -> list[str]:
    """One raw byline string -> name candidates (prefixes and roles removed)."""
    raw = html.unescape(raw or "")
    raw = EMAIL_RE.sub(" ", raw)
    raw = URL_RE.sub(" ", raw)
    raw = HANDLE_RE.sub(" ", raw)
    raw = _SPACES.sub(" ", raw).strip()
    raw = PREFIX_RE.sub("", raw)
    out = []
    for part in JOIN_RE.split(raw):
        if out and ROLE_END_RE.search(part.strip(" .")):  # "Jane Doe, AP Auto Writer"
            continue
        part = _strip_name(part)
        if not part or ROLE_RE.match(part):
            continue
        out.append(part)
    return out


def clean_authors(values, not_persons=(), min_words: int = 2) -> list[str]:
    """Raw author values (strings, or lists of them) -> deduplicated person names."""
    if isinstance(values, str):
        values = [values]
    banned = {compact(x) for x in not_persons if x}
    banned.discard("")
    seen: set[str] = set()
    out: list[str] = []
    for raw in values or []:
        if not isinstance(raw, str):
            continue
        for name in split_names(raw):
            if is_org(name) or compact(name) in banned:
                continue
            if not is_name(name, min_words=min_words):
                continue
            key = fold(name)
            if key in seen:
                continue
            seen.add(key)
            out.append(name)
    return out


# ---------------------------------------------------------------- bylines in text

BYLINE_RE = re.compile(rf"^\s*{trie(BYLINE_PREFIXES)}(?:\s*:\s*|\s+)(?P<rest>\S.*)$", re.I)


def byline(text: str, require_prefix: bool = True) -> list[str] | None:
    """Names on a byline line ("By Jane Doe and John Roe", "Von Max Mustermann, dpa").
    With `require_prefix=False` a bare name line ("Jane Doe") counts too."""
    m = BYLINE_RE.match(text)
    if m:
        rest = m["rest"]
        # the byline ends where a date or a long tail starts
        rest = _BYLINE_END.split(rest, 1)[0]
        names = clean_authors([rest])
        if names:
            return names
        # "By Reuters": a byline without a person
        parts = split_names(rest)
        if parts and all(is_org(p) for p in parts):
            return []
        return None
    if require_prefix:
        return None
    names = clean_authors([text])
    return names or None
