"""Grondslagen: the kennisgeving that makes an organisation active, the grondslag per part of
the dossier (the registry ``toegang.delen`` says which open which part), and revocation."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netwerk.models import Organisatie
from toegang import delen, haken, policy

from ..constants import (
    ACTIEF_VANAF_START,
    KENNISGEVING,
    BetrokkenheidSoort,
    Categorie,
    Grondslag,
)
from ..models import (
    Betrokkenheid,
    Toestemming,
    Toewijzing,
    Traject,
    leerplicht_einde,
    leerplicht_geldt,
)
from .gedeeld import vergrendeld
from .routekaart import taken_organisaties_bijwerken


@transaction.atomic
def kennisgeving_vastleggen(*, actor, traject: Traject, ontvanger: Organisatie, gegevens: dict) -> Toestemming:
    """Record the grondslag for telling an involved organisation about the placement; it
    becomes active in the traject while the grondslag is valid."""
    traject = vergrendeld(traject)
    if not policy.mag_grondslag_vastleggen(actor, traject):
        raise PermissionDenied
    betrokken = traject.betrokkenheden.filter(organisatie=ontvanger)
    if not betrokken.exists():
        raise ValidationError({"ontvanger": _("Voeg de organisatie eerst toe aan het traject.")})
    if not betrokken.exclude(soort__in=ACTIEF_VANAF_START).exists():
        raise ValidationError({"ontvanger": _("De JJI en de JJI-school zijn al vanaf de start betrokken.")})
    if traject.toestemmingen.kennisgevingen().geldig().filter(ontvanger=ontvanger).exists():
        raise ValidationError(
            _("Er is al een geldige grondslag voor deze organisatie. Trek die eerst in als hij niet meer klopt.")
        )
    # Leerplicht never tells an organisation about the placement: the model refuses it.
    toestemming = Toestemming(
        traject=traject,
        ontvanger=ontvanger,
        categorie=KENNISGEVING,
        vastgelegd_door=actor,
        **gegevens,
    )
    toestemming.full_clean()
    toestemming.save()
    policy.rechten_afleiden(traject)
    taken_organisaties_bijwerken(traject)
    return toestemming


@transaction.atomic
def toestemming_vastleggen(
    *, actor, traject: Traject, ontvanger: Organisatie, categorie: str, gegevens: dict
) -> Toestemming:
    """Record the grondslag for showing one part of the doorstroomdossier to one involved,
    active organisation (not the JJI-school: it writes the dossier)."""
    traject = vergrendeld(traject)
    if not policy.mag_grondslag_vastleggen(actor, traject):
        raise PermissionDenied
    if not delen.is_deel(categorie):
        raise ValidationError(
            {
                "categorie": _(
                    "Kies onderwijsinformatie, begeleidingsbehoefte, signalen voor veiligheid of de "
                    "schoolloopbaan na uitstroom."
                )
            }
        )
    betrokken = Betrokkenheid.objects.actief().filter(traject=traject, organisatie=ontvanger)
    if not betrokken.exists():
        raise ValidationError(
            {
                "ontvanger": _(
                    "Deze organisatie is niet (actief) betrokken. Leg eerst de grondslag voor de kennisgeving vast."
                )
            }
        )
    deel = delen.deel(categorie)
    # The organisation that writes a part needs no grondslag for it; one barred from a part (the
    # school van herkomst for the schoolloopbaan na uitstroom) never reads it.
    schrijver = policy.schrijver_van(traject, categorie)
    if schrijver is not None and schrijver.pk == ontvanger.pk and deel.schrijvers != (BetrokkenheidSoort.JJI_SCHOOL,):
        raise ValidationError(
            {"ontvanger": _("Deze organisatie legt dit deel zelf vast: een grondslag is niet nodig.")}
        )
    if betrokken.filter(soort__in=deel.nooit).exists() and schrijver != ontvanger:
        raise ValidationError(
            {
                "ontvanger": _(
                    "De school van herkomst leest de schoolloopbaan na uitstroom nooit, ook niet met toestemming."
                )
            }
        )
    # The JJI-school itself needs a grondslag for its own parts only in the other direction: to
    # read the mbo van herkomst's onderwijsinformatie.
    if (
        betrokken.filter(soort=BetrokkenheidSoort.JJI_SCHOOL).exists()
        and BetrokkenheidSoort.JJI_SCHOOL in deel.schrijvers
        and (categorie != Categorie.ONDERWIJSINFORMATIE or not policy.herkomstscholen(traject))
    ):
        raise ValidationError(
            {
                "ontvanger": _(
                    "De JJI-school schrijft het dossier zelf. Alleen de onderwijsinformatie van een "
                    "betrokken school van herkomst vraagt een grondslag voor de JJI-school."
                )
            }
        )
    grondslag = gegevens.get("grondslag")
    if grondslag not in delen.deel(categorie).grondslagen:
        raise ValidationError(
            {
                "grondslag": _(
                    "Deze grondslag geldt niet voor %(categorie)s. Leerplicht dekt alleen onderwijsinformatie; "
                    "begeleidingsbehoefte vraagt uitdrukkelijke toestemming."
                )
                % {"categorie": Categorie(categorie).label}
            }
        )
    if traject.toestemmingen.geldig().filter(ontvanger=ontvanger, categorie=categorie).exists():
        raise ValidationError(
            _(
                "Er is al een geldige grondslag voor %(categorie)s voor deze organisatie. "
                "Trek die eerst in als hij niet meer klopt."
            )
            % {"categorie": Categorie(categorie).label}
        )
    gegevens = dict(gegevens)
    if grondslag == Grondslag.LEERPLICHT:
        gegevens["geldig_tot"] = _leerplicht_grens(traject, gegevens)
    toestemming = Toestemming(
        traject=traject, ontvanger=ontvanger, categorie=categorie, vastgelegd_door=actor, **gegevens
    )
    toestemming.full_clean()
    toestemming.save()
    policy.rechten_afleiden(traject)
    return toestemming


@dataclass(frozen=True)
class Intrekking:
    """What revoking one grondslag does, as the confirmation page shows it: the record itself,
    the parts of the dossier that go with it (revoking the last kennisgeving to an organisation
    closes the whole traject to it), and the assignments of its people that end then."""

    toestemming: Toestemming
    delen: tuple[Toestemming, ...] = ()
    sluit_traject: bool = False
    toewijzingen: tuple[Toewijzing, ...] = ()

    intrekbaar: bool = field(init=False)
    # A fingerprint of what the page showed, taken when it is made: the confirmation sends it
    # back, and revoking refuses when the records, the parts that go along or the
    # assignments have changed since.
    kenmerk: str = field(init=False)

    def __post_init__(self):
        t = self.toestemming
        object.__setattr__(self, "intrekbaar", t.ingetrokken_op is None and t.is_geldig())
        # As text (str of a choice is its value), so a record just made and one read from the
        # database give the same fingerprint.
        regels = [
            "|".join(
                str(v)
                for v in (
                    r.pk,
                    r.categorie,
                    r.grondslag,
                    r.ontvanger_id,
                    r.datum_gegeven,
                    r.geldig_tot,
                    r.ingetrokken_op,
                )
            )
            for r in (t, *self.delen)
        ]
        regels.append(f"{self.intrekbaar}|{self.sluit_traject}|{sorted(w.pk for w in self.toewijzingen)}")
        object.__setattr__(self, "kenmerk", hashlib.sha256("\n".join(regels).encode()).hexdigest()[:24])


def intrekking_bekijken(toestemming: Toestemming) -> Intrekking:
    """What revoking ``toestemming`` would revoke and end, now (no access check: the caller
    has one). Only a kennisgeving takes more with it, and only when no other valid
    kennisgeving keeps the organisation informed."""
    traject = toestemming.traject
    if toestemming.categorie != KENNISGEVING:
        return Intrekking(toestemming)
    andere = traject.toestemmingen.kennisgevingen().geldig().filter(ontvanger=toestemming.ontvanger_id)
    if andere.exclude(pk=toestemming.pk).exists():
        return Intrekking(toestemming)
    delen_mee = traject.toestemmingen.geldig().filter(
        ontvanger=toestemming.ontvanger_id, categorie__in=delen.categorieen()
    )
    # JJI and JJI-school stay active without a kennisgeving: their people keep their assignments.
    blijft_actief = traject.betrokkenheden.filter(
        organisatie=toestemming.ontvanger_id, soort__in=ACTIEF_VANAF_START
    ).exists()
    toewijzingen = (
        () if blijft_actief else traject.toewijzingen.filter(medewerker__organisatie=toestemming.ontvanger_id)
    )
    return Intrekking(
        toestemming,
        delen=tuple(sorted(delen_mee, key=_volgorde)),
        sluit_traject=not blijft_actief,
        toewijzingen=tuple(toewijzingen.select_related("medewerker__user")),
    )


@transaction.atomic
def toestemming_intrekken(*, actor, toestemming: Toestemming, kenmerk: str | None = None) -> Toestemming:
    """Revoke at once: from this moment it opens nothing. A revoked kennisgeving takes the
    organisation's parts of the dossier with it (without knowing about the placement, nothing
    of the dossier is shared either). With ``kenmerk`` (the confirmation page's
    :attr:`Intrekking.kenmerk`) it refuses when anything it would revoke or end has changed
    since that page was shown: a confirmation revokes only what it named."""
    toestemming = (
        Toestemming.objects.select_for_update(of=("self",))
        .select_related("ontvanger", "ingetrokken_door")
        .get(pk=toestemming.pk)
    )
    if not policy.mag_grondslag_vastleggen(actor, toestemming.traject):
        raise PermissionDenied
    if toestemming.ingetrokken_op is not None:
        raise ValidationError(
            _("Deze grondslag is al ingetrokken, op %(datum)s door %(wie)s. Er is niets gewijzigd.")
            % {
                "datum": date_format(timezone.localtime(toestemming.ingetrokken_op), "j F Y H:i"),
                "wie": toestemming.ingetrokken_door.get_full_name() or toestemming.ingetrokken_door.get_username(),
            }
        )
    vergrendeld(toestemming.traject, open_vereist=False)
    intrekking = intrekking_bekijken(toestemming)
    if kenmerk is not None and kenmerk != intrekking.kenmerk:
        raise ValidationError(
            _(
                "Deze grondslag of wat er bij intrekken mee verandert, is gewijzigd sinds je de bevestiging opende. "
                "Er is niets ingetrokken. Bekijk hieronder wat intrekken nu doet en bevestig opnieuw."
            )
        )
    nu = timezone.now()
    ingetrokken = [toestemming, *intrekking.delen]
    for record in ingetrokken:
        record.ingetrokken_op, record.ingetrokken_door = nu, actor
        record.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
    toewijzingen_zonder_grondslag_beeindigen(toestemming.traject)
    policy.rechten_afleiden(toestemming.traject)
    taken_organisaties_bijwerken(toestemming.traject)
    # Documents that carried a revoked part: their recipients are asked to delete their copies
    # (the overdracht app, which sits above this one, registered the hook).
    haken.aanroepen("grondslag_ingetrokken", actor=actor, toestemmingen=ingetrokken)
    return toestemming


def samen_ingetrokken(toestemming: Toestemming) -> list[Toestemming]:
    """The parts revoked in the same moment as ``toestemming`` (the kennisgeving's cascade),
    for the message that says what was revoked."""
    if toestemming.ingetrokken_op is None:
        return []
    mee = toestemming.traject.toestemmingen.filter(
        ontvanger=toestemming.ontvanger_id, ingetrokken_op=toestemming.ingetrokken_op
    ).exclude(pk=toestemming.pk)
    return sorted(mee, key=_volgorde)


def _volgorde(toestemming: Toestemming) -> tuple[int, int]:
    """The parts in the order of the registry (the handreiking's)."""
    volgorde = delen.categorieen()
    plek = volgorde.index(toestemming.categorie) if toestemming.categorie in volgorde else len(volgorde)
    return (plek, toestemming.pk)


def toewijzingen_zonder_grondslag_beeindigen(traject: Traject) -> int:
    """An organisation that is no longer active loses its people's assignments, so a later
    grondslag does not silently reopen the traject to them (history keeps them)."""
    actief = Betrokkenheid.objects.actief().filter(traject=traject).values("organisatie_id")
    aantal = 0
    for toewijzing in traject.toewijzingen.exclude(medewerker__organisatie_id__in=actief):
        toewijzing.delete()
        aantal += 1
    return aantal


def _leerplicht_grens(traject: Traject, gegevens: dict) -> dt.date | None:
    """A grondslag on leerplicht lapses by itself when leerplicht ends (or kwalificatieplicht,
    where the regio counts it); where it holds at all is the model's rule
    (``Toestemming._clean_leerplicht``)."""
    geldig_tot = gegevens.get("geldig_tot")
    datum = gegevens.get("datum_gegeven")
    if isinstance(datum, dt.date) and not leerplicht_geldt(traject, datum):
        raise ValidationError({"grondslag": _("Deze jongere is op die datum niet (meer) leerplichtig.")})
    einde = leerplicht_einde(traject)
    return min(geldig_tot, einde) if geldig_tot else einde
