from collections.abc import Iterator

import pytest

from tests.deployment.deployment import Deployment, deployed


@pytest.fixture(scope="package")
def deployment(tmp_path_factory, installed_wheel) -> Iterator[Deployment]:
    """One deployment for all tests of this folder: it takes many seconds to start."""
    with deployed(tmp_path_factory.mktemp("deployment"), installed_wheel) as running:
        yield running
