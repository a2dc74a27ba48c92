"""Test helper: a real `redis-server` on 127.0.0.1, a free port and a temporary directory.

When redis-server is missing, the session installs Debian's `redis-server` with apt-get (as root,
time-bounded), as the browser test does for Chromium; where that cannot be done, it skips and says why.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.serving import free_port
from tests.system_packages import apt_install

APT_PACKAGE = "redis-server"
INSTALL_TIMEOUT_S = 600
START_TIMEOUT_S = 20


def install_redis() -> str | None:
    """Install Debian's redis-server; return why not, or None when it worked."""
    reason = apt_install([APT_PACKAGE], "redis-server", INSTALL_TIMEOUT_S)
    if reason is None and not shutil.which("redis-server"):
        return "apt-get installed redis-server but it is not on PATH"
    return reason


def redis_binary() -> str:
    """The redis-server program, installed if need be; skips the test when it cannot be had."""
    found = shutil.which("redis-server")
    if found is None:
        reason = install_redis()
        if reason:
            pytest.skip(reason)
        found = shutil.which("redis-server")
    assert found is not None
    return found


class RedisServer:
    """One redis-server process; ``persistent`` turns the append-only file on."""

    def __init__(self, binary: str, directory: Path, *, persistent: bool = True) -> None:
        self.binary = binary
        self.directory = directory
        self.persistent = persistent
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.directory.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
             "--save", "", "--appendonly", "yes" if self.persistent else "no", "--appendfsync", "always",
             "--daemonize", "no", "--logfile", str(self.directory / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        end = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > end:
                    raise AssertionError(f"redis-server did not start: {self.log()}") from None
                time.sleep(0.05)
        client.close()
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: Redis flushes its append-only file and exits
            self.proc.wait(timeout=20)
        self.proc = None

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def log(self) -> str:
        path = self.directory / "redis.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else "(no log)"
