"""A list of keys from a closed vocabulary, stored as a JSON array.

Several values of a closed vocabulary (the accessibility metadata) need neither a table nor
a join: they are facts of the page, compared and copied whole. A JSON array works the same
on SQLite and PostgreSQL, and the editor sees the vocabulary as checkboxes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyListField(models.JSONField):
    """Keys of `choices` (a TextChoices class), kept once each in the vocabulary's order."""

    def __init__(self, *args, vocabulary=None, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        # The vocabulary is code, checked on save: changing it needs no migration.
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def to_python(self, value):
        return list(value) if isinstance(value, list | tuple) else value

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if self.vocabulary is None:
            return
        if not isinstance(value, list) or not all(isinstance(key, str) for key in value):
            raise ValidationError(_("Choose values from the list."), code="invalid")
        unknown = [key for key in value if key not in self.vocabulary.values]
        if unknown:
            raise ValidationError(
                _("Unknown value: %(values)s.") % {"values": ", ".join(unknown[:5])},
                code="invalid_choice",
            )

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if self.vocabulary is not None and isinstance(value, list | tuple):
            chosen = set(value)
            known = [key for key in self.vocabulary.values if key in chosen]
            value = known + [key for key in dict.fromkeys(value) if key not in known]
            setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        if self.vocabulary is None:
            return super().formfield(**kwargs)
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.vocabulary.choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for unsupported in ("encoder", "decoder", "max_length"):
            defaults.pop(unsupported, None)
        return form_class(**defaults)
