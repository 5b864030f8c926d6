"""How quickly the wizard's chat tree takes 2,000 chats: fill, filter ("müller") and tick all shown.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_chat_tree.py [--chats 2000] [--runs 5]
Prints the median of each step in milliseconds (the list is the one tests/gui/test_chat_model.py checks).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTreeView

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "gui"))
from test_chat_model import big_chat_list

from mmexport.gui.chat_model import ChatModel


def one_run(chats: int) -> tuple[float, float, float]:
    model = ChatModel()
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    started = time.perf_counter()
    model.set_chats(big_chat_list(chats))
    view.expandAll()
    QApplication.processEvents()
    fill = time.perf_counter() - started
    started = time.perf_counter()
    model.set_filter("müller")
    view.expandAll()
    QApplication.processEvents()
    filtering = time.perf_counter() - started
    started = time.perf_counter()
    model.set_all_checked(True)
    ticking = time.perf_counter() - started
    view.deleteLater()
    return fill, filtering, ticking


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication([])
    runs = [one_run(args.chats) for _ in range(args.runs)]
    for k, name in enumerate(("fill", "filter", "tick all")):
        print(f"{name:>9}: {statistics.median(r[k] for r in runs) * 1000:6.0f} ms (median of {args.runs})")


if __name__ == "__main__":
    main()
