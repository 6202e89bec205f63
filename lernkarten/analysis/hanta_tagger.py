"""HanTa's Hanover tagger, made fast without changing a single tag or lemma.

Where HanTa spends its time: for every word it runs a morpheme-level Viterbi search
(`analyze_forward`) that calls a scoring function for every substring and every morpheme tag
(millions of calls per thousand sentences), then a second one (`analyze_viterbi`) to build the
lemma of the chosen tag. Both depend on the word alone, not on its sentence, so their results
are kept per word form; only the sentence-level Viterbi, which needs the context, runs for
every sentence. Where a word is new, both searches run in one table-filling loop with the same
arithmetic in the same order, but they skip what can never score: a substring that begins no
known morpheme ends the look for known ones from there; what a substring scores is looked up
once and shared by every word that has it (a known morpheme's tags; an unknown one's guess,
from a table per word ending and its length); and so is, per state of the search, the list
of tags that score on it. The sentence Viterbi visits only the tags the word can have, in
the model's own order, so that ties break as they always did.
All that is kept is held in tuples of plain values (numbers where a table is needed): the
garbage collector stops scanning such a tuple after one look, while a tuple that holds a dict
or a list is scanned again at every full collection, which cost a fifth of the time on a text
of a few thousand sentences.
The per-word results can also be kept on disk between processes (`word_analyses.py`): a
batch of sentences first asks the store for its word forms (`prefetch`), and what was new
is written when the batch is done (`flush`).
The test suite checks the output against plain HanTa on treebank sentences, with and
without the store, and both searches' numbers on every word of UD German GSD that HanTa's
lexicon lacks (`tests/test_hanta_speed_identity.py`).

HanTa is LGPL-3.0-or-later; this module subclasses it and changes none of its files.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable
from functools import lru_cache

from HanTa.HanoverTagger import EMPTY, END, START, HanoverTagger

from lernkarten.analysis.word_analyses import WordAnalysisStore

#: HanTa's German model, shipped inside its wheel
GERMAN_MODEL = "morphmodel_ger.pgz"

#: the word caches are dropped and refilled beyond this many entries, to bound memory on huge inputs
_MEMO_LIMIT = 400_000

_LOWERBOUND = -1e6

#: the morpheme searches' shared tables (word endings, substrings, their hits) are dropped and
#: refilled beyond this many word endings or lists of hits, to bound memory on huge inputs
_SPANS_LIMIT = 200_000
_HITS_LIMIT = 400_000

#: how a substring scores (`MemoizingHanoverTagger._segment`)
_ONE_TAG, _GUESSED, _SCORES, _BY_SUFFIX = 0, 1, 2, 3
_UNSEEN: tuple = ("not looked at yet",)


class MemoizingHanoverTagger(HanoverTagger):
    """A `HanoverTagger` whose per-word analyses are computed once per word form."""

    def __init__(self, filename: str = GERMAN_MODEL) -> None:
        super().__init__(filename)
        self._forward_memo: dict[str, tuple] = {}
        self._tag_word_memo: dict[tuple, tuple] = {}
        self._analyze_memo: dict[tuple, tuple] = {}
        self._candidates_memo: dict[tuple, tuple] = {}
        self._spans_memo: dict[str, tuple] = {}  # known morphemes from a position on, by the rest of the word
        self._guessed_memo: dict[tuple, tuple] = {}  # the same with guesses (`_spans`)
        self._beginnings: dict[str, tuple] = {}  # the same by the longest beginning of a known morpheme
        self._segments: dict[object, tuple | None] = {}
        self._scores_by_number: list[dict[int, float]] = []  # see `_scored`
        self._hits_count = 0
        # morpheme -> {morpheme tag: log p(morpheme | tag)}: one lookup per substring
        self._morpheme_scores: dict[str, dict[int, float]] = {}
        for tag, scores in self.LP_m_t.items():
            for morpheme, lp in scores.items():
                self._morpheme_scores.setdefault(morpheme, {})[tag] = lp
        # every beginning of a known morpheme: a substring that is none has no known morpheme after it
        self._prefixes = {morpheme[:n] for morpheme in self._morpheme_scores for n in range(1, len(morpheme) + 1)}
        # the open classes, for which HanTa guesses unknown morphemes from their suffix and length
        guessable = [t for t in self.LP_m_t if t in self.LP_hapax_t and t in self.LP_s_t]
        self._guess_tags = frozenset(guessable)
        # per open tag: Int_t + LP_hapax_t + LP_len_t by length, summed in HanTa's order, and
        # the score of "no known suffix"; per suffix: its score under each open tag
        self._guess_terms = [
            (t, tuple([self.Int_t + self.LP_hapax_t[t] + lp_len for lp_len in self.LP_len_t[t]]), self.LP_s_t[t][''])
            for t in guessable
        ]
        self._suffix_scores: dict[str, dict[int, float]] = {}
        self._suffix_vectors: dict[str, tuple] = {}
        self._suffix_pairs: dict[str, tuple] = {}  # suffix -> (base, lp_suf) by open tag's index
        self._guess_index = {t: index for index, (t, _, _) in enumerate(self._guess_terms)}
        for t in guessable:
            for suffix, lp in self.LP_s_t[t].items():
                if suffix:
                    self._suffix_scores.setdefault(suffix, {})[t] = lp
        self._longest_lemma_suffix: dict[str, int] = {}
        self._followups_towards: dict[int | None, dict] = {}  # target tag -> state -> `_followup`
        self._followups: dict[tuple, tuple[tuple, tuple, dict, tuple, dict]] = {}
        self._tagged_memo: dict[tuple, tuple] = {}  # (word, tag) -> what `tag_sent` gives for it
        # Every state of the sentence model lists the word tags in one and the same order; the
        # fast sentence Viterbi relies on it and falls back to HanTa's own when a model differs.
        orders = {tuple(followers) for followers in self.LP_trans_word.values()}
        self._word_tag_order = list(orders.pop()) if len(orders) == 1 else None
        self._word_tag_place = {c: n for n, c in enumerate(self._word_tag_order or ()) if c != END}
        self._store: WordAnalysisStore | None = None
        self._asked: set[str] = set()          # forms the store was asked for already
        # form -> what the store holds or will hold: (candidate tags, (tag, lemma) pairs), in
        # tuples, which the collector stops scanning (the store's dicts and lists it would not)
        self._known: dict[str, tuple[tuple | None, tuple]] = {}

    # --- the analyses kept on disk ---------------------------------------------------------

    def use_store(self, store: WordAnalysisStore | None) -> None:
        """Keep the per-word analyses in `store` too (None: in memory only)."""
        self._store = store

    def prefetch(self, words: Iterable[str]) -> None:
        """Read the stored analyses of those of `words` not analysed in this process yet."""
        store = self._store
        if store is None:
            return
        forms = {word.lower() for word in words} - self._asked
        if not forms:
            return
        if len(self._asked) >= _MEMO_LIMIT:
            self._asked.clear()
            self._known.clear()
        self._asked.update(forms)
        for form, (stored_forward, lemmas) in store.fetch(forms).items():
            forward = None if stored_forward is None else tuple(stored_forward)
            if forward is not None:
                self._forward_memo.setdefault(form, forward)
            self._known[form] = (forward, tuple(lemmas.items()))
            for pos, result in lemmas.items():
                self._analyze_memo.setdefault((form, pos, 1), tuple(result))

    def flush(self) -> None:
        """Write the analyses made since the last flush to the store."""
        if self._store is not None:
            self._store.flush()

    def _keep(self, form: str, forward: list | None = None, pos: int | None = None,
              result: tuple[str, str] | None = None) -> None:
        if self._store is None:
            return
        old_forward, lemmas = self._known.get(form, (None, ()))
        if forward is not None:
            old_forward = tuple([(int(tag), float(lp)) for tag, lp in forward])
        by_pos = dict(lemmas)
        if pos is not None and result is not None:
            by_pos[pos] = result
            lemmas = tuple(by_pos.items())
        self._known[form] = (old_forward, lemmas)
        self._store.remember(form, (None if old_forward is None else list(old_forward), by_pos))

    # --- per-word analyses: cached -------------------------------------------------------

    def _tag_word(self, word, cutoff=5, casesensitive=True, conditional=False):
        key = (word, cutoff, casesensitive, conditional)
        result = self._tag_word_memo.get(key)
        if result is None:
            result = tuple(super()._tag_word(word, cutoff, casesensitive, conditional))
            _remember(self._tag_word_memo, key, result)
        return result

    def analyze_forward(self, word):
        result = self._forward_memo.get(word)
        if result is None:
            result = tuple(self._analyze_forward(word))
            _remember(self._forward_memo, word, result)
            if word == word.lower():
                self._keep(word, forward=result)
        return result

    def _analyze(self, word, pos, taglevel=1):
        # HanTa lower-cases the word first, so the lower-cased form is the whole input
        key = (word.lower(), pos, taglevel)
        result = self._analyze_memo.get(key)
        if result is None:
            result = super()._analyze(word, pos, taglevel)
            _remember(self._analyze_memo, key, result)
            if taglevel == 1:
                self._keep(key[0], pos=pos, result=result)
        return result

    def makelemma(self, stem_morphemes, pos):
        # HanoverTagger.makelemma, with the longest lemma suffix of each tag measured once, not per word
        mainpostag = pos.split('(')[0]
        lemma = ''.join(stem_morphemes)
        suffix = ''
        lemmasuffices = self.lemmasuffixtable.get(mainpostag, [])
        if len(lemmasuffices) > 0:
            longest = self._longest_lemma_suffix.get(mainpostag)
            if longest is None:
                longest = self._longest_lemma_suffix[mainpostag] = max(len(e) for e in lemmasuffices)
            if len(lemma) + 1 < longest:
                longest = len(lemma)
            for i in range(longest + 1, 0, -1):
                ending = ('#' + lemma)[-i:]
                if ending in lemmasuffices:
                    suffix = lemmasuffices[ending]
                    break
        if self.tag2int.get(pos, 0) in self.capitalizedlemmata:
            lemma = lemma[0].upper() + lemma[1:]
        lemma += suffix
        return lemma

    # --- the morpheme searches, same arithmetic, fewer calls -----------------------------

    def _spans(self, word: str, i: int, wlen: int, guessing: bool) -> tuple:
        """(k, kind, a, b) for each substring word[i:i+k] a morpheme tag can score (see `_segment`).
        Without `guessing` only the substrings that are known morphemes: they depend on the rest
        of the word alone, so words with the same ending share them; with it, on the rest,
        whether the word is shorter than 4 letters and whether the rest is all of it.
        Kept as tuples of plain values, which the collector stops scanning.
        """
        rest = word[i:]
        if not guessing:
            found = self._spans_memo.get(rest)
            if found is None:
                found = self._spans_memo[rest] = self._known_spans(rest)
            return found
        key = (rest, wlen < 4, i == 0)
        found = self._guessed_memo.get(key)
        if found is None:
            found = self._guessed_memo[key] = self._guessed_spans(rest, wlen < 4, i == 0)
        return found

    def _known_spans(self, rest: str) -> tuple:
        """`_spans` of the known morphemes at the start of `rest`: those of its longest beginning
        that begins a known morpheme (no longer substring can be one)."""
        prefixes = self._prefixes
        longest = 0
        for k in range(1, len(rest) + 1):
            if rest[:k] not in prefixes:
                break
            longest = k
        return self._beginning_spans(rest[:longest])

    def _beginning_spans(self, beginning: str) -> tuple:
        """`_spans` of the known morphemes `beginning` starts with: those of it one letter shorter,
        and itself where it is one; shared by every rest of a word with that beginning."""
        found = self._beginnings.get(beginning)
        if found is None:
            found = ()
            if beginning:
                found = self._beginning_spans(beginning[:-1])
                entry = self._known_entry(beginning)
                if entry is not None:
                    found = (*found, (len(beginning), *entry))
            self._beginnings[beginning] = found
        return found

    def _guessed_spans(self, rest: str, short_word: bool, whole_word: bool) -> tuple:
        """`_spans` at the start of `rest` where unknown morphemes are guessed; `rest` is all of
        the word if `whole_word`, which is shorter than 4 letters if `short_word`."""
        prefixes = self._prefixes
        segments = self._segments
        rlen = len(rest)
        guessed_from = 1 if short_word else 3  # shorter substrings of longer words are not guessed
        alive = True
        segment = ""
        spans = []
        for k in range(1, rlen + 1):
            if alive:
                segment = rest[:k]
                alive = segment in prefixes
            if k < guessed_from:
                entry = None
                if alive:
                    entry = segments.get(segment, _UNSEEN)
                    if entry is _UNSEEN:
                        entry = self._known_entry(segment)
            elif alive:
                entry = self._segment(segment, whole_word and k == rlen)
            elif whole_word and k == rlen:  # the whole word as one unknown morpheme: once per word
                entry = (_GUESSED, self._guess_vector(self._guesses(rest, rlen, True)), None)
            else:
                # an unknown morpheme's guess depends on its length and its last (up to 4) letters only
                suffix = rest[k - min(4, k - 1):k] if k > 1 else ""
                pairs = self._suffix_pairs.get(suffix)
                if pairs is None:
                    pairs = self._suffix_pairs[suffix] = tuple([(base, lp_suf) for _, base, lp_suf in self._vector(suffix)])
                entry = (_BY_SUFFIX, pairs, min(k, 24))
            if entry is not None:
                spans.append((k, *entry))
        return tuple(spans)

    def _known_entry(self, segment: str) -> tuple | None:
        """`_segment` of a known morpheme, not guessed, or None where it is none."""
        entry = self._segments.get(segment, _UNSEEN)
        if entry is _UNSEEN:
            known = self._morpheme_scores.get(segment)
            if not known:
                entry = None
            elif len(known) == 1:
                [(tag, lpm)] = known.items()
                entry = (_ONE_TAG, tag, lpm)
            else:
                entry = (_SCORES, self._scored(known), True)
            self._segments[segment] = entry
        return entry

    def _segment(self, segment: str, whole: bool) -> tuple | None:
        """How a substring that may be a known morpheme scores where unknown ones are guessed.

        (kind, a, b), None where no morpheme tag scores it (`lp_m_t` is -inf for every tag),
        shared by all substrings that score alike; plain values only. Kinds:
        _ONE_TAG: a known morpheme of one tag, a = the tag, b = log p(morpheme | tag);
        _GUESSED: no known morpheme, a = its guessed scores by open tag's index (-inf: none);
        _BY_SUFFIX: (made by `_spans`) no known morpheme, a = (scores by length, score of its
        ending) by open tag's index, b = its length (up to 24): the guess is summed in the loop;
        _SCORES: otherwise, a = the number of its scores by tag (`_scored`), b = whether it is
        a known morpheme.
        """
        key = (segment, whole)
        entry = self._segments.get(key, _UNSEEN)
        if entry is _UNSEEN:
            known = self._morpheme_scores.get(segment)
            scores = self._guesses(segment, len(segment), whole)
            if known:
                entry = (_SCORES, self._scored({**scores, **known}), True)  # a known score is used instead of a guess
            elif scores:
                entry = (_GUESSED, self._guess_vector(scores), None)
            else:
                entry = None
            self._segments[key] = entry
        return entry

    def _scored(self, scores: dict[int, float]) -> int:
        """A number for `scores` (by morpheme tag), under which its hits are kept per list of steps."""
        number = len(self._scores_by_number)
        self._scores_by_number.append(scores)
        return number

    def _guess_vector(self, scores: dict[int, float]) -> tuple[float, ...]:
        """Guessed `scores` by open tag's index, -inf where the tag has none."""
        return tuple([scores.get(t, -math.inf) for t, _, _ in self._guess_terms])

    def _guesses(self, segment: str, mlen: int, whole_word: bool) -> dict[int, float]:
        """HanoverTagger.lp_m_t's guess for an unknown morpheme under each open class, sums prepared per tag."""
        by_tag = self._vector(segment[-min(4, mlen - 1):] if mlen > 1 else "")
        length = min(mlen, 24)
        scores = {}
        for t, base, lp_suf in by_tag:
            lp = base[length] + lp_suf
            if whole_word:
                lp -= 4.6
            if lp != -math.inf:
                scores[t] = lp
        return scores

    def _vector(self, suffix: str) -> tuple[tuple[int, tuple[float, ...], float], ...]:
        """`_suffix_vector`, kept."""
        vector = self._suffix_vectors.get(suffix)
        if vector is None:
            vector = self._suffix_vectors[suffix] = self._suffix_vector(suffix)
        return vector

    def _suffix_vector(self, suffix: str) -> tuple[tuple[int, tuple[float, ...], float], ...]:
        """(open tag, its scores by length, the score of the longest of the suffix's endings it knows):
        a morpheme's last (up to 4) letters, from the longest ending down, as lp_m_t looks them up:
        the suffix's own score where it has one, else that of the suffix one letter shorter."""
        if not suffix:
            return tuple(self._guess_terms)
        scores = self._suffix_scores.get(suffix)
        shorter = self._vector(suffix[1:])
        if scores is None:
            return shorter
        return tuple([(t, base, scores.get(t, lp_suf)) for t, base, lp_suf in shorter])

    def _followup(self, state, targetpos=None):
        """The state's next steps (tag, log p(tag | state), next state), towards `targetpos` if given;
        those of them whose tag is an open class (only they can score on a substring that is no
        known morpheme, which is what most substrings are), by tag and by open tag's index; and
        the hits of these steps on each of the scores `_scored` numbers, as they are found."""
        key = (state, targetpos)
        found = self._followups.get(key)
        if found is None:
            followup = self.LP_trans_nonfinal.get(state, [])
            if targetpos is not None:
                reachable_t = self.reachability.get(targetpos, frozenset())
                followup = [(t, p) for (t, p) in followup if t in reachable_t]
            steps = tuple([(t, p, (state[1], t)) for (t, p) in followup])
            open_steps = tuple([step for step in steps if step[0] in self._guess_tags])
            by_tag = {t: (p, newstate) for t, p, newstate in steps}
            by_index = tuple([(self._guess_index[t], p, newstate) for t, p, newstate in open_steps])
            found = self._followups[key] = (steps, open_steps, by_tag, by_index, {})
        return found

    def _hits(self, hits_of: dict, number: int, steps: tuple, scores: dict) -> tuple:
        """The steps whose tag scores on a substring, in their order: (log p(tag | state), log p(substring | tag), next state)."""
        hits = [(lpt, lpm, newstate) for tag1, lpt, newstate in steps if (lpm := scores.get(tag1)) is not None]
        found = hits_of[number] = tuple(hits)  # a tuple of plain values: the collector stops scanning it
        self._hits_count += 1
        return found

    def _bound_tables(self) -> None:
        """Drop the morpheme searches' shared tables beyond their limits, between two searches
        (a search holds on to the spans it found)."""
        if len(self._spans_memo) + len(self._guessed_memo) >= _SPANS_LIMIT or self._hits_count >= _HITS_LIMIT:
            self._spans_memo.clear()
            self._guessed_memo.clear()
            self._beginnings.clear()
            self._segments.clear()
            self._suffix_vectors.clear()
            self._suffix_pairs.clear()
            self._scores_by_number.clear()
            for followup in self._followups.values():
                followup[4].clear()
            self._hits_count = 0

    def _morpheme_table(self, word, targetpos, strict, backpointer):
        """The rows of HanoverTagger.analyze_forward (`targetpos` None) or of one pass of
        analyze_viterbi (filling `backpointer`), visiting only the candidates that can score.

        For any end j the candidates still come in HanTa's order (i, state, tag), so every
        maximum, every back pointer and the order in which states enter each row is the same.
        HanTa adds lp + lpt first, then the morpheme's score: so does this, for the same floats.
        """
        self._bound_tables()
        wlen = len(word)
        lowerbound = _LOWERBOUND
        minus_inf = -math.inf
        scores_by_number = self._scores_by_number
        table = [{(EMPTY, START): 0}] + [{} for _ in range(wlen + 1)]
        followups = self._followups_towards.get(targetpos)
        if followups is None:
            followups = self._followups_towards[targetpos] = {}
        for i in range(wlen):  # no substring starts at the end: row wlen only feeds the closing step
            row = table[i]
            if not row:
                continue
            if len(row) > 3:
                rowbound = sorted(row.values(), reverse=True)[3] - 1
            else:
                rowbound = lowerbound
            guessed = known = None  # the row's spans, when guessing and when not
            for state, lp in row.items():  # no step ends in the row it starts from
                if lp < rowbound:
                    continue
                found = followups.get(state)
                if found is None:
                    found = followups[state] = self._followup(state, targetpos)
                steps, open_steps, by_tag, open_by_index, hits_of = found
                if not steps:
                    continue
                back = (state, i) if backpointer is not None else None
                if open_steps and not strict:
                    if guessed is None:
                        guessed = self._spans(word, i, wlen, True)
                    spans = guessed
                else:
                    if known is None:
                        known = self._spans(word, i, wlen, False)
                    spans = known
                for k, kind, a, b in spans:
                    # the most frequent kinds first; a row is looked up only where a step scores
                    if kind == _SCORES:
                        hits = hits_of.get(a)
                        if hits is None:
                            hits = self._hits(hits_of, a, steps if b else open_steps, scores_by_number[a])
                        if not hits:
                            continue
                        target = table[i + k]
                        pointers = backpointer[i + k] if backpointer is not None else None
                        for lpt, lpm, newstate in hits:
                            lp1 = lp + lpt + lpm
                            if lp1 > lowerbound and lp1 > target.get(newstate, minus_inf):
                                target[newstate] = lp1
                                if pointers is not None:
                                    pointers[newstate] = back
                    elif kind == _ONE_TAG:
                        step = by_tag.get(a)
                        if step is None:
                            continue
                        lp1 = lp + step[0] + b
                        if lp1 > lowerbound:
                            target = table[i + k]
                            newstate = step[1]
                            if lp1 > target.get(newstate, minus_inf):
                                target[newstate] = lp1
                                if backpointer is not None:
                                    backpointer[i + k][newstate] = back
                    else:
                        target = table[i + k]
                        pointers = backpointer[i + k] if backpointer is not None else None
                        if kind == _BY_SUFFIX:
                            # lp_m_t's guess for an open tag, base[length] + lp_suf, computed here
                            for index, lpt, newstate in open_by_index:
                                base, lp_suf = a[index]
                                lp1 = lp + lpt + (base[b] + lp_suf)
                                # not above the bound where the guess is -inf; above any value the row lacks
                                if lp1 > lowerbound and lp1 > target.get(newstate, minus_inf):
                                    target[newstate] = lp1
                                    if pointers is not None:
                                        pointers[newstate] = back
                        else:  # _GUESSED
                            for index, lpt, newstate in open_by_index:
                                lp1 = lp + lpt + a[index]
                                if lp1 > lowerbound and lp1 > target.get(newstate, minus_inf):
                                    target[newstate] = lp1
                                    if pointers is not None:
                                        pointers[newstate] = back
        return table

    def _analyze_forward(self, word):
        # HanoverTagger.analyze_forward: its rows, then its closing part
        return self._forward_results(self._morpheme_table(word, None, self.strict, None))

    def _forward_results(self, table):
        # the closing part of HanoverTagger.analyze_forward, unchanged
        from operator import itemgetter

        from HanTa.HanoverTagger import UNKNOWN
        from numpy import logaddexp

        for state in table[-2]:
            lp = table[-2][state]
            followup = self.LP_trans_final.get(state, [])
            for tag1, lpt in followup:
                lp1 = lp + lpt
                if lp1 > _LOWERBOUND:
                    newstate = (state[1], tag1)
                    if newstate not in table[-1] or lp1 > table[-1][newstate]:
                        table[-1][newstate] = lp1
        results = {}
        for state in table[-1]:
            lp = table[-1][state]
            if lp == -math.inf:
                continue
            pos = -state[1]
            if pos in results:
                results[pos] = logaddexp(results[pos], lp)
            else:
                results[pos] = lp
        result_list = list(results.items())
        result_list.sort(key=itemgetter(1), reverse=True)
        if len(result_list) == 0:
            result_list = [(UNKNOWN, 0)]
        return result_list

    def analyze_viterbi(self, word, targetpos):
        # HanoverTagger.analyze_viterbi: a strict pass, and where it finds no path, one that guesses
        wlen = len(word)
        for localstrict in (True, False):
            backpointer: list[dict] = [{} for _ in range(wlen + 2)]
            table = self._morpheme_table(word, targetpos, localstrict, backpointer)
            for state in table[-2]:
                lp = table[-2][state]
                for tag1, lpt in self.LP_trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > _LOWERBOUND:
                            newstate = (state[1], tag1)
                            if newstate not in table[-1] or lp1 > table[-1][newstate]:
                                table[-1][newstate] = lp1
                                backpointer[-1][newstate] = (state, wlen)
                        break
            if len(table[-1]) > 0:
                break
        return _best_path(table, backpointer)

    # --- the sentence Viterbi: only the word's possible tags -----------------------------

    def tag_sent(self, sent, taglevel=1, casesensitive=True):
        # HanoverTagger.tag_sent, with each (word, tag)'s lemma and tag name looked up once
        if taglevel != 1 or not sent:
            return super().tag_sent(sent, taglevel, casesensitive)
        memo = self._tagged_memo
        tagged = []
        for word, tag in zip(sent, self.tag_sent_viterbi(sent, casesensitive)):
            found = memo.get((word, tag))
            if found is None:
                found = (word, self._analyze(word, tag, taglevel=1)[0], self.int2tag[tag])
                _remember(memo, (word, tag), found)
            tagged.append(found)
        return tagged

    def _word_candidates(self, w, cs, order):
        """The (tag, log p(word | tag)) pairs HanTa's sentence loop would use for `w`, in its order."""
        from HanTa.HanoverTagger import UNKNOWN

        wprobs = dict(self._tag_word(w, cutoff=5, casesensitive=cs, conditional=True))
        if len(wprobs) == 1 and UNKNOWN in wprobs:
            wprobs = {}
        if not wprobs:  # an unknown word may be anything
            return tuple([(c, 0) for c in order if c != END])
        # the word's few tags in the model's order (its place for each tag, END left out)
        place = self._word_tag_place
        return tuple(sorted([(c, p) for c, p in wprobs.items() if c in place], key=lambda pair: place[pair[0]]))

    def tag_sent_viterbi(self, sent, casesensitive=True):
        order = self._word_tag_order
        if order is None:
            return super().tag_sent_viterbi(sent, casesensitive)
        lowerbound = _LOWERBOUND
        minus_inf = -math.inf
        trans = self.LP_trans_word
        table = []
        backpointer = []
        cs = False
        for i, w in enumerate(sent):
            if i == 0:
                cs = False
            elif casesensitive:
                cs = True
            candidates = self._candidates_memo.get((w, cs))
            if candidates is None:
                candidates = self._word_candidates(w, cs, order)
                _remember(self._candidates_memo, (w, cs), candidates)
            row = {}
            pointers = {}
            backpointer.append(pointers)
            prevrow = {(EMPTY, START): 0.0} if i == 0 else table[i - 1]
            if len(prevrow) > 5:
                rowbound = sorted(prevrow.values(), reverse=True)[5] - 1
            else:
                rowbound = lowerbound
            for state, lp0 in prevrow.items():
                if lp0 < rowbound:
                    continue
                lp_t = trans[state]
                prev_tag = state[1]
                for c, lpwc in candidates:
                    lp = lp0 + lp_t[c] + lpwc
                    if lp > lowerbound:
                        newstate = (prev_tag, c)
                        if lp > row.get(newstate, minus_inf):
                            row[newstate] = lp
                            pointers[newstate] = state
            table.append(row)

        finalstate = (END, EMPTY)
        prevrow = table[-1]
        row = {}
        backpointer.append({})
        for state in prevrow:
            lp0 = prevrow[state]
            lp = lp0 + self.LP_trans_word[state].get(END, -math.inf)
            if lp > row.get(finalstate, -math.inf):
                row[finalstate] = lp
                backpointer[-1][finalstate] = state
        table.append(row)

        tags = []
        state = finalstate
        for i in range(len(backpointer) - 1, 0, -1):
            state = backpointer[i][state]
            tags.append(state[1])
        return tags[::-1]


def _best_path(table, backpointer):
    # the closing part of HanoverTagger.analyze_viterbi, unchanged
    from HanTa.HanoverTagger import END_UNKNOWN, UNKNOWN

    pmax = -math.inf
    beststate = (EMPTY, EMPTY)
    for state in table[-1]:
        lp = table[-1][state]
        if lp > pmax:
            pmax = lp
            beststate = state
    i = len(backpointer) - 1
    if beststate == (EMPTY, EMPTY):
        states = [((UNKNOWN, END_UNKNOWN), i), ((START, UNKNOWN), i - 1)]
    else:
        states = [(beststate, i)]
        state = beststate
        while i > 0:
            state, i = backpointer[i][state]
            states.append((state, i))
        states = states[:-1]
    return [(state[1], i) for (state, i) in states[::-1]]


def _remember(memo: dict, key, value) -> None:
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value


@lru_cache(maxsize=1)
def german_tagger() -> MemoizingHanoverTagger:
    """The process's one German tagger (loading the model takes ~0.1 s; the caches live with it),
    keeping its word analyses in the cache folder."""
    tagger = MemoizingHanoverTagger(GERMAN_MODEL)
    tagger.use_store(_store())
    # The model is millions of small objects that live as long as the process. Left to the
    # garbage collector, every full collection walks all of them again (about a quarter of
    # the analysis time on a long text); frozen, they are never scanned.
    gc.collect()
    gc.freeze()
    return tagger


def drop_german_tagger() -> None:
    """Let the process's tagger go, and the collector scan again what `german_tagger` froze with it."""
    if german_tagger.cache_info().currsize:
        german_tagger.cache_clear()
        gc.unfreeze()


def _store() -> WordAnalysisStore | None:
    """The word analyses' store in the cache folder (None where there is no such folder)."""

    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis.word_analyses import store_path
    from lernkarten.places import cache_dir

    try:
        return WordAnalysisStore(store_path(cache_dir()))
    except OSError:
        return None
