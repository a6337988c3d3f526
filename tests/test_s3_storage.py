"""Media on S3-compatible storage (STORAGE_S3_*): public photos and private certificate scans in separate buckets.

Runs against moto's S3 server on 127.0.0.1 (requirements-dev.txt); no cloud account involved.
"""

import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from catalog.models import Certificate
from sentra.storage import private_storage

boto3 = pytest.importorskip("boto3")
pytest.importorskip("storages")
ROOT = Path(__file__).resolve().parent.parent
S3_BACKEND = "storages.backends.s3.S3Storage"
PUBLIC, PRIVATE = "sentra-media", "sentra-private"
CREDENTIALS = {"access_key": "moto-test", "secret_key": "moto-test", "region_name": "us-east-1"}


def _free_port() -> int:
    """A free port in 18160-18199, tried from a random start (parallel test workers, other servers)."""
    offset = random.randrange(40)
    for step in range(40):
        port = 18160 + (offset + step) % 40
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in 18160-18199")


def _start_server(args: list[str], port: int) -> subprocess.Popen | None:
    """Start a server listening on 127.0.0.1:`port`; None if it exits first (e.g. the port was taken)."""
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    for _ in range(300):
        if server.poll() is not None:
            return None
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    server.kill()
    return None


@pytest.fixture(scope="module")
def s3_endpoint():
    executable = shutil.which("moto_server") or str(Path(sys.executable).parent / "moto_server")
    if not Path(executable).exists():
        pytest.skip("moto[server] is not installed (requirements-dev.txt)")
    for _ in range(5):
        port = _free_port()
        if server := _start_server([executable, "-H", "127.0.0.1", "-p", str(port)], port):
            break
    else:
        pytest.skip("moto_server did not start")
    endpoint = f"http://127.0.0.1:{port}"
    try:
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="moto-test",
            aws_secret_access_key="moto-test",
            region_name="us-east-1",
        )
        for bucket in (PUBLIC, PRIVATE):
            client.create_bucket(Bucket=bucket)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def s3_storages(settings, s3_endpoint):
    """The STORAGES that sentra/settings.py builds from STORAGE_S3_* (checked below), pointing at moto."""
    common = {"endpoint_url": s3_endpoint, "file_overwrite": False, **CREDENTIALS}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": common | {"bucket_name": PUBLIC, "querystring_auth": False}},
        "private": {
            "BACKEND": S3_BACKEND,
            "OPTIONS": common
            | {"bucket_name": PRIVATE, "default_acl": "private", "querystring_auth": True, "querystring_expire": 60},
        },
    }
    return s3_endpoint


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 - only http://127.0.0.1 in this test
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_product_photos_go_to_the_public_bucket_with_plain_urls(s3_storages):
    name = storages["default"].save("products/2026/11/keripik.jpg", ContentFile(b"jpeg bytes"))
    url = storages["default"].url(name)
    assert f"/{PUBLIC}/products/2026/11/" in url
    assert "Signature" not in url
    client = boto3.client("s3", endpoint_url=s3_storages, aws_access_key_id="x", aws_secret_access_key="x")
    assert client.get_object(Bucket=PUBLIC, Key=name)["Body"].read() == b"jpeg bytes"


def test_certificate_scans_go_to_the_private_bucket_and_refuse_anonymous_reads(s3_storages, vendor, monkeypatch):
    scan_field = Certificate._meta.get_field("scan")
    monkeypatch.setattr(scan_field, "storage", private_storage())
    certificate = Certificate(vendor=vendor, kind="halal", number="ID31110000123456", halal_stage="granted")
    certificate.scan.save("halal.pdf", ContentFile(b"%PDF-1.4 scan"), save=True)
    assert certificate.scan.name.startswith("certificates/")
    anonymous = f"{s3_storages}/{PRIVATE}/{certificate.scan.name}"
    assert _get(anonymous) == 403
    signed = certificate.scan.url
    assert "Signature" in signed
    assert _get(signed) == 200
    with certificate.scan.open("rb") as scan:
        assert scan.read() == b"%PDF-1.4 scan"
    assert not storages["default"].exists(certificate.scan.name)


def _settings_storages(**env) -> str:
    code = "from django.conf import settings as s; print(s.STORAGES['default']['BACKEND'], s.STORAGES['private'])"
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sentra.settings", **env}
    full_env.setdefault("DJANGO_SECRET_KEY", "tests-only")
    full_env.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
    )


def test_settings_build_two_buckets_from_the_environment():
    out = _settings_storages(
        STORAGE_S3_BUCKET=PUBLIC, STORAGE_S3_PRIVATE_BUCKET=PRIVATE, STORAGE_S3_ENDPOINT_URL="http://127.0.0.1:9"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(S3_BACKEND)
    assert f"'bucket_name': '{PRIVATE}'" in out.stdout
    assert "'querystring_auth': True" in out.stdout


@pytest.mark.parametrize("private", ["", PUBLIC])
def test_settings_refuse_s3_without_a_separate_private_bucket(private):
    out = _settings_storages(STORAGE_S3_BUCKET=PUBLIC, STORAGE_S3_PRIVATE_BUCKET=private)
    assert out.returncode != 0
    assert "STORAGE_S3_PRIVATE_BUCKET" in out.stderr


def test_without_s3_settings_media_stays_on_the_local_disk():
    out = _settings_storages(STORAGE_S3_BUCKET="")
    assert out.stdout.startswith("django.core.files.storage.FileSystemStorage")
