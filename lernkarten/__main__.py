"""`python -m lernkarten`: the same as the `lernkarten` command."""

from lernkarten.cli import main

main()
