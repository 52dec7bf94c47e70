"""Reminders: notify the responsible people of tasks due soon or overdue, once per deadline.

Responsible for a task: the person it is given to; else the people of the acting
organisation assigned to the traject; else that organisation's verbindingsofficier — and
only those who may see the task now (the access policy decides). E-mail carries no name of
a young person and no justice context (not even the app's name): only how many tasks wait,
and a link. A notification that could not be mailed is mailed on the next run.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from jji_traject import uitbox
from jji_traject.voorbereid import Tellingen
from netwerk.constants import AanvraagStatus
from toegang import policy
from trajecten.constants import AFGEROND
from trajecten.models import Taak, Toewijzing

from .models import BESLISMODEL_MELDINGEN, Melding, MeldingSoort

logger = logging.getLogger(__name__)


def _toegewezen_per_organisatie(taken: list[Taak]) -> dict[tuple[int, int], list]:
    """(traject, organisatie) → assigned active users, for all due tasks in one query."""
    paren = {(t.traject_id, t.organisatie_id) for t in taken if t.organisatie_id}
    trajecten = {traject for traject, _org in paren}
    resultaat: dict[tuple[int, int], list] = defaultdict(list)
    for toewijzing in Toewijzing.objects.filter(
        traject_id__in=trajecten, medewerker__user__is_active=True
    ).select_related("medewerker__user"):
        sleutel = (toewijzing.traject_id, toewijzing.medewerker.organisatie_id)
        if sleutel in paren:
            resultaat[sleutel].append(toewijzing.medewerker.user)
    return resultaat


def _verantwoordelijken(taak: Taak, toegewezen: dict[tuple[int, int], list]) -> list:
    if taak.medewerker_id:
        return [taak.medewerker.user] if taak.medewerker.user.is_active else []
    if taak.organisatie_id is None:
        return []
    mensen = toegewezen.get((taak.traject_id, taak.organisatie_id))
    if mensen:
        return mensen
    vo = taak.organisatie.verbindingsofficier
    return [vo.user] if vo and vo.user.is_active else []


def herinneringen_versturen(op: dt.date | None = None) -> int:
    """Create the notifications due today (idempotent: two runs, one notification) and mail
    what has not been mailed yet. Returns the number of new notifications."""
    op = op or timezone.localdate()
    grens = op + dt.timedelta(days=settings.HERINNERING_DAGEN)
    taken = list(
        Taak.objects.filter(deadline__lte=grens, traject__afgesloten_op__isnull=True)
        .exclude(status__in=AFGEROND)
        .select_related("traject", "organisatie__verbindingsofficier__user", "medewerker__user")
    )
    toegewezen = _toegewezen_per_organisatie(taken)
    zichtbaar: dict[int, set[int]] = {}
    nieuw = 0
    for taak in taken:
        soort = MeldingSoort.TAAK_TE_LAAT if taak.deadline < op else MeldingSoort.TAAK_BINNENKORT
        for user in _verantwoordelijken(taak, toegewezen):
            if user.pk not in zichtbaar:
                # Every task this person may see, once per run (the policy decides).
                zichtbaar[user.pk] = set(
                    policy.zichtbare_taken(user).filter(pk__in=[t.pk for t in taken]).values_list("pk", flat=True)
                )
            if taak.pk not in zichtbaar[user.pk]:
                continue
            nieuw += _melden(
                user,
                soort,
                f"taak:{taak.pk}:{soort}:{taak.deadline.isoformat()}",  # once per deadline
                traject=taak.traject,
                taak=taak,
            )
    mails_versturen()
    return nieuw


def _melden(ontvanger, soort: str, sleutel: str, **velden) -> int:
    """Create one notification unless it exists (the key makes it once-only); 1 if new."""
    try:
        with transaction.atomic():
            Melding.objects.create(ontvanger=ontvanger, soort=soort, sleutel=sleutel, **velden)
    except IntegrityError:
        return 0
    return 1


def zorgcoordinatoren(traject) -> list:
    """The active zorgcoördinatoren of the traject's JJI-school (who asks the youth for consent)."""
    from netwerk.constants import Rol
    from netwerk.models import Medewerker
    from trajecten.constants import BetrokkenheidSoort

    school = traject.betrokkenheden.filter(soort=BetrokkenheidSoort.JJI_SCHOOL).values("organisatie_id")
    return [
        m.user
        for m in Medewerker.objects.filter(
            organisatie_id__in=school, rol=Rol.ZORGCOORDINATOR, user__is_active=True
        ).select_related("user")
    ]


def toestemming_op_16_herinneren(op: dt.date | None = None) -> int:
    """Daily: a parent's consent was given while the youth was under 16. From 16 the youth
    decides: ask whoever recorded it (else the JJI-school's zorgcoördinatoren) to ask the
    youth again. Once per consent record."""
    from trajecten.constants import Grondslag
    from trajecten.models import Toestemming
    from trajecten.regels import verjaardag

    op = op or timezone.localdate()
    records = (
        Toestemming.objects.geldig(op)
        .filter(grondslag=Grondslag.TOESTEMMING_OUDER, traject__afgesloten_op__isnull=True)
        .filter(traject__jongere__geboortedatum__lte=op - dt.timedelta(days=15 * 365))  # coarse; exact below
        .select_related("traject__jongere", "vastgelegd_door")
    )
    nieuw = 0
    for record in records:
        if verjaardag(record.traject.jongere.geboortedatum, 16) > op:
            continue
        traject = record.traject
        ontvangers = (
            [record.vastgelegd_door] if policy.mag_grondslag_vastleggen(record.vastgelegd_door, traject) else []
        )
        if not ontvangers:
            ontvangers = zorgcoordinatoren(traject)
        for user in ontvangers:
            nieuw += _melden(
                user, MeldingSoort.TOESTEMMING_16, f"toestemming16:{record.pk}", traject=traject, toestemming=record
            )
    mails_versturen()
    return nieuw


def mails_versturen() -> int:
    """Mail every person a summary of their notifications not mailed yet. A failed send is
    logged (without content) and tried again on the next run. A notification whose work was
    done before it was mailed is not mailed. Returns the mails sent.

    Each person in a transaction of their own: their open notifications are locked (a run at
    the same time, in another worker process, skips them rather than mailing them too), mailed
    and marked, and that commits before the next person. A mail goes twice only when its
    process dies, or the database is lost, between the mail server taking it and that commit.
    The outbox runs this job outside its row's lock (``eigen_boekhouding``,
    ``jji_traject.uitbox``): a job redelivered after a worker died mails only who is left."""
    ontvangers = list(
        Melding.objects.filter(gemaild_op__isnull=True)
        .open()
        .order_by("ontvanger_id")
        .values_list("ontvanger_id", flat=True)
        .distinct()
    )
    verstuurd = 0
    for ontvanger_id in ontvangers:
        with transaction.atomic():
            meldingen = list(
                Melding.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(ontvanger_id=ontvanger_id, gemaild_op__isnull=True)
                .open()
                .select_related("ontvanger")
            )
            if not meldingen:
                continue  # mailed meanwhile, or being mailed by another run
            ontvanger = meldingen[0].ontvanger
            if not ontvanger.email or not ontvanger.is_active:
                continue
            try:
                _mailen(ontvanger, meldingen)
            except Exception:  # noqa: BLE001 - any mail failure: log and retry next run
                logger.exception("Herinnering kon niet worden gemaild aan gebruiker %s", ontvanger.pk)
                continue
            Melding.objects.filter(pk__in=[m.pk for m in meldingen]).update(gemaild_op=timezone.now())
        verstuurd += 1
    return verstuurd


# The one line a mail carries for the notifications of a kind (no youth data); the task
# kinds are counted.
MAILREGELS = {
    MeldingSoort.NETWERKKAART: gettext_lazy("De netwerkkaart van je regio is aan bevestiging toe."),
    MeldingSoort.TOESTEMMING_16: gettext_lazy("Een toestemming moet opnieuw worden gevraagd."),
    MeldingSoort.OUDERS_18: gettext_lazy("Een jongere wordt bijna 18: vraag of de ouders betrokken blijven."),
    MeldingSoort.GEGEVENS_VERBETERD: gettext_lazy("Gegevens die je eerder las of kreeg, zijn verbeterd."),
    MeldingSoort.GEGEVENS_GEWIST: gettext_lazy("Gegevens die je eerder las of kreeg, zijn gewist."),
    **dict.fromkeys(
        BESLISMODEL_MELDINGEN, gettext_lazy("Er is nieuws over een beslismodel, of er wacht er een op je.")
    ),
    MeldingSoort.KOPIE_VERWIJDEREN: gettext_lazy("Je wordt gevraagd een document te verwijderen dat je eerder kreeg."),
    MeldingSoort.ACCOUNTAANVRAAG: gettext_lazy("Er wacht een aanvraag voor een account op je beoordeling."),
    MeldingSoort.ACCOUNT_GEWIJZIGD: gettext_lazy("Er is een account in je organisatie aangemaakt of gewijzigd."),
    MeldingSoort.WEIGERINGEN: gettext_lazy("Iemand in je organisatie of regio kreeg vaak geen toegang: ga het na."),
    MeldingSoort.UIT_BEELD: gettext_lazy("Een jongere is na uitstroom uit beeld: al een tijd geen contact."),
}
TAAKMELDINGEN = frozenset({MeldingSoort.TAAK_TE_LAAT, MeldingSoort.TAAK_BINNENKORT})


def _mailen(ontvanger, meldingen: list[Melding]) -> None:
    tel = Counter(m.soort for m in meldingen)
    te_laat, binnenkort = tel[MeldingSoort.TAAK_TE_LAAT], tel[MeldingSoort.TAAK_BINNENKORT]
    regels = []
    if te_laat:
        regels.append(ngettext("%(n)d taak is te laat.", "%(n)d taken zijn te laat.", te_laat) % {"n": te_laat})
    if binnenkort:
        regels.append(
            ngettext("%(n)d taak verloopt binnenkort.", "%(n)d taken verlopen binnenkort.", binnenkort)
            % {"n": binnenkort}
        )
    regels += list(dict.fromkeys(str(regel) for soort, regel in MAILREGELS.items() if tel[soort]))
    link = settings.SITE_URL + reverse("signalering:meldingen")
    alleen_taken = set(tel) <= TAAKMELDINGEN
    send_mail(
        subject=_("Herinnering: er staan taken voor je klaar") if alleen_taken else _("Er staat iets voor je klaar"),
        message="\n".join([_("Goedendag,"), "", *regels, "", _("Bekijk ze na inloggen: %(link)s") % {"link": link}]),
        from_email=None,
        recipient_list=[ontvanger.email],
        fail_silently=False,
    )


def meldingen_van(user):
    """The reader's notifications, each marked ``afgehandeld`` once its work is done; the page
    shows a task and youth only while visible."""
    return (
        Melding.objects.filter(ontvanger=user)
        .met_afgehandeld()
        .select_related("taak", "traject__jongere", "organisatie", "accountaanvraag", "persoon", "beslismodel")
    )


def meldingen_gelezen(*, actor) -> int:
    return Melding.objects.filter(ontvanger=actor, gelezen_op__isnull=True).update(gelezen_op=timezone.now())


def _ongelezen_van(ontvanger_id: int):
    return Melding.objects.filter(gelezen_op__isnull=True).open().filter(ontvanger_id=ontvanger_id)


def ongelezen(user) -> int:
    """Unread notifications that still ask for something (done ones are not counted): the
    count of :func:`_ongelezen_van`, as the header shows it (:func:`kop`). The query has a
    condition for each kind of notification: built and planned each time it cost about 10 ms
    of every page on the bench database, compiled once a day and prepared about 1 ms."""
    return kop(user).ongelezen


@dataclass(frozen=True)
class Kop:
    """The page header's counts: unread notifications, open account requests (for who decides
    on them) and requests to the reader's school van herkomst (all, and the open ones)."""

    ongelezen: int = 0
    open_accountaanvragen: int = 0
    herkomstverzoeken: int = 0
    open_herkomstverzoeken: int = 0


# Per shape of the header (which counts the reader has), its statement: built once a day per
# process and prepared once per database connection, with the reader's id, the id of their
# reach for account requests and their school as the values each request fills in.
_KOPPEN: dict[tuple[str | None, bool], Tellingen] = {}
_KOPPEN_SLOT = threading.Lock()


def _kop_tellingen(bereik: str | None, herkomst: bool) -> Tellingen:
    def bouw(lezer, bereik_id, school):
        delen = [_ongelezen_van(lezer)]
        if bereik is not None:
            delen.append(policy.accountaanvragen_in(bereik, bereik_id).filter(status=AanvraagStatus.AANGEVRAAGD))
        if herkomst:
            verzoeken = policy.herkomstverzoeken_aan(school)
            delen += [verzoeken, verzoeken.filter(beantwoord_op__isnull=True)]
        return tuple(delen)

    with _KOPPEN_SLOT:
        return _KOPPEN.setdefault((bereik, herkomst), Tellingen("kop", bouw, waarden=3))


def kop(user) -> Kop:
    """The header's counts in one query (issue 21: they were three on a verbindingsofficier's
    pages), each the count of its own queryset: :func:`_ongelezen_van`,
    ``policy.accountaanvragen_in`` (open ones) and ``policy.herkomstverzoeken_aan``."""
    if user is None or not user.is_authenticated:
        return Kop()
    bereik = policy.accountaanvragen_bereik(user)
    school = policy.beantwoordt_herkomstverzoeken(user)
    soort, bereik_id = bereik if bereik is not None else (None, None)
    tellingen = _kop_tellingen(soort, school is not None).tel(
        user.pk, bereik_id or 0, school or 0, sleutel=timezone.localdate()
    )
    waarden = iter(tellingen)
    return Kop(
        ongelezen=next(waarden),
        open_accountaanvragen=next(waarden) if soort is not None else 0,
        herkomstverzoeken=next(waarden) if school is not None else 0,
        open_herkomstverzoeken=next(waarden) if school is not None else 0,
    )


def netwerkkaart_laten_bevestigen(op: dt.date | None = None) -> int:
    """Yearly: ask the beheerder of each organisation with entries older than a year (else
    the beheerders of its regio) to confirm or update them. Once per organisation per year."""
    from netwerk.constants import Rol
    from netwerk.models import Contactpersoon, Medewerker, Organisatie

    op = op or timezone.localdate()
    grens = op - dt.timedelta(days=365)
    verouderd = Organisatie.objects.filter(
        actief=True, pk__in=Contactpersoon.objects.filter(bevestigd_op__lt=grens).values("organisatie_id")
    )
    beheerders = Medewerker.objects.filter(rol=Rol.BEHEERDER, user__is_active=True).select_related(
        "user", "organisatie"
    )
    nieuw = 0
    for organisatie in verouderd:
        eigen = [m.user for m in beheerders if m.organisatie_id == organisatie.pk]
        ontvangers = eigen or [m.user for m in beheerders if m.organisatie.regio_id == organisatie.regio_id]
        for user in ontvangers:
            nieuw += _melden(
                user, MeldingSoort.NETWERKKAART, f"netwerkkaart:{organisatie.pk}:{op.year}", organisatie=organisatie
            )
    mails_versturen()
    return nieuw


def uit_beeld_melden(op: dt.date | None = None) -> int:
    """Daily: a traject in uitstroom without contact for ``UIT_BEELD_DAGEN`` days is "uit beeld".
    Tell the regie over nazorg and the receiving mbo's verbindingsofficier (see
    :func:`uit_beeld_ontvangers`), once per episode: the key names the last contact the episode
    began after, so a second run adds nothing, and after a new contact a later episode is a new
    notification. The notification is done once a contact is recorded (``signalering.querysets``).
    New notifications are mailed through the outbox. Returns the number of new notifications."""
    from trajecten.models import Traject

    op = op or timezone.localdate()
    nieuw = 0
    for traject in Traject.objects.uit_beeld(settings.UIT_BEELD_DAGEN, op).select_related("jongere").order_by("pk"):
        sleutel = f"uitbeeld:{traject.pk}:{traject.laatste_contact.isoformat()}"
        for user in uit_beeld_ontvangers(traject):
            nieuw += _melden(
                user, MeldingSoort.UIT_BEELD, sleutel, traject=traject, laatste_contact=traject.laatste_contact
            )
    return _mailen_na_commit(nieuw)


def uit_beeld_ontvangers(traject) -> list:
    """Who is told that a young person is uit beeld, among the people who see the traject now
    (``policy.kijkers``; nobody else, whatever their rol):

    - the regie over nazorg: the organisation of the traject's task on the routekaart line
      "…… heeft regie over nazorg" (``policy.heeft_regie_nazorg``). There, the person that task
      is given to; else its people assigned to the traject; else its coordinating people (the
      nazorgcoördinator, a zorgcoördinator, its verbindingsofficier);
    - the receiving mbo's verbindingsofficier (``Traject.objects.ontvangen_door``)."""
    from netwerk.models import Organisatie
    from trajecten.models import Traject

    kijkers = {m.user_id: m for m in policy.kijkers(traject)}
    ontvangers: dict[int, object] = {}
    regietaken = traject.taken.filter(verantwoordelijkheid__regie_nazorg=True, organisatie__isnull=False).only(
        "organisatie_id", "medewerker_id"
    )
    toegewezen = set(Toewijzing.objects.filter(traject=traject).values_list("medewerker_id", flat=True))
    for taak in regietaken:
        van_regie = [m for m in kijkers.values() if m.organisatie_id == taak.organisatie_id]
        gekozen = [m for m in van_regie if m.pk == taak.medewerker_id]
        gekozen = gekozen or [m for m in van_regie if m.pk in toegewezen]
        gekozen = gekozen or [
            m
            for m in van_regie
            if (m.rol in policy.ALLE_TRAJECTEN_ROLLEN and m.rol not in policy.GEEN_PERSOON_IN_TRAJECT)
            or m.organisatie.verbindingsofficier_id == m.pk
        ]
        ontvangers.update((m.user_id, m.user) for m in gekozen)
    scholen = Organisatie.objects.filter(
        pk__in=[m.organisatie_id for m in kijkers.values()], verbindingsofficier__isnull=False
    ).values_list("pk", "verbindingsofficier_id")
    for organisatie_id, vo_id in scholen:
        if Traject.objects.filter(pk=traject.pk).ontvangen_door(organisatie_id).exists():
            ontvangers.update((m.user_id, m.user) for m in kijkers.values() if m.pk == vo_id)
    return list(ontvangers.values())


def melden(soort: str, ontvangers, **velden) -> int:
    """Store a notification for each recipient, given as ``(user, key)`` (the key makes it
    once-only), and mail the new ones in the background once the transaction
    stands. The app that knows who must act chooses the recipients; this only stores and
    mails (the mail carries no youth data)."""
    nieuw = sum(_melden(user, soort, sleutel, **velden) for user, sleutel in ontvangers)
    return _mailen_na_commit(nieuw)


def _mailen_na_commit(nieuw: int) -> int:
    """New notifications are mailed in the background once the transaction stands."""
    if nieuw:
        from .tasks import mails_versturen as mails_taak

        uitbox.plannen(mails_taak)
    return nieuw
