"""The whole flow as library calls: texts -> analysis -> vocabulary -> glossing -> Deck.

The CLI's `extract` and `build` are thin layers over `extract_entries` and `build_deck`;
a script can call them the same way. Analysis results are cached per text (keyed by the
text's hash, the tool's version and the model), so a rebuild after one new article
analyses only that article.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lernkarten.analysis.occurrences import Occurrence
from lernkarten.caches import CACHES
from lernkarten.entries import DEFAULT_DECK_NAME, Deck, Entry, Source
from lernkarten.errors import LernkartenError, SourceError
from lernkarten.fileio import write_atomic
from lernkarten.sources import HTML_SUFFIXES, MARKDOWN_SUFFIXES, TEXT_SUFFIXES, SourceText, read_source
from lernkarten.vocabulary import DEFAULT_LEVEL, AnalysedText, collect_entries, select_entries

Progress = Callable[[int, int], None]


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
    results: dict[int, AnalysedText] = {}
    todo: list[int] = []
    for index, text in enumerate(texts):
        cached = _read_cache(text, model) if use_cache else None
        if cached is not None:
            results[index] = cached
        else:
            todo.append(index)
    reused = len(results)
    done = reused
    if progress:
        progress(done, len(texts))
    if todo:
        bodies = [(texts[i].source, texts[i].body) for i in todo]
        if jobs > 1 and len(todo) > 1:
            import multiprocessing

            # spawn, not fork: the progress bar's thread must not be copied into the workers
            with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), initializer=_worker_init, initargs=(model,),
                                     mp_context=multiprocessing.get_context("spawn")) as pool:
                analysed_iter: Iterable[AnalysedText] = pool.map(_analyse_in_worker, bodies, chunksize=1)
                for index, analysed in zip(todo, analysed_iter):
                    results[index] = analysed
                    done += 1
                    if progress:
                        progress(done, len(texts))
        else:
            # deferred: read only when this runs (start-up time)
            from lernkarten.analysis import load_nlp

            nlp = load_nlp(model)
            for index, (source, body) in zip(todo, bodies):
                results[index] = analyse_body(nlp, source, body)
                done += 1
                if progress:
                    progress(done, len(texts))
        if use_cache:
            for index in todo:
                _write_cache(texts[index], model, results[index])
    return [results[i] for i in range(len(texts))], reused


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
    analysed, reused = analyse_texts(texts, model=options.model, jobs=options.jobs, use_cache=options.use_cache,
                                     progress=progress)
    entries = choose_entries(analysed, options)
    return Extraction(entries=entries, sources=[t.source for t in texts],
                      token_count=sum(a.token_count for a in analysed), analysed=len(texts) - reused, reused=reused)


def choose_entries(analysed: Sequence[AnalysedText], options: Options) -> list[Entry]:
    """The vocabulary stage over some analysed texts: one entry per word, the best first."""
    verb_of, in_news = dictionary_hints()
    return select_entries(collect_entries(analysed), level=options.level, limit=options.limit, known=options.known,
                          names=options.names, verb_of=verb_of, in_news=in_news)


def dictionary_hints() -> tuple[Callable[[str], str | None], Callable[[str], bool]]:
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
) -> Build:
    """Glossed decks from the texts at `paths` (a word of several texts is one entry with examples from each).

    Entries stay best first: Anki's new-card queue keeps the deck's order, so a learner meets
    the most useful words first.
    """
    texts = read_sources(paths, force=options.force)
    analysed, reused = analyse_texts(texts, model=options.model, jobs=options.jobs, use_cache=options.use_cache,
                                     progress=progress)
    groups = [[a] for a in analysed] if split else [analysed]
    decks: list[Deck] = []
    unglossed: list[Entry] = []
    warnings: list[str] = []
    for group in groups:
        entries = choose_entries(group, options)
        result = gloss(entries, translator=translator, use_cache=options.use_cache, progress=gloss_progress)
        unglossed.extend(result.unglossed)
        warnings.extend(w for w in result.warnings if w not in warnings)
        decks.append(Deck(name=name, sources=[a.source for a in group], entries=result.entries))
    return Build(decks=decks, unglossed=unglossed, warnings=warnings, analysed=len(texts) - reused, reused=reused)


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

_worker_nlp: object | None = None


def _worker_init(model: str | None) -> None:
    global _worker_nlp
    # deferred: read only when this runs (start-up time)
    from lernkarten.analysis import load_nlp

    _worker_nlp = load_nlp(model)


def _analyse_in_worker(item: tuple[Source, str]) -> AnalysedText:
    source, body = item
    return analyse_body(_worker_nlp, source, body)


# -- analysis cache ---------------------------------------------------------------------------

def _cache_file(text: SourceText, model: str | None) -> str:
    key = hashlib.sha256(f"{model or 'hanta'}|{text.source.sha256}".encode()).hexdigest()
    # the folder's name carries the analysis code's fingerprint (`caches.CACHES["analysis"]`)
    folder = CACHES["analysis"].path()
    if not folder.exists():
        folder.mkdir(exist_ok=True)
        CACHES["analysis"].prune(keep=folder)
    return str(folder / f"{key}.json")


def _read_cache(text: SourceText, model: str | None) -> AnalysedText | None:
    try:
        with open(_cache_file(text, model), encoding="utf-8") as handle:
            data = json.load(handle)
        occurrences = [Occurrence(**{**o, "spans": tuple(tuple(s) for s in o["spans"])})
                       for o in data["occurrences"]]
        # the source record is today's (a renamed file keeps its analysis)
        return AnalysedText(source=text.source, occurrences=occurrences, token_count=int(data["token_count"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no cache, or one from an older format: analyse again


def _write_cache(text: SourceText, model: str | None, analysed: AnalysedText) -> None:
    data = {"token_count": analysed.token_count, "occurrences": [asdict(o) for o in analysed.occurrences]}
    try:
        write_atomic(_cache_file(text, model), json.dumps(data, ensure_ascii=False))
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
