"""Local development: embedded SQLite, DEBUG on, a throwaway secret key."""

from repo_site.settings.base import *  # noqa: F403
from repo_site.settings.environment import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-secret-key-not-for-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Offline machine translation of the demo's material metadata (recorded translations), unless
# DeepL is configured (base settings).
if not DEEPL_API_KEY:  # noqa: F405
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "demo.recorded_translator.RecordedTranslator"}
