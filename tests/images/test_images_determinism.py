"""The same source and settings give the same bytes, however many images a build encodes and how."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from image_fixtures import grainy_photo
from images.errors import Referrer
from images.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.conftest import Build, fixture_site  # noqa: E402

FIXTURE = ROOT / "tests" / "multilang" / "fixtures" / "site"
STORY = "content/culture/le-hoi-khai-ha"
WIDTHS = [320, 640]


def grainy_jpeg(path: Path, size: tuple[int, int], seed: int) -> Path:
    """Write a grainy camera-like JPEG; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    grainy_photo(size, seed).save(path, quality=90)
    return path


def run(settings, content_dir: Path, paths: list[Path], cards: tuple[Path, ...] = ()) -> Pipeline:
    """Run a fresh pipeline over paths; return it."""
    pipeline = Pipeline(settings, str(content_dir))
    for path in paths:
        referrer = Referrer(str(path.parent / "index.vi.md"), ref=path.name)
        pipeline.use(str(path), referrer, card=(0.5, 0.5) if path in cards else None)
    pipeline.run()
    return pipeline


def published(pipeline: Pipeline, *paths: Path) -> dict[str, bytes]:
    """Return {output path: bytes} of the derivatives the pipeline publishes (of paths, if given)."""
    names = set()
    for path in paths:
        result = pipeline.result(str(path))
        renditions = [r for group in result.renditions.values() for r in group]
        names |= {r.name for r in renditions + list(result.cards.values())}
    return {
        output: Path(cached).read_bytes()
        for output, cached in pipeline.outputs().items()
        if not paths or os.path.basename(output) in names
    }


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """Return the names whose bytes differ, or that only one side has."""
    names = sorted(set(first) | set(second))
    return [name for name in names if first.get(name) != second.get(name)]


def test_an_image_encoded_alone_gets_the_bytes_it_gets_among_many(
    images, content_dir, make_settings, tmp_path
):
    sources = [grainy_jpeg(images.path(f"p{i}.jpg"), (900, 600), seed=i) for i in range(3)]
    # Alone: the one-process path, the AVIF encoder on 2 threads;
    # among many: 2 worker processes, one encoder thread each.
    alone = run(
        make_settings(widths=WIDTHS, workers=2, cache_path=str(tmp_path / "a")), content_dir, sources[:1]
    )
    among = run(make_settings(widths=WIDTHS, workers=2, cache_path=str(tmp_path / "b")), content_dir, sources)
    assert alone.stats.encoded == 6 and among.stats.encoded == 18
    mine, theirs = published(alone, sources[0]), published(among, sources[0])
    assert len(mine) == 6
    assert differing(mine, theirs) == []


def test_a_cover_set_later_gives_the_bytes_of_a_cold_build(images, content_dir, make_settings, tmp_path):
    # Its card (1200 px from the full width) needs a larger decode than its body widths.
    source = grainy_jpeg(images.path("photo.jpg"), (2600, 1700), seed=7)
    settings = make_settings(widths=[160, 320, 640], cache_path=str(tmp_path / "incremental"))
    run(settings, content_dir, [source])
    incremental = run(settings, content_dir, [source], cards=(source,))
    assert incremental.stats.encoded == 1  # only the card
    cold = run(
        make_settings(widths=[160, 320, 640], cache_path=str(tmp_path / "cold")),
        content_dir,
        [source],
        cards=(source,),
    )
    assert cold.stats.encoded == 10
    assert differing(published(incremental), published(cold)) == []


def test_a_derivative_made_again_alone_is_the_same_file(images, content_dir, make_settings):
    source = grainy_jpeg(images.path("photo.jpg"), (1300, 900), seed=3)
    settings = make_settings(widths=[160, 320, 640])
    first = run(settings, content_dir, [source])
    before = published(first)
    # An incomplete cache (pruned, or restored from an older CI run) lacks the smallest files.
    small = [r for group in first.result(str(source)).renditions.values() for r in group if r.width == 160]
    for rendition in small:
        os.unlink(first.cache_file(rendition.name))
    again = run(settings, content_dir, [source])
    assert again.stats.encoded == len(small) == 3
    assert differing(published(again), before) == []


# -- through Pelican --------------------------------------------------------------


def media(build: Build) -> dict[str, bytes]:
    """Return {file name: bytes} of the derivatives a build published."""
    return {path.name: path.read_bytes() for path in sorted((build.output / "media").iterdir())}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Build a story with three photos cold, repaint one, build again; and build the result cold twice."""
    tmp = tmp_path_factory.mktemp("determinism")
    base = tmp / "src"
    shutil.copytree(FIXTURE, base)
    bundle = base / STORY
    names = ["chieng.jpg", "mua.jpg", "nha-san.jpg"]
    for seed, name in enumerate(names):
        grainy_jpeg(bundle / name, (900, 600), seed)
    index = bundle / "index.vi.md"
    lines = "".join(f'\n![Ảnh {name}]({name} "Lễ hội")\n' for name in names)
    index.write_text(index.read_text(encoding="utf-8") + lines, encoding="utf-8")
    settings = {"IMAGES_WIDTHS": WIDTHS, "IMAGES_WORKERS": 2}
    result = {"first": fixture_site(tmp, "site", base, verbose=True, **settings)}
    grainy_jpeg(bundle / names[0], (900, 600), seed=99)  # the photographer sends a better shot
    result["incremental"] = fixture_site(tmp, "site", base, verbose=True, **settings)
    result["cold"] = fixture_site(tmp, "cold", base, verbose=True, **settings)
    result["cold, one worker"] = fixture_site(
        tmp, "cold1", base, verbose=True, **{**settings, "IMAGES_WORKERS": 1}
    )
    for name, build in result.items():
        assert build.returncode == 0, f"{name}: {build.log}"
    return result


def test_an_incremental_build_publishes_the_bytes_of_a_cold_build(builds: dict[str, Build]) -> None:
    # Only the repainted photo was encoded: 3 formats x 2 widths.
    assert "3 sources, 6 derivatives encoded" in " ".join(builds["incremental"].log.split())
    cold = media(builds["cold"])
    assert len(cold) == 18
    # Same names, and each name the same bytes: what a visitor downloads does not
    # depend on whether the site was built from scratch.
    assert differing(media(builds["incremental"]), cold) == []


def test_two_cold_builds_publish_identical_images(builds: dict[str, Build]) -> None:
    assert differing(media(builds["cold"]), media(builds["cold, one worker"])) == []
