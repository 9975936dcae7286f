"""Store ListBlock values (activity steps, catalogue entries) in block format.

Values saved as plain lists (["Step one", ...]) render the same, but wagtail-localize extracts
ListBlock items only in block format ({"type": "item", "value": ..., "id": ...}), so their
texts never became translation segments. This converts the stored values of every page and
of every revision of those pages. Translations pick the new segments up at their next sync.

Self-contained on purpose: a data migration must not depend on code that may change later.
"""

import json
import uuid

from django.db import migrations

# model name -> (StreamField name, {stream block type: ListBlock child name})
LIST_BLOCKS = {
    "materialpage": ("commentary", {"activity": "steps"}),
    "cataloguepage": ("sections", {"section": "materials"}),
}


def _as_items(values):
    if not isinstance(values, list):
        return values, False
    changed = False
    items = []
    for value in values:
        if isinstance(value, dict) and value.get("type") == "item" and "id" in value:
            items.append(value)
        else:
            items.append({"type": "item", "value": value, "id": str(uuid.uuid4())})
            changed = True
    return items, changed


def convert_stream(stream, lists):
    """The stream (a list of blocks, or its JSON text) with plain lists converted, and
    whether anything changed."""
    as_text = isinstance(stream, str)
    blocks = json.loads(stream) if as_text else stream
    if not isinstance(blocks, list):
        return stream, False
    changed = False
    for block in blocks:
        child = lists.get(block.get("type")) if isinstance(block, dict) else None
        value = block.get("value") if child else None
        if isinstance(value, dict) and child in value:
            value[child], block_changed = _as_items(value[child])
            changed = changed or block_changed
    if not changed:
        return stream, False
    return (json.dumps(blocks) if as_text else blocks), True


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    for model_name, (field_name, lists) in LIST_BLOCKS.items():
        model = apps.get_model("materials", model_name)
        for pk, stream in model.objects.values_list("pk", field_name).iterator():
            raw = list(stream.raw_data) if hasattr(stream, "raw_data") else stream
            converted, changed = convert_stream(raw, lists)
            if changed:
                model.objects.filter(pk=pk).update(**{field_name: converted})
        content_type = ContentType.objects.filter(app_label="materials", model=model_name).first()
        if content_type is None:
            continue
        for revision in Revision.objects.filter(content_type=content_type).iterator():
            content = revision.content or {}
            if field_name not in content:
                continue
            content[field_name], changed = convert_stream(content[field_name], lists)
            if changed:
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("materials", "0003_material_file_order"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
