"""The noun table answers for any inflected form with gender, plural and genitive."""

from __future__ import annotations

from pathlib import Path

from lernkarten.lexicon.nouns import NounTable, _german_nouns_csv, build_noun_index, noun_table


def test_inflected_form_leads_to_the_dictionary_form_with_its_grammar() -> None:
    (info,) = noun_table().lookup("Bündnissen")
    assert (info.lemma, info.gender, info.plural, info.genitive) == ("Bündnis", "n", "Bündnisse", "Bündnisses")
    assert info.form_is_plural


def test_noun_with_two_genders_keeps_both() -> None:
    genders = {info.gender for info in noun_table().lemma("Teil")}
    assert genders == {"m", "n"}


def test_plural_only_noun_and_adjectival_noun_are_marked() -> None:
    assert any(info.plural_only for info in noun_table().lookup("Eltern"))
    assert all(info.adjectival for info in noun_table().lookup("Verbündeten"))


def test_place_names_are_names_not_common_nouns() -> None:
    assert all(info.is_name for info in noun_table().lookup("Russland"))
    assert not any(info.is_name for info in noun_table().lookup("Truppe"))


def test_index_is_built_to_a_temporary_file_and_renamed(tmp_path: Path) -> None:
    target = tmp_path / "nouns.sqlite"
    build_noun_index(_german_nouns_csv(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["nouns.sqlite"]
    assert NounTable(target).lookup("Truppen")[0].lemma == "Truppe"
