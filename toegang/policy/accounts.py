"""Four eyes on accounts: which account changes wait for a second person, who that person
is, and who reads the account requests and the account log.

Every rol but the functioneel beheerder opens youth data (by rol, by designation or once
assigned to a traject; a system account reads its organisation's trajecten through the API).
A beheerder account opens no youth data but approves requests of organisations without a
verbindingsofficier or zorgcoördinator: one made by a beheerder alone would be the second
pair of eyes of the one who made it. So every account, whatever its rol, is made, moved,
re-opened or given another e-mail address (a reset link would hand the account over) only
through a request that a second person approves:

- the verbindingsofficier or a zorgcoördinator of the organisation the account is (or will
  be) in — they know who works there;
- for an organisation without them, another functioneel beheerder of its regio;
- never the requester, nor the person the request is about;
- a superuser (break-glass, logged) when nobody else can.

Closing access (deactivating) and changing a name, phone number or job title need nobody
else: they open nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from netwerk.constants import GebeurtenisSoort, Rol
from netwerk.models import Accountaanvraag, Accountgebeurtenis, Medewerker

from .lezers import _is_verbindingsofficier, medewerker_van

User = get_user_model()

# Who reads the account requests of their organisation (and approves them): its coordinating
# roles (of a school, a gemeente's nazorg, leerplicht/RMC).
BEOORDELAAR_ROLLEN = frozenset({Rol.ZORGCOORDINATOR, Rol.NAZORGCOORDINATOR, Rol.COORDINATOR_LEERPLICHT})


def rol_opent_jongerengegevens(rol: str) -> bool:
    """Every rol but the functioneel beheerder opens youth data, once assigned or by rol."""
    return rol != Rol.BEHEERDER


def goedkeuring_nodig(oud: Medewerker | None, *, rol: str, organisatie, email: str, actief: bool) -> list[str]:
    """What of this account change waits for a second person: ``nieuw``, ``rol``,
    ``organisatie``, ``email``, ``heractivering``; empty when nothing does. ``oud`` is the
    person as stored (None for a new account)."""
    if oud is None:
        return ["nieuw"]
    nodig = []
    if oud.rol != rol:
        nodig.append("rol")
    if oud.organisatie_id != organisatie.pk:
        nodig.append("organisatie")
    if (oud.user.email or "").lower() != (email or "").lower():
        nodig.append("email")
    if actief and not oud.user.is_active:
        nodig.append("heractivering")
    return nodig


def _actieve_users():
    return User.objects.filter(is_active=True, medewerker__organisatie__actief=True)


def beoordelaars(aanvraag: Accountaanvraag) -> QuerySet:
    """The people who may approve or refuse this request (see the module): the organisation's
    verbindingsofficier and zorgcoördinatoren, else the other beheerders of its regio; never
    the requester nor the person it is about. Superusers are not listed (break-glass only)."""
    organisatie = aanvraag.organisatie
    uitgesloten = {aanvraag.aangevraagd_door_id}
    if aanvraag.medewerker_id:
        uitgesloten.add(aanvraag.medewerker.user_id)
    kandidaten = _actieve_users().exclude(pk__in=uitgesloten)
    eigen = kandidaten.none()
    if organisatie.actief:
        eigen = kandidaten.filter(
            Q(medewerker__organisatie=organisatie, medewerker__rol__in=BEOORDELAAR_ROLLEN)
            | Q(medewerker__pk=organisatie.verbindingsofficier_id or 0)
        )
    if eigen.exists():
        return eigen.order_by("last_name", "first_name", "pk")
    return kandidaten.filter(
        medewerker__rol=Rol.BEHEERDER, medewerker__organisatie__regio_id=organisatie.regio_id
    ).order_by("last_name", "first_name", "pk")


def mag_accountaanvraag_beoordelen(user, aanvraag: Accountaanvraag) -> bool:
    """May this person approve or refuse this (open) request? Never their own request, never
    one about themselves."""
    if user is None or not user.is_authenticated or not user.is_active or not aanvraag.is_open:
        return False
    if user.pk == aanvraag.aangevraagd_door_id:
        return False
    if aanvraag.medewerker_id and user.pk == aanvraag.medewerker.user_id:
        return False
    if user.is_superuser:
        return True
    return beoordelaars(aanvraag).filter(pk=user.pk).exists()


def _eigen_bereik(medewerker) -> tuple[str, int]:
    """By regio (beheerder) or by organisation (verbindingsofficier, zorgcoördinator)."""
    if medewerker.rol == Rol.BEHEERDER:
        return "regio", medewerker.organisatie.regio_id
    return "organisatie", medewerker.organisatie_id


def _in_bereik(bereik: str, waarde, veld: str, vorig_veld: str) -> Q:
    """Rows of the organisations of that reach, now or before (``waarde`` may be a stand-in)."""
    if bereik == "regio":
        return Q(**{f"{veld}__regio_id": waarde}) | Q(**{f"{vorig_veld}__regio_id": waarde})
    return Q(**{veld: waarde}) | Q(**{vorig_veld: waarde})


def _eigen_regio_of_organisatie(user, veld: str, vorig_veld: str) -> Q | None:
    """The filter on what a reader may see, by organisation (verbindingsofficier and, when
    ``beoordelaar``, zorgcoördinator) or regio (beheerder); None: nothing."""
    medewerker = medewerker_van(user)
    if medewerker is None:
        return None
    return _in_bereik(*_eigen_bereik(medewerker), veld, vorig_veld)


def mag_accountaanvragen_zien(user) -> bool:
    """The page "Accountaanvragen": the beheerder (their regio), the verbindingsofficier and
    the zorgcoördinatoren (their organisation), a superuser (all)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    medewerker = medewerker_van(user)
    return medewerker is not None and (
        medewerker.rol in BEOORDELAAR_ROLLEN | {Rol.BEHEERDER} or _is_verbindingsofficier(medewerker)
    )


def accountaanvragen_bereik(user) -> tuple[str, int | None] | None:
    """Which requests a reader sees, as a reach and its id, for a query that takes the id as a
    parameter (the header's count, ``signalering.services.kop``): ``("alle", None)`` for a
    superuser, ``("regio", id)`` for a beheerder, ``("organisatie", id)`` for the
    verbindingsofficier and the zorgcoördinatoren; None: none."""
    if not mag_accountaanvragen_zien(user):
        return None
    if user.is_superuser:
        return "alle", None
    return _eigen_bereik(medewerker_van(user))


def accountaanvragen_in(bereik: str, waarde) -> QuerySet[Accountaanvraag]:
    """The requests of a reach that :func:`accountaanvragen_bereik` gave."""
    if bereik == "alle":
        return Accountaanvraag.objects.all()
    return Accountaanvraag.objects.filter(_in_bereik(bereik, waarde, "organisatie", "vorige_organisatie"))


def accountaanvragen_zichtbaar_voor(user) -> QuerySet[Accountaanvraag]:
    """The requests a reader sees: a beheerder those of their regio's organisations, a
    verbindingsofficier or zorgcoördinator those of their organisation (moving in or out)."""
    bereik = accountaanvragen_bereik(user)
    alle = Accountaanvraag.objects.none() if bereik is None else accountaanvragen_in(*bereik)
    return alle.select_related(
        "organisatie__regio", "vorige_organisatie", "aangevraagd_door", "besloten_door", "medewerker__user"
    )


def mag_accountlog_lezen(user) -> bool:
    """The account log: the beheerder (their regio), the verbindingsofficier (their
    organisation), a superuser (all)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    medewerker = medewerker_van(user)
    return medewerker is not None and (medewerker.rol == Rol.BEHEERDER or _is_verbindingsofficier(medewerker))


def accountlog_zichtbaar_voor(user) -> QuerySet[Accountgebeurtenis]:
    alle = Accountgebeurtenis.objects.select_related(
        "actor", "medewerker__user", "organisatie", "vorige_organisatie", "aanvraag"
    )
    if not mag_accountlog_lezen(user):
        return alle.none()
    if user.is_superuser:
        return alle
    eigen = _eigen_regio_of_organisatie(user, "organisatie", "vorige_organisatie")
    if medewerker_van(user).rol == Rol.BEHEERDER:
        # Break-glass belongs to no regio: every beheerder sees that it was used.
        eigen |= Q(soort=GebeurtenisSoort.NOODTOEGANG, organisatie__isnull=True)
    return alle.filter(eigen)
