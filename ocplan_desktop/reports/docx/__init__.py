"""Word documents (python-docx) made from the same story as the PDF: one build, two writers."""
