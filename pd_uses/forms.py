"""The PD use form: the partner can only be one the editor records uses for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from materials.models import Partner
from pd_uses.permissions import partner_ids


class PDUseForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partners = self.fields.get("partner")
        allowed = partner_ids(self.for_user) if self.for_user is not None else set()
        if partners is not None and allowed is not None:
            partners.queryset = Partner.objects.filter(pk__in=allowed)
            if len(allowed) == 1 and not self.instance.pk:
                partners.initial = next(iter(allowed))

    def clean_partner(self):
        partner = self.cleaned_data["partner"]
        allowed = partner_ids(self.for_user) if self.for_user is not None else set()
        if allowed is not None and partner.pk not in allowed:
            raise forms.ValidationError(_("You can record uses only for your own partner."))
        return partner
