"""Shared test settings and fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "city-of-london" / "offer.json"
REFERENCE = REPO.parent / "shared" / "reference"

settings.register_profile(
    "default", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile("thorough", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def reference() -> Path:
    """The official Open Referral schemas and examples in ../shared/reference."""
    if not REFERENCE.is_dir():
        pytest.skip(f"the shared reference folder {REFERENCE} is not present beside the repository")
    return REFERENCE
