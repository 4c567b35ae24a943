"""Records and rules: no Qt, no SQL, no files."""
