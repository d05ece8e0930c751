"""Inputs -> RawPages: local files (files), web pages by URL (fetch, urls, pages), RSS/Atom feeds and OPML
lists (feeds), sitemaps (sitemaps), web archives (warc), and the polling loop over feeds (watch)."""
