"""What setup.cfg cannot say: ``templates/`` and ``migrations/`` sit at the repository root,
outside the package, so a built package (``pip install .``) carries copies of them in
``gratifikasi/_bundled/``, where ``create_app`` finds them when the source folders are not
beside the package. Everything else is configured in setup.cfg."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("templates", "migrations")


class BuildWithBundledFolders(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        for name in BUNDLED:
            target = Path(self.build_lib) / "gratifikasi" / "_bundled" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(root / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithBundledFolders})
