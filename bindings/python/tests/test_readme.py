"""Runs every Python example of the package README."""

import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), re.S)


def test_readme_has_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("i", range(len(BLOCKS)))
def test_readme_example(i, capsys):
    exec(compile(BLOCKS[i], f"README.md[{i}]", "exec"), {})
    if i == 0:
        out = capsys.readouterr().out
        assert "123-45-6789" not in out and "John Smith" not in out and "last week" in out
