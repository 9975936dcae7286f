"""Bulk import of materials from a spreadsheet (CSV or XLSX).

One code path for the command and the admin: `parse` reads the file into rows, `vocabulary`
turns labels in any partner language into canonical terms and keys, `rows` checks each row
against the model's own rules, `apply` decides created/updated/unchanged and writes (or, in
a dry run, stops just before writing). The admin's preview is that dry run.
"""
