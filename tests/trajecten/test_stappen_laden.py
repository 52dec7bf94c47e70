"""The routekaart on the traject's page shows the tasks of the open step; another step's tasks
load when it is opened (htmx), or with ``?stap=`` without it. What a reader sees of a step is
the same either way: the policy's tasks, with a form where they may update one."""

import re

import pytest
from django.urls import reverse

from trajecten import selectors
from trajecten.models import Taak

from ..omgeving import sessie_queries

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _gesloten_stap(user, traject):
    """A step with tasks that is not the current one."""
    stappen, _ = selectors.tijdlijn(user, traject)
    return next(s for s in stappen if s.staat != "huidig" and len(s.taken) >= 2)


def _taak_ids(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'<li class="taak [^"]*" id="taak-(\d+)"', html)}


@pytest.mark.parametrize("rol", ["itb", "jji_school", "coordinator"])
def test_a_closed_steps_tasks_load_when_it_is_opened(client, demo, rol):
    user, noah = getattr(demo, rol), demo.trajecten["Noah"]
    client.force_login(user)
    stap = _gesloten_stap(user, noah)
    stappen, bijwerkbaar = selectors.tijdlijn(user, noah)
    huidig = next(s for s in stappen if s.staat == "huidig")

    pagina = client.get(reverse("trajecten:detail", args=[noah.pk])).content.decode()
    assert _taak_ids(pagina) == {t.pk for t in huidig.taken}
    fragment_url = reverse("trajecten:stap_taken", args=[noah.pk, stap.nummer])
    assert f'hx-get="{fragment_url}"' in pagina
    assert f"?stap={stap.nummer}#stap-{stap.nummer}" in pagina  # without htmx

    fragment = client.get(fragment_url, headers=HTMX)
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert _taak_ids(html) == {t.pk for t in stap.taken}
    formulieren = set(map(int, re.findall(r'action="/trajecten/\d+/taken/(\d+)/"', html)))
    assert formulieren == {t.pk for t in stap.taken} & bijwerkbaar

    # Without htmx: the same tasks on the page, with the step open beside the current one.
    geopend = client.get(reverse("trajecten:detail", args=[noah.pk]), {"stap": stap.nummer}).content.decode()
    assert _taak_ids(geopend) == {t.pk for t in huidig.taken} | {t.pk for t in stap.taken}
    assert re.search(rf'id="stap-{stap.nummer}"[^>]*>\s*<details open>', geopend)


def test_a_school_never_gets_a_justice_task_from_a_step(client, demo):
    noah = demo.trajecten["Noah"]
    justitieel = noah.taken.filter(justitieel=True).first()
    assert justitieel is not None
    client.force_login(demo.jji_school)
    html = client.get(reverse("trajecten:stap_taken", args=[noah.pk, justitieel.stap]), headers=HTMX).content.decode()
    assert f'id="taak-{justitieel.pk}"' not in html
    client.force_login(demo.itb)
    html = client.get(reverse("trajecten:stap_taken", args=[noah.pk, justitieel.stap]), headers=HTMX).content.decode()
    assert f'id="taak-{justitieel.pk}"' in html


def test_the_link_without_htmx_goes_to_the_page_with_the_step_open(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.jji_school)
    antwoord = client.get(reverse("trajecten:stap_taken", args=[noah.pk, 3]))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("trajecten:detail", args=[noah.pk]) + "?stap=3#stap-3"


@pytest.mark.parametrize("stap", [0, 11, 99999999999])
def test_a_step_that_does_not_exist_is_a_404(client, demo, stap):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.jji_school)
    assert client.get(f"/trajecten/{noah.pk}/stappen/{stap}/", headers=HTMX).status_code == 404


@pytest.mark.parametrize("waarde", ["0", "11", "abc", "²", "-1", "1" * 200, "3\x00", ""])
def test_an_odd_step_asked_for_opens_only_the_current_one(client, demo, waarde):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.jji_school)
    stappen, _ = selectors.tijdlijn(demo.jji_school, noah)
    huidig = next(s for s in stappen if s.staat == "huidig")
    antwoord = client.get(reverse("trajecten:detail", args=[noah.pk]), {"stap": waarde})
    assert antwoord.status_code == 200
    assert _taak_ids(antwoord.content.decode()) == {t.pk for t in huidig.taken}


def test_a_reader_without_access_gets_no_step(client, demo):
    noah = demo.trajecten["Noah"]
    client.force_login(demo.mbo_intake_other)
    assert client.get(reverse("trajecten:stap_taken", args=[noah.pk, 1]), headers=HTMX).status_code == 404


def _taaklinks(html: str) -> list[tuple[str, int]]:
    return [(url, int(pk)) for url, pk in re.findall(r'href="(/trajecten/\d+/\?stap=\d+)#taak-(\d+)"', html)]


@pytest.mark.parametrize("rol", ["itb", "jji_school", "coordinator", "verbindingsofficier", "mbo_intake", "gemeente"])
def test_every_link_to_a_task_lands_on_the_page_with_the_task(client, demo, rol):
    """Mijn taken, the next step in Mijn trajecten and the notifications link to a task in any
    step reached (or with a date): the page they open has that task's step open."""
    from signalering import services as signalering

    signalering.herinneringen_versturen()
    client.force_login(getattr(demo, rol))
    links = []
    for pagina in ("trajecten:mijn_taken", "trajecten:lijst", "signalering:meldingen"):
        links += _taaklinks(client.get(reverse(pagina)).content.decode())
    assert links
    stappen = set()
    for url, pk in links:
        assert f'id="taak-{pk}"' in client.get(url).content.decode(), url
        stappen.add(Taak.objects.get(pk=pk).stap)
    assert len(stappen) >= 2 or rol == "gemeente"  # links into more than the current step


def test_a_steps_tasks_read_only_that_step(client, demo, django_assert_max_num_queries):
    """Issue 21: the fragment read the whole timeline (the routekaart too) and the header's
    counts it does not show. Now: user, second factor, traject, involvements, the step's
    tasks, permissions and the people who may take a task on (the session from the cache)."""
    noah = demo.trajecten["Noah"]
    client.force_login(demo.coordinator)
    client.get(reverse("trajecten:lijst"))  # the session's first request writes it
    stap = _gesloten_stap(demo.coordinator, noah)
    with django_assert_max_num_queries(7 + sessie_queries()):
        html = client.get(reverse("trajecten:stap_taken", args=[noah.pk, stap.nummer]), headers=HTMX).content.decode()
    assert _taak_ids(html) == {t.pk for t in stap.taken}
