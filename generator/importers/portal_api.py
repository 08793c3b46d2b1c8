"""Read a procedure as the 2026 National Public Service Portal API returns it.

Shape: see shared/data/RECORD_SCHEMA.md. Three traps are handled here. A channel's time
limit may be "OTHER", with the real limits only per case in `cases[].processingDay`: the
procedure then gets its cases (name, code, limit) and the channel no limit of its own.
A fee's numeric value 0 often sits beside a text saying the province sets the fee: the
text is what was published, so the text is what we keep. And an amount is in the
currency the record names (a few fees are in USD), never assumed to be đồng.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from generator.importers.cleaning import (
    clean_group, clean_item, clean_text, day_from_millis, money_text, number_text, unique,
)
from generator.importers.records import Imported, Skipped
from generator.catalogue.schema import is_url
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
# Currency ids of the portal's records, named as the records' own "currencyName" names them.
CURRENCIES = {"019b3fb2-b5b8-70ac-85e2-9409ec1eaffa": "Việt Nam Đồng", "019b3fb2-dee2-76ab-aa53-22d4d903a2bb": "USD"}
RANK = 0  # see records.merge: the API record wins a field the crawl also gives
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
        "channels": _channels(detail),
        "cases": _cases(detail),
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
    return Imported(code, facts, source, ORIGIN, rank=RANK)


def _names(items: Any) -> str | None:
    names = _name_list(items)
    return ", ".join(names) if names else None


def _name_list(items: Any) -> list[str]:
    return unique([n for n in (clean_text(i.get("name")) for i in items or () if isinstance(i, dict)) if n])


def _step(item: dict[str, Any]) -> str | None:
    """The step's title on its own line above its text, each as the record writes it."""
    title, text = clean_text(item.get("name")), clean_text(item.get("description"))
    if title and text and fold(title) not in fold(text):
        return f"{title}\n{text}"
    return text or title


def _channels(detail: dict[str, Any]) -> list[dict[str, Any]]:
    channels = []
    for method in detail.get("executionMethods") or ():
        mode = MODES.get(method.get("submissionMethod"))
        if not mode:
            continue
        channels.append({
            "mode": mode,
            "time_limit": _time_limit(method, detail.get("cases") or ()),
            "fee": _fee(method.get("fees") or ()),
            "note": clean_text(method.get("description")),
        })
    return channels


def _time_limit(method: dict[str, Any], cases: Any) -> str | None:
    """The channel's own limit; None when it depends on the case (the cases say it). A
    limit the record writes as text ("Tại thời điểm nhận hồ sơ") is that text."""
    qty, unit = method.get("processingTime"), method.get("processingTimeUnit")
    if isinstance(qty, str) and not qty.strip().isdigit():
        return clean_text(qty)
    if unit == "OTHER":
        limits = {limit for _, _, limit in _case_limits(cases)}
        return limits.pop() if len(limits) == 1 else None
    return _limit(qty, unit)


def _limit(qty: Any, unit: Any) -> str | None:
    if not isinstance(qty, (int, float)) or isinstance(qty, bool) or unit not in UNITS:
        return None
    return f"{number_text(qty)} {UNITS[unit]}"


def _case_limits(cases: Any) -> list[tuple[str, str, str]]:
    """(code, name, limit) of each case with a limit, in code order, repeats dropped."""
    out = []
    for case in sorted((c for c in cases if isinstance(c, dict)), key=lambda c: str(c.get("code"))):
        day = case.get("processingDay") or {}
        limit = _limit(day.get("qty"), day.get("type"))
        if limit:
            out.append((clean_text(case.get("code")) or "", clean_text(case.get("name")) or "", limit))
    return list(dict.fromkeys(out))


def _cases(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """The cases, when some channel's limit depends on them and they do not all agree."""
    methods = detail.get("executionMethods") or ()
    if not any(m.get("processingTimeUnit") == "OTHER" for m in methods):
        return []
    limits = _case_limits(detail.get("cases") or ())
    if len({limit for _, _, limit in limits}) <= 1:
        return []
    return [{"code": code or None, "name": name or None, "time_limit": limit} for code, name, limit in limits]


def _fee(fees: Any) -> str | None:
    texts = []
    for fee in fees:
        text, amount = clean_text(fee.get("description")), _amount(fee)
        if text and amount:
            texts.append(f"{amount}{text}" if text.startswith("/") else f"{amount} ({text})")
        elif text or amount:
            texts.append(text or amount)
    return "; ".join(unique(texts)) or None


def _amount(fee: dict[str, Any]) -> str | None:
    """"50.000 đồng", "10 USD"; None for a zero (see the module's note) or an unknown currency."""
    value = fee.get("value")
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not value:
        return None
    currency = clean_text(fee.get("currencyName")) or CURRENCIES.get(fee.get("currencyId") or "", "")
    if currency in ("", "Việt Nam Đồng", "VNĐ"):
        if fee.get("currencyId") and fee["currencyId"] not in CURRENCIES:
            return None  # a currency we cannot name: the text beside it says what it is
        return money_text(value)
    return f"{number_text(value)} {currency}"


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
    """Every row as the record lists it; only a row repeated whole is dropped (two laws can
    share a number in a typo, and each must keep its own title)."""
    rows = []
    for item in items or ():
        number = clean_text(item.get("code")) or clean_text(item.get("name"))
        if number:
            rows.append({"number": number, "title": clean_text(item.get("name"))})
    return [dict(row) for row in dict.fromkeys(tuple(row.items()) for row in rows)]


def _decision(detail: dict[str, Any]) -> str | None:
    proposal = detail.get("procedureProposal") or {}
    number = clean_text(proposal.get("decisionNumber")) or clean_text(proposal.get("proposalNumber"))
    number = number or clean_text(detail.get("decisionNo"))
    day = day_from_millis(proposal.get("decisionDate"))
    if number and day:
        return f"{number}, ngày {day:%d/%m/%Y}"
    return number
