"""Rules that turn phrase matches into resolved actor spans.

Units are the longest non-overlapping matches (actor names, people, office words, blocks).
Then, left to right: polity ('s)? office* (person | Name Name)? (to polity)? makes one span
("Ukraine's Foreign Ministry", "Russian President Vladimir Putin", "the Russian ambassador
to Ukraine"); office+ person ("Foreign Minister Dmytro Kuleba") takes the person's polity at
the publication date; office of polity ("the foreign minister of Russia") takes the polity.
Lures ("Jordan Henderson", "Turkey sandwiches", "Russian-backed", "Georgia's governor") are
dropped by the context rules whose words are in data/actors/context.csv.
"""
from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from .actor_data import ActorIndex, Entry, Office, Person
from .actors import Resolved
from .extensions import text_of

APOS = {"'s", "’s", "'", "’"}
_WORD = re.compile(r"[^\W\d_]{3,}")
PRONOUNS = {"he", "she", "his", "her", "him", "himself", "herself"}
# words that may stand between a polity and its office: "Russia's new ambassador"
MODIFIERS = {"new", "top", "chief", "acting", "interim", "incoming", "outgoing", "then",
             "current", "own", "senior", "veteran", "longtime", "powerful", "deputy", "former",
             "first", "first-ever", "de", "facto", "self-proclaimed", "self-styled", "separatist",
             "pro-Moscow", "hardline", "embattled", "elected", "the"}
CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December", "On", "In", "The"}


class Unit:
    """A longest match: the actors, people, office or block its words name."""

    __slots__ = ("start", "end", "actors", "people", "office", "block")

    def __init__(self, start: int, end: int):  # a plain class: made for every match
        self.start, self.end = start, end
        self.actors: list[Entry] = []
        self.people: list[Person] = []
        self.office: Office | None = None
        self.block = False


def select_units(matches: list[tuple[int, int, str, list]], on: date | None) -> list[Unit]:
    by_span: dict[tuple[int, int], Unit] = {}
    for start, end, kind, payload in matches:
        unit = by_span.get((start, end))
        if unit is None:
            unit = by_span[(start, end)] = Unit(start, end)
        if kind == "block":
            unit.block = True
        elif kind == "actor":
            unit.actors.extend(e for e in payload if e.valid(on))
        elif kind == "person":
            unit.people.extend(payload)
        elif kind == "office":
            unit.office = payload[0]
    units = [u for u in by_span.values() if u.block or u.actors or u.people or u.office]
    for u in units:  # a dated alias ("Taliban" as Afghanistan's government) beats an undated one
        u.actors.sort(key=lambda e: e.start is None and e.end is None)
    # longest first; among equals a block wins, then the earlier one
    units.sort(key=lambda u: (u.start - u.end, not u.block, u.start))
    taken: list[Unit] = []
    used: set[int] = set()
    for u in units:
        if not used.intersection(range(u.start, u.end)):
            taken.append(u)
            used.update(range(u.start, u.end))
    taken.sort(key=lambda u: u.start)
    return taken


def resolve_person(people: list[Person], on: date | None, *, titled: bool = False) -> Person | None:
    """The term valid at `on` (the latest term when `on` is unknown); None when ambiguous."""
    terms = [p for p in people if p.valid(on)] if on else list(people)
    if not terms and titled:  # the text gives the title, so the person held it then
        terms = list(people)
    if not terms or len({p.code for p in terms}) > 1 and on is not None:
        return None
    terms.sort(key=lambda p: p.start or date.min, reverse=True)
    if len({p.name for p in terms}) > 1 and len({p.code for p in terms}) > 1:
        return None
    return _senior(terms, on)


# the office that names a person who holds several at once (a king who is also his own
# foreign minister is the king); other offices rank after these, latest start first
SENIORITY = {"supreme_leader": 0, "head_of_state": 1, "head_of_government": 2}
GOVERNMENT_NOUNS = frozenset({"administration", "government", "cabinet", "regime", "junta"})


def _leaders_state(u: Unit) -> str | None:
    """The one state whose head of state or government ever bore this name, or None."""
    codes = {p.code for p in u.people if p.office in SENIORITY}
    return codes.pop() if len(codes) == 1 else None


def _senior(terms: list[Person], on: date | None) -> Person:
    """Of terms sorted latest start first: the latest one, unless the same person holds a
    senior office alongside it (at ``on`` every term holds; without a date, a term that
    runs beside the latest one and lasts at least as long)."""
    latest = terms[0]
    same = [p for p in terms if p.name == latest.name and (on is not None or p is latest or (
        (p.start or date.min) <= (latest.start or date.min)
        and (p.end is None or (latest.end is not None and p.end >= latest.end))))]
    return min(same, key=lambda p: SENIORITY.get(p.office or "", len(SENIORITY)))


class _Tokens:
    """doc[i] builds a new Token on every call; the rules look at the same few many times."""

    def __init__(self, doc: Doc):
        self.doc, self.n = doc, len(doc)
        self.cache: list = [None] * self.n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        tok = self.cache[i]
        if tok is None:
            tok = self.cache[i] = self.doc[i]
        return tok

    def get(self, i: int):
        """The token at ``i``, or None outside the doc."""
        if 0 <= i < self.n:
            tok = self.cache[i]
            if tok is None:
                tok = self.cache[i] = self.doc[i]
            return tok
        return None


def title_case(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] is written in Title Case: most of its words of three letters
    or more are capitalised ("China Condemns New Sanctions")."""
    words = _WORD.findall(text, start, len(text) if end is None else end)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


class Resolver:
    def __init__(self, doc: Doc, index: ActorIndex, units: list[Unit], on: date | None,
                 common: frozenset[str] = frozenset()):
        self.doc, self.index, self.units, self.on = doc, index, units, on
        self.common = common  # common English words: no surnames
        self.unit_at = {u.start: u for u in units}
        self.in_unit = {i for u in units for i in range(u.start, u.end)}
        self.person_texts: set[str] = set()
        self.toks = _Tokens(doc)
        self._headlines: dict[int, bool] = {}
        self.text = text_of(doc)  # Doc.text joins every token on each call: read it once
        self.made = index.derived.setdefault("resolved", {})

    # ---- context rules -------------------------------------------------------------
    def unit_text(self, u: Unit) -> str:
        """``doc[u.start:u.end].text``, cut from the text (a Span costs more to build)."""
        last = self.toks[u.end - 1]
        return self.text[self.toks[u.start].idx:last.idx + len(last)]

    def _tok(self, i: int):
        return self.toks.get(i)

    def _free_title(self, i: int) -> bool:
        tok = self._tok(i)
        return (tok is not None and i not in self.in_unit and tok.is_alpha and tok.text[0].isupper()
                and tok.text not in CALENDAR and not tok.is_sent_start)

    def dropped(self, u: Unit) -> bool:
        doc, index = self.doc, self.index
        code = u.actors[0].code
        text = self.unit_text(u)
        before, after = self._tok(u.start - 1), self._tok(u.end)
        if before is not None and before.text == "-":
            prev = self._tok(u.start - 2)
            if prev is not None and prev.lower_ in index.words("prefix_before"):
                return True
        if after is not None and after.text == "-":
            nxt = self._tok(u.end + 1)
            if nxt is not None and nxt.lower_ in index.words("hyphen_after"):
                return True
        if after is not None and (after.lower_ in index.words("not_after", code)
                                  or after.text in index.words("not_after", text)):
            return True
        if text in index.words("person_name", code) and not self.headline(u.start):
            prev = self._tok(u.start - 1)
            if (prev is not None and u.start - 1 not in self.in_unit and prev.is_alpha
                    and prev.text[0].isupper() and not prev.is_stop and prev.text not in CALENDAR
                    and not self.sentence_verb(prev)):
                return True  # "Denzel Washington", "Michael Jordan"
            if self._free_title(u.end):
                # "Jordan Henderson": later bare "Jordan"s are him too; "India Today",
                # "Kenya Airways", "Asean-India Commemorative Summit" name no person, and
                # say nothing of the other "India"s
                nxt = self.toks[u.end].lower_
                if nxt not in index.words("not_surname") and nxt not in self.common and not (
                        before is not None and before.text == "-"):
                    self.person_texts.add(text)
                return True
            window = [t.lower_ for t in doc[u.end:u.end + 3]]
            if window and window[0] not in APOS and PRONOUNS.intersection(window):
                return True
        if u.actors[0].via == "capital" and u.end - u.start == 1 and self.names_around(u):
            return True  # "Steaua Bucharest", "Moscow Mayor Sergei Sobyanin", "Kyiv Independent"
        us_words = index.words("us_state", text)  # "Georgia"/"Washington" the US states
        if us_words:
            sent = doc[u.start].sent if doc.has_annotation("SENT_START") else doc[:]
            cues = index.words("country_cue", text)  # "Tbilisi" says Georgia is the country
            if not any(t.text in cues for t in sent) and (
                    any(t.text in us_words or t.lower_ in us_words for t in sent)
                    or any(" " in w and w in sent.text for w in us_words)):
                return True
        return False

    @staticmethod
    def sentence_verb(tok) -> bool:
        """A capitalised first word that is no name: "Visiting Beijing, ...", "Asked ..."."""
        if not tok.is_sent_start:
            return False
        if tok.pos_ in ("VERB", "AUX", "ADP", "ADV", "SCONJ"):
            return True
        return tok.lower_.endswith(("ing", "ed"))

    def names_around(self, u: Unit) -> bool:
        """A one-word name inside a longer proper name: a free Capitalised word on either side."""
        if self.headline(u.start):
            return False
        prev = self._tok(u.start - 1)
        if (prev is not None and u.start - 1 not in self.in_unit and prev.is_alpha
                and prev.text[0].isupper() and not prev.is_stop and not prev.is_sent_start
                and prev.text not in CALENDAR and prev.text not in self.index.words("honorific")):
            return True
        return self._free_title(u.end)

    def headline(self, i: int) -> bool:
        """A Title Case line ("China Condemns New Sanctions"): capitals say nothing about names.

        Read on the text of the token's line: a long line is prose, however many names it holds.
        """
        text = self.text
        at = self.toks[i].idx
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if end - start > 150:
            return False
        found = self._headlines.get(start)
        if found is None:
            found = self._headlines[start] = title_case(text, start, end)
        return found

    def former(self, i: int) -> bool:
        """ "former President X", "ex-minister": no longer speaks for the state."""
        prev = self._tok(i - 1)
        if prev is None:
            return False
        if prev.lower_ in ("former", "ex", "late", "then-former"):
            return True
        return prev.text == "-" and i >= 2 and self.toks[i - 2].lower_ == "ex"

    # ---- composition ---------------------------------------------------------------
    def offices_from(self, j: int) -> tuple[list[Unit], int]:
        found: list[Unit] = []
        while j < len(self.doc):
            tok = self.toks[j]
            u = self.unit_at.get(j)
            if u is not None and u.office is not None:
                found.append(u)
                j = u.end
            elif tok.lower_ in MODIFIERS and j not in self.in_unit:
                k = j
                while k < j + 3 and self._tok(k) is not None and self.toks[k].lower_ in MODIFIERS:
                    k += 1
                nxt = self.unit_at.get(k)
                if nxt is None or nxt.office is None:
                    break
                j = k
            else:
                break
        return found, j

    def coordinated_office(self, u: Unit) -> Unit | None:
        """The office after a coordination of polities: "US and British forces" -> forces."""
        j, hops = u.end, 0
        while hops < 3:
            tok = self._tok(j)
            if tok is None or tok.lower_ not in ("and", ",", "or", "&"):
                return None
            nxt = self.unit_at.get(j + 1)
            if nxt is None or not nxt.actors:
                return None
            offices, end = self.offices_from(nxt.end)
            if offices:
                return offices[0]
            j, hops = nxt.end, hops + 1
        return None

    def name_run(self, j: int) -> int:
        k = j
        while k < len(self.doc) and k - j < 4 and self._free_title(k):
            k += 1
        return k

    def receiver_after(self, j: int) -> tuple[Unit | None, int]:
        tok = self._tok(j)
        if tok is None or tok.lower_ not in ("to", "in", "at"):
            return None, j
        k = j + 1
        if self._tok(k) is not None and self.toks[k].lower_ == "the":
            k += 1
        u = self.unit_at.get(k)
        if u is not None and u.actors and not u.block:
            return u, u.end
        return None, j

    def make(self, start: int, end: int, code: str, role: str | None, via: str, *,
             person: Person | None = None, person_text: str | None = None,
             office: str | None = None, receiver: str | None = None):
        # Resolved is frozen: one per distinct reading, kept per index (a free-text name is
        # not kept, there is no end to those)
        key = (code, role, via, id(person), office, receiver) if person_text is None else None
        resolved = self.made.get(key) if key else None
        if resolved is None:
            info = self.index.actors.get(code)
            resolved = Resolved(code, role, info.name if info else code, info.wikidata if info else None,
                                info.kind if info else "unknown", via,
                                person=person.name if person else person_text,
                                person_wikidata=person.wikidata if person else None,
                                office=office or (person.office if person else None), receiver=receiver)
            if key:
                self.made[key] = resolved
        span = Span(self.doc, start, end, label=code)
        span._.actor = resolved
        return span

    def run(self) -> list[Span]:
        units = self.units
        alive = [u for u in units if not (u.actors and not u.people and self.dropped(u))]
        if self.person_texts:  # "Jordan Henderson ... Jordan said": the same name is a person
            alive = [u for u in alive if not (u.actors and self.unit_text(u) in self.person_texts)]
        self.unit_at = {u.start: u for u in alive}
        spans: list[Span] = []
        skip_to = 0
        for u in alive:
            if u.start < skip_to or u.block:
                continue
            span, end = self.compose(u)
            if span is not None:
                spans.append(span)
            skip_to = max(skip_to, end)
        return spans

    def compose(self, u: Unit):
        on = self.on
        if u.actors:
            entry = u.actors[0]
            j = u.end
            if self._tok(j) is not None and self.toks[j].text in APOS:
                j += 1
            offices, j = self.offices_from(j)
            person, person_text = None, None
            nxt = self.unit_at.get(j)
            if nxt is not None and nxt.people and (offices or j > u.end):
                person = resolve_person(nxt.people, on, titled=bool(offices))
                if person is not None or offices:
                    j = nxt.end
                else:  # "Argentina's Milei" before he took office: only Argentina is an actor
                    return self.make(u.start, u.end, entry.code, entry.role, entry.via), u.end
            elif offices:
                k = self.name_run(j)
                if k > j:
                    person_text, j = self.doc[j:k].text, k
            if offices and self.toks[j - 1].lower_ in self.index.words("office_not_before_of") \
                    and self._tok(j) is not None and self.toks[j].lower_ == "of":
                return None, j  # "the Indian state of Kerala" is a place
            receiver = None
            if offices and offices[-1].office.via == "diplomat":
                rec, j = self.receiver_after(j)
                receiver = rec.actors[0].code if rec else None
            if offices or person:
                code = entry.code
                if person and person.code != code and entry.via not in ("name", "variant", "demonym_adj", "demonym"):
                    code = person.code
                first = offices[0].office if offices else None
                role = first.role if first else (person.role if person else None)
                via = "person" if person or person_text else (first.via if first else "title")
                if self.former(u.start) or any(self.toks[t].lower_ == "former" for t in range(u.end, j)):
                    role = None
                return self.make(u.start, j, code, role, via, person=person, person_text=person_text,
                                 office=first.office if first else None, receiver=receiver), j
            shared = self.coordinated_office(u)
            if shared is not None:  # "Hungarian and Romanian officials": Hungarian officials too
                office = shared.office
                return self.make(u.start, u.end, entry.code, office.role, office.via,
                                 office=office.office), u.end
            solo = [e for e in u.actors if e.via != "demonym_adj"]
            if not solo:
                return None, u.end
            e = solo[0]
            via = "demonym" if e.via.startswith("demonym") else e.via
            return self.make(u.start, u.end, e.code, e.role, via), u.end
        if u.office is not None:
            offices, j = self.offices_from(u.start)
            tok = self._tok(j)
            # "accusations of Russia": the polity after "of" is the object, not the speaker
            if tok is not None and tok.lower_ == "of" \
                    and self.toks[j - 1].lower_ not in self.index.words("object_of"):
                k = j + 1
                if self._tok(k) is not None and self.toks[k].lower_ == "the":
                    k += 1
                target = self.unit_at.get(k)
                if target is not None and target.people and self.toks[j - 1].lower_ in GOVERNMENT_NOUNS:
                    code = _leaders_state(target)  # "the administration of Barack Obama"
                    if code:
                        return self.make(u.start, target.end, code, "GOV", "administration"), target.end
                if target is not None and target.actors:
                    first = offices[0].office
                    code = target.actors[0].code
                    return self.make(u.start, target.end, code, first.role, first.via,
                                     office=first.office), target.end
            nxt = self.unit_at.get(j)
            if nxt is not None and nxt.people:
                if self.former(u.start):  # "former President Donald Trump"
                    return None, nxt.end
                person = resolve_person(nxt.people, on, titled=True)
                if person is None:
                    return None, nxt.end
                first = offices[0].office
                return self.make(u.start, nxt.end, person.code, first.role or person.role, "person",
                                 person=person, office=first.office), nxt.end
            if offices and offices[-1].office.via == "diplomat":
                # "its ambassador to Russia": Russia is the host, not the envoy's state
                rec, k = self.receiver_after(j)
                if rec is not None:
                    e = rec.actors[0]
                    return self.make(rec.start, rec.end, e.code, None, "host"), k
            return None, j
        if u.people:
            if u.end - u.start == 1 and self.names_around(u):
                return None, u.end  # "Abdul Ghani Salleh" is not Ashraf Ghani; "Trump Tower"
            nxt = self._tok(u.end)
            if nxt is not None and nxt.lower_ in GOVERNMENT_NOUNS:
                # "the Obama administration", "the Modi government": the state's government
                # under that leader, at whatever date the text speaks of
                code = _leaders_state(u)
                if code:
                    return self.make(u.start, u.end + 1, code, "GOV", "administration"), u.end + 1
            if self.former(u.start):
                return None, u.end
            person = resolve_person(u.people, on)
            if person is None:
                return None, u.end
            return self.make(u.start, u.end, person.code, person.role, "person", person=person), u.end
        return None, u.end


def _short_form_words(index: ActorIndex):
    """(word -> code, a regex finding "the <word>") of context.csv's short_form rules, built
    once per index (the words are read from the text: most articles have none)."""
    found = index.derived.get("short_form")
    if found is None:
        rules = index.context.get("short_form", {})
        wanted = {word: code for code, words in rules.items() for word in words}
        rx = re.compile(r"\b(?i:the)\s+(" + "|".join(map(re.escape, sorted(wanted))) + r")\b") \
            if wanted else None
        found = index.derived["short_form"] = (wanted, rx)
    return found


def short_forms(resolver: Resolver, spans: list[Span]) -> list[Span]:
    """"the North" is North Korea only next to a Korea mention (context.csv short_form;
    the cue codes are short_form_cue, the code itself by default): one in the same or
    the previous sentence or the next (a window of tokens when the doc has no sentences)."""
    wanted, rx = _short_form_words(resolver.index)
    if rx is None:
        return spans
    doc = resolver.doc
    found = []  # token numbers of "the <word>", the word being one token
    for m in rx.finditer(resolver.text):
        span = doc.char_span(m.start(1), m.end(1))
        if span is not None and len(span) == 1:
            found.append(span.start)
    if not found:
        return spans  # the usual case
    cue_codes = {code: {code} | set(resolver.index.context.get("short_form_cue", {}).get(code, ()))
                 for code in set(wanted.values())}
    if doc.has_annotation("SENT_START"):
        sent_of = {}
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = n

        def near(cue: Span, i: int) -> bool:
            return abs(sent_of[cue.start] - sent_of[i]) <= 1
    else:
        def near(cue: Span, i: int) -> bool:
            return -10 <= i - cue.start <= 40
    taken = {i for s in spans for i in range(s.start, s.end)}
    extra = []
    for i in found:
        tok = doc[i]
        code = wanted.get(tok.text)
        if code and i not in taken and i > 0 and doc[i - 1].lower_ == "the":
            nxt = resolver._tok(i + 1)
            if nxt is not None and nxt.is_alpha and nxt.text[0].isupper():
                continue  # "the North Atlantic"
            # a resolved short form cues the next one: "the North" runs on through a Korea story
            if any(s.label_ in cue_codes[code] and near(s, i) for s in spans + extra):
                extra.append(resolver.make(i, i + 1, code, None, "short_form"))
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def resolve_doc(doc: Doc, patterns, on: date | None) -> list[Span]:
    units = select_units(patterns.matches(doc), on)
    if not units:
        return []
    resolver = Resolver(doc, patterns.index, units, on, patterns.common)
    return short_forms(resolver, resolver.run())
