"""Writes of the buyers app, each in one transaction with its audit row; emails sent on commit."""
