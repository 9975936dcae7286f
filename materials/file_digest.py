"""The SHA-256 of a stored file, read in chunks.

Wagtail keeps a SHA-1 of each document (`file_hash`) for its own cache headers; the
duplicate check compares documents across partners by SHA-256, so it is computed here once,
on upload or when the file is replaced, and stored on the document.
"""

import hashlib

CHUNK_SIZE = 64 * 1024


def sha256_of(filelike) -> str:
    """The hex SHA-256 of an open file, from its start; the position is put back at 0."""
    digest = hashlib.sha256()
    filelike.seek(0)
    for chunk in iter(lambda: filelike.read(CHUNK_SIZE), b""):
        digest.update(chunk if isinstance(chunk, bytes) else chunk.encode())
    filelike.seek(0)
    return digest.hexdigest()
