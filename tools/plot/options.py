# SPDX-License-Identifier: GPL-2.0-only
"""Command-line helpers shared by the documentation's figure scripts (diagrams.py,
doc_figures.py)."""


def parse_names(value, known, flag, what):
    """The names of a comma-separated flag value (all of known when it is empty), in order.
    Raises ValueError naming the flag and the expected names on an unknown one."""
    if not value:
        return list(known)
    names = [n.strip() for n in value.split(",") if n.strip()]
    for n in names:
        if n not in known:
            raise ValueError(f"{flag}: unknown {what} {n!r} (expected {', '.join(known)})")
    return names
