"""A MaterialPage's Wagtail API fields, each one read from the page's MaterialRecord.

Left to itself, Wagtail's API maps model fields to JSON, which would be a second
mapping of the content model next to materials.record (and would show canonical
term ids instead of slugs and translated labels). Every field here instead takes
one attribute of the record and only changes its shape into JSON.

Records are built in bulk: a listing builds the records of all its pages on the
first field it serialises, so the API costs a fixed number of queries per request.
"""

from rest_framework.fields import Field

from wagtail.api import APIField

from materials.record_loader import build_records
from open_data.record_json import RECORD_JSON

RECORDS_CONTEXT_KEY = "material_records"


def records_for(page, field: Field):
    """The record of `page`, building those of every page in the same listing at once.

    The cache lives in the serializer context, which DRF shares between the list,
    every item and every field of one response.
    """
    context = field.context
    records = context.setdefault(RECORDS_CONTEXT_KEY, {})
    if page.pk not in records:
        batch = [page]
        root = field.root
        if getattr(root, "many", False) and root.instance is not None:
            # The listing's page of results, which DRF is iterating: a list or a sliced
            # queryset whose result cache is already full, so this costs no query.
            batch = list(root.instance)
        batch = [
            item
            for item in batch
            if type(item) is type(page) and item.pk is not None and item.pk not in records
        ]
        if page.pk not in {item.pk for item in batch}:
            batch.append(page)
        for record in build_records(batch, context["request"]):
            records[record.page_id] = record
    return records[page.pk]


class MaterialRecordField(Field):
    """One API field: `to_json(record)` for the page being serialised."""

    def __init__(self, to_json, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        self.to_json = to_json

    def get_attribute(self, instance):
        # The page itself, not the model attribute of the same name (e.g. disciplines).
        return instance

    def to_representation(self, page):
        return self.to_json(records_for(page, self))


MATERIAL_API_FIELDS = [
    APIField(name, serializer=MaterialRecordField(to_json)) for name, to_json in RECORD_JSON.items()
]
RECORD_FIELD_NAMES = frozenset(RECORD_JSON)
