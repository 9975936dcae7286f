"""A machine translator that answers from recorded translations of the demo's materials.

The demo runs offline and without an API key, yet should show what machine-translated
metadata looks like: this translator reads content/machine_metadata.json (language code ->
English text -> translation) and translates only the texts recorded there. A text it does
not know is left out of its answer, so nothing untranslated is ever stored as if it were
translated. Development settings use it when DEEPL_API_KEY is not set.
"""

import json
from functools import cache
from pathlib import Path

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

RECORDINGS = Path(__file__).parent / "content" / "machine_metadata.json"


@cache
def recordings() -> dict[str, dict[str, str]]:
    return json.loads(RECORDINGS.read_text(encoding="utf-8"))


class RecordedTranslator(BaseMachineTranslator):
    display_name = "Recorded demo translations"

    def translate(self, source_locale, target_locale, strings):
        recorded = recordings().get(target_locale.language_code, {})
        answer = {}
        for string in strings:
            text = recorded.get(string.render_text())
            if text is not None:
                answer[string] = StringValue.from_plaintext(text)
        return answer

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code == "en" and target_locale.language_code in recordings()
