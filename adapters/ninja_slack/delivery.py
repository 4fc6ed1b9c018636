"""Delivers a document (a PDF) to the requesting user in a direct message, never a channel.

Slack's current upload flow, through ``files_upload_v2``: get an upload URL
(``files.getUploadURLExternal``), upload the bytes there, complete it into the DM opened with
``conversations.open`` (``files.completeUploadExternal``). The old ``files.upload`` is retired.
"""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from ninja_tools.present import FileResult

from . import texts
from .blocks import esc

__all__ = ["send_to_user"]


async def send_to_user(web: AsyncWebClient, user_id: str, document: FileResult) -> None:
    """Upload ``document`` into the bot's direct message with ``user_id``."""
    opened = await web.conversations_open(users=user_id)
    channel = str((opened.get("channel") or {}).get("id") or "")
    await web.files_upload_v2(
        channel=channel, content=document.content, filename=document.filename,
        title=document.filename,
        initial_comment=texts.PDF_COMMENT.format(filename=esc(document.filename)))
