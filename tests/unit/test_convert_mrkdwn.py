"""Mattermost markdown becomes Slack mrkdwn where the two differ, and only there."""

from __future__ import annotations

import pytest

from mmexport.exporting.convert.mrkdwn import to_mrkdwn

USERS = {"anna": "UANNA", "bernd.mueller": "UBERND"}
CHANNELS = {"town-square": "CTOWN"}


@pytest.mark.parametrize(
    ("markdown", "mrkdwn"),
    [
        ("**fett** und *schräg* und _auch_", "*fett* und _schräg_ und _auch_"),
        ("__fett__ ~~weg~~", "*fett* ~weg~"),
        ("# Überschrift\n## Zwei ##", "*Überschrift*\n*Zwei*"),
        ("- eins\n* zwei\n  + drei", "• eins\n• zwei\n  • drei"),
        ("[Doku](https://x.org/a?b=1&c=2)", "<https://x.org/a?b=1&amp;c=2|Doku>"),
        ("![Bild](https://x.org/p.png)", "<https://x.org/p.png|Bild>"),
        ("<https://auto.link/x>", "<https://auto.link/x>"),
        ("@anna und @Bernd.Mueller.", "<@UANNA> und <@UBERND>."),
        ("@here @channel @all", "<!here> <!channel> <!everyone>"),
        ("mail anna@uni.de, @unbekannt", "mail anna@uni.de, @unbekannt"),
        ("siehe ~town-square und ~unbekannt", "siehe <#CTOWN|town-square> und ~unbekannt"),
        ("> Zitat & <b>", "&gt; Zitat &amp; &lt;b&gt;"),
        ("2*3*4 und snake__case__name", "2*3*4 und snake__case__name"),
    ],
)
def test_formatting_differences(markdown, mrkdwn):
    assert to_mrkdwn(markdown, USERS, CHANNELS) == mrkdwn


def test_code_is_left_alone_apart_from_escaping():
    text = "`**nicht** @anna` und\n```python\nif a < b and **x**:\n    pass\n```"
    assert to_mrkdwn(text, USERS) == "`**nicht** @anna` und\n```if a &lt; b and **x**:\n    pass```"


def test_link_text_cannot_break_the_link():
    assert to_mrkdwn("[a|b > c](https://x.org)") == "<https://x.org|a¦b &gt; c>"


def test_plain_text_passes_through():
    assert to_mrkdwn("Guten Morgen, alle zusammen!") == "Guten Morgen, alle zusammen!"
    assert to_mrkdwn("") == ""
