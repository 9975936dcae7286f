"""The search page's markup for phones, keyboards and screen readers, as served without
JavaScript: the filters behind a "Filters (n)" disclosure, "Skip to results", a live
region outside the part the script replaces, and long facet lists folded, not scrolled."""

from html.parser import HTMLParser

import pytest

from materials.models import Discipline
from search.facets import FACETS_BY_NAME
from search.results import LEADING_OPTIONS, FacetOption, FacetView
from tests.conftest import shared_data
from tests.factories import (
    DisciplineFactory,
    MaterialPageFactory,
    publish,
    site_tree,
    translate_term,
)
from tests.search.helpers import MARKER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("discipline_pks")]


class Element:
    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element] = []
        self.text_parts: list[str] = []

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts + [child.text for child in self.children]).split())

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def find_all(self, tag: str | None = None, **attrs):
        for child in self.children:
            if (tag is None or child.tag == tag) and all(
                child.attrs.get(name.rstrip("_")) == value for name, value in attrs.items()
            ):
                yield child
            yield from child.find_all(tag, **attrs)

    def find(self, tag: str | None = None, **attrs) -> "Element":
        found = list(self.find_all(tag, **attrs))
        assert len(found) == 1, f"{len(found)} <{tag} {attrs}> elements"
        return found[0]


VOID = {"input", "meta", "link", "br", "img", "hr", "source", "area", "base", "col", "wbr"}


class Tree(HTMLParser):
    """Just enough of a DOM to ask where an element sits."""

    def __init__(self, html: str):
        super().__init__()
        self.root = Element("#document", {}, None)
        self.current = self.root
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text_parts.append(data)


def page(client, url: str) -> Element:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return Tree(response.content.decode()).root


def build_disciplines() -> list[int]:
    """Nine materials, one discipline each, found by a word no other page holds, under an
    English tree that also exists in German; the disciplines' primary keys."""
    site_tree("de")
    index = site_tree().materials
    terms = DisciplineFactory.create_batch(LEADING_OPTIONS + 3)
    for number, term in enumerate(terms):
        material = MaterialPageFactory(parent=index, title=f"Lesson {number} {MARKER}")
        material.disciplines = [term]
        publish(material)
    return [term.pk for term in terms]


@pytest.fixture(scope="module")
def discipline_pks(django_db_setup, django_db_blocker):
    """Built once for the module (see `shared_data`)."""
    with shared_data(django_db_blocker, build_disciplines) as pks:
        yield pks


@pytest.fixture
def disciplines(discipline_pks):
    """The nine disciplines, each on one material, in the order they were made."""
    terms = Discipline.objects.in_bulk(discipline_pks)
    return [terms[pk] for pk in discipline_pks]


def test_the_filters_are_a_closed_disclosure_counting_the_active_filters(client, disciplines):
    root = page(client, f"/en/search/?q={MARKER}&discipline={disciplines[0].slug}&pupil_age=11")
    details = root.find("details", id="search-filters")
    assert "open" not in details.attrs, "on a phone the results come first"
    summary = details.children[0]
    assert summary.tag == "summary"
    assert summary.text == "Filters (2)"
    # Every filter control sits inside the disclosure, the results after it.
    assert details.find("select", name="sort")
    assert details.find("input", name="pupil_age")
    assert len(list(details.find_all("input", name="discipline"))) == len(disciplines)
    region = root.find(id="search-region")
    assert [child.attrs.get("id") for child in region.children] == ["search-filters", "results"]


def test_no_active_filter_counts_zero(client, disciplines):
    summary = page(client, f"/en/search/?q={MARKER}").find("details", id="search-filters")
    assert summary.children[0].text == "Filters (0)"


def test_the_disclosure_speaks_the_visitors_language(client, disciplines):
    site_tree("de")
    root = page(client, f"/de/search/?q={MARKER}&discipline={disciplines[1].slug}")
    assert root.find("details", id="search-filters").children[0].text == "Filter (1)"
    assert root.find("a", class_="search__skip").text == "Zu den Ergebnissen springen"


def test_skip_to_results_comes_before_the_form_and_targets_the_focusable_results(client):
    root = page(client, "/en/search/?q=anything")
    skip = root.find("a", class_="search__skip")
    assert skip.text == "Skip to results"
    assert skip.attrs["href"] == "#results"
    results = root.find(id="results")
    assert results.tag == "section"
    assert results.attrs.get("tabindex") == "-1", "a link can move the focus there"
    main = root.find("main")
    order = [element for element in main.find_all() if element in (skip, root.find("form"))]
    assert order[0] is skip


def test_the_live_region_lives_outside_the_replaced_region(client, disciplines):
    root = page(client, f"/en/search/?q={MARKER}")
    status = root.find("p", role="status")
    assert status.attrs["aria-live"] == "polite"
    region = root.find(id="search-region")
    assert region not in status.ancestors()
    assert root.find("form") in status.ancestors()
    # The visible count is no live region of its own: it is replaced, not updated.
    heading = root.find(id="results-heading")
    assert "aria-live" not in heading.attrs
    assert heading.text == f"{len(disciplines)} materials"


def test_a_long_facet_folds_into_a_disclosure_and_opens_for_a_chosen_option(client, disciplines):
    folded = sorted(disciplines, key=lambda term: term.name)[-1]
    closed = page(client, f"/en/search/?q={MARKER}").find(id="facet-discipline")
    more = closed.find("details", id="facet-discipline-more")
    assert "open" not in more.attrs
    assert more.children[0].text == "More (3)"
    assert len(list(closed.find_all("input"))) == len(disciplines)

    chosen = page(client, f"/en/search/?q={MARKER}&discipline={folded.slug}")
    more = chosen.find(id="facet-discipline").find("details", id="facet-discipline-more")
    assert "open" in more.attrs
    assert more.find("input", value=folded.slug).attrs.get("checked") is not None


@pytest.mark.parametrize(("options", "shown", "folded"), [(8, 8, 0), (9, 6, 3), (20, 6, 14)])
def test_only_lists_worth_folding_fold(options, shown, folded):
    view = FacetView(
        FACETS_BY_NAME["country"],
        [FacetOption(f"c{n}", f"Country {n}", 1, n == options - 1) for n in range(options)],
    )
    assert len(view.leading_options) == shown
    assert len(view.folded_options) == folded
    assert view.folded_selected is bool(folded)
    assert view.leading_options + view.folded_options == view.options


def test_a_bad_pupil_age_is_a_400_with_the_disclosure_still_there(client):
    response = client.get("/en/search/?pupil_age=abc")
    assert response.status_code == 400
    root = Tree(response.content.decode()).root
    assert root.find("details", id="search-filters").children[0].text == "Filters (0)"
    assert root.find("input", name="pupil_age").attrs["aria-invalid"] == "true"


def test_an_untranslated_facet_label_is_marked_with_its_language(client, disciplines):
    """So screen readers pronounce it, and the browser hyphenates it, as English."""
    site_tree("de")
    translated, untranslated = disciplines[0], disciplines[1]
    translate_term(translated, "de", name="Fachgebiet Eins")
    root = page(client, f"/de/search/?q={MARKER}&discipline={untranslated.slug}")
    facet = root.find(id="facet-discipline")
    labels = {
        span.parent.find("input").attrs["value"]: span
        for span in facet.find_all("span", class_="facet__label")
    }
    assert labels[translated.slug].text == "Fachgebiet Eins"
    assert "lang" not in labels[translated.slug].attrs
    assert labels[untranslated.slug].text == untranslated.name
    assert labels[untranslated.slug].attrs["lang"] == "en"
    chip = next(root.find(class_="chips").find_all("a", class_="chip"))
    assert chip.find("span", lang="en").text == untranslated.name
