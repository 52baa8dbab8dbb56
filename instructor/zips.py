"""Notebooks read out of a zip within limits, whatever its headers say.

Before anything is unpacked: the zip's size, the entries and the size of the central directory
its end record declares, entries that share their data (1000 names for one member), the
compression method and ratio. Members are then read in bounded steps, never more than their
limits, so a header that lies about a member's size costs nothing.
"""

import zipfile

from .reading import MAX_NOTEBOOK_BYTES, megabytes

MAX_ZIP_BYTES = 64 << 20  # one zip file
MAX_ZIP_ENTRIES = 2000  # entries of one zip
MAX_UNPACKED_BYTES = 64 << 20  # bytes read out of one student's zips, all together
MAX_RATIO = 100  # uncompressed / compressed size of a zip entry over 1 MB
MAX_NAME_CHARS = 255  # a path inside a zip


class Budget:
    """What one student's hand-in may still cost: bytes read out of zips."""

    def __init__(self):
        self.unpacked = 0


def _zip_directory(path):
    """(entries, bytes) of a zip's central directory as its end record declares them, found
    as ``zipfile`` finds it; None when there is no end record."""
    size = path.stat().st_size
    with open(path, "rb") as f:
        f.seek(max(0, size - 65_557))
        tail = f.read()
    if tail[-22:-18] == b"PK\x05\x06" and tail[-2:] == b"\0\0":
        end = len(tail) - 22  # no comment
    else:
        end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) < end + 22:
        return None
    entries = int.from_bytes(tail[end + 10:end + 12], "little")
    directory = int.from_bytes(tail[end + 12:end + 16], "little")
    if tail[end - 20:end - 16] == b"PK\x06\x07":  # ZIP64: the sizes are in its own record
        with open(path, "rb") as f:
            f.seek(int.from_bytes(tail[end - 12:end - 4], "little"))
            record = f.read(56)
        if record[:4] == b"PK\x06\x06":
            entries = int.from_bytes(record[32:40], "little")
            directory = int.from_bytes(record[40:48], "little")
    return entries, directory


def members(archive, wanted, budget):
    """(name inside the zip, bytes or None, problem) for each wanted notebook of a zip, read
    within the limits; or one (archive name, None, problem) when the zip is refused."""
    size = archive.stat().st_size
    if size > MAX_ZIP_BYTES:
        return [("", None, f"zip too large: {megabytes(size)} "
                           f"(at most {megabytes(MAX_ZIP_BYTES)})")]
    declared = _zip_directory(archive)
    if declared is None:
        return [("", None, "not a readable zip")]
    entries, directory = declared
    if entries > MAX_ZIP_ENTRIES or directory > MAX_ZIP_ENTRIES * (46 + 2 * MAX_NAME_CHARS):
        return [("", None, f"zip of {entries} entries (at most {MAX_ZIP_ENTRIES})")]
    found = []
    with zipfile.ZipFile(archive) as z:
        members = z.infolist()
        if len(members) > MAX_ZIP_ENTRIES:
            return [("", None, f"zip of {len(members)} entries (at most {MAX_ZIP_ENTRIES})")]
        ends = sorted((m.header_offset, m.header_offset + 30 + m.compress_size)
                      for m in members)
        if any(start < end for (_, end), (start, _) in zip(ends, ends[1:], strict=False)):
            return [("", None, "zip whose entries share their data (a zip bomb?)")]
        for member in members:
            inner = member.filename.replace("\\", "/")  # Windows' own zips use backslashes
            name = inner.rsplit("/", 1)[-1]
            if ("__MACOSX" in inner or ".ipynb_checkpoints" in inner or inner.endswith("/")
                    or not name.lower().endswith(".ipynb")):
                continue
            if len(inner) > MAX_NAME_CHARS or "\0" in inner:
                found.append((inner[:80], None, "a name too long or with a NUL byte"))
                continue
            if not wanted(name):
                found.append((inner, None, "no course notebook"))
                continue
            found.append((inner, *_read_member(z, member, budget)))
    return found


def _read_member(z, member, budget):
    """(bytes, "") of one zip member, or (None, why not): read in bounded steps, never more
    than its limits whatever its header says."""
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None, f"compression method {member.compress_type} (use a standard zip)"
    if member.file_size > MAX_NOTEBOOK_BYTES:
        return None, f"too large: {megabytes(member.file_size)} unpacked"
    if member.file_size > 1 << 20 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
        return None, f"compressed more than {MAX_RATIO} to 1 (a zip bomb?)"
    allowed = min(MAX_NOTEBOOK_BYTES, MAX_UNPACKED_BYTES - budget.unpacked)
    if allowed <= 0:
        return None, f"not read: over {megabytes(MAX_UNPACKED_BYTES)} already read from zips"
    try:
        with z.open(member) as f:
            data = f.read(allowed + 1)  # deflate stops at this many bytes, whatever the header
    except Exception as error:  # noqa: BLE001 - zlib.error, BadZipFile, anything: this zip's
        budget.unpacked += allowed
        return None, f"unreadable in the zip ({type(error).__name__})"
    budget.unpacked += len(data)
    if len(data) > allowed:
        return None, f"unpacks to more than {megabytes(allowed)} (its header says otherwise)"
    return data, ""
