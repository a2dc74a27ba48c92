"""Article metadata from extraction (issue 4): authors, modified, site name, section, description,
main image, the page's declared language and the wire agency."""

import sqlite_utils

COLUMNS = {
    "authors": str,  # JSON list of names
    "modified": str,  # ISO 8601
    "site_name": str,
    "section": str,
    "description": str,
    "image": str,  # URL of the main image
    "declared_language": str,  # html lang / og:locale, a hint (language is the detection)
    "wire_agency": str,  # Reuters, AP, AFP, PA, Bloomberg, dpa, WAM, SPA, KUNA, QNA, BNA, ONA, MENA, Anadolu
}


def apply(db: sqlite_utils.Database) -> None:
    existing = db["articles"].columns_dict
    for name, kind in COLUMNS.items():
        if name not in existing:
            db["articles"].add_column(name, kind)
    db["articles"].create_index(["wire_agency"], if_not_exists=True)
    db["articles"].create_index(["extraction_status"], if_not_exists=True)
