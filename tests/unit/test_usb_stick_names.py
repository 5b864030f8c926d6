"""The naming layer by the rules of FAT32, exFAT and Windows (the whole exports are in
tests/integration/test_archive_folder.py, one of them on a real exFAT file system): refused characters,
reserved names, trailing dots and spaces, case folding, and the path budget under Windows' 260 characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mmexport.archive.layout import (
    MIN_NAME_CHARS,
    WINDOWS_MAX_PATH,
    id_name,
    name_budget,
    safe_filename,
    windows_length,
)

FAT_REFUSES = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def fat_accepts(name: str) -> bool:
    stem = name.split(".")[0].rstrip(" ").upper()
    return (
        bool(name)
        and not set(name) & FAT_REFUSES
        and name == name.rstrip(" .")
        and stem not in RESERVED
        and len(name.encode("utf-8")) <= 255
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CON", "_CON"),
        ("aux.txt", "_aux.txt"),
        ("CON .txt", "_CON .txt"),  # Windows ignores the space before the extension: still CON
        ("lpt1.tar.gz", "_lpt1.tar.gz"),
        ("a:b", "a_b"),
        ("x?", "x_"),
        ("trailing dots...", "trailing dots"),
        ("trailing space ", "trailing space"),
        ("Notiz. . ", "Notiz"),  # dots and spaces mixed: Windows drops them all (found under wine)
        ("Bericht.txt", "Bericht.txt"),
    ],
)
def test_names_fat_and_windows_refuse_are_made_safe(name, expected):
    assert safe_filename(name) == expected
    assert fat_accepts(safe_filename(name))


@given(st.text(min_size=0, max_size=300))
def test_every_name_becomes_one_a_usb_stick_accepts(name):
    assert fat_accepts(safe_filename(name))
    assert fat_accepts(safe_filename(name, max_chars=MIN_NAME_CHARS))


def test_ids_differing_only_in_case_get_names_that_differ_when_case_is_folded():
    assert id_name("w4ogi359tm446qf631eo5wher5") == "w4ogi359tm446qf631eo5wher5"  # real ids unchanged
    names = {id_name(i) for i in ("AbC", "abc", "ABC", "aBc")}
    assert len({n.casefold() for n in names}) == 4
    assert all(fat_accepts(n) for n in names)
    assert "/" not in id_name("../../etc") and fat_accepts(id_name("../../etc"))


def test_the_name_budget_counts_the_archive_folders_own_length():
    folder_inside = "channels/forschung/allgemein/files/w4ogi359tm446qf631eo5wher5"
    for root in (Path("/a"), Path("/" + "r" * 120), Path("/" + "r" * 300)):
        budget = name_budget(root, root / folder_inside)
        name = safe_filename("B" * 300 + ".pdf", max_chars=budget)
        assert name.endswith(".pdf") and windows_length(name) <= budget
        longest = max(windows_length(str(root)), 100)  # at least ROOT_ALLOWANCE
        fits = longest + 1 + len(folder_inside) + 1 + windows_length(name) <= WINDOWS_MAX_PATH
        assert fits or budget == MIN_NAME_CHARS  # only a very deep folder can exceed the limit
    assert name_budget(Path("/" + "r" * 300), Path("/" + "r" * 300) / folder_inside) == MIN_NAME_CHARS


def test_emoji_count_twice_as_windows_counts_them():
    name = safe_filename("🎉" * 40 + ".txt", max_chars=20)
    assert windows_length(name) <= 20 and name.endswith(".txt")
