"""Sentences the model misreads, parsed again in a form it reads well.

Headline verbs: "Ghana severs ties with Taiwan", "Turkey Summons German Envoy".

A headline's present tense ("severs", "summons", "slams") is also a plural noun, and
without an article or a full stop the model reads the whole line as one noun phrase (no
verb, "Ghana" a compound). The same words with "will" and the base form ("Ghana will
sever ties with Taiwan") parse as a clause. So a sentence whose parse has no verb at its
root and that holds the present tense of a trigger verb after a name is parsed again in
that form, and its tokens take that parse (tags, heads, labels, lemmas) with the verb
reading as a present tense: the text, its tokens and their offsets are the article's own.
A Title Case line is read in lower case, but for the actors' names.

Acronyms: "ECOWAS imposed sanctions on Mali" has "ECOWAS" as a verb; "Ecowas" is read
as the subject.
"""
from __future__ import annotations

import logging
import weakref

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.blas import one_thread
from ..nlp.lemmas import index_words
from ..nlp.actor_rules import title_case
from ..nlp.extensions import text_of
from ..nlp.pipeline import actor_spans
from .gate import pattern_groups

log = logging.getLogger(__name__)
NOUN_TAGS = ("NNP", "NNPS", "NN", "NNS", "PRP")
_PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_PRESENT = "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
_FORMS: "weakref.WeakKeyDictionary[Language, dict[str, str]]" = weakref.WeakKeyDictionary()


def present_forms(nlp: Language) -> dict[str, str]:
    """Third-person present form -> base form, for every verb a trigger pattern names."""
    forms = _FORMS.get(nlp)
    if forms is None:
        forms = {}
        for pats in pattern_groups().values():
            for p in pats:
                if p.pos != "VERB":
                    continue
                for lemma in p.lemma:
                    lemma = lemma.lower()
                    if not lemma.isalpha():
                        continue
                    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
                        forms.setdefault(lemma + "es", lemma)
                    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
                        forms.setdefault(lemma[:-1] + "ies", lemma)
                    else:
                        forms.setdefault(lemma + "s", lemma)
        _FORMS[nlp] = forms
    return forms


def candidate(doc: Doc, forms: dict[str, str]) -> int | None:
    """The token to read as the headline's verb, or None: the parse has no verb at its
    root, and a present form of a trigger verb follows a name or noun ("Ghana severs"),
    not a determiner or possessive ("the talks", "Trump's visits"); a base form
    (a plural subject's present) only after a name."""
    if not len(doc) or any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in doc):
        return None
    bases = set(forms.values())
    for t in doc[1:]:
        before = doc[t.i - 1]
        if before.lower_ in ("'s", "’s"):
            continue
        if t.lower_ in forms and before.tag_ in NOUN_TAGS:
            return t.i
        if t.lower_ in bases and before.tag_ in ("NNP", "NNPS"):  # "India, Pakistan Expel"
            return t.i
    return None


def repair(nlp: Language, doc: Doc) -> Doc:
    """``doc`` (its actor spans set), re-parsed where the model misread it: an actor's
    name read as a verb, a headline's present tense read as a noun."""
    try:
        names = {t.i for sp in actor_spans(doc) for t in sp}
        if any(doc[i].pos_ in ("VERB", "AUX") and doc[i].is_upper for i in names):
            _acronyms(nlp, doc, names)
        _headline(nlp, doc)
    except Exception:  # noqa: BLE001  a repair is optional: the model's own parse stays
        log.warning("re-parse failed on %r", doc.text[:80], exc_info=True)
    return doc


def _acronyms(nlp: Language, doc: Doc, names: set[int]) -> None:
    """"ECOWAS imposed sanctions": the model reads the capitals as a verb ("-WAS"); the
    same name in Title Case ("Ecowas") is read as a name."""
    words = [t.text.title() if i in names and t.is_upper else t.text for i, t in enumerate(doc)]
    alt = _parse(nlp, doc, words)
    if not any(alt[i].pos_ in ("VERB", "AUX") for i in names if doc[i].is_upper):
        _take(nlp, doc, alt)


def _headline(nlp: Language, doc: Doc) -> None:
    """A present tense after a name, with no verb at the root: parsed as "will" + base
    form, and the verb keeps its present tense. In a Title Case line, the words outside
    actor names are read in lower case."""
    forms = present_forms(nlp)
    k = candidate(doc, forms)
    if k is None:
        return
    words = [t.text for t in doc]
    if title_case(text_of(doc)):  # "Summons Russian Envoy Over Border Incident": names stay as they are
        common = index_words(nlp)
        names = {t.i for sp in actor_spans(doc) for t in sp if t.lower_ not in common}
        words = [w if i == 0 or i in names else w.lower() for i, w in enumerate(words)]
    base = forms.get(doc[k].lower_, doc[k].lower_)
    alt = _parse(nlp, doc, words[:k] + ["will", base] + words[k + 1:], will=k)
    verb = alt[k + 1]
    if verb.dep_ != "ROOT" or verb.pos_ != "VERB" or not any(
            c.dep_ == "nsubj" and c.i < k for c in verb.children):
        return
    present = doc[k].lower_ != base
    _take(nlp, doc, alt, will=k, verb=("VBZ" if present else "VBP",
                                      _PRESENT if present else "Tense=Pres|VerbForm=Fin"))


def _parse(nlp: Language, doc: Doc, words: list[str], will: int | None = None) -> Doc:
    """The model's parse of ``words`` (the doc's, some changed; "will" inserted before
    token ``will``)."""
    spaces = [bool(t.whitespace_) for t in doc]
    if will is not None:
        spaces = spaces[:will] + [True] + spaces[will:]
    alt = Doc(nlp.vocab, words=words, spaces=spaces)
    with one_thread():  # as parse_many: the model's small matrices are slower on threads
        for name, proc in nlp.pipeline:
            if name in _PARSE:
                alt = proc(alt)
    return alt


def _take(nlp: Language, doc: Doc, alt: Doc, will: int | None = None,
          verb: tuple[str, str] | None = None) -> None:
    """Give ``doc``'s tokens the tags, heads, labels and lemmas of ``alt``'s (without its
    inserted "will"; ``verb``: the tag and morphology of the token after it)."""
    k = len(alt) if will is None else will
    back = [j if j < k else j - 1 for j in range(len(alt))]  # alt token -> doc token
    strings = nlp.vocab.strings
    rows = []
    for j, t in enumerate(alt):
        if j == k:  # "will": not in the text
            continue
        i = back[j]
        head = back[t.head.i] if t.head.i != k else back[k + 1]
        tag, morph = t.tag, t.morph.key
        if verb is not None and j == k + 1:
            tag, morph = strings.add(verb[0]), strings.add(verb[1])
        rows.append([(head - i) % 2**64, t.dep, tag, t.pos, t.lemma, morph])  # HEAD: relative
    doc.from_array([HEAD, DEP, TAG, POS, LEMMA, MORPH], numpy.asarray(rows, dtype="uint64"))
