"""The API for partner systems (``/api/v1/``). The same policy and the same raadplegingen as
the pages, no second implementation: every traject through ``policy.traject_ophalen`` (404
for missing and forbidden alike), every part of the dossier through ``policy.categorie_lezen``
(action ``api``: one raadpleging per reading; a refused explicit request on record), every
write through the services. A traject the caller sees but a part or resource they may not
gets 403; one they may not see, 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from beslismodel import selectors as beslismodel_selectors
from beslismodel import services as beslismodel_services
from beslismodel.constants import Stand
from beslismodel.suggestie import status_suggereren
from dossier import selectors as dossier_selectors
from dossier import services as dossier_services
from jji_traject.afdruk import pdf_antwoord
from netwerk import selectors as netwerk_selectors
from netwerk.models import Medewerker, Organisatie
from overdracht import selectors as overdracht_selectors
from overdracht import services as overdracht_services
from overdracht.models import OverdrachtStatus
from toegang import policy
from toegang.models import RaadplegingActie
from trajecten import paginering
from trajecten import services as traject_services
from trajecten.constants import DOSSIER_CATEGORIEEN, KENNISGEVING, Categorie, Fase
from trajecten.selectors import huidige_stap

from . import serializers as s
from .fouten import NietGedeeld, inhoud

PER_PAGINA = 25
FOUTEN = {
    400: OpenApiResponse(s.Fout, description="Onjuiste invoer"),
    401: OpenApiResponse(s.Fout, description="Niet aangemeld"),
    403: OpenApiResponse(s.Fout, description="Niet met jou gedeeld"),
    404: OpenApiResponse(s.Fout, description="Niet gevonden (of niet voor jou)"),
    411: OpenApiResponse(s.Fout, description="Content-Length ontbreekt"),
    413: OpenApiResponse(s.Fout, description="Te groot"),
    415: OpenApiResponse(s.Fout, description="Alleen JSON"),
    429: OpenApiResponse(s.Fout, description="Te veel verzoeken"),
}


def _fouten(*codes):
    return {code: FOUTEN[code] for code in (401, 404, 429, *codes)}


def _valideer(serializer_klasse, request):
    serializer = serializer_klasse(data=inhoud(request))
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _pagina(request, queryset, regel):
    """A page without counting to the end (one row more tells whether there is a next one).
    A page number that is not one is a 400; a page beyond the end, a 404 (never silently
    the first page)."""
    nummer = netwerk_selectors.getal(request.query_params.get("pagina", "1"))
    if nummer is None or not 1 <= nummer <= paginering.MAX_PAGINA:
        raise ValidationError(
            {"pagina": [_("Een paginanummer van 1 tot en met %(max)s.") % {"max": paginering.MAX_PAGINA}]}
        )
    pagina = paginering.pagina(queryset, nummer, PER_PAGINA)
    if pagina.number != nummer:
        raise Http404

    def link(nummer):
        parameters = request.query_params.copy()
        parameters["pagina"] = nummer
        return request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")

    return {
        "results": [regel(rij) for rij in pagina.object_list],
        "next": link(pagina.number + 1) if pagina.has_next() else None,
        "previous": link(pagina.number - 1) if pagina.has_previous() else None,
    }


def _traject(request, pk):
    return policy.traject_ophalen(request.user, pk)


def _org(organisatie):
    return {"id": organisatie.pk, "naam": organisatie.naam} if organisatie else None


def _persoon(medewerker):
    return {"id": medewerker.pk, "naam": medewerker.naam} if medewerker else None


PAGINA = OpenApiParameter("pagina", OpenApiTypes.INT, description="Paginanummer (vanaf 1).")


class Trajecten(APIView):
    @extend_schema(
        operation_id="trajecten_list",
        summary="De trajecten die jij mag zien",
        parameters=[OpenApiParameter("fase", str, enum=Fase.values), PAGINA],
        responses={200: s.TrajectPagina, **_fouten(400)},
    )
    def get(self, request):
        trajecten = policy.zichtbaar_voor(request.user).select_related("jongere", "jji").order_by("sorteernaam", "pk")
        fase = request.query_params.get("fase")
        if fase is not None:
            if fase not in Fase.values:
                raise ValidationError({"fase": [_("Kies een van: %(fasen)s.") % {"fasen": ", ".join(Fase.values)}]})
            trajecten = trajecten.filter(fase=fase)
        return Response(_pagina(request, trajecten, lambda t: s.TrajectRegel(t).data))


class TrajectDetail(APIView):
    @extend_schema(summary="Eén traject, met de betrokken organisaties", responses={200: s.TrajectDetail, **_fouten()})
    def get(self, request, pk):
        traject = _traject(request, pk)
        beheer = policy.mag_traject_beheren(request.user, traject)
        organisaties = [
            b
            for b in traject.betrokkenheden.met_actief().select_related("organisatie").order_by("soort", "pk")
            if b.is_actief or beheer
        ]
        traject.huidige_stap = huidige_stap(traject)
        traject.organisaties = organisaties
        gegevens = s.TrajectDetail(traject).data
        gegevens["titel"] = traject.titel or None if policy.mag_titel_zien(request.user, traject) else None
        return Response(gegevens)


def _taak(taak):
    return {
        "id": taak.pk,
        "stap": taak.stap,
        "tekst": taak.tekst,
        "status": taak.status,
        "reden": taak.reden,
        "deadline": taak.deadline,
        "gedaan_op": taak.gedaan_op,
        "organisatie": _org(taak.organisatie),
        "medewerker": _persoon(taak.medewerker),
        "notitie": "" if taak.alleen_registratie else taak.notitie,
    }


class Taken(APIView):
    @extend_schema(
        summary="De taken van een traject die jij mag zien", responses={200: s.TaakUit(many=True), **_fouten()}
    )
    def get(self, request, pk):
        traject = _traject(request, pk)
        taken = policy.taken_zichtbaar_voor(request.user, traject).select_related("organisatie", "medewerker__user")
        return Response([s.TaakUit(_taak(t)).data for t in taken.order_by("stap", "pk")])


class Taak(APIView):
    @extend_schema(
        summary="De status van een taak bijwerken",
        request=s.TaakIn,
        responses={200: s.TaakUit, **_fouten(400, 403, 411, 413, 415)},
    )
    def patch(self, request, pk, taak_pk):
        traject = _traject(request, pk)
        taak = policy.taken_zichtbaar_voor(request.user, traject).filter(pk=taak_pk).first()
        if taak is None:
            raise Http404
        if not policy.mag_taak_bijwerken(request.user, taak):
            raise NietGedeeld(_("Deze taak werk je niet bij: ze is van een andere organisatie."))
        gegevens = _valideer(s.TaakIn, request)
        with transaction.atomic():
            taak = traject_services.taak_bijwerken(
                actor=request.user,
                taak=taak,
                status=gegevens["status"],
                reden=gegevens.get("reden", ""),
                notitie=gegevens.get("notitie"),
            )
        taak = policy.taken_zichtbaar_voor(request.user, traject).select_related("organisatie", "medewerker__user")
        return Response(s.TaakUit(_taak(taak.get(pk=taak_pk))).data)


DEEL_IN = {
    Categorie.ONDERWIJSINFORMATIE: (s.OnderwijsinformatieIn, dossier_services.onderwijsinformatie_opslaan),
    Categorie.BEGELEIDINGSBEHOEFTE: (s.BegeleidingsbehoefteIn, dossier_services.begeleidingsbehoefte_opslaan),
}


def _deel(categorie, gegevens):
    if categorie == Categorie.VEILIGHEIDSSIGNALEN:
        return {"categorie": categorie, categorie: [s.SignaalUit(x).data for x in gegevens or []]}
    if gegevens is None:
        return {"categorie": categorie, categorie: None}
    uit = s.OnderwijsinformatieUit if categorie == Categorie.ONDERWIJSINFORMATIE else s.BegeleidingsbehoefteUit
    if categorie == Categorie.ONDERWIJSINFORMATIE:
        gegevens.resultaten_lijst = [
            {
                **{v: getattr(r, v) for v in ("soort", "omschrijving", "datum")},
                "gevalideerd_door": _org(r.gevalideerd_door),
            }
            for r in getattr(gegevens, "resultaten_lijst", [])
        ]
    return {"categorie": categorie, categorie: uit(gegevens).data}


CATEGORIE = OpenApiParameter(
    "categorie", str, OpenApiParameter.PATH, enum=[c.value for c in DOSSIER_CATEGORIEEN], description="Het deel."
)


class Dossierdeel(APIView):
    @extend_schema(
        summary="Een deel van het doorstroomdossier (met grondslag; elke lezing in de raadplegingen)",
        parameters=[CATEGORIE],
        responses={200: s.DeelUit, **_fouten(403)},
    )
    def get(self, request, pk, categorie):
        traject = policy.dossier_traject_ophalen(
            request.user, pk, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        if categorie not in DOSSIER_CATEGORIEEN:
            policy.raadpleging_weigeren(
                actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
            )
            raise Http404
        try:
            gegevens = policy.categorie_lezen(
                actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
            )
        except Http404:  # refused, and on record as a refused attempt
            raise NietGedeeld() from None
        return Response(_deel(categorie, gegevens))

    @extend_schema(
        summary="Onderwijsinformatie of begeleidingsbehoefte vastleggen (de JJI-school)",
        parameters=[CATEGORIE],
        request=PolymorphicProxySerializer(
            component_name="DeelIn",
            serializers=[s.OnderwijsinformatieIn, s.BegeleidingsbehoefteIn],
            resource_type_field_name=None,
        ),
        responses={200: s.DeelUit, **_fouten(400, 403, 411, 413, 415)},
    )
    def put(self, request, pk, categorie):
        traject = policy.dossier_traject_ophalen(
            request.user, pk, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        if categorie not in DOSSIER_CATEGORIEEN:
            raise Http404
        if categorie not in DEEL_IN:
            raise ValidationError(
                {
                    "categorie": [
                        _("Signalen voor veiligheid leg je één voor één vast op de pagina, met reden en einddatum.")
                    ]
                }
            )
        if not policy.mag_dossier_schrijven(request.user, traject):
            raise NietGedeeld(_("Alleen de JJI-school schrijft het doorstroomdossier."))
        invoer, opslaan = DEEL_IN[categorie]
        gegevens = _valideer(invoer, request)
        volledig = {veld: gegevens.get(veld, None if veld == "niveau" else "") for veld in invoer().get_fields()}
        with transaction.atomic():
            opslaan(actor=request.user, traject=traject, gegevens=volledig)
        gelezen = policy.categorie_lezen(
            actor=request.user, traject=traject, categorie=categorie, actie=RaadplegingActie.API, verzoek=request
        )
        return Response(_deel(categorie, gelezen))


def _toestemming(t):
    return {
        "id": t.pk,
        "ontvanger": _org(t.ontvanger),
        "categorie": t.categorie,
        "grondslag": t.grondslag,
        "datum_gegeven": t.datum_gegeven,
        "geldig_tot": t.geldig_tot,
        "ingetrokken_op": t.ingetrokken_op,
        "is_geldig": t.is_geldig(),
    }


class Toestemmingen(APIView):
    def _beheerbaar(self, request, pk):
        traject = _traject(request, pk)
        if not policy.mag_grondslag_vastleggen(request.user, traject):
            raise NietGedeeld(_("Toestemmingen legt de JJI of de JJI-school vast."))
        return traject

    @extend_schema(
        summary="De grondslagen van een traject (de regie)",
        responses={200: s.ToestemmingUit(many=True), **_fouten(403)},
    )
    def get(self, request, pk):
        traject = self._beheerbaar(request, pk)
        return Response(
            [s.ToestemmingUit(_toestemming(t)).data for t in dossier_selectors.toestemmingenregister(traject)]
        )

    @extend_schema(
        summary="Een toestemming of andere grondslag vastleggen",
        request=s.ToestemmingIn,
        responses={201: s.ToestemmingUit, **_fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk):
        traject = self._beheerbaar(request, pk)
        gegevens = dict(_valideer(s.ToestemmingIn, request))
        ontvanger = Organisatie.objects.filter(pk=gegevens.pop("ontvanger")).first()
        if ontvanger is None:
            raise ValidationError({"ontvanger": [_("Kies een organisatie die bij dit traject betrokken is.")]})
        categorie = gegevens.pop("categorie")
        with transaction.atomic():
            if categorie == KENNISGEVING:
                toestemming = traject_services.kennisgeving_vastleggen(
                    actor=request.user, traject=traject, ontvanger=ontvanger, gegevens=gegevens
                )
            else:
                toestemming = traject_services.toestemming_vastleggen(
                    actor=request.user, traject=traject, ontvanger=ontvanger, categorie=categorie, gegevens=gegevens
                )
        return Response(s.ToestemmingUit(_toestemming(toestemming)).data, status=status.HTTP_201_CREATED)


class ToestemmingIntrekken(APIView):
    @extend_schema(
        summary="Een toestemming intrekken (direct)",
        request=None,
        responses={200: s.ToestemmingUit, **_fouten(400, 415)},
    )
    def post(self, request, toestemming_pk):
        toestemming = policy.toestemming_ophalen(request.user, toestemming_pk)
        if request.META.get("CONTENT_LENGTH") not in (None, "", "0"):
            request.data  # noqa: B018 - a body is optional, but a broken one is refused before anything happens
        with transaction.atomic():
            toestemming = traject_services.toestemming_intrekken(actor=request.user, toestemming=toestemming)
        return Response(s.ToestemmingUit(_toestemming(toestemming)).data)


VOOR = OpenApiParameter("voor", OpenApiTypes.INT, description="Alleen regels van vóór deze (uit de `next`-link).")


def _raadpleging(r):
    return {
        "id": r.pk,
        "tijdstip": r.tijdstip,
        "wie": r.actor.get_full_name() or r.actor.username,
        "organisatie": r.organisatie.naam if r.organisatie_id else None,
        "rol": r.rol,
        "categorie": r.categorie,
        "actie": r.actie,
        "geweigerd": r.geweigerd,
        "grondslag": r.grondslag_id,
        "ontvanger": r.ontvanger.naam if r.ontvanger_id else None,
        "document": r.document,
    }


class Raadplegingen(APIView):
    @extend_schema(
        summary="Wie las welk deel (de JJI-school), nieuwste eerst",
        description=(
            "Per pagina van 25, gebladerd met een cursor: `next` vraagt de regels van vóór de laatste van deze "
            "pagina (`voor`), zodat nieuwe regels de pagina's niet verschuiven en het hele log bereikbaar is."
        ),
        parameters=[VOOR],
        responses={200: s.RaadplegingPagina, **_fouten(400, 403)},
    )
    def get(self, request, pk):
        traject = _traject(request, pk)
        if not policy.mag_raadplegingen_zien(request.user, traject):
            raise NietGedeeld(_("De raadplegingen zijn voor de JJI-school."))
        log = (
            policy.raadplegingen_zichtbaar_voor(request.user, traject)
            .select_related("actor", "organisatie", "ontvanger")
            .order_by("-tijdstip", "-pk")
        )
        gevraagd = request.query_params.get("voor")
        if gevraagd is not None:
            vanaf = netwerk_selectors.getal(gevraagd)
            grens = log.filter(pk=vanaf).values_list("tijdstip", flat=True).first() if vanaf is not None else None
            if grens is None:
                raise ValidationError({"voor": [_("Geef het id van een regel uit het log van dit traject.")]})
            log = log.filter(Q(tijdstip__lt=grens) | Q(tijdstip=grens, pk__lt=vanaf))
        rijen = list(log[: PER_PAGINA + 1])
        volgende = None
        if len(rijen) > PER_PAGINA:
            parameters = request.query_params.copy()
            parameters["voor"] = rijen[PER_PAGINA - 1].pk
            volgende = request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")
        return Response(
            {"results": [s.RaadplegingUit(_raadpleging(r)).data for r in rijen[:PER_PAGINA]], "next": volgende}
        )


def _besluit(b):
    return {
        "status": b.status,
        "suggestie": b.suggestie,
        "advies": b.advies,
        "motivatie": b.motivatie,
        "afwijkingsreden": b.afwijkingsreden,
        "bevestiging": b.bevestiging,
        "besloten_op": b.besloten_op,
        "maatregelen": [
            {"soort": m.soort, "omschrijving": m.omschrijving, "medewerker": _persoon(m.medewerker), "datum": m.datum}
            for m in b.maatregelen.all()
        ],
    }


class Beslismodel(APIView):
    @extend_schema(
        summary="De versies van het beslismodel die jij mag zien (antwoorden per deel onder zijn grondslag)",
        responses={200: s.VersieUit(many=True), **_fouten(403)},
    )
    def get(self, request, pk):
        traject = _traject(request, pk)
        versies = list(
            policy.beslismodellen_zichtbaar_voor(request.user, traject)
            .select_related("ontvanger", "sjabloon")
            .prefetch_related("besluiten__maatregelen__medewerker__user")
            .order_by("-versie")
        )
        if not versies and not policy.mag_beslismodel_opstellen(request.user, traject):
            raise NietGedeeld(_("Het beslismodel is voor de JJI-school en de ontvangende school."))
        gelezen, achtergehouden = (
            policy.beslismodel_lezen(
                actor=request.user, traject=traject, versies=versies, actie=RaadplegingActie.API, verzoek=request
            )
            if versies
            else ({}, set())
        )
        antwoord = []
        sjablonen: dict[int, list] = {}  # versions share their template: its items read once
        for versie in versies:
            antwoorden = gelezen[versie.pk]
            items = []
            if versie.sjabloon_id not in sjablonen:
                sjablonen[versie.sjabloon_id] = beslismodel_selectors.items_van(versie.sjabloon)
            for item in sjablonen[versie.sjabloon_id]:
                a = antwoorden.get(item.pk)
                gedeeld = item.categorie not in achtergehouden
                items.append(
                    {
                        "sleutel": item.sleutel,
                        "titel": item.titel,
                        "categorie": item.categorie,
                        "gedeeld": gedeeld,
                        "extra_aandacht": a.extra_aandacht if a and gedeeld else None,
                        "toelichting": a.toelichting if a and gedeeld else None,
                        "keuze": a.keuze.code if a and a.keuze_id else None,
                    }
                )
            suggestie = status_suggereren(beslismodel_selectors.keuzes_van(antwoorden.values()))
            antwoord.append(
                {
                    "versie": versie.versie,
                    "stand": versie.stand,
                    "ontvanger": _org(versie.ontvanger),
                    "ingediend_op": versie.ingediend_op,
                    "suggestie": suggestie.status,
                    "antwoorden": items,
                    "besluiten": [_besluit(b) for b in versie.besluiten.all()],
                }
            )
        return Response(s.VersieUit(antwoord, many=True).data)


class Besluit(APIView):
    @extend_schema(
        summary="Besluiten over een ingediende versie (de ontvangende school)",
        request=s.BesluitIn,
        responses={201: s.BesluitUit, **_fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk, versie):
        traject = _traject(request, pk)
        beslismodel = policy.beslismodellen_zichtbaar_voor(request.user, traject).filter(versie=versie).first()
        if beslismodel is None:
            raise Http404
        open_voor_besluit = beslismodel.stand == Stand.INGEDIEND and not traject.is_afgesloten
        if open_voor_besluit and not policy.mag_beslismodel_besluiten(request.user, beslismodel):
            # The service says why a version is closed; who may not decide it hears that first.
            raise NietGedeeld(
                _("Besluiten doet de ontvangende school: een intaker, zorgcoördinator of de verbindingsofficier.")
            )
        gegevens = _valideer(s.BesluitIn, request)
        mensen = {m.pk: m for m in beslismodel_selectors.mensen_van_ontvanger(request.user, beslismodel)}

        def persoon(veld, waarde):
            if waarde is None:
                return None
            if waarde not in mensen:
                raise DjangoValidationError({veld: _("Kies iemand van de ontvangende school.")})
            return mensen[waarde]

        with transaction.atomic():
            besluit = beslismodel_services.beslismodel_besluiten(
                actor=request.user,
                beslismodel=beslismodel,
                status=gegevens["status"],
                advies=gegevens["advies"],
                motivatie=gegevens["motivatie"],
                afwijkingsreden=gegevens.get("afwijkingsreden", ""),
                aanspreekpunt=persoon("aanspreekpunt", gegevens.get("aanspreekpunt")),
                evaluatie_op=gegevens.get("evaluatie_op"),
                maatregelen=[
                    {
                        "omschrijving": m["omschrijving"],
                        "medewerker": persoon(f"maatregelen.{i}.medewerker", m.get("medewerker")),
                        "datum": m.get("datum"),
                        "veld": f"maatregelen.{i}.omschrijving",
                    }
                    for i, m in enumerate(gegevens.get("maatregelen", []))
                ],
            )
        return Response(s.BesluitUit(_besluit(besluit)).data, status=status.HTTP_201_CREATED)


REGIO = OpenApiParameter("regio", OpenApiTypes.INT, description="Een andere regio (bv. die van terugkeer).")


def _regio(request):
    gevraagd = request.query_params.get("regio")
    regio_id = netwerk_selectors.getal(gevraagd)
    if gevraagd is not None and regio_id is None:
        raise ValidationError({"regio": [_("Geef het id van een regio.")]})
    regio = netwerk_selectors.netwerkkaart_regio(request.user, regio_id)
    if regio is None:
        raise Http404
    return regio


class Organisaties(APIView):
    @extend_schema(
        summary="De organisaties van de regio, met hun verbindingsofficier",
        parameters=[REGIO],
        responses={200: s.OrganisatieUit(many=True), **_fouten(400, 403)},
    )
    def get(self, request):
        def regel(o):
            vo = o.verbindingsofficier
            return {
                "id": o.pk,
                "naam": o.naam,
                "soort": o.soort,
                "plaats": o.plaats,
                "verbindingsofficier": {"naam": vo.naam, "telefoon": vo.telefoon, "email": vo.user.email}
                if vo
                else None,
            }

        return Response([s.OrganisatieUit(regel(o)).data for o in netwerk_selectors.netwerkkaart(_regio(request))])


class Netwerkkaart(APIView):
    @extend_schema(
        summary="De contactpersonen van de netwerkkaart van de regio",
        parameters=[REGIO],
        responses={200: s.ContactUit(many=True), **_fouten(400, 403)},
    )
    def get(self, request):
        rijen = []
        for organisatie in netwerk_selectors.netwerkkaart(_regio(request)):
            for c in organisatie.contactpersonen.all():
                rijen.append(
                    {
                        "id": c.pk,
                        "organisatie": _org(organisatie),
                        "rol": c.rol,
                        "naam": c.naam,
                        "functie": c.functie,
                        "niveau": c.niveau,
                        "telefoon": c.telefoon,
                        "email": c.email,
                        "bereikbaarheid": c.bereikbaarheid,
                    }
                )
        return Response([s.ContactUit(r).data for r in rijen])


def _overdracht(o):
    medewerker = Medewerker.objects.filter(user_id=o.ontvanger_id).first()
    return {
        "id": o.pk,
        "nummer": o.nummer,
        "status": o.status,
        "ontvanger": _persoon(medewerker) or {"id": 0, "naam": o.ontvanger.get_full_name()},
        "categorieen": o.categorieen,
        "aangevraagd_op": o.aangevraagd_op,
        "gemaakt_op": o.gemaakt_op,
    }


class OverdrachtMaken(APIView):
    @extend_schema(
        summary="Een overdrachtsdocument laten maken (op de achtergrond) voor één persoon",
        request=s.OverdrachtIn,
        responses={202: s.OverdrachtUit, **_fouten(400, 403, 411, 413, 415)},
    )
    def post(self, request, pk):
        traject = _traject(request, pk)
        if not policy.mag_overdracht_maken(request.user, traject):
            raise NietGedeeld(_("Een overdrachtsdocument maakt de JJI-school."))
        gegevens = _valideer(s.OverdrachtIn, request)
        ontvanger = policy.overdracht_ontvangers(request.user, traject).filter(pk=gegevens["ontvanger"]).first()
        if ontvanger is None:
            raise ValidationError(
                {"ontvanger": [_("Kies iemand van een organisatie die actief betrokken is en dit traject ziet.")]}
            )
        with transaction.atomic():
            overdracht = overdracht_services.overdracht_aanvragen(
                actor=request.user, traject=traject, ontvanger=ontvanger, verzoek=request
            )
        return Response(s.OverdrachtUit(_overdracht(overdracht)).data, status=status.HTTP_202_ACCEPTED)


class Overdracht(APIView):
    @extend_schema(
        summary="Hoe ver het document is (alleen voor wie het maakte)", responses={200: s.OverdrachtUit, **_fouten()}
    )
    def get(self, request, overdracht_pk):
        overdracht = policy.overdracht_ophalen(request.user, overdracht_pk)
        overdracht_services.opnieuw_inplannen_als_nodig(overdracht)
        return Response(s.OverdrachtUit(_overdracht(overdracht)).data)


class OverdrachtBestand(APIView):
    @extend_schema(
        summary="Het PDF-bestand (alleen voor wie het maakte, zolang de ontvanger alles mag lezen)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **_fouten(403)},
    )
    def get(self, request, overdracht_pk):
        overdracht = policy.overdracht_ophalen(request.user, overdracht_pk)
        if overdracht.status != OverdrachtStatus.KLAAR:
            raise Http404
        if not policy.overdracht_geldt_nog(overdracht):
            raise NietGedeeld(_("De ontvanger mag niet meer alles lezen wat in dit document staat."))
        return pdf_antwoord(overdracht_selectors.bestand(overdracht), overdracht_selectors.bestandsnaam(overdracht))
