"""Load and validate procedures/ once, into the typed Catalogue every output reads.

Read and check everything, then build: one bad file means nothing is published, and
every problem in the catalogue is reported in the same run, compiler style.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import model, schema
from generator.text import fold

COMMUNES_FILE = "_communes.yml"
SYNONYMS_FILE = "_synonyms.yml"
NATIONAL_LIST_FILE = "_national_list.yml"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, located as precisely as the file allows."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class CatalogueError(Exception):
    """Every problem found in a catalogue; raised once, after all files were read."""

    def __init__(self, problems: list[Problem], files: int) -> None:
        self.problems = problems
        self.files = files
        super().__init__(self.summary())

    def summary(self) -> str:
        """One line: how many problems, in how many files."""
        bad = len({p.path for p in self.problems})
        return f"{len(self.problems)} lỗi trong {bad} trên {self.files} tệp; không có gì được ghi."


class _Collector:
    """Gathers problems for one file, turning value paths into line numbers."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.lines: dict[tuple, int] = {}

    def __call__(self, at: tuple, message: str) -> None:
        line = None
        for cut in range(len(at), -1, -1):
            line = self.lines.get(at[:cut])
            if line:
                break
        self.problems.append(Problem(self.path, message, line))


def load_catalogue(root: Path) -> model.Catalogue:
    """Load every file under `root`; raise CatalogueError listing all problems found."""
    root = Path(root)
    problems: list[Problem] = []
    proc_files = procedure_files(root)
    communes = _load_communes(root / COMMUNES_FILE, problems)
    synonyms = _load_synonyms(root / SYNONYMS_FILE, problems)
    national_list = _load_national_list(root / NATIONAL_LIST_FILE, problems)
    procedures = [p for p in (_load_procedure(f, problems) for f in proc_files) if p]
    if communes:
        _check_links(procedures, {c.code for c in communes.communes}, problems)
    if synonyms and not problems:
        _check_synonyms(root / SYNONYMS_FILE, synonyms, procedures, problems)
    files = len(proc_files) + 1 + (root / SYNONYMS_FILE).exists() + (root / NATIONAL_LIST_FILE).exists()
    if problems or communes is None:
        raise CatalogueError(problems, files)
    return model.Catalogue(
        province=communes.province,
        communes_source=communes.source,
        communes=communes.communes,
        procedures=tuple(sorted(procedures, key=lambda p: p.code)),
        synonyms=synonyms,
        national_list=national_list,
    )


def procedure_files(root: Path) -> list[Path]:
    """Procedure files: any *.yml under `root`, except names or folders starting with "_"."""
    return sorted(p for p in Path(root).rglob("*.yml")
                  if not any(part.startswith(("_", ".")) for part in p.relative_to(root).parts))


def fix_nfc(root: Path) -> list[Path]:
    """Rewrite files whose text is not NFC (typed on some keyboards); return those changed."""
    changed = []
    for path in [*procedure_files(root), *Path(root).glob("_*.yml")]:
        text = path.read_text(encoding="utf-8")
        if unicodedata.normalize("NFC", text) != text:
            path.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
            changed.append(path)
    return changed


def read_yaml(path: Path, shape: schema.Mapping, problems: list[Problem]) -> dict | None:
    """Parse and check one YAML file; None (with problems recorded) if it is not usable."""
    report = _Collector(path, problems)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(path, "không tìm thấy tệp"))
        return None
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, f"tệp không phải UTF-8 (byte {exc.start})"))
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        problems.append(Problem(path, f"lỗi cú pháp YAML: {what}", mark.line + 1 if mark else None))
        return None
    if node is not None:
        _record_lines(node, (), report.lines)
    before = len(problems)
    schema.check(data, shape, (), report)
    return data if len(problems) == before else None


def _record_lines(node: yaml.Node, at: tuple, lines: dict[tuple, int]) -> None:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[at + (key.value,)] = key.start_mark.line + 1
            _record_lines(value, at + (key.value,), lines)
            lines[at + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, at + (i,), lines)


def _load_procedure(path: Path, problems: list[Problem]) -> model.Procedure | None:
    data = read_yaml(path, schema.PROCEDURE, problems)
    if data is None:
        return None
    if data["code"] != path.stem:
        problems.append(Problem(path, f"'code': mã '{data['code']}' không khớp tên tệp '{path.name}'"))
        return None
    return _procedure(data, path)


def _procedure(data: dict[str, Any], path: Path) -> model.Procedure:
    src = data["source"]
    withdrawn = data.get("withdrawn")
    return model.Procedure(
        code=data["code"],
        name=data["name"],
        level=data["level"],
        field=data["field"],
        agency=data.get("agency"),
        source=model.Source(**src),
        path=path,
        authority=data.get("authority"),
        applicants=tuple(data.get("applicants", ())),
        steps=tuple(data.get("steps", ())),
        channels=tuple(model.Channel(**c) for c in data.get("channels", ())),
        cases=tuple(model.Case(**c) for c in data.get("cases", ())),
        documents=tuple(model.Document(**d) for d in data.get("documents", ())),
        results=tuple(data.get("results", ())),
        legal_basis=tuple(model.LegalBasis(**b) for b in data.get("legal_basis", ())),
        conditions=data.get("conditions"),
        online_service=data.get("online_service"),
        online_level=data.get("online_level"),
        keywords=tuple(data.get("keywords", ())),
        communes=tuple(data["communes"]) if "communes" in data else None,
        local=tuple(model.LocalService(**item) for item in data.get("local", ())),
        replaced_by=data.get("replaced_by"),
        withdrawn=model.Withdrawal(**withdrawn) if withdrawn else None,
        sample=data.get("sample", False),
    )


def _check_links(procs: list[model.Procedure], communes: set[str], problems: list[Problem]) -> None:
    """Check what one file says about others: unique codes, known communes and successors."""
    seen: dict[str, Path] = {}
    codes = {p.code for p in procs}
    for proc in procs:
        if proc.code in seen:
            problems.append(Problem(proc.path, f"'code': mã thủ tục '{proc.code}' trùng với {seen[proc.code]}"))
        seen.setdefault(proc.code, proc.path)
        named = [("communes", c) for c in proc.communes or ()]
        named += [("local", item.commune) for item in proc.local]
        for where, code in named:
            if code not in communes:
                problems.append(Problem(proc.path, f"'{where}': không có xã/phường mã '{code}' trong {COMMUNES_FILE}"))
        if proc.replaced_by and proc.replaced_by not in codes:
            problems.append(Problem(proc.path, f"'replaced_by': không có thủ tục mã '{proc.replaced_by}'"))


def _load_communes(path: Path, problems: list[Problem]) -> model.CommuneSet | None:
    data = read_yaml(path, schema.COMMUNES_FILE, problems)
    if data is None:
        return None
    communes = []
    for item in data["communes"]:
        communes.append(model.Commune(
            code=item["code"],
            name=item["name"],
            kind=item["kind"],
            former=tuple(model.FormerUnit(**f) for f in item.get("former", ())),
            agency_code=item.get("agency_code"),
            military_agency_code=item.get("military_agency_code"),
            office=model.Office(**item.get("office", {})),
        ))
    codes = [c.code for c in communes]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Problem(path, f"mã xã/phường '{code}' xuất hiện nhiều lần"))
    return model.CommuneSet(data["province"], data["source"], tuple(communes))


def _load_synonyms(path: Path, problems: list[Problem]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not path.exists():
        return ()
    data = read_yaml(path, schema.SYNONYMS_FILE, problems)
    if data is None or _flow_lists(path, problems):
        return ()
    return tuple((word, tuple(entry["means"])) for entry in data["synonyms"] for word in entry["words"])


def _flow_lists(path: Path, problems: list[Problem]) -> bool:
    """Refuse "[a, b]" lists in the synonyms file: a comma inside a phrase ("nhận cha, mẹ,
    con") would silently cut it into three phrases."""
    found = False
    stack = [yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.SequenceNode) and node.flow_style:
            problems.append(Problem(path, "danh sách dạng [a, b] cắt cụm từ tại dấu phẩy; viết mỗi cụm từ "
                                          "trên một dòng riêng bắt đầu bằng '- '", node.start_mark.line + 1))
            found = True
        if isinstance(node, yaml.MappingNode):
            stack += reversed([value for _, value in node.value])
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return found


def _check_synonyms(path: Path, synonyms: tuple[tuple[str, tuple[str, ...]], ...],
                    procedures: list[model.Procedure], problems: list[Problem]) -> None:
    """Every phrase a synonym leads to must be in some procedure's name: a synonym that
    matches nothing sends residents to an empty answer."""
    names = [fold(p.name) for p in procedures]
    for phrase in sorted({m for _, means in synonyms for m in means}):
        if not any(fold(phrase) in name for name in names):
            problems.append(Problem(path, f"'means': cụm từ '{phrase}' không khớp tên thủ tục nào"))


def _load_national_list(path: Path, problems: list[Problem]) -> model.NationalList | None:
    if not path.exists():
        return None
    data = read_yaml(path, schema.REFERENCE_FILE, problems)
    if data is None:
        return None
    fields = tuple((f["name"], tuple(f["codes"])) for f in data["fields"])
    return model.NationalList(data["source"], data.get("exported"), fields)
