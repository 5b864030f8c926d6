"""Mattermost markdown -> safe HTML: escaping, link allow-list, decorations, fast paths equal markdown-it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mmexport.exporting.writers.markdown import Decorations, MessageRenderer, safe_href


def make_renderer() -> MessageRenderer:
    return MessageRenderer(
        Decorations(
            usernames={"alice": "Alice Example", "bob.smith": "Bob Smith"},
            channel_links={"town-square": "../../acme/town-square/messages.html#latest"},
            emoji_unicode={"smile": "😄", "+1": "👍"},
            custom_emoji={"party_parrot": "../../../emoji/e1.png"},
        )
    )


RENDERER = make_renderer()


def test_raw_html_is_escaped_never_markup():
    html = RENDERER.render("<script>alert(1)</script> <img src=x onerror=alert(2)> **x**")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "onerror" in html  # shown as text
    assert "<strong>x</strong>" in html


def test_only_http_https_mailto_become_links():
    html = RENDERER.render(
        "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) "
        "[e](https://ok.example/) [f](mailto:a@b.example) [g](/relative) <javascript:alert(3)>"
    )
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["https://ok.example/", "mailto:a@b.example"]
    assert html.count('rel="noopener noreferrer"') == 2 and html.count('target="_blank"') == 2


def test_safe_href_ignores_control_characters_in_scheme():
    assert safe_href("java\tscript:alert(1)") is None
    assert safe_href(" https://x.example") == "https://x.example"


def test_web_images_become_links_and_load_nothing():
    html = RENDERER.render("![tracker](http://evil.example/t.png)")
    assert "<img" not in html
    assert 'href="http://evil.example/t.png"' in html


def test_mentions_channels_emoji_and_urls():
    html = RENDERER.render(
        "Hi @alice and @bob.smith. and @nobody ~town-square :smile: :party_parrot: :nope: www.example.org."
    )
    assert '<span class="mention" title="Alice Example">@alice</span>' in html
    assert '<span class="mention" title="Bob Smith">@bob.smith</span>.' in html
    assert "@nobody" in html and 'title="@nobody"' not in html
    assert 'href="../../acme/town-square/messages.html#latest"' in html
    assert "😄" in html and 'src="../../../emoji/e1.png"' in html and ":nope:" in html
    assert 'href="http://www.example.org"' in html


def test_no_decoration_inside_code_or_links():
    html = RENDERER.render("`@alice :smile:` and [see https://a.example](https://b.example)")
    assert "<code>@alice :smile:</code>" in html
    assert html.count("<a ") == 1


def test_code_blocks_are_highlighted_with_classes_and_escaped():
    html = RENDERER.render('```python\nprint("<b>")\n```')
    assert 'class="code highlight"' in html and '<span class="nb">print</span>' in html
    assert "&lt;b&gt;" in html and "style=" not in html


def test_table_alignment_uses_classes_not_inline_styles():
    html = RENDERER.render("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert "<table>" in html and 'class="align-right"' in html and "style=" not in html


def test_single_newlines_are_line_breaks_like_mattermost():
    assert RENDERER.render("one\ntwo") == "<p>one<br>\ntwo</p>\n"


markdownish = st.lists(
    st.sampled_from([*"ab @:~_*`[]()<>&!#>-+=|\\\n\t .1)", "smile", "alice", "https://x.org", "~~", "  "]),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(markdownish)
def test_fast_paths_give_the_same_html_as_markdown_it(text):
    assert RENDERER.render(text) == RENDERER.render_markdown(text)


inline_piece = st.sampled_from(
    [
        "word", "Öl", "3", " ", " ", ".", ",", "!", "?", ":", "*", "**", "***", "`", "``", "~~", "_", "\\",
        "**bold**", "**two words**", "** spaced**", "**ends **", "`code`", "` padded `", "` `", "`**x**`",
        "`<b>&\"'`", "@alice", "@bob.smith.", ":smile:", "~town-square", "https://x.org/a_(b)", "<", "&",
    ]
)  # fmt: skip
inline_line = st.lists(inline_piece, max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(inline_line)
def test_bold_and_code_fast_path_gives_the_same_html_as_markdown_it(text):
    assert RENDERER.render(text) == RENDERER.render_markdown(text)


list_line = st.tuples(
    st.sampled_from(["- ", "* ", "+ ", "-  ", "1. ", "", "-", "  - "]),
    st.sampled_from(["item", "two words", "@alice :smile:", "# x", "- y", "**b**", "a ", "", "1. z", "==="]),
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(list_line, min_size=1, max_size=5).map("\n".join))
def test_bullet_list_fast_path_gives_the_same_html_as_markdown_it(text):
    assert RENDERER.render(text) == RENDERER.render_markdown(text)


def test_fast_paths_are_taken_for_everyday_shapes():
    html = RENDERER.render("**Heads up** the `build` is green @alice")
    assert html == (
        "<p><strong>Heads up</strong> the <code>build</code> is green "
        '<span class="mention" title="Alice Example">@alice</span></p>\n'
    )
    assert (
        RENDERER.render("- one\n- two :smile:")
        == '<ul>\n<li>one</li>\n<li>two <span class="emoji" title=":smile:">😄</span></li>\n</ul>\n'
    )
    RENDERER.md = None  # markdown-it is not needed for these
    try:
        RENDERER.render("**Heads up** the `build` is green @alice")
        RENDERER.render("- one\n- two :smile:")
    finally:
        RENDERER.md = make_renderer().md
