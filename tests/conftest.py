from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ("sphinx.testing.fixtures",)

# Hypothesis profiles: "default" keeps a local run quick; "ci" is the
# thorough run (at least 10,000 examples per property). CI sets CI=true
# (GitHub Actions and most CI systems do), so `.ci/run` gets the CI profile
# without any extra flag. HYPOTHESIS_PROFILE picks a profile by name.
_COMMON = {
    "deadline": None,  # timing on a shared CI machine is not a property
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("default", max_examples=200, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("ci", max_examples=10_000, print_blob=True, **_COMMON)  # type: ignore[arg-type]
_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _CI else "default"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"
