"""Dates: parse written and machine dates in many languages into ISO 8601.

`parse_date(s)` reads one date value (structured data or a meta tag).
`find_dates(line)` finds the written dates in a line of text: "Nov. 19, 2019 8:03 am ET",
"19 November 2019, 09:01 AM", "19.11.2019", "19. November 2019", "19 de noviembre de
2019", "2019-11-19T08:03:00Z", "vor 2 Stunden" (only with a fetch time).
`dateline(line)` says whether a line is a dateline (a date with little else on it: a
label such as "Updated :", a byline, a place) and which dates it gives.

Output: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" or "YYYY-MM-DDTHH:MM:SS+HH:MM" - time and
zone only when they are known. Dates are kept as written (no zone conversion).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from cleaners.metadata._regex import trie

# ---------------------------------------------------------------- data

# Month names and abbreviations, lowercase; one tuple per month, many languages
# (en, de, fr, es, it, pt, pl, nl, sv/da/no, fi, cs, ro, hu, tr, ca).
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen",
        "janeiro", "styczeń", "stycznia", "sty", "januari", "januar", "tammikuuta", "tammikuu",
        "ledna", "leden", "ianuarie", "ian", "január", "ocak", "gener", "января", "январь"),
    2: ("february", "feb", "februar", "feber", "février", "févr", "fevrier", "fevr", "febrero",
        "febbraio", "fevereiro", "fev", "luty", "lutego", "lut", "februari", "helmikuuta",
        "helmikuu", "února", "únor", "februarie", "február", "şubat", "febrer", "pebruari",
        "февраля", "февраль"),
    3: ("march", "mar", "märz", "maerz", "mars", "marzo", "março", "marzec", "marca",
        "maart", "mrt", "maaliskuuta", "maaliskuu", "března", "březen", "martie", "március",
        "mart", "març", "maret", "марта", "март"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "kwi",
        "huhtikuuta", "huhtikuu", "dubna", "duben", "aprilie", "április", "nisan", "апреля", "апрель"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "maj", "maja", "mei", "toukokuuta",
        "toukokuu", "května", "květen", "mai", "május", "mayıs", "maig", "мая", "май"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca",
        "cze", "kesäkuuta", "kesäkuu", "června", "červen", "iunie", "június", "haziran", "juny",
        "июня", "июнь"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec",
        "lipca", "lip", "heinäkuuta", "heinäkuu", "července", "červenec", "iulie", "július",
        "temmuz", "juliol", "июля", "июль"),
    8: ("august", "aug", "août", "aout", "agosto", "ago", "sierpień", "sierpnia", "sie",
        "augustus", "augusti", "elokuuta", "elokuu", "srpna", "srpen", "august", "augusztus",
        "ağustos", "agost", "agustus", "августа", "август"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set",
        "setembro", "wrzesień", "września", "wrz", "syyskuuta", "syyskuu", "září", "septembrie",
        "szeptember", "eylül", "setembre", "сентября", "сентябрь"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro",
         "out", "październik", "października", "paź", "lokakuuta", "lokakuu", "října", "říjen",
         "octombrie", "október", "ekim", "octubre", "октября", "октябрь"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis",
         "marraskuuta", "marraskuu", "listopadu", "noiembrie", "kasım", "novembre", "ноября",
         "ноябрь"),
    12: ("december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic",
         "dicembre", "dezembro", "grudzień", "grudnia", "gru", "desember", "des", "joulukuuta",
         "joulukuu", "prosince", "prosinec", "decembrie", "aralık", "desembre", "desember",
         "декабря", "декабрь"),
}
MONTH_OF = {name: num for num, names in MONTHS.items() for name in names}

# Weekday names that may precede a date ("Tuesday, 19 November 2019").
WEEKDAYS = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|"
            "thur|thurs|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
            "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|"
            "viernes|sábado|domingo|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|"
            "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|maandag|dinsdag|woensdag|donderdag|"
            "vrijdag|zaterdag|zondag|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira")

# Time-zone abbreviations -> offset in minutes; (standard, summer) for US zones named
# without S/D ("ET"), resolved by the month.
ZONES = {"utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "cet": 60, "mez": 60, "cest": 120,
         "mesz": 120, "eet": 120, "eest": 180, "msk": 180, "ist": 330, "pkt": 300, "wib": 420,
         "sgt": 480, "hkt": 480, "jst": 540, "kst": 540, "aest": 600, "aedt": 660, "nzdt": 780,
         "nzst": 720, "hst": -600, "akdt": -480, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
         "mdt": -360, "pst": -480, "pdt": -420, "akst": -540, "brt": -180,
         "art": -180}
US_ZONES = {"et": (-300, -240), "ct": (-360, -300), "mt": (-420, -360), "pt": (-480, -420)}

# Labels in front of a date: published or updated, in several languages.
PUBLISHED_LABELS = (r"published|posted|posted on|first published|publication date|date|"
                    r"veröffentlicht|veröffentlicht am|erschienen|erschienen am|erstellt|"
                    r"datum|publié|publié le|mis en ligne|mis en ligne le|publicado|publicado el|"
                    r"fecha|publikacja|opublikowano|data publikacji|dodano|pubblicato|"
                    r"pubblicato il|gepubliceerd|publicerad|julkaistu|on")
UPDATED_LABELS = (r"updated|last updated|updated on|last modified|modified|revised|"
                  r"aktualisiert|aktualisiert am|zuletzt aktualisiert|stand|geändert|"
                  r"mis à jour|mis à jour le|màj|actualizado|actualizado el|actualización|"
                  r"aktualizacja|zaktualizowano|aggiornato|aggiornato il|bijgewerkt|"
                  r"uppdaterad|päivitetty")

# Relative times ("2 hours ago"): unit words -> seconds, and the patterns that use them.
UNITS = {
    "second": 1, "sec": 1, "minute": 60, "min": 60, "mins": 60, "hour": 3600, "hr": 3600,
    "hrs": 3600, "h": 3600, "day": 86400, "week": 604800,
    "sekunde": 1, "sekunden": 1, "minuten": 60, "stunde": 3600, "stunden": 3600, "std": 3600,
    "tag": 86400, "tagen": 86400, "woche": 604800, "wochen": 604800,
    "seconde": 1, "secondes": 1, "minutes": 60, "heure": 3600, "heures": 3600, "jour": 86400,
    "jours": 86400, "semaine": 604800, "semaines": 604800,
    "segundo": 1, "segundos": 1, "minuto": 60, "minutos": 60, "hora": 3600, "horas": 3600,
    "día": 86400, "días": 86400, "dia": 86400, "dias": 86400, "semana": 604800,
    "semanas": 604800,
    "sekund": 1, "sekundy": 1, "minut": 60, "minuty": 60, "minutę": 60, "godzin": 3600,
    "godziny": 3600, "godzinę": 3600, "godz": 3600, "dni": 86400, "dzień": 86400,
    "tydzień": 604800, "tygodnie": 604800,
}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "ein": 1, "einer": 1, "einem": 1, "une": 1, "un": 1,
                "una": 1, "jedną": 1, "two": 2, "zwei": 2, "deux": 2, "dos": 2, "dwa": 2}
DAY_WORDS = {"today": 0, "heute": 0, "aujourd'hui": 0, "hoy": 0, "dzisiaj": 0, "dziś": 0,
             "oggi": 0, "vandaag": 0, "yesterday": -1, "gestern": -1, "hier": -1, "ayer": -1,
             "wczoraj": -1, "ieri": -1, "gisteren": -1}

# ---------------------------------------------------------------- patterns


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Month and weekday names as prefix trees (`_regex.trie`: the same matches, found much faster).
# Their order does not matter anyway: month names are all letters and must be followed by a
# non-letter, weekday names are letters and hyphens and must be followed by "." "," or a space,
# so at most one name can lead to a match at a position.
_MONTH = rf"(?P<mon>{trie(MONTH_OF)})(?![^\W\d_])\.?"
_ZONE = rf"(?:(?:utc|gmt)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|{_alt(list(ZONES) + list(US_ZONES))})"
_WD = rf"(?:{trie(WEEKDAYS.split('|'))}\.?,?\s+)?"
_TIME = (r"(?P<hh>[012]?\d)(?:[:.h](?P<mm>[0-5]\d))(?::(?P<ss>[0-5]\d))?"
         r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?(?:\s*(?:uhr|h))?"
         rf"(?:\s*\(?(?P<tz>{_ZONE})\)?(?!\w))?")
_TIME_AMPM = rf"(?P<hh>[01]?\d)\s*(?P<ampm>[ap]\.?\s?m\.?)(?:\s+(?P<tz>{_ZONE})(?!\w))?"
_TSEP = r"(?:\s*(?:,|\||-|–|—|/|·|•|@|at|um|à|às|a las|alle|o|godz\.?|kl\.?|klo|в)?\s*)"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?:(?!\d)|(?=[012]?\d:[0-5]\d))"

_WRITTEN = [
    # 19 November 2019 / 19. November 2019 / 19 de noviembre de 2019 / 19th Nov. 2019
    rf"(?<![\d.])(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|er|º|°)?\s*(?:de\s+|-)?{_MONTH}(?:,|\s)*(?:de\s+|del\s+|-)?{_YEAR}",
    # November 19, 2019 / Nov. 19 2019
    rf"{_MONTH}\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,\s*|\s+){_YEAR}",
]
_NUMERIC = [
    # ISO and 2019/11/19
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"
    r"(?:(?:T|\s+)(?P<ihh>[012]\d):(?P<imm>[0-5]\d)(?::(?P<iss>[0-5]\d)(?:\.\d+)?)?"
    r"\s*(?P<iz>Z|[+-][01]\d:?[0-5]\d)?)?",
    # 19.11.2019 / 19. 11. 2019 (day first)
    r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d{2}|\d{2})(?![\d])",
    # 11/19/2019, 19/11/2019, 11-19-2019 (order decided later)
    r"(?<![\d/])(?P<a>[0-3]?\d)(?P<sep>[/-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d{2}|\d{2})(?![\d/])",
    # 2019年11月19日
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日",
]
_FLAGS = re.I
WRITTEN_RE = [re.compile(_WD + p, _FLAGS) for p in _WRITTEN]
NUMERIC_RE = [re.compile(_WD + p, _FLAGS) for p in _NUMERIC]
TIME_AFTER_RE = re.compile(rf"^{_TSEP}(?:{_TIME})", _FLAGS)
TIME_AMPM_AFTER_RE = re.compile(rf"^{_TSEP}(?:{_TIME_AMPM})", _FLAGS)
TIME_BEFORE_RE = re.compile(rf"(?:{_TIME})\s*(?:,|\||-|–|—|on|am|le|el)?\s*$", _FLAGS)
RELATIVE_RE = re.compile(
    r"(?:(?P<n1>\d+|an?|one|two)\s+(?P<u1>[a-zäöüéèíóąęśćżźł]+)\.?\s+ago"
    r"|vor\s+(?P<n2>\d+|einer|einem|zwei)\s+(?P<u2>[a-zäöü]+)"
    r"|il\s+y\s+a\s+(?P<n3>\d+|une|un|deux)\s+(?P<u3>[a-zéè]+)"
    r"|hace\s+(?P<n4>\d+|una|un|dos)\s+(?P<u4>[a-zíá]+)"
    r"|(?P<n5>\d+|jedną|dwa)\s+(?P<u5>[a-ząęśćżźłń]+)\.?\s+temu)(?!\w)",
    _FLAGS,
)
# Cheap gates: a substring every match of the regexes above must contain. WRITTEN_RE, the
# ISO and the 年 patterns need a year "19xx"/"20xx"; "19.11.2019" needs "9.1"; "11/19/2019"
# needs "1/1". A line without any of them has no written or numeric date (most lines).
_DIGIT = re.compile(r"\d")
_YEAR_GATE = re.compile(r"(?:19|20)\d\d")
_DOT_GATE = re.compile(r"\d\.\s?\d")
_SLASH_GATE = re.compile(r"\d[/-]\d")
# Stricter gates, one per pattern: the digits and separators of its dates (the year's place in
# the written ones). Each starts with a digit or a literal, so sre skips ahead fast.
_NUMERIC_GATES = (
    re.compile(r"(?:19|20)\d\d[-/.][01]?\d[-/.][0-3]?\d"),  # 2019-11-19
    re.compile(r"\d\.\s?[01]?\d\.\s?\d\d"),  # 19.11.2019
    re.compile(r"\d[/-][0-3]?\d[/-]\d\d"),  # 11/19/2019
    re.compile(r"(?:19|20)\d\d\s*年"),  # 2019年11月19日
)
_WRITTEN_GATES = (
    # 19 November 2019: a day, then a letter (a month), and a letter, then the year
    (re.compile(r"\d(?:\.|st|nd|rd|th|er|º|°)?\s*(?:de\s+|-)?[^\W\d_]", _FLAGS),
     re.compile(r"[^\W\d_]\.?(?:,|\s)*(?:de\s+|del\s+|-)?(?:19|20)\d\d", _FLAGS)),
    # November 19, 2019: a day, then the year
    (re.compile(r"\d(?:st|nd|rd|th)?(?!\d)(?:,\s*|\s+)(?:19|20)\d\d", _FLAGS),),
)
# WRITTEN_RE also needs a month name. The regexes match case-insensitively by simple
# lower-casing plus the equivalences i/ı/İ and s/ſ; _canon folds a line the same way
# (str.lower() differs from the simple lower case only for İ), so a line whose _canon
# holds no month name's first three letters has no written date.
def _canon(s: str) -> str:
    return s.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


_MONTH_HEADS = tuple(sorted({_canon(name)[:3] for name in MONTH_OF}))
_MONTH_HEAD_IN = re.compile(trie(_MONTH_HEADS))  # "any head in the text", one search


def _may_have_month(text: str) -> bool:
    return _MONTH_HEAD_IN.search(_canon(text)) is not None


DAY_WORD_RE = re.compile(rf"(?<!\w)(?P<w>{_alt(DAY_WORDS)})(?!\w)", _FLAGS)
PUBLISHED_RE = re.compile(rf"(?<!\w)(?:{PUBLISHED_LABELS})(?!\w)\s*:?", _FLAGS)
UPDATED_RE = re.compile(rf"(?<!\w)(?:{UPDATED_LABELS})(?!\w)\s*:?", _FLAGS)


# ---------------------------------------------------------------- building values


def _zone_offset(tz: str | None, month: int) -> int | None:
    if not tz:
        return None
    t = tz.lower().replace(" ", "")
    m = re.fullmatch(r"(?:utc|gmt)([+-])(\d{1,2})(?::?(\d{2}))?", t)
    if m:
        off = int(m[2]) * 60 + int(m[3] or 0)
        return off if m[1] == "+" else -off
    if t in ZONES:
        return ZONES[t]
    if t in US_ZONES:
        std, summer = US_ZONES[t]
        return summer if 4 <= month <= 10 else std
    return None


def _fmt_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def make_iso(y: int, m: int, d: int, hh=None, mm=None, ss=None, offset: int | None = None) -> str | None:
    """ISO 8601 text of a valid date (and time and zone when given), else None."""
    try:
        datetime(y, m, d)
    except ValueError:
        return None
    out = f"{y:04d}-{m:02d}-{d:02d}"
    if hh is None:
        return out
    if not (0 <= hh <= 23 and 0 <= (mm or 0) <= 59):
        return out
    out += f"T{hh:02d}:{mm or 0:02d}:{ss or 0:02d}"
    if offset is not None:
        out += _fmt_offset(offset)
    return out


def _hour(hh: str, ampm: str | None) -> int:
    h = int(hh)
    if ampm:
        pm = ampm.lower().startswith("p")
        if pm and h < 12:
            h += 12
        elif not pm and h == 12:
            h = 0
    return h


def _year(y: str) -> int:
    v = int(y)
    return v + 2000 if v < 100 and len(y) == 2 else v


@dataclass(slots=True)
class Found:
    """One date found in a line: its ISO value and where it sits."""

    iso: str
    start: int
    end: int
    has_year: bool = True


def _add_time(text: str, m_end: int, y: int, mo: int, d: int, m_start: int) -> tuple[str | None, int, int]:
    """Attach a time (and zone) written right after or right before the date."""
    rest = text[m_end:]
    tm = TIME_AFTER_RE.match(rest) or TIME_AMPM_AFTER_RE.match(rest)
    start = m_start
    if not tm:
        tb = TIME_BEFORE_RE.search(text[:m_start])
        if tb and (tb.start() == 0 or not text[tb.start() - 1].isalnum()):
            tm, start = tb, tb.start()
            end = m_end
        else:
            return make_iso(y, mo, d), m_start, m_end
    else:
        end = m_end + tm.end()
    gd = tm.groupdict()
    hh = _hour(gd["hh"], gd.get("ampm"))
    mm = int(gd["mm"]) if gd.get("mm") else 0
    ss = int(gd["ss"]) if gd.get("ss") else 0
    tz = gd.get("tz")
    off = _zone_offset(tz, mo)
    return make_iso(y, mo, d, hh, mm, ss, off), start, end


def find_dates(text: str, dayfirst: bool | None = None, fetched: str | None = None) -> list[Found]:
    """All dates written in `text`, in order. `dayfirst` decides 01/02/2019 (None: month
    first unless impossible). Relative dates need `fetched` (an ISO timestamp)."""
    found: list[Found] = []
    if not fetched and _DIGIT.search(text) is None:  # every date but a relative one has a digit
        return found  # (NFC makes no digits)
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    low = unicodedata.normalize("NFC", text)
    has_year = _YEAR_GATE.search(low) is not None
    if not has_year and not fetched and _DOT_GATE.search(low) is None and _SLASH_GATE.search(low) is None:
        return found
    for rx, gates in zip(WRITTEN_RE, _WRITTEN_GATES) if has_year and _may_have_month(low) else ():
        if not all(g.search(low) for g in gates):
            continue
        for m in rx.finditer(low):
            if not free(m.start(), m.end()):
                continue
            mon = MONTH_OF.get(m["mon"].lower().rstrip("."))
            if not mon:
                continue
            # "may" / "mar" / "set" ... as plain words: need a day and a year around them anyway
            iso, s, e = _add_time(low, m.end(), int(m["y"]), mon, int(m["d"]), m.start())
            if iso:
                found.append(Found(iso, s, e))
                taken.append((s, e))
    for i, rx in enumerate(NUMERIC_RE):
        if not (has_year or i in (1, 2)) or _NUMERIC_GATES[i].search(low) is None:
            continue
        for m in rx.finditer(low):
            if not free(m.start(), m.end()):
                continue
            gd = m.groupdict()
            if gd.get("a"):
                a, b = int(gd["a"]), int(gd["b"])
                if a > 12:
                    d, mo = a, b
                elif b > 12:
                    mo, d = a, b
                elif dayfirst:
                    d, mo = a, b
                else:
                    mo, d = a, b
            else:
                mo, d = int(gd["m"]), int(gd["d"])
                if i == 1 and mo > 12 >= d:  # 11.14.2019: month first
                    mo, d = d, mo
            y = _year(gd["y"])
            if gd.get("ihh"):
                off = None
                if gd.get("iz"):
                    z = gd["iz"]
                    off = 0 if z.upper() == "Z" else (1 if z[0] == "+" else -1) * (
                        int(z[1:3]) * 60 + int(z[-2:]))
                iso = make_iso(y, mo, d, int(gd["ihh"]), int(gd["imm"]), int(gd["iss"] or 0), off)
                s, e = m.start(), m.end()
            else:
                iso, s, e = _add_time(low, m.end(), y, mo, d, m.start())
            if iso:
                found.append(Found(iso, s, e))
                taken.append((s, e))
    if fetched:
        base = _parse_fetched(fetched)
        if base is not None:
            for m in RELATIVE_RE.finditer(low):
                if not free(m.start(), m.end()):
                    continue
                n = next(g for g in (m["n1"], m["n2"], m["n3"], m["n4"], m["n5"]) if g)
                unit = next(g for g in (m["u1"], m["u2"], m["u3"], m["u4"], m["u5"]) if g).lower()
                secs = UNITS.get(unit) or UNITS.get(unit.rstrip("s")) or UNITS.get(unit.rstrip("n"))
                if secs is None:
                    continue
                k = int(n) if n.isdigit() else NUMBER_WORDS.get(n.lower(), 1)
                when = base - timedelta(seconds=k * secs)
                iso = when.date().isoformat() if secs >= 86400 else when.isoformat(timespec="seconds")
                found.append(Found(iso, m.start(), m.end()))
                taken.append((m.start(), m.end()))
            for m in DAY_WORD_RE.finditer(low):
                if not free(m.start(), m.end()):
                    continue
                when = base + timedelta(days=DAY_WORDS[m["w"].lower()])
                found.append(Found(when.date().isoformat(), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def _parse_fetched(fetched: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(fetched.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return dt


# ---------------------------------------------------------------- structured values


def parse_date(value, dayfirst: bool | None = None) -> str | None:
    """One date value from structured data or a meta tag -> ISO 8601, else None."""
    if not isinstance(value, str):
        if isinstance(value, (int, float)) and 10**9 <= value < 4 * 10**12:  # epoch seconds / ms
            secs = value / 1000 if value > 10**11 else value
            return datetime.fromtimestamp(secs, tz=timezone.utc).isoformat(timespec="seconds").replace(
                "+00:00", "+00:00")
        return None
    v = value.strip()
    if not v:
        return None
    m = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2}))?(?:[.,]\d+)?"
                 r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?", v)
    if m:
        off = None
        if m[7]:
            z = m[7]
            off = 0 if z.upper() == "Z" else (1 if z[0] == "+" else -1) * (
                int(z[1:3]) * 60 + (int(z[-2:]) if len(z) > 3 else 0))
        if m[4]:
            return make_iso(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0), off)
        return make_iso(int(m[1]), int(m[2]), int(m[3]))
    found = find_dates(v, dayfirst=dayfirst)
    if found:
        return found[0].iso
    # RFC 2822 ("Tue, 19 Nov 2019 13:03:00 GMT") is covered by find_dates; epoch in text:
    if re.fullmatch(r"\d{10}(?:\d{3})?", v):
        return parse_date(int(v))
    return None


def date_part(iso: str | None) -> str | None:
    return iso[:10] if iso else None


# ---------------------------------------------------------------- datelines

# What may stand beside a date on a dateline besides labels: separators, "|", "at".
_FILLER = re.compile(r"[\s|,;:·•/()\[\]–—-]+|(?<!\w)(?:at|um|à|le|el|am|on|de|o|godz|kl)(?!\w)", re.I)


_WORDS = re.compile(r"\w+")
_SENTENCE = re.compile(r"[.!?]$|[a-z]{3,}[.!?]\s+[A-Z]")
_INITIAL_END = re.compile(r"\b[A-Z]\.$")


@dataclass(slots=True)
class Dateline:
    published: str | None
    modified: str | None
    rest: str  # the line without the dates and labels (a byline, a place, a site)


def dateline(text: str, dayfirst: bool | None = None, fetched: str | None = None,
             max_rest_words: int = 8) -> Dateline | None:
    """The dates of a dateline, or None when `text` is not one (no date, or a sentence
    that mentions a date: a caption, the story)."""
    found = find_dates(text, dayfirst=dayfirst, fetched=fetched)
    if not found:
        return None
    published = modified = None
    pieces = []
    pos = 0
    for f in found:
        before = text[pos:f.start]
        is_upd = bool(UPDATED_RE.search(before[-40:]))
        if is_upd:
            modified = modified or f.iso
        else:
            published = published or f.iso
        pieces.append(before)
        pos = f.end
    pieces.append(text[pos:])
    pieces = [PUBLISHED_RE.sub(" ", UPDATED_RE.sub(" ", p)).strip(" ,;:|·•–—-") for p in pieces]
    rest = " | ".join(p for p in pieces if p)
    flat = _FILLER.sub(" ", rest)
    words = _WORDS.findall(flat)
    flat = flat.strip()
    if len(words) > max_rest_words:
        # a metadata line ("Jane Doe 23/08/2018 2 comments Section, Tags"): the date near
        # the start, no sentence punctuation, not too long
        if len(words) > 2 * max_rest_words or found[0].start > max(40, len(text) // 2) or \
                _SENTENCE.search(text.strip()):
            return None
    if flat.endswith((".", "!", "?")) and len(words) > 3 and not _INITIAL_END.search(flat):
        return None
    return Dateline(published, modified, rest)
