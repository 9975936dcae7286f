"""Atom and RSS 2.0 feeds of new and updated materials, one per site language.

Teachers and partner centres follow a language's feed in a reader; aggregators poll
it instead of crawling. Entries are built only from MaterialRecords (never from
model fields), so the feed says exactly what the page's JSON-LD, OAI-PMH and the API
say. The feed's own title and description are interface strings in the feed's
language, whatever the reader's Accept-Language.
"""

import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404, HttpRequest
from django.urls import path
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext

from materials.models import MaterialIndexPage, MaterialPage
from materials.record import MaterialRecord
from materials.record_loader import build_records

FEED_LENGTH = 50
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class MaterialsAtom1Feed(Atom1Feed):
    """Atom with one <author> per author and the licence as an RFC 4946 link."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        if item["licence_url"]:
            handler.addQuickElement("link", "", {"rel": "license", "href": item["licence_url"]})


class MaterialsRss201rev2Feed(Rss201rev2Feed):
    """RSS 2.0 with one <dc:creator> per author (RSS's <author> must be an e-mail address)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["authors"]:
            handler.addQuickElement("dc:creator", name)


@dataclass(frozen=True)
class FeedSubject:
    """What one request's feed is about; the feed object itself is shared by all requests."""

    language: str
    request: HttpRequest


def latest_materials(language: str):
    """The newest live, public materials of one language tree (aliases show another's content)."""
    return (
        MaterialPage.objects.live()
        .public()
        .filter(locale__language_code=language, alias_of__isnull=True)
        .order_by(F("last_published_at").desc(nulls_last=True), "-pk")
        .only("id")[:FEED_LENGTH]
    )


class MaterialsAtomFeed(Feed):
    """/feeds/<language>/materials.atom; MaterialsRssFeed is the same feed in RSS 2.0."""

    feed_type = MaterialsAtom1Feed

    def __call__(self, request, language):
        if language not in dict(settings.LANGUAGES):
            raise Http404("No feed in this language.")
        with translation.override(language):
            return super().__call__(request, language=language)

    def get_object(self, request, language):
        return FeedSubject(language=language, request=request)

    def title(self, subject):
        return gettext("%(site)s: new and updated materials") % {"site": settings.WAGTAIL_SITE_NAME}

    def description(self, subject):
        return gettext(
            "The newest commented STEM professional-development materials in this language."
        )

    def subtitle(self, subject):
        return self.description(subject)

    def author_name(self, subject):
        # Atom requires an author; entries without named authors inherit the site's.
        return str(settings.WAGTAIL_SITE_NAME)

    def link(self, subject):
        index = MaterialIndexPage.objects.live().filter(locale__language_code=subject.language)
        index = index.only("url_path").first()
        url = index.get_url(subject.request) if index else None
        return url or f"/{subject.language}/"

    def feed_guid(self, subject):
        return subject.request.build_absolute_uri(subject.request.path)

    def items(self, subject) -> list[MaterialRecord]:
        return build_records(latest_materials(subject.language), subject.request)

    def item_title(self, record):
        return record.title

    def item_link(self, record):
        return record.url

    def item_description(self, record):
        # Feeds carry descriptions as HTML; the summary is plain text.
        return escape(record.description)

    def item_pubdate(self, record):
        return record.date_published

    def item_updateddate(self, record):
        return record.date_modified

    def item_categories(self, record):
        return [term.label for term in record.disciplines]

    def item_copyright(self, record):
        return record.licence.name

    def item_enclosures(self, record):
        return [
            Enclosure(
                url=file.url,
                length=str(file.size or 0),
                mime_type=mimetypes.guess_type(f"file.{file.file_format}")[0]
                or "application/octet-stream",
            )
            for file in record.files
        ]

    def item_extra_kwargs(self, record):
        return {"authors": record.authors, "licence_url": record.licence.url}


class MaterialsRssFeed(MaterialsAtomFeed):
    feed_type = MaterialsRss201rev2Feed

    def item_enclosures(self, record):
        return super().item_enclosures(record)[:1]  # RSS allows one enclosure per item


urlpatterns = [
    path("feeds/<str:language>/materials.atom", MaterialsAtomFeed(), name="materials-feed-atom"),
    path("feeds/<str:language>/materials.rss", MaterialsRssFeed(), name="materials-feed-rss"),
]
