from tests.keyring.conftest import crew  # noqa: F401
