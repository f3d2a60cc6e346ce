"""htmx attributes use the valid data-hx-* spelling in every template.

A bare hx-* attribute is not valid HTML (the HTML checker reports each one); htmx
reads the data- prefixed form just the same.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE_HTMX_ATTRIBUTE = re.compile(r"\shx-[a-z-]+")


def templates():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for folder in folders if ".venv" not in folder.parts
                  for path in folder.rglob("*.html"))


def test_the_scan_sees_the_templates_that_use_htmx():
    names = {path.relative_to(ROOT).as_posix() for path in templates()}
    assert "templates/base.html" in names
    assert "training/templates/training/includes/certificate_link.html" in names


def test_no_template_has_a_bare_hx_attribute():
    bare = {}
    for path in templates():
        found = BARE_HTMX_ATTRIBUTE.findall(path.read_text())
        if found:
            bare[path.relative_to(ROOT).as_posix()] = sorted({match.strip() for match in found})
    assert not bare
