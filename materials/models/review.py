"""Reviews of materials and of PD-centre models, rated against the quality criteria."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from materials.blocks import PARAGRAPH_FEATURES
from materials.localization import localize_groups
from materials.models.choices import ReviewKind
from materials.models.fallback import SourceFallbackRoutingMixin, in_language_or_source
from materials.models.listing import ListingPageMixin
from materials.models.taxonomy import QualityCriterion, source_locale_only

SCORE_CHOICES = [(score, str(score)) for score in range(1, 6)]


class ReviewIndexPage(SourceFallbackRoutingMixin, ListingPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["materials.HomePage"]
    subpage_types = ["materials.ReviewPage"]
    max_count_per_parent = 1
    # Created as a draft in every partner language's tree (translation.trees).
    part_of_language_tree = True

    class Meta:
        verbose_name = _("review index page")

    def listing_queryset(self):
        return (
            in_language_or_source(ReviewPage, self)
            .annotate(average_rating=Avg("ratings__score"))
            .order_by("title", "pk")
        )


class ReviewPage(Page):
    kind = models.CharField(_("kind"), max_length=32, choices=ReviewKind.choices)
    reviewer = models.CharField(
        _("reviewer"), max_length=200, help_text=_("Name and institution of the reviewer.")
    )
    verdict = models.TextField(_("verdict"), help_text=_("One or two sentences."))
    body = RichTextField(_("review"), features=["h3", *PARAGRAPH_FEATURES])

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("reviewer"),
        InlinePanel("reviewed_materials", label=_("Reviewed material")),
        InlinePanel(
            "ratings",
            label=_("Rating"),
            heading=_("Ratings per quality criterion"),
            help_text=_("Rate each criterion from 1 (weak) to 5 (exemplary), with a comment."),
        ),
        FieldPanel("verdict"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("verdict"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    override_translatable_fields = [SynchronizedField("reviewer")]
    parent_page_types = ["materials.ReviewIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The number of criteria rides along on the ratings' query (no query of its own).
        ratings = list(
            self.ratings.select_related("criterion").annotate(criteria_total=criteria_total())
        )
        materials = [
            link.material
            for link in self.reviewed_materials.select_related("material")
            if link.material.live
        ]
        localized = localize_groups(
            {"criteria": [rating.criterion for rating in ratings], "materials": materials}
        )
        context["ratings"] = list(zip(ratings, localized["criteria"], strict=True))
        context["reviewed_materials"] = localized["materials"]
        scores = [rating.score for rating in ratings]
        context["average_rating"] = sum(scores) / len(scores) if scores else None
        context["rated_criteria"] = len({rating.criterion_id for rating in ratings})
        context["criteria_total"] = ratings[0].criteria_total if ratings else 0
        return context

    def criteria_coverage(self) -> tuple[int, int]:
        """(criteria this review rates, criteria that exist), for the editor's warning.
        Reads the ratings as held on the instance, so an unsaved form's count too."""
        rated = {rating.criterion_id for rating in self.ratings.all() if rating.criterion_id}
        total = QualityCriterion.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        return len(rated), total.count()


def criteria_total() -> Subquery:
    """How many quality criteria exist (source-language terms), as a subquery: an average
    reads "on n of m criteria" without a query of its own."""
    return Subquery(
        QualityCriterion.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by()
        .values("locale")
        .annotate(total=Count("pk"))
        .values("total")[:1]
    )


def rated_criteria() -> Subquery:
    """How many distinct criteria the review in the outer query (OuterRef "pk") rates."""
    return Subquery(
        ReviewRating.objects.filter(page=OuterRef("pk"))
        .order_by()
        .values("page")
        .annotate(rated=Count("criterion", distinct=True))
        .values("rated")[:1]
    )


class ReviewedMaterial(Orderable):
    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="reviewed_materials")
    material = models.ForeignKey(
        "materials.MaterialPage",
        verbose_name=_("material"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("material")]

    class Meta(Orderable.Meta):
        verbose_name = _("reviewed material")


class ReviewRating(TranslatableMixin, Orderable):
    page = ParentalKey(ReviewPage, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(
        "materials.QualityCriterion",
        verbose_name=_("quality criterion"),
        on_delete=models.PROTECT,
        limit_choices_to=source_locale_only,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        choices=SCORE_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True)

    panels = [FieldPanel("criterion"), FieldPanel("score"), FieldPanel("comment")]
    override_translatable_fields = [SynchronizedField("criterion"), SynchronizedField("score")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="review_score_1_to_5"
            )
        ]
