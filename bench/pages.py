"""Benchmark what a resident's phone gets from each page template: Lighthouse (mobile) scores
and the bytes of a first load on the wire, as `niemyet serve` serves the site and as the
README's nginx setup does (pre-compressed files, long-lived caching of fingerprinted assets).

Builds the bundled catalogue with its posters (cached in bench/out/pages/ between runs), or
takes a built site with --site. Lighthouse comes from npm (node_modules/, see setup.sh) and
drives Debian's chromium with its default mobile settings: a mid-range phone, simulated
slow 4G (150 ms round trip, 1.6 Mbit/s) and 4x CPU slowdown. Its timings depend on how busy
the machine is: figures taken while others work are rough. Writes the "Pages" section of
bench/results.md.

    .venv/bin/python bench/pages.py [--runs 3] [--servers serve,nginx] [--site DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402
from generator.catalogue.load import load_catalogue  # noqa: E402
from generator.catalogue.model import Catalogue  # noqa: E402

WORK = ROOT / "bench" / "out" / "pages"
PORT = 8731           # the site's address in the build (canonical links) and where it is served
API_PORT = 8732       # the API behind nginx
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As in tests/browser.py: without the networking flags chromium calls Google's hosts at start.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--disable-dev-shm-usage")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def templates(cat: Catalogue) -> dict[str, str]:
    """One page of each template of the bundled catalogue, by name."""
    commune = cat.communes[0]
    procs = [p for p in cat.procedures_for(commune.code) if p.in_force]
    # The heaviest: the complete procedure with the longest list of papers (birth registration).
    full = max((p for p in procs if p.is_complete), key=lambda p: len(p.documents))
    incomplete = next(p for p in procs if not p.is_complete)
    # A province-wide page lists every commune that delivers the procedure: take the longest.
    province = full
    field = full.field_slug
    return {
        "home": "/",
        "communes": "/xa/",
        "commune": f"/{commune.code}/",
        "procedure, full": f"/{commune.code}/{full.code}/",
        "procedure, incomplete": f"/{commune.code}/{incomplete.code}/",
        "procedure, province-wide": f"/tthc/{province.code}/",
        "fields": "/linh-vuc/",
        "field": f"/linh-vuc/{field}/",
        "search": "/tim-kiem/",
        "print files": f"/{commune.code}/in/",
        "open data": "/du-lieu/",
        # A missing address is answered with this page and status 404; Lighthouse measures
        # the page itself (a 404 status fails its SEO check by design: it must not be indexed).
        "404": "/404.html",
    }


def build(procedures: Path, workers: int) -> Path:
    """Build the bundled catalogue with posters as `niemyet build` does, for this port."""
    out = WORK / "site"
    subprocess.run([str(ROOT / ".venv" / "bin" / "niemyet"), "build", "--procedures", str(procedures),
                    "--out", str(out), "--index", str(WORK / "index"), "--ledger", str(WORK / "ledger.txt"),
                    "--base-url", f"http://127.0.0.1:{PORT}/", "--allow-localhost", "--workers", str(workers)],
                   check=True, cwd=ROOT)
    return out


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def running(args: list[str], env: dict | None = None, ready: str = ""):
    proc = subprocess.Popen(args, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if ready:
            wait_for(ready)
        yield proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def gunicorn(site: Path, port: int):
    """The site and the API as `niemyet serve` runs them."""
    return running([str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
                    "-c", str(ROOT / "gunicorn.conf.py"), "--access-logfile", "/dev/null",
                    "api.serve:create_server()"],
                   env={"NIEMYET_SITE_DIR": str(site), "NIEMYET_INDEX_DIR": str(WORK / "index")},
                   ready=f"http://127.0.0.1:{port}/healthz")


def nginx_config(site: Path, tmp: Path) -> Path:
    """The README's production setup, in a config nginx runs as this user from `tmp`."""
    modules = "\n".join(f"load_module {m};" for m in sorted(Path("/usr/lib/nginx/modules").glob("ngx_http_brotli_static*.so")))
    conf = tmp / "nginx.conf"
    snippet = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    snippet = snippet.replace("/srv/niemyet/site", str(site.resolve())).replace("127.0.0.1:5000", f"127.0.0.1:{API_PORT}")
    if not modules:
        snippet = "\n".join(line for line in snippet.splitlines() if "brotli" not in line)
    # The file holds what goes in `http {}` (the rate-limit zone, the server): give the
    # server its address here.
    snippet = snippet.replace("server {", f"server {{\n    listen 127.0.0.1:{PORT};", 1)
    conf.write_text(f"""{modules}
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp};
  uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
{snippet}
}}
""", encoding="utf-8")
    return conf


@contextmanager
def nginx(site: Path):
    with tempfile.TemporaryDirectory() as tmp, gunicorn(site, API_PORT):
        conf = nginx_config(site, Path(tmp))
        with running([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", tmp],
                     ready=f"http://127.0.0.1:{PORT}/") as proc:
            yield proc


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile defaults); its JSON report."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                   env=env, check=True, timeout=300, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    """Scores, timings, bytes on the wire and the checks that did not pass, from one report."""
    audits, cats = report["audits"], report["categories"]
    failed = sorted(a for name in CATEGORIES[1:] for ref in cats[name]["auditRefs"]
                    if ref["weight"] and (a := ref["id"]) and audits[a]["score"] is not None and audits[a]["score"] < 1)
    return {
        "scores": {name: cats[name]["score"] for name in CATEGORIES},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "render_blocking": [i["url"].rsplit("/", 1)[-1] for i in _items(audits, "render-blocking-insight")
                            if isinstance(i, dict) and "url" in i],
        "failed": failed,
        "runtime_error": report.get("runtimeError", {}).get("code"),
    }


def _items(audits: dict, name: str) -> list:
    """The rows of an audit's table (Lighthouse 13 calls render-blocking an "insight")."""
    details = (audits.get(name) or {}).get("details") or {}
    return details.get("items") or []


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's advice for noisy timings)."""
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"] or 0)
    return ordered[len(ordered) // 2]


def row(server: str, name: str, path: str, runs: list[dict]) -> str:
    best = median_run(runs)
    s = best["scores"]
    perf = [r["scores"]["performance"] for r in runs]
    notes = best["failed"] + [f"blocking: {b}" for b in best["render_blocking"]]
    if best["runtime_error"]:
        notes.append(best["runtime_error"])
    return (f"| {server} | {name} (`{path}`) | {s['performance']:.2f} ({min(perf):.2f}-{max(perf):.2f}) | "
            f"{s['accessibility']:.2f} | {s['best-practices']:.2f} | {s['seo']:.2f} | {best['fcp']:.0f} ms | "
            f"{best['lcp']:.0f} ms | {best['tbt']:.0f} ms | {best['cls']:.3f} | {best['bytes'] / 1024:.1f} KiB | "
            f"{best['requests']} | {', '.join(notes) or '-'} |")


def versions() -> str:
    lh = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return f"Lighthouse {lh}, {chromium}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is kept")
    parser.add_argument("--servers", default="serve,nginx")
    parser.add_argument("--site", type=Path, help="a site already built for http://127.0.0.1:8731/")
    parser.add_argument("--only", help="comma-separated template names")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    assert LIGHTHOUSE.exists(), "lighthouse missing: run scripts/setup.sh"
    WORK.mkdir(parents=True, exist_ok=True)
    cat = load_catalogue(ROOT / "procedures")
    if args.site:
        site = args.site
    else:
        shutil.copyfile(ROOT / "ledger" / "printed-urls.txt", WORK / "ledger.txt")
        site = build(ROOT / "procedures", args.workers)
    pages = templates(cat)
    if args.only:
        pages = {k: v for k, v in pages.items() if k in args.only.split(",")}
    servers = {"niemyet serve": lambda: gunicorn(site, PORT), "nginx": lambda: nginx(site)}
    rows = []
    for key in args.servers.split(","):
        name = "niemyet serve" if key == "serve" else key
        if name == "nginx" and not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
            print("nginx not installed (apt-get install nginx libnginx-mod-http-brotli-static); skipped")
            continue
        with servers[name](), tempfile.TemporaryDirectory() as tmp:
            for template, path in pages.items():
                runs = [summary(lighthouse(f"http://127.0.0.1:{PORT}{path}", Path(tmp) / f"r{i}.json"))
                        for i in range(args.runs)]
                rows.append(row(name, template, path, runs))
                print(rows[-1], flush=True)
    perf = [float(r.split("|")[3].split()[0]) for r in rows]
    body = "\n".join([
        f"Run: {machine()}. Command: `.venv/bin/python bench/pages.py --runs {args.runs}`; {versions()}.",
        "",
        "Lighthouse's default mobile run (simulated slow 4G: 150 ms round trip, 1.6 Mbit/s; 4x CPU "
        "slowdown; empty cache), median of the runs by performance (range in brackets), on the "
        "bundled catalogue built with posters. *Bytes* is Lighthouse's total byte weight: "
        "everything the first load transferred, headers included. *niemyet serve*: gunicorn "
        "(2 workers) with api/serve.py; *nginx*: deploy/nginx.conf, the README's setup.",
        "",
        "| server | template | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | bytes | requests | not passed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Lowest performance median: {min(perf):.2f}." if perf else "",
        "Timings are simulated from the page's requests and this machine's CPU speed (load average "
        f"{os.getloadavg()[0]:.1f} at the end, Lighthouse itself included): with other work on the "
        "2 cores they are rough.",
    ])
    write_section("Pages", body)
    print(body)


if __name__ == "__main__":
    main()
