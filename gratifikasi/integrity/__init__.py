"""Integrity score (issue 7): Zona Integritas indicators, WBK/WBBM readiness, dashboards,
evidence records, monev reports, the public transparency page and the LKE worksheet export.

The blueprints are in :mod:`.blueprints`, their routes in :mod:`.views` (which loads the
other view modules); the package root imports nothing, so services elsewhere can call
:func:`.totals.mark_changed` without loading the pages.
"""
