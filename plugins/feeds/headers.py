"""The _headers file (Netlify and Cloudflare Pages syntax): CSP, framing, CORS on feeds."""

from __future__ import annotations

from urllib.parse import urlsplit

from model.site import Site

from .settings import FeedsSettings


def csp(settings: FeedsSettings, frame_ancestors: list[str] | None = None) -> str:
    """Return a Content-Security-Policy value, with frame-ancestors when given."""
    directives = [f"{name} {' '.join(sources)}".strip() for name, sources in settings.csp.items()]
    if frame_ancestors is not None:
        directives.append("frame-ancestors " + " ".join(frame_ancestors))
    return "; ".join(directives)


# What a <meta http-equiv> policy cannot carry (browsers ignore them there).
META_IGNORED = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})


def meta_csp(settings: FeedsSettings) -> str:
    """Return the site-wide policy as a <meta http-equiv> can carry it (for hosts that send no headers)."""
    return "; ".join(
        f"{name} {' '.join(sources)}".strip()
        for name, sources in settings.csp.items()
        if name not in META_IGNORED
    )


def permissions_policy(settings: FeedsSettings) -> str:
    """Return the Permissions-Policy value: every listed feature disabled."""
    return ", ".join(f"{feature}=()" for feature in settings.permissions_policy)


def embed_ancestors(settings: FeedsSettings) -> list[str]:
    """Return who may frame the embed and widget pages: this site and the partners."""
    return ["'self'", *settings.partner_origins]


def headers_file(site: Site, settings: FeedsSettings) -> str:
    """Return the _headers file for the output root.

    Hosts combine overlapping rules differently: Cloudflare Pages joins the
    values of one header from every matching rule with commas (for CSP that
    makes several policies, all enforced), Netlify keeps the later rule's
    value. So the site-wide rule sends the policy without frame-ancestors and
    X-Frame-Options: DENY (which keeps every page out of frames), and the
    embed rules send the whole policy again with frame-ancestors: a policy
    with frame-ancestors makes browsers ignore X-Frame-Options (CSP Level 2,
    and the HTML standard's X-Frame-Options processing), so partners can frame
    the embed pages on either host. A 'none' in the site-wide policy would be
    joined into the embed pages on Cloudflare and block them.
    """
    base = urlsplit(settings.siteurl).path.rstrip("/")
    lines = [
        "# Written by the feeds plugin; served by Netlify and Cloudflare Pages.",
        "# Other hosts: see docs/partners.md (nginx).",
        f"{base}/*",
        "  X-Content-Type-Options: nosniff",
        f"  Referrer-Policy: {settings.referrer_policy}",
        "  X-Frame-Options: DENY",
        f"  Permissions-Policy: {permissions_policy(settings)}",
        f"  Content-Security-Policy: {csp(settings)}",
        "",
    ]
    embed_policy = csp(settings, embed_ancestors(settings))
    for language in site.languages:
        lines += [f"{base}/{language.prefix}embed/*", f"  Content-Security-Policy: {embed_policy}", ""]
    for language in site.languages:
        lines += [
            f"{base}/{language.prefix}feeds/*",
            "  Access-Control-Allow-Origin: *",
            "",
        ]
    # Partners' pages load the widget script and its style sheet from here.
    lines += [f"{base}/theme/*", "  Access-Control-Allow-Origin: *", ""]
    return "\n".join(lines)
