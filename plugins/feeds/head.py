"""Jinja globals for every page's <head>: feed discovery, JSON-LD, Open Graph and Twitter."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import jinja2
from markupsafe import Markup
from model.sanitise import script_json, script_json_dumps
from model.site import Agency, Site
from multilang import urls

from . import structured
from .catalog import COLLECTION, FORMAT_NAMES, MEDIA_TYPES
from .content import published, social_image, updated
from .embeds import feed_title
from .headers import meta_csp
from .state import State, of

SCHEMA = "https://schema.org"


def install_globals(generator: Any) -> None:
    """Make feed_links(), structured_data(), social_meta(), csp_meta() and script-safe JSON available."""
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals.update(
            feed_links=feed_links, structured_data=structured_data, social_meta=social_meta, csp_meta=csp_meta
        )
        # `|tojson` and `|script_json` in an inline <script>: <, >, &, U+2028/9 as \u escapes.
        env.filters["script_json"] = script_json
        env.policies["json.dumps_function"] = script_json_dumps


def _state(context: jinja2.runtime.Context) -> tuple[State, Site, Any] | None:
    """Return the build's state, the site and the page's language, if the page has them."""
    site = context.get("site")
    state = of(site)
    language = context.get("lang")
    if state is None or language is None or not hasattr(language, "code"):
        return None
    return state, site, language


def _scope(context: jinja2.runtime.Context) -> tuple[str, str] | None:
    """Return the (kind, id) of the section, tag or agency a page is about."""
    template = context.get("page_template")
    if template == "section" and context.get("section"):
        return "section", context["section"]
    if template == "tag" and context.get("term"):
        return "tag", context["term"]
    if template == "agency" and isinstance(context.get("agency"), Agency):
        return "agency", context["agency"].id
    story = context.get("story")
    if template == "article" and story is not None and story.kind == "story" and story.section:
        return "section", story.section
    return None


@jinja2.pass_context
def feed_links(context: jinja2.runtime.Context) -> Markup:
    """Return <link rel=alternate> for the language's feed and its section, tag, agency or collection."""
    found = _state(context)
    if found is None:
        return Markup("")
    state, site, language = found
    feeds = [state.catalog.get(language.code, "all")]
    scope = _scope(context)
    if scope:
        feeds.append(state.catalog.get(language.code, *scope))
    titles = {id(feed): feed_title(state, feed) for feed in feeds if feed is not None}
    collection = _collection_feed(context, state, language.code)
    if collection is not None:
        feeds.append(collection[0])
        titles[id(collection[0])] = collection[1]
    lines = []
    for feed in feeds:
        if feed is None:
            continue
        title = titles[id(feed)]
        for fmt in state.settings.formats:
            lines.append(
                f'<link rel="alternate" type="{MEDIA_TYPES[fmt]}" '
                f'title="{escape(title)} ({FORMAT_NAMES[fmt]})" href="{escape(site.url(feed.path(fmt)))}">'
            )
    return Markup("\n".join(lines))


def _collection_feed(context: jinja2.runtime.Context, state: State, code: str) -> tuple[Any, str] | None:
    """Return the feed of the collection a page lists or belongs to (events, projects…) and its title."""
    ctype = context.get("ctype")
    if ctype is None or not getattr(ctype, "collection", ""):
        return None
    feed = state.catalog.get(code, COLLECTION, ctype.name)
    if feed is None:
        return None
    # The collection's name is the theme's (a macro, translated by the page's catalog), as in the feed.
    names = context.environment.get_template("invest_macros.html").make_module(context.get_all())
    return feed, f"{str(names.collection_name(ctype.name)).strip()} – {state.site_name(code)}"


def _text(context: jinja2.runtime.Context, message: str) -> str:
    """Translate a message of the theme's catalog in the page's language."""
    gettext = context.resolve_or_missing("gettext")
    if gettext is jinja2.runtime.missing or not callable(gettext):
        return message
    return str(context.call(gettext, message))


def _organization(
    state: State, agency: Agency, lang: str, page_url: str | None = None, full: bool = False
) -> dict[str, Any]:
    """Return an agency (or the site owner) as a schema.org GovernmentOrganization."""
    data: dict[str, Any] = {"@type": "GovernmentOrganization", "name": agency.name(lang)}
    if page_url:
        data["@id"] = page_url + "#organization"
    url = agency.url or page_url
    if url:
        data["url"] = url
    if not full:
        return data
    short = agency.short_name(lang)
    if short and short != data["name"]:
        data["alternateName"] = short
    description = agency.text("functions", lang)
    if description:
        data["description"] = description
    if page_url and agency.url and agency.url != page_url:
        data["mainEntityOfPage"] = page_url
    site = state.catalog.site
    parent = site.agencies.get(agency.parent or "") or next(
        (owner for owner in site.owners if owner.id == agency.parent), None
    )
    if parent is not None:
        data["parentOrganization"] = _organization(state, parent, lang)
    address = agency.text("address", lang)
    if address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": address}
    for key, prop in (("phone", "telephone"), ("telephone", "telephone"), ("email", "email")):
        value = agency.contacts.get(key)
        if isinstance(value, str) and value:
            data[prop] = value
    points = structured.contact_points(agency, lang)
    if points:
        data["contactPoint"] = points
    if agency.valid_from:
        data["foundingDate"] = agency.valid_from.isoformat()
    if agency.valid_to:
        data["dissolutionDate"] = agency.valid_to.isoformat()
    return data


def _agency_page(state: State, agency_id: str, language: Any) -> str:
    """Return the absolute URL of an agency's page in a language."""
    return state.settings.absolute(urls.agency(language, agency_id))


def _news_article(state: State, context: jinja2.runtime.Context, language: Any) -> dict[str, Any] | None:
    """Return the NewsArticle of a story page (None for fallbacks and static pages)."""
    article, story = context.get("article"), context.get("story")
    if article is None or story is None or story.kind != "story" or getattr(article, "is_fallback", False):
        return None
    site = state.catalog.site
    lang = article.lang
    url = state.settings.absolute(article.page_path)
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.title,
        "inLanguage": site.language(lang).html_lang,
        "datePublished": published(article).isoformat(),
        "dateModified": updated(article).isoformat(),
        "isAccessibleForFree": True,
    }
    plain = context.get("plain")
    summary = getattr(article, "summary", "") or ""
    if summary and callable(plain):
        data["description"] = plain(summary)
    image = social_image(story, state.settings)
    if image:
        image_data: dict[str, Any] = {"@type": "ImageObject", "url": image.url}
        if image.width and image.height:
            image_data.update(width=image.width, height=image.height)
        data["image"] = [image_data]
    owner = site.owner_on(published(article).date())
    agency = site.agencies.get(story.agency or "")
    if agency is not None:
        data["author"] = _organization(state, agency, language.code, _agency_page(state, agency.id, language))
    elif owner is not None:
        data["author"] = _organization(state, owner, language.code)
    if owner is not None:
        data["publisher"] = _organization(state, owner, language.code)
    if story.section:
        data["articleSection"] = site.sections[story.section].names.get(lang, story.section)
    if story.tags:
        data["keywords"] = [site.terms[t].name(lang) for t in story.tags if t in site.terms]
    source = story.source
    if article is source:
        others = [v for code, v in story.versions.items() if v is not source]
        if others:
            data["workTranslation"] = [_work(state, site, v) for v in others]
    else:
        data["translationOfWork"] = _work(state, site, source)
    return data


def _work(state: State, site: Site, version: Any) -> dict[str, Any]:
    """Return a reference to another language version of a story."""
    url = state.settings.absolute(version.page_path)
    return {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "url": url,
        "inLanguage": site.language(version.lang).html_lang,
        "headline": version.title,
    }


def _breadcrumbs(state: State, context: jinja2.runtime.Context, language: Any) -> dict[str, Any] | None:
    """Return the BreadcrumbList of a page below the home page."""
    site = state.catalog.site
    template = context.get("page_template")
    absolute = state.settings.absolute
    trail: list[tuple[str, str]] = [(state.site_name(language.code), absolute(urls.home(language)))]
    if template == "section" and context.get("section"):
        section_id = context["section"]
        trail.append(
            (
                site.sections[section_id].names[language.code],
                absolute(urls.section(language, site, section_id)),
            )
        )
    elif template in ("tag", "tags"):
        trail.append((_text(context, "Tags"), absolute(urls.listing(language, "tag"))))
        if template == "tag" and context.get("term") in site.terms:
            term_id = context["term"]
            trail.append(
                (site.terms[term_id].name(language.code), absolute(urls.tag(language, site, term_id)))
            )
    elif template in ("agency", "agencies"):
        trail.append((_text(context, "Agencies"), absolute(urls.listing(language, "agency"))))
        agency = context.get("agency")
        if template == "agency" and isinstance(agency, Agency):
            trail.append((agency.name(language.code), _agency_page(state, agency.id, language)))
    elif template in ("archives", "archive"):
        trail.append((_text(context, "Archive"), absolute(urls.listing(language, "archive"))))
        if template == "archive" and context.get("year"):
            year = context["year"]
            trail.append((str(year), absolute(urls.archive_year(language, year))))
    elif template in ("article", "page") and context.get("article") is not None:
        article, story = context["article"], context.get("story")
        if story is not None and story.kind == "story" and story.section:
            trail.append(
                (
                    site.sections[story.section].names[language.code],
                    absolute(urls.section(language, site, story.section)),
                )
            )
        trail.append((article.title, absolute(article.page_path)))
    elif context.get("ctype") is not None:  # a collection's list or item (structured.py)
        trail += structured.crumbs(state, context, language)
    else:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def _owner_with_agencies(state: State, language: Any, page_url: str) -> dict[str, Any] | None:
    """Return the site owner today, with the agencies that publish on the site."""
    site = state.catalog.site
    owner = site.owner_on()
    if owner is None:
        return None
    data = _organization(state, owner, language.code, full=True)
    data["@id"] = page_url + "#owner"
    current = [a for a in site.agencies.values() if a.valid_on(_today())]
    if current:
        data["subOrganization"] = [
            _organization(state, a, language.code, _agency_page(state, a.id, language)) for a in current
        ]
    return data


def _today() -> dt.date:
    """Return today's date (the owner and agencies valid now)."""
    return dt.date.today()


@jinja2.pass_context
def structured_data(context: jinja2.runtime.Context) -> Markup:
    """Return the page's JSON-LD: NewsArticle, BreadcrumbList, GovernmentOrganization."""
    found = _state(context)
    if found is None:
        return Markup("")
    state, _site, language = found
    template = context.get("page_template")
    page_path = context.get("page_path")
    page_url = state.settings.absolute(page_path or "")
    graph: list[dict[str, Any]] = []
    if template == "article":
        article = _news_article(state, context, language)
        if article:
            graph.append(article)
    elif template == "agency" and isinstance(context.get("agency"), Agency):
        agency = context["agency"]
        graph.append(
            _organization(state, agency, language.code, _agency_page(state, agency.id, language), full=True)
        )
    elif context.get("ctype") is not None:  # a collection: its list as a Dataset, a document as Legislation
        found_ld = (
            structured.dataset(state, context, language, page_url)
            or structured.legislation(state, context, language)
            or structured.event(state, context, language)
            or structured.attraction(state, context, language)
            or structured.image_gallery(state, context, language)
        )
        if found_ld:
            graph.append(found_ld)
    elif template == "agencies" or (
        template == "page" and getattr(context.get("story"), "key", "") in ("about", "agencies")
    ):
        owner = _owner_with_agencies(state, language, page_url)
        if owner:
            graph.append(owner)
    crumbs = _breadcrumbs(state, context, language)
    if crumbs:
        graph.append(crumbs)
    if not graph:
        return Markup("")
    # No <, >, & (nor U+2028/9) left to end the element or open a comment: \u003c and so on.
    text = script_json({"@context": SCHEMA, "@graph": graph})
    return Markup(f'<script type="application/ld+json">{text}</script>')


@jinja2.pass_context
def csp_meta(context: jinja2.runtime.Context) -> Markup:
    """Return <meta http-equiv="Content-Security-Policy">: the _headers policy, for hosts that send none."""
    state = of(context.get("site"))
    if state is None:
        return Markup("")
    policy = escape(meta_csp(state.settings), quote=False).replace('"', "&quot;")  # keep 'self' readable
    return Markup(f'<meta http-equiv="Content-Security-Policy" content="{policy}">')


@jinja2.pass_context
def social_meta(context: jinja2.runtime.Context) -> Markup:
    """Return Open Graph article tags, the share image and the Twitter card of a page."""
    found = _state(context)
    if found is None:
        return Markup("")
    state, site, language = found
    tags: list[tuple[str, str, str]] = []  # (attribute, name, content)
    article, story = context.get("article"), context.get("story")
    image = None
    if context.get("page_template") == "article" and article is not None and story is not None:
        image = social_image(story, state.settings)
        # article:published_time and article:modified_time are the theme's (article.html).
        if story.kind == "story":
            if story.section:
                tags.append(
                    ("property", "article:section", site.sections[story.section].names[language.code])
                )
            tags += [
                ("property", "article:tag", site.terms[t].name(language.code))
                for t in story.tags
                if t in site.terms
            ]
            if story.agency in site.agencies:
                tags.append(("property", "article:author", _agency_page(state, story.agency, language)))
        summary = getattr(article, "summary", "") or ""
        plain = context.get("plain")
        if summary and callable(plain):
            tags.append(("property", "og:description", plain(summary)))
    if image:
        tags.append(("property", "og:image", image.url))
        if image.url.startswith("https:"):
            tags.append(("property", "og:image:secure_url", image.url))
        tags.append(("property", "og:image:type", image.type))
        if image.width and image.height:
            tags.append(("property", "og:image:width", str(image.width)))
            tags.append(("property", "og:image:height", str(image.height)))
        alt = getattr(article, "cover_alt", "") or (article.metadata.get("cover_alt", "") if article else "")
        if alt:
            tags.append(("property", "og:image:alt", alt))
            tags.append(("name", "twitter:image:alt", alt))
        tags.append(("name", "twitter:card", "summary_large_image"))
        tags.append(("name", "twitter:image", image.url))
    else:
        tags.append(("name", "twitter:card", "summary"))
    return Markup(
        "\n".join(f'<meta {attr}="{name}" content="{escape(str(value))}">' for attr, name, value in tags)
    )
