"""Word lists the stages share: German nouns (gender, plural, forms)."""
