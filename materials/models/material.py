"""The annotated PD material and the index that lists them."""

from django_countries.fields import CountryField

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from materials.accessibility import (
    AccessibilityFeature,
    AccessibilityHazard,
    AccessMode,
    feature_problems,
    filterable_features,
    hazard_free,
    hazard_problems,
)
from materials.age_bands import MAX_AGE, bands_for
from materials.blocks import CommentaryBlock
from materials.extension_points import (
    SERVE_MATERIAL_ARCHIVE,
    SERVE_MATERIAL_FILE,
    SERVE_MATERIAL_INDEX,
    registered_view,
)
from materials.licences import LICENCE_CHOICES, LICENCES_BY_KEY
from materials.material_context import material_page_context
from materials.models.choices import Audience, ResourceType, choice_label
from materials.models.fallback import SourceFallbackRoutingMixin
from materials.models.index_batch import batch_facts, index_batch, machine_index_text
from materials.models.key_lists import KeyListField
from materials.models.media import CustomDocument
from materials.models.pd_uses import USED_IN_PD, PDUse
from materials.models.taxonomy import source_locale_only
from materials.record import split_keywords
from materials.versions import live_languages
from materials.widgets import FilterableCheckboxSelectMultiple

SUMMARY_MAX_LENGTH = 300
ACCESSIBILITY_SUMMARY_MAX_LENGTH = 1000


class MaterialIndexPage(SourceFallbackRoutingMixin, Page):
    """The materials of one language. Its listing is the search page, browsing everything
    until a visitor narrows it; the search app serves it (see materials.extension_points),
    in preview exactly as live, so an editor previews what visitors get."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["materials.HomePage"]
    subpage_types = ["materials.MaterialPage"]
    max_count_per_parent = 1
    # Created as a draft in every partner language's tree (translation.trees).
    part_of_language_tree = True

    class Meta:
        verbose_name = _("material index page")

    def serve(self, request, *args, **kwargs):
        return registered_view(SERVE_MATERIAL_INDEX)(self, request)

    def serve_preview(self, request, mode_name):
        return self.serve(request)


class MaterialPage(RoutablePageMixin, Page):
    """An annotated PD material; its files are served under its URL (downloads/)."""

    # Read with the page when its index routes to it (SourceFallbackRoutingMixin): the page
    # shows its cover and its partner, each of which would otherwise cost a query.
    route_select_related = ("cover_image", "partner__locale")

    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("Plain text, at most 300 characters: what it is and who it is for."),
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_(
            "Words a teacher would type to find it, in their base form, separated by "
            "semicolons: energy; climate; simulation."
        ),
    )
    commentary = StreamField(
        CommentaryBlock(),
        verbose_name=_("commentary"),
        blank=True,
        help_text=_("Why this material is good and how to use it in class and in PD."),
    )
    disciplines = ParentalManyToManyField(
        "materials.Discipline",
        verbose_name=_("disciplines"),
        limit_choices_to=source_locale_only,
        related_name="materials",
    )
    age_min = models.PositiveSmallIntegerField(
        _("youngest pupils (age)"),
        validators=[MinValueValidator(3), MaxValueValidator(MAX_AGE)],
        help_text=_("Pupil age the material starts at; 19 or above means adult learners."),
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest pupils (age)"),
        validators=[MinValueValidator(3), MaxValueValidator(MAX_AGE)],
        help_text=_("E.g. 10 to 14 places the material in the 10–12 and 12–15 bands."),
    )
    country = CountryField(_("country of origin"))
    resource_languages = ParentalManyToManyField(
        "materials.ResourceLanguage",
        verbose_name=_("resource languages"),
        limit_choices_to=source_locale_only,
        related_name="materials",
        help_text=_("Languages the material itself is available in."),
    )
    resource_type = models.CharField(
        _("resource type"), max_length=32, choices=ResourceType.choices
    )
    audience = models.CharField(_("audience"), max_length=32, choices=Audience.choices)
    diversity_dimensions = ParentalManyToManyField(
        "materials.DiversityDimension",
        verbose_name=_("diversity dimensions"),
        limit_choices_to=source_locale_only,
        related_name="materials",
        blank=True,
    )
    strengthens_criteria = ParentalManyToManyField(
        "materials.QualityCriterion",
        verbose_name=_("strengthens criteria"),
        limit_choices_to=source_locale_only,
        related_name="strengthening_materials",
        blank=True,
        help_text=_(
            "Quality criteria of PD this material helps a PD provider meet, e.g. 'Models of "
            "effective practice' for a material with classroom video. The quality self-check "
            "recommends it to providers who rate their activity low on these criteria."
        ),
    )
    licence = models.CharField(_("licence"), max_length=32, choices=LICENCE_CHOICES)
    original_url = models.URLField(
        _("original URL"),
        blank=True,
        help_text=_("Where the material is published by its authors."),
    )
    partner = models.ForeignKey(
        "materials.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        limit_choices_to=source_locale_only,
        related_name="materials",
        help_text=_("The PD centre that selected and commented this material."),
    )
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    duration_hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Time needed to work through the material, if known."),
    )
    access_modes = KeyListField(
        _("access modes"),
        vocabulary=AccessMode,
        help_text=_(
            "The senses and skills the content needs as published: tick text, images, "
            "sound, and the kinds of images that carry meaning."
        ),
    )
    accessibility_features = KeyListField(
        _("accessibility features"),
        vocabulary=AccessibilityFeature,
        help_text=_(
            "What the material offers for people with disabilities. Tick only what you "
            "have checked in the files; “No accessibility features” stands alone."
        ),
    )
    accessibility_hazards = KeyListField(
        _("accessibility hazards"),
        vocabulary=AccessibilityHazard,
        help_text=_(
            "Flashing, motion simulation and sound: for each, say present, absent or not "
            "known, or tick “No hazards” or “Hazards not known” alone."
        ),
    )
    accessibility_summary = models.TextField(
        _("accessibility summary"),
        max_length=ACCESSIBILITY_SUMMARY_MAX_LENGTH,
        validators=[MaxLengthValidator(ACCESSIBILITY_SUMMARY_MAX_LENGTH)],
        blank=True,
        help_text=_(
            "In plain words, for teachers: what works well and what does not, e.g. "
            "“The videos have captions; the diagrams have no text alternative.”"
        ),
    )
    cover_image = models.ForeignKey(
        "materials.CustomImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("keywords", boost=2),
        index.SearchField("commentary"),
        index.SearchField("authors"),
        # Every language's label of its terms, so "Physik" finds physics in any version.
        index.SearchField("search_term_labels"),
        # Machine-translated titles and summaries, so a material is found in every language.
        index.SearchField("search_machine_text"),
        index.FilterField("age_min"),
        index.FilterField("age_max"),
        index.FilterField("country"),
        index.FilterField("resource_type"),
        index.FilterField("audience"),
        index.FilterField("licence"),
        index.FilterField("year"),
        # Facet keys as keyword lists, for search engines that filter and count them
        # (Elasticsearch); the database engine reads the same facts in bulk instead.
        index.FilterField("search_disciplines"),
        index.FilterField("search_age_bands"),
        index.FilterField("search_resource_languages"),
        index.FilterField("search_diversity_dimensions"),
        index.FilterField("search_accessibility_features"),
        index.FilterField("search_hazard_free"),
        index.FilterField("search_live_languages"),
        index.FilterField("search_public"),
        index.FilterField("search_material_published"),
        index.FilterField("search_used_in_pd"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("keywords"),
        FieldPanel("commentary"),
        FieldPanel("cover_image"),
        InlinePanel("files", label=_("Files"), heading=_("Files to download")),
        InlinePanel("related_materials", label=_("Related material"), heading=_("Related")),
    ]
    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("disciplines", widget=FilterableCheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                FieldRowPanel([FieldPanel("resource_type"), FieldPanel("audience")]),
                FieldPanel("resource_languages", widget=FilterableCheckboxSelectMultiple),
                FieldPanel("diversity_dimensions", widget=FilterableCheckboxSelectMultiple),
            ],
            heading=_("Who and what it is for"),
        ),
        MultiFieldPanel(
            [FieldPanel("strengthens_criteria")],
            heading=_("Quality of PD"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("partner"),
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("year")]),
                FieldPanel("duration_hours"),
                FieldPanel("licence"),
                FieldPanel("original_url"),
            ],
            heading=_("Origin and licence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_modes"),
                FieldPanel("accessibility_features"),
                FieldPanel("accessibility_hazards"),
                FieldPanel("accessibility_summary"),
            ],
            heading=pgettext_lazy("accessibility", "Accessibility"),
            help_text=_(
                "Schema.org accessibility metadata: teachers filter on it and harvesters "
                "read it. The ticked values are shared by every translation; the summary "
                "is translated."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    override_translatable_fields = [
        SynchronizedField("partner"),
        SynchronizedField("authors"),
        # Facts every language shares, so facet counts agree: translators cannot override them.
        SynchronizedField("access_modes", overridable=False),
        SynchronizedField("accessibility_features", overridable=False),
        SynchronizedField("accessibility_hazards", overridable=False),
    ]
    # Copied from the source page onto its translations on publish (materials.signals).
    synchronised_taxonomy_fields = (
        "disciplines",
        "resource_languages",
        "diversity_dimensions",
        "strengthens_criteria",
    )
    synchronised_fact_fields = ("access_modes", "accessibility_features", "accessibility_hazards")
    parent_page_types = ["materials.MaterialIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def clean(self):
        super().clean()
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValidationError(
                {"age_max": _("The oldest age cannot be lower than the youngest age.")}
            )
        errors = {
            field: problems
            for field, problems in (
                ("accessibility_features", feature_problems(self.accessibility_features)),
                ("accessibility_hazards", hazard_problems(self.accessibility_hazards)),
            )
            if problems
        }
        if errors:
            raise ValidationError(errors)

    def get_resource_type_display(self) -> str:
        return choice_label(ResourceType, self.resource_type)

    def get_audience_display(self) -> str:
        return choice_label(Audience, self.audience)

    @property
    def keyword_list(self) -> tuple[str, ...]:
        return split_keywords(self.keywords)

    @property
    def age_bands(self):
        return bands_for(self.age_min, self.age_max)

    @classmethod
    def search_index_batch(cls, pages):
        """A context in which these pages' search fields read facts gathered for the whole
        batch (the search backends' bulk writes enter it)."""
        return index_batch(cls, pages)

    def search_disciplines(self) -> list[str]:
        if facts := batch_facts(self):
            return facts.terms["disciplines"]
        return [term.slug for term in self.disciplines.all()]

    def search_age_bands(self) -> list[str]:
        return [band.key for band in self.age_bands]

    def search_resource_languages(self) -> list[str]:
        if facts := batch_facts(self):
            return facts.terms["resource_languages"]
        return [language.code for language in self.resource_languages.all()]

    def search_diversity_dimensions(self) -> list[str]:
        if facts := batch_facts(self):
            return facts.terms["diversity_dimensions"]
        return [term.slug for term in self.diversity_dimensions.all()]

    def search_accessibility_features(self) -> list[str]:
        return filterable_features(self.accessibility_features)

    def search_hazard_free(self) -> list[str]:
        return list(hazard_free(self.accessibility_hazards))

    def search_live_languages(self) -> list[str]:
        """Languages this material is live in, so a search can prefer the visitor's one."""
        if facts := batch_facts(self):
            return facts.live_languages
        return live_languages(MaterialPage, self.translation_key)

    def search_term_labels(self) -> str:
        """The labels of its disciplines, diversity dimensions and resource languages in
        every locale: terms link to the canonical one, labels live on its translations."""
        if facts := batch_facts(self):
            return facts.term_labels
        labels = []
        for field in ("disciplines", "diversity_dimensions", "resource_languages"):
            terms = getattr(self, field)
            keys = [term.translation_key for term in terms.all()]
            if keys:
                labels += terms.model.objects.filter(translation_key__in=keys).values_list(
                    "name", flat=True
                )
        return " ".join(sorted(set(labels)))

    def search_machine_text(self) -> str:
        """Its title and summary machine-translated into the languages it has no human
        translation in, from whichever app provides them (materials.extension_points)."""
        if facts := batch_facts(self):
            return facts.machine_text
        return machine_index_text([self])[self.pk]

    def search_material_published(self):
        """When the material (not this version) was first published: its source-language
        version's date, else its oldest live version's. "Newest" orders materials by it
        in every language and engine."""
        if facts := batch_facts(self):
            return facts.material_published
        versions = list(
            MaterialPage.objects.live()
            .filter(translation_key=self.translation_key)
            .order_by("pk")
            .values_list("locale__language_code", "first_published_at")
        )
        if not versions:
            return self.first_published_at
        return dict(versions).get(settings.LANGUAGE_CODE, versions[0][1])

    def search_used_in_pd(self) -> list[str]:
        """["yes"] when a PD use of the material is recorded (any language version), for the
        "used in PD" filter; saving or deleting a use re-indexes the material (search.signals)."""
        if facts := batch_facts(self):
            return [USED_IN_PD] if facts.used_in_pd else []
        return (
            [USED_IN_PD]
            if PDUse.objects.filter(translation_key=self.translation_key).exists()
            else []
        )

    def search_public(self) -> bool:
        """No view restriction on it or an ancestor: engines that filter in the index
        (Elasticsearch) leave private materials out with it, as `.public()` does."""
        if facts := batch_facts(self):
            return facts.public
        return not PageViewRestriction.objects.filter(
            page__in=self.get_ancestors(inclusive=True)
        ).exists()

    def with_content_json(self, content):
        """The page as a revision stored it, less files whose document no longer exists.

        Deleting a document that only a draft uses is refused in the admin, but a document
        deleted another way (a script, a shell) must not make the edit view fail while it
        loads the draft: the file is left out, the rest of the draft is kept."""
        files = content.get("files")
        if files:
            named = {item.get("document") for item in files if isinstance(item, dict)}
            existing = set(
                CustomDocument.objects.filter(pk__in=[pk for pk in named if pk]).values_list(
                    "pk", flat=True
                )
            )
            if named - existing:
                kept = [item for item in files if item.get("document") in existing]
                content = {**content, "files": kept}
        return super().with_content_json(content)

    @property
    def licence_info(self):
        return LICENCES_BY_KEY.get(self.licence)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(material_page_context(self, request))
        return context

    # Downloads. The routes end in "/" because RoutablePageMixin matches paths with a slash
    # appended; the public URLs have none (".../files/12/guide.pdf"), and reach these routes
    # through downloads/urls.py. The downloads app registers the views behind them
    # (materials.extension_points), so the page owns its URLs and downloads own the serving.

    @path("files/all.zip/", name="download_all")
    def download_all(self, request):
        return registered_view(SERVE_MATERIAL_ARCHIVE)(self, request)

    @path("files/<int:document_id>/<str:filename>/", name="download_file")
    def download_file(self, request, document_id, filename):
        return registered_view(SERVE_MATERIAL_FILE)(self, request, document_id, filename)

    def download_route(self, name, document=None) -> str:
        kwargs = {"document_id": document.pk, "filename": document.filename} if document else {}
        return self.reverse_subpage(name, kwargs=kwargs).rstrip("/")


class MaterialFile(TranslatableMixin, Orderable):
    """A downloadable file of a material; the title is translated, the file is shared."""

    page = ParentalKey(MaterialPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "materials.CustomDocument",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "E.g. 'Teacher guide' or 'Worksheets'. Leave empty to use the document's title."
        ),
    )
    language = models.ForeignKey(
        "materials.ResourceLanguage",
        verbose_name=_("language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        limit_choices_to=source_locale_only,
        related_name="+",
    )

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("language")]
    override_translatable_fields = [
        SynchronizedField("document"),
        SynchronizedField("language"),
    ]

    def clean(self):
        super().clean()
        self.take_document_title()

    def save(self, *args, **kwargs):
        self.take_document_title()
        super().save(*args, **kwargs)

    def take_document_title(self) -> None:
        """An empty title becomes the document's: editors do not type it twice."""
        if not self.title.strip() and self.document_id:
            self.title = self.document.title[:200]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")
        # Files added in code have no sort order; the id keeps their order stable everywhere.
        ordering = ["sort_order", "pk"]


class RelatedMaterial(Orderable):
    page = ParentalKey(MaterialPage, on_delete=models.CASCADE, related_name="related_materials")
    material = models.ForeignKey(
        MaterialPage,
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("material")]

    class Meta(Orderable.Meta):
        verbose_name = _("related material")
