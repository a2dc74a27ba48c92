from processing.encoding import binary_reason, decode_html

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


def test_declared_iso_8859_6() -> None:
    page = ARABIC.replace("<html>", '<html><head><meta charset="iso-8859-6"></head>')
    decoded = decode_html(page.encode("iso8859-6"), None)
    assert decoded.text == page and decoded.encoding == "iso8859-6" and not decoded.mislabelled


def test_windows_1256_served_as_latin1_follows_its_meta() -> None:
    page = ARABIC.replace("<html>", '<html><head><meta charset="windows-1256"></head>')
    decoded = decode_html(page.encode("cp1256"), "ISO-8859-1")
    assert decoded.text == page and decoded.encoding == "cp1256" and decoded.mislabelled


def test_windows_1256_served_as_latin1_without_meta_is_detected() -> None:
    page = "<html><body>" + "<p>افتتح معرض الكتاب أبوابه أمام الزوار صباح اليوم في مركز المعارض</p>" * 20 + "</body></html>"
    decoded = decode_html(page.encode("cp1256"), "ISO-8859-1")
    assert decoded.text == page and decoded.mislabelled


def test_latin1_text_in_latin1_stays_latin1() -> None:
    page = "<html><body><p>Die Straße wird über das Wochenende gesperrt, teilte die Behörde mit.</p></body></html>"
    decoded = decode_html(page.encode("latin-1") * 10, "ISO-8859-1")
    # read as browsers read the label ISO-8859-1: windows-1252, identical for these bytes
    assert decoded.encoding == "cp1252" and not decoded.mislabelled and "Straße" in decoded.text


def test_latin1_label_with_curly_quotes_is_windows_1252() -> None:
    # Bytes 0x80-0x9F under an ISO-8859-1 or ASCII label are windows-1252 punctuation (WHATWG), not C1
    # controls: «It\x92s» came out of the title and text; the five bytes cp1252 leaves undefined stay C1.
    page = "<html><head><title>It’s “here” – now</title></head><body><p>Caf\xe9 \x81</p></body></html>"
    body = page.encode("cp1252", "ignore").replace(b"\xe9 ", b"\xe9 \x81")
    for header in ("ISO-8859-1", "latin1", "US-ASCII"):
        decoded = decode_html(body, header)
        assert "It’s “here” – now" in decoded.text and "Café \x81" in decoded.text and not decoded.mislabelled


def test_utf8_with_a_few_stray_bytes_stays_utf8() -> None:
    page = ("<html><body>" + "<p>افتتح معرض الكتاب أبوابه</p>" * 10 + "<!-- M\xe4scot -->").encode("utf-8")
    page = page.replace("M\xe4scot".encode("utf-8"), b"M\xe4scot")  # one byte in Latin-1
    decoded = decode_html(page, "utf-8")
    assert decoded.encoding == "utf-8" and "افتتح معرض الكتاب" in decoded.text and "\ufffd" in decoded.text


def test_binary_data_is_named() -> None:
    assert binary_reason(b"%PDF-1.7\n...") == "binary data (a PDF document)"
    assert binary_reason(b"<html>\x00\x01\x02</html>") == "binary data (NUL bytes)"
    assert binary_reason("<html>نص</html>".encode("utf-16")) is None
    assert binary_reason(ARABIC.encode("cp1256")) is None
