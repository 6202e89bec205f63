"""The language resources both stages read, and which import neither stage.

German nouns (gender, plural, forms), the Ding dictionary's line format and path, its
headwords and reflexive verbs, the expressions list, word frequencies, particles, word
formation, pronouns and calendar words.
"""
