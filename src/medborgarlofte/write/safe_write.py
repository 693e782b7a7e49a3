"""Writing, the one way lofte puts bytes in a file: never through a link, never into a
special file, never into `.git` (docs/garantier.md, "Skrivningar").

Every writer goes through this module: `init`, `init --fran`, every `log` command, `webb -o`,
`rapport -o`, and the importers. The rules:

- Below `root` (the repo, or the folder a command writes its output into), every folder on
  the way and the file itself are opened without following a symbolic link: a link at any
  level is refused, even one that stays inside the repo or leads nowhere (a dangling link
  committed as `logs/2020.csv`). Folders are opened one by one, each relative to the one
  above (`openat` with `O_NOFOLLOW`), so a folder swapped for a link between a check and the
  write is refused too, not followed.
- A path outside `root` (a report written to `~/Skrivbord/rapport.html`) is the user's own:
  its folder is taken as the system resolves it, and only the file itself is checked. When
  that folder resolves into `root`, the rules for `root` apply from `root` down.
- The file itself must be a regular file or not exist yet: a folder, a named pipe, a device
  node (`/dev/null`, even when run as root) or a socket is refused, never replaced.
- No folder named `.git` on the way: lofte never writes into git's own files.

Refusals are LofteError (exit 1) from the catalogue (`texts.REFUSALS`), raised before a byte
is written. The public functions:

- `check_writable(root, path)`: the refusals above, without writing (to check every file of
  a plan before the first is written).
- `open_for_append(root, path)`: an fd for appending (created when missing), regular file only.
- `create_new(root, path, data)`: a new file, never one that exists (False then).
- `replace_whole(root, path, data)`: the whole file replaced atomically: a temporary file
  beside it (`.<name>.<pid>.ny`), fsync, rename over, fsync of the folder. On any error the
  temporary file is removed and the old file stands as it was.
- `make_folder(root, folder)`: a folder made (or found) the same way, to write files into
  (`webb -o`), as the root for them.
- `remove_stale_temporaries(path)`: the temporary files `replace_whole` leaves when killed
  (kill -9, a power cut) beside `path`; the writers call it once they hold the file's lock,
  when no other writer can be inside `replace_whole`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from medborgarlofte.core.frozen import frozen
from medborgarlofte.core.problems import LofteError, refusal
from medborgarlofte.core.texts import FILE_DETAILS

TEMPORARY_SUFFIX = ".ny"
GIT_FOLDER = ".git"

_DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


@frozen
class _Place:
    """Where a file is written: `base` is opened as the system resolves it; each of `folders`
    below it, and `name` in the last, is opened without following a link."""

    base: Path
    folders: tuple[str, ...]
    name: str
    shown: str  # how messages name the file

    def folder_shown(self, count: int) -> str:
        """How messages name the first `count` folders below `base`."""
        return "/".join(self.folders[:count])


def check_writable(root: Path, path: Path) -> None:
    """Refuse (LofteError, exit 1) a write to `path` that would follow a link below `root`,
    replace something that is not a regular file, or land in `.git`; nothing is written and
    no folder is made."""
    place = _place(root, path)
    with _folder(place, create=False) as fd:
        if fd is not None:
            _refuse_not_regular(place, fd)


def open_for_append(root: Path, path: Path) -> int:
    """An fd of `path` opened for reading and appending, created (with its folders) when
    missing; refused when it is not a regular file or a link is on the way."""
    place = _place(root, path)
    with _folder(place, create=True) as fd:
        assert fd is not None
        _refuse_not_regular(place, fd)  # a device is never even opened
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        flags |= os.O_NONBLOCK  # a named pipe put there meanwhile must not hang the open
        try:
            opened = os.open(place.name, flags, 0o644, dir_fd=fd)
        except OSError as error:
            raise _refused(place, error, fd) from None
        if not stat.S_ISREG(os.fstat(opened).st_mode):
            os.close(opened)
            raise refusal("not_regular", name=place.shown)
        os.set_blocking(opened, True)
        return opened


def create_new(root: Path, path: Path, data: bytes) -> bool:
    """Write `data` as the new file `path` (and its folders); False, with nothing written,
    when something is already there (a file, or a link, dangling or not, is never followed
    nor replaced)."""
    place = _place(root, path)
    with _folder(place, create=True) as fd:
        assert fd is not None
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            opened = os.open(place.name, flags, 0o644, dir_fd=fd)
        except FileExistsError:
            _refuse_not_regular(place, fd)
            return False
        except OSError as error:
            raise _refused(place, error, fd) from None
        try:
            _write_fd(opened, data)
        except OSError as error:
            os.close(opened)
            os.unlink(place.name, dir_fd=fd)
            raise _failed(place, error) from None
        os.close(opened)
        _sync_folder(fd)
    return True


def replace_whole(root: Path, path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace the whole file `path` (or create it) with `data`, atomically: a reader sees the
    old bytes or the new, never a mix. The new file keeps the old one's permission bits
    (`mode` when given, else 0o644 for a new file)."""
    place = _place(root, path)
    with _folder(place, create=True) as fd:
        assert fd is not None
        old = _refuse_not_regular(place, fd)
        if mode is None:
            mode = stat.S_IMODE(old.st_mode) if old is not None else 0o644
        temporary = temporary_name(place.name)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            os.unlink(temporary, dir_fd=fd)  # one of ours, left by a run with our pid
        except FileNotFoundError:
            pass
        except OSError as error:
            raise _failed(place, error) from None
        try:
            opened = os.open(temporary, flags, mode, dir_fd=fd)
        except OSError as error:
            raise _refused(place, error, fd) from None
        try:
            try:
                _write_fd(opened, data)
                os.fchmod(opened, mode)  # the umask may have narrowed it
            finally:
                os.close(opened)
            os.replace(temporary, place.name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException as error:
            with suppress(OSError):
                os.unlink(temporary, dir_fd=fd)
            if isinstance(error, OSError):
                raise _failed(place, error) from None
            raise
        _sync_folder(fd)


def make_folder(root: Path, folder: Path) -> Path:
    """The folder `folder` (made with the folders above it when missing) for writing files
    into, as a path to give as `root` for them: no link is followed on the way below `root`
    (nor, with it as their root, below it); refused when it is something else, or `.git`."""
    place = _place(root, folder / "x")
    shown = place.shown.removesuffix("x").removesuffix("/") or "."
    inner = _Place(place.base, place.folders, "x", shown)
    with _folder(inner, create=True) as fd:
        assert fd is not None
    return place.base.joinpath(*place.folders)


def temporary_name(name: str) -> str:
    """The temporary file `replace_whole` writes beside `name`: hidden, with the writer's pid."""
    return f".{name}.{os.getpid()}{TEMPORARY_SUFFIX}"


def remove_stale_temporaries(path: Path) -> list[str]:
    """Remove the temporary files a killed `replace_whole` left beside `path`; the names
    removed. Call it only while holding `path`'s lock: every writer that replaces the file
    holds the lock while its temporary file exists, so then none of them is in use."""
    pattern = re.compile(re.escape(f".{path.name}.") + r"[0-9]+" + re.escape(TEMPORARY_SUFFIX))
    removed: list[str] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) or entry.is_symlink():
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed


# --- where a path leads ---------------------------------------------------------------------


def _place(root: Path, path: Path) -> _Place:
    """Split `path` into a base opened as is and the parts below it opened without links."""
    target = Path(os.path.abspath(path.expanduser()))
    base_root = Path(os.path.abspath(root))
    name = target.name
    if not name or name in (".", ".."):
        raise refusal("cannot_open", name=str(path), reason=FILE_DETAILS["directory"])
    below = _below(target, base_root)
    if below is None:
        try:
            parent = target.parent.resolve()
        except (OSError, RuntimeError):  # a link loop on the way
            raise refusal("write_through_link", name=str(path), link=str(target.parent)) from None
        real_root = base_root.resolve()
        under = _below(parent / name, real_root)
        if under is None:
            place = _Place(parent, (), name, str(path))
            _refuse_git(place, parent.parts)
            return place
        below = under
    place = _Place(base_root, below[:-1], name, "/".join(below))
    _refuse_git(place, below)
    return place


def _below(path: Path, root: Path) -> tuple[str, ...] | None:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    return parts if parts else None


def _refuse_git(place: _Place, parts: tuple[str, ...]) -> None:
    if any(part.casefold() == GIT_FOLDER for part in (*parts, place.name)):
        raise refusal("write_into_git", name=place.shown)


@contextmanager
def _folder(place: _Place, create: bool) -> Iterator[int | None]:
    """An fd of the folder the file goes in, each folder below `base` opened without following
    a link (made when missing and `create`); None when a folder is missing and not `create`."""
    try:
        if create:
            os.makedirs(place.base, exist_ok=True)
        fd: int | None = os.open(place.base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        fd = None
    except OSError as error:
        raise refusal("cannot_open", name=place.shown, reason=_reason(error)) from None
    try:
        for count in range(1, len(place.folders) + 1):
            if fd is None:
                break
            inner = _open_folder(place, fd, count, create)
            os.close(fd)
            fd = inner
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _open_folder(place: _Place, fd: int, count: int, create: bool) -> int | None:
    """The folder `place.folders[count - 1]` in the folder `fd`, opened without following a
    link; made when missing and `create`, else None."""
    part = place.folders[count - 1]
    try:
        return os.open(part, _DIRECTORY_FLAGS, dir_fd=fd)
    except FileNotFoundError:
        if not create:
            return None
    except OSError as error:
        raise _folder_refused(place, fd, count, error) from None
    try:
        os.mkdir(part, 0o755, dir_fd=fd)
    except FileExistsError:
        pass  # made by another process meanwhile (or a link: refused below)
    except OSError as error:
        raise _failed(place, error) from None
    try:
        return os.open(part, _DIRECTORY_FLAGS, dir_fd=fd)
    except OSError as error:
        raise _folder_refused(place, fd, count, error) from None


def _folder_refused(place: _Place, fd: int, count: int, error: OSError) -> LofteError:
    _refuse_link_at(place, fd, place.folders[count - 1], count)
    if error.errno == errno.ENOTDIR:
        return refusal("write_not_folder", name=place.shown, folder=place.folder_shown(count))
    return refusal("cannot_open", name=place.shown, reason=_reason(error))


def _refuse_link_at(place: _Place, fd: int, part: str, count: int) -> None:
    """Refuse when `part` (in the folder `fd`) is a symbolic link, dangling or not."""
    try:
        if stat.S_ISLNK(os.lstat(part, dir_fd=fd).st_mode):
            raise refusal("write_through_link", name=place.shown, link=place.folder_shown(count))
    except FileNotFoundError:
        return


def _refuse_not_regular(place: _Place, fd: int) -> os.stat_result | None:
    """The file's status when it exists; refused when it is a link or no regular file."""
    try:
        found = os.lstat(place.name, dir_fd=fd)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise refusal("cannot_open", name=place.shown, reason=_reason(error)) from None
    if stat.S_ISLNK(found.st_mode):
        raise refusal("write_through_link", name=place.shown, link=place.shown)
    if stat.S_ISDIR(found.st_mode):
        raise refusal("cannot_open", name=place.shown, reason=FILE_DETAILS["directory"])
    if not stat.S_ISREG(found.st_mode):
        raise refusal("not_regular", name=place.shown)
    return found


def _refused(place: _Place, error: OSError, fd: int) -> LofteError:
    """The refusal for a file that could not be opened: a link or a special file by name."""
    if error.errno in (errno.ELOOP, errno.EEXIST, errno.EISDIR, errno.ENXIO, errno.EMLINK):
        _refuse_not_regular(place, fd)
    return refusal("cannot_open", name=place.shown, reason=_reason(error))


def _failed(place: _Place, error: OSError) -> LofteError:
    return refusal("write_failed_file", name=place.shown, reason=_reason(error))


_REASONS: dict[type[OSError], str] = {
    IsADirectoryError: FILE_DETAILS["directory"],
    NotADirectoryError: FILE_DETAILS["not_a_folder"],
    PermissionError: FILE_DETAILS["no_write_permission"],
}


def _reason(error: OSError) -> str:
    return _REASONS.get(type(error), error.strerror or str(error))


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def _sync_folder(fd: int) -> None:
    with suppress(OSError):  # some file systems cannot sync a folder; the file itself is
        os.fsync(fd)
