"""The titles people read for a layer and its fields, in each language.

A file may carry them: a GeoPackage in ``gpkg_contents.identifier`` and
``description``, in the schema extension's ``gpkg_data_columns`` (title,
description), and, for both languages, in title records of the metadata
extension (see ``hegang_map.build.geodata.titles``). The reader puts what it
found in the data's ``attrs`` under :data:`TITLES`; a layer shows its title
in the current language, else the file's own title, else its table name. A
user's file with Chinese field names shows them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Key of a layer's titles in its data's ``attrs`` (set by ``hegang_map.io``).
TITLES = "hegang_map_titles"

#: The ``md_standard_uri`` of bilingual title records in a GeoPackage's
#: metadata extension (an identifier, never fetched).
TITLES_URI = "urn:hegang-map:titles:1"

#: The language of titles a file gives without saying which (shown in every language).
ANY = ""


@dataclass(frozen=True)
class Titles:
    """A layer's title and description and its fields' titles, by language code.

    Attributes
    ----------
    layer : dict
        Language code (``zh``, ``en``, or :data:`ANY`) to the layer's title.
    description : dict
        Language code to the layer's description.
    fields : dict
        Field name to a dict of language code to that field's title.
    """

    layer: dict = field(default_factory=dict)
    description: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)

    @staticmethod
    def of(data) -> "Titles":
        """The titles the reader left in ``data.attrs`` (none for data from elsewhere)."""
        found = (getattr(data, "attrs", None) or {}).get(TITLES)
        return found if isinstance(found, Titles) else Titles()

    def layer_in(self, lang: str) -> str | None:
        """The layer's title in ``lang``, else the one the file gives for any language, else ``None``."""
        return _pick(self.layer, lang)

    def description_in(self, lang: str) -> str | None:
        """The layer's description in ``lang`` (or for any language), or ``None``."""
        return _pick(self.description, lang)

    def field_in(self, name: str, lang: str) -> str | None:
        """Field ``name``'s title in ``lang`` (or for any language), or ``None``."""
        return _pick(self.fields.get(name) or {}, lang)


def _pick(texts: dict, lang: str) -> str | None:
    for key in (lang, ANY):
        value = texts.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
