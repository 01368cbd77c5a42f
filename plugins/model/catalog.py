"""The catalogue of rules: id, default level, what each catches and how to fix it."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Level(enum.StrEnum):
    """How serious a finding is; "off" silences a rule."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True)
class Rule:
    """One rule: its id is `<family>.<name>`, stable and used in CHECKER_LEVELS."""

    id: str
    level: Level
    title: str
    hint: str
    overridable: bool = True


_E, _W = Level.ERROR, Level.WARNING

_RULES = [
    # --- structure ---------------------------------------------------------
    Rule(
        "structure.bad-path",
        _E,
        "A Markdown file outside content/<section>/<story>/index.<lang>.md",
        "Move the text into content/<section>/<story>/index.<lang>.md "
        "(or content/pages/<page>/index.<lang>.md).",
    ),
    Rule(
        "structure.unknown-section",
        _E,
        "A story folder in a section that is not configured",
        "Use one of the sections in MULTILANG_SECTIONS (pelicanconf.py), or add the section there.",
    ),
    Rule(
        "structure.empty-folder",
        _E,
        "A story or page folder without an index.<lang>.md",
        "Add index.vi.md (or remove the folder).",
    ),
    Rule(
        "structure.empty-body",
        _E,
        "A story or page with a header and no text",
        "Write the text below the header, after one blank line, or set `Status: draft` until it is written.",
    ),
    Rule(
        "structure.symlink",
        _E,
        "A symbolic link under content/: it can point anywhere on the build machine",
        "Replace the link with the file or folder itself.",
        overridable=False,
    ),
    Rule(
        "content.invalid",
        _E,
        "Something the engine cannot build past (two items claim one address, a tag without a slug…)",
        "Do what the message says; docs/editing.md describes every field.",
        overridable=False,
    ),
    # --- encoding ----------------------------------------------------------
    Rule(
        "encoding.not-utf8",
        _E,
        "The file is not valid UTF-8",
        "Save the file as UTF-8 (in most editors: 'Save with encoding' → UTF-8).",
    ),
    Rule(
        "encoding.bom",
        _E,
        "The file starts with a byte-order mark",
        "Save as UTF-8 without BOM, or run `make check FIX=1`.",
    ),
    Rule(
        "encoding.not-nfc",
        _E,
        "Text is not in Unicode NFC (decomposed accents)",
        "Run `make check FIX=1`, which rewrites the file in NFC.",
    ),
    Rule(
        "encoding.lookalike",
        _E,
        "Ð (U+00D0, Icelandic eth) used for the Vietnamese Đ (U+0110)",
        "Replace Ð with Đ (U+0110), typed with a Vietnamese keyboard (dd → đ).",
    ),
    Rule(
        "encoding.deprecated-tone-mark",
        _E,
        "Deprecated combining tone marks U+0340/U+0341",
        "Retype the letter with a Vietnamese keyboard, or run `make check FIX=1`.",
    ),
    Rule(
        "encoding.mojibake",
        _E,
        "UTF-8 text that was read as Windows-1252 (Ä‘, Ã¡, á»™)",
        "Copy the text again from the original document; the suggested repair is in the message.",
    ),
    Rule(
        "encoding.control-character",
        _E,
        "An invisible control character (NUL, ESC, VT, a C1 control, U+FFFE…) in a header or body",
        "Delete the character at the line and column given (it usually comes with a copy and paste).",
        overridable=False,
    ),
    Rule(
        "encoding.tone-placement",
        _W,
        "Tone mark placed against the house style, or old and new placement mixed",
        "Write the word as suggested (CHECKER_TONE_STYLE); protected names are in CHECKER_TONE_GLOSSARY.",
    ),
    # --- metadata ----------------------------------------------------------
    Rule(
        "metadata.missing-field",
        _E,
        "A required metadata field is missing or empty",
        "Add the field to the header at the top of the file (see docs/editing.md).",
    ),
    Rule(
        "metadata.unknown-field",
        _E,
        "A metadata field that nothing reads (often a typo)",
        "Check the spelling against docs/editing.md; other plugins' fields go in CHECKER_EXTRA_FIELDS.",
    ),
    Rule(
        "metadata.duplicate-field",
        _E,
        "A metadata field written twice in one header",
        "Keep one line for the field and delete the other.",
    ),
    Rule(
        "metadata.conflicting-field",
        _E,
        "A translation sets a language-neutral field to another value than its source",
        "Remove the field from the translation: it inherits it from the source file.",
    ),
    Rule(
        "metadata.placeholder",
        _E,
        "`make new`'s placeholder text left in a story that is not a draft",
        "Replace the placeholder with real text, delete the line, or set `Status: draft`.",
    ),
    Rule(
        "metadata.bad-date",
        _E,
        "Date or Modified is not an ISO 8601 date",
        "Write `2024-02-15`, `2024-02-15 09:00` or `2024-02-15T09:00+07:00`.",
    ),
    Rule(
        "metadata.date-out-of-range",
        _E,
        "A date outside MULTILANG_DATE_RANGE (1945–2100) or with an impossible UTC offset",
        "Check the year and the offset: offsets run from -12:00 to +14:00 in whole minutes "
        "(Việt Nam: +07:00); other years need MULTILANG_DATE_RANGE in pelicanconf.py.",
        overridable=False,
    ),
    Rule(
        "metadata.too-many-tags",
        _E,
        "More tags on one story than MULTILANG_MAX_TAGS (12)",
        "Keep the few tags readers browse by; MULTILANG_MAX_TAGS in pelicanconf.py sets the cap.",
        overridable=False,
    ),
    Rule(
        "metadata.modified-before-date",
        _W,
        "Modified is earlier than Date",
        "Modified is the last change, so it cannot precede publication: correct either date.",
    ),
    Rule(
        "metadata.bad-language",
        _E,
        "The language code is not valid BCP 47 or not configured",
        "Name the file index.<lang>.md with a code from MULTILANG_LANGUAGES (vi, en, ja, ko, zh, fr).",
    ),
    Rule(
        "metadata.unknown-tag",
        _W,
        "A tag that is not in data/terms.yml",
        "Use a term id from data/terms.yml, or add the term there with a name per language.",
    ),
    Rule(
        "metadata.unknown-agency",
        _E,
        "Agency is not an id in data/agencies.yml",
        "Use an agency id from data/agencies.yml.",
    ),
    Rule(
        "metadata.agency-not-valid",
        _E,
        "The agency did not exist on the story's date",
        "Use the agency that existed on that date (see valid_from/valid_to and successor "
        "in data/agencies.yml).",
    ),
    Rule(
        "metadata.summary-too-long",
        _W,
        "Summary longer than CHECKER_SUMMARY_MAX",
        "Shorten the summary to one or two sentences.",
    ),
    Rule(
        "metadata.bad-slug",
        _E,
        "A folder name or Slug that is not lowercase ASCII letters, digits and hyphens",
        "Use only a-z, 0-9 and single hyphens (Đà Bắc → da-bac).",
    ),
    Rule(
        "metadata.bad-value",
        _E,
        "A metadata value that cannot be used (Status, Cover_focus)",
        "See the field's description in docs/editing.md.",
    ),
    Rule(
        "metadata.unknown-reference",
        _E,
        "A field names an item that does not exist (a document relation, a planning basis)",
        "Use the folder name of an existing item (the message lists the nearest), or create that item.",
    ),
    Rule(
        "gallery.missing-photo",
        _E,
        "A gallery names a photo that is not a file in its folder",
        "Put the image beside index.<lang>.md, or correct its name under `Photos:`.",
    ),
    Rule(
        "gallery.missing-alt",
        _E,
        "A gallery photo without alt text in a language the gallery is published in",
        "Add `file.jpg: what the photo shows` under `Photo_alt:` in that language's file.",
    ),
    Rule(
        "gallery.bad-photo",
        _E,
        "A line of a gallery's Photos, Photo_alt or Photo_captions that cannot be read",
        "Write `file.jpg | credit` (then `rank: 1 | author: … | work: …` for a contest) under "
        "`Photos:`, and `file.jpg: text` under `Photo_alt:` and `Photo_captions:` (docs/content-types.md).",
    ),
    Rule(
        "metadata.date-order",
        _E,
        "A date before the date it may not precede (Effective before Issued, Expires before Effective)",
        "Correct either date (docs/content-types.md says which field comes first).",
    ),
    Rule(
        "metadata.implicit-time-zone",
        _W,
        "An event's time without a time zone: no offset, no Time_zone and not all day (read as Vietnam time)",
        "Add `Time_zone: Asia/Ho_Chi_Minh` (or the zone the times are in), or write the offset "
        "(`2025-02-04T08:00+07:00`); a day without a time is an all-day event.",
    ),
    Rule(
        "metadata.out-of-area",
        _E,
        "Coordinates outside the province's bounding box (MULTILANG_BOUNDING_BOX), or latitude and "
        "longitude swapped",
        "Check the point on a map; latitude comes first (`20.81, 105.34`).",
    ),
    Rule(
        "metadata.cancelled-featured",
        _W,
        "A cancelled event still marked `Featured: yes` for the home page (the home page leaves it out)",
        "Remove `Featured: yes`, or change Event_status if the event is on after all.",
    ),
    Rule(
        "metadata.inherited-field",
        _W,
        "A translation sets a language-neutral field, which is ignored",
        "Remove the field from the translation; set it in the source file only.",
    ),
    # --- translations ------------------------------------------------------
    Rule(
        "translation.stale",
        _W,
        "The source changed after the translation",
        "Update the translation, then set its Modified (or Source_hash) to match the source.",
    ),
    Rule(
        "translation.missing-required-page",
        _E,
        "A required static page is missing in a language",
        "Write the page (CHECKER_REQUIRED_PAGES lists them).",
    ),
    # --- confidentiality (never overridable) ---------------------------------
    Rule(
        "confidential.classified-marking",
        _E,
        "A state-secret classification marking (TUYỆT MẬT, TỐI MẬT, MẬT, SECRET…)",
        "Classified material must never be published: remove the file or text and tell "
        "your security officer.",
        overridable=False,
    ),
    Rule(
        "confidential.unreadable-attachment",
        _E,
        "An attachment that cannot be read (encrypted, damaged, an archive too large or nested), "
        "so it could not be checked for markings and personal data",
        "Publish an unencrypted, undamaged file (export it again), or unpack the archive into the story.",
        overridable=False,
    ),
    Rule(
        "confidential.internal-marking",
        _W,
        "An internal-circulation marking (Lưu hành nội bộ, Dự thảo)",
        "Publish only the approved public version, without the marking.",
    ),
    # --- reviewed exceptions -------------------------------------------------
    Rule(
        "exceptions.invalid",
        _E,
        "An entry of a story's .checker-exceptions.yml that cannot be used (a field missing, a rule "
        "that cannot be excepted, a real classification marking)",
        "Give file, rule, phrase, reason, reviewed_by and date; see docs/checking.md, Reviewed exceptions.",
        overridable=False,
    ),
    Rule(
        "exceptions.unused",
        _W,
        "An exception in .checker-exceptions.yml that accepts nothing (the phrase is gone)",
        "Remove the entry.",
    ),
    # --- personal data -------------------------------------------------------
    Rule(
        "pii.citizen-id",
        _E,
        "A Vietnamese citizen identity number (12 digits)",
        "Remove it, or state why it must be published in `Pii_justification:`.",
    ),
    Rule(
        "pii.phone",
        _E,
        "A phone number that is not an agency's registered number",
        "Use the agency's number from data/agencies.yml, or state a reason in `Pii_justification:`.",
    ),
    Rule(
        "pii.email",
        _E,
        "A personal e-mail address (gmail, yahoo, outlook…)",
        "Use an institutional address (…@hoabinh.gov.vn), or state a reason in `Pii_justification:`.",
    ),
    Rule(
        "pii.passport",
        _E,
        "A passport number",
        "Remove it, or state why it must be published in `Pii_justification:`.",
    ),
    # --- media -------------------------------------------------------------
    Rule(
        "media.gps-exif",
        _E,
        "An image carries GPS coordinates in its EXIF data",
        "Remove the location: `exiftool -gps:all= FILE` or export without metadata.",
    ),
    Rule(
        "media.missing-alt",
        _E,
        "An image without a text alternative, or whose alt text is its file name",
        "Describe what the image shows, in the file's language: ![Người dân đánh chiêng](photo.jpg).",
    ),
    Rule(
        "media.cover-alt-untranslated",
        _W,
        "A translation of a story with a cover has no Cover_alt of its own",
        "Add `Cover_alt:` in this language.",
    ),
    Rule(
        "media.oversized",
        _W,
        "A committed file larger than CHECKER_MAX_IMAGE_BYTES / CHECKER_MAX_ATTACHMENT_BYTES",
        "Resize or compress the file before committing it.",
    ),
    Rule(
        "media.attachment-metadata",
        _W,
        "An attachment's own metadata names a person or organisation (PDF Author, DOCX Company)",
        "Clear the document properties (File → Properties) and export again.",
    ),
    Rule(
        "media.unlinked-attachment",
        _W,
        "An attachment no published story links to: it is not published",
        "Link it from the story ([Plan (PDF)](plan.pdf)), list it in MULTILANG_PUBLISH_ATTACHMENTS, "
        "or remove it.",
    ),
    Rule(
        "media.attachment-type",
        _E,
        "A file in a story folder whose type is neither an attachment's (MULTILANG_ATTACHMENT_EXTENSIONS) "
        "nor an image's: it is never published",
        "Export it as PDF, or keep it outside content/.",
    ),
    Rule(
        "media.broken-image",
        _E,
        "An image a story shows (cover or body) that cannot be opened or is too large to decode",
        "Export the image again as JPEG, PNG or WebP of a normal size, or stop showing it.",
    ),
    Rule(
        "media.unreadable",
        _W,
        "An image or attachment that cannot be opened, so it was not checked",
        "Open the file to see whether it is damaged, and export it again.",
    ),
    # --- HTML --------------------------------------------------------------
    Rule(
        "html.unsafe",
        _E,
        "HTML the sanitiser removed from a page (script, style, event handler, javascript: or data: "
        "link, form, iframe or image from an unlisted host): every build publishes the page without it",
        "Remove it from the source: write Markdown; embed videos only from hosts in CHECKER_IFRAME_HOSTS.",
    ),
    # --- links -------------------------------------------------------------
    Rule(
        "links.broken",
        _E,
        "A link or image to a story, page or file that does not exist",
        "Correct the relative path, e.g. ../../news/plan-186/index.vi.md or photo.jpg.",
    ),
    Rule(
        "links.insecure-http",
        _W,
        "A link over plain http://",
        "Use https:// if the site offers it.",
    ),
    Rule(
        "links.private-target",
        _E,
        "A link to localhost, a private (RFC 1918) address, a .local host or a file: URL",
        "Link to the public address of the page or file, or attach the file to the story.",
    ),
    # --- data files ---------------------------------------------------------
    Rule(
        "data.keyfacts",
        _E,
        "A bad entry in the home page's key facts file (data/keyfacts.yml)",
        "Fix the entry as docs/keyfacts.md describes: every figure a plain number, a unit the site "
        "formats, the year or day it describes and its public source.",
    ),
    # --- numbers -----------------------------------------------------------
    Rule(
        "numbers.decimal-separator",
        _W,
        "A decimal point where Vietnamese writes a decimal comma (1.5 tỷ)",
        "Write 1,5 tỷ (in Vietnamese the dot groups thousands: 1.500).",
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
