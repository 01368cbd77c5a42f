"""Generate a deterministic benchmark corpus in quangba's content format.

The corpus follows docs/editing.md: ``content/<section>/<key>/index.<lang>.md``
story bundles across the four default sections plus ``content/pages/<page>/``
static pages. Every story has a Vietnamese source; 80% are translated to
English and 30% to each of Japanese, Korean, Chinese and French. Metadata uses
the demo registries (data/terms.yml, data/agencies.yml), so tags and agencies
are valid on each story's date.

Standard library only (PyYAML is used when importable, else a small reader for
the two registry shapes), so it runs under any Python 3.11.

    python bench/corpus.py --stories 2000 --out bench/.work/corpus-2000

With ``--projects P --documents D`` it also writes P investment projects and
D official documents (bench/corpus_items.py), valid by their declarations.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Bump whenever the generated text or layout changes: bench/run.py keys its
# cached corpus on it.
GENERATOR_VERSION = 4
DEFAULT_SEED = 186
REPO = Path(__file__).resolve().parent.parent
STAMP = "corpus.json"

LANGS = ("vi", "en", "ja", "ko", "zh", "fr")
SECTIONS = ("culture", "tourism", "investment", "news")
# Share of stories translated into each non-source language (exact counts).
SHARES = {"en": 0.8, "ja": 0.3, "ko": 0.3, "zh": 0.3, "fr": 0.3}
CJK = {"ja", "ko", "zh"}
FIRST_DATE = dt.date(2016, 1, 1)
LAST_DATE = dt.date(2025, 10, 31)
WORDS = (250, 400)  # body length; CJK bodies count two characters as a word
LINK_SHARE = 0.1  # Vietnamese sources that link to an earlier story
MODIFIED_SHARE = 0.1  # stories updated after publication (Modified in every version)

# --------------------------------------------------------------------------
# Registries
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Agency:
    """An agency id and the dates it may publish on (open ends are None)."""

    id: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        """Return whether the agency exists on ``day``."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@dataclass(frozen=True)
class Registries:
    """Term ids and agencies the corpus may cite, and where they came from."""

    terms: tuple[str, ...]
    agencies: tuple[Agency, ...]
    source: dict[str, str]  # file name -> sha256, or {"builtin": "..."}


# Only for smoke-testing the generator before data/*.yml exist
# (--builtin-registries); a benchmark corpus must use the real files.
BUILTIN_TERMS = ("le-hoi", "nguoi-muong", "du-lich", "dau-tu", "hop-tac-quoc-te")
BUILTIN_AGENCIES = (
    Agency("so-vhttdl", None, dt.date(2025, 6, 30)),
    Agency("so-khdt", None, dt.date(2025, 2, 28)),
    Agency("so-ttt", dt.date(2025, 3, 1), None),
)


def _as_date(value: object) -> dt.date | None:
    """Return a registry date (YAML date or ISO string) as a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip().strip("'\""))


def _load_yaml(path: Path) -> object | None:
    """Parse ``path`` with PyYAML, or return None when it is not installed."""
    try:
        import yaml  # optional: the generator runs without it
    except ImportError:
        return None
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _plain_terms(text: str) -> list[str]:
    """Read the top-level keys of terms.yml without a YAML library."""
    return re.findall(r"^([a-z0-9-]+)\s*:", text, flags=re.MULTILINE)


def _plain_agencies(text: str) -> list[dict[str, str]]:
    """Read id/valid_from/valid_to of the ``agencies:`` list without YAML."""
    items: list[dict[str, str]] = []
    inside = False
    key_indent = None
    for line in text.splitlines():
        bare = line.split(" #", 1)[0].rstrip()
        if not bare.strip() or bare.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            inside = bare.startswith("agencies:")
            continue
        if not inside:
            continue
        item = re.match(r"^(\s*)- id:\s*(\S+)", bare)
        if item:
            key_indent = len(item.group(1)) + 2
            items.append({"id": item.group(2).strip("'\"")})
            continue
        field = re.match(r"^(\s*)(valid_from|valid_to):\s*(\S+)", bare)
        if field and items and len(field.group(1)) == key_indent:
            items[-1][field.group(2)] = field.group(3)
    return items


def load_registries(data_dir: Path, builtin: bool = False) -> Registries:
    """Read the term ids and agencies from ``data_dir`` (or the built-in lists)."""
    if builtin:
        return Registries(BUILTIN_TERMS, BUILTIN_AGENCIES, {"builtin": "smoke test only"})
    terms_path = data_dir / "terms.yml"
    agencies_path = data_dir / "agencies.yml"
    for path in (terms_path, agencies_path):
        if not path.is_file():
            sys.exit(
                f"{path}: registry not found; pass --data-dir with terms.yml and "
                "agencies.yml (or --builtin-registries for a smoke test only)"
            )
    terms_text = terms_path.read_text(encoding="utf-8")
    agencies_text = agencies_path.read_text(encoding="utf-8")

    terms_doc = _load_yaml(terms_path)
    terms = list(terms_doc) if isinstance(terms_doc, dict) else _plain_terms(terms_text)
    agencies_doc = _load_yaml(agencies_path)
    if isinstance(agencies_doc, dict):
        raw_agencies = agencies_doc.get("agencies") or []
    else:
        raw_agencies = _plain_agencies(agencies_text)
    agencies = [
        Agency(str(a["id"]), _as_date(a.get("valid_from")), _as_date(a.get("valid_to"))) for a in raw_agencies
    ]
    if not terms:
        sys.exit(f"{terms_path}: no term ids found")
    if not agencies:
        sys.exit(f"{agencies_path}: no agencies found under 'agencies:'")
    source = {
        path.name: hashlib.sha256(text.encode("utf-8")).hexdigest()
        for path, text in ((terms_path, terms_text), (agencies_path, agencies_text))
    }
    return Registries(tuple(terms), tuple(agencies), source)


# --------------------------------------------------------------------------
# Vocabulary: one topic list per section, the same topic in every language
# --------------------------------------------------------------------------

# Each topic: (vi, en, ja, ko, zh, fr).
TOPICS: dict[str, list[tuple[str, str, str, str, str, str]]] = {
    "culture": [
        (
            "lễ hội Khai hạ",
            "the Khai hạ festival",
            "ムオン族の新年祭",
            "므엉족 새해 축제",
            "芒族新春节庆",
            "la fête du Khai hạ",
        ),
        ("nghệ thuật cồng chiêng", "gong music", "ゴング音楽", "징 연주 예술", "锣钲艺术", "l'art des gongs"),
        (
            "nghề dệt thổ cẩm",
            "brocade weaving",
            "錦織の技術",
            "전통 직물 짜기",
            "织锦手艺",
            "le tissage du brocart",
        ),
        (
            "nhà sàn truyền thống",
            "traditional stilt houses",
            "伝統的な高床式住居",
            "전통 고상 가옥",
            "传统高脚屋",
            "les maisons sur pilotis",
        ),
        (
            "múa xòe Thái",
            "Thái xòe dancing",
            "タイ族のソエ踊り",
            "타이족 쏘에 춤",
            "泰族舞蹈",
            "la danse xòe des Thaïs",
        ),
        ("ẩm thực Mường", "Mường cuisine", "ムオン族の料理", "므엉족 음식", "芒族美食", "la cuisine mường"),
        (
            "sử thi Đẻ đất đẻ nước",
            "the epic of the birth of land and water",
            "ムオン族の叙事詩",
            "므엉족 서사시",
            "芒族史诗",
            "l'épopée de la naissance de la terre et de l'eau",
        ),
        (
            "trang phục truyền thống",
            "traditional costume",
            "民族衣装",
            "전통 의상",
            "传统服饰",
            "le costume traditionnel",
        ),
    ],
    "tourism": [
        (
            "du lịch cộng đồng",
            "community-based tourism",
            "コミュニティツーリズム",
            "지역 공동체 관광",
            "社区旅游",
            "le tourisme communautaire",
        ),
        ("hồ Hòa Bình", "Hòa Bình Lake", "ホアビン湖", "호아빈 호수", "和平湖", "le lac de Hòa Bình"),
        (
            "thung lũng Mai Châu",
            "the Mai Châu valley",
            "マイチャウ渓谷",
            "마이쩌우 계곡",
            "山谷风光",
            "la vallée de Mai Châu",
        ),
        (
            "suối khoáng nóng Kim Bôi",
            "the Kim Bôi hot springs",
            "キムボイ温泉",
            "킴보이 온천",
            "温泉度假",
            "les sources chaudes de Kim Bôi",
        ),
        (
            "homestay trong bản",
            "village homestays",
            "村のホームステイ",
            "마을 홈스테이",
            "乡村民宿",
            "l'hébergement chez l'habitant",
        ),
        (
            "vườn cam Cao Phong",
            "the Cao Phong orange orchards",
            "カオフォンのオレンジ農園",
            "까오퐁 오렌지 농원",
            "橙子果园",
            "les vergers d'orangers de Cao Phong",
        ),
        (
            "chợ phiên vùng cao",
            "highland markets",
            "山岳地帯の定期市",
            "고산 지대 장터",
            "高原集市",
            "les marchés des hautes terres",
        ),
        ("du lịch sinh thái", "ecotourism", "エコツーリズム", "생태 관광", "生态旅游", "l'écotourisme"),
    ],
    "investment": [
        ("khu công nghiệp", "industrial parks", "工業団地", "산업 단지", "工业园区", "les parcs industriels"),
        (
            "năng lượng tái tạo",
            "renewable energy",
            "再生可能エネルギー",
            "재생 에너지",
            "可再生能源",
            "les énergies renouvelables",
        ),
        (
            "nông nghiệp công nghệ cao",
            "high-tech agriculture",
            "ハイテク農業",
            "첨단 농업",
            "高科技农业",
            "l'agriculture de haute technologie",
        ),
        (
            "hạ tầng giao thông",
            "transport infrastructure",
            "交通インフラ",
            "교통 인프라",
            "交通基础设施",
            "les infrastructures de transport",
        ),
        (
            "môi trường đầu tư",
            "the investment climate",
            "投資環境",
            "투자 환경",
            "投资环境",
            "le climat d'investissement",
        ),
        (
            "chuyển đổi số",
            "digital transformation",
            "デジタル変革",
            "디지털 전환",
            "数字化转型",
            "la transformation numérique",
        ),
        (
            "xúc tiến thương mại",
            "trade promotion",
            "貿易促進",
            "무역 진흥",
            "贸易促进",
            "la promotion commerciale",
        ),
        (
            "du lịch nghỉ dưỡng",
            "resort development",
            "リゾート開発",
            "리조트 개발",
            "度假村开发",
            "les complexes de villégiature",
        ),
    ],
    "news": [
        (
            "công tác thông tin đối ngoại",
            "foreign information work",
            "対外広報活動",
            "대외 홍보 활동",
            "对外宣传工作",
            "l'information pour l'étranger",
        ),
        (
            "hợp tác quốc tế",
            "international cooperation",
            "国際協力",
            "국제 협력",
            "国际合作",
            "la coopération internationale",
        ),
        (
            "hội nghị xúc tiến đầu tư",
            "the investment promotion conference",
            "投資促進会議",
            "투자 유치 회의",
            "投资促进会议",
            "la conférence de promotion des investissements",
        ),
        (
            "đoàn công tác nước ngoài",
            "foreign delegations",
            "海外代表団",
            "해외 대표단",
            "外国代表团",
            "les délégations étrangères",
        ),
        (
            "các tổ chức phi chính phủ nước ngoài",
            "foreign non-governmental organisations",
            "海外のNGO",
            "해외 비정부기구",
            "外国非政府组织",
            "les organisations non gouvernementales étrangères",
        ),
        (
            "kế hoạch thông tin đối ngoại",
            "the foreign information plan",
            "対外広報計画",
            "대외 홍보 계획",
            "对外宣传计划",
            "le plan d'information pour l'étranger",
        ),
        (
            "hội thảo quốc tế",
            "international workshops",
            "国際ワークショップ",
            "국제 워크숍",
            "国际研讨会",
            "les séminaires internationaux",
        ),
        (
            "cộng đồng người Việt Nam ở nước ngoài",
            "overseas Vietnamese",
            "在外ベトナム人",
            "재외 베트남인",
            "海外越南人",
            "les Vietnamiens de l'étranger",
        ),
    ],
}

# Per language: slots for the sentence templates. W = when, A = actor,
# V = action, G = goal, D = description, P = place, H = headings.
VOCAB: dict[str, dict[str, list[str]]] = {
    "vi": {
        "P": [
            "Hòa Bình",
            "Mai Châu",
            "Đà Bắc",
            "Lạc Sơn",
            "Kim Bôi",
            "Tân Lạc",
            "Cao Phong",
            "Lương Sơn",
            "Yên Thủy",
            "Lạc Thủy",
            "bản Lác",
            "thành phố Hòa Bình",
        ],
        "W": [
            "Trong những năm gần đây",
            "Từ đầu năm nay",
            "Trong dịp Tết Nguyên đán",
            "Vào mùa lúa chín",
            "Cuối tuần qua",
            "Sáng ngày {d} tháng {m}",
            "Trong quý vừa qua",
        ],
        "A": [
            "Ủy ban nhân dân tỉnh",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Sở Kế hoạch và Đầu tư",
            "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
            "chính quyền địa phương",
            "các doanh nghiệp",
            "bà con dân tộc Mường",
            "ngành du lịch tỉnh",
            "Sở Thông tin và Truyền thông",
        ],
        "V": [
            "tổ chức nhiều hoạt động văn hóa",
            "giới thiệu các sản phẩm đặc trưng của địa phương",
            "bảo tồn những giá trị truyền thống",
            "phát triển mô hình du lịch cộng đồng",
            "nâng cấp hạ tầng giao thông nông thôn",
            "ký kết biên bản ghi nhớ hợp tác",
            "quảng bá hình ảnh quê hương",
            "thu hút các nhà đầu tư trong và ngoài nước",
            "đẩy mạnh công tác thông tin đối ngoại",
            "hỗ trợ các hợp tác xã",
            "đào tạo kỹ năng cho người lao động",
            "xây dựng thương hiệu nông sản",
        ],
        "G": [
            "nâng cao đời sống của người dân",
            "bảo tồn bản sắc văn hóa dân tộc",
            "thúc đẩy phát triển kinh tế – xã hội",
            "tạo thêm việc làm cho lao động địa phương",
            "quảng bá hình ảnh Hòa Bình ra thế giới",
            "thu hút thêm du khách quốc tế",
            "cải thiện môi trường đầu tư",
        ],
        "D": [
            "nét đẹp văn hóa đặc sắc",
            "niềm tự hào",
            "điểm đến hấp dẫn",
            "di sản quý báu",
            "thế mạnh nổi bật",
        ],
        "H": [
            "Bối cảnh",
            "Những kết quả nổi bật",
            "Định hướng trong thời gian tới",
            "Ý kiến của người dân",
            "Thông tin hữu ích cho du khách",
            "Các nhiệm vụ trọng tâm",
            "Giải pháp thực hiện",
            "Kinh nghiệm từ thực tiễn",
        ],
        "S": [
            "{W}, {A} đã {V} tại {P}.",
            "Theo {A}, {T} góp phần {G}.",
            "{T} được xem là {D} của {P}.",
            "Năm {Y}, {P} đón khoảng {N1} nghìn lượt khách, trong đó có hơn {N2} nghìn lượt khách quốc tế.",
            "Nhiều hộ gia đình ở {P} đã {V}.",
            "{A} cho biết sẽ tiếp tục {V} nhằm {G}.",
            "Việc {V} không chỉ giúp {G} mà còn góp phần {G2}.",
            "Tính đến nay, toàn tỉnh có {N3} dự án liên quan đến {T} "
            "với tổng vốn đăng ký khoảng {N4} tỷ đồng.",
        ],
        "TITLE": [
            "{T} ở {P}",
            "{P} đẩy mạnh {T}",
            "Phát triển {T} gắn với {G}",
            "Nhìn lại {T} năm {Y}",
            "{T}: cơ hội và thách thức",
        ],
        "SUMMARY": ["{A} đã {V} tại {P}, góp phần {G}.", "{T} ở {P} tiếp tục là {D} của tỉnh."],
        "LINK": "Xem thêm: [{title}]({href}).",
    },
    "en": {
        "P": [
            "Hòa Bình",
            "Mai Châu",
            "Đà Bắc",
            "Lạc Sơn",
            "Kim Bôi",
            "Tân Lạc",
            "Cao Phong",
            "Lương Sơn",
            "Yên Thủy",
            "Lạc Thủy",
            "Lác village",
            "Hòa Bình city",
        ],
        "W": [
            "In recent years",
            "Since the start of the year",
            "During the Lunar New Year",
            "At harvest time",
            "Last weekend",
            "On {month_en} {d}",
            "Over the past quarter",
        ],
        "A": [
            "the Provincial People's Committee",
            "the Department of Culture, Sports and Tourism",
            "the Department of Planning and Investment",
            "the Investment, Trade and Tourism Promotion Centre",
            "local authorities",
            "local businesses",
            "Mường communities",
            "the provincial tourism sector",
            "the Department of Information and Communications",
        ],
        "V": [
            "organise cultural events",
            "introduce local specialities",
            "preserve traditional values",
            "develop community-based tourism",
            "upgrade rural roads",
            "sign memoranda of cooperation",
            "promote the image of the province",
            "attract domestic and foreign investors",
            "step up foreign information work",
            "support cooperatives",
            "train local workers",
            "build brands for farm produce",
        ],
        "G": [
            "improve living standards",
            "preserve ethnic identity",
            "drive socio-economic development",
            "create jobs for local workers",
            "bring Hòa Bình to the world",
            "attract more international visitors",
            "improve the investment climate",
        ],
        "D": [
            "a distinctive cultural treasure",
            "a source of pride",
            "an attractive destination",
            "a precious heritage",
            "a major strength",
        ],
        "H": [
            "Background",
            "Highlights",
            "Next steps",
            "What residents say",
            "Useful information for visitors",
            "Key tasks",
            "How it is done",
            "Lessons from practice",
        ],
        "S": [
            "{W}, {A} worked to {V} in {P}.",
            "According to {A}, {T} helps to {G}.",
            "{T} is regarded as {D} of {P}.",
            "In {Y}, {P} welcomed about {N1},000 visitors, more than {N2},000 of them from abroad.",
            "Many households in {P} have begun to {V}.",
            "{A} will continue to {V} in order to {G}.",
            "Efforts to {V} not only {G} but also {G2}.",
            "The province now has {N3} projects related to {T}, "
            "with registered capital of about {N4} billion dong.",
        ],
        "TITLE": [
            "{T} in {P}",
            "A closer look at {T}",
            "Developing {T} in {P}",
            "{T}: {Y} in review",
            "{T}: opportunities and challenges",
        ],
        "SUMMARY": ["{A} worked to {V} in {P}, helping to {G}.", "{T} in {P} remains {D} of the province."],
    },
    "fr": {
        "P": [
            "Hòa Bình",
            "Mai Châu",
            "Đà Bắc",
            "Lạc Sơn",
            "Kim Bôi",
            "Tân Lạc",
            "Cao Phong",
            "Lương Sơn",
            "Yên Thủy",
            "Lạc Thủy",
        ],
        "W": [
            "Ces dernières années",
            "Depuis le début de l'année",
            "Pendant le Nouvel An lunaire",
            "À la saison des récoltes",
            "Le week-end dernier",
            "Le {d} {month_fr}",
            "Au cours du dernier trimestre",
        ],
        # Singular actors only: the templates conjugate in the third person singular.
        "A": [
            "le Comité populaire provincial",
            "le Service de la culture, des sports et du tourisme",
            "le Service du plan et de l'investissement",
            "le Centre de promotion de l'investissement, du commerce et du tourisme",
            "la municipalité",
            "le secteur touristique provincial",
            "le Service de l'information et des communications",
        ],
        "V": [
            "organiser des activités culturelles",
            "présenter les spécialités locales",
            "préserver les valeurs traditionnelles",
            "développer le tourisme communautaire",
            "moderniser les routes rurales",
            "signer des protocoles de coopération",
            "promouvoir l'image de la province",
            "attirer des investisseurs vietnamiens et étrangers",
            "renforcer l'information pour l'étranger",
            "soutenir les coopératives",
            "former la main-d'œuvre locale",
            "créer des marques pour les produits agricoles",
        ],
        "G": [
            "améliorer les conditions de vie des habitants",
            "préserver l'identité culturelle",
            "stimuler le développement socio-économique",
            "créer des emplois locaux",
            "faire connaître Hòa Bình dans le monde",
            "attirer davantage de visiteurs étrangers",
            "améliorer le climat des affaires",
        ],
        "D": [
            "un trésor culturel remarquable",
            "une source de fierté",
            "une destination attrayante",
            "un patrimoine précieux",
            "un atout majeur",
        ],
        "H": [
            "Contexte",
            "Résultats marquants",
            "Perspectives",
            "Ce qu'en disent les habitants",
            "Informations pratiques",
            "Tâches prioritaires",
            "Mise en œuvre",
            "Leçons de terrain",
        ],
        "S": [
            "{W}, {A} a continué à {V} à {P}.",
            "Selon {A}, {T} contribue à {G}.",
            "{T} constitue {D} de {P}.",
            "En {Y}, {P} a accueilli environ {N1} 000 visiteurs, dont plus de {N2} 000 venus de l'étranger.",
            "De nombreux foyers de {P} ont choisi de {V}.",
            "{A} entend poursuivre ses efforts pour {V} afin de {G}.",
            "Les efforts pour {V} permettent non seulement de {G}, mais aussi de {G2}.",
            "La province compte aujourd'hui {N3} projets liés à {T}, "
            "pour un capital enregistré d'environ {N4} milliards de dôngs.",
        ],
        "TITLE": [
            "{T} à {P}",
            "Regard sur {T}",
            "Développer {T} à {P}",
            "{T} : bilan {Y}",
            "{T} : atouts et défis",
        ],
        "SUMMARY": ["{A} a continué à {V} à {P} afin de {G}.", "{T} reste {D} de {P}."],
    },
    "ja": {
        "P": [
            "ホアビン省",
            "マイチャウ",
            "ダーバック",
            "キムボイ",
            "カオフォン",
            "ルオンソン",
            "ホアビン湖の周辺",
            "山間の村",
        ],
        "W": ["近年", "今年初めから", "旧正月の期間中", "稲の収穫期に", "先週末", "{m}月{d}日", "この四半期"],
        "A": [
            "省人民委員会",
            "文化・スポーツ・観光局",
            "計画投資局",
            "投資・貿易・観光促進センター",
            "地元当局",
            "地元企業",
            "ムオン族の人々",
            "省の観光業界",
        ],
        "V": [
            "伝統文化の保存に取り組んでいる",
            "地元の特産品を紹介した",
            "コミュニティツーリズムを推進している",
            "農村の道路を改修した",
            "協力覚書に署名した",
            "省の魅力を国内外に発信している",
            "国内外の投資家を誘致している",
            "対外広報活動を強化している",
            "協同組合を支援している",
            "地元の労働者の職業訓練を行っている",
        ],
        "G": [
            "住民の生活向上",
            "民族文化の保存",
            "経済社会の発展",
            "地元の雇用創出",
            "ホアビン省の国際的な知名度向上",
            "外国人観光客の誘致",
            "投資環境の改善",
        ],
        "D": ["貴重な文化遺産", "誇り", "魅力的な観光地", "大きな強み"],
        "H": [
            "背景",
            "主な成果",
            "今後の方針",
            "住民の声",
            "観光客向けの情報",
            "重点課題",
            "実施方法",
            "現場からの教訓",
        ],
        "S": [
            "{W}、{A}は{P}で{V}。",
            "{A}によると、{T}は{G}に貢献している。",
            "{T}は{P}の{D}とされている。",
            "{Y}年、{P}には約{N1}千人の観光客が訪れ、そのうち{N2}千人以上が外国人だった。",
            "{P}の多くの世帯も{V}。",
            "{A}は今後も{G}に向けて取り組みを続ける方針だ。",
            "現在、省内には{T}に関連するプロジェクトが{N3}件あり、登録資本は約{N4}0億ドンに上る。",
        ],
        "TITLE": ["{P}の{T}", "{T}を推進する{P}", "{Y}年の{T}を振り返る", "{T}の現状と課題"],
        "SUMMARY": ["{A}は{P}で{V}。", "{T}は{P}の{D}とされている。"],
    },
    "ko": {
        "P": ["호아빈성", "마이쩌우", "다박", "킴보이", "까오퐁", "르엉선", "호아빈 호수 주변", "산간 마을"],
        "W": [
            "최근 몇 년간",
            "올해 초부터",
            "설 연휴 기간에",
            "벼 수확철에",
            "지난 주말",
            "{m}월 {d}일",
            "지난 분기",
        ],
        "A": [
            "성 인민위원회",
            "문화체육관광국",
            "계획투자국",
            "투자·무역·관광 진흥센터",
            "지방 정부",
            "지역 기업들",
            "므엉족 주민들",
            "성 관광업계",
        ],
        "V": [
            "전통 문화를 보존하고 있다",
            "지역 특산품을 소개했다",
            "지역 공동체 관광을 육성하고 있다",
            "농촌 도로를 개선했다",
            "협력 양해각서를 체결했다",
            "성의 매력을 국내외에 알리고 있다",
            "국내외 투자자를 유치하고 있다",
            "대외 홍보 활동을 강화하고 있다",
            "협동조합을 지원하고 있다",
            "지역 노동자를 위한 직업 훈련을 실시했다",
        ],
        "G": [
            "주민 생활 향상",
            "민족 문화 보존",
            "경제·사회 발전",
            "지역 일자리 창출",
            "호아빈성의 국제적 인지도 향상",
            "외국인 관광객 유치",
            "투자 환경 개선",
        ],
        "D": ["소중한 문화유산", "자랑거리", "매력적인 관광지", "큰 강점"],
        "H": [
            "배경",
            "주요 성과",
            "향후 방향",
            "주민의 목소리",
            "관광객을 위한 정보",
            "중점 과제",
            "추진 방법",
            "현장의 교훈",
        ],
        # (은)는, (이)가, (을)를, (과)와, (으)로 are resolved after the last syllable.
        "S": [
            "{W} {A}(은)는 {P}에서 {V}.",
            "{A}에 따르면 {T}(은)는 {G}에 기여하고 있다.",
            "{T}(은)는 {P}의 {D}(으)로 평가받고 있다.",
            "{Y}년 {P}에는 약 {N1}천 명의 관광객이 방문했으며 그중 {N2}천 명 이상이 외국인이었다.",
            "{P}의 많은 가구도 {V}.",
            "{A}(은)는 앞으로도 {G}(을)를 위해 노력할 계획이다.",
            "현재 성 내에는 {T}(과)와 관련된 프로젝트가 {N3}건 있으며 등록 자본은 약 {N4}0억 동에 이른다.",
        ],
        "TITLE": ["{P}의 {T}", "{T} 육성에 나선 {P}", "{Y}년 {T} 돌아보기", "{T}의 현황과 과제"],
        "SUMMARY": ["{A}(은)는 {P}에서 {V}.", "{T}(은)는 {P}의 {D}(으)로 평가받고 있다."],
    },
    "zh": {
        "P": ["和平省", "和平湖畔", "山区村寨", "和平市", "省内各县"],
        "W": ["近年来", "今年以来", "春节期间", "在稻谷收获季节", "上周末", "{m}月{d}日", "上个季度"],
        "A": [
            "省人民委员会",
            "省文化体育旅游厅",
            "省计划投资厅",
            "投资贸易旅游促进中心",
            "地方政府",
            "当地企业",
            "芒族群众",
            "全省旅游业",
        ],
        "V": [
            "积极保护传统文化",
            "推介当地特色产品",
            "大力发展社区旅游",
            "改造农村道路",
            "签署合作备忘录",
            "向国内外宣传本省形象",
            "吸引国内外投资者",
            "加强对外宣传工作",
            "扶持合作社",
            "开展职业技能培训",
        ],
        "G": [
            "提高居民生活水平",
            "保护民族文化特色",
            "促进经济社会发展",
            "增加当地就业",
            "提升和平省的国际知名度",
            "吸引更多国际游客",
            "改善投资环境",
        ],
        "D": ["宝贵文化遗产", "骄傲", "热门旅游目的地", "突出优势"],
        "H": [
            "背景",
            "主要成果",
            "下一步方向",
            "群众心声",
            "游客实用信息",
            "重点任务",
            "实施措施",
            "实践经验",
        ],
        "S": [
            "{W}，{A}在{P}{V}。",
            "据{A}介绍，{T}有助于{G}。",
            "{T}被视为{P}的{D}。",
            "{Y}年，{P}接待游客约{N1}千人次，其中国际游客超过{N2}千人次。",
            "{P}的许多家庭也在{V}。",
            "{A}表示，将继续{V}，以{G}。",
            "目前，全省共有{N3}个与{T}相关的项目，注册资本约{N4}0亿越南盾。",
        ],
        "TITLE": ["{P}的{T}", "{P}大力推进{T}", "{Y}年{T}回顾", "{T}的现状与挑战"],
        "SUMMARY": ["{A}在{P}{V}，以{G}。", "{T}被视为{P}的{D}。"],
    },
}
LANG_INDEX = {lang: i for i, lang in enumerate(LANGS)}
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
KO_PARTICLES = {"은": "는", "이": "가", "을": "를", "과": "와", "으": "로"}
FR_ELISIONS = [
    (re.compile(r"\b([àÀ]) le\b"), lambda m: "au" if m.group(1) == "à" else "Au"),
    (re.compile(r"\b([àÀ]) les\b"), lambda m: "aux" if m.group(1) == "à" else "Aux"),
    (re.compile(r"\b([dD])e le\b"), lambda m: m.group(1) + "u"),
    (re.compile(r"\b([dD])e les\b"), lambda m: m.group(1) + "es"),
    # "de" before a vowel; Vietnamese names starting with H keep "de" (h aspiré).
    (re.compile(r"\b([dD])e ([aàâeéèêiîoôuûAÀÂEÉÈÊIÎOÔUÛ])"), lambda m: f"{m.group(1)}'{m.group(2)}"),
]


def _korean_particles(text: str) -> str:
    """Resolve ``(은)는``-style markers from the preceding syllable's final consonant."""

    def pick(match: re.Match[str]) -> str:
        prev, first, second = match.group(1), match.group(2), match.group(3)
        code = ord(prev) - 0xAC00
        final = code % 28 if 0 <= code < 11172 else 0  # non-Hangul: treat as open syllable
        if first == "으":  # (으)로: no 으 after a vowel or after ㄹ (final 8)
            return prev + ("으로" if final not in (0, 8) else "로")
        return prev + (first if final else second)

    return re.sub(r"(.)\((은|이|을|과|으)\)(는|가|를|와|로)", pick, text)


def _capitalise(text: str) -> str:
    """Upper-case the first letter (đ → Đ) and leave the rest as written."""
    return text[:1].upper() + text[1:]


def _fix(lang: str, text: str) -> str:
    """Apply the grammar fix-ups a slot template cannot express."""
    if lang == "ko":
        text = _korean_particles(text)
    elif lang == "fr":
        for pattern, repl in FR_ELISIONS:
            text = pattern.sub(repl, text)
    return unicodedata.normalize("NFC", text)


class Writer:
    """Fill the templates of one language for one story version."""

    def __init__(self, lang: str, topic: str, rng: random.Random, year: int) -> None:
        """Keep the language, the story's topic, a seeded RNG and the story's year."""
        self.lang = lang
        self.topic = topic
        self.rng = rng
        self.year = year
        self.vocab = VOCAB[lang]

    def _slots(self) -> dict[str, str]:
        """Draw one value for every slot."""
        r, v = self.rng, self.vocab
        month = r.randint(1, 12)
        day = r.randint(1, 28)
        goal, goal2 = r.sample(v["G"], 2)
        when = r.choice(v["W"]).format(
            d=day, m=month, month_en=MONTHS_EN[month - 1], month_fr=MONTHS_FR[month - 1]
        )
        return {
            "T": self.topic,
            "P": r.choice(v["P"]),
            "W": when,
            "A": r.choice(v["A"]),
            "V": r.choice(v["V"]),
            "G": goal,
            "G2": goal2,
            "D": r.choice(v["D"]),
            "Y": str(r.randint(max(2016, self.year - 3), self.year)),
            "N1": str(r.randint(120, 980)),
            "N2": str(r.randint(5, 90)),
            "N3": str(r.randint(3, 60)),
            "N4": f"{r.randint(2, 950)}",
        }

    def _fill(self, template: str) -> str:
        """Fill one template and fix its grammar."""
        return _fix(self.lang, _capitalise(template.format(**self._slots())))

    def sentence(self) -> str:
        """Return one sentence."""
        return self._fill(self.rng.choice(self.vocab["S"]))

    def title(self) -> str:
        """Return a headline."""
        return self._fill(self.rng.choice(self.vocab["TITLE"]))

    def summary(self) -> str:
        """Return a one-sentence summary."""
        return self._fill(self.rng.choice(self.vocab["SUMMARY"]))

    def list_items(self, count: int) -> list[str]:
        """Return ``count`` distinct short list items: actions or goals."""
        items = self.rng.sample(self.vocab["V"] + self.vocab["G"], count)
        return [_fix(self.lang, _capitalise(item)) for item in items]

    def size(self, text: str) -> int:
        """Count words (CJK: two characters count as one word)."""
        if self.lang in CJK:
            return sum(1 for ch in text if not ch.isspace()) // 2
        return len(text.split())

    def body(self, extra: str | None = None) -> str:
        """Return a Markdown body of 250–400 words with headings and a list."""
        r = self.rng
        target = r.randint(*WORDS)
        headings = r.sample(self.vocab["H"], r.randint(2, 3))
        # Blocks: paragraphs are lists of sentences, grown until the target size.
        blocks: list[tuple[str, list[str]]] = [("p", [self.sentence()])]
        list_at = r.randrange(len(headings))
        for i, heading in enumerate(headings):
            blocks.append(("h", [heading]))
            blocks.append(("p", [self.sentence()]))
            if i == list_at:
                ordered = r.random() < 0.3
                items = self.list_items(r.randint(3, 5))
                blocks.append(("ol" if ordered else "ul", items))
        blocks.append(("p", [self.sentence()]))
        paragraphs = [b for b in blocks if b[0] == "p"]
        sep = "" if self.lang in ("ja", "zh") else " "  # Korean separates sentences

        def render() -> str:
            parts = []
            for kind, lines in blocks:
                if kind == "h":
                    parts.append(f"## {lines[0]}")
                elif kind == "ul":
                    parts.append("\n".join(f"- {item}" for item in lines))
                elif kind == "ol":
                    parts.append("\n".join(f"{n}. {item}" for n, item in enumerate(lines, 1)))
                else:
                    parts.append(sep.join(lines))
            if extra:
                parts.append(extra)
            return "\n\n".join(parts) + "\n"

        text = render()
        while self.size(text) < target:
            grown = r.choice(paragraphs)[1]
            grown.append(self.sentence())
            longer = render()
            if self.size(longer) > WORDS[1]:
                grown.pop()  # one more sentence would overshoot the range
                break
            text = longer
        return text


# --------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------


def slug_fold(text: str) -> str:
    """Fold Vietnamese text to an ASCII slug (đ → d), as the engine does."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class StoryPlan:
    """What one story holds: its place, date, metadata and languages."""

    index: int
    section: str
    topic: int
    key: str
    date: dt.datetime
    tags: list[str]
    agency: str | None
    langs: list[str]
    link_to: tuple[str, str, str] | None  # (section, key, vi title) of an earlier story
    title_vi: str
    modified: dt.datetime | None  # set in every version: translations kept up to date


def _version_rng(seed: int, index: int, lang: str) -> random.Random:
    """Return the RNG for one version (independent of N and of other versions)."""
    return random.Random(f"{seed}:{index}:{lang}")


def plan_stories(count: int, seed: int, registries: Registries) -> list[StoryPlan]:
    """Decide every story's section, key, date, tags, agency and languages."""
    rng = random.Random(seed)
    translated: dict[str, set[int]] = {
        lang: set(rng.sample(range(count), round(share * count))) for lang, share in SHARES.items()
    }
    span = (LAST_DATE - FIRST_DATE).days
    plans: list[StoryPlan] = []
    for i in range(count):
        section = SECTIONS[i % len(SECTIONS)]
        topic = rng.randrange(len(TOPICS[section]))
        day = FIRST_DATE + dt.timedelta(days=rng.randrange(span + 1))
        when = dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.choice((0, 15, 30, 45))))
        tags = rng.sample(registries.terms, min(len(registries.terms), rng.randint(1, 3)))
        valid = [a.id for a in registries.agencies if a.valid_on(day)]
        agency = rng.choice(valid) if valid else None
        langs = ["vi"] + [lang for lang in LANGS[1:] if i in translated[lang]]
        title_vi = Writer("vi", TOPICS[section][topic][0], _version_rng(seed, i, "vi"), day.year).title()
        key = "-".join(slug_fold(title_vi).split("-")[:6]) + f"-{i:05d}"
        link_to = None
        if plans and rng.random() < LINK_SHARE:
            target = plans[rng.randrange(len(plans))]
            link_to = (target.section, target.key, target.title_vi)
        modified = None
        if rng.random() < MODIFIED_SHARE:
            modified = when + dt.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8))
            # Never after the corpus's last day: a change is not in the future.
            modified = min(modified, dt.datetime.combine(LAST_DATE, dt.time(18)))
        plans.append(
            StoryPlan(i, section, topic, key, when, tags, agency, langs, link_to, title_vi, modified)
        )
    return plans


def render_version(plan: StoryPlan, lang: str, seed: int) -> str:
    """Return the text of one ``index.<lang>.md`` file."""
    rng = _version_rng(seed, plan.index, lang)
    writer = Writer(lang, TOPICS[plan.section][plan.topic][LANG_INDEX[lang]], rng, plan.date.year)
    title = writer.title()
    if lang == "vi":
        title = plan.title_vi  # drawn first from the same RNG, so the stream stays in step
    header = [f"Title: {title}"]
    extra = None
    if lang == "vi":
        header.append(f"Date: {plan.date:%Y-%m-%d %H:%M}")
    if plan.modified:
        # Every version carries it, so no translation is older than its source.
        header.append(f"Modified: {plan.modified:%Y-%m-%d %H:%M}")
    header.append(f"Summary: {writer.summary()}")
    if lang == "vi":
        header.append(f"Tags: {', '.join(plan.tags)}")
        if plan.agency:
            header.append(f"Agency: {plan.agency}")
        if plan.link_to:
            section, key, target_title = plan.link_to
            href = f"../../{section}/{key}/index.vi.md"
            extra = VOCAB["vi"]["LINK"].format(title=target_title, href=href)
    text = "\n".join(header) + "\n\n" + writer.body(extra)
    return unicodedata.normalize("NFC", text)


PAGES: dict[str, dict[str, tuple[str, str]]] = {
    "about": {
        "vi": (
            "Giới thiệu",
            "Trang thông tin đối ngoại của tỉnh Hòa Bình giới thiệu văn hóa, du lịch và môi trường đầu tư.",
        ),
        "en": (
            "About",
            "The Hòa Bình foreign information site presents the province's culture, "
            "tourism and investment climate.",
        ),
    },
    "agencies": {
        "vi": ("Các cơ quan", "Các cơ quan, đơn vị thực hiện công tác thông tin đối ngoại của tỉnh."),
        "en": ("Agencies", "The provincial bodies that carry out foreign information work."),
    },
    "contact": {
        "vi": ("Liên hệ", "Thông tin liên hệ của các cơ quan tỉnh Hòa Bình."),
        "en": ("Contact", "How to contact the provincial agencies of Hòa Bình."),
    },
}


def render_page(name: str, lang: str, seed: int) -> str:
    """Return the text of a static page in ``lang``."""
    title, summary = PAGES[name][lang]
    rng = random.Random(f"{seed}:page:{name}:{lang}")
    topic = TOPICS["news"][0][LANG_INDEX[lang]]  # foreign information work
    body = Writer(lang, topic, rng, LAST_DATE.year).body()
    text = f"Title: {title}\nSummary: {summary}\n\n{body}"
    return unicodedata.normalize("NFC", text)


def write_corpus(
    out: Path,
    count: int,
    seed: int,
    registries: Registries,
    *,
    projects: int = 0,
    documents: int = 0,
    data_dir: Path = REPO / "data",
) -> dict[str, object]:
    """Write the corpus under ``out/content`` (stories, pages, projects, documents) and describe it."""
    stamp = out / STAMP
    if out.exists() and any(out.iterdir()) and not stamp.is_file():
        sys.exit(f"{out}: exists and is not a corpus made by bench/corpus.py; choose another --out")
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    stamp.unlink(missing_ok=True)
    plans = plan_stories(count, seed, registries)
    per_lang = dict.fromkeys(LANGS, 0)
    for plan in plans:
        folder = content / plan.section / plan.key
        folder.mkdir(parents=True)
        for lang in plan.langs:
            (folder / f"index.{lang}.md").write_text(render_version(plan, lang, seed), encoding="utf-8")
            per_lang[lang] += 1
    page_files = 0
    for name, versions in PAGES.items():
        folder = content / "pages" / name
        folder.mkdir(parents=True)
        for lang in versions:
            (folder / f"index.{lang}.md").write_text(render_page(name, lang, seed), encoding="utf-8")
            page_files += 1
    story_files = sum(per_lang.values())
    items: dict[str, object] = {"projects": 0, "documents": 0, "item_files": 0, "items": []}
    if projects or documents:
        import corpus_items  # beside this file; imports this module back

        items = corpus_items.write_items(
            content, seed, registries, projects=projects, documents=documents, data_dir=data_dir
        )
    description: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "stories": count,
        "story_files": story_files,
        "files_per_story": round(story_files / count, 3) if count else 0,
        "page_files": page_files,
        "pages": {name: sorted(v) for name, v in PAGES.items()},
        "files_per_lang": per_lang,
        "registries": registries.source,
        "sections": list(SECTIONS),
        # One row per story: bench/run.py derives expected page counts from it.
        "index": [[p.section, p.key, p.langs] for p in plans],
        # Projects and documents: [collection, key, langs] (none unless asked for).
        **items,
    }
    # Written last: its presence marks a complete corpus.
    stamp.write_text(json.dumps(description, ensure_ascii=False, indent=1), encoding="utf-8")
    return description


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000, help="number of stories (N)")
    parser.add_argument("--out", type=Path, required=True, help="corpus folder to (re)write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--projects", type=int, default=0, help="investment projects to add")
    parser.add_argument("--documents", type=int, default=0, help="official documents to add")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=REPO / "data",
        help="folder with terms.yml and agencies.yml (default: the repo's data/)",
    )
    parser.add_argument(
        "--builtin-registries",
        action="store_true",
        help="use a tiny built-in term/agency list (smoke tests only)",
    )
    args = parser.parse_args(argv)
    if args.stories < 1:
        parser.error("--stories must be at least 1")
    registries = load_registries(args.data_dir, builtin=args.builtin_registries)
    info = write_corpus(
        args.out,
        args.stories,
        args.seed,
        registries,
        projects=args.projects,
        documents=args.documents,
        data_dir=args.data_dir,
    )
    print(
        f"{args.out}: {info['stories']} stories, {info['story_files']} story files "
        f"({info['files_per_story']} per story), {info['page_files']} page files; "
        f"per language {info['files_per_lang']}; {info['projects']} projects and "
        f"{info['documents']} documents in {info['item_files']} files"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
