"""Multi-row writes of the vendors app (STYLE: services)."""
