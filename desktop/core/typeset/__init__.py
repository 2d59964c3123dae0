"""PDF typesetting shared by the dossier, the translator's review sheet, the captive script, the quick card,
the rules document and the desk report: fonts (runs per script, never a dropped glyph) and layout (styles,
page furniture). Builds on nothing else of the core but paths."""
