"""What the parse tests read off a parse (imported by them as ``from parsed import …``)."""

from __future__ import annotations

from smeeco import Role
from smeeco.parse import parse_policy_text


def clause_units(text: str) -> list[list[tuple[str, Role, bool]]]:
    """Per measure of ``text``, the units of its clause: (name, role, explicit)."""
    parsed = parse_policy_text(text, document_id="d")
    return [
        [(u.name, u.role, u.explicit) for u in m.clause.units] if m.clause else []
        for m in parsed.measures
    ]
