"""Every Invoice Ninja error answer maps to the typed error that says what to do next."""

from __future__ import annotations

from typing import Any

import pytest

from ninja_tools import (
    AccessRestricted,
    ApiError,
    AuthenticationFailed,
    BadRequest,
    DuplicateRequest,
    NotFound,
    NotReady,
    PasswordRejected,
    PermissionDenied,
    ProtocolError,
    RateLimited,
    RouteNotFound,
    ServerError,
    ValidationFailed,
)

from .fakes import Script, make_client, reply


async def _fail(answer: Any, path: str = "invoices/abc") -> Exception:
    client = make_client(Script(answer), attempts=1)
    with pytest.raises(Exception) as caught:
        await client.get(path)
    return caught.value


@pytest.mark.parametrize("spelling", ["Invalid token", "Invalid Token"])
async def test_403_invalid_token_in_either_spelling_is_bad_credentials(spelling: str) -> None:
    error = await _fail(reply(403, {"message": spelling, "errors": {}}))
    assert isinstance(error, AuthenticationFailed)
    assert "NINJA_TOKEN" in str(error)


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("Feature not available with free / unpaid account.", "plan"),
        ("Upgrade to a paid plan for this feature.", "plan"),
        ("User access locked", "locked"),
        ("User inactive", "inactive"),
        ("Email confirmation required.", "email_unverified"),
        ("Something else", "other"),
    ],
)
async def test_other_403s_say_which_restriction(message: str, reason: str) -> None:
    error = await _fail(reply(403, {"message": message, "errors": {}}))
    assert isinstance(error, AccessRestricted)
    assert not isinstance(error, AuthenticationFailed)
    assert error.reason == reason


async def test_401_is_a_missing_permission() -> None:
    error = await _fail(reply(401, {"message": "This action is unauthorized."}))
    assert isinstance(error, PermissionDenied)
    assert "unauthorized" in error.message and "User Management" in error.hint


async def test_400_no_query_results_names_entity_and_id() -> None:
    body = {"message": "No query results for model [App\\Models\\RecurringInvoice]."}
    error = await _fail(reply(400, body), "recurring_invoices/Xyz123abcd")
    assert isinstance(error, NotFound)
    assert error.entity == "recurring invoice" and error.record_id == "Xyz123abcd"
    assert "recurring invoice" in error.message and "Xyz123abcd" in error.message


async def test_400_numeric_id_says_ids_are_hashed() -> None:
    error = await _fail(reply(400, {"message": "Record with value 123 not found"}),
                        "invoices/123")
    assert isinstance(error, NotFound)
    assert error.record_id == "123" and "hashed" in error.hint


async def test_400_duplicate_request_is_the_duplicate_guard() -> None:
    error = await _fail(reply(400, {"message": "Duplicate request"}))
    assert isinstance(error, DuplicateRequest)


async def test_400_error_wrapper_shape() -> None:
    error = await _fail(reply(400, {"error": {"message": "Invoice cannot be marked as paid"}}))
    assert isinstance(error, BadRequest)
    assert "cannot be marked as paid" in error.message


async def test_404_409_412() -> None:
    assert isinstance(await _fail(reply(404, {"message": "Route does not exist"})), RouteNotFound)
    assert isinstance(await _fail(reply(409, {"message": "Still working....."})), NotReady)
    error = await _fail(reply(412, {"message": "Invalid Password", "errors": {}}))
    assert isinstance(error, PasswordRejected) and "password" in error.message.lower()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"message": "The given data was invalid.",
          "errors": {"number": ["The number has already been taken."],
                     "client_id": ["The client id field is required.", "Another."]}},
         {"number": ["The number has already been taken."],
          "client_id": ["The client id field is required.", "Another."]}),
        ({"message": "", "errors": {"number": "Invoice is locked"}},
         {"number": ["Invoice is locked"]}),
        ({"message": "You are not authorized", "errors": {"ids": ["You are not authorized"]}},
         {"ids": ["You are not authorized"]}),
        ({"message": "The given data was invalid.",
          "errors": {"contacts": {"0": {"email": ["bad email"]}}}},
         {"contacts.0.email": ["bad email"]}),
        ({"message": "Nothing else"}, {}),
    ],
)
async def test_422_every_body_shape_gives_field_errors(body: Any, expected: Any) -> None:
    error = await _fail(reply(422, body))
    assert isinstance(error, ValidationFailed)
    assert error.field_errors == expected
    for field in expected:
        assert field in error.message


async def test_429_after_retries_is_rate_limited() -> None:
    error = await _fail(reply(429, {"message": "Too many requests"}))
    assert isinstance(error, RateLimited)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_on_a_read_is_a_server_error(status: int) -> None:
    error = await _fail(reply(status, {"message": "Server Error"}))
    assert isinstance(error, ServerError) and error.status == status


async def test_html_body_is_a_protocol_error_naming_the_headers() -> None:
    page = b"<!DOCTYPE html><html><body>Whoops</body></html>"
    error = await _fail(reply(200, content=page, headers={"content-type": "text/html"}))
    assert isinstance(error, ProtocolError)
    assert "X-Requested-With" in error.hint and "NINJA_URL" in error.hint


async def test_html_error_page_is_a_protocol_error() -> None:
    page = b"<html><body>Not Found</body></html>"
    error = await _fail(reply(404, content=page, headers={"content-type": "text/html"}))
    assert isinstance(error, ProtocolError)


async def test_redirect_is_a_protocol_error_naming_the_url() -> None:
    error = await _fail(reply(302, content=b"", headers={"location": "https://ninja.test/login"}))
    assert isinstance(error, ProtocolError)
    assert "https://ninja.test/login" in error.message


async def test_http_to_https_redirect_says_use_https() -> None:
    client = make_client(Script(reply(301, content=b"",
                                      headers={"location": "https://ninja.test/api/v1/ping"})),
                         url="http://ninja.test", attempts=1)
    with pytest.raises(ProtocolError) as caught:
        await client.get("ping")
    assert "https://" in caught.value.hint


async def test_unknown_status_is_a_plain_api_error() -> None:
    error = await _fail(reply(418, {"message": "teapot"}))
    assert type(error) is ApiError and error.status == 418


def test_repr_shows_status_and_message_only() -> None:
    error = ValidationFailed("bad", status=422, field_errors={"a": ["b"]})
    assert repr(error) == "ValidationFailed(status=422, 'bad')"


@pytest.mark.parametrize("message", ["Route does not exist", "Method not supported for this route",
                                     "404 | Nothing to see here!", ""])
async def test_404_for_a_missing_route(message: str) -> None:
    body = {"message": message} if message else {}
    assert isinstance(await _fail(reply(404, body)), RouteNotFound)


async def test_404_with_its_own_message_is_not_found_not_a_missing_route() -> None:
    error = await _fail(reply(404, {"message": "No backup exists for this activity"}),
                        "activities/download_entity/Abc123defg")
    assert isinstance(error, NotFound) and "No backup exists" in error.message
