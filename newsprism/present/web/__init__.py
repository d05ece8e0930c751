"""The web app and JSON API: every page is also served as JSON at the same route + `.json`."""

from .app import create_app

__all__ = ["create_app"]
