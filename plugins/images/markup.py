"""Write <figure>/<picture> markup for story bodies and covers (BeautifulSoup)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from bs4 import BeautifulSoup, NavigableString, SoupStrainer, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from .pipeline import ImageResult, Rendition
from .references import is_external, looks_like_image
from .settings import ImagesSettings

# HTML5 void elements (<img>, not <img/>); only &, < and > escaped, so
# Vietnamese and CJK text stays readable instead of turning into entities.
FORMATTER = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml,
    void_element_close_prefix=None,
    empty_attributes_are_booleans=True,
)
# Elements a <figure> may stand in directly (flow content).
FLOW_PARENTS = {
    "[document]",
    "body",
    "main",
    "article",
    "section",
    "aside",
    "div",
    "li",
    "td",
    "th",
    "blockquote",
    "dd",
    "details",
    "header",
    "footer",
    "nav",
    "figure",
}
# Attributes the pipeline decides; the editor's class, id and the like are kept.
DECIDED_ATTRIBUTES = {
    "src",
    "srcset",
    "sizes",
    "width",
    "height",
    "loading",
    "decoding",
    "fetchpriority",
    "title",
    "alt",
    "lang",
}
SCAN_STRAINER = SoupStrainer(["img", "a", "picture"])
CREDIT_SEPARATOR = " | "


def nfc(text: str) -> str:
    """Return text in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def split_title(title: str | None) -> tuple[str, str]:
    """Return (caption, credit) from an image title "caption | credit"."""
    if not title:
        return "", ""
    caption, separator, credit = title.rpartition(CREDIT_SEPARATOR)
    if not separator:
        return nfc(title.strip()), ""
    return nfc(caption.strip()), nfc(credit.strip())


def _sole(parent: Tag, child: Tag) -> bool:
    """Tell whether child is parent's only content apart from whitespace."""
    for node in parent.contents:
        if node is child:
            continue
        if isinstance(node, NavigableString) and not node.strip():
            continue
        return False
    return True


@dataclass(frozen=True)
class Found:
    """The local image references of one body: <img src> and <a href> values."""

    images: tuple[str, ...]
    links: tuple[str, ...]


class Markup:
    """Build image markup with one site's URLs and settings."""

    def __init__(
        self, settings: ImagesSettings, siteurl: str, credit: Callable[[str, str | None], str] | None = None
    ):
        self.settings = settings
        # (credit, language) -> the credit with its label in that language (multilang's CreditLabels)
        self.credit = credit or (lambda text, lang: text)
        self.siteurl = siteurl.rstrip("/")
        self.media_prefix = f"{self.siteurl}/{settings.output_dir}/"

    # -- URLs ---------------------------------------------------------------

    def url(self, rendition: Rendition) -> str:
        """Return the URL of a derivative."""
        return self.media_prefix + rendition.name

    def path_url(self, output_path: str) -> str:
        """Return the URL of a file at output_path."""
        return f"{self.siteurl}/{quote(output_path)}"

    def srcset(self, renditions: tuple[Rendition, ...]) -> str:
        """Return a srcset attribute value with width descriptors."""
        return ", ".join(f"{self.url(r)} {r.width}w" for r in renditions)

    # -- scanning -----------------------------------------------------------

    def scan(self, html: str) -> Found:
        """Return the local images and image links a body refers to."""
        if not html or ("<img" not in html and "<a" not in html):
            return Found((), ())
        soup = BeautifulSoup(html, "html.parser", parse_only=SCAN_STRAINER)
        images = []
        for img in soup.find_all("img"):
            src = img.get("src")
            if src is None or img.find_parent("picture") or not self._local(src):
                continue  # already a derivative, or off-site
            images.append(src)
        links = [
            a["href"]
            for a in soup.find_all("a", href=True)
            if self._local(a["href"]) and looks_like_image(a["href"])
        ]
        return Found(tuple(images), tuple(links))

    def _local(self, ref: str) -> bool:
        """Tell whether ref names a file of the content (not a URL, not a derivative)."""
        return not is_external(ref) and not ref.startswith(self.media_prefix)

    # -- building -----------------------------------------------------------

    def picture(
        self,
        soup: BeautifulSoup,
        image: ImageResult,
        *,
        alt: str | None,
        cover: bool,
        alt_lang: str | None = None,
        attrs: Mapping[str, object] | None = None,
        thumb: bool = False,
    ) -> Tag:
        """Return a <picture> (or a bare <img> for SVG) for image; a thumb stops at twice its width."""
        if thumb:
            sizes, src_width = self.settings.thumb_sizes, self.settings.thumb_width
        else:
            sizes = self.settings.cover_sizes if cover else self.settings.sizes
            src_width = self.settings.default_width
        widest = 2 * src_width if thumb else None

        def renditions(fmt: str) -> tuple[Rendition, ...]:
            """Return fmt's renditions, up to the widest a thumb needs."""
            every = image.renditions[fmt]
            kept = tuple(r for r in every if widest is None or r.width <= widest)
            return kept or every[:1]

        largest = renditions(image.fallback)[-1]
        img = soup.new_tag("img")
        if image.kind == "svg":
            img["src"] = self.url(image.largest())
        else:
            img["src"] = self.url(image.at_most(src_width))
            img["srcset"] = self.srcset(renditions(image.fallback))
            img["sizes"] = sizes
        img["width"] = str(largest.width)
        img["height"] = str(largest.height)
        if alt is not None:
            img["alt"] = nfc(alt)
        if alt_lang:
            img["lang"] = alt_lang  # the alt text is not in the page's language
        for name, value in (attrs or {}).items():
            img[name] = value
        if cover:
            img["fetchpriority"] = "high"  # the likely largest paint: load it first
        else:
            img["loading"] = "lazy"
            img["decoding"] = "async"
        if image.kind == "svg":
            return img
        picture = soup.new_tag("picture")
        for fmt in image.formats:
            if fmt == image.fallback:
                continue
            source = soup.new_tag("source")
            source["type"] = image.renditions[fmt][0].mime
            source["srcset"] = self.srcset(renditions(fmt))
            source["sizes"] = sizes
            picture.append(source)
        picture.append(img)
        return picture

    def figcaption(
        self, soup: BeautifulSoup, caption: str, credit: str, lang: str | None = None
    ) -> Tag | None:
        """Return <figcaption>caption <small class="credit">credit</small></figcaption>, or None."""
        credit = self.credit(credit, lang) if credit else credit
        if not caption and not credit:
            return None
        figcaption = soup.new_tag("figcaption")
        if caption:
            figcaption.append(caption)
        if credit:
            if caption:
                figcaption.append(" ")
            small = soup.new_tag("small", attrs={"class": "credit"})
            small.append(credit)
            figcaption.append(small)
        return figcaption

    def cover_html(
        self,
        image: ImageResult,
        *,
        alt: str | None,
        alt_lang: str | None,
        credit: str,
        lang: str | None = None,
    ) -> str:
        """Return the cover's <figure class="cover"> markup."""
        soup = BeautifulSoup("", "html.parser")
        figure = soup.new_tag("figure", attrs={"class": "cover"})
        figure.append(self.picture(soup, image, alt=alt or "", cover=True, alt_lang=alt_lang))
        caption = self.figcaption(soup, "", nfc(credit.strip()), lang)
        if caption is not None:
            figure.append(caption)
        return figure.decode(formatter=FORMATTER)

    def thumb_html(self, image: ImageResult) -> str:
        """Return a list card's lazy thumbnail; alt="" as the card's link already names the story."""
        soup = BeautifulSoup("", "html.parser")
        return self.picture(soup, image, alt="", cover=False, thumb=True).decode(formatter=FORMATTER)

    # -- rewriting ----------------------------------------------------------

    def rewrite_body(
        self,
        html: str,
        images: Mapping[str, ImageResult],
        links: Mapping[str, ImageResult],
        lang: str | None = None,
    ) -> str:
        """Return html with each known <img> as a figure/picture and image links to derivatives."""
        soup = BeautifulSoup(html, "html.parser")
        for img in soup.find_all("img"):
            src = img.get("src")
            if src is None or img.find_parent("picture") or src not in images:
                continue
            self._replace(soup, img, images[src], lang)
        for link in soup.find_all("a", href=True):
            image = links.get(link["href"])
            if image is not None:
                link["href"] = self._link_target(image)
        return soup.decode(formatter=FORMATTER)

    def _link_target(self, image: ImageResult) -> str:
        """Return where a link to an image goes: the published original, else the largest derivative."""
        if image.original:
            return self.path_url(image.original)
        return self.url(image.largest())

    def _replace(self, soup: BeautifulSoup, img: Tag, image: ImageResult, lang: str | None = None) -> None:
        """Replace one <img> with its picture, in a <figure> where the HTML allows one."""
        caption, credit = split_title(img.get("title"))
        kept = {k: v for k, v in img.attrs.items() if k not in DECIDED_ATTRIBUTES}
        media = self.picture(soup, image, alt=img.get("alt"), cover=False, attrs=kept)
        parent = img.parent
        if parent is not None and parent.name == "a" and _sole(parent, img):
            img.replace_with(media)
            unit: Tag = parent  # an image that is a link stays a link
        else:
            unit = media
            if image.original:
                unit = soup.new_tag("a", href=self.path_url(image.original))
                unit.append(media)
            img.replace_with(unit)
        container = unit.parent
        name = container.name if container is not None else "[document]"
        if container is not None and name == "p" and _sole(container, unit):
            target: Tag = container  # Markdown's <p><img></p>: the figure replaces the paragraph
        elif name in FLOW_PARENTS and name != "figure":
            target = unit
        else:
            # Inside text or the editor's own <figure>: a <figure> is not
            # allowed (or not needed) there, so the caption stays a title.
            if img.get("title"):
                self._inner_img(media)["title"] = img["title"]
            return
        figure = soup.new_tag("figure", attrs={"class": "image"})
        target.replace_with(figure)
        figure.append(unit.extract() if target is not unit else unit)
        figcaption = self.figcaption(soup, caption, credit, lang)
        if figcaption is not None:
            figure.append(figcaption)

    @staticmethod
    def _inner_img(media: Tag) -> Tag:
        """Return the <img> of a picture (or the img itself)."""
        return media if media.name == "img" else media.find("img")
