from tests.keyring.conftest import crew  # noqa: F401
from tests.kpk.conftest import upg_crew  # noqa: F401
