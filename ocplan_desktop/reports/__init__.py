"""ReportLab documents and their charts as vector graphics."""
