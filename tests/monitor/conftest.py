"""The monitor's hand-made cohort (issue 19): the expected figures are worked out by hand in
the tests that use it."""

import datetime as dt

import pytest

from dossier.models import Inschrijving, Schoolcheckpoint, Schoolloopbaanstand
from netwerk import services as netwerk_services
from netwerk.constants import OrganisatieSoort, Rol
from netwerk.models import Organisatie, Regio
from trajecten.constants import BetrokkenheidSoort, Fase
from trajecten.models import Betrokkenheid

from ..factories import TrajectFactory

VANDAAG = dt.date(2026, 12, 6)


@pytest.fixture
def cohort(demo):
    """2024: twelve young people released; 2025: six (the demo's own releases fall in 2026).

    2024, in order: 6 with the mbo van herkomst involved; the first 8 enrolled within 28 days
    (start 10 days after release); the first 6 at school at 1 month; 5 interrupted; first school
    day after 10, 20, …, 60 days for the first 6; the first 5 a diploma within 12 months.
    2025: 1 with the mbo van herkomst; 6 enrolled; none interrupted; first school day after 7
    and 9 days for two of them."""
    jji = demo.itb.medewerker.organisatie
    roc = Organisatie.objects.get(naam="ROC Lindewaard")
    herkomst = Organisatie.objects.get(naam="Vakcollege Oostmeer")

    def vrij(datum, i, *, herkomst_ja, ingeschreven, op_school, onderbroken, dagen, diploma):
        traject = TrajectFactory(
            jji=jji,
            fase=Fase.UITSTROOM,
            startdatum=datum - dt.timedelta(days=100),
            vrijgelaten_op=datum,
            betrokkenheden__toegewezen=demo.jji_school.medewerker,
        )
        if herkomst_ja:
            Betrokkenheid.objects.create(
                traject=traject,
                organisatie=herkomst,
                soort=BetrokkenheidSoort.MBO_HERKOMST,
                toegevoegd_door=demo.coordinator,
            )
        vastgelegd = {"organisatie": roc, "vastgelegd_door": demo.mbo_intake}
        if ingeschreven:
            Inschrijving.objects.create(
                traject=traject,
                instelling="ROC Lindewaard",
                opleiding=f"Opleiding {i}",
                startdatum=datum + dt.timedelta(days=10),
                **vastgelegd,
            )
        if op_school:
            Schoolcheckpoint.objects.create(
                traject=traject, moment=1, peildatum=datum + dt.timedelta(days=30), uitkomst="aanwezig", **vastgelegd
            )
        if diploma:
            Schoolcheckpoint.objects.create(
                traject=traject, moment=12, peildatum=datum + dt.timedelta(days=360), uitkomst="diploma", **vastgelegd
            )
        Schoolloopbaanstand.objects.create(
            traject=traject, onderbroken=onderbroken, dagen_tot_eerste_schooldag=dagen, berekend_op=VANDAAG
        )

    for i in range(12):
        vrij(
            dt.date(2024, 1 + i, 15),
            i,
            herkomst_ja=i < 6,
            ingeschreven=i < 8,
            op_school=i < 6,
            onderbroken=i < 5,
            dagen=10 * (i + 1) if i < 6 else None,
            diploma=i < 5,
        )
    for i in range(6):
        vrij(
            dt.date(2025, 2 + i, 1),
            100 + i,
            herkomst_ja=i == 0,
            ingeschreven=True,
            op_school=False,
            onderbroken=False,
            dagen=(7, 9)[i] if i < 2 else None,
            diploma=False,
        )
    return Regio.objects.get(naam="Regio Lindewaard")


@pytest.fixture
def landelijk(demo):
    """A user of the national rol (made by the system: no beheerder may)."""
    regio = Regio.objects.get(naam="Regio Lindewaard")
    org = Organisatie.objects.create(naam="Landelijk monitorteam", soort=OrganisatieSoort.LANDELIJK, regio=regio)
    return netwerk_services.medewerker_opslaan(
        actor=None,
        gebruikersnaam="landelijk",
        voornaam="Lan",
        achternaam="Delijk",
        email="landelijk@example.org",
        organisatie=org,
        rol=Rol.LANDELIJK,
    ).user
