"""The WeChat and Alipay builds (made by ``make test``) declare every page of ``app.config.ts``, ship
each page's files, and keep the main package under WeChat's 2 MB limit."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

MINIPROGRAM = Path(__file__).parents[1] / "miniprogram"
MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024
# Each target's template file for a page.
TEMPLATE = {"weapp": ".wxml", "alipay": ".axml"}
# The hall screens' subpackage is H5 only.
H5_ONLY = "hall"


def declared_pages() -> tuple[list[str], dict[str, list[str]]]:
    """The main package's pages and each subpackage's, as app.config.ts lists them."""
    source = (MINIPROGRAM / "src" / "app.config.ts").read_text()
    main_block = re.search(r"pages:\s*\[(.*?)\]", source, re.S)
    assert main_block, "app.config.ts lists no pages"
    main = re.findall(r"'([^']+)'", main_block.group(1))
    subpackages = {
        root: re.findall(r"'([^']+)'", pages)
        for root, pages in re.findall(r"\{\s*root:\s*'([^']+)',\s*pages:\s*\[(.*?)\]", source, re.S)
    }
    return main, subpackages


def mini_program_pages() -> tuple[list[str], dict[str, list[str]]]:
    main, subpackages = declared_pages()
    return main, {root: pages for root, pages in subpackages.items() if root != H5_ONLY}


def built(target: str) -> dict:
    path = MINIPROGRAM / "dist" / target / "app.json"
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"no {target} build: make test builds it")
        pytest.skip(f"no {target} build (make mini-programs)")
    return json.loads(path.read_text())


def test_app_config_is_read():
    main, subpackages = declared_pages()
    assert main[0] == "pages/home/index"
    assert subpackages and all(subpackages.values())
    assert H5_ONLY in subpackages


@pytest.mark.parametrize("target", sorted(TEMPLATE))
def test_the_build_lists_every_page(target):
    app = built(target)
    main, subpackages = mini_program_pages()
    assert app["pages"] == main
    packages = app.get("subPackages", app.get("subpackages", []))
    built_subpackages = {package["root"]: package["pages"] for package in packages}
    assert built_subpackages == subpackages


@pytest.mark.parametrize("target", sorted(TEMPLATE))
def test_every_page_is_built(target):
    built(target)
    main, subpackages = mini_program_pages()
    dist = MINIPROGRAM / "dist" / target
    pages = main + [f"{root}/{page}" for root, listed in subpackages.items() for page in listed]
    missing = [page for page in pages if not (dist / f"{page}{TEMPLATE[target]}").exists()]
    assert not missing


@pytest.mark.parametrize("target", sorted(TEMPLATE))
def test_the_main_package_is_under_2_mb(target):
    built(target)
    _, subpackages = mini_program_pages()
    dist = MINIPROGRAM / "dist" / target
    roots = [dist / root for root in subpackages]
    main_bytes = sum(
        path.stat().st_size
        for path in dist.rglob("*")
        if path.is_file() and not any(path.is_relative_to(root) for root in roots)
    )
    assert main_bytes < MAIN_PACKAGE_LIMIT


@pytest.mark.parametrize("target", sorted(TEMPLATE))
def test_the_hall_screens_stay_out_of_the_mini_programs(target):
    built(target)
    assert not (MINIPROGRAM / "dist" / target / H5_ONLY).exists()
