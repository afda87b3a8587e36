"""Downloading attachments: always as a file, never shown in the browser (threat T6). The
blueprint lives in :mod:`.views`; the package root imports nothing."""
