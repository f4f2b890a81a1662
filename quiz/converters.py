"""URL converters: ids in addresses are numbers the database can hold, or the address is not found."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, Map

# The largest id SQLite (and a PostgreSQL BIGINT) can hold. A larger number in an address is no
# id of ours: matching it would only fail later, when the database refuses the number (a 500).
MAX_ID = 2**63 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` for ids: ASCII digits up to MAX_ID, anything else a 404.

    Registered as the app's `int` converter (see create_app), so that every `<int:...>` in a
    route is bounded, routes added later included. It also takes ASCII digits only, where
    Werkzeug's `\\d+` takes any script's digits ("١٢" for 12).
    """

    regex = r"[0-9]+"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = None, signed: bool = False) -> None:
        largest = MAX_ID if max is None or max > MAX_ID else max
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=largest, signed=signed)


def parse_id(raw: str | None) -> int | None:
    """Return the id a form or query field names, or None when it names none the database can hold."""
    if not raw or not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    value = int(raw)
    return value if value <= MAX_ID else None
