"""Trusted forwarder between the host and one sandbox's private network.

Started by the grader (never by learner code) as

    nsenter --net=/proc/PID/ns/net /usr/bin/python3 -I forwarder.py

so it lives in the sandbox's network namespace while its files are the host's. It takes
one JSON command a line on stdin and answers one JSON line on stdout:

    {"id": 1, "op": "connect", "port": 8000, "socket": "/run/.../8000.sock"}
        Listen on the host unix socket; each connection to it is joined to 127.0.0.1:8000
        inside. The first byte sent back on each connection is 1 when the app accepted the
        connection, 0 when it refused (then the connection closes).
    {"id": 2, "op": "expose", "port": 1025, "target": "/host/smtp.sock"}
        Listen on 127.0.0.1:1025 inside; each connection is joined to the host unix socket.

It exits when stdin closes (the grader ended the run or died), once what the app already
sent has been passed on (at most DRAIN_SECONDS): the run ends when its program exits, and an
app that answers and exits at once (accept, send, close, exit) leaves its answer in this
process's sockets; exiting right away would drop it, and the host would see an empty
answer or, when the verdict had not gone out yet, a refusal after the app's only accept.
"""
import json
import os
import socket
import sys
import threading

CHUNK = 65536
# Connections joined at once per listener; more are closed at once. The sandbox is bounded
# (processes, open files), this trusted process must be too.
MAX_CONNECTIONS = 128
# How long to keep passing on an ended run's last bytes once stdin closes. The app is gone
# by then, so this only waits on a host that does not read; the grader kills us after a bit more.
DRAIN_SECONDS = 2.0


def pump(source: socket.socket, sink: socket.socket, finished=None) -> None:
    """Copies source to sink until source ends, then ends sink; calls finished() after."""
    try:
        while True:
            data = source.recv(CHUNK)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        if finished is not None:
            finished()


class Slots:
    """Counts live connections of one listener."""

    def __init__(self) -> None:
        self.free = threading.Semaphore(MAX_CONNECTIONS)

    def take(self) -> bool:
        return self.free.acquire(blocking=False)

    def give(self) -> None:
        self.free.release()


class Deliveries:
    """Counts connections to apps whose bytes may still be on their way to the host."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    def start(self) -> None:
        with self.changed:
            self.count += 1

    def done(self) -> None:
        with self.changed:
            self.count -= 1
            self.changed.notify_all()

    def wait_idle(self, timeout: float) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.count == 0, timeout)


DELIVERIES = Deliveries()


def join(a: socket.socket, b: socket.socket, b_done=None) -> None:
    """Copies both ways until both sides are done, then closes both. b_done() is called
    once everything b sent has been passed on to a."""
    other = threading.Thread(target=pump, args=(b, a, b_done), daemon=True)
    other.start()
    pump(a, b)
    other.join()
    a.close()
    b.close()


def serve_connect(listener: socket.socket, port: int) -> None:
    slots = Slots()
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        if not slots.take():
            client.close()
            continue
        threading.Thread(target=limited, args=(slots, connect_one, client, port), daemon=True).start()


def limited(slots: Slots, work, *args) -> None:
    try:
        work(*args)
    finally:
        slots.give()


def open_app(port: int) -> socket.socket:
    """127.0.0.1 first, then ::1 (an app may listen on the IPv6 loopback only)."""
    try:
        return socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        return socket.create_connection(("::1", port), timeout=5)


def connect_one(client: socket.socket, port: int) -> None:
    DELIVERIES.start()
    handed_over = False
    try:
        try:
            app = open_app(port)
            app.settimeout(None)
        except OSError:
            try:
                client.sendall(b"\x00")
            except OSError:
                pass
            client.close()
            return
        try:
            client.sendall(b"\x01")
        except OSError:
            client.close()
            app.close()
            return
        handed_over = True
        join(client, app, DELIVERIES.done)
    finally:
        if not handed_over:
            DELIVERIES.done()


def serve_expose(listener: socket.socket, target: str) -> None:
    slots = Slots()
    while True:
        try:
            inside, _ = listener.accept()
        except OSError:
            return
        if not slots.take():
            inside.close()
            continue
        threading.Thread(target=limited, args=(slots, expose_one, inside, target), daemon=True).start()


def expose_one(inside: socket.socket, target: str) -> None:
    host = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        host.connect(target)
    except OSError:
        host.close()
        inside.close()
        return
    join(inside, host)


def open_connect(port: int, path: str) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o077)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(128)
    threading.Thread(target=serve_connect, args=(listener, port), daemon=True).start()


def open_expose(port: int, target: str) -> None:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(128)
    threading.Thread(target=serve_expose, args=(listener, target), daemon=True).start()


def answer(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    for line in sys.stdin:
        try:
            command = json.loads(line)
        except ValueError:
            continue
        ident = command.get("id")
        try:
            port = int(command["port"])
            if not 0 < port < 65536:
                raise ValueError(f"port {port} out of range")
            if command.get("op") == "connect":
                open_connect(port, str(command["socket"]))
            elif command.get("op") == "expose":
                open_expose(port, str(command["target"]))
            else:
                raise ValueError(f"unknown op {command.get('op')!r}")
            answer({"id": ident, "ok": True})
        except (OSError, ValueError, KeyError) as error:
            answer({"id": ident, "ok": False, "error": str(error)})
    DELIVERIES.wait_idle(DRAIN_SECONDS)
    os._exit(0)


if __name__ == "__main__":
    main()
