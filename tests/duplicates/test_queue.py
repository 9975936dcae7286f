"""The review queue: who may see and decide, what each decision writes, and bad input."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from duplicates.models import DuplicatePair
from materials.models import MaterialLineage
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE = "/admin/duplicates/"


def decide_url(pair) -> str:
    return f"/admin/duplicates/{pair.pk}/decide/"


@pytest.fixture
def pair():
    """Two published materials with the same original URL: one pending pair."""
    partner = factories.PartnerFactory(institution="Centre for Physics Teaching")
    pages = [
        factories.publish(
            factories.MaterialPageFactory(
                parent=factories.site_tree().materials,
                title=title,
                original_url="https://example.org/units/ramps",
                partner=partner,
                year=2023,
            )
        )
        for title in ("Rolling down ramps", "Ramps for multilingual classes")
    ]
    return DuplicatePair.objects.get(first=min(pages, key=lambda p: p.pk))


def login(client, role):
    user = {
        "anonymous": None,
        "translator": factories.translator("de") if role == "translator" else None,
        "editor": factories.editor() if role == "editor" else None,
        "admin": None,
    }[role]
    if role == "admin":
        user = factories.get_user_model().objects.create_superuser("dup-admin", password="x")
    if user is not None:
        client.force_login(user)
    return client


ROLES = ["anonymous", "translator", "editor", "admin"]
MAY_DECIDE = {"anonymous": False, "translator": False, "editor": True, "admin": True}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_the_queue(client, pair, role):
    response = login(client, role).get(QUEUE)
    if MAY_DECIDE[role]:
        assert response.status_code == 200
        assert pair.first.title in response.content.decode()
    elif role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        assert factories.refused(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_decide(client, pair, role):
    response = login(client, role).post(decide_url(pair), {"decision": "distinct"})
    pair.refresh_from_db()
    if MAY_DECIDE[role]:
        assert response.status_code == 302 and response["Location"] == QUEUE
        assert pair.decision == "distinct" and pair.decided_by is not None
    else:
        assert response.status_code == 302 if role == "anonymous" else factories.refused(response)
        assert pair.is_pending


def test_the_queue_shows_both_materials_side_by_side(admin_client, pair):
    html = admin_client.get(QUEUE).content.decode()
    assert f'id="pair-{pair.pk}"' in html
    for page in (pair.first, pair.second):
        assert page.title in html
        assert f"/admin/pages/{page.pk}/edit/" in html
    assert "Centre for Physics Teaching" in html and "2023" in html
    assert "https://example.org/units/ramps" in html
    assert "Same original URL" in html


@pytest.mark.parametrize("decision", ["same", "distinct"])
def test_closing_decisions_write_no_lineage(admin_client, pair, decision):
    admin_client.post(decide_url(pair), {"decision": decision})
    pair.refresh_from_db()
    assert pair.decision == decision
    assert not MaterialLineage.objects.exists()
    queue = admin_client.get(QUEUE)
    assert queue.context["total"] == 0 and f'id="pair-{pair.pk}"' not in queue.content.decode()


def test_version_of_records_which_one_is_the_version(admin_client, pair):
    admin_client.post(decide_url(pair), {"decision": "version", "derived": pair.first_id})
    link = MaterialLineage.objects.get()
    assert (link.original_id, link.derived_id, link.kind) == (
        pair.second_id,
        pair.first_id,
        "version",
    )
    assert link.country == "" and link.diversity_dimension is None


def test_adaptation_of_records_country_and_dimension(admin_client, pair):
    dimension = factories.DiversityDimensionFactory(name="Multilingual classrooms")
    response = admin_client.post(
        decide_url(pair),
        {
            "decision": "adaptation",
            "derived": pair.second_id,
            "country": "GR",
            "dimension": dimension.pk,
        },
    )
    assert response.status_code == 302
    link = MaterialLineage.objects.get()
    assert (link.original_id, link.derived_id) == (pair.first_id, pair.second_id)
    assert link.kind == "adaptation" and link.country.code == "GR"
    assert link.diversity_dimension == dimension


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "maybe"}, "is not a decision this queue knows"),
        ({}, "Choose a decision."),
        ({"decision": "version"}, "Say which of the two materials"),
        ({"decision": "adaptation", "derived": "FIRST"}, "Say which country"),
        ({"decision": "adaptation", "derived": "999999", "country": "GR"}, "Select a valid choice"),
        ({"decision": "adaptation", "derived": "FIRST", "country": "XX"}, "Select a valid choice"),
        (
            {"decision": "adaptation", "derived": "FIRST", "country": "GR", "dimension": "999999"},
            "Select a valid choice",
        ),
    ],
)
def test_bad_decisions_are_refused_and_write_nothing(admin_client, pair, data, message):
    data = {key: str(pair.first_id) if value == "FIRST" else value for key, value in data.items()}
    response = admin_client.post(decide_url(pair), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    pair.refresh_from_db()
    assert pair.is_pending and not MaterialLineage.objects.exists()


def test_an_unknown_pair_is_a_404(admin_client, pair):
    response = admin_client.post(
        f"/admin/duplicates/{pair.pk + 1000}/decide/", {"decision": "same"}
    )
    assert response.status_code == 404
    pair.refresh_from_db()
    assert pair.is_pending


def test_a_pair_decided_meanwhile_is_a_409(admin_client, pair):
    admin_client.post(decide_url(pair), {"decision": "distinct"})
    response = admin_client.post(
        decide_url(pair), {"decision": "adaptation", "derived": pair.first_id, "country": "GR"}
    )
    assert response.status_code == 409
    assert "already been decided" in response.content.decode()
    pair.refresh_from_db()
    assert pair.decision == "distinct" and not MaterialLineage.objects.exists()


def test_deciding_takes_a_post(admin_client, pair):
    assert admin_client.get(decide_url(pair)).status_code == 405
    assert admin_client.post(QUEUE).status_code == 405


def test_the_queue_costs_the_same_queries_for_one_pair_or_many(admin_client, pair):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(QUEUE).status_code == 200
        return len(captured)

    admin_client.get(QUEUE)  # warm the session and the admin's menus
    one = queries()
    factories.DiversityDimensionFactory.create_batch(3)
    for number in range(4):
        shared = {"original_url": f"https://example.org/more/{number}"}
        for _ in range(2):
            page = factories.MaterialPageFactory(parent=factories.site_tree().materials, **shared)
            page.files = [
                factories.models.MaterialFile(document=factories.document_with(b"%d" % number))
            ]
            factories.publish(page)
    assert DuplicatePair.objects.filter(decision="").count() == 5
    assert queries() == one
