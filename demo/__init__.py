"""Demo data for `manage.py seed_demo`: a populated Sentra Oleh-oleh Lampung Utara (SPEC §8)."""
