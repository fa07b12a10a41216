"""Pages made from an offer: the family-facing document, and the gaps and changes reports.

Every page is rendered from Jinja2 templates with autoescaping on, needs no JavaScript, inlines
its styles and is one self-contained file; the same input always gives the same bytes.
"""

from .offer import describe_service, offer_html, write_offer_html

__all__ = ["describe_service", "offer_html", "write_offer_html"]
