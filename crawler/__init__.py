"""Scrapy glue for Wirewatch: the Article item, pipelines, middlewares, extensions and the CLI."""
