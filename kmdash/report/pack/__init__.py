"""The monthly board pack: `content.gather` makes a `Pack` (pure data in one language), `charts` draws its figures
with matplotlib, `pdf` renders it through WeasyPrint, `docx` through python-docx."""
