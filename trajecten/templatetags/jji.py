from django import template

register = template.Library()


@register.filter
def heeft_fouten(formulieren) -> bool:
    """True when any of the forms has an error (for the error summary at the top of a page)."""
    return any(form.errors for form in formulieren)


@register.filter
def betrokkenheid_label(waarde: str | None) -> str:
    """The Dutch label of a betrokkenheid soort value (for annotated rows)."""
    from trajecten.constants import BetrokkenheidSoort

    return BetrokkenheidSoort(waarde).label if waarde in BetrokkenheidSoort.values else ""


@register.filter
def statussen(taak) -> list[tuple[str, str]]:
    """The status choices of a task (templates cannot reach a model field's choices)."""
    from trajecten.constants import TaakStatus

    return TaakStatus.choices


@register.filter
def get_item(mapping, sleutel):
    """``mapping[sleutel]`` in a template (a form per routekaart line)."""
    return mapping.get(sleutel)
