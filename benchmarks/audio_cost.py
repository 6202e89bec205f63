"""What pronunciations cost: seconds and megabytes per 100 words, and the seed deck with and without audio.

    python benchmarks/audio_cost.py [--words N]

Speaks the first N words of the committed seed deck (`decks/*.json`, default 100) as the
cards say them, and their example sentences, with eSpeak NG into MP3, each from scratch (an
empty speech cache in a temporary folder: the figure a first build pays; a rebuild pays none
of it). Then packages the seed deck three ways, without audio, with `--audio` and with
`--audio sentences`, and prints their sizes. Offline, a few seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lernkarten.audio.cache import SpeechCache  # noqa: E402
from lernkarten.audio.clips import deck_audio  # noqa: E402
from lernkarten.audio.espeak import speak  # noqa: E402
from lernkarten.audio.mp3 import encode_mp3  # noqa: E402
from lernkarten.audio.voices import Speaker  # noqa: E402
from lernkarten.packaging import read_deck_json, write_apkg  # noqa: E402
from lernkarten.packaging.render import card_example, headword, usable_glosses  # noqa: E402

SEED_JSON = ROOT / "decks" / "faz-2022-01-06-kasachstan-odkb.json"
MB = 1024 * 1024


def cost(texts: list[str]) -> tuple[float, int, float]:
    """(seconds to synthesise and encode, MP3 bytes, seconds of speech) for `texts`."""
    speak("warm")  # loading the library is paid once a process, not per word
    started = time.perf_counter()
    size = 0
    heard = 0.0
    for text in texts:
        speech = speak(text)
        size += len(encode_mp3(speech))
        heard += speech.seconds
    return time.perf_counter() - started, size, heard


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100)
    args = parser.parse_args()
    deck = read_deck_json(SEED_JSON)
    entries = [e for e in deck.entries if usable_glosses(e)][: args.words]
    words = [headword(e) for e in entries]
    sentences = [example.text for e in entries if (example := card_example(e))]
    per = 100 / len(entries)
    for label, texts in (("words", words), ("example sentences", sentences),
                         ("distinct sentences", sorted(set(sentences)))):
        seconds, size, heard = cost(texts)
        print(f"{len(texts):4d} {label:<20} {seconds:6.2f} s  {size / MB:6.3f} MB  ({heard:6.1f} s of speech)"
              f"   per 100 words: {seconds * per:5.2f} s, {size / MB * per:5.3f} MB")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        sizes = {}
        for label, audio in (("without audio", None), ("--audio", "words"), ("--audio sentences", "sentences")):
            sounds = None
            if audio:
                sounds = deck_audio(deck, sentences=audio == "sentences",
                                    speaker=Speaker(cache=SpeechCache(out / "cache")))
            path = out / f"{audio or 'plain'}.apkg"
            summary = write_apkg(deck, path, audio=sounds)
            sizes[label] = path.stat().st_size
            print(f"seed deck {label:<18} {sizes[label] / MB:6.2f} MB  {summary.media:4d} sound files, "
                  f"{summary.notes} notes")


if __name__ == "__main__":
    main()
