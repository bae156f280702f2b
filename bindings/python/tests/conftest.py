import pytest

import phimask


@pytest.fixture(scope="session")
def analyzer() -> phimask.Analyzer:
    return phimask.Analyzer()
