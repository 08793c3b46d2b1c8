"""`niemyet validate | build | serve | import`: the one entry point for clerks and operators."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator import click_vi
from generator.release import build as pipeline
from generator.catalogue.load import CatalogueError, load_catalogue
from generator.catalogue.model import Catalogue

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROCEDURES = ROOT / "procedures"
DEFAULT_LEDGER = ROOT / "ledger" / "printed-urls.txt"
FOLDER, FILE, NUMBER = "THƯ_MỤC", "TỆP", "SỐ"

click_vi.install()


def _load(procedures: Path) -> Catalogue:
    """Load the catalogue or print every problem and exit 1, writing nothing."""
    if procedures.is_absolute() and procedures.is_relative_to(Path.cwd()):
        procedures = procedures.relative_to(Path.cwd())  # messages name files as a clerk sees them
    try:
        return load_catalogue(procedures)
    except CatalogueError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(exc.summary(), err=True)
        sys.exit(1)


def _base_url(option: str | None) -> str:
    """--base-url, else NIEMYET_BASE_URL, else site_url of mkdocs.yml."""
    if option:
        return option
    if os.environ.get("NIEMYET_BASE_URL"):
        return os.environ["NIEMYET_BASE_URL"]
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml")).site_url or "http://localhost:8000/"


procedures_option = click.option("--procedures", "procedures", type=click.Path(path_type=Path),
                                 default=DEFAULT_PROCEDURES, show_default=True, metavar=FOLDER,
                                 help="Thư mục các tệp thủ tục.")
workers_option = click.option("--workers", type=int, default=os.cpu_count() or 2, show_default=True,
                              metavar=NUMBER, help="Số tiến trình chạy song song.")


@click.group(cls=click_vi.Group, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """niemyet: niêm yết thủ tục hành chính của tỉnh (trang web, áp phích mã QR, tra cứu)."""


@main.command()
@procedures_option
@click.option("--fix-nfc", is_flag=True,
              help="Trước hết ghi lại các tệp có chữ chưa ở dạng Unicode NFC (dấu tách rời).")
def validate(procedures: Path, fix_nfc: bool) -> None:
    """Kiểm tra mọi tệp thủ tục và báo mọi lỗi một lần; không ghi gì."""
    if fix_nfc:
        from generator.catalogue.load import fix_nfc as rewrite

        for path in rewrite(procedures):
            click.echo(f"{path}: đã chuyển sang NFC")
    cat = _load(procedures)
    click.echo(f"{len(cat.procedures)} thủ tục, {len(cat.communes)} xã/phường: không có lỗi.")


@main.command()
@procedures_option
@click.option("--out", type=click.Path(path_type=Path), default=ROOT / "site", show_default=True,
              metavar=FOLDER, help="Trang web đã xuất bản (một liên kết, chuyển một lần sang bản mới).")
@click.option("--base-url", metavar="ĐỊA_CHỈ",
              help="Địa chỉ công khai của trang web; mã QR trỏ về đây.")
@click.option("--index", type=click.Path(path_type=Path), default=ROOT / "index", show_default=True,
              metavar=FOLDER, help="Thư mục chỉ mục tra cứu (liên kết 'current' chuyển một lần sang bản mới).")
@click.option("--ledger", "ledger_file", type=click.Path(path_type=Path), default=DEFAULT_LEDGER,
              show_default=True, metavar=FILE,
              help="Sổ mọi đường dẫn đã in lên áp phích; mỗi bản dựng phải giữ được tất cả.")
@click.option("--allow-localhost", is_flag=True,
              help="Vẫn in áp phích khi mã QR trỏ về máy này (chỉ để in thử).")
@click.option("--no-posters", is_flag=True, help="Dựng trang web không kèm áp phích (dựng thử nhanh hơn).")
@workers_option
@click.option("--wait", is_flag=True,
              help="Nếu đang có bản dựng khác của cùng trang web, chờ nó xong thay vì dừng.")
def build(procedures: Path, out: Path, index: Path, base_url: str | None, ledger_file: Path,
          allow_localhost: bool, no_posters: bool, workers: int, wait: bool) -> None:
    """Kiểm tra, dựng trang web, áp phích và chỉ mục tra cứu; chỉ xuất bản khi mọi bước đều đạt."""
    from api.index import SearchIndexError
    from generator.release import lock
    from generator.site.offline import write_offline_index
    from generator.release.publish import PublishError, check_publishable

    cat = _load(procedures)
    base = _base_url(base_url)
    try:
        check_publishable(out)
    except PublishError as exc:
        _refused(str(exc), "Chưa dựng gì")
    steps: list[pipeline.Step] = [lambda c, release, _base: write_offline_index(c, release)]
    posters = {}
    if not no_posters:
        from generator.posters import PosterError, printed_urls, write_posters
        from generator.posters.write import check_base_url
        from generator.site.pages import poster_links

        try:  # before minutes of building, not after
            check_base_url(base, cat, allow_localhost)
        except PosterError as exc:
            click.echo(f"{exc}\nChưa dựng gì; trang đã xuất bản không bị thay đổi.", err=True)
            sys.exit(1)
        cache = pipeline.work_dir(out) / "posters"
        steps.append(lambda c, release, b: write_posters(c, release, b, allow_local=allow_localhost,
                                                         workers=workers, cache_dir=cache))
        posters = {"posters": lambda c, commune: poster_links(c, commune, cache), "printed": printed_urls}
    jobs = pipeline.default_shards(workers)
    try:
        with lock.exclusive(index, wait=wait), \
                click.progressbar(length=jobs, label="mkdocs", file=sys.stderr) as bar:
            report = pipeline.build_site(
                cat, ROOT, out, base, workers=workers, on_shard=lambda _: bar.update(1), wait=wait,
                steps=tuple(steps), ledger_file=ledger_file, **posters,
                before_publish=(lambda c: _publish_search(c, index),),
            )
    except (pipeline.BuildBusy, lock.Busy) as exc:
        _refused(str(exc), "Chưa dựng gì")
    except (pipeline.BuildError, SearchIndexError, PublishError) as exc:
        _refused(str(exc))
    except OSError as exc:  # disk full, permissions: name the file, keep what is published
        _refused(f"{exc.filename or 'không rõ tệp'}: {exc.strerror or exc}")
    for warning in report.warnings:
        click.echo(f"cảnh báo: {warning}", err=True)
    for path in report.new_ledger_paths:
        click.echo(f"sổ in: thêm {path}")
    click.echo(f"{report.pages} trang ({report.rendered} dựng lại), {report.files} tệp, "
               f"{report.seconds:.1f} s, {len(report.warnings)} cảnh báo -> {out}")


def _publish_search(cat: Catalogue, index: Path):
    """Publish the search index; return how to put the previous one back, should the site
    then fail to publish (the two are published together or not at all)."""
    from api.index import CURRENT, publish_index, swap_link

    link = index / CURRENT
    before = os.readlink(link) if link.is_symlink() else None
    publish_index(cat, index)

    def undo() -> None:
        if before:
            swap_link(link, before)
        else:
            link.unlink(missing_ok=True)
    return undo


def _refused(why: str, what: str = "Bản dựng lỗi") -> None:
    click.echo(f"\n{why}\n{what}; trang và chỉ mục đã xuất bản không bị thay đổi.", err=True)
    sys.exit(1)


@main.group(name="import")
def import_() -> None:
    """Cập nhật procedures/ từ các nguồn công khai."""


@import_.command(name="communes")
@click.option("--register", type=click.Path(exists=True, path_type=Path),
              default=ROOT.parent / "shared/data/communes/dien_bien_communes.json", show_default=True,
              metavar=FILE, help="Danh mục đơn vị hành chính (JSON).")
@procedures_option
def import_communes(register: Path, procedures: Path) -> None:
    """Ghi lại _communes.yml theo danh mục đơn vị hành chính (giữ thông tin trụ sở)."""
    from generator.importers.communes import refresh_communes

    count = refresh_communes(register, procedures / "_communes.yml")
    click.echo(f"{count} xã/phường -> {procedures / '_communes.yml'}")


@import_.command(name="sources")
@click.option("--from", "shared", type=click.Path(exists=True, path_type=Path),
              default=ROOT.parent / "shared/data", show_default=True, metavar=FOLDER,
              help="Thư mục hồ sơ công khai (xem README của nó).")
@procedures_option
def import_sources(shared: Path, procedures: Path) -> None:
    """Chép nguyên văn hồ sơ công khai vào procedures/_sources/, mỗi thư mục ghi rõ nguồn."""
    from generator.importers.sources import copy_sources

    report = copy_sources(shared, procedures / "_sources")
    click.echo(f"{len(report.copied)} tệp chép mới, {report.unchanged} không đổi -> {procedures / '_sources'}")


@import_.command(name="portal")
@procedures_option
def import_portal(procedures: Path) -> None:
    """Ghi một tệp thủ tục cho mỗi hồ sơ cấp xã trong procedures/_sources/."""
    from generator.importers.portal import import_records

    cat = _load(procedures)
    report = import_records(procedures / "_sources", procedures, cat)
    for code, why in sorted(report.skipped.items()):
        click.echo(f"bỏ qua {code}: {why}")
    click.echo(f"{len(report.written)} tệp ghi mới, {len(report.unchanged)} không đổi, "
               f"{len(report.skipped)} bỏ qua -> {procedures}")
    _load(procedures)  # what was written must load


@import_.command(name="national-list")
@click.option("--from", "index_json", type=click.Path(exists=True, path_type=Path), show_default=True,
              default=ROOT.parent / "shared/data/procedures/commune_index_2026/data/linh-vuc.json",
              metavar=FILE, help="Danh mục thủ tục cấp xã toàn quốc (JSON).")
@procedures_option
def import_national_list(index_json: Path, procedures: Path) -> None:
    """Ghi _national_list.yml: các mã thủ tục mà danh mục của một xã cần có."""
    from generator.importers.coverage import catalogue_coverage, national_list_yaml

    (procedures / "_national_list.yml").write_text(national_list_yaml(index_json), encoding="utf-8")
    for line in catalogue_coverage(_load(procedures)).lines()[:3]:
        click.echo(line)


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=ROOT / "site", show_default=True,
              metavar=FOLDER, help="Trang web đã xuất bản.")
@click.option("--index", type=click.Path(path_type=Path), default=ROOT / "index", show_default=True,
              metavar=FOLDER, help="Thư mục chỉ mục tra cứu.")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="MÁY",
              help="Địa chỉ nghe (127.0.0.1: chỉ máy này).")
@click.option("--port", type=int, default=8000, show_default=True, metavar=NUMBER, help="Cổng.")
@click.option("--workers", type=int, default=2, show_default=True, metavar=NUMBER,
              help="Số tiến trình phục vụ.")
def serve(out: Path, index: Path, host: str, port: int, workers: int) -> None:
    """Phục vụ trang web đã xuất bản và API tra cứu trên một địa chỉ của máy này (gunicorn)."""
    env = {**os.environ, "NIEMYET_SITE_DIR": str(out), "NIEMYET_INDEX_DIR": str(index)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    click.echo(f"http://{host}:{port}/  (Ctrl+C để dừng)")
    os.execve(str(gunicorn), [str(gunicorn), "-w", str(workers), "-b", f"{host}:{port}",
                              "-c", str(ROOT / "gunicorn.conf.py"), "api.serve:create_server()"], env)
