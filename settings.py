"""Scrapy and Wirewatch settings, each declared once with its default and a help line.

Scrapy reads this module (``scrapy.cfg`` names it) and picks up every upper-case name. The
``SETTINGS`` table below is the single declaration: the module-level names are generated from
it, the README's settings table is checked against it by the tests, and ``wirewatch crawl
--set NAME=VALUE`` overrides any of them for one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    # Constraints on the value, checked by crawler.overrides (`-s NAME=VALUE`) and by the options that set it:
    # minimum: the smallest value a number setting accepts (with an empty default: empty, or a number); None: any
    minimum: int | float | None = None
    maximum: int | float | None = None  # the largest value a number setting accepts; None: any
    choices: tuple[str, ...] = ()  # the only values a text setting accepts; (): any
    url_schemes: tuple[str, ...] = ()  # a URL setting: the schemes it accepts (empty text: unset); (): any text
    language: bool = False  # the value is an ISO 639-1 code, checked by `-s` (processing.language_codes)
    required: bool = False  # a text setting that may not be empty (an empty User-Agent sent no header at all)


SETTINGS: tuple[Setting, ...] = (
    # --- Wirewatch's own settings -------------------------------------------------------
    Setting("WIREWATCH_DB", "wirewatch.db",
            "Path of the SQLite store (also `--db` and the `WIREWATCH_DB` environment variable)."),
    Setting("WIREWATCH_SOURCES", "",
            "Source registry (TOML). Empty means the `sources.toml` at the project's root, beside settings.py "
            "(also `--sources`)."),
    Setting("WIREWATCH_MAX_HTML_BYTES", 5_000_000,
            "Article pages larger than this many bytes are not extracted: stored with extraction_status "
            "`too_large` and counted as `extraction_too_large`.", minimum=1),
    Setting("WIREWATCH_EXTRACT_TIMEOUT", 20.0,
            "Seconds one page's extraction may take; past it the worker process is killed and replaced, "
            "and the page is stored with extraction_status `timeout`. At most an hour (3600): the wait for a "
            "worker cannot be longer than the system's clock allows (1e9 s overflowed it).", minimum=0.1,
            maximum=3600),
    Setting("WIREWATCH_EXTRACT_WORKERS", 0,
            "Worker processes doing each article page's extraction, language detection and MinHash signing "
            "in parallel (each is reused from page to page); 0 means one per CPU core. At most 64: each is a "
            "Python process of about 100 MB (`-s WIREWATCH_EXTRACT_WORKERS=100000` spawned processes until the "
            "machine ran out of memory).", minimum=0, maximum=64),
    Setting("WIREWATCH_SITEMAP_WINDOW_HOURS", 48,
            "Sitemap entries and child sitemaps dated (`news:publication_date`, else `lastmod`) earlier than "
            "this many hours ago are not fetched. At most ten years (87600): a window reaching before year 1 "
            "ended the crawl in an OverflowError before it recorded a run.", minimum=1, maximum=87_600),
    Setting("WIREWATCH_REFRESH", False,
            "Fetch articles already stored and read feeds in full, ignoring ETag / Last-Modified (also `--refresh`)."),
    Setting("WIREWATCH_TRANSLATE", True,
            "Translate articles during the crawl when a model is installed; off (`crawl --no-translate`) "
            "stores them `pending` for `wirewatch translate`."),
    Setting("WIREWATCH_TRANSLATION_TARGET", "en",
            "Language articles are translated into (ISO 639-1); stored in `title_en` and `text_en`.", language=True),
    Setting("WIREWATCH_DEDUP", True,
            "Group each stored article with its near-duplicates into a story during the crawl "
            "(`wirewatch dedup` does it afterwards)."),
    Setting("WIREWATCH_ALLOW_PRIVATE_ADDRESSES", False,
            "Allow requests to loopback, private, link-local, multicast and reserved addresses (SSRF rule, see "
            "Reliability and security). Off for real crawls; the demo and the tests turn it on (their web is 127.0.0.1)."),
    Setting("WIREWATCH_MAX_RUN_SECONDS", 1740,
            "Hard wall-clock limit of one crawl, in seconds: past it the crawl is stopped, its run recorded "
            "`timed_out` and the lock released, whatever is stuck; a crawl lock older than this (plus the grace) is broken; 0: no limit. "
            "At most a year (31536000): a deadline past the system clock's range failed its timer thread with an OverflowError.",
            minimum=0, maximum=31_536_000),
    Setting("WIREWATCH_PARSE_TIMEOUT", 20.0,
            "Seconds a feed or sitemap may take to parse; it is parsed off the reactor thread, and past this "
            "it is given up as `parse_timeout`.", minimum=0.01, maximum=3_600),
    Setting("WIREWATCH_MAX_ELEMENTS", 25_000,
            "Article pages with more HTML elements than this are not extracted (stored `too_large`): extraction "
            "time grows with the element count, not only the bytes.", minimum=1),
    Setting("WIREWATCH_REDIS_URL", "",
            "Cluster mode: Redis (>= 6.2) holding the shared frontier and the articles stream, e.g. "
            "`redis://HOST:6379/0` (also `--redis` and the `WIREWATCH_REDIS_URL` environment variable). "
            "Empty: single-machine mode, no Redis.", url_schemes=("redis", "rediss", "unix")),
    Setting("WIREWATCH_CLUSTER_PIPELINES", {
        "crawler.pipelines.storage.StoragePipeline": None,
        "crawler.pipelines.dedup.DedupPipeline": None,
        "crawler.pipelines.stream.StreamPipeline": 900,
    }, "Cluster workers: applied over ITEM_PIPELINES (the ingester stores and clusters; workers publish)."),
    Setting("WIREWATCH_CLUSTER_DELAY", "",
            "Cluster workers: seconds between two request starts to one site for the whole cluster (a "
            "per-host slot in Redis). Empty: DOWNLOAD_DELAY. Each worker's own delay and AutoThrottle are then off.",
            minimum=0, maximum=3_600),
    # --- Scrapy settings Wirewatch sets ---------------------------------------------------
    Setting("BOT_NAME", "wirewatch", "Scrapy bot name.", required=True),
    Setting("SPIDER_MODULES", ["spiders"], "Where Scrapy finds the spiders."),
    Setting("NEWSPIDER_MODULE", "spiders", "Where `scrapy genspider` puts new spiders."),
    Setting("USER_AGENT", "Wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; news monitoring; "
            "contact: wirewatch@example.org)",
            "User-Agent sent with every request; put your own contact address in it.", required=True),
    Setting("ROBOTSTXT_OBEY", True,
            "Obey robots.txt; a robots.txt answering 5xx skips that host for the run (RFC 9309)."),
    Setting("AUTOTHROTTLE_ENABLED", True, "Adapt the delay per site to its response times."),
    Setting("AUTOTHROTTLE_START_DELAY", 2.0, "AutoThrottle's first delay per site, in seconds.", minimum=0, maximum=3_600),
    Setting("AUTOTHROTTLE_MAX_DELAY", 30.0, "AutoThrottle's longest delay per site, in seconds.", minimum=0, maximum=3_600),
    Setting("AUTOTHROTTLE_TARGET_CONCURRENCY", 1.0, "Requests AutoThrottle aims to have in flight per site.",
            minimum=0.1),
    Setting("CONCURRENT_REQUESTS", 16, "Parallel requests in all. At most 10000: a cluster worker reads this many "
            "queued requests from Redis at once, and Redis refused a larger count (a traceback, the worker idle).",
            minimum=1, maximum=10_000),
    Setting("CONCURRENT_REQUESTS_PER_DOMAIN", 2, "Parallel requests to one site.", minimum=1, maximum=1_000),
    Setting("CONCURRENT_ITEMS", 4,
            "Items and requests of one response processed in parallel (Scrapy's default, 100, starts 100 "
            "asyncio tasks for every response, though an article page yields one item; issue #15). At most "
            "1000: `-s CONCURRENT_ITEMS=99999999999999999999999` grew the crawl until the system killed it.",
            minimum=1, maximum=1000),
    Setting("DOWNLOAD_DELAY", 1.0, "Seconds between requests to one site (AutoThrottle's minimum). At most an hour: "
            "`1e300` was taken, and the crawl fetched nothing after its first request until its time limit.",
            minimum=0, maximum=3_600),
    Setting("DOWNLOAD_TIMEOUT", 30, "Seconds before a request is given up.", minimum=1, maximum=3_600),
    Setting("DOWNLOAD_MAXSIZE", 10 * 1024 * 1024, "Responses larger than this many bytes are cancelled (0: no limit).",
            minimum=0),
    Setting("DOWNLOAD_WARNSIZE", 0, "Size warning threshold (0, off: DOWNLOAD_MAXSIZE is the limit).",
            minimum=0),
    Setting("RETRY_TIMES", 1, "Retries of a failed request before it counts as failed.", minimum=0, maximum=100),
    Setting("CLOSESPIDER_TIMEOUT", 1500,
            "Seconds after which a crawl stops (below a 30-minute cron interval; 0: no limit).",
            minimum=0, maximum=31_536_000),
    Setting("TELNETCONSOLE_ENABLED", False, "Scrapy's telnet console (off for cron)."),
    Setting("REMOTE_CONTROL_ENABLED", False, "Scrapy's remote-control HTTP server (off for cron)."),
    Setting("LOG_LEVEL", "INFO", "Scrapy's log level (the CLI sets the console level itself).",
            choices=("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")),
    Setting("ITEM_PIPELINES", {
        "crawler.pipelines.processing.ProcessingPipeline": 100,
        "crawler.pipelines.translation.TranslationPipeline": 300,
        "crawler.pipelines.storage.StoragePipeline": 900,
        "crawler.pipelines.dedup.DedupPipeline": 950,
    }, "Processing steps, in order."),
    Setting("DOWNLOAD_HANDLERS", {"file": None, "ftp": None, "s3": None, "data": None},
            "Only http and https are fetched: Scrapy's file, ftp, s3 and data handlers are off."),
    Setting("DOWNLOADER_MIDDLEWARES", {
        "crawler.middlewares.egress.EgressPolicy": 50,
        "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
        "crawler.middlewares.robots.RobotsPolicy": 100,
    }, "Wirewatch's egress rule (http(s), the outlet's domains, public addresses) on every request, and its "
        "robots.txt policy in place of Scrapy's (5xx or unreachable: host skipped for the run)."),
    Setting("EXTENSIONS", {
        "crawler.extensions.run_recorder.RunRecorder": 100,
        "crawler.extensions.run_deadline.RunDeadline": 110,
        "crawler.extensions.watch_recorder.WatchRecorder": 200,
        "crawler.extensions.progress.ProgressLine": 500,
        "crawler.extensions.heap.HeapSettling": 900,
        "crawler.extensions.item_errors.ItemErrors": 50,
    }, "Wirewatch extensions (the crawl_runs record; the hard time limit; watch hits recorded at the end of each crawl; the progress line of `crawl -v` "
       "on a terminal; the garbage collector set for the run, processing.heap; a page a pipeline or a spider callback "
       "failed on counted as `pipeline_error` or `spider_error`)."),
    Setting("FEED_EXPORT_ENCODING", "utf-8", "Encoding of `scrapy crawl -o` exports."),
)

globals().update({s.name: s.default for s in SETTINGS})
