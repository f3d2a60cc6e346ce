from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
                    if ".venv" not in p.parts)


def untranslated(path):
    catalogue = polib.pofile(str(path))
    return [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]


def test_every_app_has_an_english_catalogue():
    apps = {p.parts[len(ROOT.parts)] for p in CATALOGUES}
    assert {"locale", "integration_portal", "cases", "reception", "training", "networks"} <= apps


def test_every_danish_text_has_an_english_translation():
    missing = {str(p.relative_to(ROOT)): untranslated(p) for p in CATALOGUES}
    assert not {k: v for k, v in missing.items() if v}


def test_the_compiled_catalogues_are_up_to_date():
    for po in CATALOGUES:
        mo = po.with_suffix(".mo")
        assert mo.exists(), mo
        compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo)) if not e.msgid_plural}
        source = {e.msgid: e.msgstr for e in polib.pofile(str(po)).translated_entries()
                  if not e.msgid_plural}
        assert compiled == source, f"run `make messages`: {mo} is stale"
