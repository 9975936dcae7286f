"""Uploads waiting between preview and confirmation, kept server-side and checked.

The browser sends back only a token and the SHA-256 it was shown; the file itself never
leaves the server, so what is confirmed is byte for byte what was previewed. Tokens belong
to the user who uploaded and expire, and old uploads are cleared on each new one.
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from curation.models import PendingImport

LIFETIME = timedelta(hours=1)


class UploadRefused(Exception):
    """The confirmation does not match a previewed upload; the message is for the editor."""


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def keep(content: bytes, filename: str, user) -> PendingImport:
    PendingImport.objects.filter(uploaded_at__lt=timezone.now() - LIFETIME).delete()
    return PendingImport.objects.create(
        token=secrets.token_urlsafe(32),
        sha256=sha256_of(content),
        filename=filename[:255],
        content=content,
        uploaded_by=user,
    )


def take(token: str, sha256: str, user) -> PendingImport:
    """The upload a confirmation names, if it is this user's, unexpired and unchanged."""
    pending = PendingImport.objects.filter(token=token or "", uploaded_by=user).first()
    if pending is None:
        raise UploadRefused(
            _("This import is unknown or was already confirmed. Upload the file again.")
        )
    if pending.uploaded_at < timezone.now() - LIFETIME:
        pending.delete()
        raise UploadRefused(_("This preview has expired. Upload the file again."))
    content = bytes(pending.content)
    if sha256 != pending.sha256 or sha256_of(content) != pending.sha256:
        raise UploadRefused(
            _("The file does not match the one you previewed. Upload the file again.")
        )
    return pending
