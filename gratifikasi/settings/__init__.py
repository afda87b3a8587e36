"""Per-tenant settings: the registry (what may be set, pure), the service (read and change) and
the `flask settings` commands."""
