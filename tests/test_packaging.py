"""`pip install .` works from any directory (issue 18 item 5): the built package carries its
templates, migrations, static files, translations and data files, and runs without the
repository beside it."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import gratifikasi

ROOT = Path(gratifikasi.__file__).resolve().parent.parent

CHECK = """
import sys
from pathlib import Path
import gratifikasi
assert Path(gratifikasi.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve()), gratifikasi.__file__
from gratifikasi import create_app
app = create_app({"SESSION_COOKIE_SECURE": False})
client = app.test_client()
for url in ("/", "/pengaduan/", "/laporan-gratifikasi", "/static/css/app.css", "/masuk"):
    assert client.get(url).status_code == 200, url
with app.test_request_context("/"):
    from flask_babel import force_locale, gettext
    with force_locale("en"):
        assert gettext("Kembali ke beranda") != "Kembali ke beranda"  # the compiled catalogue is there
print("ok")
"""


def test_the_built_package_runs_from_another_directory(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, timeout=600, cwd=tmp_path)
    (wheel,) = wheels.glob("gratifikasi-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("gratifikasi/_bundled/templates/base.html", "gratifikasi/_bundled/migrations/env.py",
                   "gratifikasi/_bundled/migrations/versions/0010_cases.py", "gratifikasi/static/css/app.css",
                   "gratifikasi/translations/en/LC_MESSAGES/messages.mo", "gratifikasi/auth/common_passwords.txt"):
        assert needed in names, needed
    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(installed), GRATIFIKASI_INSTANCE_PATH=str(tmp_path / "instance"))
    env.pop("GRATIFIKASI_TEST_DATABASE_URL", None)
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "flask", "--app", "gratifikasi", "db", "upgrade"],
                   check=True, capture_output=True, timeout=300, cwd=elsewhere, env=env)
    checked = subprocess.run([sys.executable, "-c", CHECK, str(installed)], capture_output=True, text=True,
                             timeout=300, cwd=elsewhere, env=env)
    assert checked.returncode == 0 and checked.stdout.strip() == "ok", checked.stderr[-3000:]
