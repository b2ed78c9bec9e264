"""A tiny pure-Python package, installed next to the handler (as `pip install -t .` would)."""
import re

__version__ = "1.0.0"


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
