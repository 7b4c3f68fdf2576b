from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


DOCS = Path(__file__).parent.parent / "docs"
sys.path.insert(0, str(DOCS.parent))
import dev  # noqa: E402 - the developer script beside tests/, for its docs command

sys.path.remove(str(DOCS.parent))
# The five themes the docs must build under without a warning (issue: themes).
DOCS_THEMES = ("papernotes", "alabaster", "furo", "pydata_sphinx_theme", "sphinx_rtd_theme")


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], DocsBuild]:
    """Build the documentation under a theme, once per test session."""
    built: dict[str, DocsBuild] = {}

    def build(theme: str) -> DocsBuild:
        if theme not in built:
            out = tmp_path_factory.mktemp(f"docs-{theme}")
            command = dev.docs_command(sys.executable, out / "html", "-d", str(out / "doctrees"))
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                check=False,
                # A process of its own: themes change shared defaults of Sphinx.
                env=os.environ | {"PAPERNOTES_DOCS_THEME": theme},
            )
            built[theme] = DocsBuild(out / "html", result.returncode, result.stderr)
        return built[theme]

    return build


@dataclass(frozen=True)
class DocsBuild:
    html: Path
    returncode: int
    stderr: str


@pytest.fixture(autouse=True, scope="session")
def _metadata_services_on_loopback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """``papernotes new`` never reaches arXiv, doi.org or OpenReview from a test:
    the services default to a closed port on the loopback address (tests that
    fetch point them at their own server), and answers are cached in a temp folder."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("PAPERNOTES_ARXIV_API", "PAPERNOTES_DOI_API", "PAPERNOTES_OPENREVIEW_API"):
            patch.setenv(name, "http://127.0.0.1:9/")
        patch.setenv("PAPERNOTES_CACHE_DIR", str(tmp_path_factory.mktemp("metadata-cache")))
        yield
