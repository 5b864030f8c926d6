"""What a conversion wrote and what it had to leave out, in words a person can act on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ConversionReport:
    target: str
    out_zip: Path | None = None
    written: Counter = field(default_factory=Counter)  # kind ("posts", "users", ...) -> how many
    _left: Counter = field(default_factory=Counter, repr=False)  # (what, why) -> how many
    _changed: Counter = field(default_factory=Counter, repr=False)

    def count(self, kind: str, n: int = 1) -> None:
        self.written[kind] += n

    def leave_out(self, what: str, why: str, n: int = 1) -> None:
        self._left[(what, why)] += n

    def note_change(self, what: str, why: str, n: int = 1) -> None:
        self._changed[(what, why)] += n

    @property
    def left_out(self) -> list[tuple[str, int, str]]:
        """(what, count, why) for everything the target could not take."""
        return [(what, n, why) for (what, why), n in sorted(self._left.items())]

    @property
    def changed(self) -> list[tuple[str, int, str]]:
        """(what, count, why) for things written in a different shape than in the archive."""
        return [(what, n, why) for (what, why), n in sorted(self._changed.items())]

    def summary(self) -> str:
        lines = [f"Written for {TARGET_NAMES.get(self.target, self.target)}:"]
        for kind, n in self.written.items():
            if n:
                lines.append(f"  {n} {kind.replace('_', ' ')}")
        if self._left:
            lines.append("Left out:")
            lines += [f"  {n} {what}: {why}" for what, n, why in self.left_out]
        else:
            lines.append("Nothing was left out.")
        if self._changed:
            lines.append("Changed on the way:")
            lines += [f"  {n} {what}: {why}" for what, n, why in self.changed]
        if self.out_zip:
            lines.append(f"File: {self.out_zip}")
        return "\n".join(lines)


TARGET_NAMES = {"mattermost": "a Mattermost server (bulk import)", "slack": "Slack-export readers"}
