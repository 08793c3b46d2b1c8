"""Every URL niemyet publishes is made here, from stable codes, never from titles.

Posters print these URLs on paper that stays on a wall for years, so a path is built
only from the commune's official code and the national procedure code, which survive
renames. Site pages, posters, the search index and the ledger all call these functions.
"""

from __future__ import annotations

from urllib.parse import urlsplit

POSTER_DIR = "in"  # "in" is Vietnamese for "print": /03127/in/ holds a commune's posters
COMMUNES = "/xa/"
FIELDS = "/linh-vuc/"
OPEN_DATA = "/du-lieu/"
SEARCH_DIR = "tim-kiem"  # "tìm kiếm": search


def commune_path(commune: str) -> str:
    """Path of a commune's page: /03127/."""
    return f"/{commune}/"


def procedure_path(commune: str, code: str) -> str:
    """Path of a procedure as delivered by one commune: /03127/1.001193/."""
    return f"/{commune}/{code}/"


def national_path(code: str) -> str:
    """Path of a procedure's province-wide page: /tthc/1.001193/."""
    return f"/tthc/{code}/"


def field_path(slug: str) -> str:
    """Path of a field's page: /linh-vuc/ho-tich/."""
    return f"{FIELDS}{slug}/"


def prints_path(commune: str) -> str:
    """Path of the page listing every printable file of a commune: /03127/in/."""
    return f"/{commune}/{POSTER_DIR}/"


def poster_path(commune: str, filename: str) -> str:
    """Path of one printable file of a commune: /03127/in/bang-niem-yet-a4.pdf."""
    return f"/{commune}/{POSTER_DIR}/{filename}"


def search_page_path() -> str:
    """Path of the search page, where the search form submits without JavaScript: /tim-kiem/."""
    return f"/{SEARCH_DIR}/"


def search_path(commune: str) -> str:
    """Path of the search page, scoped to one commune: /tim-kiem/?xa=03127.

    Posters print it, so the parameter is the short Vietnamese word a person can type;
    the search page also accepts `commune=`, which its own form submits."""
    return f"{search_page_path()}?xa={commune}"


def offline_index_path(commune: str | None = None) -> str:
    """Path of the offline search file of a commune (/03127/tim-kiem.json) or of the province."""
    return f"/{commune}/{SEARCH_DIR}.json" if commune else f"/{SEARCH_DIR}.json"


def absolute(base_url: str, path: str) -> str:
    """Join the configured site origin and a path made above."""
    return base_url.rstrip("/") + path


def typed(url: str) -> str:
    """An absolute URL as printed for a person to type: without the https:// in front."""
    return url.split("://", 1)[-1]


def is_local(base_url: str) -> bool:
    """True when `base_url` points at this machine, where no resident's phone can reach."""
    host = (urlsplit(base_url).hostname or "").lower()
    return host in ("localhost", "0.0.0.0", "::1") or host.startswith("127.")
