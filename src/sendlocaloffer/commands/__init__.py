"""Command-line commands, one module each (see :mod:`sendlocaloffer.cli`)."""
