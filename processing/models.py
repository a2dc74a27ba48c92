"""Translation models: argostranslate's packages, listed, installed from a file or from its index.

argostranslate owns where packages live (``ARGOS_PACKAGES_DIR``, or ``$XDG_DATA_HOME/argos-translate/
packages``) and how they are installed; this module only wraps it with checks and one-line errors.
Only ``argostranslate.package`` is imported (it does not load torch or stanza); installing calls
argostranslate's own installer, which does.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

import packaging.version

logger = logging.getLogger(__name__)

INDEX_TIMEOUT_SECONDS = 30


class ModelError(Exception):
    """A translation model could not be listed, installed or loaded; the message says what to do."""


class BadPackage(ModelError):
    """The file is not an Argos model package."""


class IndexUnreachable(ModelError):
    """The Argos package index (or a package download) could not be reached."""


class PackageNotFound(ModelError):
    """The index has no package for the requested language pair."""


@dataclass(frozen=True)
class ModelInfo:
    """One installed argostranslate translation package."""

    package: str  # argospm name, e.g. translate-ar_en
    version: str
    source: str
    target: str
    path: Path
    name: str = ""  # "Arabic → English"

    @property
    def tag(self) -> str:
        """The package and version, as the sentence cache keys them."""
        return f"{self.package}@{self.version}"


def install_hint(source: str, target: str) -> str:
    return f"wirewatch models install {source} {target}"


def packages_dirs() -> tuple[Path, ...]:
    """argostranslate's package directories (its settings read ARGOS_PACKAGES_DIR and the XDG variables)."""
    from argostranslate import settings

    return tuple(Path(d) for d in settings.package_dirs)


def installed(dirs: Sequence[Path] | None = None) -> list[ModelInfo]:
    """The installed translation packages, by language pair and version. A folder
    that is not a readable package is logged and skipped."""
    from argostranslate import package

    models: list[ModelInfo] = []
    for directory in dirs if dirs is not None else packages_dirs():
        directory = Path(directory)
        if not directory.is_dir():
            continue
        try:
            folders = sorted(p for p in directory.iterdir() if p.is_dir())
        except OSError as exc:  # missing or unreadable: no models there
            logger.warning("cannot list translation models in %s: %s", directory, exc)
            continue
        for path in folders:
            try:
                pkg = package.Package(path)
            except (OSError, ValueError) as exc:  # no or unreadable metadata.json (JSONDecodeError is a ValueError)
                logger.warning("skipping %s: not a readable argostranslate package (%s)", path, exc)
                continue
            if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
                continue
            if not (path / "model").is_dir():
                logger.warning("skipping %s: no model/ folder", path)
                continue
            models.append(ModelInfo(package.argospm_package_name(pkg), str(pkg.package_version or "0"),
                                    pkg.from_code, pkg.to_code, path, str(pkg)))
    return sorted(models, key=lambda m: (m.source, m.target, _version(m.version), m.path.name))


def best(models: Sequence[ModelInfo], source: str, target: str) -> ModelInfo | None:
    """The newest installed model from ``source`` to ``target``."""
    matching = [m for m in models if m.source == source and m.target == target]
    return max(matching, key=lambda m: _version(m.version)) if matching else None


def check_package_file(path: Path) -> dict:
    """The metadata of an .argosmodel file; :class:`BadPackage` when it is not one."""
    if not path.is_file():
        what = ("no such file" if not path.exists() else "is a folder, not a model package" if path.is_dir()
                else "is not a regular file (a FIFO, a device or a socket), not a model package")
        raise BadPackage(f"{path}: {what}")
    if not zipfile.is_zipfile(path):
        raise BadPackage(f"{path}: not an Argos model package (an .argosmodel file is a zip archive)")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        metadata = [n for n in names if n.count("/") == 1 and n.endswith("/metadata.json")]
        if len(metadata) != 1:
            raise BadPackage(f"{path}: not an Argos model package (no <folder>/metadata.json inside)")
        folder = metadata[0].split("/")[0]
        if not any(n.startswith(f"{folder}/model/") for n in names):
            raise BadPackage(f"{path}: not an Argos model package (no {folder}/model/ inside)")
        try:
            data = json.loads(archive.read(metadata[0]).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadPackage(f"{path}: unreadable metadata.json ({exc})") from None
    if not isinstance(data, dict) or not data.get("from_code") or not data.get("to_code"):
        raise BadPackage(f"{path}: metadata.json names no from_code and to_code")
    return data


def install_from_path(path: Path) -> ModelInfo:
    """Install an .argosmodel file into argostranslate's package directory."""
    from argostranslate import package

    path = Path(path)
    metadata = check_package_file(path)
    try:
        package.install_from_path(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BadPackage(f"{path}: cannot install: {exc}") from None
    found = best(installed(), metadata["from_code"], metadata["to_code"])
    if found is None:
        raise BadPackage(f"{path}: installed, but argostranslate does not list it in {packages_dirs()[0]}")
    return found


def install_from_index(source: str, target: str) -> ModelInfo:
    """Download and install the index's newest ``source``→``target`` package."""
    from argostranslate import package, settings

    index = Path(settings.local_package_index)
    before = _mtime(index)
    with _argos_errors() as errors, _socket_timeout(INDEX_TIMEOUT_SECONDS):
        package.update_package_index()
    if _mtime(index) in (None, before):
        reason = errors[0] if errors else "no answer"
        raise IndexUnreachable(
            f"cannot reach the Argos package index at {settings.remote_package_index} ({reason}); "
            f"offline, download the package elsewhere and run "
            f"`wirewatch models install --from-path FILE.argosmodel`")
    with _argos_errors():
        offered = [p for p in package.get_available_packages() if p.type == "translate"]
    available = [p for p in offered if p.from_code == source and p.to_code == target]
    if not available:
        into = sorted({p.from_code for p in offered if p.to_code == target})
        raise PackageNotFound(f"the Argos package index has no {source}→{target} model "
                              f"(into {target} it has: {', '.join(into) or 'none'})")
    chosen = max(available, key=lambda p: _version(p.package_version))
    with _argos_errors() as errors, _socket_timeout(INDEX_TIMEOUT_SECONDS):
        try:
            chosen.install()
        except Exception as exc:  # argostranslate raises a bare Exception when every download link fails
            reason = errors[0] if errors else str(exc)
            raise IndexUnreachable(
                f"cannot download {package.argospm_package_name(chosen)} {chosen.package_version} ({reason}); "
                f"download it elsewhere and run `wirewatch models install --from-path FILE.argosmodel`") from None
    found = best(installed(), source, target)
    if found is None:
        raise BadPackage(f"installed {package.argospm_package_name(chosen)}, but argostranslate does not list it")
    return found


def _version(text: str) -> packaging.version.Version:
    try:
        return packaging.version.Version(str(text))
    except packaging.version.InvalidVersion:
        return packaging.version.Version("0")


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:  # argostranslate logs str((exception,))
            message = record.getMessage()
            quoted = re.findall(r"'([^']+)'", message)
            self.messages.append(quoted[-1] if quoted else message.strip("(),' "))


@contextlib.contextmanager
def _argos_errors() -> Iterator[list[str]]:
    """Collect what argostranslate logs (it logs network errors instead of raising them), so that
    the user sees one line from us instead of its tuple reprs."""
    log = logging.getLogger("argostranslate.utils")
    handler, propagate = _Collect(), log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield handler.messages
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


@contextlib.contextmanager
def _socket_timeout(seconds: float) -> Iterator[None]:
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)
