"""A Mattermost-compatible local server with a generated workspace, for demo mode and tests."""
