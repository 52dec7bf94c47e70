"""What an overdrachtsdocument carries for one recipient person, evaluated by the policy for
that person at the moment it is made: the basic data, the toekomstperspectief, the parts of
the doorstroomdossier the recipient may read (never signalen voor veiligheid), the
beslismodel's advice and afspraken, the network and the tasks of the first weeks."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from beslismodel.constants import Bevestiging, Sectie, Stand
from beslismodel.models import Antwoord, Besluit
from dossier.selectors import Deel
from toegang import delen, policy
from toegang.models import RaadplegingActie
from trajecten.constants import AFGEROND, Categorie, Leefgebied
from trajecten.selectors import toekomstperspectief

# The tasks of the first weeks after leaving: the warme overdracht and the first school days.
EERSTE_WEKEN = (8, 9)


@dataclass
class Inhoud:
    traject: object
    ontvanger: object  # the recipient's Medewerker
    nummer: str
    perspectief: list = field(default_factory=list)
    zorg: object = None  # the toekomstperspectief on care: with begeleidingsbehoefte only
    delen: list[Deel] = field(default_factory=list)  # both parts, carried or not
    gedeeld: list[str] = field(default_factory=list)  # the parts carried
    besluit: Besluit | None = None
    afspraken: Antwoord | None = None
    netwerk: list = field(default_factory=list)
    taken: list = field(default_factory=list)

    @property
    def gedeelde_delen(self) -> list[str]:
        return [Categorie(c).label for c in self.gedeeld]

    @property
    def regie_na_uitstroom(self) -> list:
        return [c for c in self.netwerk if c.regie_na_uitstroom]


def _beslismodel(ontvanger_user, traject):
    """The newest decided version the recipient may see, with the decision that stands."""
    versie = (
        policy.beslismodellen_zichtbaar_voor(ontvanger_user, traject)
        .filter(stand=Stand.VASTGESTELD)
        .prefetch_related(
            Prefetch(
                "besluiten",
                queryset=Besluit.objects.filter(bevestiging__in=[Bevestiging.NIET_NODIG, Bevestiging.BEVESTIGD])
                .prefetch_related("maatregelen__medewerker__user")
                .order_by("-besloten_op"),
            )
        )
        .order_by("-versie")
        .first()
    )
    besluit = next(iter(versie.besluiten.all()), None) if versie else None
    return versie, besluit


def inhoud(*, actor, ontvanger, traject, nummer: str = "", verzoek=None) -> Inhoud:
    """The document's content for ``ontvanger`` (a Medewerker). With ``nummer`` the reading
    is the document leaving the app: each part carried is one raadpleging (actor: who made
    it; recipient: the person and their organisation; the document number). Without it, a
    preview for the JJI-school, which reads its own dossier (no record)."""
    lezer = ontvanger.user
    inhoud = Inhoud(traject=traject, ontvanger=ontvanger, nummer=nummer)
    inhoud.perspectief = (
        toekomstperspectief(traject, met_zorg=False) if policy.mag_toekomstperspectief_lezen(lezer, traject) else []
    )
    versie, inhoud.besluit = _beslismodel(lezer, traject)
    leesbaar = policy.leesbare_categorieen(lezer, traject)
    # Only the parts that may leave the screen (never signalen voor veiligheid): the registry.
    for categorie in delen.mee_naar_buiten():
        if categorie not in leesbaar:
            inhoud.delen.append(Deel(categorie=categorie, leesbaar=False))
            continue

        def ophalen(categorie=categorie):
            deel = delen.deel(categorie).ophalen(traject)
            if categorie != Categorie.BEGELEIDINGSBEHOEFTE:
                return deel, None, None
            zorg = traject.toekomstperspectieven.filter(leefgebied=Leefgebied.ZORG).first()
            # Section 3's afspraken: the shareable form of what safety needs, under this part.
            afspraken = (
                versie.antwoorden.filter(item__sectie__code=Sectie.KADERS, item__categorie=categorie)
                .select_related("item")
                .first()
                if versie is not None
                else None
            )
            return deel, afspraken, zorg

        deel, afspraken, zorg = policy.categorie_lezen(
            actor=actor,
            lezer=lezer,
            traject=traject,
            categorie=categorie,
            actie=RaadplegingActie.PDF if nummer else RaadplegingActie.BEKIJKEN,
            verzoek=verzoek,
            ontvanger=ontvanger.organisatie if nummer else None,
            document=nummer,
            ophalen=ophalen,
        )
        inhoud.gedeeld.append(categorie)
        inhoud.delen.append(Deel(categorie=categorie, leesbaar=True, gegevens=deel, grondslag=leesbaar[categorie]))
        if categorie == Categorie.BEGELEIDINGSBEHOEFTE:
            inhoud.afspraken, inhoud.zorg = afspraken, zorg
    inhoud.netwerk = list(policy.netwerk_zichtbaar_voor(lezer, traject).select_related("contactpersoon__organisatie"))
    inhoud.taken = list(
        policy.taken_zichtbaar_voor(lezer, traject)
        .filter(stap__in=EERSTE_WEKEN)
        .exclude(status__in=AFGEROND)
        .select_related("organisatie", "medewerker__user")
        .order_by("stap", "deadline", "pk")
    )
    return inhoud


def bestand(overdracht) -> bytes:
    """The PDF's bytes (read only when it is downloaded: the list and status pages defer them)."""
    from .models import Overdracht

    return bytes(Overdracht.objects.filter(pk=overdracht.pk).values_list("bestand", flat=True).get())


def bestandsnaam(overdracht) -> str:
    return f"overdrachtsdocument-{overdracht.nummer}.pdf"


def teruggevraagde_documenten(user, nummers) -> dict:
    """The documents (by number) that the reader made or received, among these numbers, with
    the parts asked back: what a request to delete a copy is about. No file, no content."""
    from .models import Overdracht

    if not nummers:
        return {}
    documenten = (
        Overdracht.objects.filter(Q(aangevraagd_door=user.pk) | Q(ontvanger=user.pk), nummer__in=nummers)
        .select_related("aangevraagd_door", "ontvanger", "ontvanger_organisatie")
        .prefetch_related("terugvragen")
        .defer("bestand")
    )
    return {o.nummer: o for o in documenten}
