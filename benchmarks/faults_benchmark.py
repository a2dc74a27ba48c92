"""Hostile-input figures: parsers, extraction, Datasette and the egress rule, beside the bare libraries.

Prints, each measured in a child process of its own (time, and peak RSS from getrusage):
  1. XML payloads (entity bombs in UTF-8 and UTF-16, a bomb behind a ">" in a quoted DOCTYPE id, a
     2 MB feed, a 10 MB sitemap, deep nesting): Wirewatch's parse_feed / parse_sitemap (guard included)
     beside bare feedparser.parse / lxml.etree.fromstring on the same bytes. Bare children run under
     RLIMIT_AS (1.5 GB) and a 30 s timeout, so a bomb cannot take the machine down.
  2. Pathological pages: Wirewatch's extract() (element and byte bounds included) beside bare
     trafilatura.extract, worst time of each.
  3. Datasette under hostile queries (zeroblob(300000000), 200 rows of 1 MB, six slow queries):
     peak RSS of `wirewatch serve` beside bare `datasette serve` (the latter under RLIMIT_AS 2 GB).
  4. Canary hits: a hostile site crawled by `wirewatch crawl` (redirects to loopback, metadata,
     numeric and IPv6 hosts, meta refresh, file/ftp/data children); the canary must see 0 requests.

    python benchmarks/faults_benchmark.py [--skip-bare] [--only xml,pages,datasette,canary]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
kind, path = sys.argv[1], sys.argv[2]
body = open(path, "rb").read()
if kind == "ww-feed":
    from crawler.discovery import parse_feed as run
elif kind == "ww-sitemap":
    from functools import partial
    from crawler.discovery import parse_sitemap
    run = partial(parse_sitemap, max_bytes=10 * 1024 * 1024)
elif kind == "bare-feed":
    import feedparser
    run = feedparser.parse
elif kind == "bare-lxml":
    import lxml.etree
    run = lxml.etree.fromstring
elif kind == "ww-extract":
    from processing.extract import extract
    run = lambda b: extract(b, "http://bench.test/a")
else:
    import trafilatura
    run = lambda b: trafilatura.extract(b.decode("utf-8", "replace"))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()  # imports done: only the parse is timed
outcome = "ok"
try:
    run(body)
except MemoryError:
    outcome = "MemoryError"
except Exception as exc:
    outcome = str(getattr(exc, "status", "") or getattr(exc, "reason", "") or type(exc).__name__)
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   "outcome": outcome}}))
"""


def child(kind: str, payload: Path, *, limit_mb: int | None = None, timeout: float = 30) -> dict:
    def limits() -> None:
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

    try:
        proc = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), kind, str(payload)],
                              capture_output=True, text=True, timeout=timeout, preexec_fn=limits)
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "peak_mb": float("nan"), "outcome": f"killed after {timeout:g} s"}
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"seconds": float("nan"), "peak_mb": float("nan"), "outcome": f"exit {proc.returncode}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def laughs(encoding: str, ids: str = "") -> bytes:
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    text = (f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE rss {ids}[{entities}]>'
            '<rss version="2.0"><channel><title>&l8;</title></channel></rss>')
    return text.encode("utf-16" if encoding == "UTF-16" else "utf-8")


def xml_payloads() -> dict[str, tuple[str, bytes]]:
    item = b"<item><title>A story</title><link>http://bench.test/news/a</link></item>"
    url = b"<url><loc>http://bench.test/news/a</loc><lastmod>2026-11-20</lastmod></url>"
    quadratic = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + "x" * 50_000 + '">]><rss version="2.0">'
                 "<channel><title>" + "&a;" * 20_000 + "</title></channel></rss>").encode()
    return {
        "billion laughs (UTF-8)": ("feed", laughs("UTF-8")),
        "billion laughs (UTF-16)": ("feed", laughs("UTF-16")),
        "laughs behind a quoted '>'": ("feed", laughs("UTF-8", 'PUBLIC "-//A>B//EN" "http://x.test/a>b.dtd" ')),
        "quadratic blowup": ("feed", quadratic),
        "2 MB feed": ("feed", b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                      + item * (2_000_000 // len(item)) + b"</channel></rss>"),
        "10 MB sitemap": ("sitemap", b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                          + url * (10_000_000 // len(url)) + b"</urlset>"),
        "deep nesting (100k)": ("sitemap", b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                + b"<url>" * 100_000 + b"</url>" * 100_000 + b"</urlset>"),
    }


def page_payloads() -> dict[str, bytes]:
    return {
        "100k short paragraphs": b"<html><body><article>" + b"<p>Short line of text.</p>" * 100_000 + b"</article></body></html>",
        "20k short paragraphs (under the bound)": b"<html><body><article>" + b"<p>Short line of text.</p>" * 20_000
        + b"</article></body></html>",
        "100k nested divs": b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep.</p>" + b"</div>" * 100_000 + b"</body></html>",
        "one 5 MB line": b"<html><body><p>" + b"word " * 990_000 + b"</p></body></html>",
    }


def table(rows: list[tuple], header: tuple) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)))
    print()


def fmt(result: dict) -> str:
    return f"{result['seconds']:.2f} s, {result['peak_mb']:.0f} MB ({result['outcome']})"


def bench_xml(tmp: Path, bare: bool) -> None:
    print("1. XML payloads: Wirewatch parse (guard included) vs bare library")
    rows, worst_t, worst_m = [], 0.0, 0.0
    for name, (kind, body) in xml_payloads().items():
        path = tmp / "payload.xml"
        path.write_bytes(body)
        ours = child(f"ww-{kind}", path)
        worst_t, worst_m = max(worst_t, ours["seconds"]), max(worst_m, ours["peak_mb"])
        theirs = child("bare-feed" if kind == "feed" else "bare-lxml", path, limit_mb=1536) if bare else None
        rows.append((name, f"{len(body) / 1e6:.2f} MB", fmt(ours), fmt(theirs) if theirs else "-"))
    table(rows, ("payload", "size", "wirewatch", "bare (feedparser / lxml)"))
    print(f"   worst Wirewatch parse: {worst_t:.2f} s, peak {worst_m:.0f} MB RSS\n")


def bench_pages(tmp: Path, bare: bool) -> None:
    print("2. Pathological pages: Wirewatch extract() vs bare trafilatura.extract")
    rows, worst = [], 0.0
    for name, body in page_payloads().items():
        path = tmp / "page.html"
        path.write_bytes(body)
        ours = child("ww-extract", path, timeout=60)
        worst = max(worst, ours["seconds"])
        theirs = child("bare-extract", path, timeout=60) if bare else None
        rows.append((name, f"{len(body) / 1e6:.2f} MB", fmt(ours), fmt(theirs) if theirs else "-"))
    table(rows, ("page", "size", "wirewatch", "bare trafilatura"))
    print(f"   worst Wirewatch extraction: {worst:.2f} s\n")


HOSTILE_SQL = ["select zeroblob(300000000)",
               "with recursive r(i) as (select 1 union all select i + 1 from r where i < 200) select zeroblob(1000000) from r"]
SLOW_SQL = "with recursive r(i) as (select 1 union all select i + 1 from r) select count(*) from r"


def serve_peak(command: list[str], base: str, limit_mb: int | None) -> tuple[float, float]:
    def limits() -> None:
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=limits)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        idle = _hwm(proc.pid)

        def ask(sql: str) -> None:
            try:
                urllib.request.urlopen(f"{base}/bench.json?sql={urllib.parse.quote(sql)}", timeout=60).read()
            except (urllib.error.URLError, OSError):
                pass

        threads = [threading.Thread(target=ask, args=(sql,)) for sql in HOSTILE_SQL * 3 + [SLOW_SQL] * 6]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return idle, _hwm(proc.pid) if proc.poll() is None else float("nan")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a server stuck on a hostile query does not stop politely
            proc.kill()
            proc.wait(timeout=10)


def _hwm(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024


def bench_datasette(tmp: Path, bare: bool) -> None:
    import storage
    from tests.serving import free_port

    db = tmp / "bench.db"
    storage.open_db(db).close()
    print("3. Datasette under hostile queries (3 x zeroblob(300000000), 3 x 200 rows of 1 MB, 6 slow queries at once)")
    port = free_port()
    idle, peak = serve_peak([sys.executable, "-m", "crawler.cli", "serve", "--db", str(db), "--port", str(port)],
                            f"http://127.0.0.1:{port}", None)
    rows = [("wirewatch serve", f"{idle:.0f} MB", f"{peak:.0f} MB")]
    if bare:
        port = free_port()
        idle, peak = serve_peak([sys.executable, "-m", "datasette", "serve", str(db), "--port", str(port)],
                                f"http://127.0.0.1:{port}", 2048)
        rows.append(("bare datasette (RLIMIT_AS 2 GB)", f"{idle:.0f} MB", f"{peak:.0f} MB" if peak == peak else "died"))
    table(rows, ("server", "idle RSS", "peak RSS"))


def bench_canary(tmp: Path) -> None:
    from tests.faults.faultweb import FaultWeb, article

    print("4. Canary: a hostile site crawled by `wirewatch crawl`")
    with FaultWeb() as web:
        port, base = web.canary_port, "http://hostile.test"
        web.route(f"{base}/robots.txt", status=404)
        targets = [f"http://127.0.0.1:{port}/", "http://169.254.169.254/latest/meta-data/", f"http://2130706433:{port}/",
                   f"http://[::1]:{port}/", f"http://localhost:{port}/"]
        links = []
        for n, target in enumerate(targets):
            web.route(f"{base}/news/r{n}", status=302, headers={"Location": target})
            links.append(f"{base}/news/r{n}")
        web.route(f"{base}/news/refresh", body=f'<meta http-equiv="refresh" content="0; url=http://localhost:{port}/">'.encode())
        web.route(f"{base}/news/fine", body=article("Fine"))
        items = "".join(f"<item><link>{u}</link></item>" for u in [*links, f"{base}/news/refresh", f"{base}/news/fine"])
        web.route(f"{base}/feed.xml", content_type="application/rss+xml",
                  body=f'<?xml version="1.0"?><rss version="2.0"><channel><title>h</title>{items}</channel></rss>'.encode())
        children = ["file:///etc/passwd", "data:text/xml,x", f"ftp://127.0.0.1:{port}/s.xml", f"http://127.0.0.1:{port}/s.xml"]
        web.route(f"{base}/index.xml", content_type="application/xml", body=(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children) + "</sitemapindex>").encode())
        sources = tmp / "sources.toml"
        sources.write_text(f'[[outlet]]\nid = "hostile"\nname = "Hostile"\ncountry = "GB"\nregion = "uk"\n'
                           f'languages = ["en"]\nhomepage = "{base}/"\nallowed_domains = ["hostile.test"]\n'
                           f'feeds = ["{base}/feed.xml"]\nsitemaps = ["{base}/index.xml"]\n'
                           f'[[outlet]]\nid = "insider"\nname = "Insider"\ncountry = "GB"\nregion = "uk"\n'
                           f'languages = ["en"]\nhomepage = "http://127.0.0.1:{port}/"\n'
                           f'allowed_domains = ["127.0.0.1", "localhost"]\n'
                           f'feeds = ["http://127.0.0.1:{port}/f.xml", "http://localhost:{port}/f.xml"]\n', encoding="utf-8")
        env = {**dict(__import__("os").environ), **web.environment()}
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--sources", str(sources), "--db",
                               str(tmp / "crawl.db"), "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"],
                              cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
        print(f"   {proc.stdout.strip()}")
        print(f"   crawl took {time.perf_counter() - started:.1f} s; canary hits: {len(web.canary_hits)}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-bare", action="store_true", help="Only Wirewatch's figures (no bare-library runs).")
    parser.add_argument("--only", default="xml,pages,datasette,canary",
                        help="Comma-separated sections to run (xml, pages, datasette, canary).")
    args = parser.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if "xml" in only:
            bench_xml(tmp, not args.skip_bare)
        if "pages" in only:
            bench_pages(tmp, not args.skip_bare)
        if "datasette" in only:
            bench_datasette(tmp, not args.skip_bare)
        if "canary" in only:
            bench_canary(tmp)


if __name__ == "__main__":
    main()
