"""One spreadsheet row -> the field values of a material, or the reasons it is refused.

Only what a spreadsheet cannot say by itself is checked here: whole numbers, lists and
vocabulary. Everything the model already knows (required fields, the summary's length,
the age range, URLs) is left to the model's own full_clean in `apply`, so an import can
never accept what the admin's edit form would refuse.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from curation.material_import.parse import Row
from curation.material_import.vocabulary import Unresolved, Vocabulary

LIST_SEPARATOR = ";"
INTEGER_COLUMNS = ("age_min", "age_max", "year")
# Plain text copied onto the page as it is (the model validates it).
TEXT_COLUMNS = ("title", "summary", "original_url", "authors", "keywords")


@dataclass(frozen=True)
class Refusal:
    row: int
    source_id: str
    column: str
    reason: str

    def __str__(self):
        where = _("row %(row)d") % {"row": self.row}
        if self.source_id:
            where += f" ({self.source_id})"
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.reason}"


@dataclass
class RowValues:
    """What one row says, resolved: plain fields plus the two lists of terms."""

    fields: dict = field(default_factory=dict)
    disciplines: list = field(default_factory=list)
    resource_languages: list = field(default_factory=list)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def resolve_row(row: Row, vocabulary: Vocabulary) -> tuple[RowValues, list[Refusal]]:
    values = RowValues()
    refusals: list[Refusal] = []
    source_id = row.values["source_id"]

    def refuse(column: str, reason: str) -> None:
        refusals.append(Refusal(row.number, source_id, column, reason))

    for column in sorted(row.formulas):
        refuse(column, _("the cell holds a formula; type the value itself."))
    if row.formulas:
        return values, refusals
    if not source_id:
        refuse("source_id", _("required: it identifies the material in later imports."))

    for column in TEXT_COLUMNS:
        if column in row.values:
            values.fields[column] = row.values[column]

    for column in INTEGER_COLUMNS:
        text = row.values[column]
        if not text:
            values.fields[column] = None
            continue
        try:
            values.fields[column] = int(text)
        except ValueError:
            refuse(column, _("“%(value)s” is not a whole number.") % {"value": text})

    for column, lookup in (
        ("disciplines", vocabulary.disciplines),
        ("resource_languages", vocabulary.resource_languages),
    ):
        names = split_list(row.values[column])
        if not names:
            refuse(column, _("required: at least one, separated by semicolons."))
        terms = []
        for name in names:
            try:
                term = lookup.resolve(name)
            except Unresolved as error:
                refuse(column, str(error))
                continue
            if term not in terms:
                terms.append(term)
        setattr(values, column, terms)

    single = (
        ("resource_type", vocabulary.resource_types.resolve),
        ("audience", vocabulary.audiences.resolve),
        ("licence", vocabulary.licence),
        ("partner", vocabulary.partners.resolve),
        ("country", vocabulary.country),
    )
    for column, resolve in single:
        text = row.values[column]
        if not text:
            # Left to the model, which says "This field cannot be blank." like the admin.
            values.fields[column] = None if column == "partner" else ""
            continue
        try:
            values.fields[column] = resolve(text)
        except Unresolved as error:
            refuse(column, str(error))
    return values, refusals
