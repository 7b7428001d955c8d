"""Writes national_M2019_dl.xlsx: a tiny hand-made sheet in the layout of a BLS OEWS national
file (same header names), for the reader's tests. Standard library only; run from this folder:
python3 make_bls_fixture.py. The rows are invented, not copied from BLS files."""
import zipfile
from xml.sax.saxutils import escape

HEADER = ["AREA", "AREA_TITLE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP",
          "A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"]
ROWS = [
    # a detailed hybrid-code row (May 2019/2020 software developers and QA)
    [99, "U.S.", "15-1256", "Software Developers and QA", "detailed", 1500000, 110000, 60000, 80000, 105000, 135000, 165000],
    # a broad group: an aggregate, not read as a record
    [99, "U.S.", "15-1250", "Software and Web Developers", "broad", 1700000, 105000, 55000, 75000, 100000, 130000, 160000],
    # an SOC 2010 code, p90 top-coded
    [99, "U.S.", "15-1133", "Software Developers, Systems Software", "detailed", 400000, 120000, 70000, 90000, 115000, 150000, "#"],
    # a non-tech occupation with unpublished percentiles
    [99, "U.S.", "29-1141", "Registered Nurses", "detailed", "**", 80000, "*", "*", 75000, "*", "*"],
    # malformed: a wage that is not a number
    [99, "U.S.", "15-1212", "Information Security Analysts", "detailed", 150000, 100000, 60000, "abc", 98000, 120000, 150000],
    # malformed: no occupation code
    [99, "U.S.", "", "Nothing", "detailed", 1, 1, 1, 1, 1, 1, 1],
    # no published median: left out
    [99, "U.S.", "15-1254", "Web Developers", "detailed", 90000, 80000, 40000, 55000, "*", 90000, 120000],
]


def col(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def cell(ref, v):
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'


rows = []
for r, values in enumerate([HEADER] + ROWS, start=1):
    cells = "".join(cell(f"{col(c)}{r}", v) for c, v in enumerate(values))
    rows.append(f'<row r="{r}">{cells}</row>')
sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="national_M2019_dl" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": sheet,
}
with zipfile.ZipFile("national_M2019_dl.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        z.writestr(info, text, zipfile.ZIP_DEFLATED)
