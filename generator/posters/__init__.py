"""Printable QR posters for each commune: notice board, procedure cards, entrance poster."""
