"""Printable QR posters for each commune: notice board, procedure cards, entrance poster.

The site calls `poster_files(commune, procs)` to link a commune's posters, and the build
calls `write_posters(cat, out, base_url, ...)` to print them into out/<commune>/in/;
`printed_urls(cat, base_url)` lists what the codes point at, for the ledger.
"""

from generator.posters.files import PosterFile, poster_files, printed_urls
from generator.posters.qr import PosterError
from generator.posters.write import write_posters

__all__ = ["PosterError", "PosterFile", "poster_files", "printed_urls", "write_posters"]
