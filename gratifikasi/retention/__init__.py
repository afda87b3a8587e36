"""Retention: closed records are crypto-shredded a set time after they close.

:mod:`.service` finds the records due and shreds them; :mod:`.cli` is the
``flask retention run`` command that cron runs daily.
"""
