"""A real SMTP server on a local port (aiosmtpd) that keeps what it receives."""

import email
import email.policy
import socket
import time

from aiosmtpd.controller import Controller


def free_port():
    """A port nothing listens on: bound once by the kernel, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalSMTPServer:
    """Start with ``start()``; received messages land in ``messages`` (email.message)."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.messages = []
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()

    def wait_for(self, count, timeout=30):
        """Poll until ``count`` messages arrived; return them (fails after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(self.messages) >= count, f"{len(self.messages)} of {count} mails arrived"
        return self.messages


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def send_through_smtp_at(settings, port):
    """Point Django's SMTP backend at 127.0.0.1:``port``, plain and without login."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return settings
