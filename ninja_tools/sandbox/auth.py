"""Who is calling, and what they may do: token lookup and Invoice Ninja's permission rules.

Tokens map to a user and its company_user row (``is_owner``, ``is_admin``, ``is_locked``,
``permissions`` as a comma string). Permission checks copy the real semantics:
owner/admin pass; otherwise a case-insensitive *substring* match on the permission
string, where ``<verb>_all`` grants the verb everywhere and, for views, ``edit_<entity>``
and ``edit_all`` also grant ``view``. ``view``/``edit`` of one record also pass when the
user created it (``user_id``) or is assigned to it (``assigned_user_id``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from .entities import EntitySpec
from .failures import ApiError, Unauthorized
from .store import Record

# Permission overrides that keep client money columns visible (BaseController in the real server).
CLIENT_HIDDEN_FIELDS = ("balance", "paid_to_date", "credit_balance", "client_hash")
CLIENT_HIDING_PERMISSIONS = ("view_client",)
CLIENT_HIDING_OVERRIDES = ("edit_client", "edit_all", "view_invoice", "view_all", "edit_invoice")


@dataclass(frozen=True)
class TokenInfo:
    """One company token: which user it acts as, and its display name."""

    token: str
    user_id: str
    name: str
    is_system: bool = False
    purpose: str = ""  # shown by ``serve()`` for demo tokens


@dataclass
class AuthBook:
    """Tokens, password hashes and the per-user "password recently confirmed" cache."""

    tokens: dict[str, TokenInfo] = field(default_factory=dict)
    password_hashes: dict[str, str] = field(default_factory=dict)  # user id -> salted sha256
    company_users: dict[str, Record] = field(default_factory=dict)  # user id -> company_user
    login_cache: dict[str, float] = field(default_factory=dict)  # user id -> expiry (sandbox time)

    def set_password(self, user_id: str, password: str | None) -> None:
        if password:
            self.password_hashes[user_id] = _hash(user_id, password)
        else:
            self.password_hashes.pop(user_id, None)

    def check_password(self, user_id: str, password: str) -> bool:
        stored = self.password_hashes.get(user_id)
        return stored is not None and stored == _hash(user_id, password)


def _hash(user_id: str, password: str) -> str:
    return hashlib.sha256(f"{user_id}:{password}".encode()).hexdigest()


@dataclass
class Actor:
    """The authenticated user behind a request, with permission helpers."""

    user: Record
    company_user: Record
    token: TokenInfo

    @property
    def id(self) -> str:
        return str(self.user["id"])

    @property
    def is_super(self) -> bool:
        """``isSuperUser()``: owner or admin."""
        return bool(self.company_user.get("is_owner") or self.company_user.get("is_admin"))

    @property
    def permissions(self) -> str:
        return str(self.company_user.get("permissions") or "")

    def has_exact(self, permission: str) -> bool:
        return permission.lower() in self.permissions.lower()

    def has_permission(self, permission: str) -> bool:
        """``User::hasPermission`` (substring semantics, ``_all`` and edit-implies-view)."""
        if self.is_super:
            return True
        verb, _, noun = permission.partition("_")
        candidates = [permission]
        if noun:
            candidates.append(f"{verb}_all")
            if verb == "view":
                candidates += ["edit_all", f"edit_{noun}"]
        return any(self.has_exact(p) for p in candidates)

    def owns(self, record: Record) -> bool:
        return bool(record.get("user_id")) and record.get("user_id") == self.id

    def assigned(self, record: Record) -> bool:
        return bool(record.get("assigned_user_id")) and record.get("assigned_user_id") == self.id

    def can(self, verb: str, spec: EntitySpec, record: Record | None = None) -> bool:
        """EntityPolicy: view/edit by permission, ownership or assignment; create per entity."""
        if verb == "create":
            if spec.create_admin_only:
                return self.is_super
            return self.has_permission(f"create_{spec.permission}")
        if self.has_permission(f"{verb}_{spec.permission}"):
            return True
        if record is None:
            return False
        if spec.kind == "user":
            return record.get("id") == self.id
        return self.owns(record) or self.assigned(record)

    def require(self, verb: str, spec: EntitySpec, record: Record | None = None) -> None:
        if not self.can(verb, spec, record):
            raise Unauthorized()

    def hides_client_money(self) -> bool:
        """``hasExcludedPermissions``: view_client without any overriding permission."""
        if self.is_super:
            return False
        if any(self.has_exact(p) for p in CLIENT_HIDING_OVERRIDES):
            return False
        return any(self.has_exact(p) for p in CLIENT_HIDING_PERMISSIONS)


def authenticate(book: AuthBook, users: dict[str, Record], token: str | None) -> Actor:
    """TokenAuth: 403 for a missing/unknown token, a deleted user or a locked company user."""
    info = book.tokens.get(token or "") if token else None
    if info is None:
        raise ApiError(403, "Invalid token", errors=True)
    user = users.get(info.user_id)
    company_user = book.company_users.get(info.user_id)
    if user is None or company_user is None:
        raise ApiError(403, "Invalid token", errors=True)
    if user.get("is_deleted") or user.get("archived_at"):
        raise ApiError(403, "User inactive", errors=True)
    if company_user.get("is_locked"):
        raise ApiError(403, "User access locked", errors=True)
    return Actor(user=user, company_user=company_user, token=info)


def visible_fields(actor: Actor, spec: EntitySpec, record: Record) -> dict[str, Any]:
    """Strip columns the actor may not see (client money for view_client-only users)."""
    if spec.kind == "client" and actor.hides_client_money():
        return {k: v for k, v in record.items() if k not in CLIENT_HIDDEN_FIELDS}
    return record
