"""What the admin page-search tests share: the pages they search (English and German, a
draft among them), the roles of the permission matrix, and readers of the admin's answers.

Every page holds WORD in its title and no other page does, so a search for it finds exactly
the pages below that the user may explore."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model

from wagtail.models import Page

from tests import factories

WORD = "quokkarium"

ENGLISH_ONLY_TEXT = "light experiments"  # in the English titles, not the German ones


@dataclass(frozen=True)
class Pages:
    """Primary keys of the searched pages and the trees they sit in."""

    english_material: int
    english_catalogue: int
    german_material: int
    german_draft: int
    english_home: int
    german_home: int
    english_materials: int
    german_materials: int

    @property
    def english(self) -> set[int]:
        return {self.english_material, self.english_catalogue}

    @property
    def german(self) -> set[int]:
        return {self.german_material, self.german_draft}

    @property
    def every(self) -> set[int]:
        return self.english | self.german

    @property
    def materials(self) -> set[int]:
        return {self.english_material, self.german_material, self.german_draft}


def build_pages() -> Pages:
    english, german = factories.site_tree("en"), factories.site_tree("de")
    factories.language_team("de")
    english_material = factories.publish(
        factories.MaterialPageFactory(parent=english.materials, title=f"{WORD} {ENGLISH_ONLY_TEXT}")
    )
    english_catalogue = factories.publish(
        factories.CataloguePageFactory(
            parent=english.catalogues, title=f"{WORD} {ENGLISH_ONLY_TEXT} catalogue"
        )
    )
    german_material = factories.publish(
        factories.MaterialPageFactory(parent=german.materials, title=f"{WORD} Lichtversuche")
    )
    german_draft = factories.MaterialPageFactory(
        parent=german.materials, title=f"{WORD} Entwurf", live=False
    )
    german_draft.save_revision()
    return Pages(
        english_material=english_material.pk,
        english_catalogue=english_catalogue.pk,
        german_material=german_material.pk,
        german_draft=german_draft.pk,
        english_home=english.home.pk,
        german_home=german.home.pk,
        english_materials=english.materials.pk,
        german_materials=german.materials.pk,
    )


def superuser():
    return get_user_model().objects.create_superuser(
        f"super-{next(factories._admin_users)}", password="unused"
    )


# Role -> (a new user in it, what it finds: "every" or "german").
ROLES = {
    "superuser": (superuser, "every"),
    "editor": (factories.editor, "every"),
    "moderator": (factories.moderator, "every"),
    "german translator": (lambda: factories.team_member("translators", "de"), "german"),
    "german reviewer": (lambda: factories.team_member("reviewers", "de"), "german"),
}


def search_urls(pages: Pages, query: str = WORD) -> dict[str, str]:
    """Every admin URL that searches pages, with `query`: the page search (also the
    sidebar's search box), its results fragment, and the explorer's search box over the
    whole tree, from the German home page (which every role may explore)."""
    search = urlencode({"q": query})
    explore_all = urlencode({"q": query, "search_all": "1"})
    return {
        "page search": f"/admin/pages/search/?{search}",
        "page search results": f"/admin/pages/search/results/?{search}",
        "explorer, whole tree": f"/admin/pages/{pages.german_home}/?{explore_all}",
        "explorer results, whole tree": f"/admin/pages/{pages.german_home}/results/?{explore_all}",
    }


# The keys of search_urls: every place the admin searches the page tree.
SEARCHES = ("page search", "page search results", "explorer, whole tree",
            "explorer results, whole tree")  # fmt: skip


def role_finds_what_it_may_explore(client, pages: Pages, role: str, url: str, *,
                                   materials_only: bool = False):  # fmt: skip
    """Logged in as `role`, the listing at `url` shows exactly the pages the role may
    explore (the materials among them, with `materials_only`), and a German translator
    sees no English title. The response, for more checks."""
    make_user, scope = ROLES[role]
    client.force_login(make_user())
    response = client.get(url)
    permitted = expected(pages, scope)
    if materials_only:
        permitted &= pages.materials
    assert found(response) == permitted
    if scope == "german":
        assert ENGLISH_ONLY_TEXT not in response.content.decode()
    return response


def found(response) -> set[int]:
    """The primary keys of the pages an admin listing shows."""
    assert response.status_code == 200, response.status_code
    return {page.pk for page in response.context["object_list"]}


def expected(pages: Pages, scope: str) -> set[int]:
    return pages.every if scope == "every" else pages.german


def root_path() -> str:
    return Page.get_first_root_node().path


def type_use_url(query: str = WORD) -> str:
    """Reports > Page types usage > Material page: a listing of every material page with a
    search box of its own (Wagtail's ContentTypeUseView)."""
    return "/admin/pages/usage/materials/materialpage/?" + urlencode({"q": query})
