"""NinjaClient against a scripted server: headers, retries, refusals, paging, files."""

from __future__ import annotations

import base64

import httpx
import pytest

from ninja_tools import (
    ConnectionFailed,
    OutcomeUnknown,
    ProtocolError,
    RateLimited,
    RouteRefused,
    Upload,
)

from .fakes import Script, Sleeps, make_client, reply


async def test_sends_the_headers_invoice_ninja_needs() -> None:
    script = Script(reply(), reply())
    client = make_client(script, api_secret="sec-456")
    await client.get("ping")
    await client.post("invoices", {"client_id": "a"})
    sent = script.requests[0].headers
    assert sent["X-API-TOKEN"] == "tok-123"
    assert sent["X-Requested-With"] == "XMLHttpRequest"
    assert sent["Accept"] == "application/json"
    assert sent["User-Agent"].startswith("ninja-tools/")
    assert sent["X-API-SECRET"] == "sec-456"
    assert "X-REACT" not in sent
    assert script.requests[1].headers["Content-Type"] == "application/json"
    assert str(script.requests[0].url) == "https://ninja.test/api/v1/ping"


async def test_no_api_secret_header_when_unset() -> None:
    script = Script(reply())
    await make_client(script).get("ping")
    assert "X-API-SECRET" not in script.requests[0].headers


async def test_reads_the_server_version_from_the_first_answer() -> None:
    client = make_client(Script(reply(headers={"X-App-Version": "5.11.2"}), reply()))
    assert client.server_version is None
    await client.get("ping")
    await client.get("ping")
    assert client.server_version == "5.11.2"


async def test_a_read_is_retried_on_503_then_succeeds() -> None:
    sleeps = Sleeps()
    script = Script(reply(503, {"message": "busy"}), reply(200, {"data": {"id": "x"}}))
    body = await make_client(script, sleeps=sleeps).get("invoices/x")
    assert body == {"data": {"id": "x"}}
    assert len(script.requests) == 2 and len(sleeps.waits) == 1


async def test_a_read_is_retried_on_connection_errors_and_timeouts() -> None:
    script = Script(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), reply())
    await make_client(script).get("invoices")
    assert len(script.requests) == 3


async def test_a_read_gives_up_after_the_attempts() -> None:
    script = Script(*[httpx.ConnectError("refused")] * 3)
    with pytest.raises(ConnectionFailed):
        await make_client(script, attempts=3).get("invoices")
    assert len(script.requests) == 3


async def test_read_only_posts_are_retried_like_reads() -> None:
    script = Script(reply(502, content=b"<html>Bad gateway</html>",
                          headers={"content-type": "text/html"}), reply())
    await make_client(script).post("refresh", read_only=None)
    assert len(script.requests) == 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_a_write_is_not_retried_on_5xx_and_outcome_is_unknown(status: int) -> None:
    script = Script(reply(status, {"message": "Server Error"}))
    with pytest.raises(OutcomeUnknown) as caught:
        await make_client(script).post("payments", {"amount": 10})
    assert len(script.requests) == 1
    assert caught.value.status == status
    assert "may or may not" in caught.value.message and "payments" in caught.value.hint


@pytest.mark.parametrize("fault", [httpx.ReadTimeout("slow"), httpx.WriteTimeout("slow"),
                                   httpx.RemoteProtocolError("dropped"), httpx.ReadError("reset")])
async def test_a_write_is_not_retried_once_sent_and_outcome_is_unknown(fault: Exception) -> None:
    script = Script(fault)
    with pytest.raises(OutcomeUnknown):
        await make_client(script).post("invoices", {"client_id": "a"})
    assert len(script.requests) == 1


async def test_a_write_with_a_garbled_answer_is_outcome_unknown() -> None:
    script = Script(reply(200, content=b'{"data": {"id": ', headers={"content-type":
                                                                    "application/json"}))
    with pytest.raises(OutcomeUnknown):
        await make_client(script).post("invoices", {"client_id": "a"})
    assert len(script.requests) == 1


async def test_a_read_with_a_garbled_answer_is_retried() -> None:
    script = Script(reply(200, content=b'{"data": [', headers={"content-type":
                                                              "application/json"}), reply())
    await make_client(script).get("invoices")
    assert len(script.requests) == 2


async def test_a_write_is_retried_after_429() -> None:
    sleeps = Sleeps()
    script = Script(reply(429, {"message": "Too many requests"}), reply(200, {"data": {"id": "p"}}))
    body = await make_client(script, sleeps=sleeps).post("payments", {"amount": 10})
    assert body["data"]["id"] == "p"
    assert len(script.requests) == 2 and sleeps.waits and sleeps.waits[0] > 0


async def test_a_write_is_retried_when_the_connection_never_opened() -> None:
    script = Script(httpx.ConnectError("refused"), reply())
    await make_client(script).post("invoices", {"client_id": "a"})
    assert len(script.requests) == 2


async def test_retry_after_is_honoured_when_present() -> None:
    sleeps = Sleeps()
    script = Script(reply(429, {"message": "Too many requests"}, headers={"Retry-After": "3"}),
                    reply())
    await make_client(script, sleeps=sleeps).get("invoices")
    assert sleeps.waits == [3.0]


async def test_backoff_grows_and_is_bounded_in_total() -> None:
    sleeps = Sleeps()
    script = Script(*[reply(429, {"message": "Too many requests"})] * 10)
    with pytest.raises(RateLimited):
        await make_client(script, sleeps=sleeps, attempts=10, max_total=5.0).get("invoices")
    assert sum(sleeps.waits) <= 5.0
    assert len(sleeps.waits) >= 2 and sleeps.waits[1] > sleeps.waits[0] * 0.5


async def test_a_long_retry_after_gives_up_at_once() -> None:
    sleeps = Sleeps()
    script = Script(reply(429, {"message": "Too many requests"}, headers={"Retry-After": "600"}))
    with pytest.raises(RateLimited) as caught:
        await make_client(script, sleeps=sleeps).get("invoices")
    assert sleeps.waits == [] and caught.value.retry_after == 600


@pytest.mark.parametrize("action", ["mark_paid", "mark_sent", "email", "archive", "delete",
                                    "cancel", "approve", "convert", "clone_to_invoice"])
async def test_data_changing_get_routes_are_refused_before_sending(action: str) -> None:
    script = Script()
    with pytest.raises(RouteRefused) as caught:
        await make_client(script).get(f"invoices/abc/{action}")
    assert script.requests == []
    assert "bulk" in caught.value.hint


async def test_download_route_stays_usable() -> None:
    pdf = b"%PDF-1.4 fake"
    script = Script(reply(200, content=pdf, headers={
        "content-type": "application/pdf",
        "content-disposition": 'attachment; filename="Invoice 0001.pdf"'}))
    got = await make_client(script).download("invoices/abc/download")
    assert got.content == pdf and got.filename == "Invoice 0001.pdf"
    assert got.content_type == "application/pdf"
    assert "bytes" in repr(got) and "PDF-1.4" not in repr(got)


async def test_download_of_a_message_is_a_clear_error() -> None:
    script = Script(reply(200, {"message": "Successfully sent message"}))
    with pytest.raises(ProtocolError) as caught:
        await make_client(script).download("invoices/abc/delivery_note")
    assert "Successfully sent message" in caught.value.message


def _page(page: int, pages: int, ids: list[str]) -> httpx.Response:
    return reply(200, {"data": [{"id": i} for i in ids], "meta": {"pagination": {
        "total": 5, "count": len(ids), "per_page": 2, "current_page": page,
        "total_pages": pages, "links": {}}}})


async def test_paginate_walks_every_page_with_active_default() -> None:
    script = Script(_page(1, 3, ["a", "b"]), _page(2, 3, ["c", "d"]), _page(3, 3, ["e"]))
    ids = [row["id"] async for row in make_client(script).paginate("invoices", per_page=2)]
    assert ids == ["a", "b", "c", "d", "e"]
    queries = [dict(r.url.params) for r in script.requests]
    assert [q["page"] for q in queries] == ["1", "2", "3"]
    assert all(q["status"] == "active" and q["per_page"] == "2" for q in queries)


async def test_list_page_caps_per_page_and_keeps_an_explicit_status() -> None:
    script = Script(_page(1, 1, []))
    page = await make_client(script).list_page("invoices", {"status": "archived"},
                                               per_page=99999)
    params = script.requests[0].url.params
    assert params["per_page"] == "5000" and params["status"] == "archived"
    assert page.items == [] and not page.has_more


async def test_upload_sends_multipart_put_with_documents() -> None:
    script = Script(reply(200, {"data": {"id": "inv", "documents": [{"id": "d"}]}}))
    await make_client(script).upload(
        "invoices/inv/upload", [Upload("a.pdf", b"%PDF-a", "application/pdf"),
                                Upload("b.txt", b"hello", "text/plain")])
    request = script.requests[0]
    assert request.method == "POST"
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    body = request.content
    assert b'name="_method"' in body and b"PUT" in body
    assert body.count(b'name="documents[]"') == 2 and b"hello" in body


async def test_password_goes_in_both_headers_when_ascii() -> None:
    script = Script(reply())
    await make_client(script).with_password("POST", "clients/c/purge", "s3cret!")
    headers = script.requests[0].headers
    assert headers["X-API-PASSWORD"] == "s3cret!"
    assert base64.b64decode(headers["X-API-PASSWORD-BASE64"]).decode() == "s3cret!"


async def test_non_ascii_password_goes_base64_only() -> None:
    script = Script(reply())
    await make_client(script).with_password("POST", "clients/c/purge", "pässwört-日本")
    headers = script.requests[0].headers
    assert "X-API-PASSWORD" not in headers
    assert base64.b64decode(headers["X-API-PASSWORD-BASE64"]).decode() == "pässwört-日本"


async def test_password_is_sent_on_that_request_only() -> None:
    script = Script(reply(), reply())
    client = make_client(script)
    await client.with_password("POST", "clients/c/purge", "s3cret!")
    await client.get("clients")
    assert "X-API-PASSWORD-BASE64" not in script.requests[1].headers


async def test_ids_in_paths_are_quoted() -> None:
    from ninja_tools.client import api_path

    assert api_path("invoices/{id}/download", id="a/../b") == "invoices/a%2F..%2Fb/download"
