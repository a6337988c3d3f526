"""Sentra's benchmark: a large data set on PostgreSQL, in-process timings, gunicorn + wrk (see README.md)."""
