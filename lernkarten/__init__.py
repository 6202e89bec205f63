"""lernkarten: German texts in, flashcards for English-speaking learners out.

The library's face is small; each stage lives in its own module:
`sources` (read texts), `analysis` (spaCy + HanTa), `vocabulary` (what is worth learning),
`glossing` (English glosses and grammar), `packaging` (Anki decks), `quiz` (FSRS sessions).
"""

__version__ = "0.1.0"
