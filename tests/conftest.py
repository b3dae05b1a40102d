"""Shared test settings: one hypothesis profile, and a seeded generator per test."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# Enough examples to find edge cases in small vectorized functions, few enough for a fast suite.
settings.register_profile(
    "dlnotes", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("dlnotes")


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(0)
