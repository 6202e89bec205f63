"""Grammar notes a card shows: noun gender, plural and genitive; verb parts; irregular comparison.

Nouns come from german-nouns (Wiktionary, CC BY-SA) through the noun table, cross-checked
with Ding's `{m}/{f}/{n}/{pl}`; the article in the text decides between genders only as far
as it really can (`den Teil` is masculine, `dem Teil` could be either). Verbs come from
ablaut, whose one reading of a two-way prefix (`umfahren`, `übergehen`) the text's own forms
or the chosen Ding sense may overrule; the preposition a verb governs comes from the Ding
sense, its case from the preposition or from Ding's `jdm./jdn.`, or else from the articles
that follow the preposition in Ding's examples or in the text. What cannot be decided is
left out or named in `uncertain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lernkarten.entries import ARTICLES as DEFINITE_ARTICLES
from lernkarten.entries import Entry, VerbParts, plural_note
from lernkarten.glossing.dictionary import HEAD, PLURAL, Dictionary, Hit
from lernkarten.glossing.ding import (
    PREPOSITION_CASES,
    TWO_WAY_PREPOSITIONS,
    DingLine,
)
from lernkarten.glossing.family_index import content_stems
from lernkarten.glossing.phrase_match import CONTRACTIONS
from lernkarten.glossing.senses import REGIONAL_LABELS
from lernkarten.lexicon.ding_format import PLACEHOLDER_CASES
from lernkarten.lexicon.morphology import FEMININE_SUFFIXES, TWO_WAY_PREFIXES, WITHOUT_UMLAUTS

GENDER_ORDER = ("m", "f", "n")

# (case, number, gender) an article form can stand for; gender "*" in the plural
_DER = {("nominativ", "singular", "m"), ("dativ", "singular", "f"), ("genitiv", "singular", "f"),
        ("genitiv", "plural", "*")}
_DIE = {("nominativ", "singular", "f"), ("akkusativ", "singular", "f"), ("nominativ", "plural", "*"),
        ("akkusativ", "plural", "*")}
_DAS = {("nominativ", "singular", "n"), ("akkusativ", "singular", "n")}
_DEN = {("akkusativ", "singular", "m"), ("dativ", "plural", "*")}
_DEM = {("dativ", "singular", "m"), ("dativ", "singular", "n")}
_DES = {("genitiv", "singular", "m"), ("genitiv", "singular", "n")}
_EIN = {("nominativ", "singular", "m"), ("nominativ", "singular", "n"), ("akkusativ", "singular", "n")}
_EINE = {("nominativ", "singular", "f"), ("akkusativ", "singular", "f")}
_EINER = {("dativ", "singular", "f"), ("genitiv", "singular", "f")}
_KEINE = _EINE | {("nominativ", "plural", "*"), ("akkusativ", "plural", "*")}
_KEINER = _EINER | {("genitiv", "plural", "*")}
_KEINEN = {("akkusativ", "singular", "m"), ("dativ", "plural", "*")}
ARTICLE_READINGS: dict[str, set[tuple[str, str, str]]] = {
    "der": _DER, "die": _DIE, "das": _DAS, "den": _DEN, "dem": _DEM, "des": _DES,
    "ein": _EIN, "eine": _EINE, "einen": {("akkusativ", "singular", "m")}, "einem": _DEM, "einer": _EINER,
    "eines": _DES, "kein": _EIN, "keine": _KEINE, "keinen": _KEINEN, "keinem": _DEM, "keiner": _KEINER,
    "keines": _DES,
    # prepositions fused with an article
    "im": _DEM, "am": _DEM, "vom": _DEM, "zum": _DEM, "beim": _DEM, "hinterm": _DEM, "überm": _DEM,
    "unterm": _DEM, "zur": {("dativ", "singular", "f")},
    "ins": {("akkusativ", "singular", "n")}, "ans": {("akkusativ", "singular", "n")},
    "aufs": {("akkusativ", "singular", "n")}, "ums": {("akkusativ", "singular", "n")},
    "fürs": {("akkusativ", "singular", "n")}, "durchs": {("akkusativ", "singular", "n")},
    "übers": {("akkusativ", "singular", "n")}, "unters": {("akkusativ", "singular", "n")},
    "vors": {("akkusativ", "singular", "n")},
}
# dies-, jen-, jed-, welch-, manch- decline like the definite article; possessives like ein
_DER_LIKE = {"er": _DER, "e": _DIE, "es": _DAS | _DES, "en": _DEN, "em": _DEM}
_DER_STEMS = ("dies", "jen", "jed", "welch", "manch", "solch")
_EIN_STEMS = ("mein", "dein", "sein", "ihr", "unser", "euer", "eur")


#: Adjectives whose comparison a learner must learn by heart, when Ding's line does not give it.
IRREGULAR_COMPARISON = {
    "gut": ("besser", "am besten"), "viel": ("mehr", "am meisten"), "hoch": ("höher", "am höchsten"),
    "nah": ("näher", "am nächsten"), "nahe": ("näher", "am nächsten"), "gern": ("lieber", "am liebsten"),
    "groß": ("größer", "am größten"), "alt": ("älter", "am ältesten"), "jung": ("jünger", "am jüngsten"),
    "lang": ("länger", "am längsten"), "kurz": ("kürzer", "am kürzesten"), "stark": ("stärker", "am stärksten"),
    "schwach": ("schwächer", "am schwächsten"), "hart": ("härter", "am härtesten"), "arm": ("ärmer", "am ärmsten"),
    "warm": ("wärmer", "am wärmsten"), "kalt": ("kälter", "am kältesten"), "klug": ("klüger", "am klügsten"),
    "scharf": ("schärfer", "am schärfsten"), "krank": ("kränker", "am kränksten"), "dumm": ("dümmer", "am dümmsten"),
    "oft": ("öfter", "am öftesten"), "wenig": ("weniger", "am wenigsten"),
}


@dataclass
class Grammar:
    """What the grammar stage adds to an entry; applied with `apply`."""

    gender: list[str] = field(default_factory=list)
    plural: str = ""
    genitive: str = ""
    plural_only: bool = False
    singular: str = ""
    adjectival_noun: bool = False
    verb: VerbParts | None = None
    comparative: str = ""
    superlative: str = ""
    notes: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)

    def apply(self, entry: Entry) -> None:
        entry.gender = list(self.gender)
        entry.plural = self.plural
        entry.genitive = self.genitive
        entry.plural_only = self.plural_only
        entry.singular = self.singular
        entry.adjectival_noun = self.adjectival_noun
        entry.verb = self.verb
        entry.comparative = self.comparative
        entry.superlative = self.superlative
        for note in self.notes:
            if note not in entry.notes:
                entry.notes.append(note)
        for fact in self.uncertain:
            if fact not in entry.uncertain:
                entry.uncertain.append(fact)


# -- nouns ------------------------------------------------------------------------------------



def noun_grammar(entry: Entry, dictionary: Dictionary, nouns: object, *, lemma: str | None = None,
                 sense: Hit | None = None) -> Grammar:
    """Gender, plural, genitive of a noun; `lemma` stands in for a compound's head.

    `nouns` is the noun table (`lernkarten.lexicon.nouns.noun_table()`); `sense` the Ding
    term chosen for the entry, whose plural Ding gives when the table has none.
    """
    lemma = lemma or entry.lemma
    grammar = Grammar()
    rows = [r for r in nouns.lemma(lemma) if not r.is_name]  # type: ignore[attr-defined]
    ding_heads = [h for h in dictionary.lookup(lemma) if h.kind == HEAD and h.line.term_pos(h.slot, h.index) == "NOUN"]
    ding_genders = {g for h in ding_heads for g in h.term.genders}
    ding_plural_only = any(h.term.markers == ("pl",) and h.slot == 0 for h in ding_heads) and not ding_genders

    if (rows and all(r.plural_only for r in rows)) or (not rows and ding_plural_only):
        grammar.plural_only = True
        grammar.singular = singular_of(lemma, dictionary, nouns, from_table=not rows, sense=sense)
        grammar.notes.append(plural_note(grammar.singular))
        return grammar

    adjectival = any(r.adjectival for r in rows)
    table_genders = {r.gender for r in rows if r.gender}
    if adjectival:
        grammar.adjectival_noun = True
        # der/die Verbündete: a person of either sex; an abstract adjectival noun (das Gute) keeps its own
        # unless a woman has a noun of her own: der Beamte, die Beamtin (not "die Beamte")
        person = {"m", "f"} if not _feminine_of_its_own(lemma, nouns) else {"m"}
        if table_genders & {"m", "f"} or ding_genders & {"m", "f"}:
            table_genders = set(person)
            ding_genders = set(person) if ding_genders else set()
        grammar.notes.append(adjectival_note(lemma, table_genders))

    # the noun table (Wiktionary) lists every gender of a noun; a gender only Ding gives is
    # more often a slip in Ding ("Teil {f} (einer Geschichte)") than a sense: it makes the
    # gender uncertain but is not shown
    candidates = table_genders or ding_genders
    disagree = bool(table_genders and ding_genders and table_genders != ding_genders)
    if not candidates and lemma.endswith(FEMININE_SUFFIXES) and len(lemma) > 6:
        # a noun no list knows in -ung, -heit, -keit, -schaft, -tion, -ität is feminine, -en in the plural
        grammar.gender, grammar.plural, grammar.genitive = ["f"], lemma + "en", f"der {lemma}"
        return grammar
    if not candidates:
        grammar.uncertain.append("gender")
        return grammar

    decided = genders_from_articles(entry, sorted(candidates), nouns, lemma)
    if decided and (len(decided) == 1 or decided != candidates):
        genders = decided
        # the text settles it when both sources allow what the article says
        disagree = disagree and not (decided <= table_genders and (not ding_genders or decided <= ding_genders))
    else:
        genders = candidates
    grammar.gender = [g for g in GENDER_ORDER if g in genders]
    if (len(genders) > 1 and not adjectival) or disagree:
        grammar.uncertain.append("gender")

    chosen_rows = [r for r in rows if r.gender in genders] or rows
    if not rows:
        chosen_rows = _rows_through_head(lemma, dictionary, nouns, genders)
    plurals = list(dict.fromkeys(r.plural for r in chosen_rows if r.plural))
    ding_plural = _ding_plural(sense, lemma) if sense else ""
    if len(plurals) > 1:
        # a noun with two plurals for two senses (Bank: Banken, Bänke; Gast: Gäste, Gasten):
        # the plural the text uses, else the one of the sense chosen, tells which
        narrowed = _plurals_in_text(entry, plurals, lemma) or [p for p in plurals if p == ding_plural]
        if len(narrowed) == 1:
            plurals = narrowed
            chosen_rows = [r for r in chosen_rows if r.plural == narrowed[0]] or chosen_rows
    if len(plurals) == 1 and plurals[0] == lemma and ding_plural and ding_plural != lemma \
            and not lemma.endswith(ZERO_PLURAL_ENDINGS) and not adjectival \
            and all(_plain(p).startswith(_plain(lemma[:-2])) for p in ding_plural.split(" / ")):
        # "Bonus, pl. Bonus": a plural like the singular is the noun table's slip where the
        # ending makes none (German's zero plurals end in -er, -el, -en, -chen, -lein) and
        # Ding lists another: Boni / Bonusse
        grammar.plural = ding_plural
    elif len(plurals) == 1:
        grammar.plural = plurals[0]
        if ding_plural and plurals[0] not in ding_plural.split(" / ") and not adjectival:
            grammar.uncertain.append("plural")
    elif len(plurals) > 1:
        grammar.plural = " / ".join(plurals)
        grammar.uncertain.append("plural")
    elif ding_plural:
        grammar.plural = ding_plural

    genitives = []
    for row in chosen_rows:
        if row.genitive:
            article = "der" if row.gender == "f" else "des"
            if adjectival and len(genders) > 1:
                article = "des/der"
            genitives.append(f"{article} {row.genitive}")
    grammar.genitive = " / ".join(dict.fromkeys(genitives))
    return grammar


def _feminine_of_its_own(lemma: str, nouns: object) -> bool:
    """An adjectival person noun whose feminine is a noun in -in the table lists ("Beamter": "Beamtin")."""
    stem = lemma.removesuffix("r").removesuffix("e")
    return any(r.gender == "f" and not r.is_name for r in nouns.lemma(stem + "in"))  # type: ignore[attr-defined]


def _plurals_in_text(entry: Entry, plurals: list[str], lemma: str) -> list[str]:
    """The plurals whose forms (nominative, or dative with -n) the entry's sentences show."""
    seen = {f.casefold() for f in entry.forms}
    for example in entry.examples:
        seen |= {example.text[a:b].casefold() for a, b in example.spans}
    through_head = lemma != entry.lemma   # a compound glossed through its head: "...fälle"
    found = []
    for plural in plurals:
        forms = (plural.casefold(), plural.casefold() + "n")
        if any(w.endswith(forms) if through_head else w in forms for w in seen):
            found.append(plural)
    return found


@dataclass(frozen=True)
class _CompoundRow:
    """A noun-table row made for a compound the table lacks, from its head's row."""

    lemma: str
    gender: str
    plural: str
    genitive: str


def _rows_through_head(lemma: str, dictionary: Dictionary, nouns: object, genders: set[str]) -> list:
    """Plural and genitive of a compound Ding knows but the noun table does not ("Nachfolgestaat")."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.fallbacks import compound_plural_forms, split_compound

    split = split_compound(lemma, dictionary, nouns)
    if split is None:
        return []
    written, _, head = split
    rows = [r for r in nouns.lemma(head) if not r.is_name and r.gender in genders]  # type: ignore[attr-defined]
    return [_CompoundRow(lemma, r.gender, compound_plural_forms(written, r.plural),
                         compound_plural_forms(written, r.genitive)) for r in rows]


def genders_from_articles(entry: Entry, candidates: list[str], nouns: object, lemma: str) -> set[str]:
    """The genders the articles seen before the noun allow; empty when no article decides anything."""
    decided: set[str] = set()
    for example in entry.examples:
        article = example.article.casefold().strip()
        readings = article_readings(article)
        if not readings or not example.spans:
            continue
        a, b = example.spans[0]
        form = example.text[a:b]
        allowed = {g for g in candidates if _agrees(readings, g, form, lemma, nouns)}
        if allowed and set(allowed) != set(candidates):
            decided |= allowed
        elif allowed:
            return set()  # one example leaves it open: do not let another narrow it for both senses
    return decided


def article_readings(article: str) -> set[tuple[str, str, str]]:
    """(case, number, gender) readings of an article or determiner form; empty for unknown words."""
    if article in ARTICLE_READINGS:
        return ARTICLE_READINGS[article]
    for stem in _DER_STEMS:
        if article.startswith(stem) and article[len(stem):] in _DER_LIKE:
            return _DER_LIKE[article[len(stem):]]
    for stem in _EIN_STEMS:
        if article.startswith(stem):
            rest = article[len(stem):]
            ending_of = {"": "kein", "e": "keine", "en": "keinen", "em": "keinem", "er": "keiner", "es": "keines"}
            if rest in ending_of:
                return ARTICLE_READINGS[ending_of[rest]]
    return set()


def _agrees(readings: set[tuple[str, str, str]], gender: str, form: str, lemma: str, nouns: object) -> bool:
    """Some reading of the article fits this gender and the form's own case and number."""
    slots: set[str] | None = None
    rows = [r for r in nouns.lookup(form) if r.lemma == lemma]  # type: ignore[attr-defined]
    if not rows and form.casefold() != lemma.casefold():
        # a compound glossed through its head ("den Bündnisfall": the slots of "Fall")
        for start in range(1, len(form) - 1):
            rows = [r for r in nouns.lookup(form[start:].capitalize()) if r.lemma == lemma]  # type: ignore[attr-defined]
            if rows:
                break
    for row in rows:
        if row.gender == gender and row.slots:
            slots = set(slots or ()) | {" ".join(s.split()[:2]) for s in row.slots}
    for case, number, article_gender in readings:
        if article_gender not in ("*", gender):
            continue
        if slots is None or f"{case} {number}" in slots:
            return True
    return False


def adjectival_note(lemma: str, genders: set[str]) -> str:
    """"adjectival noun: der Verbündete, ein Verbündeter" - the ending changes with the article."""
    if not lemma.endswith("e"):
        return "adjectival noun"   # the card says "declined like an adjective" for every one
    if genders & {"m", "f"}:
        return f"adjectival noun: der {lemma}, ein {lemma}r"
    return f"adjectival noun: das {lemma}, ein {lemma}s"


#: Compounds of Mann take -leute in the plural: Feuerwehrmann, Feuerwehrleute; Kaufmann, Kaufleute.
SUPPLETIVE_PLURAL_ENDINGS = (("mann", "leute"),)


def singular_of(plural: str, dictionary: Dictionary, nouns: object, *, from_table: bool = True,
                sense: Hit | None = None) -> str:
    """The singular, with its article, of which `plural` is the plural ("der Feuerwehrmann"); "" if none.

    A noun Ding or the table lists in the plural may still have a singular (Sicherheitskräfte,
    Feuerwehrleute): "plural only" would teach an error.
    - Ding's singular is the first-slot term paired with the plural by position, or, where Ding
      does not pair them, a term of the same stem; not one of a region ("Baute [Schw.]"). Where
      the noun table gives that noun of that gender a plural, it must be this one (Ding's
      "Tausend {f} | Tausende": die Tausend's plural is Tausenden).
    - The table's singular is a noun whose plural this is; it counts only `from_table`, not for
      a plural the table lists as a noun of its own (Eltern, Leute: Elter, Leut no learner uses).
    - When the card's `sense` is a line of the plural's own ("Daten {pl}: data", "Diäten {pl}:
      parliamentary allowance"), the singular's English in Ding must share a word with it
      ("Datum: date", "Diät: diet" do not; "Sicherheitskraft: security agent" does).
    -mann, -leute need none of this. Either singular must be a form of the same word (Eltern is
    no plural of Elternteil); several different singulars give none.
    """
    own_sense = (_english_stems(" ".join(x.text for x in sense.line.slots[0].senses))
                 if sense is not None and sense.kind == HEAD and sense.slot == 0 and sense.term.markers == ("pl",)
                 else None)
    found: set[str] = set()
    for hit in dictionary.lookup(plural):
        if hit.kind != PLURAL or hit.slot != 1 or hit.line.term_pos(hit.slot, hit.index) != "NOUN":
            continue
        singulars = hit.line.slots[0].terms
        pairs = len(singulars) == len(hit.line.slots[1].terms)
        shares_sense = own_sense is None or bool(own_sense & _english_stems(
            " ".join(x.text for slot in hit.line.slots[:2] for x in slot.senses)))
        for index, term in enumerate(singulars):
            genders = [g for g in term.genders if g in DEFINITE_ARTICLES]
            if (pairs and index != hit.index) or len(term.words) != 1 or len(genders) != 1 \
                    or not _forms_of_one_word(term.words[0], plural) or set(term.labels) & REGIONAL_LABELS:
                continue
            word, gender = term.words[0], genders[0]
            known = [r.plural for r in nouns.lemma(word) if r.gender == gender and r.plural]  # type: ignore[attr-defined]
            if _suppletive(word, plural) or (shares_sense and (not known or plural in known)):
                found.add(f"{DEFINITE_ARTICLES[gender]} {word}")
    if from_table:
        rows = [r for r in nouns.lookup(plural) if not r.is_name and r.form_is_plural]  # type: ignore[attr-defined]
        found.update(f"{DEFINITE_ARTICLES[r.gender]} {r.lemma}" for r in rows
                     if r.lemma != plural and r.plural == plural and not r.plural_only
                     and r.gender in DEFINITE_ARTICLES and _forms_of_one_word(r.lemma, plural)
                     and _table_singular_fits(r.lemma, own_sense, dictionary))
    return found.pop() if len(found) == 1 else ""


def _english_stems(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _table_singular_fits(noun: str, stems: frozenset[str] | None, dictionary: Dictionary) -> bool:
    """True unless every line Ding has of `noun` marks it as a region's word (Baute [Schw.], Alpe
    [Ös.]), or, with `stems`, none shares an English word with them; a noun Ding lacks fits
    (Streitkraft: nothing says otherwise)."""
    hits = [hit for hit in dictionary.lookup(noun) if hit.kind == HEAD and hit.slot == 0]
    if not hits:
        return True
    if all(set(hit.term.labels) & REGIONAL_LABELS for hit in hits):
        return False
    return stems is None or any(stems & _english_stems(" ".join(x.text for x in hit.line.slots[0].senses))
                                for hit in hits)


def _suppletive(singular: str, plural: str) -> bool:
    return any(singular.endswith(ending) and plural == singular[: -len(ending)] + plural_ending
               for ending, plural_ending in SUPPLETIVE_PLURAL_ENDINGS)


def _forms_of_one_word(singular: str, plural: str) -> bool:
    """True when `plural` can be a plural of `singular`: the same stem but for its last two letters."""
    if _suppletive(singular, plural):
        return True
    return len(singular) >= 4 and len(plural) >= len(singular) - 1 and _plain(plural).startswith(_plain(singular[:-2]))


def _ding_plural(sense: Hit, lemma: str) -> str:
    """The plural Ding lists for `lemma` in the chosen line (slot after the term, same position)."""
    line = sense.line
    if sense.slot + 1 >= len(line.slots):
        return ""
    following = line.slots[sense.slot + 1].terms
    # Ding pairs plurals with synonyms by position only when it gives one for each
    if len(following) != len(line.slots[sense.slot].terms):
        # "Bonus; Prämie; Provision | Boni; Bonusse; Prämien; Provisionen": the plurals that
        # are forms of the term (its stem, but for its last two letters, umlaut aside)
        stem = _plain(lemma[:-2]) if len(lemma) >= 5 else ""
        own = [t.words[0] for t in following if stem and t.markers == ("pl",) and len(t.words) == 1
               and _plain(t.words[0]).startswith(stem)]
        return " / ".join(own) if own and all(not _plain(t.key).startswith(stem)
                                              for i, t in enumerate(line.slots[sense.slot].terms)
                                              if i != sense.index) else ""
    if sense.index < len(following) and following[sense.index].markers == ("pl",):
        words = following[sense.index].words
        return words[0] if len(words) == 1 else ""
    return ""


#: Endings of the nouns whose plural is the singular ("der Lehrer, die Lehrer", "das Mädchen").
ZERO_PLURAL_ENDINGS = ("er", "el", "en", "chen", "lein")


def _plain(word: str) -> str:
    return word.casefold().translate(WITHOUT_UMLAUTS)


def compound_plural(modifier: str, head_form: str) -> str:
    """A compound's form from its head's: "Beistands" + "Verpflichtungen" -> "Beistandsverpflichtungen"."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.fallbacks import compound_plural_forms

    return compound_plural_forms(modifier, head_form)


# -- verbs ------------------------------------------------------------------------------------

def verb_grammar(entry: Entry, sense: Hit | None) -> Grammar:
    """Principal parts, auxiliary, separable prefix, reflexive `sich`, governed preposition."""
    import ablaut

    grammar = Grammar()
    lemma = entry.lemma
    reflexive = lemma.startswith("sich ")
    base = lemma.removeprefix("sich ").strip()
    if " " in base or not base.isalpha():
        return grammar
    try:
        conjugation = ablaut.conjugate(lemma)
    except Exception:  # ablaut refuses what is not an infinitive it knows
        grammar.uncertain.append("verb")
        return grammar
    present = conjugation.present[2]
    past = conjugation.preterite[2]
    participle = conjugation.past_participle.removeprefix("sich ").strip()
    auxiliary = conjugation.auxiliary
    prefix = _separated_prefix(present, reflexive)

    reading = _two_way_reading(entry, base, sense)
    ablaut_separable = bool(prefix)
    two_way = next((p for p in TWO_WAY_PREFIXES if base.startswith(p) and len(base) > len(p) + 3), "")
    if two_way:
        if reading is None:
            grammar.uncertain.append("verb")
            grammar.notes.append(f"{two_way}- can be separable or not")
        elif reading != ablaut_separable:
            rebuilt = _rebuild(base, two_way, separable=reading, reflexive=reflexive)
            if rebuilt is None:
                grammar.uncertain.append("verb")
            else:
                present, past, participle, auxiliary = rebuilt
                prefix = two_way if reading else ""
                grammar.uncertain.append("verb")  # the auxiliary of the other reading is a guess

    if auxiliary == "haben" and _perfect_with_sein(entry, participle, sense) and "verb" not in grammar.uncertain:
        # "ist ... zu einem Konflikt eskaliert" may be a perfect with sein (ablaut says haben)
        # or a state ("sind überzeugt"): the text cannot tell, so the auxiliary is in doubt
        grammar.uncertain.append("verb")
    government = verb_government(entry, sense) if sense else []
    grammar.verb = VerbParts(present=present, past=past, participle=participle, auxiliary=auxiliary,
                             separable_prefix=prefix, reflexive=reflexive, government=government)
    if prefix:
        grammar.notes.append(f"separable: {prefix}")
    if reflexive:
        grammar.notes.append("reflexive: sich")
    grammar.notes.extend(government)
    return grammar


#: Forms of sein that make a perfect ("ist eskaliert"), and of werden that make it a passive.
_SEIN_FORMS = frozenset(["bin", "bist", "ist", "sind", "seid", "war", "warst", "waren", "wart", "sei", "seien", "wäre", "wären", "gewesen"])
_PASSIVE = frozenset(["worden", "wird", "werden", "wurde", "wurden", "würde", "würden"])


def _perfect_with_sein(entry: Entry, participle: str, sense: Hit | None) -> bool:
    """The text uses the participle with sein, and the verb is intransitive in Ding.

    "Die Tür ist geschlossen" is a state, not a perfect: only a verb Ding marks {vi} and not
    {vt} is read this way, and never with a passive's "worden".
    """
    if sense is None or not participle or entry.lemma.startswith("sich "):
        return False
    markers = set(sense.term.markers or sense.line.slots[sense.slot].markers)
    if "vi" not in markers or "vt" in markers or "vr" in markers:
        return False
    for example in entry.examples:
        words = [w.strip(".,;:!?“”„\"()").casefold() for w in example.text.split()]
        if participle.casefold() in words and _SEIN_FORMS & set(words) and not _PASSIVE & set(words):
            return True
    return False


def _separated_prefix(present: str, reflexive: bool) -> str:
    """"teilt mit" -> "mit"; "beteiligt sich" -> "" (the second word is the pronoun)."""
    words = present.split()
    if reflexive:
        words = [w for w in words if w not in {"sich", "mich", "dich", "uns", "euch"}]
    return words[1] if len(words) == 2 else ""


def _two_way_reading(entry: Entry, base: str, sense: Hit | None) -> bool | None:
    """True: separable, False: inseparable, None: nothing tells (text forms first, then Ding's sense)."""
    prefix = next((p for p in TWO_WAY_PREFIXES if base.startswith(p) and len(base) > len(p) + 3), "")
    if not prefix:
        return None
    for form in entry.forms:
        words = form.split()
        if len(words) > 1 and words[-1] == prefix:
            return True                            # "fährt ... um"
        word = words[0] if words else ""
        if word.startswith(prefix + "ge") or word.startswith(prefix + "zu"):
            return True                            # "umgefahren", "umzufahren"
    for example in entry.examples:
        # "zu überführen": a separable verb would say "überzuführen"
        if len(example.spans) == 1:
            a, b = example.spans[0]
            before = example.text[:a].split()
            if before and before[-1] == "zu" and example.text[a:b] == base:
                return False
    if sense is not None:
        forms = _ding_forms(sense.line, sense.index)
        participle = forms.get("participle", "")
        present = forms.get("present", "")
        if participle:
            return participle.startswith(prefix + "ge") or present.endswith(" " + prefix)
    for form in entry.forms:
        word = form.split()[0] if form else ""
        # a participle without ge- ("überschritten") only exists for the inseparable reading
        if word.startswith(prefix) and word.endswith(("t", "en")) and not word.startswith(prefix + "ge") \
                and word != base and _looks_like_participle(word, base, prefix):
            return False
    return None


def _looks_like_participle(word: str, base: str, prefix: str) -> bool:
    """`word` is (an inflection of) the inseparable reading's participle: "überschritten(e)"."""
    import ablaut

    try:
        stem_participle = ablaut.conjugate(base[len(prefix):]).past_participle
    except Exception:
        return False
    inseparable = prefix + stem_participle.removeprefix("ge")
    return word.startswith(inseparable) and len(word) - len(inseparable) <= 2


def _ding_forms(line: DingLine, index: int) -> dict[str, str]:
    """A Ding verb line's forms for its `index`-th infinitive: inf | pres. part. | past part. | pres. | past."""
    names = ("infinitive", "present_participle", "participle", "present", "past")
    forms: dict[str, str] = {}
    if len(line.slots) < 3 or line.term_pos(0, 0) != "VERB":
        return forms
    for slot_number, name in enumerate(names):
        if slot_number >= len(line.slots):
            break
        terms = line.slots[slot_number].terms
        if len(terms) == len(line.slots[0].terms) and index < len(terms):
            words = [w for w in terms[index].words if "/" not in w and w not in {"sich", "er", "sie", "es"}]
            forms[name] = " ".join(words)
    return forms


def _rebuild(base: str, prefix: str, *, separable: bool, reflexive: bool) -> tuple[str, str, str, str] | None:
    """Principal parts of the other reading of a two-way prefix verb, from its stem verb."""
    import ablaut

    stem = base[len(prefix):]
    try:
        conjugation = ablaut.conjugate(stem)
    except Exception:
        return None
    present, past, participle = conjugation.present[2], conjugation.preterite[2], conjugation.past_participle
    if separable:
        parts = (f"{present} {prefix}", f"{past} {prefix}", prefix + participle, conjugation.auxiliary)
    else:
        bare = participle.removeprefix("ge") if participle.startswith("ge") else participle
        # inseparable verbs with these prefixes are transitive: haben
        parts = (prefix + present, prefix + past, prefix + bare, "haben")
    if reflexive:
        parts = (parts[0] + " sich" if not separable else f"{present} sich {prefix}", parts[1], parts[2], parts[3])
    return parts


def verb_government(entry: Entry, sense: Hit) -> list[str]:
    """["um + Akk"], ["an + Dat"]: the prepositional object the chosen Ding sense names."""
    government: list[str] = []
    for preposition, placeholder in sense.term.government:
        case = PREPOSITION_CASES.get(preposition, "")
        if not case and preposition in TWO_WAY_PREPOSITIONS:
            case = PLACEHOLDER_CASES.get(placeholder, "") if placeholder else ""
            if not case:
                case = _case_from_articles(preposition, sense.line, entry)
        if case in {"Akk", "Dat", "Gen"}:
            note = f"{preposition} + {case}"
            if note not in government:
                government.append(note)
    return government


def _case_from_articles(preposition: str, line: DingLine, entry: Entry) -> str:
    """The case a two-way preposition takes after this verb, read off the words that follow it.

    Ding's examples ("sich am Gespräch beteiligen") come first, then the text's sentences;
    only forms that tell the case count (dem, der, einem, am, im: Dat; das, die, einen, ins: Akk).
    """
    texts = [term.text for slot in line.slots for term in slot.terms]
    texts.extend(example.text for example in entry.examples)
    for text in texts:
        case = _case_after(preposition, text)
        if case:
            return case
    return ""


_DATIVE_AFTER = {"dem", "der", "einem", "einer", "diesem", "dieser", "meinem", "seinem", "ihrem", "unserem"}
_ACCUSATIVE_AFTER = {"das", "die", "einen", "eine", "dieses", "diese", "diesen", "seine", "ihre"}


def _case_after(preposition: str, text: str) -> str:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    for i, word in enumerate(words):
        if CONTRACTIONS.get(word) == preposition:
            return "Dat" if word.endswith("m") else "Akk"
        if word == preposition and i + 1 < len(words):
            following = words[i + 1]
            if following in _DATIVE_AFTER:
                return "Dat"
            if following in _ACCUSATIVE_AFTER:
                return "Akk"
    return ""


# -- adjectives -------------------------------------------------------------------------------

def adjective_grammar(entry: Entry, sense: Hit | None) -> Grammar:
    """Comparative and superlative, only where a learner cannot form them by the rule."""
    grammar = Grammar()
    lemma = entry.lemma
    comparative, superlative = "", ""
    if sense is not None and sense.slot == 0 and len(sense.line.slots) >= 3:
        first, second = sense.line.slots[1].terms, sense.line.slots[2].terms
        if sense.index < len(first) and sense.index < len(second):
            candidate = " ".join(first[sense.index].words)
            top = " ".join(second[sense.index].words)
            if candidate.endswith("er") and top.startswith("am ") and " " not in candidate:
                comparative, superlative = candidate, top
    if not comparative and lemma in IRREGULAR_COMPARISON:
        comparative, superlative = IRREGULAR_COMPARISON[lemma]
    if comparative and not _regular_comparison(lemma, comparative, superlative):
        grammar.comparative, grammar.superlative = comparative, superlative
        grammar.notes.append(f"irregular comparison: {comparative}, {superlative}")
    return grammar


def _regular_comparison(lemma: str, comparative: str, superlative: str) -> bool:
    """True when the forms follow the rule a learner knows: -er, am -(e)sten, no umlaut."""
    stem = lemma
    regular_comparatives = {stem + "er", stem + "r"}
    if stem.endswith(("el", "er")):
        regular_comparatives.add(stem[:-2] + stem[-1] + "er")  # dunkel -> dunkler, teuer -> teurer
    regular_superlatives = {f"am {stem}sten", f"am {stem}esten"}
    return comparative in regular_comparatives and superlative in regular_superlatives


def definite_article(gender: str) -> str:
    return DEFINITE_ARTICLES.get(gender, "")
