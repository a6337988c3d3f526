from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data (manage.py seed_demo): builds rows through the domain apps' models and services."""

    name = "demo"
    verbose_name = "Demo"
