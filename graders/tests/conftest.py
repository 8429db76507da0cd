import pytest

import graders


@pytest.fixture(autouse=True)
def french_by_default(monkeypatch):
    """Every test starts in the default language, whatever the machine's environment says."""
    monkeypatch.delenv("CODELAB_LANGUAGE", raising=False)
    graders.set_language(None)
    yield
    graders.set_language(None)


@pytest.fixture
def fails():
    """`with fails("alt") as failure:` expects a CheckFailed whose sentence contains the words."""

    def expect(*words):
        return pytest.raises(graders.CheckFailed, match="(?s)" + ".*".join(map(_escape, words)))

    return expect


def _escape(word):
    import re

    return re.escape(word)
