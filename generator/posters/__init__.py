"""Printable QR posters for each commune: notice board, procedure cards, entrance poster.

The site calls `poster_files(commune, procs)` to link a commune's posters, and the build
calls `write_posters(cat, out, base_url, ...)` to print them into out/<commune>/in/.
"""

from generator.posters.files import PosterFile, poster_files
from generator.posters.qr import PosterError
from generator.posters.write import write_posters

__all__ = ["PosterError", "PosterFile", "poster_files", "write_posters"]
