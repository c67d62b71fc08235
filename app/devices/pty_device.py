"""Pseudo-terminal pairs standing in for serial devices (POSIX only).

:class:`PtyDevice` holds the *device* end (the pty master); the code under
test opens :attr:`PtyDevice.port` with pyserial like a real ``/dev/ttyUSB0``.
With a ``link`` path the port is a symlink, like ``/dev/serial/by-id/...``:
:meth:`unplug` closes the pair (the reader's next read fails, the link
vanishes) and :meth:`plug` creates a fresh pair behind the same link, so
reconnect logic can be exercised end to end.
"""

from __future__ import annotations

import os
import select
import threading
import tty
from pathlib import Path


class PtyDevice:
    def __init__(self, link: str | os.PathLike[str] | None = None) -> None:
        self.link = Path(link) if link is not None else None
        self._lock = threading.Lock()
        self._master: int | None = None
        self._slave: int | None = None
        self.slave_name = ""
        self.plug()

    @property
    def port(self) -> str:
        """What to open: the symlink if there is one, else the slave device."""
        return str(self.link) if self.link is not None else self.slave_name

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def plug(self) -> None:
        """Create a new pty pair (a no-op while plugged)."""
        with self._lock:
            if self._master is not None:
                return
            master, slave = os.openpty()
            tty.setraw(slave)
            os.set_blocking(master, False)
            # Keeping our own slave descriptor open means the master never
            # sees a hang-up while the reader is between (re)connections.
            self._master, self._slave = master, slave
            self.slave_name = os.ttyname(slave)
            if self.link is not None:
                tmp = self.link.with_name(self.link.name + ".tmp")
                tmp.unlink(missing_ok=True)
                tmp.symlink_to(self.slave_name)
                os.replace(tmp, self.link)

    def unplug(self) -> None:
        """Close the pair, as if the cable were pulled."""
        with self._lock:
            for fd in (self._master, self._slave):
                if fd is not None:
                    os.close(fd)
            self._master = self._slave = None
            if self.link is not None:
                self.link.unlink(missing_ok=True)

    close = unplug

    def write(self, data: bytes) -> None:
        """Send ``data`` to the reader; bytes that do not fit are dropped, as on a wire."""
        with self._lock:
            if self._master is None:
                raise OSError("pty device is unplugged")
            view = memoryview(data)
            while view:
                try:
                    written = os.write(self._master, view)
                except BlockingIOError:
                    return  # nobody is reading and the pty buffer is full
                view = view[written:]

    def read(self, timeout: float = 0.0) -> bytes:
        """Bytes the reader wrote to the device, waiting up to ``timeout`` s."""
        master = self._master
        if master is None:
            return b""
        try:
            ready, _, _ = select.select([master], [], [], timeout)
            return os.read(master, 4096) if ready else b""
        except (OSError, ValueError):  # closed concurrently by unplug()
            return b""

    def __enter__(self) -> PtyDevice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.unplug()
