"""A beslismodel as the JJI-school fills it in and submits it to ROC Lindewaard, and the
receiving mbo's decision on it; each part's marker text goes into one answer's explanation."""

from beslismodel import services
from beslismodel.constants import Aanbod, Setting, veldnaam
from netwerk.models import Organisatie

BESLISMODEL_MARKERS = {
    "onderwijsinformatie": "MARKER ONDERWIJS rekenen 2F",
    "begeleidingsbehoefte": "MARKER BEGELEIDING vast dagritme",
    "veiligheidssignalen": "MARKER VEILIG rustige start",
}
ITEM_PER_CATEGORIE = {
    "onderwijsinformatie": "opleidingsniveau",
    "begeleidingsbehoefte": "kaders-en-afspraken",
    "veiligheidssignalen": "veiligheid",
}


def antwoorden(aanbod=Aanbod.REGULIER, setting=Setting.REGULIERE_KLAS, **extra):
    gegevens = {veldnaam("aanbod", "keuze"): aanbod, veldnaam("setting", "keuze"): setting}
    for categorie, sleutel in ITEM_PER_CATEGORIE.items():
        gegevens[veldnaam(sleutel, "aandacht")] = True
        gegevens[veldnaam(sleutel, "toelichting")] = BESLISMODEL_MARKERS[categorie]
    return {**gegevens, **extra}


def ingediend(demo, traject=None, *, door=None, **keuzes):
    """A beslismodel prepared by the JJI-school docent and submitted to ROC Lindewaard."""
    traject = traject or demo.trajecten["Noah"]
    door = door or demo.jji_school
    concept = services.beslismodel_beginnen(actor=door, traject=traject)
    services.antwoorden_opslaan(actor=door, beslismodel=concept, gegevens=antwoorden(**keuzes))
    return services.beslismodel_indienen(
        actor=door, beslismodel=concept, ontvanger=roc_lindewaard(), met_jongere_besproken=True
    )


def roc_lindewaard():
    return Organisatie.objects.get(naam="ROC Lindewaard")


def besluiten(demo, versie, status, *, door=None, **extra):
    gegevens = {
        "status": status,
        "advies": "Mentor XXL in de eerste maanden; rustige klas.",
        "motivatie": "Past bij wat de jongere nodig heeft.",
        **extra,
    }
    return services.beslismodel_besluiten(actor=door or demo.mbo_intake, beslismodel=versie, **gegevens)
