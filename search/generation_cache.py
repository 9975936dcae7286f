"""Per-process caches that live exactly as long as one search generation."""

import threading
import uuid
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class PerGeneration(Generic[T]):
    """Build a value once per generation token; concurrent requests share one build."""

    def __init__(self, builder: Callable[[uuid.UUID], T]):
        self._builder = builder
        self._lock = threading.Lock()
        self._token: uuid.UUID | None = None
        self._value: T | None = None

    def get(self, token: uuid.UUID) -> T:
        if self._token == token:
            return cast(T, self._value)
        with self._lock:
            if self._token != token:
                self._value = self._builder(token)
                self._token = token
            return cast(T, self._value)
