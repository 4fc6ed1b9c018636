"""``serve()`` runs a real HTTP server that a plain client (like curl) can list invoices from."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

from ninja_tools.sandbox.server import banner, is_loopback


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server() -> object:
    port = _free_port()
    code = f"from ninja_tools.sandbox import serve; serve(port={port})"
    process = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/api/v1/ping", timeout=0.5)
            break
        except httpx.TransportError:
            time.sleep(0.05)
    yield url, process
    process.terminate()
    process.wait(timeout=10)
    if process.stderr:
        process.stderr.close()


def test_serve_lists_invoices_over_real_http(server: tuple[str, subprocess.Popen[str]]) -> None:
    url, process = server
    response = httpx.get(
        f"{url}/api/v1/invoices",
        headers={"X-API-TOKEN": "sandbox-token", "X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["data"]) == 20  # a full first page of the demo invoices
    assert body["meta"]["pagination"]["total"] > 20
    assert response.headers["x-app-version"] == "5.10.42"
    process.terminate()
    process.wait(timeout=10)
    printed = process.stderr.read() if process.stderr else ""
    assert url in printed and f"{url}/api/v1" in printed
    assert "sandbox-token" in printed and "sandbox-password" in printed
    assert "sandbox-restricted-token" in printed and "sandbox-google-token" in printed


def test_disconnect_fault_drops_a_real_connection(
    server: tuple[str, subprocess.Popen[str]],
) -> None:
    url, _ = server
    httpx.post(
        f"{url}/_sandbox/faults", json={"kind": "disconnect", "path": "/api/v1/ping", "count": 1}
    )
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/v1/ping", headers={"X-API-TOKEN": "sandbox-token"})
    assert (
        httpx.get(f"{url}/api/v1/ping", headers={"X-API-TOKEN": "sandbox-token"}).status_code == 200
    )


def test_loopback_detection_and_banner() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    from ninja_tools.sandbox import create_app

    text = banner(create_app().state.sandbox, "127.0.0.1", 9999)
    assert "http://127.0.0.1:9999/api/v1" in text
