"""CSV and XLSX in through pandas: every row checked, a preview before anything is written."""
