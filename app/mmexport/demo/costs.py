"""What a channel-posts request costs a real Mattermost server, for benchmarks (`--real-costs`).

Measured on Mattermost 5.36.1 with PostgreSQL 15 beside it, a 200,000-post channel (issue 11, and
docs/server-behaviour.md), seconds per request:
- `skipFetchThreads=true` with an offset (`page=N`, with or without a `before` cursor): PostgreSQL evaluates
  the reply-count subquery for every row the OFFSET skips: 0.01 s at page 0 rising to 0.46 s at page 999
  of 200-post pages (modelled as linear in the skipped rows);
- a cursor (`before`/`after`) without skipFetchThreads: the server loads the threads of the page, 0.15 s;
- plain `page=N&per_page=200` (no cursor, no skipFetchThreads): 0.02 to 0.05 s at any depth;
- a plain `page=N&per_page=1` probe: about 0.2 s 190,000 posts deep;
- `since`: one indexed query, 0.01 s.
The demo's handler threads sleep that long (they do not burn CPU), so parallel requests overlap on it as
they do on a real database with spare cores.
"""

from __future__ import annotations

BASE = 0.01  # a cheap indexed query and the JSON of a page
SKIP_FETCH_DEEPEST = 0.46  # page 999 of 200-post pages with skipFetchThreads=true
DEEPEST_ROWS = 999 * 200
THREADS_LOADED = 0.15  # a cursor page without skipFetchThreads
PLAIN_SHALLOW, PLAIN_DEEP = 0.02, 0.05  # plain offset pages without skipFetchThreads, 0 and 200,000 deep
PROBE_DEEP = 0.2  # a plain per_page=1 request 190,000 posts deep
PROBE_DEPTH = 190_000
PLAIN_DEPTH = 200_000


def posts_request_seconds(
    *, page: int, per_page: int, cursor: bool, skip_threads: bool, since: bool = False
) -> float:
    """Seconds the real server spends on one GET /channels/{id}/posts with these parameters."""
    if since:
        return BASE
    skipped = page * per_page
    if skip_threads:
        return BASE + (SKIP_FETCH_DEEPEST - BASE) * skipped / DEEPEST_ROWS
    if cursor:
        return THREADS_LOADED
    if per_page <= 10:
        return BASE + (PROBE_DEEP - BASE) * min(1.0, skipped / PROBE_DEPTH)
    return PLAIN_SHALLOW + (PLAIN_DEEP - PLAIN_SHALLOW) * min(1.0, skipped / PLAIN_DEPTH)
