"""The case workspace of the UPG and the Inspektorat: one case file per gratification report
or complaint, opened by intake (:mod:`.opening`), moved only through :mod:`.transitions`,
looked up by officers only through :mod:`.access` (one rule: role, unit, handling, recusal,
ring membership), shown on one page per case (:mod:`.page`, :mod:`.views`).

The package root imports nothing, so intake modules can import ``cases.opening`` without
loading the officer pages."""
