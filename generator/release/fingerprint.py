"""mkdocs hook (mkdocs.yml `hooks:`): the site's own assets get a name that changes with their
content, and the theme's assets that no page loads are left out of the site.

A name that changes with the content lets a server tell browsers to keep the file for a
year (`Cache-Control: immutable`): a phone on a slow link fetches the stylesheet and scripts
once, and a new build still reaches it at once, under new names. Templates find the names
in `config.extra.assets` ({"niemyet.css": "assets/niemyet.1a2b3c4d.css", ...}).

Every shard runs this on the same docs/assets files, so all shards agree on the names; the
theme stamp (generator/release/render.py) already rebuilds every page when an asset changes.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

ASSETS = "assets/"
HASHED_SUFFIXES = (".css", ".js", ".svg")
# mkdocs-material's own stylesheets, scripts, search worker and images: our templates
# (overrides/main.html) load none of them.
THEME_ONLY = ("assets/stylesheets/", "assets/javascripts/", "assets/images/")
FINGERPRINT = re.compile(r"\.[0-9a-f]{10}\.[a-z]+$")


def fingerprinted(path: str, content: bytes) -> str:
    """assets/niemyet.css -> assets/niemyet.<10 hex digits of its SHA-256>.css"""
    stem, ext = posixpath.splitext(path)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}{ext}"


def is_fingerprinted(path: str) -> bool:
    """Whether a site path names a file whose content can never change (see `fingerprinted`)."""
    return bool(FINGERPRINT.search(path))


def on_files(files, config):
    """Rename docs/assets/*.css|js|svg to their fingerprinted names; drop unused theme assets."""
    names = {}
    for file in list(files):
        if file.is_documentation_page():
            continue
        if file.src_uri.startswith(THEME_ONLY) and file.src_dir != config.docs_dir:
            files.remove(file)
        elif file.src_uri.startswith(ASSETS) and file.src_uri.endswith(HASHED_SUFFIXES):
            target = fingerprinted(file.src_uri, file.content_bytes)
            file.dest_uri = target
            for cached in ("url", "abs_dest_path"):
                file.__dict__.pop(cached, None)
            names[file.src_uri.removeprefix(ASSETS)] = target
    config.extra["assets"] = names
    return files
