"""An official document as PDF: the same layout as the DOCX in HTML and CSS, set by
WeasyPrint with the fonts embedded ("Times New Roman" is Liberation Serif through
fontconfig: the same metrics, every Vietnamese letter), pages numbered."""

from __future__ import annotations

import base64
import html

from dondoc.reports import chart
from dondoc.reports.layout import PARTY_MOTTO, STATE_MOTTO, date_line, number_line
from dondoc.reports.model import Chart, Heading, OfficialDocument, Paragraph, Table

_CSS = """
@page { size: A4; margin: 20mm 20mm 20mm 30mm;
        @bottom-center { content: counter(page); font: 12pt "Times New Roman", "Liberation Serif", serif; } }
@page :first { @bottom-center { content: none; } }
body { font: 14pt/1.3 "Times New Roman", "Liberation Serif", serif; color: #000; }
table.head, table.close { width: 100%; border-collapse: collapse; }
table.head td, table.close td { vertical-align: top; text-align: center; padding: 0; }
table.head td.left { width: 40%; } table.close td.left { width: 45%; text-align: left; }
.b { font-weight: bold; } .i { font-style: italic; } .u { text-decoration: underline; }
.s12 { font-size: 12pt; } .s13 { font-size: 13pt; } .s11 { font-size: 11pt; } .s15 { font-size: 15pt; }
.kind { text-align: center; font-weight: bold; margin: 14pt 0 0; }
.title { text-align: center; font-weight: bold; margin: 0; }
.rule { text-align: center; margin: 0 0 8pt; }
.to { text-align: center; margin: 12pt 0; }
h2 { font-size: 14pt; margin: 8pt 0 4pt; }
p.body { text-align: justify; text-indent: 1cm; margin: 0 0 4pt; }
p.caption { font-style: italic; font-size: 13pt; margin: 6pt 0 3pt; }
p.note { font-style: italic; font-size: 12pt; margin: 3pt 0 6pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 11pt; page-break-inside: auto;
             table-layout: fixed; hyphens: auto; }
table.data th, table.data td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; }
table.data td.num { text-align: right; }
table.data tr.total td { font-weight: bold; }
thead { display: table-header-group; } tr { page-break-inside: avoid; }
img.chart { display: block; margin: 6pt auto; width: 15cm; }
"""


def html_of(doc: OfficialDocument) -> str:
    e = html.escape
    issuer = doc.issuer
    left = []
    if issuer.parent:
        left.append(f'<div class="s13">{e(issuer.parent.upper())}</div>')
    left.append(f'<div class="s13 b">{e(issuer.name.upper())}</div>')
    left.append(f'<div class="s13">{"*" if issuer.party else "_______"}</div>')
    # the blank of an unnumbered draft stays a blank (HTML would fold its spaces)
    number = e(number_line(issuer, doc.kind_code, doc.number)).replace("  ", "&nbsp;&nbsp;")
    left.append(f'<div class="{"s13" if not issuer.party else ""}">{number}</div>')
    if not doc.kind:
        left.append(f'<div class="s12">V/v {e(doc.title)}</div>')
    if issuer.party:
        right = [f'<div class="s15 b u">{e(PARTY_MOTTO)}</div>', "<div>&nbsp;</div>"]
    else:
        right = [
            f'<div class="s12 b">{e(STATE_MOTTO[0])}</div>',
            f'<div class="s13 b">{e(STATE_MOTTO[1])}</div>',
            '<div class="s13">_______________________</div>',
        ]
    right.append(f'<div class="i">{e(date_line(issuer.place, doc.date))}</div>')
    out = [
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(doc.title)}</title>'
        f"<style>{_CSS}</style></head><body>",
        '<table class="head"><tr>'
        f'<td class="left">{"".join(left)}</td><td>{"".join(right)}</td></tr></table>',
    ]
    if doc.kind:
        out += [
            f'<p class="kind">{e(doc.kind)}</p>',
            f'<p class="title">{e(doc.title)}</p>',
            '<p class="rule">_______________</p>',
        ]
    if doc.addressees:
        out.append(f'<p class="to">Kính gửi: {e("; ".join(doc.addressees))}.</p>')
    for block in doc.body:
        if isinstance(block, Heading):
            out.append(f"<h2>{e(block.text)}</h2>")
        elif isinstance(block, Paragraph):
            out.append(f'<p class="body{" i" if block.italic else ""}">{e(block.text)}</p>')
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Chart):
            data = base64.b64encode(chart.png(block)).decode("ascii")
            out.append(f'<img class="chart" alt="{e(block.title)}" src="data:image/png;base64,{data}">')
    party = issuer.party
    recipients = "".join(
        f'<div class="{"s11" if not party else "s12"}">- {e(r)}</div>' for r in doc.recipients
    )
    label = '<div class="u">Nơi nhận:</div>' if party else '<div class="s12 b i">Nơi nhận:</div>'
    sign = "".join(f'<div class="b">{e(x)}</div>' for x in doc.signature.authority if x)
    sign += f'<div class="b">{e(doc.signature.title)}</div><div style="height: 3cm"></div>'
    sign += f'<div class="b">{e(doc.signature.name)}</div>'
    out.append(
        f'<table class="close" style="margin-top: 12pt"><tr><td class="left">{label}{recipients}</td>'
        f"<td>{sign}</td></tr></table></body></html>"
    )
    return "".join(out)


def _table(t: Table) -> str:
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in t.columns)
    rows = []
    for row in t.rows:
        rows.append("<tr>" + "".join(_cell(v) for v in row) + "</tr>")
    if t.total:
        rows.append('<tr class="total">' + "".join(_cell(v) for v in t.total) + "</tr>")
    caption = f'<p class="caption">{e(t.title)}</p>' if t.title else ""
    cols = ""
    if t.widths:
        whole = sum(t.widths)
        cols = (
            "<colgroup>"
            + "".join(f'<col style="width: {100 * w / whole:.1f}%">' for w in t.widths)
            + "</colgroup>"
        )
    note = f'<p class="note">{e(t.note)}</p>' if t.note else ""
    body = "".join(rows)
    table = f'<table class="data">{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return caption + table + note


def _cell(v: object) -> str:
    text = "" if v is None else str(v)
    num = isinstance(v, (int, float)) or text.endswith("%")
    return f"<td{' class=num' if num else ''}>{html.escape(text)}</td>"


def render(doc: OfficialDocument) -> bytes:
    from weasyprint import HTML  # loads Pango: only when a PDF is asked for

    pdf: bytes = HTML(string=html_of(doc)).write_pdf()
    return pdf
