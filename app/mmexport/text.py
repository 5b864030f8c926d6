"""Translatable sentences for the Qt-free layers (archive, exporting): an English template with {named}
values, marked with QT_TRANSLATE_NOOP so that pyside6-lupdate collects it; the front end translates it.

It lives below every other layer so that the archive package (its folder rules) and the engine can both
say what went wrong without depending on each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    """Marks an English template for translation; the GUI translates it (context "Engine"). No Qt here."""
    return text


@dataclass(frozen=True)
class Text:
    """A plain-language sentence a front end can translate: an English template with {named} values.

    error_kind names the client's error class when {reason} is its message, so that a front end can put its
    own translation of that error in its place."""

    template: str
    params: dict[str, Any] = field(default_factory=dict)
    error_kind: str = ""

    def __str__(self) -> str:
        return self.template.format(**self.params)
