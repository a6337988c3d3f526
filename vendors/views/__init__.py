"""Views of the vendors app."""
