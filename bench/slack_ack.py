"""Figure 7: how fast the Slack app acknowledges ``/invoice`` while Invoice Ninja takes 2 s.

Signed slash commands go to the real Bolt app over HTTP on loopback, one after another; each
is timed until its acknowledgement arrives, while the earlier commands' work (each waiting on
the slow sandbox) runs on. Every command must still get its reply.
"""

from __future__ import annotations

import time
from typing import Any

from ninja_tools.sandbox import create_app
from tests.reliability.slack_app import slack_app

from .common import summary

COMMANDS = 200
WARM_UP = 5
LATENCY_MS = 2000


async def measure() -> dict[str, Any]:
    sandbox = create_app()
    sandbox.state.sandbox.faults.add("latency", latency_ms=LATENCY_MS)
    async with slack_app(sandbox) as slack:
        hooks: list[str] = []
        acks: list[float] = []
        statuses: set[int] = set()
        for number in range(WARM_UP + COMMANDS):
            started = time.perf_counter()
            ack, hook = await slack.command("overdue")
            if number >= WARM_UP:
                acks.append((time.perf_counter() - started) * 1000)
            statuses.add(ack.status_code)
            hooks.append(hook)
        started = time.perf_counter()
        replies = [await slack.reply(hook, timeout=120) for hook in hooks]
        drained = time.perf_counter() - started
    failed = sum(1 for reply in replies if ":warning:" in str(reply.get("text", "")))
    return {"commands": COMMANDS, "sandbox_latency_ms": LATENCY_MS,
            "ack": summary(acks), "ack_max_ms": round(max(acks), 3),
            "ack_statuses": sorted(statuses), "replies": len(replies),
            "failed_replies": failed, "last_reply_after_s": round(drained, 1)}
