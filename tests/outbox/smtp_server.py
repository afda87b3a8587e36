"""A real SMTP server for the outbox tests: aiosmtpd on 127.0.0.1, on a free port.

The handler records every accepted message, can hold a message in the DATA phase (to
kill a worker mid-send) and can refuse recipients or messages with a 5xx reply.
"""
from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecordingHandler:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.data_arrived = threading.Event()  # set once a DATA phase began
        self.hold = threading.Event()          # while clear and holding, DATA waits
        self.holding = False
        self.refuse_recipients: dict[str, str] = {}  # address -> 5xx reply
        self.refuse_data: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_recipients:
            return self.refuse_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        self.data_arrived.set()
        if self.refuse_data:
            return self.refuse_data
        while self.holding and not self.hold.is_set():
            await asyncio.sleep(0.02)
        return "250 2.0.0 Ok: queued"


@contextmanager
def smtp_server() -> Iterator[tuple[RecordingHandler, int]]:
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        handler.hold.set()
        controller.stop()
