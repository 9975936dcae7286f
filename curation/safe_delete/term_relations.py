"""Where a taxonomy term can be referenced from, read from the models themselves.

Pages link to the canonical (source-locale) term through many-to-many fields on the page
(disciplines), foreign keys on the page (partner) or on its inline children (a file's
language, a rating's criterion); other snippets may link to it too (a partner's working
languages). Usage, refusal and merge all walk this one list, so a new link to a term is
counted, protected and merged without being named anywhere here.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from wagtail.models import Page

from materials.models import (
    Discipline,
    DiversityDimension,
    Partner,
    QualityCriterion,
    ResourceLanguage,
)

# The translatable taxonomy snippets whose deletion is guarded and which can be merged.
TERM_MODELS: tuple[type[models.Model], ...] = (
    Discipline,
    DiversityDimension,
    QualityCriterion,
    ResourceLanguage,
    Partner,
)


@dataclass(frozen=True)
class TermLink:
    """One field that points at a term.

    `model` holds the field `field`; `page_path` is how to reach the page from it ("" when
    `model` is a page, "page" for an inline child, None when no page is involved);
    `revision_key` is where the field sits in a page revision's content (the field itself,
    or the child relation's name holding a list of children)."""

    model: type[models.Model]
    field: str
    many: bool
    page_path: str | None
    revision_key: str | None

    def page_model(self) -> type[Page] | None:
        if self.page_path == "":
            return self.model  # type: ignore[return-value]
        if self.page_path == "page":
            return self.model._meta.get_field("page").related_model  # type: ignore[return-value]
        return None


def term_links(term_model: type[models.Model]) -> list[TermLink]:
    links = []
    for relation in _reverse_relations(term_model):
        model, field = relation.related_model, relation.field
        many = relation.many_to_many
        if issubclass(model, Page):
            links.append(TermLink(model, field.name, many, "", field.name))
            continue
        page_field = _page_key(model)
        if page_field is not None:
            child_relation = page_field.remote_field.related_name
            links.append(TermLink(model, field.name, many, "page", child_relation))
        else:
            links.append(TermLink(model, field.name, many, None, None))
    return links


def _reverse_relations(term_model: type[models.Model]) -> list:
    """Every field elsewhere that points at `term_model`, including those without a
    reverse accessor (related_name="+"), which `_meta.related_objects` leaves out; not the
    hidden rows of many-to-many tables, which their field already stands for."""
    return [
        field
        for field in term_model._meta.get_fields(include_hidden=True)
        if field.is_relation
        and field.auto_created
        and not field.concrete
        and not field.related_model._meta.auto_created
    ]


def _page_key(model: type[models.Model]):
    """The ParentalKey of an inline child of a page (MaterialFile.page), if any."""
    try:
        field = model._meta.get_field("page")
    except FieldDoesNotExist:
        return None
    target = getattr(field, "related_model", None)
    if isinstance(target, type) and issubclass(target, Page):
        return field
    return None
