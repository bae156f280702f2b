import pytest

import phimask


@pytest.fixture(scope="session")
def analyzer() -> phimask.Analyzer:
    return phimask.Analyzer()


def pytest_sessionfinish(session, exitstatus):
    """Under CI (or scripts/test-python) a skipped test is a failure."""
    import os

    if not (os.environ.get("CI") == "true" or os.environ.get("PHIMASK_REQUIRE_ALL")):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        session.exitstatus = 1
        print(f"\n{skipped} test(s) skipped: not allowed under CI")
