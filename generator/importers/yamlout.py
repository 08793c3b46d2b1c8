"""Write procedure files that a clerk can read and edit: block style for long text."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """SafeDumper that keeps multi-line text as readable `|` blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        # Tabs and trailing spaces force YAML's quoted style; in these texts they carry no meaning.
        value = "\n".join(line.replace("\t", " ").rstrip() for line in value.strip().splitlines())
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def dump_yaml(data: dict[str, Any], header: str = "") -> str:
    """Render `data` as YAML in the layout procedures/ files use, keys in the given order."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body
