"""schema.org GovernmentService data for procedure pages, so search engines and
assistants read the same facts a resident sees (and nothing the page does not say)."""

from __future__ import annotations

from generator.site.markup import MODE_LABELS
from generator.catalogue.model import Catalogue, Commune, Procedure


def government_service(cat: Catalogue, proc: Procedure, commune: Commune | None) -> dict:
    """The GovernmentService object for `proc`, delivered by `commune` or province-wide."""
    area = commune.name if commune else cat.province
    data: dict = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": proc.name,
        "identifier": proc.code,
        "serviceType": proc.field,
        "areaServed": {"@type": "AdministrativeArea", "name": area},
    }
    if proc.agency:
        data["provider"] = {"@type": "GovernmentOrganization", "name": proc.agency}
    if proc.applicants:
        data["audience"] = [{"@type": "Audience", "audienceType": a} for a in proc.applicants]
    channels = []
    for ch in proc.channels:
        channel: dict = {"@type": "ServiceChannel", "name": MODE_LABELS[ch.mode]}
        if ch.time_limit:
            channel["processingTime"] = ch.time_limit
        online = proc.online_link(commune.code) if commune else proc.online_service
        if ch.mode == "online" and online:
            channel["serviceUrl"] = online
        body = proc.received_by(commune) if commune else None
        if ch.mode == "in_person" and body:
            channel["serviceLocation"] = {"@type": "Place", "name": body}
        if ch.mode == "in_person" and body and body == commune.service_centre:  # its office facts only
            if commune.office.address:
                channel["serviceLocation"]["address"] = commune.office.address
            if commune.office.phone:
                channel["servicePhone"] = {"@type": "ContactPoint", "telephone": commune.office.phone}
        channels.append(channel)
    if channels:
        data["availableChannel"] = channels
    if proc.source.url:
        data["isBasedOn"] = proc.source.url
    if not proc.in_force:
        data["additionalType"] = "Thủ tục không còn áp dụng"
    return data

