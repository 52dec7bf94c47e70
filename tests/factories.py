"""factory_boy factories. Trajecten get their JJI and JJI-school involvement and derived
permissions as ``traject_starten`` would give them (``rechten_afleiden`` after creation)."""

import datetime as dt

import factory
from django.utils import timezone

from netwerk.constants import OrganisatieSoort
from netwerk.models import Organisatie, Regio
from toegang import policy
from trajecten.constants import BetrokkenheidSoort, Fase, Titel
from trajecten.models import Betrokkenheid, Jongere, Toewijzing, Traject


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Testregio {n}")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Testorganisatie {n}")
    soort = OrganisatieSoort.MBO
    regio = factory.SubFactory(RegioFactory)


class JongereFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jongere

    voornaam = factory.Sequence(lambda n: f"Test{n}")
    achternaam = factory.Sequence(lambda n: f"Jongere{n}")
    geboortedatum = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=17 * 365))


class TrajectFactory(factory.django.DjangoModelFactory):
    """A traject at ``jji`` with its school, assigned to ``toegewezen`` (a Medewerker)."""

    class Meta:
        model = Traject
        skip_postgeneration_save = True

    class Params:
        school = None
        toegewezen = None
        uitstroom = factory.Trait(fase=Fase.UITSTROOM)
        verblijf = factory.Trait(fase=Fase.VERBLIJF)

    jongere = factory.SubFactory(JongereFactory)
    titel = Titel.JEUGDDETENTIE
    startdatum = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    fase = Fase.INSTROOM

    @factory.post_generation
    def betrokkenheden(self, create, extracted, **kwargs):
        if not create:
            return
        school = self.jji.scholen.first()
        toegewezen = kwargs.get("toegewezen")
        actor = toegewezen.user if toegewezen else None
        Betrokkenheid.objects.create(
            traject=self, organisatie=self.jji, soort=BetrokkenheidSoort.JJI, toegevoegd_door=actor
        )
        if school:
            Betrokkenheid.objects.create(
                traject=self, organisatie=school, soort=BetrokkenheidSoort.JJI_SCHOOL, toegevoegd_door=actor
            )
        if toegewezen:
            Toewijzing.objects.create(traject=self, medewerker=toegewezen, toegewezen_door=actor)
        policy.rechten_afleiden(self)


def trajecten_maken(demo, aantal):
    """``aantal`` more trajecten at the demo's JJI, assigned to its JJI-school docent (for query counts)."""
    jji = demo.itb.medewerker.organisatie
    for _ in range(aantal):
        TrajectFactory(jji=jji, betrokkenheden__toegewezen=demo.jji_school.medewerker)
