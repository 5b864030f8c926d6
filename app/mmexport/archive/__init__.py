"""The archive folder's one owner: its layout (every file and folder name), the manifest, the resume state
under .mmexport/, safe names and atomic writes, the folder lock, and the one reader of a folder.

Qt-free and below exporting/ (tests/unit/test_import_layers.py): the engine, the renderers, verify,
convert, the command line and the wizard all read and write an archive through this package. The modules:

- layout: every name (MANIFEST, README, INDEX, SEARCH_PAGE, USERS, TEAMS, EMOJI, CHANNELS_DIR,
  DIRECT_TEAM_DIR, CHANNEL_JSON, POSTS_JSONL, FILES_DIR, AVATARS_DIR, EMOJI_DIR, VIEWER_DIR, STATE_DIR,
  WRITE_PROBE), FORMAT and FORMAT_VERSION, safe_filename/slug/inside/relpath, atomic_file and
  atomic_write_bytes/text/json, read_json, iter_jsonl, sha256_file
- reader: examine(folder) -> FolderState (kind: Kind.MISSING, NOT_A_FOLDER, EMPTY, OTHER, FINISHED,
  UNFINISHED; manifest, run, is_archive, status); Archive(root), the reader of an archive's contents
  (a killed run's newer resume state merged in); RunStatus (complete, stopped_at, reason, killed)
- manifest: write_manifest(root, RunFacts, [ManifestChannel], store, problems, finished, stopped), now_iso
- state: StateStore, ChannelState (the engine's resume state)
- guard: lock_archive/locked_archive/release_archive, prepare_folder, open_for_append, FolderProblem
"""
