"""Cryptography for gratifikasi: sealing, field encryption, key rings, officer keys.

Nothing in this package imports Flask, so every primitive can be tested alone.
"""
