"""Who sees the broken-links report and may start a check: whoever curates the collection
(`materials.curators`). Fixing a link is an editorial decision made on the source page, so
translators and reviewers do not see it."""

from materials.curators import may_curate


def may_check_links(user) -> bool:
    return may_curate(user)
