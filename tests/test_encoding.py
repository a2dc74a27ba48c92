from processing.encoding import decode_html

ARABIC = "<html><body><p>افتتح معرض الكتاب أبوابه أمام الزوار صباح اليوم</p></body></html>"


def test_declared_windows_1256() -> None:
    decoded = decode_html(ARABIC.encode("cp1256"), "windows-1256")
    assert decoded.text == ARABIC and decoded.encoding == "cp1256" and not decoded.mislabelled


def test_meta_charset_when_header_is_silent() -> None:
    page = ARABIC.replace("<html>", '<html><head><meta charset="windows-1256"></head>')
    decoded = decode_html(page.encode("cp1256"), None)
    assert decoded.text == page and not decoded.mislabelled


def test_utf8_served_as_latin1_is_mislabelled() -> None:
    decoded = decode_html(ARABIC.encode("utf-8"), "iso-8859-1")
    assert decoded.text == ARABIC and decoded.encoding == "utf-8" and decoded.mislabelled


def test_cp1256_served_as_utf8_is_detected() -> None:
    decoded = decode_html(ARABIC.encode("cp1256"), "utf-8")
    assert decoded.text == ARABIC and decoded.mislabelled


def test_ascii_page_in_declared_charset() -> None:
    decoded = decode_html(b"<p>plain</p>", "iso-8859-1")
    assert decoded.text == "<p>plain</p>" and not decoded.mislabelled
