"""A real HTTP server on 127.0.0.1 in a thread, for the parts of lernkarten that speak HTTP."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _QuietServer(ThreadingHTTPServer):
    """A test server that does not print a traceback when the client hangs up on purpose (a page
    too large, a redirect loop): that print lands in the standard error a test reads."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Yield the base address ("http://127.0.0.1:PORT") of a server running `handler`, stopped afterwards."""
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.block_on_close = False  # a handler still sleeping for a timeout test must not hold up the test
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
