"""Resolve the links in story bodies: rewrite them to the site's addresses, report those that lead nowhere."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, quote, unquote, urlsplit

from model import config as cfg
from model.findings import Finding, make
from model.site import Site, Story
from model.sources import INDEX_RE, ContentTree, Document
from model.text import nfc

from .urls import attachment_path

if TYPE_CHECKING:
    from .addresses import Addresses

# <a href> as Python-Markdown writes it, and as editors write raw HTML (either quote).
HREF_RE = re.compile(r"(<a\b[^>]*?(?<![\w-])href\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE | re.DOTALL)
# What a body refers to: <a href> and <img src> (the images plugin turns the
# <img> it publishes into <picture>s whose URLs are under its own folder).
REF_RE = re.compile(
    r"<(?P<tag>a|img)\b[^>]*?(?<![\w-])(?P<attr>href|src)\s*=\s*(?P<q>[\"'])(?P<value>.*?)(?P=q)",
    re.IGNORECASE | re.DOTALL,
)
# Pelican's intra-site links: {filename}path, and the older |filename|path.
PELICAN_RE = re.compile(r"^(?:\{(?P<curly>\w+)\}|\|(?P<bar>\w+)\|)")
PELICAN_KINDS = ("filename", "static", "attach")
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
EXAMPLE = "../../news/plan-186/index.vi.md"

__all__ = ["LinkRewriter", "Resolver", "Target", "attachment_path", "check_links"]


@dataclass(frozen=True)
class Target:
    """What a link in a body names; `error` says why it leads nowhere."""

    site_path: str | None = None  # a path of the site (root-relative, or under SITEURL)
    story: Story | None = None  # a story or page, named by one of its files or its folder
    attachment: str | None = None  # the output path of an attachment of `story`
    image: str | None = None  # an image in the content folder (the images plugin publishes it)
    unread: bool = False  # in a bundle the engine left out for its own errors
    fragment: str = ""
    error: str | None = None
    hint: str | None = None


class Resolver:
    """Say what body links name: site paths, story files and folders, attachments, images."""

    def __init__(self, site: Site, content_dir: str, image_exts: tuple[str, ...]):
        self.site = site
        self.root = _norm(content_dir)
        self.image_exts = tuple(ext.lower() for ext in image_exts)
        self.by_file: dict[str, Story] = {}
        self.by_folder: dict[str, Story] = {}
        for story in site.every_item():
            self.by_folder[_norm(story.bundle_dir)] = story
            # Draft translations too: a link to one still reaches the story.
            for version in [*story.versions.values(), *story.draft_versions.values()]:
                self.by_file[_norm(version.source_path)] = story
        self.siteurl = site.siteurl.rstrip("/")
        # "/quangba" when the site is not at its host's root.
        self.base_path = urlsplit(self.siteurl).path.rstrip("/")

    def rel(self, path: str) -> str:
        """Return an absolute path relative to the content folder, for messages."""
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def resolve(self, href: str, bundle_dir: str) -> Target | None:
        """Return what an href (as in the HTML) names; None when it is not the site's."""
        raw = html.unescape(href).strip()
        pelican = PELICAN_RE.match(raw)
        if pelican:
            return self._pelican(pelican["curly"] or pelican["bar"], raw[pelican.end() :], bundle_dir)
        parts = _split(raw)
        if parts is None:
            return None  # malformed: the checker's links rules report it
        if parts.scheme or parts.netloc:
            return self._absolute(raw)
        fragment = parts.fragment
        if not parts.path:
            return None  # "#section" or "?q": this page
        if parts.path.startswith("/"):
            return Target(site_path=self._site_path(parts.path), fragment=fragment)
        return self.content(os.path.join(bundle_dir, unquote(parts.path)), fragment)

    def _pelican(self, kind: str, value: str, bundle_dir: str) -> Target:
        """Resolve {filename}/{static}/{attach} as Pelican does: "/x" from content/, "x" from the file."""
        if kind not in PELICAN_KINDS:
            return Target(
                error=f"Pelican's {{{kind}}} links are not supported here",
                hint=f"link the story's file ({EXAMPLE}) or the page's address (/en/tag/…/)",
            )
        parts = _split(value)
        path = unquote(parts.path) if parts else ""
        if not path:
            return Target(error="it names no file", hint=f"write the file after {{{kind}}}, e.g. {EXAMPLE}")
        base = self.root if path.startswith("/") else bundle_dir
        return self.content(os.path.join(base, path.lstrip("/")), parts.fragment if parts else "")

    def _absolute(self, raw: str) -> Target | None:
        """Return the site path of an absolute URL under SITEURL; None for other sites."""
        if not self.siteurl.startswith(("http://", "https://")) or not raw.startswith(self.siteurl):
            return None
        rest = raw[len(self.siteurl) :]
        if rest and rest[0] not in "/?#":
            return None  # https://example.org.evil/ is not https://example.org
        parts = _split(rest) or urlsplit("")
        return Target(site_path=parts.path.lstrip("/"), fragment=parts.fragment)

    def _site_path(self, path: str) -> str:
        """Return a root-relative path relative to the site (SITEURL may have a path)."""
        if self.base_path and (path == self.base_path or path.startswith(self.base_path + "/")):
            path = path[len(self.base_path) :]
        return path.lstrip("/")

    def content(self, path: str, fragment: str = "") -> Target:
        """Return what a file or folder path in the content folder names."""
        full = _norm(path)
        if full != self.root and not full.startswith(self.root + os.sep):
            return Target(
                error="it points outside the content folder",
                hint=f"link a story's file ({EXAMPLE}) or a file in the story folder",
            )
        story = self.by_file.get(full) or self.by_folder.get(full)
        if story is not None:
            return Target(story=story, fragment=fragment)
        folder, name = os.path.split(full)
        owner = self.by_folder.get(folder)
        if INDEX_RE.match(name):
            return self._missing_version(folder, name, owner)
        if owner is not None and name in owner.attachments:
            return Target(story=owner, attachment=attachment_path(owner, name), fragment=fragment)
        if os.path.isfile(full) and name.lower().endswith(self.image_exts):
            return Target(image=full, fragment=fragment)
        if owner is None and _is_bundle(self.rel(full if os.path.isdir(full) else folder), self.root):
            return Target(unread=True)
        if os.path.isfile(full):
            return Target(
                error=f"{self.rel(full)} is not published",
                hint="give it an extension of MULTILANG_ATTACHMENT_EXTENSIONS, or link a story's file",
            )
        what = "is a folder, not a story" if os.path.isdir(full) else "does not exist"
        return Target(
            error=f"{self.rel(full)} {what}",
            hint=f"correct the path (names are case-sensitive), e.g. {EXAMPLE} or photo.jpg",
        )

    def _missing_version(self, folder: str, name: str, owner: Story | None) -> Target:
        """Explain a link to a story file that does not exist, naming the languages that do."""
        if owner is None:
            if _is_bundle(self.rel(folder), self.root):
                return Target(unread=True)
            return Target(
                error=f"there is no story {self.rel(folder)}",
                hint=f"correct the path (names are case-sensitive), e.g. {EXAMPLE}",
            )
        langs = [code for code in self.site.codes if code in owner.versions or code in owner.draft_versions]
        source = os.path.basename(owner.source.source_path)
        return Target(
            error=(
                f"{self.rel(folder)} has no {name}: the story exists in {', '.join(langs)}; "
                f"link {source} or the folder"
            ),
            hint="readers get the story in their own language, whichever file the link names",
        )


def _norm(path: str) -> str:
    """Return an absolute, normalised path (not realpath: a stat per component costs 40 µs a file)."""
    return os.path.normpath(os.path.abspath(path))


def _split(url: str) -> SplitResult | None:
    """Split a URL, or return None when it is malformed."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _is_bundle(rel: str, root: str) -> bool:
    """Say whether content/<rel> is a story folder with text files (one the engine may have left out)."""
    if rel.count("/") != 1 or rel.startswith(".."):
        return False
    folder = os.path.join(root, rel)
    return os.path.isdir(folder) and any(INDEX_RE.match(name) for name in os.listdir(folder))


def content_dir(site: Site, settings: dict[str, Any] | None) -> str:
    """Return the content folder: PATH, else the sources' root, else the stories' grandparent."""
    if settings and settings.get("PATH"):
        return str(settings["PATH"])
    if site.sources is not None:
        return str(site.sources.root)
    for story in site.every_item():
        return os.path.dirname(os.path.dirname(story.bundle_dir))  # content/<section>/<key>
    return "."


def _resolver(site: Site, settings: dict[str, Any] | None) -> Resolver:
    """Build the resolver of a site with its settings (or the defaults)."""
    image_exts = tuple(cfg.get(settings or {}, "MULTILANG_IMAGE_EXTENSIONS"))
    return Resolver(site, content_dir(site, settings), image_exts)


class LinkRewriter:
    """Rewrite links to story files, folders and attachments to their URLs, in the reader's language."""

    def __init__(self, site: Site, settings: dict[str, Any] | None = None):
        self.site = site
        self.resolver = _resolver(site, settings)
        self.fallbacks = {
            lang: {id(item.story): item for item in items} for lang, items in site.fallbacks.items()
        }

    def rewrite(self, item: Any) -> None:
        """Rewrite the relative and Pelican-style hrefs in one version or fallback body."""
        content = item._content
        if not content or "href" not in content:
            return
        lang = getattr(item, "view_lang", item.lang)

        def replace(match: re.Match[str]) -> str:
            return match[1] + match[2] + self._target(item, match[3], lang) + match[2]

        item._content = HREF_RE.sub(replace, content)

    def _target(self, item: Any, href: str, lang: str) -> str:
        """Return the (escaped) URL an href stands for, or href unchanged."""
        if href.startswith(("/", "#")) or SCHEME_RE.match(href):
            return href  # the site's address, this page, or another site
        target = self.resolver.resolve(href, item.story.bundle_dir)
        if target is None or target.error or target.site_path is not None or target.unread:
            return href  # left as written: check_links reports what leads nowhere
        fragment = f"#{target.fragment}" if target.fragment else ""
        if target.image is not None:
            if not PELICAN_RE.match(href):
                return href  # the images plugin publishes it and rewrites the link
            # {static}photo.jpg: the bundle-relative name the images plugin resolves.
            relative = os.path.relpath(target.image, _norm(item.story.bundle_dir))
            return html.escape(quote(relative.replace(os.sep, "/")) + fragment)
        story = target.story
        assert story is not None
        if not story.published:
            return href  # a draft is not written: the link stays as written (check_links judges it)
        if target.attachment is not None:
            return html.escape(self.site.url(quote(target.attachment)) + fragment)
        return html.escape(self.version_url(story, lang) + fragment)

    def version_url(self, story: Story, lang: str) -> str:
        """Return the story's URL in lang: translation, fallback, else its source."""
        if lang in story.versions:
            return story.versions[lang].url
        fallback = self.fallbacks.get(lang, {}).get(id(story))
        return fallback.url if fallback else story.source.url


# -- checking -------------------------------------------------------------------


class _Locator:
    """Find the source line of a link in one version's file (read only when a link is broken)."""

    def __init__(self, tree: ContentTree, story: Story, item: Any):
        self.tree = tree
        self.story = story
        self.item = item
        self._doc: Document | None = None
        self._looked_up = False
        self.cursor: dict[str, int] = {}  # text -> line index after its last match

    @property
    def doc(self) -> Document | None:
        """Return the parsed source file, or None when the tree does not have it."""
        if not self._looked_up:
            self._looked_up = True
            try:
                bundle = self.tree.bundle(self.tree.rel(Path(self.story.bundle_dir)))
                self._doc = bundle.doc(self.item.lang)
            except (KeyError, ValueError, OSError):
                self._doc = None
        return self._doc

    @property
    def path(self) -> Path:
        """Return the file to name in the finding."""
        return self.doc.path if self.doc is not None else Path(self.item.source_path)

    def line(self, href: str) -> int | None:
        """Return the line of the href's next occurrence in the body, else the body's first line."""
        doc = self.doc
        if doc is None:
            return None
        text = html.unescape(href)
        # As a link target first ("](x)", "<x>", "[r]: x", href="x"), so "../" is
        # not found inside an earlier "../../news/…"; then anywhere.
        exact = re.compile(rf"(?<=[(<\"'\s]){re.escape(text)}(?=[)>\"'\s]|$)")
        start = self.cursor.get(text, doc.body_index)
        for found in (exact.search, lambda line: text in line):
            for begin in (start, doc.body_index):
                for index in range(begin, len(doc.lines)):
                    line = doc.lines[index]
                    if found(line) or (not line.isascii() and found(nfc(line))):
                        self.cursor[text] = index + 1
                        return index + 1
        return doc.body_line


def references(content: str) -> Iterator[tuple[str, str]]:
    """Yield ("link" or "image", value as in the HTML) for every <a href> and <img src>."""
    for match in REF_RE.finditer(content):
        tag, attr = match["tag"].lower(), match["attr"].lower()
        if (tag, attr) == ("a", "href"):
            yield "link", match["value"]
        elif (tag, attr) == ("img", "src"):
            yield "image", match["value"]


def _reason(
    resolver: Resolver, addresses: Addresses | None, href: str, bundle_dir: str, published: bool
) -> tuple[str, str | None] | None:
    """Return why href leads nowhere (message, hint), or None when it leads somewhere."""
    target = resolver.resolve(href, bundle_dir)
    if target is None or target.unread or target.image is not None:
        return None
    if target.error:
        return target.error, target.hint
    if target.site_path is not None:
        if addresses is None or addresses.exists(target.site_path):
            return None  # None: only part of the site was read (make check PATHS=…)
        return (
            f"the site has no page /{target.site_path}",
            f"correct the address, or link the story's file ({EXAMPLE}) so the link follows it",
        )
    story = target.story
    if published and story is not None and not story.published:
        return (
            f"{resolver.rel(_norm(story.bundle_dir))} is a draft and is not published",
            "publish it first, or remove the link until it is",
        )
    return None


def check_links(site: Site, settings: dict[str, Any], *, whole: bool = True) -> list[Finding]:
    """Return a links.broken finding for every link or image in a body that leads nowhere.

    With `whole` false only some bundles were read (`make check PATHS=…`): links
    to files are still resolved against the content folder, site addresses
    (root-relative, SITEURL) are left to the whole-site checks and the build.
    """
    resolver = _resolver(site, settings)
    addresses = None
    if whole:
        # Imported here: the address plan needs the page planner, which a one-story check never uses.
        from .addresses import site_addresses

        addresses = site_addresses(site, settings)
    tree = site.sources if site.sources is not None else ContentTree(Path(resolver.root))
    found: dict[tuple[str, int | None, str], Finding] = {}
    # Fallbacks are copies of their source's body: checking the sources covers them.
    for story in site.every_item():
        drafts = {id(version) for version in story.draft_versions.values()}
        for item in [*story.versions.values(), *story.draft_versions.values()]:
            published = story.published and id(item) not in drafts
            locator = _Locator(tree, story, item)
            for what, href in references(item._content or ""):
                reason = _reason(resolver, addresses, href, story.bundle_dir, published)
                if reason is None:
                    continue
                message, hint = reason
                shown = html.unescape(href)
                finding = make(
                    "links.broken",
                    locator.path,
                    locator.line(href),
                    f"{what} {shown} leads nowhere: {message}",
                    hint=hint,
                )
                found.setdefault((str(finding.path), finding.line, finding.message), finding)
    return list(found.values())
