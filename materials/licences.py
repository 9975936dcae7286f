"""The licences a material can carry, with the deed each one links to."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    key: str
    name: str | Promise
    url: str


LICENCES = (
    Licence("cc-by", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    Licence("cc-by-sa", "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    Licence("cc-by-nc", "CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    Licence("cc-by-nc-sa", "CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    Licence("cc-by-nd", "CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
    Licence("cc0", "CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    Licence("all-rights-reserved", _("All rights reserved"), ""),
)
LICENCES_BY_KEY = {licence.key: licence for licence in LICENCES}
LICENCE_CHOICES = [(licence.key, licence.name) for licence in LICENCES]
