"""The translators' dashboard names page text that no translation can replace."""

from django import template

from translation.models import UntranslatableText

register = template.Library()


@register.inclusion_tag("translation/includes/untranslatable_text.html")
def untranslatable_text():
    rows = (
        UntranslatableText.objects.exclude(texts=[]).select_related("page").order_by("page__path")
    )
    return {"rows": list(rows)}
