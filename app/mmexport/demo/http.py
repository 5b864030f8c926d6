"""Request, response and error types of the demo server, and JSON encoded the way Go encodes it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import orjson


@dataclass
class Request:
    method: str
    path: str
    query_string: str
    headers: Any  # http.client.HTTPMessage: case-insensitive get()
    body: bytes
    client_ip: str
    params: dict[str, str] = field(default_factory=dict)
    user_id: str = ""  # set once the session is known
    request_id: str = ""

    def __post_init__(self) -> None:
        self.query = {k: v[0] for k, v in parse_qs(self.query_string, keep_blank_values=True).items()}

    def cookie(self, name: str) -> str:
        for header in self.headers.get_all("Cookie") or ():
            for part in header.split(";"):
                key, _, value = part.strip().partition("=")
                if key == name:
                    return value
        return ""

    def json_body(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: list[tuple[str, str]] = field(default_factory=list)
    chunks: Iterable[bytes] | None = None  # streamed with chunked transfer encoding


class ApiError(Exception):
    """An error answered with the real server's AppError JSON body."""

    def __init__(
        self, status: int, error_id: str, message: str, headers: list[tuple[str, str]] | None = None
    ):
        super().__init__(error_id)
        self.status = status
        self.error_id = error_id
        self.message = message
        self.headers = headers or []

    def body(self, request_id: str) -> dict[str, Any]:
        return {
            "id": self.error_id,
            "message": self.message,
            "detailed_error": "",
            "request_id": request_id,
            "status_code": self.status,
        }


def go_json(value: Any) -> bytes:
    """JSON like Go's encoding/json: compact, UTF-8, with <, > and & escaped.

    These characters can only stand inside JSON strings, so replacing the bytes is exact."""
    data = orjson.dumps(value)
    for raw, escaped in _GO_ESCAPES:
        if raw in data:
            data = data.replace(raw, escaped)
    return data


_GO_ESCAPES = (
    (b"<", b"\\u003c"),
    (b">", b"\\u003e"),
    (b"&", b"\\u0026"),
    ("\u2028".encode(), b"\\u2028"),
    ("\u2029".encode(), b"\\u2029"),
)


def json_response(value: Any, status: int = 200, headers: list[tuple[str, str]] | None = None) -> Response:
    return Response(status=status, body=go_json(value), headers=headers or [])


def permission_error() -> ApiError:
    return ApiError(403, "api.context.permissions.app_error", "You do not have the appropriate permissions.")


def invalid_url_param(name: str) -> ApiError:
    return ApiError(
        400, "api.context.invalid_url_param.app_error", f"Invalid or missing {name} parameter in request URL."
    )


def invalid_body_param(name: str) -> ApiError:
    return ApiError(
        400, "api.context.invalid_body_param.app_error", f"Invalid or missing {name} in request body."
    )


SESSION_EXPIRED = ("api.context.session_expired.app_error", "Invalid or expired session, please login again.")
