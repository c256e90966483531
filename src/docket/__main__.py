"""``python -m docket`` runs the CLI."""

from docket.faces.cli import main

main()
