"""Crawl speed on loopback: the full Wirewatch crawl against a bare Scrapy spider and the bare
processing libraries, same pages.

Generates a synthetic news site (a few hundred article pages, English and Arabic, with the usual
navigation, share widgets and footer; each page a story of its own with its own content words, and
every 20th a wire copy of an earlier one, so that dedup finds as few candidates as on real news:
distinct stories do not share LSH bands), serves it from the sample-web server on 127.0.0.1 (with
HTTP/1.1 keep-alive, as real web servers do: with a new connection for every page, connecting and
closing cost the crawler 0.3 ms and the server, which shares the cores, another 0.3 ms of CPU per
page, #15), then in fresh processes:

- full: `wirewatch crawl`'s code path (news spider: feed, robots.txt, frontier, then extraction,
  language detection and storage of every article);
- bare: a Scrapy spider fetching the same feed and the same article URLs and doing nothing with
  them, with the same concurrency and politeness settings;
- floor: the same pages pushed through the bare libraries Wirewatch builds on, no Scrapy:
  ``trafilatura.extract``, ``langdetect.detect``, a datasketch ``MinHash`` of the text's 5-word
  shingles (the same normalised words, ``num_perm`` and seed as `wirewatch dedup`) in a
  ``multiprocessing`` pool over all cores, and one sqlite-utils upsert per page in the parent.

Prints article pages per second for each (Scrapy's own elapsed time, so interpreter and worker
start-up are not counted; the floor is timed from a warm pool), the ratio full / min(bare, floor)
(issue #15's goal: >= 0.8, flat as the run grows), the full crawl's peak memory (its own
process, and the largest worker), the crawl process's resident memory at each fifth of the run, and
its CPU time per page in each fifth of the run (the crawl
process's, and its workers'): flat as the run grows, and unlike pages/s, not moved by the load
other jobs put on the machine. Beside it, all the CPU time per page of the full crawl (spider open
to close) and of the floor (timed part): their ratio is what the pages/s ratio would be if both
kept every core busy, a figure other jobs on the machine hardly move.

    python benchmarks/crawl_benchmark.py [--pages 300] [--repeat 2] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SITE = "bench-news"

# Words every story shares: function words and the commonest news words (the first half of each
# list), then a story's own content words (a topic of its own, as distinct stories have): two stories
# share few content words, so their terms signatures do not collide in the LSH bands (Jaccard ~0.05),
# while a republished copy (every WIRE_EVERY-th page repeats an earlier story) does.
EN_COMMON = ("the of and to in a that for on with as by at from was is it has will after said would about "
             "but not have be this which their more than been were also its they who over new into year two "
             "government officials minister people week told city country").split()
AR_COMMON = ("في من الى على ان عن مع التي الذي هذا هذه كان قد بعد قبل خلال بين كل او ما لا لم ذلك حيث "
             "عند قال وقال واضاف اليوم العام الحكومة المسؤولين الوزير المدينة البلاد الناس").split()
EN_SYLLABLES = "ba ri ton mel ka dor lin ves qua pro sen tal mor gri fen lu dra nik sol ver pa ste ham cor".split()
AR_LETTERS = "بتثجحخدرزسشصضطعغفقكلمنهوي"
COMMON_SHARE = 0.55  # of a paragraph's words
WIRE_EVERY = 20  # every 20th page republishes the story 12 pages before it (a wire copy)
NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))


def topic(rng: random.Random, arabic: bool, size: int = 80) -> list[str]:
    """A story's own content words: made-up words, drawn from a space of ~10^5 (English-like syllables
    or Arabic letters), so two stories rarely share one."""
    if arabic:
        return ["".join(rng.choice(AR_LETTERS) for _ in range(rng.randint(4, 6))) for _ in range(size)]
    return ["".join(rng.choice(EN_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def paragraph(rng: random.Random, common: list[str], own: list[str]) -> str:
    text = " ".join(rng.choice(common if rng.random() < COMMON_SHARE else own) for _ in range(rng.randint(40, 80)))
    return text[0].upper() + text[1:] + "."


def story(seed: int, arabic: bool) -> tuple[str, list[str]]:
    """One story's title and paragraphs, the same for every page that carries it."""
    rng = random.Random(seed)
    common, own = (AR_COMMON, topic(rng, True)) if arabic else (EN_COMMON, topic(rng, False))
    title = " ".join(rng.choice(own) for _ in range(8))
    return title, [paragraph(rng, common, own) for _ in range(rng.randint(8, 14))]


def article_html(rng: random.Random, index: int, arabic: bool) -> str:
    """Article page ``index``: its own story, or (every WIRE_EVERY-th page) a wire copy of an earlier
    page's story with one paragraph of its own. ``rng`` draws only what is not the story's."""
    original = index - 12 if index % WIRE_EVERY == WIRE_EVERY - 1 else index  # 12: the same language
    title, paragraphs = story(20261120 + original, arabic)
    if original != index:
        paragraphs = paragraphs[:-1] + [paragraph(rng, AR_COMMON if arabic else EN_COMMON, topic(rng, arabic))]
    body = "\n".join(f"<p>{text}</p>" + ("\n<p>Advertisement</p>" if i == 3 else "")
                     for i, text in enumerate(paragraphs))
    lang, direction = ("ar", "rtl") if arabic else ("en", "ltr")
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><title>{title} | Bench News</title>
<link rel="canonical" href="{{{{base}}}}/news/2026/{index:05d}">
<meta property="article:published_time" content="2026-11-20T08:00:00+00:00">
<script>window.dataLayer = [{{"page": "article", "id": {index}}}];</script>
<style>body{{font-family:sans-serif}} .share{{display:flex}} nav li{{display:inline}}</style></head>
<body><div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<header><a href="/">Bench News</a><nav><ul>{NAV}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
<div class="share"><a href="#">Share on X</a><a href="#">Share on Facebook</a><a href="#">Email</a></div>
{body}
</article><aside><h3>Most read</h3><ol>{"".join(f'<li><a href="/news/2026/{(index + k) % 997:05d}">Story {k}</a></li>' for k in range(10))}</ol></aside></main>
<footer><p>© 2026 Bench News. All rights reserved.</p><ul>{NAV}</ul></footer></body></html>
"""


def build_site(root: Path, pages: int) -> tuple[Path, Path, list[str]]:
    """Write the synthetic site and its registry; return (sites dir, registry template, article paths)."""
    rng = random.Random(20261120)
    site = root / "sites" / SITE
    (site / "news" / "2026").mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    paths = [f"/news/2026/{i:05d}" for i in range(pages)]
    for i, path in enumerate(paths):
        (site / (path.lstrip("/") + ".html")).write_text(article_html(rng, i, arabic=i % 3 == 2), encoding="utf-8")
    items = "".join(f"<item><title>Story {i}</title><link>{{{{base}}}}{p}</link><pubDate>{{{{rfc822:now-1h}}}}"
                    f"</pubDate></item>" for i, p in enumerate(paths))
    (site / "feed.xml").write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                   f"<title>Bench News</title><link>{{{{base}}}}/</link><description>bench"
                                   f"</description>{items}</channel></rss>", encoding="utf-8")
    registry = root / "sources.template.toml"
    registry.write_text(f"""[[outlet]]
id = "{SITE}"
name = "Bench News"
country = "GB"
region = "uk"
languages = ["en", "ar"]
homepage = "{{{{base:{SITE}}}}}/"
allowed_domains = ["{SITE}.test"]
feeds = ["{{{{base:{SITE}}}}}/feed.xml"]
article_pattern = "^/news/"
""", encoding="utf-8")
    return root / "sites", registry, paths


def local_settings(concurrency: int) -> dict[str, Any]:
    return {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "LOG_LEVEL": "ERROR"}


# --- workers (run in their own process: a Twisted reactor starts once per process) -------------

def _children_cpu() -> float:
    """CPU seconds used so far by this process's live children (the crawl's workers), from /proc."""
    me, total = str(os.getpid()), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _resident_mib() -> float:
    """This process's resident memory now, in MiB (/proc/self/statm: pages)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def work_full(sources: Path, db: Path, concurrency: int, pages: int) -> dict[str, Any]:
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler import runner

    config = runner.CrawlConfig(db=db, sources=sources, overrides=local_settings(concurrency))
    runner.check(config)
    process = CrawlerProcess(runner.build_settings(config))
    crawler = process.create_crawler("news")
    marks: list[tuple[float, float]] = []  # (crawl process, workers) CPU seconds at each fifth of the items
    rss: list[float] = []  # the crawl process's resident memory (MiB) at each fifth of the items
    step = max(1, pages // 5)

    scraped_count = [0]
    moments: dict[str, float] = {}  # monotonic seconds of the run's milestones

    def scraped(**_: Any) -> None:
        scraped_count[0] += 1
        done = scraped_count[0]
        moments.setdefault("first_item", time.monotonic())
        moments["last_item"] = time.monotonic()
        if done == 1 or done % step == 0:
            marks.append((_own_cpu(), _children_cpu()))
            if done > 1:
                rss.append(_resident_mib())

    crawler.signals.connect(scraped, signal=signals.item_scraped)
    cpu_at: dict[str, float] = {}  # CPU seconds (crawl process + workers) at the spider's opening and closing

    def mark(name: str) -> None:
        moments.setdefault(name, time.monotonic())
        ended = resource.getrusage(resource.RUSAGE_CHILDREN)
        # Workers still running, and those already ended and waited for (the pool closes before the spider).
        cpu_at.setdefault(name, _own_cpu() + ended.ru_utime + ended.ru_stime + _children_cpu())

    crawler.signals.connect(lambda **_: mark("opened"), signal=signals.spider_opened, weak=False)
    crawler.signals.connect(lambda **_: mark("closed"), signal=signals.spider_closed, weak=False)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    per_page = [(1000 * (b[0] - a[0]) / step, 1000 * (b[1] - a[1]) / step) for a, b in zip(marks, marks[1:])]
    return {"pages": int(stats.get("wirewatch/articles_fetched", 0)), "elapsed": stats["elapsed_time_seconds"],
            "stored": int(stats.get("wirewatch/stored/new", 0)), "cpu_ms_per_page": per_page, "rss_by_fifth": rss,
            "moments": {name: round(at - moments["opened"], 3) for name, at in moments.items()},
            # Cores kept busy between the spider's opening and closing (crawl process and its workers).
            "cores_busy": (cpu_at["closed"] - cpu_at["opened"]) / max(moments["closed"] - moments["opened"], 1e-9),
            "total_cpu_ms_per_page": 1000 * (cpu_at["closed"] - cpu_at["opened"]) / max(1, int(stats.get("wirewatch/articles_fetched", 0))),
            "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def work_bare(feed: str, urls: list[str], concurrency: int) -> dict[str, Any]:
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.http import Request, Response

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self) -> AsyncIterator[Request]:
            yield Request(feed, callback=self.nothing)
            for url in urls:
                yield Request(url, callback=self.nothing)

        def nothing(self, response: Response) -> None:
            return None

    process = CrawlerProcess({**local_settings(concurrency), "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False,
                              "DOWNLOAD_TIMEOUT": 30, "USER_AGENT": "bench", "LOG_LEVEL": "ERROR"})
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    stats = crawler.stats.get_stats()
    pages = int(stats.get("response_received_count", 0)) - 2  # not robots.txt, not the feed
    return {"pages": pages, "elapsed": stats["elapsed_time_seconds"]}


# --- the processing floor: the bare libraries, all cores, no Scrapy -----------------------------

def _floor_init() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    _floor_page("<html><body><article><p>Warm up: the council met on monday.</p></article></body></html>")


def _floor_page(html: str) -> tuple[str | None, str | None, bytes]:
    """One page through trafilatura, langdetect and datasketch: (text, language, signature bytes)."""
    import trafilatura
    from datasketch import MinHash
    from langdetect import LangDetectException, detect

    from processing.dedup import DedupOptions, words

    text = trafilatura.extract(html)
    language = None
    try:
        language = detect(text) if text else None
    except LangDetectException:
        pass
    options = DedupOptions()
    tokens = words(text or "")
    k = options.shingle_words
    shingles = [" ".join(tokens[i:i + k]).encode("utf-8") for i in range(max(1, len(tokens) - k + 1))]
    minhash = MinHash(num_perm=options.num_perm, seed=options.seed)
    minhash.update_batch(shingles)
    return text, language, minhash.hashvalues.tobytes()


def work_floor(pages: list[tuple[str, str]], db_path: Path) -> dict[str, Any]:
    """pages: (canonical URL, HTML). Timed from a warm pool of one process per core."""
    import multiprocessing

    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    db.enable_wal()
    with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 1, initializer=_floor_init) as pool:
        pool.map(abs, range(4 * (os.cpu_count() or 1)))  # every worker started and initialised
        cpu_before = _own_cpu() + _children_cpu()
        start = time.perf_counter()
        results = pool.imap(_floor_page, [html for _, html in pages], chunksize=1)
        for (url, _), (text, language, signature) in zip(pages, results):
            db["articles"].upsert({"canonical_url": url, "text": text, "language": language,
                                   "signature": signature}, pk="canonical_url")
        elapsed = time.perf_counter() - start
        cpu = _own_cpu() + _children_cpu() - cpu_before
    db.close()
    return {"pages": len(pages), "elapsed": elapsed, "cpu_ms_per_page": 1000 * cpu / len(pages)}


def _own_cpu() -> float:
    """CPU seconds used so far by this process (user and system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def run_worker(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=4 * 3600)  # 5,000 pages on a loaded machine take long
    if proc.returncode != 0:
        raise SystemExit(f"worker {args[:2]} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="article pages to generate")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is reported")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent requests (both crawlers)")
    parser.add_argument("--worker", choices=["full", "bare", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--urls", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker == "full":
        print(json.dumps(work_full(args.sources, args.db, args.concurrency, args.pages)))
        return
    if args.worker == "bare":
        urls = json.loads(args.urls.read_text(encoding="utf-8"))
        print(json.dumps(work_bare(urls[0], urls[1:], args.concurrency)))
        return
    if args.worker == "floor":
        print(json.dumps(work_floor(json.loads(args.urls.read_text(encoding="utf-8")), args.db)))
        return

    from crawler.sampleweb.server import SampleWeb

    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmp_name:
        tmp = Path(tmp_name)
        sites, template, paths = build_site(tmp, args.pages)
        with SampleWeb(sites_dir=sites, keep_alive=True) as web:
            sources = web.write_sources(tmp / "sources.toml", template=template)
            base = web.base(SITE)
            urls_file = tmp / "urls.json"
            urls_file.write_text(json.dumps([f"{base}/feed.xml"] + [base + p for p in paths]), encoding="utf-8")
            env = {**os.environ, **web.environment()}
            pages_file = tmp / "pages.json"
            pages_file.write_text(json.dumps([
                (base + p, (tmp / "sites" / SITE / (p.lstrip("/") + ".html")).read_text(encoding="utf-8")
                 .replace("{{base}}", base)) for p in paths]), encoding="utf-8")
            common = ["--concurrency", str(args.concurrency)]
            full, bare, floor = [], [], []
            for i in range(args.repeat):
                full.append(run_worker(["--worker", "full", "--sources", str(sources), "--db",
                                        str(tmp / f"bench{i}.db"), "--pages", str(args.pages), *common], env))
                bare.append(run_worker(["--worker", "bare", "--urls", str(urls_file), *common], env))
                floor.append(run_worker(["--worker", "floor", "--urls", str(pages_file), "--db",
                                         str(tmp / f"floor{i}.db")], env))

    def best(runs: list[dict[str, Any]]) -> tuple[dict[str, Any], float]:
        top = max(runs, key=lambda r: r["pages"] / r["elapsed"])
        return top, top["pages"] / top["elapsed"]

    (best_full, full_rate), (best_bare, bare_rate), (best_floor, floor_rate) = best(full), best(bare), best(floor)
    print(f"crawl benchmark: {args.pages} article pages on 127.0.0.1, concurrency {args.concurrency}, "
          f"{os.cpu_count()} cores, best of {args.repeat}, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"  bare fetch (Scrapy spider, doing nothing):       {best_bare['pages']} pages in "
          f"{best_bare['elapsed']:.2f} s = {bare_rate:.1f} pages/s")
    print(f"  processing floor (bare libraries, all cores):    {best_floor['pages']} pages in "
          f"{best_floor['elapsed']:.2f} s = {floor_rate:.1f} pages/s")
    print(f"  full crawl (discovery, processing, storage, dedup): {best_full['pages']} pages in "
          f"{best_full['elapsed']:.2f} s = {full_rate:.1f} pages/s ({best_full['stored']} stored)")
    print(f"  ratio full / min(bare fetch, floor): {full_rate / min(bare_rate, floor_rate):.2f}"
          f"   (full / bare {full_rate / bare_rate:.2f}, full / floor {full_rate / floor_rate:.2f})")
    print(f"  full crawl peak memory: {best_full['rss_mib']:.0f} MiB (crawl process), "
          f"{best_full['worker_rss_mib']:.0f} MiB (largest worker)")
    print("  full crawl process's memory at each fifth of the run: " + ", ".join(
        f"{mib:.0f}" for mib in best_full["rss_by_fifth"]) + " MiB")
    print("  full crawl CPU per page, by fifth of the run (crawl process + workers): " + ", ".join(
        f"{own:.1f} + {workers:.1f} ms" for own, workers in best_full["cpu_ms_per_page"]))
    print(f"  CPU per page (all cores, not moved by the load as pages/s is): full crawl "
          f"{best_full['total_cpu_ms_per_page']:.1f} ms (crawl process and workers, spider open to close), "
          f"floor {best_floor['cpu_ms_per_page']:.1f} ms (pool and parent); ratio floor / full "
          f"{best_floor['cpu_ms_per_page'] / best_full['total_cpu_ms_per_page']:.2f}")
    moments = best_full["moments"]
    print(f"  full crawl timeline (s after the spider opened): first item {moments.get('first_item', 0):.2f}, "
          f"last item {moments.get('last_item', 0):.2f}, closed {moments.get('closed', 0):.2f}; "
          f"cores kept busy {best_full['cores_busy']:.2f} of {os.cpu_count()} (crawl process and workers)")

if __name__ == "__main__":
    main()
