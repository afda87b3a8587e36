#!/usr/bin/env bash
# Refresh the English catalogue after changing Indonesian UI text:
#   scripts/i18n.sh   (extract -> update en .po -> compile .mo)
# Then translate the new empty msgstr entries in gratifikasi/translations/en/LC_MESSAGES/messages.po
# and run it again to compile. Entries whose Indonesian text is gone are dropped (--ignore-obsolete).
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=.venv/bin/pybabel
$PYBABEL extract -F babel.cfg -k _l -k N_ -k plural_text:1,2 --no-location --sort-output -o gratifikasi/translations/messages.pot .
if [ -f gratifikasi/translations/en/LC_MESSAGES/messages.po ]; then
  $PYBABEL update --no-fuzzy-matching --ignore-obsolete -i gratifikasi/translations/messages.pot -d gratifikasi/translations -l en
else
  $PYBABEL init -i gratifikasi/translations/messages.pot -d gratifikasi/translations -l en
fi
$PYBABEL compile -d gratifikasi/translations
