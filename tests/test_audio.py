"""Pronunciations on cards: spoken offline by eSpeak NG, packaged as Anki media, heard in Anki."""

from __future__ import annotations

import importlib.util
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
from anki_helpers import import_package, new_collection, seen_cards
from click.testing import CliRunner
from conftest import SEED
from quiz_decks import seed_deck

from lernkarten.audio.cache import SpeechCache
from lernkarten.audio.clips import deck_audio
from lernkarten.audio.espeak import speak
from lernkarten.audio.mp3 import encode_mp3, looks_like_mp3
from lernkarten.audio.voices import OFFLINE, EspeakVoice, GoogleVoice, Speaker
from lernkarten.cli import cli
from lernkarten.packaging import models, stamp_from_package, write_apkg
from lernkarten.packaging.fields import WORD_MODEL_ID

SOUND = re.compile(r"\[sound:([^\]]+)\]")


def speaker_with(cache: Path, voice=None) -> Speaker:  # type: ignore[no-untyped-def]
    return Speaker(voice, cache=SpeechCache(cache))


def mp3_frames_ok(data: bytes) -> bool:
    """An MPEG audio frame sync at the start and a length no silent stub has."""
    return looks_like_mp3(data) and len(data) > 1000


def refuse_google(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point gTTS at a port nothing listens on: the connection is refused at once, as offline."""
    tts = pytest.importorskip("gtts.tts", reason="gTTS is an optional extra")

    monkeypatch.setattr(tts, "_translate_url", lambda tld="com", path="": f"http://127.0.0.1:9/{path}")


def test_espeak_speaks_german_as_pcm_of_the_length_of_the_text() -> None:
    word = speak("das Bündnis")
    sentence = speak("Im Klartext bedeutete das: Er bat um militärische Unterstützung.")
    assert word.rate == 22050
    assert 0.3 < word.seconds < 2.5
    assert sentence.seconds > 2 * word.seconds
    assert max(abs(int.from_bytes(word.pcm[i:i + 2], "little", signed=True))
               for i in range(0, len(word.pcm), 2)) > 1000      # sound, not silence


def test_speech_is_encoded_as_compact_mp3() -> None:
    speech = speak("die Unterstützung")
    mp3 = encode_mp3(speech)
    assert mp3_frames_ok(mp3)
    # 32 kbit/s: about 4 kB a second, against 44 kB a second of the PCM it came from
    assert len(mp3) < len(speech.pcm) / 6


def test_deck_with_audio_imports_with_its_media_present_and_nothing_unused(tmp_path: Path) -> None:
    deck = seed_deck()
    audio = deck_audio(deck, sentences=True, speaker=speaker_with(tmp_path / "cache"))
    summary = write_apkg(deck, tmp_path / "deck.apkg", audio=audio)
    words = len(deck.entries)
    assert summary.media == 2 * words           # every word and its (own) sentence
    with zipfile.ZipFile(tmp_path / "deck.apkg") as archive:
        media_map = json.loads(archive.read("media"))
        assert sorted(media_map.values()) == sorted(audio.media)
        for index, name in media_map.items():
            assert mp3_frames_ok(archive.read(index)), name

    col = new_collection(tmp_path / "anki")
    try:
        assert import_package(col, tmp_path / "deck.apkg").new == summary.notes
        check = col.media.check()
        assert list(check.missing) == [] and list(check.unused) == []
        media_dir = Path(col.media.dir())
        cards = seen_cards(col)
        bundnis = next(c for c in cards if c.fields["German"] == "das Bündnis" and c.note_type.startswith("Lernkarten Word"))
        assert bundnis.note_type == models.WORD_AUDIO_MODEL_NAME
        word_file = SOUND.fullmatch(bundnis.fields["Extra2"]).group(1)
        sentence_file = SOUND.fullmatch(bundnis.fields["Extra3"]).group(1)
        # the word plays with the German on the front, the sentence beside it on the back
        assert "[anki:play:q:0]" in bundnis.question_html
        card = col.get_card(bundnis.card_id)
        assert [tag.filename for tag in card.question_av_tags()] == [word_file]
        assert sentence_file in [tag.filename for tag in card.answer_av_tags()]
        for c in cards:
            for value in c.fields.values():
                for name in SOUND.findall(value):
                    assert (media_dir / name).stat().st_size > 1000
        cloze = next(c for c in cards if c.note_type == models.CLOZE_AUDIO_MODEL_NAME and c.fields["German"] == "das Bündnis")
        assert cloze.fields["Extra2"] == f"[sound:{sentence_file}]"
        assert "[anki:play" not in cloze.question_html     # the front would give the word away
    finally:
        col.close()


def test_reverse_card_keeps_the_word_to_its_back(tmp_path: Path) -> None:
    deck = seed_deck()
    audio = deck_audio(deck, speaker=speaker_with(tmp_path / "cache"))
    write_apkg(deck, tmp_path / "deck.apkg", reverse=True, audio=audio)
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "deck.apkg")
        reverse = next(c for c in seen_cards(col) if c.template == "English -> German")
        card = col.get_card(reverse.card_id)
        assert card.question_av_tags() == []
        assert [t.filename for t in card.answer_av_tags()] == [SOUND.fullmatch(reverse.fields["Extra2"]).group(1)]
    finally:
        col.close()


def test_rebuild_with_the_same_words_adds_no_media_copies_and_updates_the_notes(tmp_path: Path) -> None:
    deck = seed_deck()
    plain = tmp_path / "plain.apkg"
    write_apkg(deck, plain)
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, plain)
        # the learner's deck gets audio: the notes take their new fields, no note is copied
        first = tmp_path / "first.apkg"
        audio = deck_audio(deck, sentences=True, speaker=speaker_with(tmp_path / "cache"))
        stamped = stamp_from_package(deck, plain, int(time.time()), audio=audio)
        write_apkg(stamped, first, audio=audio)
        outcome = import_package(col, first)
        assert outcome.new == 0 and outcome.updated == len(seed_deck().entries) * 2
        files = sorted(p.name for p in Path(col.media.dir()).iterdir())
        assert files == sorted(audio.media)
        # a later build, with a new speaker but the same cache: same names, same bytes, nothing to add
        again = speaker_with(tmp_path / "cache")
        second = tmp_path / "second.apkg"
        write_apkg(stamped, second, audio=deck_audio(stamped, sentences=True, speaker=again))
        assert again.synthesised == 0
        assert second.read_bytes() == first.read_bytes()
        import_package(col, second)
        assert sorted(p.name for p in Path(col.media.dir()).iterdir()) == files
        assert not col.media.check().missing and not col.media.check().unused
    finally:
        col.close()


def test_a_deck_without_audio_later_keeps_the_templates_that_play_sound(tmp_path: Path) -> None:
    deck = seed_deck()
    write_apkg(deck, tmp_path / "audio.apkg", audio=deck_audio(deck, speaker=speaker_with(tmp_path / "cache")))
    write_apkg(deck, tmp_path / "plain.apkg")
    col = new_collection(tmp_path / "anki")
    try:
        import_package(col, tmp_path / "audio.apkg")
        import_package(col, tmp_path / "plain.apkg")
        word = col.models.get(WORD_MODEL_ID)
        assert word["name"] == models.WORD_AUDIO_MODEL_NAME and "{{Extra2}}" in word["tmpls"][0]["qfmt"]
        ours = [m.name for m in col.models.all_names_and_ids() if m.name.startswith("Lernkarten")]
        assert sorted(ours) == [models.CLOZE_AUDIO_MODEL_NAME, models.WORD_AUDIO_MODEL_NAME]  # no "+" copy
    finally:
        col.close()


def test_audio_templates_come_with_their_own_newer_revision() -> None:
    assert models.audio_template_fingerprint() == models.AUDIO_REVISION, (
        "audio templates changed: set models.AUDIO_REVISED to now and models.AUDIO_REVISION to "
        f"{models.audio_template_fingerprint()!r}")
    assert models.AUDIO_REVISED > models.REVISED


def test_cached_speech_is_not_synthesised_again(tmp_path: Path) -> None:
    first = speaker_with(tmp_path)
    voice, mp3 = first.speak("die Streitkräfte")
    assert voice == OFFLINE and first.synthesised == 1
    second = speaker_with(tmp_path)
    assert second.speak("die Streitkräfte") == (OFFLINE, mp3)
    assert second.synthesised == 0


def test_unreachable_google_voice_warns_once_and_espeak_speaks(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_google(monkeypatch)
    speaker = speaker_with(tmp_path, GoogleVoice(timeout=5))
    spoken = [speaker.speak(text) for text in ("das Bündnis", "die Streitkräfte", "mitteilen")]
    assert [voice for voice, _ in spoken] == [OFFLINE] * 3
    assert all(mp3_frames_ok(mp3) for _, mp3 in spoken)
    assert speaker.warnings == ["the google voice is not available (no connection); "
                                "the rest is spoken by eSpeak NG"]


class SlowVoice:
    """An online voice that answers, but only after `delay` seconds."""

    name = "google"

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.asked: list[str] = []

    def mp3(self, text: str) -> bytes:
        self.asked.append(text)
        time.sleep(self.delay)
        return EspeakVoice().mp3(text)


def test_online_voice_past_its_deadline_is_given_up_and_the_answers_it_gave_are_cached(tmp_path: Path) -> None:
    quick = SlowVoice(0)
    speaker = Speaker(quick, cache=SpeechCache(tmp_path), timeout=2)
    assert speaker.speak("das Bündnis")[0] == "google"
    slow = SlowVoice(5)
    later = Speaker(slow, cache=SpeechCache(tmp_path), timeout=0.3)
    assert later.speak("das Bündnis")[0] == "google"        # from the cache, nothing asked
    assert slow.asked == []
    assert later.speak("die Streitkräfte")[0] == OFFLINE
    assert later.speak("mitteilen")[0] == OFFLINE
    assert slow.asked == ["die Streitkräfte"]               # after the first failure, never again
    assert later.warnings == ["the google voice did not answer within 0.3 s; the rest is spoken by eSpeak NG"]


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_a_studied_deck_rebuilt_with_audio_updates_its_notes_and_package_keeps_the_sound(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_google(monkeypatch)
    deck = tmp_path / "deck.apkg"
    build = ["build", str(SEED), "-o", str(deck), "--limit", "8", "--keep-mature"]
    run(*build)
    col = new_collection(tmp_path / "anki")
    try:
        notes = import_package(col, deck).new
        said = run(*build, "--audio", "sentences", "--audio-voice", "google")
        # without a network Google's voice fails once, says so once, and eSpeak NG speaks instead
        assert said.count("Warning:") == 1 and "the rest is spoken by eSpeak NG" in said
        assert "sound files" in said
        outcome = import_package(col, deck)
        assert (outcome.new, outcome.updated) == (0, notes)
        assert not col.media.check().missing and not col.media.check().unused
        words = [c for c in seen_cards(col) if c.note_type == models.WORD_AUDIO_MODEL_NAME]
        assert len(words) == 8 and all(SOUND.fullmatch(c.fields["Extra2"]) for c in words)
        assert all(SOUND.fullmatch(c.fields["Extra3"]) for c in words if c.fields["Example"])
        files = sorted(p.name for p in Path(col.media.dir()).iterdir())

        with_sound = deck.read_bytes()
        run("package", str(deck.with_suffix(".json")), "--audio", "sentences")
        assert deck.read_bytes() == with_sound          # the same notes, the same files: nothing to update
        assert import_package(col, deck).updated == 0
        assert sorted(p.name for p in Path(col.media.dir()).iterdir()) == files

        run("package", str(deck.with_suffix(".json")))  # without --audio the sound goes, and Anki hears of it
        assert import_package(col, deck).updated == notes
        assert all(c.fields["Extra2"] == "" for c in seen_cards(col) if c.note_type.startswith("Lernkarten Word"))
    finally:
        col.close()


def test_unknown_audio_choice_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(tmp_path / "d.apkg"), "--audio", "loud"])
    assert result.exit_code == 2
    assert "'loud' is not one of 'words', 'sentences'" in result.output
    assert not (tmp_path / "d.apkg").exists()


def test_a_broken_speech_install_is_one_line_before_any_analysis(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from conftest import REPO

    # an espeakng-loader whose library has gone missing (a half-removed install)
    broken = tmp_path / "site" / "espeakng_loader"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text(
        "def get_library_path():\n    return '/nonexistent/libespeak-ng.so'\n"
        "def get_data_path():\n    return '/nonexistent/espeak-ng-data'\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path / "site"), str(REPO)]))
    done = subprocess.run([sys.executable, "-m", "lernkarten", "build", str(SEED), "-o", str(tmp_path / "d.apkg"),
                           "--audio"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: cannot load eSpeak NG from espeakng-loader")
    # one line and nothing else: refused before the analysis reports on the text
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "d.apkg").exists()


def test_google_voice_without_gtts_is_a_one_line_error(tmp_path: Path) -> None:
    if importlib.util.find_spec("gtts") is not None:
        pytest.skip("gTTS is installed here")
    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(tmp_path / "d.apkg"), "--audio",
                                      "--audio-voice", "google"])
    assert result.exit_code != 0 and not (tmp_path / "d.apkg").exists()
    assert result.stderr.strip().splitlines() == [
        "Error: --audio-voice google needs gTTS, which is not installed: pip install gTTS"]
