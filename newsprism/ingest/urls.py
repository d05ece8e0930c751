"""URL normalisation: one article reached by many URLs (tracking tags, AMP, mobile hosts) gets one key.

`clean_url` is what we fetch: the URL without tracking parameters or fragment. `url_key` is the identity
of the article behind it: scheme-less, `www.`/`m.`/`amp.` hosts folded, AMP paths and default ports
removed, query sorted, no trailing slash. Two URLs with the same key are the same article.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

__all__ = ["clean_url", "url_key", "is_tracking_param", "unwrap_amp_cache"]

# Parameters that say how a reader arrived, never which article: analytics (utm_*, Google, Facebook,
# Microsoft, Mailchimp, Yandex), newsroom campaign tags seen on BBC, Guardian, NYT, Le Monde, Spiegel feeds.
_TRACKING_EXACT = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    "_ga", "_gl", "ref", "ref_src", "ref_url", "referrer", "cmpid", "cmp", "ito", "ocid", "smid", "smtyp",
    "s_cid", "mkt_tok", "spm", "share", "sh", "xtor", "ftag", "icid", "sr_share", "__twitter_impression",
    "guccounter", "guce_referrer", "guce_referrer_sig", "taid", "wt.mc_id", "feature", "rss", "partner",
    "at_campaign", "at_medium", "at_custom1", "at_custom2", "at_custom3", "at_custom4", "soc_src",
    "soc_trk", "maca", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "src_campaign",
}
_TRACKING_PREFIXES = ("utm_", "at_", "ns_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "__hs")
# Query switches that select the AMP rendering of the same article.
_AMP_PARAMS = {"amp", "outputtype", "amp_js_v", "usqp", "_gsa", "amp_gsa"}
_AMP_PATH = re.compile(r"(/amp/?$|/amp(?=/)|\.amp(?=\.html?$)|/amp\.html?$|\.amp$)", re.IGNORECASE)
_HOST_VARIANTS = ("www.", "m.", "mobile.", "amp.", "amp-", "www-m.")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def _without_tracking(query: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not is_tracking_param(k)]


def unwrap_amp_cache(url: str) -> str:
    """The publisher URL behind a Google AMP cache or google.com/amp link, else the URL itself."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.endswith(".cdn.ampproject.org") or (host.endswith("google.com") and parts.path.startswith("/amp/")):
        m = re.match(r"^(?:/[cvi])*(?:/amp)?(/s)?/(.+)$", parts.path)
        if m:
            scheme = "https" if m.group(1) else "http"
            return f"{scheme}://{m.group(2)}" + (f"?{parts.query}" if parts.query else "")
    return url


def clean_url(url: str) -> str:
    """The URL to fetch: tracking parameters and fragment removed, scheme and host lower-cased."""
    parts = urlsplit(url.strip())
    query = urlencode(_without_tracking(parts.query), doseq=True)
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def _fold_host(host: str) -> str:
    for prefix in _HOST_VARIANTS:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def url_key(url: str) -> str:
    """The identity of the article at `url`: equal for its tracking, AMP, mobile and http/https variants."""
    url = unwrap_amp_cache(clean_url(url))
    try:
        url = normalize_url(url, trailing_slash=False)
    except (ValueError, TypeError):
        pass  # courlan refuses some odd but fetchable URLs; the steps below still apply
    parts = urlsplit(url)
    host = _fold_host((parts.hostname or "").lower())
    port = parts.port if parts.port and parts.port != _DEFAULT_PORTS.get(parts.scheme) else None
    path = _AMP_PATH.sub("", unquote(parts.path)).rstrip("/") or "/"
    query = sorted((k, v) for k, v in _without_tracking(parts.query) if k.lower() not in _AMP_PARAMS)
    return host + (f":{port}" if port else "") + path + (f"?{urlencode(query)}" if query else "")
