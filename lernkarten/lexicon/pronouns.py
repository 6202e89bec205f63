"""German pronouns the stages check agreement with."""

from __future__ import annotations

#: a reflexive pronoun of the first or second person -> the subject it needs: "mich" -> "ich"
#: (`sich` agrees with any third person)
REFLEXIVE_PERSON = {"mich": "ich", "dich": "du", "uns": "wir", "euch": "ihr"}
