#!/usr/bin/env python3
"""Extracts the Finland (FI) and Åland (AX) territories of libphonenumber's
metadata, as shipped by the `phonenumber` crate, into
assets/phone-metadata-fi-ax.xml.

Why: the crate builds its whole database (about 250 regions) on first use,
some 53 ms per process, which is most of what `privreg add` costs. Numbers
with the country code +358 (nearly all of ours) are checked against this
small database instead (about 4 ms); every other number still uses the
crate's full one. A unit test (domain::phone) checks that both give the
same answer, so a crate upgrade that changes the Finnish plan is noticed:
then run this script again.

    python3 scripts/extract_phone_metadata.py ~/.cargo/registry/src/*/phonenumber-0.3.*/assets/PhoneNumberMetadata.xml
"""
import re
import sys

source = open(sys.argv[1], encoding="utf-8").read()
head = source[: source.index("<territories>") + len("<territories>")]
head = re.sub(r"<!--.*?-->", "", head, flags=re.S)
parts = []
for region in ("FI", "AX"):
    m = re.search(r'<territory id="%s".*?</territory>' % region, source, re.S)
    parts.append(re.sub(r"<!--.*?-->", "", m.group(0), flags=re.S))
body = "\n".join(parts)
with open("assets/phone-metadata-fi-ax.xml", "w", encoding="utf-8") as out:
    out.write(head.strip() + "\n" + body + "\n</territories>\n</phoneNumberMetadata>\n")
