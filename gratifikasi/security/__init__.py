"""Flask-side security: response headers, error pages, hashed client keys, role checks."""
