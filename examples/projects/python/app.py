# Needs the package installed next to it (tinyslug) and the GREETING
# environment variable: it fails at init when either is missing.
import os

from tinyslug import slugify

GREETING = os.environ["GREETING"]


def lambda_handler(event, context):
    title = (event or {}).get("title", "Tune The Project You Have")
    return {"slug": slugify(title), "greeting": GREETING}
