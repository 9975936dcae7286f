"""Admin form for documents: one clear reason when an upload is refused."""

from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    def _post_clean(self):
        # When the file field has already refused the upload (too big, say), the model's
        # extension validator then runs on an empty file name and adds a misleading
        # 'File extension "" is not allowed'. Keep only the field's own reason.
        earlier = list(self.errors.get("file", []))
        super()._post_clean()
        if earlier:
            self.errors["file"] = self.error_class(earlier)
