"""Writing files and folders so that a failure never leaves half of one.

- :func:`write_atomically` writes one file: a temporary sibling, then one ``os.replace``.
- :func:`staged_folder` builds a whole folder (a report, a dataset) in a work folder beside
  the target, then puts it in place by renaming.

The rules (docs/reliability.md):

- Only a regular file is replaced. A folder, device, FIFO or socket at the output path is an
  :class:`OutputError` (``-o /dev/null`` is refused, never replaced by a file). A symbolic link is
  written through: the file it points to is replaced and the link stays (but another user's link
  in a shared folder such as /tmp is refused, as the kernel's ``protected_symlinks`` would).
- A replaced file keeps its mode. A new file follows the umask, and one that may hold personal
  data (``personal=True``, the default) is never more open than 0600.
- Temporary files and work folders are named ``.NAME.PID-RANDOM.tmp`` / ``.partial`` / ``.old``;
  a run removes those of NAME that a killed run (a PID no longer alive) left behind, and puts
  back a previous folder that a run killed mid-swap had moved aside.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from stakeholders.errors import OutputError

_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)-[0-9a-f]{8}\.(?P<kind>tmp|partial|old)")
# What earlier versions left: mkstemp's ``.NAME.XXXXXXXX.tmp`` and ``.NAME.<12 hex>.partial``.
_LEGACY = re.compile(r"\.(?P<name>.+)\.(?:[a-z0-9_]{8}\.tmp|[0-9a-f]{12}\.partial)")
_LEGACY_AGE = 600.0  # seconds: older than any run of theirs
PRIVATE_FILE = 0o600


def write_atomically(path: Path, data: bytes, *, personal: bool = True) -> Path:
    """Write ``data`` to ``path`` so that a failure never leaves half a file.

    The bytes go to a temporary file in the same folder, which then replaces ``path`` in one step
    (``os.replace``). Missing parent folders are created. ``personal``: the file may hold personal
    data, so a new one is made no more open than 0600 (a replaced file keeps its mode).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    OutputError
        If ``path`` is a folder or anything else than a regular file, or cannot be written.
    """
    target = output_file(path)
    temporary: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        mode = _mode_for(target, personal)
        temporary = target.parent / _work_name(target.name, "tmp")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error} (nothing was written)") from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return path


def output_file(path: Path) -> Path:
    """The file that writing ``path`` replaces: ``path``, or what its symbolic link points to.

    Raises
    ------
    OutputError
        If that is a folder, a device, a FIFO or a socket, or a loop of links.
    """
    _refuse_foreign_link(path)
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error} (nothing was written)") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a folder; give a file name (nothing was written)")
    if not stat.S_ISREG(mode):
        raise OutputError(
            f"{path} is not a regular file (a device, pipe or socket); give the name of a file (nothing was written)"
        )
    return target


def _refuse_foreign_link(path: Path) -> None:
    """Refuse to follow another user's link in a shared folder such as /tmp (sticky and world-writable).

    Otherwise anyone could point ``/tmp/map.html`` at a file of ours and have us overwrite it
    (the kernel's ``protected_symlinks`` rule, applied to the file we replace).
    """
    try:
        link = os.lstat(path)
        folder = os.stat(path.parent)
    except OSError:
        return
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if stat.S_ISLNK(link.st_mode) and shared and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise OutputError(f"{path} is another user's link in a shared folder; it is not followed (nothing was written)")


def _mode_for(target: Path, personal: bool) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
        return mode & PRIVATE_FILE if personal else mode


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # (not thread-safe: only where /proc is missing)
    os.umask(mask)
    return mask


def _work_name(name: str, kind: str) -> str:
    return f".{name}.{os.getpid()}-{secrets.token_hex(4)}.{kind}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def remove_leftovers(target: Path) -> list[Path]:
    """Remove what killed runs left beside ``target``: temporary files and work folders of its name.

    A previous folder moved aside (``.old``) by a run killed before it put the new one in place
    is put back when ``target`` is missing. Returns what was removed or put back.
    """
    done: list[Path] = []
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return done
    now = time.time()
    for sibling in siblings:
        match = _LEFTOVER.fullmatch(sibling.name)
        if match is not None and match["name"] == target.name and not _alive(int(match["pid"])):
            if match["kind"] == "old" and not os.path.lexists(target):
                with contextlib.suppress(OSError):
                    os.rename(sibling, target)
                    done.append(sibling)
                    continue
            _remove(sibling)
            done.append(sibling)
            continue
        legacy = _LEGACY.fullmatch(sibling.name)
        if legacy is not None and legacy["name"] == target.name:
            with contextlib.suppress(OSError):
                if now - sibling.lstat().st_mtime > _LEGACY_AGE:
                    _remove(sibling)
                    done.append(sibling)
    return done


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()


Replaceable = Callable[[Path], bool]


def check_folder_target(target: Path, replaceable: Replaceable | None = None) -> None:
    """Refuse a target that is not a folder, or a folder that holds something and may not be replaced.

    Raises
    ------
    OutputError
    """
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target} exists and is not a folder; choose a new folder (nothing was written)")
    if target.is_dir() and any(target.iterdir()) and not (replaceable is not None and replaceable(target)):
        raise OutputError(f"{target} exists and is not empty; choose a new folder (nothing was written)")


@contextlib.contextmanager
def staged_folder(target: Path, *, replaceable: Replaceable | None = None, private: bool = True) -> Iterator[Path]:
    """A work folder to fill; when the ``with`` block ends without error it becomes ``target``.

    ``target`` must be new, empty, or a folder that ``replaceable`` accepts (then it is replaced
    whole). The work folder is a hidden sibling (so the rename stays on one file system), made
    0700 when ``private``. On any error the work folder is removed and ``target`` is unchanged.

    Raises
    ------
    OutputError
        When ``target`` is refused or cannot be written (``OSError`` inside the block too).
    """
    check_folder_target(target, replaceable)
    work: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(target)
        work = target.parent / _work_name(target.name, "partial")
        work.mkdir(mode=0o700 if private else 0o777)
        yield work
        check_folder_target(target, replaceable)
        _put_in_place(work, target)
        work = None
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error} (nothing was written)") from error
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _put_in_place(work: Path, target: Path) -> None:
    if target.is_dir():
        if not any(target.iterdir()):
            target.rmdir()
        else:
            old = target.parent / _work_name(target.name, "old")
            os.rename(target, old)
            os.rename(work, target)
            shutil.rmtree(old, ignore_errors=True)
            return
    os.rename(work, target)
