"""The Mattermost REST client: addresses, sign-in material, requests with retries and pacing, paging, names."""

from mmexport.mattermost.address import candidate_urls, normalize_server_url
from mmexport.mattermost.client import Client
from mmexport.mattermost.errors import (
    AddressError,
    Cancelled,
    Forbidden,
    LoginFailed,
    MattermostError,
    MfaRequired,
    NotFound,
    NotMattermost,
    NotReachable,
    RateLimited,
    ServerError,
    SignInExpired,
    SigninParseError,
    TlsError,
)
from mmexport.mattermost.naming import (
    channel_display_name,
    dm_partner_id,
    natural_key,
    user_display_name,
)
from mmexport.mattermost.pacer import Pacer
from mmexport.mattermost.paging import (
    PER_PAGE,
    PageRequest,
    Walk,
    iter_channel_posts,
    posts_in_page,
)
from mmexport.mattermost.signin import SigninMaterial, looks_like_signin_material, parse_signin_material

__all__ = [
    "PER_PAGE",
    "AddressError",
    "Cancelled",
    "Client",
    "Forbidden",
    "LoginFailed",
    "MattermostError",
    "MfaRequired",
    "NotFound",
    "NotMattermost",
    "NotReachable",
    "Pacer",
    "PageRequest",
    "RateLimited",
    "ServerError",
    "SignInExpired",
    "SigninMaterial",
    "SigninParseError",
    "TlsError",
    "Walk",
    "candidate_urls",
    "channel_display_name",
    "dm_partner_id",
    "iter_channel_posts",
    "looks_like_signin_material",
    "natural_key",
    "normalize_server_url",
    "parse_signin_material",
    "posts_in_page",
    "user_display_name",
]
