"""A small but real-shaped subset of ``GET /api/v1/statics`` (ids as strings, like the API)."""

from __future__ import annotations

from typing import Any


def _currency(
    cid: str,
    name: str,
    code: str,
    symbol: str,
    precision: int = 2,
    thousand: str = ",",
    decimal: str = ".",
    swap: bool = False,
) -> dict[str, Any]:
    return {
        "id": cid,
        "name": name,
        "code": code,
        "symbol": symbol,
        "precision": precision,
        "thousand_separator": thousand,
        "decimal_separator": decimal,
        "swap_currency_symbol": swap,
        "exchange_rate": 1.0,
    }


CURRENCIES = [
    _currency("1", "US Dollar", "USD", "$"),
    _currency("2", "British Pound", "GBP", "£"),
    _currency("3", "Euro", "EUR", "€", thousand=".", decimal=","),
    _currency("4", "South African Rand", "ZAR", "R", thousand=" ", decimal="."),
    _currency("9", "Canadian Dollar", "CAD", "C$"),
    _currency("12", "Australian Dollar", "AUD", "$"),
    _currency("17", "Swiss Franc", "CHF", "", thousand="'", decimal="."),
]


def _country(cid: str, name: str, iso2: str, iso3: str, currency: str) -> dict[str, Any]:
    return {
        "id": cid,
        "name": name,
        "iso_3166_2": iso2,
        "iso_3166_3": iso3,
        "country_code": cid,
        "currency_code": currency,
        "swap_postal_code": False,
        "swap_currency_symbol": False,
        "thousand_separator": "",
        "decimal_separator": "",
    }


COUNTRIES = [
    _country("36", "Australia", "AU", "AUS", "AUD"),
    _country("124", "Canada", "CA", "CAN", "CAD"),
    _country("250", "France", "FR", "FRA", "EUR"),
    _country("276", "Germany", "DE", "DEU", "EUR"),
    _country("756", "Switzerland", "CH", "CHE", "CHF"),
    _country("826", "United Kingdom", "GB", "GBR", "GBP"),
    _country("840", "United States", "US", "USA", "USD"),
]

# Ids as Invoice Ninja's PaymentTypesSeeder numbers them (a subset of its list).
PAYMENT_TYPES = [
    {"id": pid, "name": name, "gateway_type_id": gateway}
    for pid, name, gateway in (
        ("1", "Bank Transfer", "2"),
        ("2", "Cash", ""),
        ("3", "Debit", "1"),
        ("4", "ACH", "2"),
        ("5", "Visa Card", "1"),
        ("6", "MasterCard", "1"),
        ("7", "American Express", "1"),
        ("12", "Credit Card Other", "1"),
        ("13", "PayPal", "3"),
        ("15", "Check", ""),
        ("32", "Credit", ""),
    )
]

LANGUAGES = [
    {"id": "1", "name": "English - United States", "locale": "en"},
    {"id": "3", "name": "German", "locale": "de"},
    {"id": "4", "name": "French", "locale": "fr"},
]
TIMEZONES = [
    {
        "id": "1",
        "name": "Pacific/Midway",
        "location": "(GMT-11:00) Midway Island",
        "utc_offset": -39600,
    },
    {
        "id": "15",
        "name": "America/New_York",
        "location": "(GMT-05:00) Eastern Time",
        "utc_offset": -18000,
    },
    {"id": "37", "name": "Europe/London", "location": "(GMT+00:00) London", "utc_offset": 0},
]
DATE_FORMATS = [
    {"id": "1", "format": "d/M/Y", "format_moment": "DD/MMM/YYYY", "format_dart": "dd/MMM/yyyy"},
    {"id": "5", "format": "Y-m-d", "format_moment": "YYYY-MM-DD", "format_dart": "yyyy-MM-dd"},
]
INDUSTRIES = [{"id": "1", "name": "Accounting & Legal"}, {"id": "13", "name": "Technology"}]
SIZES = [{"id": "1", "name": "1 - 3"}, {"id": "2", "name": "4 - 10"}]
INVOICE_STATUS = [
    {"id": str(i), "name": n}
    for i, n in enumerate(("Draft", "Sent", "Partial", "Paid", "Cancelled", "Reversed"), start=1)
]


def statics() -> dict[str, Any]:
    return {
        "currencies": CURRENCIES,
        "countries": COUNTRIES,
        "payment_types": PAYMENT_TYPES,
        "languages": LANGUAGES,
        "timezones": TIMEZONES,
        "date_formats": DATE_FORMATS,
        "industries": INDUSTRIES,
        "sizes": SIZES,
        "invoice_status": INVOICE_STATUS,
    }
