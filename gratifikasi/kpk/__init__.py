"""KPK forwarding for the UPG: the KPK form PDF, GOL reference, SK and follow-up records,
the deposited-object log with receipts, and the semester recap export. The blueprint lives
in :mod:`.views`; the package root imports nothing."""
