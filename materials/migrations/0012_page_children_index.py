"""An index on Wagtail's page tree by (depth, path), for "the children of a page".

Treebeard and Wagtail find a page's children by depth and path prefix (`get_children`,
`child_of`, the main menu). Wagtail's own indexes are on path alone, so the children of a
page with many descendants were found by reading all of them: the children of a language's
home, whose descendants are every material, took a scan of the whole page table (20 ms at
100,000 materials, on every uncached page that builds the menu). With depth first, only
the children are read. On PostgreSQL the path part uses varchar_pattern_ops, as the prefix
match (LIKE 'path%') needs under any collation.
"""

from django.db import migrations

INDEX = "materials_page_depth_path"


def create(apps, schema_editor):
    table = apps.get_model("wagtailcore", "Page")._meta.db_table
    path = "path varchar_pattern_ops" if schema_editor.connection.vendor == "postgresql" else "path"
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} (depth, {path})")


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("materials", "0011_document_sha256_and_material_lineage")]

    operations = [migrations.RunPython(create, drop)]
