"""The frozen program's entry point (PyInstaller runs this script).

The same bundle holds `mmexport` (the command line; without arguments it opens the wizard) and, on Windows
and macOS, `mmexport-gui` (a windowed program without a console). On Linux `mmexport-gui` is a link to
`mmexport`; the name it was started under decides.
"""

import multiprocessing
import sys
from pathlib import Path


def started_as_gui() -> bool:
    return Path(sys.argv[0]).stem.lower().startswith("mmexport-gui")


def main() -> int:
    # The viewer renders pages in worker processes that start this same program: become one at once.
    multiprocessing.freeze_support()
    if started_as_gui():
        from mmexport.gui.app import main as gui_main

        return gui_main(demo="--demo" in sys.argv[1:])  # also answers --self-test
    from mmexport.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
