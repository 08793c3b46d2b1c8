"""Read a procedure as the 2026 National Public Service Portal API returns it.

Shape: see shared/data/RECORD_SCHEMA.md. Two traps are handled here. A channel's time
limit may be "OTHER", with the real limits only per service variant in
`cases[].processingDay`; we then print each variant's limit and say which variant it is.
And a fee's numeric value 0 often sits beside a text saying the province sets the fee:
the text is what was published, so the text is what we keep.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.importers.cleaning import (
    clean_group, clean_item, clean_text, day_from_millis, money_text, number_text, unique,
)
from generator.importers.records import Imported, Skipped
from generator.schema import is_url
from generator.text import fold

NATIONAL_PAGE = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
MODES = {"DIRECT": "in_person", "ONLINE": "online", "POSTAL": "post"}
UNITS = {
    "WORKING_DAY": "ngày làm việc",
    "DAY": "ngày",
    "WORKING_HOUR": "giờ làm việc",
    "HOUR": "giờ",
    "MINUTE": "phút",
    "WEEK": "tuần",
    "MONTH": "tháng",
    "YEAR": "năm",
}
ORIGIN = "dữ liệu API 2026"
# The public mirror the shared excerpts come from (their "_source" notes name it).
MIRROR_REPO = "github.com/ChippedTopaz/am-sieu-toc-data"


def procedure_from_api(detail: dict[str, Any], document: str, checked: date) -> Imported | Skipped:
    """Map one API detail record; `document` names the file it was read from."""
    code = clean_text(detail.get("codeNotation") or detail.get("code")) or document
    if not detail.get("isWard"):
        return Skipped(code, document, "không thực hiện ở cấp xã (isWard khác true)")
    # A missing name, field or agency is not fatal here: another source of the same code
    # may give it, and the writer skips a procedure still lacking a required field.
    name = clean_text(detail.get("name"))
    # Some records name the implementing body only as a group ("Ủy ban nhân dân cấp xã").
    agency = (clean_text(detail.get("executingAgencies")) or _names(detail.get("departmentsExecuting"))
              or _names(detail.get("unitGroupsExecuting")))
    field = _names(detail.get("categoriesDetails"))
    facts = {
        "code": code,
        "name": name,
        "level": "commune",
        "field": field,
        "agency": agency,
        "authority": (_names(detail.get("departmentsAuthority")) or clean_text(detail.get("delegatedAgencies"))
                      or _names(detail.get("unitGroupsAuthority"))),
        "applicants": _name_list(detail.get("subjectTypesDetails")),
        "steps": [s for s in (_step(item) for item in detail.get("executionSteps") or ()) if s],
        "channels": _channels(detail, name),
        "documents": _documents(detail),
        "results": _name_list(detail.get("resultsDetails")),
        "legal_basis": _legal_basis(detail.get("legalBasisesDetails")),
        "conditions": clean_text(detail.get("requirementsAndConditions")),
    }
    source = {
        "title": f"Cổng Dịch vụ công quốc gia, thủ tục {code} ({ORIGIN})",
        "url": NATIONAL_PAGE.format(code=code),
        "decision": _decision(detail),
        "document": document,
        "checked": checked,
    }
    return Imported(code, facts, source, ORIGIN)


def _names(items: Any) -> str | None:
    names = _name_list(items)
    return ", ".join(names) if names else None


def _name_list(items: Any) -> list[str]:
    return unique([n for n in (clean_text(i.get("name")) for i in items or () if isinstance(i, dict)) if n])


def _step(item: dict[str, Any]) -> str | None:
    title, text = clean_text(item.get("name")), clean_text(item.get("description"))
    if title and text and fold(title) not in fold(text):
        return f"{title}: {text}"
    return text or title


def _channels(detail: dict[str, Any], name: str) -> list[dict[str, Any]]:
    channels = []
    for method in detail.get("executionMethods") or ():
        mode = MODES.get(method.get("submissionMethod"))
        if not mode:
            continue
        channels.append({
            "mode": mode,
            "time_limit": _time_limit(method, detail.get("cases") or (), name),
            "fee": _fee(method.get("fees") or ()),
            "note": clean_text(method.get("description")),
        })
    return channels


def _time_limit(method: dict[str, Any], cases: Any, name: str) -> str | None:
    unit = method.get("processingTimeUnit")
    if unit == "OTHER":
        return _per_case_limit(cases, name)
    return _limit(method.get("processingTime"), unit)


def _limit(qty: Any, unit: Any) -> str | None:
    if not isinstance(qty, (int, float)) or isinstance(qty, bool) or unit not in UNITS:
        return None
    return f"{number_text(qty)} {UNITS[unit]}"


def _per_case_limit(cases: Any, name: str) -> str | None:
    """"5 ngày làm việc (trường hợp 1.000656.01); 2 ngày (trường hợp ...)", or one limit
    alone when every variant has the same."""
    limits = []
    for case in sorted((c for c in cases if isinstance(c, dict)), key=lambda c: str(c.get("code"))):
        day = case.get("processingDay") or {}
        limit = _limit(day.get("qty"), day.get("type"))
        if limit:
            limits.append((limit, _case_label(case, name)))
    if not limits:
        return None
    if len({limit for limit, _ in limits}) == 1:
        return limits[0][0]
    return "; ".join(f"{limit} (trường hợp {label})" if label else limit for limit, label in limits)


def _case_label(case: dict[str, Any], name: str) -> str | None:
    """What tells a variant apart: its own words beyond the procedure's name, else its code."""
    label = clean_text(case.get("name")) or ""
    if fold(label).startswith(fold(name)):
        label = label[len(name):].strip(" -:,;()")
    if fold(label).startswith("truong hop "):
        label = label[len("trường hợp "):]
    return label or clean_text(case.get("code"))


def _fee(fees: Any) -> str | None:
    texts = []
    for fee in fees:
        text, value = clean_text(fee.get("description")), fee.get("value")
        amount = money_text(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if text and amount and value:
            texts.append(f"{amount} ({text})")
        elif text or amount:
            texts.append(text or amount)
    return "; ".join(unique(texts)) or None


def _documents(detail: dict[str, Any]) -> list[dict[str, Any]]:
    groups = detail.get("executionCases") or [
        {"name": c.get("name"), "profileComponents": c.get("profileComponents")} for c in detail.get("cases") or ()
    ]
    documents = []
    for group in groups:
        heading = clean_group(group.get("name"))
        for item in group.get("profileComponents") or ():
            name = clean_item(item.get("name"))
            if not name:
                continue
            documents.append({
                "name": name,
                "originals": _count(item.get("originalQty")),
                "copies": _count(item.get("copyQty")),
                "form_url": _form_url(item.get("attachments")),
                "group": heading,
            })
    return documents


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _form_url(attachments: Any) -> str | None:
    """The first attachment that is a real downloadable http(s) link, if any."""
    for item in attachments or ():
        candidates = [item] if isinstance(item, str) else [item.get(k) for k in ("url", "link", "path", "fileUrl")]
        for url in candidates:
            if isinstance(url, str) and is_url(url.strip()):
                return url.strip()
    return None


def _legal_basis(items: Any) -> list[dict[str, Any]]:
    out, seen = [], set()
    for item in items or ():
        number = clean_text(item.get("code")) or clean_text(item.get("name"))
        if not number or number in seen:
            continue
        seen.add(number)
        out.append({"number": number, "title": clean_text(item.get("name"))})
    return out


def _decision(detail: dict[str, Any]) -> str | None:
    proposal = detail.get("procedureProposal") or {}
    number = clean_text(proposal.get("decisionNumber")) or clean_text(proposal.get("proposalNumber"))
    number = number or clean_text(detail.get("decisionNo"))
    day = day_from_millis(proposal.get("decisionDate"))
    if number and day:
        return f"{number}, ngày {day:%d/%m/%Y}"
    return number
