"""``python -m framing`` runs the CLI."""

from framing.cli import main

main()
