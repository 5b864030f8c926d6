"""Geometry checks for layouts: no two visible widgets painted over each other, no picture squeezed.

A layout given less room than its widgets' minimum sizes does not fail: Qt places the widgets over each
other. These helpers find that from the widgets' rectangles, mapped to one ancestor and clipped by every
widget in between (a widget scrolled out of a scroll area's view is not on screen)."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QTabBar, QWidget

# Styles let a tab bar reach a few pixels into its pane's frame, on purpose; more than that is an overlap.
TOLERANCE = 3


def visible_rect(widget: QWidget, top: QWidget) -> QRect:
    """The part of widget that can be seen, in top's coordinates."""
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        rect &= QRect(parent.mapTo(top, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    return rect & top.rect()


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.isVisible() and not widget.isWindow()


def overlaps(top: QWidget) -> list[str]:
    """Pairs of visible widgets (neither inside the other) whose visible rectangles intersect."""
    widgets = [w for w in top.findChildren(QWidget) if _shown(w, top)]
    rects = {w: visible_rect(w, top) for w in widgets}
    found = []
    for a, b in combinations(widgets, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        common = rects[a] & rects[b]
        if common.isEmpty():
            continue
        tab_bar = isinstance(a, QTabBar) or isinstance(b, QTabBar)
        if tab_bar and min(common.width(), common.height()) <= TOLERANCE:
            continue
        found.append(f"{_name(a)} {rects[a].getRect()} × {_name(b)} {rects[b].getRect()}")
    return found


def squeezed_pictures(top: QWidget) -> list[str]:
    """Visible labels showing a picture in less room than the picture needs."""
    found = []
    for label in top.findChildren(QLabel):
        pixmap = label.pixmap()
        if not _shown(label, top) or pixmap is None or pixmap.isNull():
            continue
        size = pixmap.deviceIndependentSize()
        if label.height() < size.height() - 1 or label.width() < size.width() - 1:
            found.append(f"{_name(label)} {label.size().toTuple()} for a picture of {size.toTuple()}")
    return found


def _name(widget: QWidget) -> str:
    text = ""
    if hasattr(widget, "text"):
        try:
            text = str(widget.text())[:30]
        except TypeError:
            text = ""
    return f"{type(widget).__name__}({widget.objectName() or text!r})"
