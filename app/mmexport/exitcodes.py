"""Exit codes of the command line (a contract: scripts read them, see docs/cli.md)."""

OK = 0
USAGE = 2
SIGN_IN = 3  # token invalid or expired
UNREACHABLE = 4  # server unreachable or not a Mattermost server
INCOMPLETE = 5  # finished, but something is listed under problems in manifest.json
DISK_FULL = 6  # the disk (or the quota) is full; run the same command again after freeing space
SOMEONE_ELSES_ARCHIVE = 7  # the folder holds another server's, another person's or the other kind's archive
NO_FOLDER = 8  # the folder's parent is not there (a drive not plugged in), or the drive went away mid-export
CANCELLED = 130
