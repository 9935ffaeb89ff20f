"""Dutch wording for operating-system errors, which otherwise reach users in English."""

from __future__ import annotations

import errno

_MESSAGES = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "je schijfruimte is op",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.ENOENT: "bestand of map bestaat niet",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EIO: "lees- of schrijffout van de schijf",
    errno.EEXIST: "bestaat al",
}


def describe_os_error(exc: OSError) -> str:
    """A short Dutch description, with the file name when there is one."""
    text = _MESSAGES.get(exc.errno or -1, exc.strerror or str(exc))
    return f"{text}: {exc.filename}" if exc.filename else text
