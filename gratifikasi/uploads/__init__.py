"""Safe attachments (threat T6): type by content, metadata stripped, stored encrypted.

Pure parts (no Flask): :mod:`.inspect` and :mod:`.sanitise`. Database and keys: :mod:`.service`.
"""
