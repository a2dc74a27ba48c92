"""Names of the request meta keys the spider sets and Wirewatch's middlewares and errbacks read."""

KIND = "wirewatch_kind"  # feed | sitemap | section | article
OUTLET = "wirewatch_outlet"  # the outlet's id
DOCUMENT = "wirewatch_document"  # for an article: the feed, sitemap or section page that listed it
INDEXES = "wirewatch_indexes"  # for a child sitemap: the canonical URLs of the sitemap indexes that led to it
LINK = "wirewatch_link"  # for an article: its canonical URL as discovered (before redirects and rel=canonical)

DISCOVERY_KINDS = ("feed", "sitemap", "section")
