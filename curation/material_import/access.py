"""Who may import: whoever curates the collection (`materials.curators`). An import creates
source-language drafts, so it asks exactly what the page tree asks of someone adding one
by hand."""

from materials.curators import may_curate


def can_import(user) -> bool:
    return may_curate(user)
