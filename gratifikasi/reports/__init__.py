"""Gratification reports: the public form, the "wajib lapor?" advisor, the receipt and the
reporter's status page. The blueprint lives in :mod:`.views`; the package root imports nothing."""
