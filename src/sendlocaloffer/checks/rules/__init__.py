"""The built-in rules, one module a group. Importing this package registers them.

- :mod:`.offer`: the offer as a whole (feedback, access without internet, contact, review, statutory links);
- :mod:`.coverage`: what the offer covers (categories, levels, out-of-area and Schedule 2 provider types);
- :mod:`.service`: each service (name, description, contact, access, ages, cost, freshness, schools);
- :mod:`.integrity`: ids and references;
- :mod:`.quality`: duplicates, placeholders and copied text.
"""

from . import coverage, integrity, offer, quality, service

__all__ = ["coverage", "integrity", "offer", "quality", "service"]
