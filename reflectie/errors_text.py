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
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EMFILE: "te veel open bestanden",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EXDEV: "kan niet naar een andere schijf verplaatsen",
}


def os_reason(exc: OSError) -> str:
    """Why it failed, in Dutch and without the file name (for messages that name the
    file themselves). Errors we have no wording for still read Dutch, with their code."""
    known = _MESSAGES.get(exc.errno or -1)
    if known is not None:
        return known
    if exc.errno:
        return f"fout van het besturingssysteem ({errno.errorcode.get(exc.errno, exc.errno)})"
    return "fout van het besturingssysteem"


def describe_os_error(exc: OSError) -> str:
    """A short Dutch description, with the file name when there is one."""
    text = os_reason(exc)
    return f"{text}: {exc.filename}" if exc.filename else text
