"""The three parts of the doorstroomdossier, registered in the policy's registry
(``toegang.delen``) from ``DossierConfig.ready()``: this app owns them."""

from __future__ import annotations

from functools import partial

from toegang import delen
from toegang.models import RaadplegingActie
from trajecten.constants import TOESTEMMING_GRONDSLAGEN, BetrokkenheidSoort, Categorie, Grondslag

from . import selectors, selectors_schoolloopbaan, services
from .forms import BegeleidingsbehoefteForm, OnderwijsinformatieForm
from .models import Begeleidingsbehoefte, Inschrijving, Onderwijsinformatie, Veiligheidssignaal


def registreren() -> None:
    # Leerplicht covers onderwijsinformatie only; begeleidingsbehoefte may hold health data
    # (art. 9 AVG): explicit consent.
    delen.registreren(
        delen.Dossierdeel(
            categorie=Categorie.ONDERWIJSINFORMATIE,
            label=Categorie.ONDERWIJSINFORMATIE.label,
            model=Onderwijsinformatie,
            ophalen=selectors.onderwijsinformatie_ophalen,
            geschiedenis=partial(selectors.geschiedenis, categorie=Categorie.ONDERWIJSINFORMATIE),
            grondslagen=TOESTEMMING_GRONDSLAGEN | {Grondslag.LEERPLICHT, Grondslag.WETTELIJK},
            formulier=OnderwijsinformatieForm,
            opslaan=services.onderwijsinformatie_opslaan,
        )
    )
    delen.registreren(
        delen.Dossierdeel(
            categorie=Categorie.BEGELEIDINGSBEHOEFTE,
            label=Categorie.BEGELEIDINGSBEHOEFTE.label,
            model=Begeleidingsbehoefte,
            ophalen=selectors.begeleidingsbehoefte_ophalen,
            geschiedenis=partial(selectors.geschiedenis, categorie=Categorie.BEGELEIDINGSBEHOEFTE),
            grondslagen=TOESTEMMING_GRONDSLAGEN,
            formulier=BegeleidingsbehoefteForm,
            opslaan=services.begeleidingsbehoefte_opslaan,
        )
    )
    # Signalen voor veiligheid never leave the page: not in a PDF, a print, e-mail or search.
    # Through the API only a person reads them (under the same rule as on the page); a system
    # account never does. They are written one by one (added, ended), not as one form.
    delen.registreren(
        delen.Dossierdeel(
            categorie=Categorie.VEILIGHEIDSSIGNALEN,
            label=Categorie.VEILIGHEIDSSIGNALEN.label,
            model=Veiligheidssignaal,
            ophalen=selectors.veiligheidssignalen_ophalen,
            geschiedenis=partial(selectors.geschiedenis, categorie=Categorie.VEILIGHEIDSSIGNALEN),
            grondslagen=TOESTEMMING_GRONDSLAGEN | {Grondslag.WETTELIJK},
            acties=frozenset({RaadplegingActie.BEKIJKEN, RaadplegingActie.GESCHIEDENIS, RaadplegingActie.API}),
            beperkt=True,
            lijst=True,
        )
    )
    # The schoolloopbaan na uitstroom (issue 18) is written by the receiving mbo, or by
    # leerplicht/RMC when there is no school; another organisation reads it on the youth's
    # consent or — for leerplicht/RMC, while the youth is leerplichtig or kwalificatieplichtig
    # — leerplicht (Toestemming._clean_leerplicht). The school van herkomst never reads it. It
    # stays on the screen (no overdrachtsdocument carries it) and is written by separate
    # actions (an enrolment, a checkpoint, the closing of nazorg).
    delen.registreren(
        delen.Dossierdeel(
            categorie=Categorie.SCHOOLLOOPBAAN,
            label=Categorie.SCHOOLLOOPBAAN.label,
            model=Inschrijving,
            ophalen=selectors_schoolloopbaan.schoolloopbaan_ophalen,
            geschiedenis=partial(selectors.geschiedenis, categorie=Categorie.SCHOOLLOOPBAAN),
            grondslagen=TOESTEMMING_GRONDSLAGEN | {Grondslag.LEERPLICHT},
            acties=frozenset({RaadplegingActie.BEKIJKEN, RaadplegingActie.GESCHIEDENIS, RaadplegingActie.API}),
            schrijvers=(BetrokkenheidSoort.MBO_ONTVANGEND, BetrokkenheidSoort.LEERPLICHT_RMC),
            nooit=frozenset({BetrokkenheidSoort.MBO_HERKOMST}),
        )
    )
