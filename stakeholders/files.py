"""Writing files so that a failure never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from stakeholders.errors import OutputError


def write_atomically(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a failure never leaves half a file.

    The bytes go to a temporary file in the same folder, which then replaces
    ``path`` in one step (``os.replace``). Missing parent folders are created.

    Raises
    ------
    OutputError
        If ``path`` is a folder or cannot be written.
    """
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name (nothing was written)")
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; others may read what we publish
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error} (nothing was written)") from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return path
