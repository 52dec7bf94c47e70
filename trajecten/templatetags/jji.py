import functools

from django import template
from django.urls import reverse
from django.utils import translation

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
def statussen(taak) -> tuple[tuple[str, str], ...]:
    """The status choices of a task (templates cannot reach a model field's choices), their
    labels translated once per language rather than in every row's select."""
    return _statussen(translation.get_language())


@functools.lru_cache(maxsize=32)
def _statussen(taal: str | None) -> tuple[tuple[str, str], ...]:
    from trajecten.constants import TaakStatus

    return tuple((waarde, str(label)) for waarde, label in TaakStatus.choices)


@register.filter
def formwaarden(taak) -> dict[str, str]:
    """What a task's row shows in its form: the person's own choice when their update was
    refused (``taak.keuze``, set by the view), otherwise the task as saved."""
    keuze = getattr(taak, "keuze", None)
    if keuze is not None:
        return keuze
    return {
        "status": taak.status,
        "medewerker": str(taak.medewerker_id or ""),
        "reden": taak.reden,
        "notitie": taak.notitie,
    }


@register.filter
def get_item(mapping, sleutel):
    """``mapping[sleutel]`` in a template (a form per routekaart line)."""
    return mapping.get(sleutel)


@register.filter
def kaartlink(taak) -> str:
    """Where the task's "wie" is on the netwerkkaart: the person's entry when they are on
    the map, else their organisation (expects ``medewerker__contactvermeldingen`` prefetched)."""
    organisatie = taak.organisatie
    if organisatie is None:
        return ""
    anker = f"org-{organisatie.pk}"
    if taak.medewerker_id:
        eigen = [c for c in taak.medewerker.contactvermeldingen.all() if c.organisatie_id == organisatie.pk]
        if eigen:
            anker = f"contact-{min(c.pk for c in eigen)}"
    return f"{reverse('netwerk:netwerkkaart')}?regio={organisatie.regio_id}&organisatie={organisatie.pk}#{anker}"


@register.filter
def geleden(moment) -> str:
    """How long ago, in words ("3 dagen geleden"); under a minute: "zojuist"."""
    import datetime as dt

    from django.utils import timezone
    from django.utils.timesince import timesince
    from django.utils.translation import gettext

    if moment is None:
        return ""
    if timezone.now() - moment < dt.timedelta(minutes=1):
        return gettext("zojuist")
    return gettext("%(tijd)s geleden") % {"tijd": timesince(moment, depth=1)}
