"""The whole flow as library calls: texts -> analysis -> vocabulary -> glossing -> Deck.

The CLI's `extract` and `build` are thin layers over `extract_entries` and `build_deck`;
a script can call them the same way. Analysis results are cached per text (keyed by the
text's hash, the tool's version and the model), so a rebuild after one new article
analyses only that article.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lernkarten.analysis.occurrences import Occurrence
from lernkarten.caches import CACHES
from lernkarten.entries import DEFAULT_DECK_NAME, Deck, Entry, Source
from lernkarten.errors import LernkartenError, SourceError
from lernkarten.fileio import write_atomic
from lernkarten.sources import HTML_SUFFIXES, MARKDOWN_SUFFIXES, TEXT_SUFFIXES, SourceText, read_source
from lernkarten.vocabulary import (
    DEFAULT_LEVEL,
    AnalysedText,
    _best_examples,
    asks_news_subject,
    collect_entries,
    select_entries,
)

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

Progress = Callable[[int, int], None]
#: What the ranking asks the dictionary (`dictionary_hints`): a participle's verb, and whether a word is news
Hints = tuple[Callable[[str], str | None], Callable[[str], bool]]


@dataclass
class Extraction:
    """The chosen entries of some texts, the sources they came from, and what the run reused."""

    entries: list[Entry]
    sources: list[Source]
    token_count: int
    analysed: int = 0             # texts analysed in this run
    reused: int = 0               # texts whose analysis came from the cache
    warnings: list[str] = field(default_factory=list)


def read_sources(paths: Sequence[str], *, force: bool = False) -> list[SourceText]:
    """Read every path; a folder stands for the text files in it (sorted, so builds are stable)."""
    texts: list[SourceText] = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            suffixes = (TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES) - {""}
            files = sorted(p for p in Path(path).iterdir()
                           if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith("."))
            if not files:
                raise SourceError(f"{path} is a directory with no .txt, .md or .html files")
            texts.extend(read_source(str(p), force=force) for p in files)
        else:
            texts.append(read_source(path, force=force))
    _make_ids_unique(texts)
    return texts


def analyse_texts(
    texts: Sequence[SourceText],
    *,
    model: str | None = None,
    jobs: int = 1,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> tuple[list[AnalysedText], int]:
    """Analyse each text (or take its cached analysis); returns the results and how many were reused."""
    with Workers(jobs, model) as workers:
        stream = AnalysisStream(texts, workers, use_cache=use_cache, progress=progress)
        return list(stream), stream.reused


class AnalysisStream:
    """The analyses of some texts in their order, each handed on as soon as it is ready.

    A text whose analysis is cached is read from the cache; the others are analysed by
    `workers` (in worker processes with more than one job). Each new analysis is cached as it arrives; none is kept here, so a caller that
    merges them one by one holds the words of the texts, not every occurrence of the corpus.
    """

    def __init__(self, texts: Sequence[SourceText], workers: Workers, *, use_cache: bool = True,
                 progress: Progress | None = None, while_waiting: Callable[[], bool] | None = None) -> None:
        self.texts, self.workers, self.use_cache, self.progress = texts, workers, use_cache, progress
        self.while_waiting = while_waiting  # a step of other work, done while a worker's analysis is not in
        self.reused = 0

    def __iter__(self) -> Iterator[AnalysedText]:
        texts, model = self.texts, self.workers.model
        files = [_cache_file(text, model) if self.use_cache else "" for text in texts]
        cached = [bool(file) and os.path.exists(file) for file in files]
        todo = [(text.source, text.body) for text, hit in zip(texts, cached) if not hit]
        analysed = self.workers.analyse(todo)
        if self.progress:
            self.progress(0, len(texts))
        for done, (text, file, hit) in enumerate(zip(texts, files, cached), start=1):
            result = _read_cache(file, text.source) if hit else None
            if result is not None:
                self.reused += 1
            else:
                result = (self.workers.next_analysis(analysed, self.while_waiting) if not hit
                          else self.workers.analyse_here(text.source, text.body))
                if file:
                    _write_cache(file, result)
            if self.progress:
                self.progress(done, len(texts))
            yield result


def analyse_body(nlp: object, source: Source, body: str) -> AnalysedText:
    """Run the pipeline on one text's body and keep what the vocabulary stage needs."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis import occurrences

    doc = nlp(body)  # type: ignore[operator]
    token_count = sum(1 for token in doc if not (token.is_punct or token.is_space))
    return AnalysedText(source=source, occurrences=occurrences(doc), token_count=token_count)


@dataclass(frozen=True)
class Options:
    """What decides the words of a deck and how texts are read: one record for `extract_entries`
    and `build_decks`, so both read a text the same way and a new option is added in one place."""

    level: str = DEFAULT_LEVEL          # the learner's level: words it usually knows stay out
    limit: int | None = None            # at most this many entries, best first
    known: tuple[str, ...] = ()         # lemmas the learner knows
    names: bool = False                 # keep proper names
    model: str | None = None            # an installed spaCy pipeline instead of HanTa
    force: bool = False                 # go on with a text that does not look German
    jobs: int = 1                       # processes for analysis
    use_cache: bool = True              # reuse analyses and glosses of earlier runs


def extract_entries(paths: Sequence[str], options: Options = Options(), *,
                    progress: Progress | None = None) -> Extraction:
    """The entries worth learning in the texts at `paths`, best first."""
    texts = read_sources(paths, force=options.force)
    with Workers(options.jobs, options.model) as workers:
        stream = AnalysisStream(texts, workers, use_cache=options.use_cache, progress=progress)
        words = TextWords()
        for analysed in stream:
            words.add(analysed)
    entries = rank_entries(words.entries(), options)
    return Extraction(entries=entries, sources=words.sources, token_count=words.token_count,
                      analysed=len(texts) - stream.reused, reused=stream.reused)


def rank_entries(entries: list[Entry], options: Options,
                 hints: Hints | None = None) -> list[Entry]:
    """The learnable ones of collected entries, the best first (`hints`: `dictionary_hints`, opened if not given)."""
    verb_of, in_news = hints or dictionary_hints()
    return select_entries(entries, level=options.level, limit=options.limit, known=options.known,
                          names=options.names, verb_of=verb_of, in_news=in_news)


class TextWords:
    """The words of texts merged one text at a time, as `collect_entries` over all of them gives.

    Each text's occurrences become that text's entries (`collect_entries` of the text alone,
    which keeps its best examples), then join the entries of the texts before; an analysis is
    dropped once merged. Examples are chosen per source, so choosing within each text and
    ordering all at the end is what choosing over the whole corpus gives.
    """

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self.sources: list[Source] = []
        self.token_count = 0

    def add(self, analysed: AnalysedText) -> None:
        self.sources.append(analysed.source)
        self.token_count += analysed.token_count
        for entry in collect_entries([analysed]):
            known = self._entries.setdefault(entry.key, entry)
            if known is not entry:
                known.count += entry.count
                known.forms += [form for form in entry.forms if form not in known.forms]
                known.sources += entry.sources  # this text's id, new to the entry
                known.examples += entry.examples

    def met(self, start: int, count: int) -> list[Entry]:
        """`count` of the words merged so far, from the `start`th met on (not yet ordered as `entries` orders them)."""
        return list(itertools.islice(self._entries.values(), start, start + count))

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[Entry]:
        """The merged entries in the order they were first met, their examples ordered best first."""
        for entry in self._entries.values():
            entry.examples = _best_examples(entry.examples)
        return list(self._entries.values())


def dictionary_hints() -> Hints:
    """What the vocabulary stage asks Ding: which verb a participle teaches (bekannt is an
    adjective of its own, gefordert teaches fordern), and whether a word is filed under a
    subject of the news."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing.dictionary import open_dictionary
    from lernkarten.glossing.fallbacks import verb_of_participle
    from lernkarten.glossing.senses import in_news_subject

    dictionary = open_dictionary()
    cache = functools.lru_cache(maxsize=None)
    return (cache(lambda lemma: verb_of_participle(lemma, dictionary)),
            cache(lambda lemma: in_news_subject(lemma, dictionary)))


class WhileWaiting:
    """Work that does not need the last texts, done a step at a time while a build waits for its
    analysis worker: after one new text, the worker's models take a second or two to load,
    while this process has only the cached analyses to read.

    The steps ask the dictionary the ranking's questions (`dictionary_hints`) about the words
    merged so far, the answers kept for the ranking; then read ahead what the caller asks
    (`read_ahead`: the CLI reads the deck it will replace); then gloss three of the words (the
    result thrown away), so that the glossing stage's tables are read before the new words are
    glossed here (they are read for nothing when every new word's gloss is remembered, or the
    new words are many and glossed in workers). Only while this process would rank the words
    merged so far, as after a few new texts: with many, a worker ranks and workers gloss, and
    what was read ahead is let go (`let_go`) once the words turn out too many.
    """

    #: Words asked about per step: a step is short beside the wait it fills
    STEP = 64

    def __init__(self, groups: list[TextWords], workers: Workers, read_ahead: ReadsAhead | None = None) -> None:
        self.groups, self.workers, self.read_ahead = groups, workers, read_ahead
        self._read = False
        self._hints: Hints | None = None
        self._asked: list[int] = []  # how many words of each group were asked about
        self._warmed = False

    @property
    def hints(self) -> Hints:
        """The hints, their answers so far kept (opened on first use)."""
        if self._hints is None:
            self._hints = dictionary_hints()
        return self._hints

    @property
    def answered(self) -> Hints | None:
        """The hints if any step asked them something (None: the ranking opens its own)."""
        return self._hints

    def __call__(self) -> bool:
        """Do the next step; False when none is left (or the ranking is not here)."""
        if not self.workers.ranks_here(sum(len(words) for words in self.groups)):
            return False
        self._asked += [0] * (len(self.groups) - len(self._asked))
        for index, words in enumerate(self.groups):
            batch = words.met(self._asked[index], self.STEP)
            if batch:
                self._asked[index] += len(batch)
                in_news = self.hints[1]
                for entry in batch:
                    if asks_news_subject(entry):
                        in_news(entry.lemma)
                return True
        if self.read_ahead is not None and not self._read:
            self._read = True
            self.read_ahead.read()
            return True
        if not self._warmed and self.groups:
            self._warmed = True
            # deferred: read only when this runs (start-up time)
            from lernkarten.glossing import gloss_entries

            first: dict[str, Entry] = {}
            for entry in self.groups[0].met(0, 200):
                first.setdefault(entry.pos, entry)
            # copies: the words are not changed
            gloss_entries([first[pos] for pos in ("NOUN", "VERB", "ADJ") if pos in first])
            return True
        return False

    def let_go(self) -> None:
        """Drop what was read ahead if the words are too many to rank here after all (a new
        text that came first, before the cached analyses of many more)."""
        if self.read_ahead is not None and not self.workers.ranks_here(sum(len(words) for words in self.groups)):
            self.read_ahead.drop()


class ReadsAhead(Protocol):
    """What a build's caller may have read while the build waits (`packaging.rebuild.ReadAhead`)."""

    def read(self) -> None: ...

    def drop(self) -> None: ...


@dataclass
class Build:
    """Decks made from texts: one, or one per text with `split`; plus what could not be glossed."""

    decks: list[Deck]
    unglossed: list[Entry]
    warnings: list[str]
    analysed: int
    reused: int


def build_decks(
    paths: Sequence[str],
    options: Options = Options(),
    *,
    name: str = DEFAULT_DECK_NAME,
    split: bool = False,
    translator: str | None = None,
    progress: Progress | None = None,
    gloss_progress: bool = False,
    read_ahead: ReadsAhead | None = None,
) -> Build:
    """Glossed decks from the texts at `paths` (a word of several texts is one entry with examples from each).

    Entries stay best first: Anki's new-card queue keeps the deck's order, so a learner meets
    the most useful words first. Texts are analysed and glossed in `options.jobs` processes
    and merged as each is ready, so memory follows the deck, not the number of texts.
    `read_ahead` is read while the build waits for a worker, if it does and ranks the words
    itself (`WhileWaiting`), or not at all.
    """
    texts = read_sources(paths, force=options.force)
    build = Build(decks=[], unglossed=[], warnings=[], analysed=0, reused=0)
    with Workers(options.jobs, options.model) as workers:
        groups: list[TextWords] = []
        waiting = WhileWaiting(groups, workers, read_ahead)
        stream = AnalysisStream(texts, workers, use_cache=options.use_cache, progress=progress,
                                while_waiting=waiting)
        for analysed in stream:
            if split or not groups:
                groups.append(TextWords())
            groups[-1].add(analysed)
        workers.analysis_done()
        waiting.let_go()
        ranked = workers.rank(groups, options, waiting.answered)  # empties `groups`
        workers.drop_models()
        ranked.reverse()
        while ranked:  # each group let go once glossed: its entries are copied into the deck
            sources, entries = ranked.pop()
            result = workers.gloss(entries, translator=translator, use_cache=options.use_cache,
                                   progress=gloss_progress)
            del entries
            build.unglossed.extend(result.unglossed)
            build.warnings.extend(w for w in result.warnings if w not in build.warnings)
            build.decks.append(Deck(name=name, sources=sources, entries=result.entries))
    build.analysed, build.reused = len(texts) - stream.reused, stream.reused
    return build


def gloss(entries: list[Entry], *, translator: str | None = None, use_cache: bool = True,
          progress: bool | Progress = False):  # type: ignore[no-untyped-def]
    """Gloss entries, taking those seen in the same sentences before from the gloss cache."""
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing import gloss_entries

    if translator is None and use_cache:
        # deferred: read only when this runs (start-up time)
        from lernkarten.gloss_cache import gloss_remembered

        return gloss_remembered(entries, progress=progress)
    return gloss_entries(entries, translator=translator, progress=progress)


# -- parallel workers -------------------------------------------------------------------------

#: Entries glossed per task in a worker: enough that sending them costs little beside glossing
#: them, few enough that both workers stay busy to the end and the parent merges as they come.
GLOSS_CHUNK = 100
#: Chunks the glossing workers take, all together, before fresh ones replace them: the glossing
#: stage's caches grow with every word looked up (~250 MB after 2,000 entries, ~100 MB after
#: 600), and a worker's start costs about a second. Each of two workers takes half.
GLOSS_CHUNKS_PER_WORKER = 6
#: Texts to analyse that this process analyses itself with one job; more go to a worker,
#: and when more are analysed in workers, the words are ranked in a worker too.
IN_PROCESS_TEXTS = 3
#: Words this process ranks itself when it analysed the texts (or none): more are ranked in a
#: worker, so that the ranking's data is not kept beside a big deck's packaging (the 60 news
#: articles give 4,544 words).
RANK_IN_PROCESS = 8_000
#: Entries to gloss (not remembered from earlier builds) that this process glosses itself.
GLOSS_IN_PROCESS = 2 * GLOSS_CHUNK


class Workers:
    """Processes that analyse, rank and gloss, `jobs` at a time, started only when there are
    more than IN_PROCESS_TEXTS texts to analyse; otherwise the work is done in this process.

    Analysis workers load the models once each; once every text is analysed they end, one
    worker ranks the words (the tagger's lexicon and the word lists), and glossing workers
    (the dictionary's indexes, not the models) take its place, each replaced by a fresh one
    after a while, so that no process holds more than one stage's data and this one holds
    only the words: a build's memory follows the deck, not the corpus. They are spawned, not forked: the progress bar's thread must not be
    copied into them. Results come back in order as each is ready (`imap`), so the caller
    merges them one by one.
    """

    def __init__(self, jobs: int = 1, model: str | None = None) -> None:
        self.jobs, self.model = jobs, model
        self._pool: Pool | None = None
        self._size = 0
        self._glossing = False
        self._ranker = False  # rank in a worker: many texts were analysed in workers
        self._nlp: object | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self._stop(kind is None)

    def _stop(self, finished: bool = True) -> None:
        if self._pool is not None:
            if finished:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def analysis_done(self) -> None:
        """Every text is analysed: the analysis workers end, each with its models."""
        if self._pool is not None and not self._glossing:
            self._stop()

    def rank(self, groups: list[TextWords], options: Options,
             hints: Hints | None = None,
             ) -> list[tuple[list[Source], list[Entry]]]:
        """The sources and the ranked words (`rank_entries`, with `hints` here) of each group, emptying `groups`.

        The words are ranked in a worker of their own when many texts were analysed in workers
        or the words are many (a rebuild of a big deck after one new text): the vocabulary
        stage reads the tagger's lexicon and the word lists (~200 MB), which this process
        would keep beside the glossing workers, since freed memory seldom goes back. A
        group's words are let go here once sent, before the ranked ones come back.
        """
        ranked: list[tuple[list[Source], list[Entry]]] = []
        ranker: Pool | None = None  # one worker for every group that needs one: it starts once
        try:
            while groups:
                words = groups.pop(0)
                sources, entries = words.sources, words.entries()
                del words
                if self.ranks_here(len(entries)):
                    ranked.append((sources, rank_entries(entries, options, hints)))
                    continue
                if ranker is None:
                    import multiprocessing

                    ranker = multiprocessing.get_context("spawn").Pool(1)
                pending = ranker.apply_async(rank_entries, (entries, options))
                del entries
                ranked.append((sources, pending.get()))
        finally:
            if ranker is not None:
                ranker.terminate()  # as leaving `with Pool` does: every result is in
                ranker.join()
        return ranked

    def ranks_here(self, words: int) -> bool:
        """Whether `rank` ranks that many words in this process (not in a worker)."""
        return not self._ranker and words <= RANK_IN_PROCESS

    def next_analysis(self, analysed: Iterator[AnalysedText], while_waiting: Callable[[], bool] | None) -> AnalysedText:
        """The next of `analyse`'s analyses; while a worker has not sent it, `while_waiting` does
        one step of other work at a time, until it says it has none left."""
        ready = getattr(analysed, "next", None)  # a pool's results can be asked for without waiting
        if while_waiting is not None and ready is not None:
            import multiprocessing

            while True:
                try:
                    return ready(timeout=0)  # type: ignore[no-any-return]
                except multiprocessing.TimeoutError:
                    if not while_waiting():
                        break
        return next(analysed)

    def drop_models(self) -> None:
        """Let this process's pipeline and tagger go (the vocabulary stage asks the tagger too),
        so that glossing runs beside neither."""
        self._nlp = None
        tagger = sys.modules.get("lernkarten.analysis.hanta_tagger")  # never imported here for this
        if tagger is not None:
            tagger.drop_german_tagger()

    def analyse(self, items: list[tuple[Source, str]]) -> Iterator[AnalysedText]:
        """The analyses of (source, body) pairs in their order, as each is ready.

        With more than one job even a single text goes to a worker: its models load there
        while this process reads the cached analyses of the other texts. With one job, more
        than IN_PROCESS_TEXTS go to one worker, whose memory goes when analysis ends.
        """
        if items and (self.jobs > 1 or len(items) > IN_PROCESS_TEXTS):
            self._ranker = len(items) > IN_PROCESS_TEXTS
            return self._started(len(items), glossing=False).imap(_analyse_in_worker, items, chunksize=1)
        return (self.analyse_here(source, body) for source, body in items)

    def analyse_here(self, source: Source, body: str) -> AnalysedText:
        """One text analysed in this process (the models loaded on first use)."""
        if self._nlp is None:
            # deferred: read only when this runs (start-up time)
            from lernkarten.analysis import load_nlp

            self._nlp = load_nlp(self.model)
        return analyse_body(self._nlp, source, body)

    def gloss(self, entries: list[Entry], *, translator: str | None = None, use_cache: bool = True,
              progress: bool | Progress = False):  # type: ignore[no-untyped-def]
        """`gloss` over the entries; those not remembered from earlier builds are glossed in
        workers when there are more than GLOSS_IN_PROCESS, with two or more jobs or after many
        texts were analysed in a worker (offline only: an online translator's
        budget and warnings belong to one run), in chunks whose results keep the order. Fewer (a
        rebuild after one new article) are glossed here: starting workers and sending the
        entries there and back would cost more than it saves."""
        if translator is not None:
            return gloss(entries, translator=translator, use_cache=use_cache, progress=progress)
        fresh = functools.partial(self._gloss_fresh, progress=progress)
        if not use_cache:
            return fresh(entries)
        # deferred: read only when this runs (start-up time)
        from lernkarten.gloss_cache import gloss_remembered

        return gloss_remembered(entries, progress=progress, glosser=fresh)

    def _gloss_fresh(self, entries: list[Entry], *, progress: bool | Progress = False):  # type: ignore[no-untyped-def]
        # deferred: read only when this runs (start-up time)
        from lernkarten.glossing import GlossResult, gloss_entries

        if len(entries) <= GLOSS_IN_PROCESS or not (self.jobs > 1 or self._ranker):
            return gloss_entries(entries, progress=progress)
        chunks = [entries[i:i + GLOSS_CHUNK] for i in range(0, len(entries), GLOSS_CHUNK)]
        result = GlossResult()
        callback = progress if callable(progress) else None
        done = 0
        # deferred: read only when this runs (start-up time)
        from lernkarten.gloss_cache import sharing_lists

        parts = self._started(len(chunks), glossing=True).imap(_gloss_in_worker, chunks, chunksize=1)
        for chunk, part in zip(chunks, parts):
            sent = {entry.key: entry for entry in chunk}
            result.entries.extend(sharing_lists(entry, sent.get(entry.key, entry)) for entry in part.entries)
            result.unglossed.extend(sharing_lists(entry, sent.get(entry.key, entry)) for entry in part.unglossed)
            result.warnings.extend(w for w in part.warnings if w not in result.warnings)
            done += len(part.entries) + len(part.unglossed)
            if callback:
                callback(done, len(entries))
        return result

    def _started(self, work: int, *, glossing: bool) -> Pool:
        if self._pool is not None and self._glossing != glossing:
            self._stop()
        if self._pool is None:
            import multiprocessing

            context = multiprocessing.get_context("spawn")
            self._glossing = glossing
            self._size = max(self._size, min(self.jobs, work))
            self._pool = (context.Pool(self._size, maxtasksperchild=max(1, GLOSS_CHUNKS_PER_WORKER // self._size)) if glossing else
                          context.Pool(self._size, initializer=_worker_init, initargs=(self.model,)))
        return self._pool


_worker_nlp: object | None = None


def _worker_init(model: str | None) -> None:
    global _worker_nlp
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis import load_nlp

    _worker_nlp = load_nlp(model)


def _analyse_in_worker(item: tuple[Source, str]) -> AnalysedText:
    source, body = item
    return analyse_body(_worker_nlp, source, body)


def _gloss_in_worker(entries: list[Entry]):  # type: ignore[no-untyped-def]
    # deferred: read only when this runs (start-up time)
    from lernkarten.glossing import gloss_entries

    return gloss_entries(entries)


# -- analysis cache ---------------------------------------------------------------------------

def _cache_file(text: SourceText, model: str | None) -> str:
    key = hashlib.sha256(f"{model or 'hanta'}|{text.source.sha256}".encode()).hexdigest()
    # the folder's name carries the analysis code's fingerprint (`caches.CACHES["analysis"]`)
    folder = CACHES["analysis"].path()
    if not folder.exists():
        folder.mkdir(exist_ok=True)
        CACHES["analysis"].prune(keep=folder)
    return str(folder / f"{key}.json")


def _read_cache(file: str, source: Source) -> AnalysedText | None:
    """The analysis cached in `file`, given today's source record (a renamed file keeps its analysis)."""
    try:
        with open(file, encoding="utf-8") as handle:
            data = json.load(handle)
        # a sentence read once, not once per word in it: a deck's examples share it
        sentences: dict[str, str] = {}
        occurrences = [Occurrence(**{**o, "spans": tuple(tuple(s) for s in o["spans"]),
                                     "sentence": sentences.setdefault(o["sentence"], o["sentence"])})
                       for o in data["occurrences"]]
        return AnalysedText(source=source, occurrences=occurrences, token_count=int(data["token_count"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no cache, or one from an older format: analyse again


def _write_cache(file: str, analysed: AnalysedText) -> None:
    data = {"token_count": analysed.token_count, "occurrences": [o.to_dict() for o in analysed.occurrences]}
    try:
        write_atomic(file, json.dumps(data, ensure_ascii=False))
    except (OSError, LernkartenError):
        pass  # a cache that cannot be written only costs time next run


def _make_ids_unique(texts: list[SourceText]) -> None:
    """Two files with the same name in different folders get distinct source ids."""
    taken: set[str] = set()
    for text in texts:
        base, number = text.source.id, 1
        while text.source.id in taken:
            number += 1
            text.source.id = f"{base}-{number}"
        taken.add(text.source.id)


def default_jobs() -> int:
    """Processes to use when the user asks for all cores."""
    return max(1, os.cpu_count() or 1)
