"""Venue wifi between a tablet and the server: a relay that can drop.

Chromium's offline emulation (`context.set_offline`) does not reach a service worker's own
requests, nor the requests it hands back to the browser, so with the tablets' service worker
a page "offline" still reaches the server. The relay cuts the line itself: when it is off,
every open connection is reset and new ones are refused, for the page and the worker alike.
`off()` also sets the browser offline, as a tablet that lost its only network would be.
"""

import socket
import struct
import threading


class Wifi:
    def __init__(self, server_url: str):
        self._target = ("127.0.0.1", int(server_url.rsplit(":", 1)[1]))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._up = True
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def off(self, context) -> None:
        context.set_offline(True)
        with self._lock:
            self._up = False
            self._cut_every_line()

    def on(self, context) -> None:
        with self._lock:
            self._up = True
        context.set_offline(False)

    def close(self) -> None:
        self._listener.close()
        with self._lock:
            self._cut_every_line()

    def _cut_every_line(self) -> None:
        for connection in self._open:
            _reset(connection)
        self._open.clear()

    def _accept(self) -> None:
        while True:
            try:
                tablet_side, _address = self._listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                if not self._up:
                    _reset(tablet_side)
                    continue
                server_side = socket.create_connection(self._target)
                self._open.update((tablet_side, server_side))
            directions = [(tablet_side, server_side), (server_side, tablet_side)]
            pumps = [threading.Thread(target=_pump, args=pair, daemon=True) for pair in directions]
            for pump in pumps:
                pump.start()
            threading.Thread(
                target=self._close_after, args=(pumps, directions[0]), daemon=True
            ).start()

    def _close_after(self, pumps: list[threading.Thread], connections) -> None:
        for pump in pumps:
            pump.join()
        with self._lock:
            for connection in connections:
                if connection in self._open:
                    self._open.discard(connection)
                    connection.close()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    """Carries one direction until its end, which is passed on (or until the line is cut)."""
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the line was cut


def _reset(connection: socket.socket) -> None:
    """Closes with a reset, as a dropped line looks to the other side."""
    try:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    except OSError:
        pass
