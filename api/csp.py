"""The security headers of site pages: what a page may load and run, and who may frame it.

mkdocs-material writes two small scripts inline into every page (its storage scope,
whose text depends on the page's depth, and a tab helper). Rather than allowing inline
scripts, which would let a script injected through procedure data run, the policy allows
exactly those scripts by hash. The hashes are computed from the theme's own templates
(our overrides first, as mkdocs reads them), rendered for every depth a page of this
site has, so a script that is not the theme's never matches.

    .venv/bin/python -m api.csp [BASE_URL [API_ORIGIN]]   # the header line for nginx (README)
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

ROOT = Path(__file__).resolve().parent.parent
THEME_SCRIPTS = ("partials/javascripts/base.html", "partials/javascripts/content.html")
MAX_DEPTH = 6  # /03127/1.001193/ is depth 2; leave room for deeper pages
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)

# For the API's JSON answers: nothing to load, run or frame.
API_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "cross-origin",
}


def _theme_dirs() -> list[Path]:
    import material

    return [ROOT / "overrides", Path(material.__file__).parent / "templates"]


@lru_cache(maxsize=8)
def theme_script_hashes(site_path: str = "/") -> tuple[str, ...]:
    """CSP hash sources of the theme's inline scripts, on every page depth of a site at `site_path`.

    Pages link the site root relatively (".", "..", "../.."); the 404 page, served at any
    depth, uses the site's path itself ("/").
    """
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in _theme_dirs()]))
    roots = ["."] + ["/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)] + [site_path]
    found: set[str] = set()
    for name in THEME_SCRIPTS:
        template = env.get_template(name)
        for root in roots:
            for features in ([], ["content.tabs.link"]):
                html = template.render(config={"extra": {}}, base_url=root, features=features)
                for body in _INLINE.findall(html):
                    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
                    found.add(f"'sha256-{digest}'")
    return tuple(sorted(found))


def site_policy(api_origin: str = "", site_path: str = "/") -> str:
    """The Content-Security-Policy of a site page (and of the search results page)."""
    connect = "'self'" + (f" {api_origin}" if api_origin else "")
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(theme_script_hashes(site_path)),
        "style-src 'self' 'unsafe-inline'",  # the theme sets style attributes; no script runs from them
        "img-src 'self' data:",
        f"connect-src {connect}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def site_headers(api_origin: str = "", site_path: str = "/") -> dict[str, str]:
    """Every security header a site page carries."""
    return {
        "Content-Security-Policy": site_policy(api_origin, site_path),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
    }


def site_path_of(base_url: str) -> str:
    """The path part of the site's base URL ("https://x.vn/thu-tuc/" -> "/thu-tuc/")."""
    return urlsplit(base_url).path or "/"


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else "/"
    api = sys.argv[2] if len(sys.argv) > 2 else ""  # mkdocs.yml extra.search_api, when on another host
    print(f'add_header Content-Security-Policy "{site_policy(api, site_path_of(base))}" always;')
