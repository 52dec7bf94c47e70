"""The project's ModelBackend: the same permissions as Django's in one query, and the
signed-in person loaded with their profile, so a page does not ask for either again."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils.functional import SimpleLazyObject

from jji_traject.machtigingen import ModelBackendEenQuery
from toegang import policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("naam", "heeft_rechten"),
    [("coordinator", True), ("jji_school", True), ("beheerder", True), ("itb", True), ("verbindingsofficier", False)],
)
def test_the_same_permissions_as_djangos_backend_in_one_query(demo, naam, heeft_rechten, django_assert_num_queries):
    user = get_user_model().objects.get(pk=getattr(demo, naam).pk)
    verwacht = ModelBackend().get_all_permissions(get_user_model().objects.get(pk=user.pk))
    assert bool(verwacht) is heeft_rechten  # the veiligheidscoördinator's rol holds no kind of action
    with django_assert_num_queries(1):
        assert ModelBackendEenQuery().get_all_permissions(user) == verwacht
        assert all(user.has_perm(recht) for recht in verwacht)
    assert not user.has_perm("trajecten.bestaat_niet")


def test_an_inactive_person_has_no_permissions(demo):
    user = get_user_model().objects.get(pk=demo.coordinator.pk)
    user.is_active = False
    assert ModelBackendEenQuery().get_all_permissions(user) == set()


def test_the_signed_in_person_comes_with_their_profile(demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = ModelBackendEenQuery().get_user(demo.coordinator.pk)
    with django_assert_num_queries(0):
        medewerker = policy.medewerker_van(user)
    assert medewerker.pk == demo.coordinator.medewerker.pk and medewerker.organisatie.actief


def test_the_profile_is_found_through_the_lazy_user_of_a_request(demo, django_assert_num_queries):
    """``request.user`` is a lazy proxy (``type()`` is the proxy, not the user's class): the
    profile loaded with it still counts, so a page asks no query for it."""
    user = SimpleLazyObject(lambda: ModelBackendEenQuery().get_user(demo.coordinator.pk))
    assert user.is_authenticated
    with django_assert_num_queries(0):
        medewerker = policy.medewerker_van(user)
    assert medewerker.pk == demo.coordinator.medewerker.pk


def test_a_profile_of_a_deactivated_organisation_opens_nothing(demo):
    organisatie = demo.coordinator.medewerker.organisatie
    organisatie.actief = False
    organisatie.save(update_fields=["actief"])
    user = ModelBackendEenQuery().get_user(demo.coordinator.pk)
    assert policy.medewerker_van(user) is None
    assert not policy.zichtbaar_voor(user).exists()
