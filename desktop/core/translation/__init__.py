"""Translation and its review: the `forms` catalogs and the text shown in a language (shown), string
extraction (catalog, extract), translators' sign-off (signoff), the legal glossary, the translator's sheet as
data and as a PDF (sheet, sheet_pdf), the translator preview, the captive script and the record of
unreviewed text shown (unreviewed).

Never imports Qt. Builds on desktop.core.forms (the form model); only the session imports back (unreviewed).
"""
