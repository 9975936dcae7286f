"""Checkbox lists with a filter box, for the multi-valued fields editors tag materials with.

A multi-select box needs Ctrl-click and hides what is chosen; a long list of checkboxes is
hard to scan. This is the checkbox list (it works without JavaScript) plus a search box
that static/js/checkbox-filter.js reveals and wires: typing narrows the list, accents and
case ignored, chosen boxes stay chosen while hidden.
"""

from django import forms


class FilterableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "materials/widgets/filterable_checkboxes.html"

    class Media:
        js = ["js/checkbox-filter.js"]
