"""What the person chose: which chats and how. Shared by the wizard, the CLI and the engine."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from mmexport.exporting import formats


@dataclass
class ExportOptions:
    after: datetime | None = None  # keep messages created at or after this moment
    before: datetime | None = None  # keep messages created before this moment
    include_archived: bool = False
    files: bool = True
    max_file_size: int | None = None  # bytes; larger attachments are skipped and listed as problems
    avatars: bool = True
    custom_emoji: bool = True
    # json (posts.jsonl) is always written: it is the archive; the others are renderings of it.
    formats: list[str] = field(default_factory=formats.default_keys)  # keys of exporting/formats/
    jobs: int = 4
    # A system administrator's export that may include channels they are not a member of (recorded in
    # the manifest: options.every_channel, exported_as_admin, and per channel "member").
    every_channel: bool = False
    # users.json keeps only what reading needs (names, picture, bot/deactivated); True keeps every field
    # the server sent (e-mail, position, roles, ... for an administrator's sign-in).
    keep_user_details: bool = False

    def after_ms(self) -> int | None:
        return int(self.after.timestamp() * 1000) if self.after else None

    def before_ms(self) -> int | None:
        return int(self.before.timestamp() * 1000) if self.before else None

    def to_json(self) -> dict:
        data = asdict(self)
        data["after"] = self.after.isoformat() if self.after else None
        data["before"] = self.before.isoformat() if self.before else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> ExportOptions:
        data = dict(data)
        for key in ("after", "before"):
            if data.get(key):
                data[key] = datetime.fromisoformat(data[key])
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)
