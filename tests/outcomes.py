"""What a finished export of the demo workspace must look like, for tests that export it.

The demo workspace holds one attachment on purpose whose bytes the server's storage lost (like a real
server after a broken migration). An export with files therefore ends "incomplete" with exactly that kind
of problem; any other problem is a failure, not a pass."""

from __future__ import annotations

from mmexport.exporting.events import RunFinished

LOST_FILE = "“{name}” is no longer on the server."


def assert_only_lost_files(result: RunFinished) -> None:
    """Incomplete, and only because of attachments the server no longer has."""
    assert result.outcome == "incomplete", result.message
    assert result.problems, "incomplete without a problem listed"
    unexpected = [p for p in result.problems if not p.get("file_id") or p.get("template") != LOST_FILE]
    assert not unexpected, unexpected


def assert_done(result: RunFinished) -> None:
    assert result.outcome == "done", (result.message, result.problems)
    assert not result.problems


def assert_nothing_lost_but_lost_files(result: RunFinished) -> None:
    """For a selection that may or may not hold the lost attachment: done, or incomplete only by it."""
    if result.outcome == "done":
        assert_done(result)
    else:
        assert_only_lost_files(result)
