"""The decision on one flagged pair, checked before anything is written.

"Version of" and "adaptation of" need to know which of the two is derived from the
other; an adaptation also needs the country it was adapted for (and may name the diversity
dimension). Anything else is refused with a message that says what is missing.
"""

from django_countries import countries

from django import forms
from django.utils.translation import gettext_lazy as _

from duplicates.models import Decision
from materials.models import DiversityDimension
from materials.models.taxonomy import source_locale_only


def canonical_dimensions() -> list[tuple[int, str]]:
    """The diversity dimensions an adaptation may name: the canonical (source-locale) ones."""
    return list(
        DiversityDimension.objects.filter(source_locale_only())
        .order_by("sort_order", "name")
        .values_list("pk", "name")
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a decision."),
            "invalid_choice": _("“%(value)s” is not a decision this queue knows."),
        },
    )
    derived = forms.TypedChoiceField(
        label=_("Which one is the version or adaptation?"),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
    )
    country = forms.ChoiceField(label=_("Adapted for country"), required=False)
    dimension = forms.TypedChoiceField(
        label=_("Adapted for diversity dimension"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, pair, *args, dimension_choices=None, **kwargs):
        """`dimension_choices` (pk, name) lets a page of forms share one query."""
        super().__init__(*args, **kwargs)
        self.pair = pair
        self.fields["derived"].choices = [
            (pair.first_id, pair.first.title),
            (pair.second_id, pair.second.title),
        ]
        self.fields["country"].choices = [("", "—"), *countries]
        if dimension_choices is None:
            dimension_choices = canonical_dimensions()
        self.fields["dimension"].choices = [("", "—"), *dimension_choices]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision in (Decision.VERSION, Decision.ADAPTATION) and not cleaned.get("derived"):
            self.add_error(
                "derived", _("Say which of the two materials is the version or adaptation.")
            )
        if decision == Decision.ADAPTATION and not cleaned.get("country"):
            self.add_error("country", _("Say which country the adaptation was made for."))
        return cleaned
