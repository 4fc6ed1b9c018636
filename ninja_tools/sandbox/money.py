"""The money flows of the sandbox, installed as one domain module.

Listed once in ``app.DOMAIN_MODULES`` (after ``lifecycle``, whose totals hooks and
generic bulk handlers it builds on and partly overrides); installs invoices, payments,
quotes and credits, recurring invoices, e-mail, downloads and the client money routes.
"""

from __future__ import annotations

from . import clients_domain, downloads, invoices, mail, payments, quotes, recurring
from .registry import Registry

PARTS = (invoices, payments, quotes, recurring, mail, downloads, clients_domain)


def install(reg: Registry) -> None:
    for part in PARTS:
        part.install(reg)
