from __future__ import annotations

import os
import re
import stat
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

import config
from app.storage import LocalFileStore, file_store
from config import BASE_DIR, Config, TestConfig

KEY = re.compile(r"2026/12/04/[0-9a-f]{32}\.pdf")
A_KEY = "2026/12/04/" + "0123456789abcdef" * 2 + ".pdf"


@pytest.fixture
def store(tmp_path: Path) -> LocalFileStore:
    return LocalFileStore(tmp_path / "uploads")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def files_under(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_a_saved_file_reads_back(store):
    key = store.save(b"%PDF-1.7 content", "pdf")
    assert store.open(key) == b"%PDF-1.7 content"
    assert store.exists(key) is True


def test_the_key_is_the_utc_day_and_a_random_name(store):
    # 07:30 in Shanghai on 5 December is still 4 December in UTC.
    with time_machine.travel(datetime(2026, 12, 4, 23, 30, tzinfo=UTC), tick=False):
        first, second = store.save(b"a", "pdf"), store.save(b"a", "pdf")
    assert KEY.fullmatch(first), first
    assert KEY.fullmatch(second), second
    assert first != second
    assert files_under(store.root) == sorted([first, second])


def test_the_extension_is_kept_and_checked(store):
    assert store.save(b"x", "png").endswith(".png")
    for bad in ("", "PDF", "../pdf", "p/df", "pdf\n", "toolongext"):
        with pytest.raises(ValueError, match="extension"):
            store.save(b"x", bad)


@pytest.mark.parametrize(
    "key",
    [
        "../x",
        "/etc/passwd",
        "2026/12/04/../../x.pdf",
        "2026/12/04/../../../../etc/passwd",
        f"/{A_KEY}",
        f"{A_KEY}/../../x",
        f"{A_KEY}\n",
        A_KEY.replace("abcdef", "ABCDEF"),
        A_KEY.replace("/", "\\"),
        "2026/12/04/" + "0" * 31 + ".pdf",
        "２０２６/12/04/" + "0" * 32 + ".pdf",  # full-width digits
        "",
    ],
)
def test_keys_of_any_other_shape_are_refused(store, tmp_path, key):
    (tmp_path / "x").write_bytes(b"outside the store")
    for action in (store.open, store.delete, store.exists):
        with pytest.raises(ValueError, match="not a file store key"):
            action(key)
    assert (tmp_path / "x").read_bytes() == b"outside the store"


def test_a_write_leaves_no_temporary_file(store):
    key = store.save(b"data", "jpg")
    assert files_under(store.root) == [key]


def test_a_failed_write_leaves_nothing_behind(store, monkeypatch):
    def broken_replace(source: str, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        store.save(b"data", "pdf")
    assert files_under(store.root) == []


def test_only_the_server_user_can_read_uploads(store):
    old_umask = os.umask(0o022)
    try:
        with time_machine.travel(datetime(2026, 12, 4, 9, 0, tzinfo=UTC), tick=False):
            key = store.save(b"secret scan", "png")
    finally:
        os.umask(old_umask)
    assert mode(store.root / key) == 0o600
    assert [mode(store.root / folder) for folder in ("", "2026", "2026/12", "2026/12/04")] == [0o700] * 4


def test_the_root_is_made_on_the_first_save_not_before(tmp_path):
    store = LocalFileStore(tmp_path / "deep" / "uploads")
    assert not (tmp_path / "deep").exists()
    key = store.save(b"x", "pdf")
    assert (tmp_path / "deep" / "uploads" / key).read_bytes() == b"x"


def test_delete_removes_the_file_and_a_missing_one_is_fine(store):
    key = store.save(b"x", "pdf")
    store.delete(key)
    assert store.exists(key) is False
    store.delete(key)
    store.delete(A_KEY)
    with pytest.raises(FileNotFoundError):
        store.open(key)


def test_the_app_store_writes_under_upload_dir(build_app, tmp_path):
    app = build_app(UPLOAD_DIR=tmp_path / "materials")
    with app.app_context():
        key = file_store().save(b"%PDF-", "pdf")
    assert (tmp_path / "materials" / key).read_bytes() == b"%PDF-"


def test_upload_settings_default_to_instance_uploads_and_8_mib_below_the_request_limit():
    defaults = Config({})
    assert Path(defaults.UPLOAD_DIR) == BASE_DIR / "instance" / "uploads"
    assert config.INSTANCE_DIR == BASE_DIR / "instance"
    assert defaults.MAX_UPLOAD_BYTES == 8 * 1024 * 1024 < defaults.MAX_CONTENT_LENGTH
    chosen = Config({"UPLOAD_DIR": "/srv/palmgov/uploads", "MAX_UPLOAD_BYTES": "5000000"})
    assert (chosen.UPLOAD_DIR, chosen.MAX_UPLOAD_BYTES) == ("/srv/palmgov/uploads", 5000000)


def test_each_test_app_gets_its_own_upload_dir_outside_the_repository():
    first, second = Path(TestConfig({}).UPLOAD_DIR), Path(TestConfig({}).UPLOAD_DIR)
    assert first != second
    assert first.parent == second.parent == Path(tempfile.gettempdir())
    assert not first.exists()
