"""An embedded, in-memory stand-in for the Invoice Ninja v5 API (try it with no account).

It answers like the real server, odd status codes included: bad token 403, missing
permission 401, unknown id 400, validation 422 (302 for non-JSON callers), unknown
route or wrong verb 404, password-protected routes 412, every success 200.
Use it in-process (``httpx.ASGITransport(app=create_app())``) or as a server (``serve()``).

Public API
----------
``create_app(seed="demo", token=..., password=..., today=None) -> Starlette``; the live
state is ``app.state.sandbox`` (``state.SandboxState``: ``store``, ``outbox``, ``faults``,
``rate_limit``, ``clock``, ``auth``, ``reset()``). ``serve(host, port, ...)`` runs uvicorn.

Layout (one job per module)
---------------------------
``entities`` the entity table (data) · ``registry`` the extension point · ``resources``
generic resource routes and bulk · ``writes`` validate/fill/save pipeline · ``contacts``
contact and invitation sets · ``lifecycle`` archive/restore/delete and document totals ·
``filters``/``pagination`` list behaviour · ``auth``/``password``/``ratelimit``
request gates · ``calls`` the per-request pipeline · ``failures``/``responses`` error
and answer shapes · ``account`` refresh/ping/statics · ``merge`` purge/merge ·
``faults``/``admin`` fault injection and ``/_sandbox`` controls · ``seed`` demo data ·
``ids``/``clock``/``store``/``state`` plumbing · ``records``/``calc``/``pdf`` shapes,
money math and PDFs. The long tail: ``settings_domain`` (designs, payment terms, webhooks),
``subscriptions``, ``schedules``, ``companies`` (company, company users, ledger),
``gateways``, ``banking``, ``people`` (user invites, locations), ``history`` (system logs),
``mail_history``, ``templates`` (e-mail previews, template and export files), ``einvoice``,
``dashboard``, ``client_more``, ``recurring_more``, ``work_more``; ``tail_seed`` seeds them.

Adding an entity or domain behaviour
------------------------------------
1. A plain resource: add an ``EntitySpec`` row to ``entities.ENTITY_TABLE`` (route,
   record kind, model class, permission noun, bulk mode and the real action names,
   unique/required/readonly fields, relations, filter text columns). That gives index,
   create, store, show, edit, update, destroy and bulk with archive/restore/delete.
   Per-entity list filters go in ``filters.ENTITY_FILTERS``.
2. Behaviour: write a module with ``install(reg: Registry)`` and append its dotted name
   to ``app.DOMAIN_MODULES``. In ``install``::

       def install(reg: Registry) -> None:
           reg.add_routes([Route("/api/v1/invoices/{id}/{action}", api(invoice_action),
                                 methods=["GET"])])

           @reg.bulk_action("invoices", "mark_sent")
           def mark_sent(call, spec, records, body):   # records: those the user may edit
               for invoice in records:
                   invoice["status_id"] = "2"           # return None -> the standard list

           @reg.on_save("invoices")                     # after fill, totals, invitations
           def adjust_client_balance(event: SaveEvent) -> None:
               ...  # event.record, event.before (None on create), event.body, event.call

           @reg.after_action("invoices", "delete")      # after archive/restore/delete
           def reverse_balance(call, spec, record): ...

   Handlers take a ``calls.Call`` (``call.actor``, ``call.store``, ``call.state``,
   ``await call.body()``, ``call.lookup(spec, id)``) and raise ``failures`` errors;
   wrap route handlers with ``calls.api(handler, password=...)``.
   A known-but-unregistered bulk action answers 501 so gaps are visible.
"""

from __future__ import annotations

from .app import DOMAIN_MODULES, create_app
from .server import serve
from .state import SandboxState

__all__ = ["DOMAIN_MODULES", "SandboxState", "create_app", "serve"]
