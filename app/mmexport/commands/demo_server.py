"""`mmexport demo-server`: run the built-in demo Mattermost server until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
import threading

from mmexport import exitcodes

HINT = """
This is a pretend Mattermost server with made-up chats, for trying the program out.
Sign in as user "anna" with password "demo", through the pretend GitLab in your browser
(mmexport login --server {url} --browser), or use the token above:
    MMEXPORT_TOKEN=<token> mmexport channels --server {url}
Press Ctrl-C to stop the server."""


def run(args: argparse.Namespace) -> int:
    from mmexport.demo.server import DemoServer

    options = {
        "size": args.size,
        "latency_ms": args.latency_ms,
        "rate_limit": args.rate_limit,
        "burst": args.burst,
        "token_expiry_requests": args.token_expiry_requests,
        "token_expiry_seconds": args.token_expiry_seconds,
        "fault_rate": args.fault_rate,
        "drop_rate": args.drop_rate,
        "real_costs": args.real_costs,
        "host": args.host,
        "port": args.port,
        "name_display": args.name_display,
        "windows_names": args.windows_names,
        "sso_providers": ("gitlab",),  # a pretend GitLab sign-in: mmexport login --server URL --browser
    }
    if args.server_version:
        options["version"] = args.server_version
    try:
        server = DemoServer(**options).start()
    except OSError as error:
        print(
            f"The demo server could not start on {args.host}:{args.port}: {error.strerror or error}.",
            file=sys.stderr,
        )
        print("Try another port with --port.", file=sys.stderr)
        return exitcodes.USAGE
    print(f"Demo server: {server.url}", flush=True)
    print(f"Token: {server.token}", flush=True)
    print(HINT.format(url=server.url), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        print("Demo server stopped.")
    finally:
        server.stop()
    return exitcodes.OK
