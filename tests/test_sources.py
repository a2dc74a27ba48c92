"""The source registry: the shipped one is valid and broad enough; mistakes name file, outlet and field;
`wirewatch sources list` and `wirewatch sources check [--online]`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.sampleweb.server import SampleWeb
from crawler.sources import DEFAULT_REGISTRY, RegistryError, check, load
from tests.conftest import LOCAL, invoke_cli, run_cli

GOOD = """
[[outlet]]
id = "x"
name = "X"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "https://x.example/"
allowed_domains = ["x.example"]
feeds = ["https://x.example/rss"]
"""


def registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_registry_is_broad_and_valid() -> None:
    sources = load(DEFAULT_REGISTRY)
    assert len(sources) >= 20
    assert sum("ar" in s.languages for s in sources) >= 5
    assert {s.region for s in sources} == {"uk", "gulf", "other"}
    assert all(s.feeds or s.sitemaps or s.sections for s in sources)
    assert all(s.verified == "no" or re.match(r"\d{4}-\d{2}-\d{2}", s.verified) for s in sources)


def test_sources_check_passes_on_the_shipped_registry() -> None:
    result = invoke_cli("sources", "check")
    assert result.code == 0, result.stderr
    assert "valid" in result.stdout and "26 outlets" in result.stdout


@pytest.mark.parametrize("change, field, why", [
    (('name = "X"\n', ""), "name", "missing"),
    (('feeds = ["https://x.example/rss"]', 'feeds = ["htp:/x.example/rss"]'), "feeds", "not an http(s) URL"),
    (('homepage = "https://x.example/"', 'homepage = "https://elsewhere.example/"'), "homepage", "outside allowed_domains"),
    (('feeds = [', 'feed = ['), "feed", "did you mean 'feeds'"),
    (('region = "uk"', 'region = "europe"'), "region", "must be one of"),
    (('country = "GB"', 'country = "XX"'), "country", "'XX' is not an ISO 3166-1 alpha-2 country code"),
    (('country = "GB"', 'country = "UK"'), "country", "'UK' is not an ISO 3166-1 alpha-2 country code (two "
                                                      "upper-case letters, e.g. GB, AE, SA); did you mean 'GB'?"),
])
def test_sources_check_fails_with_a_clear_message(tmp_path: Path, change: tuple[str, str], field: str,
                                                  why: str) -> None:
    path = registry(tmp_path, GOOD.replace(*change))
    result = invoke_cli("sources", "check", "--sources", path)
    assert result.code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    assert re.match(rf"Error: {re.escape(str(path))}:\d+: outlet x: field '{field}'", errors[0]), errors[0]
    assert why in errors[0]


def test_every_problem_is_listed_and_crawl_names_the_first(tmp_path: Path) -> None:
    text = GOOD + GOOD.replace('id = "x"', 'id = "y"').replace('country = "GB"', 'country = "gb"') \
        .replace('languages = ["en"]', 'languages = ["english"]')
    path = registry(tmp_path, text)
    _, problems = check(path)
    assert [p.split(": field ")[1].split(":")[0] for p in problems] == ["'country'", "'languages'"]
    assert problems[0].startswith(f"{path}:15: outlet y: field 'country': 'gb' is not an ISO 3166-1 alpha-2")
    with pytest.raises(RegistryError, match=r"outlet y: field 'country'.*and 1 more"):
        load(path)


@pytest.mark.parametrize("extra, field", [
    ('sections = ["https://x.example/world/"]', "article_pattern"),  # which links are articles?
    ('sections = ["https://other.example/world/"]\narticle_pattern = "^/news/"', "sections"),
    ('prune_xpath = ["//div[@class="]', "prune_xpath"),
    ('verified = "yes"', "verified"),
    ('article_pattern = "(unclosed"', "article_pattern"),
    ('enabled = "yes"', "enabled"),
    ('timezone = "Gulf/Dubai"', "timezone"),  # not an IANA zone
    ('timezone = "+04:00"', "timezone"),  # an offset is not a zone: it misses summer time
    ("timezone = 4", "timezone"),
])
def test_field_checks(tmp_path: Path, extra: str, field: str) -> None:
    _, problems = check(registry(tmp_path, GOOD + extra + "\n"))
    assert len(problems) == 1 and f"field '{field}'" in problems[0], problems


def test_timezone_is_an_iana_name_and_reaches_extraction(tmp_path: Path) -> None:
    (source,) = load(registry(tmp_path, GOOD + 'timezone = "Asia/Riyadh"\n'))
    hints = source.extract_hints()
    assert (hints.timezone, hints.site_names, hints.country) == ("Asia/Riyadh", ("X",), source.country)
    _, problems = check(registry(tmp_path, GOOD + 'timezone = "Asia/Riyad"\n'))
    assert problems == [f"{tmp_path / 'sources.toml'}:11: outlet x: field 'timezone': unknown time zone "
                        "'Asia/Riyad' (did you mean 'Asia/Riyadh'?)"]


def test_shipped_gulf_and_uk_outlets_name_their_time_zone() -> None:
    zones = {s.country: s.timezone for s in load(DEFAULT_REGISTRY) if s.timezone}
    assert zones["GB"] == "Europe/London" and zones["AE"] == "Asia/Dubai" and zones["SA"] == "Asia/Riyadh"


def test_an_enabled_outlet_needs_somewhere_to_discover(tmp_path: Path) -> None:
    bare = GOOD.replace('feeds = ["https://x.example/rss"]\n', "")
    assert "at least one feed" in check(registry(tmp_path, bare))[1][0]
    assert check(registry(tmp_path, bare + "enabled = false\n"))[1] == []


def test_sources_list_is_a_table() -> None:
    result = invoke_cli("sources", "list")
    assert result.code == 0, result.stderr
    assert re.search(r"^al-jazeera-arabic\s+الجزيرة نت\s+gulf\s+QA\s+ar\s+1\s+0\s+0\s+yes\s+no$", result.stdout, re.M)
    assert "regions: gulf" in result.stdout


def test_sources_check_online_reports_each_address(sample_web: SampleWeb, sample_sources: Path) -> None:
    result = run_cli("sources", "check", "--online", "--sources", sample_sources, *LOCAL, env=sample_web.environment())
    assert result.code == 1  # the sample web has one unreachable feed on purpose
    assert re.search(r"^gulf-herald\s+sitemap\s+200\s+ok\s+urlset, 4 entries\s+http://gulf-herald.test/", result.stdout, re.M)
    assert re.search(r"^al-waha\s+sitemap\s+200\s+ok\s+sitemapindex, 2 child sitemaps\s+", result.stdout, re.M)
    assert re.search(r"^northern-courier\s+section\s+200\s+ok\s+HTML, 3 article links of 8\s+", result.stdout, re.M)
    assert re.search(r"^northern-courier\s+feed\s+200\s+ok\s+RSS/Atom, 4 entries", result.stdout, re.M)
    assert re.search(r"^gulf-mirror\s+feed\s+-\s+FAIL\s+127\.0\.0\.1:\d+: robots\.txt unreachable "
                     r"\(connection refused\); host skipped for this run\s+http://127\.0\.0\.1:", result.stdout, re.M)
    assert "7 of 8 addresses usable." in result.stdout


def test_a_feed_listed_by_two_outlets_is_a_mistake(tmp_path: Path) -> None:
    _, problems = check(registry(tmp_path, GOOD + GOOD.replace('id = "x"', 'id = "y"')))
    assert problems == [f"{tmp_path / 'sources.toml'}:20: outlet y: field 'feeds': "
                        "'https://x.example/rss' is also listed by outlet x"]


def test_a_duplicate_id_is_listed_beside_other_outlets_problems(tmp_path: Path) -> None:
    """Bad time zone, bad language and a duplicate id in three outlets: three problems (#12)."""
    def outlet(id_: str, feed: str, extra: str = "") -> str:
        return GOOD.replace('id = "x"', f'id = "{id_}"').replace("https://x.example/rss", feed) + extra
    text = (outlet("x", "https://x.example/a", 'timezone = "Asia/Riyad"\n')
            + outlet("y", "https://x.example/b").replace('languages = ["en"]', 'languages = ["english"]')
            + outlet("x", "https://x.example/c"))
    _, problems = check(registry(tmp_path, text))
    assert [p.split(": field ")[0].split(": ", 1)[1] + " " + p.split(": field ")[1].split(":")[0]
            for p in problems] == ["outlet x 'timezone'", "outlet y 'languages'", "outlet x 'id'"]
    assert problems[2].endswith("field 'id': duplicate id")
    result = invoke_cli("sources", "check", "--sources", tmp_path / "sources.toml")
    assert result.code == 1 and result.stderr.count("Error: ") == 3, result.stderr
    assert "3 problems" in result.stdout + result.stderr


def test_a_missing_field_does_not_hide_other_problems(tmp_path: Path) -> None:
    text = GOOD.replace('homepage = "https://x.example/"\n', "").replace("https://x.example/rss", "htp://x.example/rss")
    fields = [p.split("field ")[1].split(":")[0] for p in check(registry(tmp_path, text))[1]]
    assert fields == ["'homepage'", "'feeds'"]


@pytest.mark.parametrize("drop", ['allowed_domains = ["x.example"]\n', ""])
def test_a_bad_homepage_or_section_url_is_reported_without_allowed_domains_too(tmp_path: Path, drop: str) -> None:
    text = GOOD.replace(drop, "").replace('"https://x.example/"', '"htp:/x.example/"') + \
        'sections = ["x.example/news"]\narticle_pattern = "^/news/"\n'
    path = registry(tmp_path, text)
    result = invoke_cli("sources", "check", "--sources", path)
    assert result.code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    expected = [f"{path}:8: outlet x: field 'homepage': not an http(s) URL: 'htp:/x.example/'",
                f"{path}:{10 if drop else 11}: outlet x: field 'sections': not an http(s) URL: 'x.example/news'"]
    if drop:  # a missing field is on its outlet's [[outlet]] line
        expected.insert(0, f"{path}:2: outlet x: field 'allowed_domains': missing")
    assert errors == [f"Error: {e}" for e in expected], result.stderr


def test_sources_check_without_online_refuses_settings(tmp_path: Path) -> None:
    result = invoke_cli("sources", "check", "-s", "DOWNLOAD_TIMEOUT=3")
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "Error: -s/--set: settings apply only to the online check; add --online "
        "(see `wirewatch sources check --help`)"]


def test_a_registry_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Notepad and other Windows editors start UTF-8 files with a BOM: it was "not valid TOML: Invalid
    statement (at line 1, column 1)"."""
    path = tmp_path / "sources.toml"
    path.write_bytes(b"\xef\xbb\xbf" + DEFAULT_REGISTRY.read_bytes())
    assert [s.id for s in load(path)] == [s.id for s in load(DEFAULT_REGISTRY)]
    result = invoke_cli("sources", "check", "--sources", path)
    assert result.code == 0 and "valid." in result.stdout, result.stderr


def test_a_folder_given_as_the_registry_is_named_as_such(tmp_path: Path) -> None:
    result = invoke_cli("sources", "list", "--sources", tmp_path)
    assert result.code == 1
    assert result.stderr.strip() == f"Error: {tmp_path}: is a folder, not a source registry (a TOML file)"


@pytest.mark.parametrize("codes, wrong", [('["en", "xx"]', "'xx'"), ('["EN"]', "did you mean 'en'?")])
def test_languages_are_iso_639_1_codes_as_everywhere_else(tmp_path: Path, codes: str, wrong: str) -> None:
    """Any two lower-case letters passed (`xx`), while `watch add --lang xx` was refused: one check now."""
    _, problems = check(registry(tmp_path, GOOD.replace('languages = ["en"]', f"languages = {codes}")))
    assert len(problems) == 1 and "field 'languages'" in problems[0] and wrong in problems[0], problems


def test_a_malformed_enabled_does_not_hide_a_malformed_feed_url(tmp_path: Path) -> None:
    """`sources check` promises every problem: `enabled = "yes"` hid `htp://` in feeds (the check of an
    enabled outlet's documents reads `enabled`; the URL check does not)."""
    text = GOOD.replace('feeds = ["https://x.example/rss"]', 'feeds = ["htp://x.example/rss"]') + 'enabled = "yes"\n'
    _, problems = check(registry(tmp_path, text))
    assert sorted(p.split("field ")[1].split(":")[0] for p in problems) == ["'enabled'", "'feeds'"], problems


@pytest.mark.parametrize("kind", ["fifo", "device", "huge", "latin-1", "store"])
def test_a_registry_that_is_no_small_text_file_is_one_line_unread(tmp_path: Path, kind: str) -> None:
    """`--sources` naming a FIFO blocked for ever, `/dev/zero` filled memory (9.5 GB before it was stopped),
    a 300 MB file was read whole, and Latin-1 text gave Python's codec message: each is one line naming
    the file and what is wrong, exit 1."""
    import os

    path = tmp_path / "sources.toml"
    if kind == "fifo":
        os.mkfifo(path)
        why = "is a FIFO (named pipe), not a file"
    elif kind == "device":
        path, why = Path("/dev/zero"), "is a character device, not a file"
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(300_000_000)  # sparse: no disk used
        why = "larger than 16,777,216 bytes: not the small text file expected (the wrong file?)"
    elif kind == "store":  # --db and --sources swapped
        import storage

        storage.open_db(path).close()
        why = "is a SQLite database (a Wirewatch store?), not a text file"
    else:
        path.write_bytes(GOOD.replace('name = "X"', 'name = "Caf\xe9"').encode("latin-1"))
        why = "not UTF-8 text (byte 0xe9 on line 4); save it as UTF-8"
    for command in (["sources", "check"], ["crawl", "--db", tmp_path / "w.db"]):
        result = invoke_cli(*command, "--sources", path)
        assert result.code == 1
        assert result.stderr.splitlines()[0] == f"Error: {path}: cannot use it as the source registry: {why}"


def test_an_internationalised_domain_in_either_spelling(tmp_path: Path) -> None:
    # Written as people read it or in its ASCII form, one outlet: links to either spelling are its own (#10).
    for domain in ("مثال.test", "xn--mgbh0fb.test", "XN--MGBH0FB.test"):
        text = GOOD.replace("x.example", domain).replace(f"https://{domain}/", "https://مثال.test/")
        (source,) = load(registry(tmp_path, text))
        assert source.allowed_domains == ("xn--mgbh0fb.test",)
        assert source.in_domain("https://مثال.test/akhbar/1") and source.in_domain("https://www.xn--mgbh0fb.test/a")
        assert not source.in_domain("https://مثال2.test/akhbar/1")
