"""Mattermost Export Assistant: saves Mattermost chats into a folder that can be read offline for years."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mmexport")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

APP_NAME = "Mattermost Export Assistant"
APP_ID = "mmexport"
