"""Cluster mode: many crawl workers on scrapy-redis and Redis, one SQLite writer.

Roles: ``schedule`` (crawler.cluster.schedule) enqueues every enabled outlet's discovery documents
once per cycle; workers (spiders.news_cluster, run by crawler.cluster.worker) fetch and process
articles and publish them to a Redis Stream (crawler.pipelines.stream); one ingester
(crawler.cluster.ingest) reads the stream with a consumer group and writes the SQLite store.
Single-machine mode (`wirewatch crawl`) imports none of this.
"""
