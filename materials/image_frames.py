"""The pixel limit of an image upload counts every animation frame.

Wagtail multiplies width × height by the frame count Willow reports, but Willow's Pillow
plugin reports one frame for every image, so a 30-frame GIF of 1500 × 1500 (67.5 million
pixels to decode for each rendition) passed a 40 million pixel limit. Pillow itself knows
the frame count; `ImageForm` asks it.
"""

from PIL import Image as PILImage

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm

TOO_MANY_PIXELS = _(
    "This animation has too many pixels: %(frames)s frames of %(width)s × %(height)s make "
    "%(total)s pixels. The maximum is %(maximum)s; use fewer or smaller frames."
)


def pixel_count(uploaded) -> tuple[int, int, int]:
    """(frames, width, height) of an uploaded image file, read from its header and frame
    table without decoding the pixels."""
    position = uploaded.tell()
    try:
        uploaded.seek(0)
        with PILImage.open(uploaded) as image:
            return getattr(image, "n_frames", 1), image.width, image.height
    finally:
        uploaded.seek(position)


class ImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        maximum = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
        if not uploaded or not maximum or not hasattr(uploaded, "seek"):
            return uploaded
        try:
            frames, width, height = pixel_count(uploaded)
        except (OSError, ValueError, PILImage.DecompressionBombError):
            return uploaded  # the file field has already said what is wrong with it
        if frames > 1 and frames * width * height > maximum:
            raise forms.ValidationError(
                TOO_MANY_PIXELS,
                code="file_too_many_pixels",
                params={
                    "frames": frames,
                    "width": width,
                    "height": height,
                    "total": frames * width * height,
                    "maximum": maximum,
                },
            )
        return uploaded
