#!/usr/bin/env python3
"""Builds corpora/outside/hl7v2.jsonl from HL7 v2 messages that open-source
HL7 libraries ship in their test suites (see ../SOURCES.md).

Annotation is done by field position (the table below, written from the
HL7 v2.5.1 segment definitions and ../../../../shared/SAFE_HARBOR.md), then
reviewed by eye message by message (tools/review.py prints every span);
corrections found in review are the OVERRIDES at the end. Offsets are
code points ("offsets": "chars").

usage: annotate_hl7.py SOURCES_DIR OUT.jsonl
"""
import json, re, sys, os
from datetime import date

REF = date(2026, 11, 22)
US_STATES = set("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR VI GU AS MP".split())
COUNTRIES = {"USA", "US", "ITA", "AU", "AUS", "NLD", "GBR", "CAN"}

# (segment, field) -> kind. Kinds: XPN (person name), XCN (id + name),
# XAD (address), XTN (phone), CX:<ENTITY> (identifier in component 1),
# DOB (whole first component is a birth date), CITY, COUNTY.
FIELDS = {
    ("PID", 2): "CX:MEDICAL_RECORD_NUMBER", ("PID", 3): "CX:MEDICAL_RECORD_NUMBER",
    ("PID", 4): "CX:MEDICAL_RECORD_NUMBER", ("PID", 5): "XPN", ("PID", 6): "XPN",
    ("PID", 7): "DOB", ("PID", 9): "XPN", ("PID", 11): "XAD", ("PID", 12): "COUNTY",
    ("PID", 13): "XTN", ("PID", 14): "XTN", ("PID", 18): "CX:ACCOUNT_NUMBER",
    ("PID", 19): "CX:US_SSN", ("PID", 20): "DLN", ("PID", 21): "CX:MEDICAL_RECORD_NUMBER",
    ("PID", 23): "CITY", ("PID", 29): "DATE",
    ("MRG", 1): "CX:MEDICAL_RECORD_NUMBER", ("MRG", 2): "CX:MEDICAL_RECORD_NUMBER",
    ("MRG", 3): "CX:ACCOUNT_NUMBER", ("MRG", 4): "CX:MEDICAL_RECORD_NUMBER",
    ("MRG", 5): "CX:ACCOUNT_NUMBER", ("MRG", 6): "CX:ACCOUNT_NUMBER", ("MRG", 7): "XPN",
    ("NK1", 2): "XPN", ("NK1", 4): "XAD", ("NK1", 5): "XTN", ("NK1", 6): "XTN",
    ("NK1", 16): "DOB", ("NK1", 30): "XPN", ("NK1", 31): "XTN", ("NK1", 32): "XAD",
    ("NK1", 33): "CX:ID_NUMBER", ("NK1", 37): "CX:US_SSN",
    ("PV1", 7): "XCN", ("PV1", 8): "XCN", ("PV1", 9): "XCN", ("PV1", 17): "XCN",
    ("PV1", 5): "CX:ACCOUNT_NUMBER", ("PV1", 19): "CX:ACCOUNT_NUMBER", ("PV1", 50): "CX:ACCOUNT_NUMBER", ("PV1", 52): "XCN",
    ("PD1", 4): "XCN",
    ("GT1", 2): "CX:ACCOUNT_NUMBER", ("GT1", 3): "XPN", ("GT1", 4): "XPN", ("GT1", 5): "XAD",
    ("GT1", 6): "XTN", ("GT1", 7): "XTN", ("GT1", 8): "DOB", ("GT1", 12): "CX:US_SSN",
    ("IN1", 5): "XAD", ("IN1", 7): "XTN",
    ("IN1", 8): "CX:HEALTH_PLAN_ID", ("IN1", 14): "CX:ID_NUMBER", ("IN1", 16): "XPN",
    ("IN1", 18): "DOB", ("IN1", 19): "XAD", ("IN1", 36): "CX:HEALTH_PLAN_ID",
    ("IN1", 49): "CX:HEALTH_PLAN_ID",
    ("IN2", 1): "CX:ID_NUMBER", ("IN2", 2): "CX:US_SSN",
    ("ORC", 2): "CX:ID_NUMBER", ("ORC", 3): "CX:ID_NUMBER", ("ORC", 10): "XCN",
    ("ORC", 11): "XCN", ("ORC", 12): "XCN", ("ORC", 19): "XCN",
    ("OBR", 2): "CX:ID_NUMBER", ("OBR", 3): "CX:ID_NUMBER", ("OBR", 16): "XCN",
    ("OBR", 28): "XCN", ("OBR", 32): "XCN", ("OBR", 33): "XCN", ("OBR", 34): "XCN",
    ("OBR", 35): "XCN", ("OBX", 16): "XCN", ("RXA", 10): "XCN",
}
# QPD of an immunization query (Z34/Z44, CDC IZ profile): 3 id, 4/5 names,
# 6 birth date, 8 address, 9 phone.
QPD_IZ = {3: "CX:MEDICAL_RECORD_NUMBER", 4: "XPN", 5: "XPN", 6: "DOB", 8: "XAD", 9: "XTN"}
# QPD-3 of a PDQ query: "@PID.n...^value" pairs.
PDQ = {"5": "PERSON", "3": "MEDICAL_RECORD_NUMBER", "7": "DATE_TIME", "11": "STREET_ADDRESS"}
# Dates that are about a thing, not the person: lot expiry (RXA-16).
NOT_ABOUT_PERSON = {("RXA", 16)}

TS = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2}(\d{2}(\d{2}(\.\d+)?)?)?)?([+-]\d{4})?$")

def valid_ts(v):
    m = TS.match(v)
    if not m: return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1800 <= y <= 2100): return None
    return y, mo, d

class Doc:
    def __init__(self, text):
        self.text = text; self.phi = []; self.keep = []
    def add(self, entity, s, e, optional=None):
        v = self.text[s:e]
        if not v or v == '""' or not re.search(r"[A-Za-z0-9]", v): return
        if "{{" in v: return  # template placeholder in the source, not a value
        if re.fullmatch(r"X+", v): return  # already redacted in the source
        a = {"entity": entity, "start": s, "end": e}
        if optional: a["optional"] = optional
        self.phi.append(a)
    def date(self, s, e, birth=False, whole=False):
        v = self.text[s:e]
        ok = valid_ts(v)
        if not ok and not whole: return
        opt = []
        if ok and not whole:
            y, mo, d = ok
            age = REF.year - y - ((REF.month, REF.day) < (mo, d))
            if not (birth and age >= 90): opt.append([s, s + 4])
            if e > s + 8: opt.append([s + 8, e])
        self.add("DATE_TIME", s, e, opt or None)

def split_spans(s, e, sep, text):
    out = []; i = s
    for j in range(s, e + 1):
        if j == e or text[j] == sep:
            out.append((i, j)); i = j + 1
    return out

def annotate(text):
    d = Doc(text)
    segs = []
    i = 0
    for m in re.finditer(r"[^\r\n]+", text):
        segs.append((m.start(), m.end()))
    fs, cs, rs, ss = "|", "^", "~", "&"
    done = set()
    qpd_kind = None
    for (s, e) in segs:
        seg = text[s:e]
        name = seg[:3]
        if name in ("MSH", "BHS", "FHS") and len(seg) > 8:
            fs = seg[3]; cs, rs, esc, ss = seg[4], seg[5], seg[6], seg[7]
        fields = split_spans(s, e, fs, text)
        header = name in ("MSH", "BHS", "FHS")
        for fi, (fs0, fe0) in enumerate(fields):
            if fi == 0: continue
            num = fi + 1 if header else fi
            if header and fi == 1: continue
            kind = FIELDS.get((name, num))
            if name == "QPD":
                if num == 1:
                    qpd_kind = text[fs0:fe0].split(cs)[0]
                if qpd_kind in ("Z34", "Z44"):
                    kind = QPD_IZ.get(num)
                elif num == 3:
                    kind = "PDQ"
            for (r0, r1) in split_spans(fs0, fe0, rs, text):
                comps = split_spans(r0, r1, cs, text)
                def comp(k):
                    return comps[k - 1] if k - 1 < len(comps) else None
                def subs_all(k, entity):
                    c = comp(k)
                    if c:
                        for (a, b) in split_spans(c[0], c[1], ss, text):
                            d.add(entity, a, b)
                handled = set()
                if kind == "XPN":
                    for k in (1, 2, 3, 4): subs_all(k, "PERSON")
                    handled = {1, 2, 3, 4}
                elif kind == "XCN":
                    c = comp(1)
                    if c and re.search(r"\d", text[c[0]:c[1]]): d.add("ID_NUMBER", *c)
                    for k in (2, 3, 4, 5): subs_all(k, "PERSON")
                    handled = {1, 2, 3, 4, 5}
                elif kind == "XAD":
                    subs_all(1, "STREET_ADDRESS"); subs_all(2, "STREET_ADDRESS")
                    subs_all(3, "CITY"); subs_all(5, "ZIP_CODE"); subs_all(8, "LOCATION")
                    subs_all(9, "COUNTY")
                    st = comp(4)
                    if st and text[st[0]:st[1]] in US_STATES:
                        d.keep.append({"entity": "US_STATE", "start": st[0], "end": st[1]})
                    co = comp(6)
                    if co and text[co[0]:co[1]] in COUNTRIES:
                        d.keep.append({"entity": "COUNTRY", "start": co[0], "end": co[1]})
                    handled = {1, 2, 3, 5, 8, 9}
                elif kind == "XTN":
                    for k in (1, 4, 6, 7, 8, 12):
                        c = comp(k)
                        if not c: continue
                        v = text[c[0]:c[1]]
                        if "@" in v: d.add("EMAIL_ADDRESS", *c)
                        elif re.search(r"\d", v): d.add("PHONE_NUMBER", *c)
                    handled = {1, 4, 6, 7, 8, 12}
                elif kind and kind.startswith("CX:"):
                    c = comp(1)
                    if c: d.add(kind[3:], *c)
                    handled = {1}
                elif kind == "DLN":
                    c = comp(1)
                    if c: d.add("LICENSE_NUMBER", *c)
                    handled = {1}
                elif kind == "DOB":
                    c = comp(1)
                    if c and text[c[0]:c[1]]: d.date(c[0], c[1], birth=True, whole=not valid_ts(text[c[0]:c[1]]))
                    handled = {1}
                elif kind == "CITY":
                    c = comp(1)
                    # VINAH (Australia) codes the birth country here: digits only
                    if c and re.search(r"[A-Za-z]", text[c[0]:c[1]]): subs_all(1, "CITY")
                    handled = {1}
                elif kind == "COUNTY":
                    subs_all(1, "COUNTY"); handled = {1}
                elif kind == "PDQ":
                    c1, c2 = comp(1), comp(2)
                    if c1 and c2:
                        path = text[c1[0]:c1[1]]
                        m = re.match(r"@PID\.(\d+)", path)
                        # PID.3.4.x is the assigning authority, not the id
                        if m and m.group(1) in PDQ and not (m.group(1) == "3" and path not in ("@PID.3", "@PID.3.1")):
                            ent = PDQ[m.group(1)]
                            v0, v1 = c2
                            v = text[v0:v1].rstrip("*")
                            if ent == "DATE_TIME": d.date(v0, v1, birth=True)
                            else: d.add(ent, v0, v0 + len(v))
                    handled = {1, 2}
                # every other component: compact dates about the person
                if (name, num) in NOT_ABOUT_PERSON: continue
                for k, c in enumerate(comps, 1):
                    if k in handled: continue
                    for (a, b) in split_spans(c[0], c[1], ss, text):
                        if valid_ts(text[a:b]): d.date(a, b)
    return d

def messages(src):
    out = []
    iz = json.load(open(os.path.join(src, "iz.json")))
    for i, t in enumerate(iz, 1):
        out.append((f"hl7-izgw-{i:03}", t, "IZGateway/v2tofhir src/test/resources/messages.txt"))
    sys.path.insert(0, src)
    import py_samples as s
    for k in ("sample_hl7", "sample_file1", "sample_msh"):
        out.append((f"hl7-python-hl7-{k}", getattr(s, k), "python-hl7 tests/samples.py"))
    for k, f in (("adt", "eff_adt.txt"), ("orm", "eff_orm.txt")):
        t = open(os.path.join(src, f), encoding="utf-8", newline="").read()
        out.append((f"hl7-hl7-dotnetcore-{k}", t, "HL7-dotnetcore test/Sample-*.txt"))
    return out

# Corrections found in review: (note id, text, occurrence, entity). The
# python-hl7 ORU sample puts its ordering provider and result interpreter
# one field early (OBR-15, OBR-31).
OVERRIDES = [
    ("hl7-python-hl7-sample_hl7", "555-55-5555", 1, "ID_NUMBER"),
    ("hl7-python-hl7-sample_hl7", "PRIMARY", 1, "PERSON"),
    ("hl7-python-hl7-sample_hl7", "PATRICIA P", 1, "PERSON"),
    ("hl7-python-hl7-sample_hl7", "444-44-4444", 1, "ID_NUMBER"),
    ("hl7-python-hl7-sample_hl7", "HIPPOCRATES", 1, "PERSON"),
    ("hl7-python-hl7-sample_hl7", "HOWARD H", 1, "PERSON"),
]

def apply_overrides(nid, text, d):
    for (oid, v, occ, ent) in OVERRIDES:
        if oid != nid: continue
        i = -1
        for _ in range(occ):
            i = text.find(v, i + 1)
        if i < 0: raise SystemExit(f"override {v!r} not found in {nid}")
        if not any(a["start"] <= i < a["end"] for a in d.phi):
            d.add(ent, i, i + len(v))

def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(out, "w", encoding="utf-8") as f:
        for (nid, text, origin) in messages(src):
            d = annotate(text)
            apply_overrides(nid, text, d)
            d.phi.sort(key=lambda a: (a["start"], a["end"]))
            d.keep.sort(key=lambda a: (a["start"], a["end"]))
            f.write(json.dumps({"id": nid, "kind": "hl7v2", "offsets": "chars", "text": text,
                                "phi": d.phi, "keep": d.keep}, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main()
