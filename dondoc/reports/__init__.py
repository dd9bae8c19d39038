"""Report documents in the official Vietnamese layout (NĐ 30/2020 for state bodies, HD
36-HD/VPTW for Party bodies): a plain model of the document, rendered as DOCX, XLSX or
PDF. Receives plain data; never touches the database."""
