"""How documents are read: the choices a user can make, in one place."""
from __future__ import annotations

from dataclasses import dataclass

DATE_ORDERS = ("day-first", "month-first")


@dataclass(frozen=True)
class ReadSettings:
    # 03/04/2011 is 3 April day-first (British, European), 4 March month-first (American).
    # Either way 28/03/2011 and 03/28/2011 are 28 March: a number over 12 is never a month.
    date_order: str = "day-first"

    def __post_init__(self) -> None:
        if self.date_order not in DATE_ORDERS:
            raise ValueError(f"date order must be one of {', '.join(DATE_ORDERS)}, not {self.date_order!r}")

    @property
    def day_first(self) -> bool:
        return self.date_order == "day-first"


DEFAULT_SETTINGS = ReadSettings()
