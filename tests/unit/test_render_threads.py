"""The thread index against a plain in-memory model: same threads, orphans, pages and page contents."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archive_factory import make_archive
from mmexport.exporting.render import render_archive
from mmexport.exporting.writers.threads import CHECKPOINT_EVERY, ThreadIndex, _HashTable


def model(posts: list[dict], page_size: int) -> tuple[list[tuple[str, list[str], bool]], list[tuple]]:
    """Top-level posts with their replies (a reply belongs to a root seen before it), and the pages:
    from the newest backwards, a page closes once it holds page_size messages."""
    roots_seen: set[str] = set()
    top: list[list] = []
    by_root: dict[str, list] = {}
    for post in posts:
        root_id = post["root_id"]
        if root_id and root_id in roots_seen:
            by_root[root_id][1].append(post["id"])
            continue
        entry = [post["id"], [], bool(root_id)]
        if not root_id and post["id"] not in roots_seen:
            roots_seen.add(post["id"])
            by_root[post["id"]] = entry
        top.append(entry)
    chunks, end, count = [], len(top), 0
    for position in range(len(top) - 1, -1, -1):
        count += 1 + len(top[position][1])
        if count >= page_size and position > 0:
            chunks.append((position, end, count))
            end, count = position, 0
    if top:
        chunks.append((0, end, count))
    return [(t[0], t[1], t[2]) for t in top], chunks


def write_posts(path: Path, posts: list[dict], torn: bool = False) -> None:
    text = "".join(json.dumps(p) + "\n" for p in posts)
    path.write_text(text + ('{"id": "torn", "create_at"' if torn else ""), "utf-8")


@st.composite
def chats(draw):
    count = draw(st.integers(0, 400))
    posts, roots = [], []
    for n in range(count):
        kind = draw(st.sampled_from(["root", "root", "reply", "orphan", "early"]))
        post = {"id": f"p{n:05d}", "create_at": 1000 + n, "root_id": "", "message": f"m{n}"}
        if kind == "reply" and roots:
            post["root_id"] = draw(st.sampled_from(roots[-30:]))
        elif kind == "orphan":
            post["root_id"] = "gone" + str(draw(st.integers(0, 3)))
        elif kind == "early":
            post["root_id"] = f"p{n + draw(st.integers(1, 5)):05d}"  # a root that comes later: an orphan
        else:
            roots.append(post["id"])
        posts.append(post)
    return posts


@settings(max_examples=60, deadline=None)
@given(posts=chats(), page_size=st.integers(1, 50), torn=st.booleans())
def test_index_matches_the_model(tmp_path_factory, posts, page_size, torn):
    path = tmp_path_factory.mktemp("threads") / "posts.jsonl"
    write_posts(path, posts, torn)
    expected_top, expected_chunks = model(posts, page_size)
    index = ThreadIndex.build(path)
    assert index.total == len(posts) and index.roots == len(expected_top)
    whole = [(r["id"], [x["id"] for x in replies], orphan) for r, replies, orphan in index.whole().threads()]
    assert whole == expected_top
    pages = index.paginate(page_size)
    if not expected_top:
        assert [(p.first_root, p.end_root) for p in pages] == [(0, 0)]
        return
    assert [(p.first_root, p.end_root, p.messages) for p in pages] == expected_chunks
    for page in pages:
        read = [(r["id"], [x["id"] for x in rs], o) for r, rs, o in index.slice(page).threads()]
        assert read == expected_top[page.first_root : page.end_root]
        assert page.first_at == 1000 + int(read[0][0][1:])


def test_big_chat_index_keeps_nothing_per_plain_post(tmp_path):
    """100,000 posts, a tenth of them replies: the index holds arrays only, a few bytes per thread."""
    posts = []
    for n in range(100_000):
        root_id = f"p{n - 7:06d}" if n % 10 == 9 else ""
        posts.append({"id": f"p{n:06d}", "create_at": n, "root_id": root_id, "message": "hi"})
    path = tmp_path / "posts.jsonl"
    write_posts(path, posts)
    index = ThreadIndex.build(path)
    assert index.roots == 90_000 and len(index.thread_roots) == 10_000 and len(index.reply_offsets) == 10_000
    assert len(index.checkpoints) == -(-90_000 // CHECKPOINT_EVERY)
    kept = sum(a.itemsize * len(a) for a in vars(index).values() if hasattr(a, "itemsize"))
    assert kept < 100 * 10_000  # bytes: per thread and checkpoint, not per post
    pages = index.paginate()
    assert sum(p.messages for p in pages) == 100_000
    assert [m["id"] for m, _, _ in index.slice(pages[0]).threads()][-1] == "p099998"


def test_hash_table_grows_and_keeps_values():
    table = _HashTable(capacity=8)
    keys = [hash(f"id{n}") or 1 for n in range(1000)]
    for n, key in enumerate(keys):
        table.add(key)
        table.set(key, n)
    assert table.size == 1000 and all(table.get(key) == n for n, key in enumerate(keys))
    assert table.get(hash("missing") or 1) is None


def _render_peak(tmp_path: Path, posts: int) -> int:
    root = make_archive(tmp_path / f"a{posts}", big_channel_posts=posts)
    tracemalloc.start()
    try:
        render_archive(root, ["html", "txt"], lang="de", workers=1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_rendering_memory_does_not_grow_with_the_chat(tmp_path):
    small, big = _render_peak(tmp_path, 6_000), _render_peak(tmp_path, 24_000)
    assert big < small + 1_000_000, (small, big)  # four times the posts: less than 1 MB more at the peak


def test_worker_processes_write_the_same_files(tmp_path):
    serial = make_archive(tmp_path / "serial", big_channel_posts=4_500)
    pooled = make_archive(tmp_path / "pooled", big_channel_posts=4_500)
    render_archive(serial, ["html"], lang="en", workers=1)
    render_archive(pooled, ["html"], lang="en", workers=2)
    written = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.suffix in (".html", ".js", ".css"))
    assert len([p for p in written if p.name.startswith("messages-")]) >= 2
    for path in written:
        assert (serial / path).read_bytes() == (pooled / path).read_bytes(), path
