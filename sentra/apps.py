from django.apps import AppConfig


class SentraConfig(AppConfig):
    """Site-wide pieces: settings helpers, middleware, template tags, mail queue, system checks."""

    name = "sentra"
    verbose_name = "Sentra"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
