# SPDX-License-Identifier: Apache-2.0
# Splits user-data into the parts cloud-init would hand to its handlers, as cloud-init's
# cloudinit/user_data.py (UserDataProcessor) and cloudinit/handlers (type_from_starts_with, walk)
# do it: MIME through Python's email parser when "mime-version:" is in the first 4096 bytes, the
# part type guessed from the payload's start for text/plain, text/x-not-multipart and
# text/x-shellscript, #cloud-config-archive through yaml.safe_load, each payload decoded as
# cloud-init decodes it (util.fully_decoded_payload). Written from reading cloud-init, not copied.
#
# stdin: a JSON list of {"id": str, "userData": str}.
# stdout: a JSON list of {"id": str, "parts": [{"type", "payload", "via": "mime"|"archive", "headers": [[name, value]], "raw"}], "error": str|null};
# "payload" is what cloud-init's handlers get, "raw" a MIME part's text before cloud-init decodes it.
# One process splits a whole batch, so a test pays for one interpreter start.
import email
import json
import sys
from email.mime.base import MIMEBase
from email.mime.text import MIMEText

import yaml

# cloud-init's INCLUSION_TYPES_MAP; longest prefix wins.
STARTS = {
    "#include": "text/x-include-url",
    "#include-once": "text/x-include-once-url",
    "#!": "text/x-shellscript",
    "#cloud-config": "text/cloud-config",
    "#part-handler": "text/part-handler",
    "#cloud-boothook": "text/cloud-boothook",
    "#cloud-config-archive": "text/cloud-config-archive",
    "#cloud-config-jsonp": "text/cloud-config-jsonp",
    "## template: jinja": "text/jinja2",
    "text/x-shellscript-per-boot": "text/x-shellscript-per-boot",
    "text/x-shellscript-per-instance": "text/x-shellscript-per-instance",
    "text/x-shellscript-per-once": "text/x-shellscript-per-once",
}
STARTS_LONGEST_FIRST = sorted(STARTS, key=lambda s: -len(s))
TYPE_NEEDED = ["text/plain", "text/x-not-multipart"]


def type_from_starts_with(payload, default=None):
    if isinstance(payload, bytes):
        try:
            payload = payload.decode("utf-8")
        except UnicodeDecodeError:
            return default
    lowered = payload.lower().lstrip()
    for start in STARTS_LONGEST_FIRST:
        if lowered.startswith(start):
            return STARTS[start]
    return default


def fully_decoded_payload(part):
    decoded = part.get_payload(decode=True)
    if part.get_content_maintype() == "text" and isinstance(decoded, bytes):
        charset = part.get_charset()
        encoding = charset.input_codec if charset and charset.input_codec else "utf-8"
        return decoded.decode(encoding, "surrogateescape")
    return decoded


def convert_string(user_data):
    data = user_data.encode("utf-8")
    if b"mime-version:" in data[0:4096].lower():
        return email.message_from_string(data.decode("utf-8"))
    message = MIMEBase("text", "x-not-multipart")
    message.set_payload(data)
    return message


def explode_archive(archive, parts):
    entries = yaml.safe_load(archive)
    if entries is None:
        entries = []
    if not isinstance(entries, (list, set)):
        raise ValueError("archive is a %s, not a list" % type(entries).__name__)
    for entry in entries:
        if isinstance(entry, str):
            entry = {"content": entry}
        if not isinstance(entry, dict):
            continue
        content = entry.get("content", "")
        mtype = entry.get("type")
        if not mtype:
            mtype = type_from_starts_with(content, "application/octet-stream" if isinstance(content, bytes) else "text/cloud-config")
        maintype, subtype = mtype.split("/", 1)
        if maintype == "text":
            if isinstance(content, bytes):
                content = content.decode()
            message = MIMEText(content, _subtype=subtype)
        else:
            message = MIMEBase(maintype, subtype)
            message.set_payload(content)
        parts.append({"type": message.get_content_type(), "payload": text_of(fully_decoded_payload(message)), "via": "archive", "headers": [], "raw": None})


def text_of(payload):
    """The payload as text; bytes that are not UTF-8 (cloud-init keeps them as surrogate escapes) become U+FFFD."""
    if isinstance(payload, bytes):
        payload = payload.decode("utf-8", "surrogateescape")
    if payload is None:
        return ""
    return payload.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def split(user_data):
    parts = []
    for part in convert_string(user_data).walk():
        if (part.get_content_maintype() or "").lower() == "multipart":
            continue
        original = part.get_content_type() or "text/plain"
        payload = fully_decoded_payload(part)
        ctype = None
        if original in TYPE_NEEDED + ["text/x-shellscript"]:
            ctype = type_from_starts_with(payload)
        if ctype is None:
            ctype = original
        if ctype == "text/cloud-config-archive":
            explode_archive(text_of(payload), parts)
            continue
        headers = [[name, str(value)] for name, value in part.items()]
        raw = part.get_payload()  # the part's text as the parser cut it, before cloud-init's decoding
        parts.append({"type": ctype, "payload": text_of(payload), "via": "mime", "headers": headers, "raw": raw if isinstance(raw, str) else None})
    return parts


def main():
    results = []
    for case in json.load(sys.stdin):
        try:
            results.append({"id": case["id"], "parts": split(case["userData"]), "error": None})
        except Exception as error:  # the case fails, not the batch
            results.append({"id": case["id"], "parts": [], "error": "%s: %s" % (type(error).__name__, error)})
    json.dump(results, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
