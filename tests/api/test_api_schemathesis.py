"""schemathesis against the API's own OpenAPI schema, in-process (WSGI), authenticated as an
involved demo user, with a bounded number of examples per operation: no 5xx, no schema
violations (status codes, content types, response bodies); input the schema does not allow
gets a documented 4xx; every GET operation answers
2xx at least once (with the ids of the demo data); and the operations for meetings and for
choosing people run against a real traject, so generated bodies reach the service."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

from toegang import policy

from .klant import token_voor

pytestmark = pytest.mark.django_db


def _schema() -> dict:
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


SCHEMA = schemathesis.openapi.from_dict(_schema())
SCHEMA.app = get_wsgi_application()
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Input the schema does not allow (wrong types, out-of-range numbers, odd characters, extra
# fields): never a 5xx, always a documented status and the error shape.
ONJUIST = schemathesis.openapi.from_dict(
    _schema(), config=SchemathesisConfig.from_dict({"generation": {"mode": "negative"}})
)
ONJUIST.app = SCHEMA.app


@pytest.fixture(autouse=True)
def _verbinding_open_houden():
    """The WSGI handler closes database connections after each request; inside a test's
    transaction that would end it. Django's own test client disconnects the same signals."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def kop(demo):
    # The JJI-school's zorgcoördinator: involved in every demo traject, writes, reads the log.
    return {"Authorization": f"Token {token_voor(demo.coordinator)}"}


@SCHEMA.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_errors_and_no_schema_violations(case, kop):
    antwoord = case.call(headers=kop)
    case.validate_response(antwoord, checks=CHECKS)


@ONJUIST.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_wrong_input_gets_a_documented_4xx_never_a_server_error(case, kop):
    antwoord = case.call(headers=kop)
    case.validate_response(antwoord, checks=[not_a_server_error, status_code_conformance, content_type_conformance])


def _ids(demo):
    from overdracht.models import Overdracht

    liam = demo.trajecten["Liam"]
    return {
        "id": liam.pk,
        "categorie": "onderwijsinformatie",
        "taak_pk": liam.taken.filter(justitieel=False).first().pk,
        "versie": 1,
        "toestemming_pk": liam.toestemmingen.first().pk,
        "overdracht_pk": Overdracht.objects.filter(traject=liam).first().pk,
    }


def test_every_get_operation_answers_2xx_with_the_demo_data(demo, kop):
    ids = _ids(demo)
    gezien = []
    for resultaat in SCHEMA.get_all_operations():
        operatie = resultaat.ok()
        if operatie.method.upper() != "GET":
            continue
        pad = {p.name: ids[p.name] for p in operatie.path_parameters}
        case = operatie.Case(path_parameters=pad)
        antwoord = case.call(headers=kop)
        case.validate_response(antwoord, checks=CHECKS)
        assert 200 <= antwoord.status_code < 300, (operatie.path, antwoord.status_code, antwoord.text[:200])
        gezien.append(operatie.path)
    assert len(gezien) == 14  # every GET operation of the schema


# The operations for meetings and for choosing people, against a real traject the caller may write
# to (a random id would only ever meet a 404): generated bodies reach the validation, the policy
# and the service, valid and invalid alike.
KIEZEN_EN_OVERLEGGEN = "/overleggen/|/ontvangers/"
NIEUW = SCHEMA.include(path_regex=KIEZEN_EN_OVERLEGGEN)
NIEUW_ONJUIST = ONJUIST.include(path_regex=KIEZEN_EN_OVERLEGGEN)


@pytest.fixture
def liam(demo):
    return demo.trajecten["Liam"].pk


@pytest.fixture
def kiesbaar(demo, liam):
    from toegang import policy

    return list(
        policy.actieve_medewerkers(demo.coordinator, demo.trajecten["Liam"]).order_by("pk").values_list("pk", flat=True)
    )


def _naar_de_dienst(case, kiesbaar):
    """A generated meeting with a date the traject allows (today) and participants who may take
    part, so that generated bodies also pass the serializer and reach the service."""
    from django.utils import timezone

    if case.method.upper() == "POST" and isinstance(case.body, dict):
        if "datum" in case.body:
            case.body["datum"] = timezone.localdate().isoformat()
        if isinstance(case.body.get("deelnemers"), list):
            case.body["deelnemers"] = kiesbaar[: len(case.body["deelnemers"])]


def test_the_new_operations_are_in_the_schema():
    paden = {resultaat.ok().path for resultaat in NIEUW.get_all_operations()}
    assert paden == {
        "/api/v1/trajecten/{id}/overleggen/",
        "/api/v1/trajecten/{id}/overleggen/deelnemers/",
        "/api/v1/trajecten/{id}/overdracht/ontvangers/",
    }


@NIEUW.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_meetings_and_choices_on_a_real_traject(case, kop, liam, kiesbaar):
    case.path_parameters = {"id": liam}
    _naar_de_dienst(case, kiesbaar)
    antwoord = case.call(headers=kop)
    case.validate_response(antwoord, checks=CHECKS)
    if antwoord.status_code == 404:  # the traject is there: only a page past the end is not
        assert (case.query or {}).get("pagina", 1) > 1, (case.query, antwoord.text[:200])


@NIEUW_ONJUIST.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_wrong_input_for_meetings_on_a_real_traject_is_a_documented_4xx(case, kop, liam):
    case.path_parameters = {"id": liam}
    antwoord = case.call(headers=kop)
    case.validate_response(antwoord, checks=[not_a_server_error, status_code_conformance, content_type_conformance])


@pytest.mark.parametrize("naam", ["gemeente", "jeugdreclassering", "leerplicht"])
def test_the_partners_after_release_through_every_get_operation(demo, naam):
    """The nazorg partners under the same policy: every GET operation on a traject they see
    answers as documented (a part without grondslag is a 403, another organisation's object
    a 404), never a 5xx, and every body fits the schema."""
    user = demo.users[naam]
    traject = next(iter(policy.zichtbaar_voor(user)))
    ids = {
        **_ids(demo),
        "id": traject.pk,
        # its own task, or (leerplicht/RMC has none in the demo) another's: a 404
        "taak_pk": (policy.taken_zichtbaar_voor(user, traject).first() or traject.taken.first()).pk,
        "toestemming_pk": traject.toestemmingen.first().pk,
    }
    kop = {"Authorization": f"Token {token_voor(user)}"}
    codes = {}
    for resultaat in SCHEMA.get_all_operations():
        operatie = resultaat.ok()
        if operatie.method.upper() != "GET":
            continue
        case = operatie.Case(path_parameters={p.name: ids[p.name] for p in operatie.path_parameters})
        antwoord = case.call(headers=kop)
        case.validate_response(antwoord, checks=CHECKS)
        codes[operatie.path] = antwoord.status_code
    assert codes["/api/v1/trajecten/{id}/"] == 200
    assert codes["/api/v1/trajecten/{id}/taken/"] == 200
    assert codes["/api/v1/trajecten/{id}/dossier/{categorie}/"] == 403


# The schoolloopbaan na uitstroom against Liam's real rows, as ROC Lindewaard's intaker (the
# receiving mbo writes it): generated enrolments and checkpoints reach the services, valid and
# invalid, and every answer is documented (a date before release or a checkpoint twice: 400).
SCHOOLLOOPBAAN = "/schoolloopbaan/"


@pytest.fixture
def schoolloopbaan(demo):
    liam = demo.trajecten["Liam"]
    return {
        "id": liam.pk,
        "inschrijving_pk": liam.inschrijvingen.first().pk,
        "checkpoint_pk": liam.schoolcheckpoints.first().pk,
    }


@pytest.fixture
def kop_mbo(demo):
    return {"Authorization": f"Token {token_voor(demo.mbo_intake)}"}


def test_the_schoolloopbaan_operations_are_in_the_schema():
    paden = {
        (r.ok().method.upper(), r.ok().path) for r in SCHEMA.include(path_regex=SCHOOLLOOPBAAN).get_all_operations()
    }
    assert paden == {
        ("POST", "/api/v1/trajecten/{id}/schoolloopbaan/inschrijvingen/"),
        ("PATCH", "/api/v1/trajecten/{id}/schoolloopbaan/inschrijvingen/{inschrijving_pk}/"),
        ("POST", "/api/v1/trajecten/{id}/schoolloopbaan/checkpoints/"),
        ("PATCH", "/api/v1/trajecten/{id}/schoolloopbaan/checkpoints/{checkpoint_pk}/"),
    }


@SCHEMA.include(path_regex=SCHOOLLOOPBAAN).parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_schoolloopbaan_on_a_real_traject(case, kop_mbo, schoolloopbaan):
    case.path_parameters = {p: schoolloopbaan[p] for p in case.path_parameters}
    antwoord = case.call(headers=kop_mbo)
    case.validate_response(antwoord, checks=CHECKS)
    assert antwoord.status_code != 404, antwoord.text[:200]


@ONJUIST.include(path_regex=SCHOOLLOOPBAAN).parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_wrong_input_for_the_schoolloopbaan_is_a_documented_4xx(case, kop_mbo, schoolloopbaan):
    case.path_parameters = {p: schoolloopbaan[p] for p in case.path_parameters}
    antwoord = case.call(headers=kop_mbo)
    case.validate_response(antwoord, checks=[not_a_server_error, status_code_conformance, content_type_conformance])
