"""What a page's ``aria-describedby`` attributes name: each id and whether the page has it."""

from __future__ import annotations

import re


def beschreven_door(html: str) -> list[tuple[str, bool]]:
    """Every id an ``aria-describedby`` names, and whether the page has an element with it."""
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    genoemd = [naam for waarde in re.findall(r'aria-describedby="([^"]*)"', html) for naam in waarde.split()]
    return [(naam, naam in ids) for naam in genoemd]
