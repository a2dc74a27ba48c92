"""Test helper: install a system program the suite needs (redis-server, Chromium) with Debian's apt-get.

Used by the tests that need a real program when it is missing: as root and time-bounded, and
returning why not (for ``pytest.skip``) where that cannot be done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Sequence


def apt_install(packages: Sequence[str], what: str, timeout_s: float) -> str | None:
    """``apt-get update`` then ``apt-get install -y PACKAGES``; None when it worked, else one line
    saying why not (no apt-get, not root, a command failed or ran past ``timeout_s`` seconds).
    ``what`` names the missing program in those lines."""
    apt = shutil.which("apt-get")
    if apt is None:
        return f"{what} is missing and there is no apt-get to install Debian's {' '.join(packages)}"
    if os.geteuid() != 0:
        return f"{what} is missing; installing it needs root (apt-get install {' '.join(packages)})"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in ([apt, "update"], [apt, "install", "-y", *packages]):
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, env=env,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return f"`{' '.join(command)}` did not finish within {timeout_s:g}s"
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return f"`{' '.join(command)}` failed ({proc.returncode}): {last}"
    return None
