"""Names from the archive become names the Mattermost importer accepts; good names stay as they are."""

from __future__ import annotations

from mmexport.exporting.convert import names


def test_good_names_are_kept():
    assert names.team_name("forschung", "id") == "forschung"
    assert names.channel_name("town-square", "id") == "town-square"
    assert names.channel_name("a__b", "id") == "a__b"
    assert names.username("bernd.mueller", "id") == "bernd.mueller"


def test_reserved_team_prefixes_and_bad_characters_are_repaired():
    assert names.team_name("helpdesk", "id") == "team-helpdesk"  # IsReservedTeamName matches prefixes
    assert names.team_name("Lehre & Forschung", "id") == "lehre-forschung"
    assert names.is_valid_team_name(names.team_name("x", "abc"))
    assert names.is_valid_team_name(names.team_name("Ünïcödé Team", "abc"))


def test_usernames_follow_the_server_rules():
    assert names.username("System", "id") == "user-system"
    assert names.username("remote:alice", "id") == "remote-alice"
    assert names.is_valid_username(names.username("!!!", "abcdef"))


def test_email_placeholders_only_where_needed():
    assert names.email_or_placeholder("Anna@Uni.DE", "anna") == ("anna@uni.de", False)
    assert names.email_or_placeholder("", "anna") == ("anna@users.invalid", True)
    assert names.email_or_placeholder("not an address", "anna") == ("anna@users.invalid", True)


def test_unique_names_get_a_number():
    taken = names.UniqueNames()
    assert [taken.claim("off-topic", 64) for _ in range(3)] == ["off-topic", "off-topic-2", "off-topic-3"]


def test_clip_runes_keeps_the_limit():
    assert len(names.clip_runes("ä" * 300, 250)) == 250
    assert names.clip_runes("kurz", 250) == "kurz"
