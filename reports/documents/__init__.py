"""The national report's documents: the workbook, the summary's text, its charts and its
Word file, written from the national figures (selectors.figures)."""
