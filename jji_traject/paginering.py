"""Pages of a long list without counting it: the page reads one row more than it shows to
know whether there is a next one. Counting every visible traject of a large organisation
would make the list as slow as the organisation is big; a page costs what a page costs.
The total is shown when everything fits on the first page."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PAGINA = 200  # deeper than 5,000 rows: search or filter instead


@dataclass
class Pagina:
    object_list: list
    number: int
    per_pagina: int
    volgende: bool

    @property
    def paginator(self):
        """Templates written for Django's Paginator ask the page for its paginator."""
        return self

    @property
    def aantal(self) -> int | None:
        """The total, when it is known without counting: one page, and the first."""
        return len(self.object_list) if self.number == 1 and not self.volgende else None

    @property
    def num_pages(self) -> int | None:
        return 1 if self.aantal is not None else None

    @property
    def begin(self) -> int:
        return (self.number - 1) * self.per_pagina + 1

    @property
    def eind(self) -> int:
        return self.begin + len(self.object_list) - 1

    def has_next(self) -> bool:
        return self.volgende

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def pagina(queryset, nummer, per_pagina: int) -> Pagina:
    """The page ``nummer`` (anything unreadable: page 1; beyond the end: page 1 too)."""
    try:
        nummer = min(max(1, int(nummer)), MAX_PAGINA)
    except (TypeError, ValueError):
        nummer = 1
    begin = (nummer - 1) * per_pagina
    rijen = list(queryset[begin : begin + per_pagina + 1])
    if not rijen and nummer > 1:
        return pagina(queryset, 1, per_pagina)
    # The last page offered is MAX_PAGINA: a "next" there would lead back to it.
    return Pagina(rijen[:per_pagina], nummer, per_pagina, len(rijen) > per_pagina and nummer < MAX_PAGINA)
