"""Multi-row writes of the catalog app (STYLE: services)."""
