"""`python -m crawler.sampleweb SOURCES ENV`: serve the bundled sample news web until stopped.

Writes the registry of its four outlets to SOURCES and the proxy variables that reach it to ENV (a
shell file to source), as `wirewatch demo` does in-process; for trying cluster mode on one machine.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

from crawler.sampleweb.server import SampleWeb


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m crawler.sampleweb SOURCES.toml ENV.sh", file=sys.stderr)
        return 2
    sources, env_file = Path(argv[0]), Path(argv[1])
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with SampleWeb() as web:
        web.write_sources(sources)
        partial = env_file.with_name(env_file.name + ".partial")
        partial.write_text("".join(f"export {k}={v}\n" for k, v in web.environment().items()), encoding="utf-8")
        partial.replace(env_file)  # complete when it appears
        print(f"sample web on {web.proxy}; registry {sources}; proxy variables in {env_file}", file=sys.stderr)
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
