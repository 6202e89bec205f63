"""The learner's levels and what each is assumed to know: read by the vocabulary stage and the CLI."""

#: A learner at this level is assumed to know words at least this frequent (Zipf).
LEVEL_KNOWN_ZIPF = {"A2": 5.2, "B1": 4.6, "B2": 4.0, "C1": 3.4}
LEVELS = tuple(LEVEL_KNOWN_ZIPF)
DEFAULT_LEVEL = "B1"
