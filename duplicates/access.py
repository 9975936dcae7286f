"""Who may see the queue of likely duplicates and decide them: whoever curates the
collection (`materials.curators`). Translators and reviewers may not: deciding links
materials in every language."""

from materials.curators import may_curate


def can_decide(user) -> bool:
    return may_curate(user)
