"""The metadata formats the repository disseminates: every record is available in each.

ListMetadataFormats lists them in this order; GetRecord and the list verbs look the
requested prefix up here, so a format is added in one place.
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from materials.record import MaterialRecord
from open_data.oai import dublin_core, lom
from open_data.oai.protocol import CANNOT_DISSEMINATE_FORMAT, OAIError


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    # (record, its OAI identifier) -> the <metadata> element's content
    serialise: Callable[[MaterialRecord, str], ET.Element]


FORMATS = {
    fmt.prefix: fmt
    for fmt in (
        MetadataFormat(
            dublin_core.PREFIX,
            dublin_core.OAI_DC_SCHEMA,
            dublin_core.OAI_DC_NS,
            lambda record, identifier: dublin_core.oai_dc(record),
        ),
        MetadataFormat(lom.PREFIX, lom.LOM_SCHEMA, lom.LOM_NS, lom.lom),
    )
}


def metadata_format(prefix: str | None) -> MetadataFormat:
    """The format a request names, or cannotDisseminateFormat listing the ones we have."""
    if prefix not in FORMATS:
        raise OAIError(
            CANNOT_DISSEMINATE_FORMAT,
            f"Records are disseminated in {', '.join(FORMATS)} only.",
        )
    return FORMATS[prefix]
