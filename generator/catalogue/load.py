"""Load and validate procedures/ once, into the typed Catalogue every output reads.

Read and check everything, then build: one bad file means nothing is published, and
every problem in the catalogue is reported in the same run, compiler style.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.catalogue import model, schema
from generator.site.budget import estimates
from generator.release.checks import MAX_PAGE_BYTES
from generator.text import fold

COMMUNES_FILE = "_communes.yml"
SYNONYMS_FILE = "_synonyms.yml"
NATIONAL_LIST_FILE = "_national_list.yml"
FIELD_ORDER_FILE = "_poster_order.yml"


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
    field_order = _load_field_order(root / FIELD_ORDER_FILE, problems)
    procedures = [p for p in (_load_procedure(f, problems) for f in proc_files) if p]
    if communes:
        _check_links(procedures, {c.code for c in communes.communes}, problems)
        listed = national_list.fields if national_list else ()
        known = {p.field for p in procedures} | {name for name, _ in listed}
        _check_field_order(field_order, root / FIELD_ORDER_FILE, known,
                           {c.code for c in communes.communes}, problems)
    if synonyms and not problems:
        _check_synonyms(root / SYNONYMS_FILE, synonyms, procedures, problems)
    files = (len(proc_files) + 1 + (root / SYNONYMS_FILE).exists() + (root / NATIONAL_LIST_FILE).exists()
             + (root / FIELD_ORDER_FILE).exists())
    if problems or communes is None:
        raise CatalogueError(problems, files)
    cat = model.Catalogue(
        province=communes.province,
        communes_source=communes.source,
        communes=communes.communes,
        procedures=tuple(sorted(procedures, key=lambda p: p.code)),
        synonyms=synonyms,
        national_list=national_list,
        field_order=field_order,
    )
    problems = _check_page_sizes(cat, root)
    if problems:
        raise CatalogueError(problems, files)
    return cat


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


# The largest real procedure file is about 32 kB; a page holds about 120 kB of text.
MAX_FILE_BYTES = 1_000_000
# Procedure files nest four levels deep; anything much deeper is not one of them.
MAX_DEPTH = 12
# libyaml parses about ten times faster; the pure-Python parser words syntax errors better.
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, shape: schema.Mapping, problems: list[Problem]) -> dict | None:
    """Parse and check one YAML file; None (with problems recorded) if it is not usable.

    Refused before anything is built from the text: files over MAX_FILE_BYTES, control and
    bidi characters, anchors and aliases (a 456-byte file of nested aliases expands to
    gigabytes; `&a [*a]` to a loop), nesting deeper than MAX_DEPTH. Refused after: keys
    given twice (YAML would silently keep the last)."""
    report = _Collector(path, problems)
    before = len(problems)
    text = _read_text(path, problems)
    if text is None:
        return None
    for line_no, line in enumerate(text.splitlines(), 1):
        for bad in schema.FORBIDDEN.finditer(line):
            problems.append(Problem(path, f"{schema.forbidden_character(bad.group())} không được phép "
                                          f"(cột {bad.start() + 1})", line_no))
    if len(problems) > before:
        return None
    try:
        refused = _refused_features(text)
        if refused:
            problems.append(Problem(path, refused[0], refused[1]))
            return None
        node = yaml.compose(text, Loader=_FAST)
    except yaml.YAMLError as exc:
        problems.append(_syntax_error(path, text, exc))
        return None
    if node is not None:
        _walk_nodes(node, (), report)
    if len(problems) > before:
        return None
    data = yaml.SafeLoader("").construct_document(node) if node is not None else None
    schema.check(data, shape, (), report)
    return data if len(problems) == before else None


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(path, f"tệp {size} byte, lớn hơn giới hạn {MAX_FILE_BYTES} byte"))
            return None
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        problems.append(Problem(path, "không tìm thấy tệp"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, f"tệp không phải UTF-8 (byte {exc.start})"))
    return None


def _refused_features(text: str) -> tuple[str, int] | None:
    """The first anchor, alias or over-deep nesting, read from the event stream (which is
    linear in the text) before any node is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return ("YAML: không dùng neo và bí danh ('&tên', '*tên'); tệp thủ tục không cần chúng "
                    "và chúng có thể nhân một tệp nhỏ thành hàng GB"), line
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return f"YAML lồng quá sâu (hơn {MAX_DEPTH} cấp)", line
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _syntax_error(path: Path, text: str, found: yaml.YAMLError) -> Problem:
    """The syntax error as the pure-Python parser words it (clearer than libyaml's), or
    as libyaml did where the pure parser cannot go (it recurses on deep nesting)."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        found = exc
    except RecursionError:
        pass
    mark = getattr(found, "problem_mark", None)
    what = getattr(found, "problem", None) or str(found)
    return Problem(path, f"lỗi cú pháp YAML: {what}", mark.line + 1 if mark else None)


def _walk_nodes(node: yaml.Node, at: tuple, report: _Collector) -> None:
    """Record each value's line, and report keys given twice or YAML merge keys."""
    report.lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name == "<<" and key.tag == "tag:yaml.org,2002:merge":
                report.problems.append(Problem(report.path, "YAML: không dùng khóa gộp '<<'", line))
                continue
            if name in seen:
                report.problems.append(Problem(report.path, f"khóa '{name}' lặp lại (lần đầu ở dòng {seen[name]}); "
                                                            "YAML sẽ lặng lẽ bỏ giá trị trước", line))
                continue
            if name is not None:
                seen[name] = line
            _walk_nodes(value, at + (name,), report)
            report.lines[at + (name,)] = line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk_nodes(item, at + (i,), report)


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
    _check_fields(procs, problems)


def _check_fields(procs: list[model.Procedure], problems: list[Problem]) -> None:
    """Each field (lĩnh vực) gets a page at /linh-vuc/<slug>/: the slug must exist and name
    one field only, or one field's page would replace another's (or the list of fields)."""
    names: dict[str, str] = {}
    for proc in procs:
        slug = proc.field_slug
        if not slug:
            problems.append(Problem(proc.path, f"'field': '{proc.field}' không có chữ hoặc số nào để làm địa chỉ trang"))
        elif names.setdefault(slug, proc.field) != proc.field:
            problems.append(Problem(proc.path, f"'field': '{proc.field}' và '{names[slug]}' cùng địa chỉ trang "
                                               f"/linh-vuc/{slug}/: hãy viết tên lĩnh vực giống nhau"))


def _check_page_sizes(cat: model.Catalogue, root: Path) -> list[Problem]:
    """Pages the build would refuse as too heavy for a phone (checks.MAX_PAGE_BYTES),
    found now from their Markdown rather than after minutes of building."""
    return [Problem(e.path or root, f"trang {e.url_path} sẽ nặng khoảng {e.bytes} byte, quá ngân sách "
                                    f"{MAX_PAGE_BYTES} byte của một trang: "
                                    + ("rút gọn văn bản của thủ tục" if e.path else "danh sách quá dài"))
            for e in estimates(cat) if e.bytes > MAX_PAGE_BYTES]


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


def _load_field_order(path: Path, problems: list[Problem]) -> model.FieldOrder:
    if not path.exists():
        return model.FieldOrder()
    data = read_yaml(path, schema.FIELD_ORDER_FILE, problems)
    if data is None:
        return model.FieldOrder()
    return model.FieldOrder(tuple(data["fields"]),
                            tuple((item["commune"], tuple(item["fields"])) for item in data.get("communes", ())))


def _check_field_order(order: model.FieldOrder, path: Path, known: set[str], communes: set[str],
                       problems: list[Problem]) -> None:
    """A name that is no field of the catalogue nor of the national list is a typo: a board
    would silently put that field last instead of first."""
    lists = [("fields", order.fields)]
    seen: set[str] = set()
    for i, (code, fields) in enumerate(order.communes):
        where = f"communes[{i + 1}]"
        if code not in communes:
            problems.append(Problem(path, f"'{where}.commune': không có xã/phường mã '{code}' trong {COMMUNES_FILE}"))
        elif code in seen:
            problems.append(Problem(path, f"'{where}.commune': xã/phường '{code}' đã có thứ tự riêng ở trên"))
        seen.add(code)
        lists.append((f"{where}.fields", fields))
    for where, fields in lists:
        for i, name in enumerate(fields):
            if name in fields[:i]:
                problems.append(Problem(path, f"'{where}[{i + 1}]': lĩnh vực '{name}' đã có ở trên"))
            elif name not in known:
                hint = difflib.get_close_matches(name, sorted(known), n=1)
                also = f" (có phải '{hint[0]}'?)" if hint else ""
                problems.append(Problem(path, f"'{where}[{i + 1}]': không có lĩnh vực '{name}' trong danh mục "
                                              f"hay danh sách quốc gia{also}"))
