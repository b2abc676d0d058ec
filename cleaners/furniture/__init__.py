"""Page furniture: one module per kind, each marking the lines it recognises with its reason.

`mark_furniture(lines)` runs every kind in order. A module exposes `mark(lines) -> None` and sets
`line.reason` (and sometimes `line.role`) on the lines it claims; it never unsets another's mark.
"""

from __future__ import annotations

from cleaners.lines import Line


def mark_furniture(lines: list[Line]) -> None:
    """Mark every line that is a known kind of furniture (stub: filled in by the furniture modules)."""
    return None
