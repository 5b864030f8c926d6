"""The archive folder's one owner: its layout (every file and folder name), the manifest, the resume state
under .mmexport/, safe names and atomic writes, the folder lock, and the one reader of a folder.

Qt-free and below exporting/: the engine, the renderers, verify, convert, the command line and the wizard
all read and write an archive through this package. The modules:

- layout: the names, safe file names, atomic writes, JSON/JSONL reading
- guard: the folder lock and the no-links rule for every write
- state: the engine's resume state under .mmexport/
"""
