"""Helpers for the language tests: a pseudo-locale translator and a check for texts that do not fit."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QHeaderView, QLabel, QTabBar, QWidget

# What must survive pseudo-localisation untouched: markup, Qt and Python placeholders, entities.
_KEEP = re.compile(r"<[^>]+>|%\d|%L?n|\{\w+\}|&\w+;|\(\*\.\w+\)")
_ACCENTED = str.maketrans("aeiouyAEIOUYcnsz", "áéîõüýÅÉÎÕÜÝçñšž")


def pseudo(text: str) -> str:
    """English made about 40 % longer and full of accents, with placeholders and markup intact:
    shows texts that are not translated (plain English stands out) and layouts too tight for German."""
    parts, visible, last = [], 0, 0
    for match in _KEEP.finditer(text):
        chunk = text[last : match.start()]
        parts.append(chunk.translate(_ACCENTED))
        visible += len(chunk)
        parts.append(match.group(0))
        last = match.end()
    tail = text[last:]
    parts.append(tail.translate(_ACCENTED))
    visible += len(tail)
    if not visible or not text.strip():
        return text
    padding = "·" * math.ceil(visible * 0.4)
    return "".join(parts) + ("" if text.endswith(">") else padding)


class PseudoTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):
        return pseudo(source_text)

    def isEmpty(self) -> bool:
        return False


def cut_off_texts(window: QWidget) -> list[str]:
    """Every visible text in the window that its widget cannot show in full."""
    problems = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.width() == 0:
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                problems.append(f"label {label.text()[:60]!r}: needs {needed}px height, has {label.height()}")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(
                f"label {label.text()[:60]!r}: needs {label.sizeHint().width()}px, has {label.width()}"
            )
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text() or button.width() == 0:
            continue
        if button.sizeHint().width() > button.width() + 1:
            problems.append(
                f"{type(button).__name__} {button.text()!r}: needs {button.sizeHint().width()}px, "
                f"has {button.width()}"
            )
    for box in window.findChildren(QGroupBox):
        if box.isVisible() and box.fontMetrics().horizontalAdvance(box.title()) + 16 > box.width():
            problems.append(f"group {box.title()!r} is wider than its box")
    for bar in window.findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for i in range(bar.count()):
            needed = bar.fontMetrics().horizontalAdvance(bar.tabText(i).replace("&", ""))
            if needed + 8 > bar.tabRect(i).width():
                problems.append(f"tab {bar.tabText(i)!r}: needs {needed}px, has {bar.tabRect(i).width()}")
    for header in window.findChildren(QHeaderView):
        if not header.isVisible() or header.model() is None:
            continue
        for section in range(header.count()):
            text = str(header.model().headerData(section, header.orientation()) or "")
            needed = header.fontMetrics().horizontalAdvance(text) + 12
            if text and needed > header.sectionSize(section):
                problems.append(f"column {text!r}: needs {needed}px, has {header.sectionSize(section)}")
    return problems
