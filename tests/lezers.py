"""The reader matrix shared by the dossier, beslismodel, overdracht and API tests: the kinds
of reader with how their consent stands and which parts they read, the marker text written
into each part, and the helpers that set the consent and count the raadplegingen; and which
trajecten a freshly loaded user sees (policy and beheer tests)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from dossier import services as dossier_services
from jji_traject.geschiedenis import bijwerken
from netwerk.models import Organisatie
from toegang import policy
from toegang.models import Raadpleging
from trajecten import services
from trajecten.constants import DOSSIER_CATEGORIEEN, Categorie, Grondslag, Wijze
from trajecten.models import Toestemming

# The text the `noah` fixture writes into each part; a reader who may not read a part never
# gets its marker.
DOSSIER_MARKERS = {
    Categorie.ONDERWIJSINFORMATIE: "Opleiding Zeevaart Marker",
    Categorie.BEGELEIDINGSBEHOEFTE: "Structuur Marker Dagritme",
    Categorie.VEILIGHEIDSSIGNALEN: "Veilig Marker Klasindeling",
    Categorie.SCHOOLLOOPBAAN: "Schoolloopbaan Marker Logistiek",
}
# The same in capitals, as read back from an overdrachtsdocument's PDF text (tests/overdracht).
PDF_MARKERS = {
    Categorie.ONDERWIJSINFORMATIE: "ZEEVAARTOPLEIDING ONDERWIJSMARKER",
    Categorie.BEGELEIDINGSBEHOEFTE: "DAGRITMEMARKER BEGELEIDING",
    Categorie.VEILIGHEIDSSIGNALEN: "KLASINDELINGMARKER VEILIG",
    Categorie.SCHOOLLOOPBAAN: "LOGISTIEKMARKER SCHOOLLOOPBAAN",
}

# Reader → (user attribute of demo, how the consent stands, parts they read)
LEZERS = {
    "schrijvende JJI-school": ("jji_school", "geen", set(DOSSIER_CATEGORIEEN)),
    "intaker met toestemming": (
        "mbo_intake",
        "gedeeld",
        {Categorie.ONDERWIJSINFORMATIE, Categorie.BEGELEIDINGSBEHOEFTE},
    ),
    "veiligheidscoördinator met toestemming": ("verbindingsofficier", "gedeeld", set(DOSSIER_CATEGORIEEN)),
    "intaker zonder toestemming": ("mbo_intake", "geen", set()),
    "intaker na intrekking": ("mbo_intake", "ingetrokken", set()),
    "intaker na verloop (taak nog niet gedraaid)": ("mbo_intake", "verlopen", set()),
    "niet betrokken organisatie": ("mbo_intake_other", "gedeeld", set()),
}


def dossier_vullen(demo, traject, markers):
    """The JJI-school writes the given marker text into each part of the traject's dossier."""
    dossier_services.onderwijsinformatie_opslaan(
        actor=demo.jji_school, traject=traject, gegevens={"opleiding": markers[Categorie.ONDERWIJSINFORMATIE]}
    )
    dossier_services.begeleidingsbehoefte_opslaan(
        actor=demo.jji_school, traject=traject, gegevens={"structuur": markers[Categorie.BEGELEIDINGSBEHOEFTE]}
    )
    dossier_services.veiligheidssignaal_toevoegen(
        actor=demo.jji_school,
        traject=traject,
        gegevens={
            "signaal": markers[Categorie.VEILIGHEIDSSIGNALEN],
            "reden": "Rust in de eerste weken.",
            "einddatum": timezone.localdate() + dt.timedelta(days=30),
        },
    )
    schoolloopbaan_vullen(demo, traject, markers[Categorie.SCHOOLLOOPBAAN])
    return traject


def schoolloopbaan_vullen(demo, traject, marker):
    """The receiving mbo's enrolment with the marker in its programme. Noah is not released in
    the demo, so the row is made directly (the services refuse an enrolment before release:
    tests/dossier/test_schoolloopbaan.py); history is kept as by the services."""
    from dossier.models import Inschrijving

    inschrijving = Inschrijving(
        traject=traject,
        instelling="ROC Lindewaard",
        opleiding=marker,
        startdatum=timezone.localdate(),
        organisatie=Organisatie.objects.get(naam="ROC Lindewaard"),
        vastgelegd_door=demo.mbo_intake,
    )
    inschrijving._history_user = demo.mbo_intake
    inschrijving.save()
    return inschrijving


def toestemming_geven(demo, traject, categorie, organisatie=None, **extra):
    """The youth's consent for one part, recorded by the zorgcoördinator (ROC Lindewaard unless told)."""
    organisatie = organisatie or Organisatie.objects.get(naam="ROC Lindewaard")
    gegevens = {
        "grondslag": Grondslag.TOESTEMMING_JONGERE,
        "datum_gegeven": timezone.localdate(),
        "wijze": Wijze.MONDELING,
        "weigeren_zonder_gevolgen": True,
        **extra,
    }
    return services.toestemming_vastleggen(
        actor=demo.coordinator, traject=traject, ontvanger=organisatie, categorie=categorie, gegevens=gegevens
    )


def ouders_toestemming(demo, traject, organisatie, categorie, *, dagen_geleden: int) -> Toestemming:
    """A parent's consent recorded straight in the table (as an older record would be), given
    ``dagen_geleden`` days ago."""
    return Toestemming.objects.create(
        traject=traject,
        ontvanger=organisatie,
        categorie=categorie,
        grondslag=Grondslag.TOESTEMMING_OUDER,
        gegeven_door="Moeder (fictief)",
        jongere_gevraagd=True,
        weigeren_zonder_gevolgen=True,
        wijze=Wijze.FORMULIER,
        datum_gegeven=timezone.localdate() - dt.timedelta(days=dagen_geleden),
        vastgelegd_door=demo.coordinator,
    )


def alle_delen_gedeeld(demo, traject):
    return [toestemming_geven(demo, traject, c) for c in DOSSIER_CATEGORIEEN]


def consent_zetten(demo, traject, stand):
    if stand == "geen":
        return
    records = alle_delen_gedeeld(demo, traject)
    if stand == "ingetrokken":
        for record in records:
            services.toestemming_intrekken(actor=demo.coordinator, toestemming=record)
    if stand == "verlopen":
        # Expired yesterday; the hourly expiry task has not run, the guardian rows still stand.
        gisteren = timezone.localdate() - dt.timedelta(days=1)
        bijwerken(
            Toestemming.objects.filter(pk__in=[r.pk for r in records]),
            datum_gegeven=gisteren - dt.timedelta(days=10),
            geldig_tot=gisteren,
        )


def raadplegingen_tellen(traject, categorie=None, geweigerd=None):
    qs = Raadpleging.objects.filter(traject=traject)
    if categorie is not None:
        qs = qs.filter(categorie=categorie)
    if geweigerd is not None:
        qs = qs.filter(geweigerd=geweigerd)
    return qs.count()


def zichtbaar_vers(user):
    """The first names of the trajecten the user sees, with the user loaded afresh (no
    permissions cached on the object from before the change under test)."""
    user = get_user_model().objects.get(pk=user.pk)
    return {t.jongere.voornaam for t in policy.zichtbaar_voor(user).select_related("jongere")}
