"""The admin's form to start a harvest: the command's options, checked the same way.

`HarvestOptions.checked` is the one place the options are judged, so the form turns its
refusals into form errors instead of judging again; the partner is offered from the
source-language partners and the country from django-countries, so most mistakes cannot be
typed at all.
"""

from django_countries import countries

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from curation.material_import.vocabulary import Vocabulary
from harvest.fetch import HarvestFailed, refuse_private_host
from harvest.mapping import load_mapping
from harvest.options import (
    MAX_SET_LENGTH,
    MAX_URL_LENGTH,
    SUPPORTED_PREFIXES,
    HarvestOptions,
    OptionRefused,
)
from materials.models import Partner

# The fields that are the command's options: checked by HarvestOptions, passed to the task.
OPTION_NAMES = (
    "base_url",
    "metadata_prefix",
    "partner",
    "country",
    "ages",
    "set_spec",
    "from_date",
    "dry_run",
)


class HarvestForm(forms.Form):
    base_url = forms.URLField(
        label=_("OAI-PMH base URL"),
        max_length=MAX_URL_LENGTH,
        assume_scheme="https",
        help_text=_("The repository's address for OAI-PMH requests, without ?verb=…"),
    )
    metadata_prefix = forms.ChoiceField(
        label=_("Metadata format"),
        choices=[(prefix, prefix) for prefix in SUPPORTED_PREFIXES],
        initial="lom",
        help_text=_("lom (IEEE LOM) also gives ages, audience and languages; oai_dc does not."),
    )
    partner = forms.ChoiceField(label=_("Partner"))
    country = forms.ChoiceField(label=_("Country of the materials"))
    ages = forms.CharField(
        label=_("Ages"),
        required=False,
        max_length=7,
        help_text=_("MIN-MAX, such as 10-15, for records that give no age range."),
    )
    set_spec = forms.CharField(label=_("Set"), required=False, max_length=MAX_SET_LENGTH)
    from_date = forms.CharField(
        label=_("Changed since"),
        required=False,
        max_length=20,
        help_text=_("YYYY-MM-DD. Empty: from the last successful run of this URL, set and format."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: harvest and report, write nothing"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Partner.objects.filter(locale=Locale.get_default()).order_by("institution")
        self.fields["partner"].choices = [(p.slug, str(p)) for p in partners]
        self.fields["country"].choices = [("", "—"), *countries]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.arguments = {name: data[name] for name in OPTION_NAMES}
        try:
            HarvestOptions.checked(**self.arguments)
            # The partner's mapping file is checked too, as a run checks it before its
            # first request: a broken file is the form's error, not a failed run.
            load_mapping(data["partner"], Vocabulary())
            refuse_private_host(data["base_url"])
        except (OptionRefused, HarvestFailed) as error:
            raise forms.ValidationError(str(error)) from error
        return data
