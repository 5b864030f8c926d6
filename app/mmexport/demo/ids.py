"""Mattermost-style ids: 26 characters of base32 in Mattermost's own alphabet."""

from __future__ import annotations

import random
import re

ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769"
ID_LENGTH = 26
_VALID = re.compile(r"^[a-z0-9]{26}$")


def is_valid_id(value: str) -> bool:
    return bool(_VALID.match(value))


def encode(number: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    return "".join(reversed(chars))


_PAIRS = [ALPHABET[i >> 5] + ALPHABET[i & 31] for i in range(1024)]


def encode6(number: int) -> str:
    """6 characters for a number below 2**30, the same digits as encode(number, 6), by table lookups."""
    return _PAIRS[(number >> 20) & 1023] + _PAIRS[(number >> 10) & 1023] + _PAIRS[number & 1023]


def decode(text: str) -> int | None:
    number = 0
    for char in text:
        index = ALPHABET.find(char)
        if index < 0:
            return None
        number = (number << 5) | index
    return number


def random_id(rng: random.Random) -> str:
    return encode(rng.getrandbits(130), ID_LENGTH)
