"""The built site, end to end on the fixture: every page there, links whole, JSON-LD valid,
pages flat as the catalogue grows, nothing external, and failures publish nothing."""

from __future__ import annotations

import json
import re
import shutil
import statistics
from pathlib import Path

import pytest

import zxingcpp
from PIL import Image

from generator.release import build, checks, ledger

from generator.site import pages

from generator import urls
from generator.catalogue.load import load_catalogue
from generator.importers.yamlout import dump_yaml
from generator.posters import printed_urls, write_posters
from tests.conftest import FIXTURE_PROCEDURES, poppler

ROOT = Path(__file__).parent.parent
BASE = "https://niemyet.example.vn/"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def with_posters(cache: Path | None = None) -> dict:
    """The build options `niemyet build` uses for posters: links, files, printed URLs."""
    def print_posters(cat, release, base_url):
        return write_posters(cat, release, base_url, workers=2, cache_dir=cache)
    return {"posters": pages.poster_links, "steps": (print_posters,), "printed": printed_urls}


@pytest.fixture(scope="module")
def built(tmp_path_factory, catalogue):
    out = tmp_path_factory.mktemp("build") / "site"
    report = build.build_site(catalogue, ROOT, out, BASE, workers=2, **with_posters())
    return out, report


def page(site: Path, url_path: str) -> str:
    return (site / url_path.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_commune_and_every_procedure_per_commune_has_a_page(built, catalogue):
    site, report = built
    for commune in catalogue.communes:
        assert commune.name in page(site, urls.commune_path(commune.code))
        for proc in catalogue.procedures_for(commune.code):
            html = page(site, urls.procedure_path(commune.code, proc.code))
            assert proc.name in html and commune.name in html
    pages = {str(p.relative_to(site).parent) for p in site.rglob("index.html")}
    assert {"03127/1.013133", "03328/1.013133"} <= pages
    assert "03158/1.013133" not in pages  # limited to two communes
    assert "03127/1.000001" not in pages and "tthc/1.000001" in pages  # province level
    assert report.pages == 30 + len(catalogue.communes)  # and a page of print files per commune


def pdf_codes(pdf: Path, work: Path, dpi: int = 150) -> list[str]:
    """Every code on every page of `pdf` as poppler draws it, sorted."""
    work.mkdir(parents=True, exist_ok=True)
    poppler("pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(work / "p"))
    found = []
    for shown in sorted(work.glob("p-*.png")):
        with Image.open(shown) as image:
            found += [r.text for r in zxingcpp.read_barcodes(image)]
    return sorted(found)


def test_every_code_printed_in_the_site_opens_a_page_of_the_site(built, catalogue, tmp_path):
    site_dir, _ = built
    found = set()
    for n, pdf in enumerate(sorted(site_dir.glob("*/in/*.pdf"))):
        codes = pdf_codes(pdf, tmp_path / str(n))
        assert codes, f"{pdf.name}: no code found"
        # a phone opens the host in capitals (qr.qr_text) as the same site
        found.update(re.sub(r"^HTTPS://[^/]+", BASE.rstrip("/"), code) for code in codes
                     if code.lower().startswith(BASE.rstrip("/")))
    assert {urls.absolute(BASE, urls.procedure_path(c.code, p.code))
            for c in catalogue.communes for p in catalogue.procedures_for(c.code) if p.in_force} <= found
    assert urls.absolute(BASE, urls.search_path("03127")) in found
    assert ledger.unresolved(ledger.paths(found), site_dir) == []


def test_the_board_pdf_carries_a_code_for_every_procedure(built, catalogue, tmp_path):
    site_dir, _ = built
    for size in ("a3", "a4"):
        codes = pdf_codes(site_dir / "03127" / "in" / f"bang-niem-yet-{size}.pdf", tmp_path / size)
        assert codes == sorted(f"HTTPS://NIEMYET.EXAMPLE.VN/03127/{p.code}/" for p in catalogue.procedures_for("03127"))


def test_every_print_file_is_linked_from_its_commune(built, catalogue):
    """From the print files page: the PDFs and previews, and each card by its procedure
    page, which links the card's two pages in the cards file."""
    site_dir, _ = built
    for commune in catalogue.communes:
        listing = page(site_dir, urls.prints_path(commune.code))
        files = sorted(p.name for p in (site_dir / commune.code / "in").iterdir()
                       if not p.name.startswith("index.html"))  # the page and its compressed copies
        assert files
        for name in files:
            assert f'href="{name}"' in listing, name
        for n, proc in enumerate(catalogue.procedures_for(commune.code)):
            card_page = page(site_dir, urls.procedure_path(commune.code, proc.code))
            assert f'href="../{proc.code}/#the-in"' in listing and 'id="the-in"' in card_page
            assert f'href="../in/the-thu-tuc-a5.pdf#page={2 * n + 1}"' in card_page
            assert f'href="../in/the-thu-tuc-a5.pdf#page={2 * n + 2}"' in card_page
        assert 'href="in/"' in page(site_dir, urls.commune_path(commune.code))


def test_a_printed_url_without_a_page_refuses_the_build(tmp_path, catalogue):
    out = tmp_path / "site"
    with pytest.raises(build.BuildError, match="/03127/9.999999/"):
        build.build_site(catalogue, ROOT, out, BASE, workers=1,
                         printed=lambda cat, base: [urls.absolute(base, "/03127/9.999999/")])
    assert not out.exists()


def test_no_broken_internal_link(built):
    site, _ = built
    assert checks.broken_links(site) == []


def test_link_check_finds_a_broken_link(tmp_path, built):
    site, _ = built
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    target = copy / "03127" / "index.html"
    target.unlink()
    target.write_text('<a href="../03127/9.999999/">x</a><a href="https://e.org/">ok</a>', encoding="utf-8")
    assert checks.broken_links(copy) == ["03127/index.html: liên kết hỏng '../03127/9.999999/'"]


def test_procedure_pages_carry_valid_government_service_jsonld(built, catalogue):
    site, _ = built
    for commune in catalogue.communes:
        for proc in catalogue.procedures_for(commune.code):
            blocks = JSONLD.findall(page(site, urls.procedure_path(commune.code, proc.code)))
            assert len(blocks) == 1
            data = json.loads(blocks[0])
            assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentService"
            assert data["identifier"] == proc.code and data["name"] == proc.name
            assert data["areaServed"]["name"] == commune.name


def test_pages_are_vietnamese_and_load_nothing_from_other_hosts(built):
    site, _ = built
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert '<html lang="vi"' in html
        loaded = re.findall(r'<(?:script|img|link(?![^>]*rel="canonical"))[^>]+(?:src|href)="([^"]+)"', html)
        external = [u for u in loaded if re.match(r"(https?:)?//", u)]
        assert external == [], html_file


def test_sitemap_and_open_data_cover_the_catalogue(built, catalogue):
    site, report = built
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == report.pages
    assert f"<loc>{BASE}03127/1.001193/</loc>" in sitemap
    data = json.loads((site / "du-lieu" / "thu-tuc.json").read_text(encoding="utf-8"))
    assert [p["code"] for p in data["procedures"]] == [p.code for p in catalogue.procedures]
    csv_rows = (site / "du-lieu" / "thu-tuc.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_rows) == 1 + len(catalogue.procedures)


def grown_catalogue(tmp_path: Path, extra: int):
    """The fixture plus `extra` procedures, as files loaded through load_catalogue."""
    shutil.copytree(FIXTURE_PROCEDURES, tmp_path, dirs_exist_ok=True)
    for i in range(extra):
        code = f"9.{i:06d}"
        doc = {"code": code, "name": f"Thủ tục mẫu số {i}", "level": "commune", "field": f"Lĩnh vực {i % 7}",
               "agency": "Ủy ban nhân dân cấp xã", "sample": True,
               "source": {"title": "Dữ liệu mẫu", "decision": "không có", "checked": "2026-11-01"}}
        (tmp_path / f"{code}.yml").write_text(dump_yaml(doc).replace("'2026-11-01'", "2026-11-01"))
    return load_catalogue(tmp_path)


def test_page_size_stays_flat_as_the_catalogue_grows(tmp_path, catalogue):
    site = tmp_path / "small"
    build.build_site(catalogue, ROOT, site, BASE, workers=1)  # like the big one, without posters
    big = grown_catalogue(tmp_path / "procedures", 300)
    big_site = tmp_path / "site"
    build.build_site(big, ROOT, big_site, BASE, workers=2)
    small_page = len(page(site, "/03127/1.001193/"))
    big_page = len(page(big_site, "/03127/1.001193/"))
    assert abs(big_page - small_page) < 0.02 * small_page
    sizes = [p.stat().st_size for p in big_site.rglob("index.html")]
    assert statistics.median(sizes) < 50_000 and max(sizes) < 150_000


def test_a_failing_step_publishes_nothing(tmp_path, catalogue):
    out = tmp_path / "site"
    build.build_site(catalogue, ROOT, out, BASE, workers=1)
    before = out.resolve()
    home = (out / "index.html").read_bytes()

    def broken_step(cat, release, base_url):
        raise build.BuildError("poster step failed")

    with pytest.raises(build.BuildError):
        build.build_site(catalogue, ROOT, out, BASE, workers=1, steps=(broken_step,))
    assert out.resolve() == before
    assert (out / "index.html").read_bytes() == home


def test_rebuild_renders_only_what_changed(tmp_path):
    cat = grown_catalogue(tmp_path / "procedures", 0)
    out = tmp_path / "site"
    first = build.build_site(cat, ROOT, out, BASE, workers=1)
    again = build.build_site(cat, ROOT, out, BASE, workers=1)
    proc_file = tmp_path / "procedures" / "1.000894.yml"
    proc_file.write_text(proc_file.read_text().replace("- cưới", "- cưới xin"))
    changed = build.build_site(load_catalogue(tmp_path / "procedures"), ROOT, out, BASE, workers=1)
    assert first.rendered >= first.pages
    assert again.rendered == 0
    # keywords are not shown on pages, so nothing is rendered again; a new name shows on the
    # national page, the field page, and the procedure page and list of each of 3 communes
    # (the search page lists fields, not procedures)
    proc_file.write_text(proc_file.read_text().replace("đăng ký kết hôn", "đăng ký kết hôn (mới)"))
    renamed = build.build_site(load_catalogue(tmp_path / "procedures"), ROOT, out, BASE, workers=1)
    assert changed.rendered == 0
    assert renamed.rendered == 1 + 1 + 3 * 2


def test_first_visit_fits_the_slow_link_budget(built):
    site, _ = built
    raw, compressed = checks.page_weight(site, "/03127/1.001193/")
    assert compressed < checks.FIRST_VISIT_GZIP_BUDGET
    assert raw > compressed  # the assets were really read


def test_every_procedure_field_is_explained_in_the_glossary():
    from generator.catalogue.schema import PROCEDURE

    glossary = (ROOT / "docs" / "thuat-ngu" / "index.md").read_text(encoding="utf-8")
    assert [name for name in PROCEDURE.fields if f"`{name}`" not in glossary] == []
