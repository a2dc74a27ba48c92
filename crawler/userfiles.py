"""Small files a user names (the source registry, an export's state file): read whole, but only when they are
regular files of a plausible size, so a mistyped path never hangs or fills memory.

A FIFO with no writer blocks ``open()`` for ever and a terminal waits for a typist; ``/dev/zero`` or a
300 MB file given by mistake was read whole (9.5 GB of memory for ``sources check --sources /dev/zero``
before it was stopped). Not for ``import``, which streams its input and reads pipes on purpose.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFile(Exception):
    """The file cannot be used; the message says why, without the file's name (the caller adds it)."""


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it exists and is neither a regular file nor a directory (``"a FIFO (named
    pipe)"``, ``"a character device"``, ``"a block device"``, ``"a socket"``), else None. ``os.stat``
    (following links) does not open the file, so a FIFO with no writer does not block here; a path that
    cannot be stat'ed is None (opening it then says why)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return None


def read_text(path: Path, *, limit: int, encoding: str = "utf-8") -> str:
    """The text of the regular file ``path`` (at most ``limit`` bytes). Raises :class:`UnreadableFile` for a
    special file (never opened), one larger than ``limit`` (never read whole), or text that is not in
    ``encoding`` (naming the line and the byte); ``FileNotFoundError``, ``IsADirectoryError`` and other
    ``OSError`` as ``open`` raises them."""
    kind = special_kind(path)
    if kind:
        raise UnreadableFile(f"is {kind}, not a file")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if data.startswith(b"SQLite format 3\x00"):  # the store given where a text file belongs: --db and --sources swapped?
        raise UnreadableFile("is a SQLite database (a Wirewatch store?), not a text file")
    if len(data) > limit:
        raise UnreadableFile(f"larger than {limit:,} bytes: not the small text file expected (the wrong file?)")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFile(f"not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); save it as UTF-8") \
            from None
