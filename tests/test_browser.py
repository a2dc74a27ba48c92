"""An analyst's walk through `wirewatch serve` in a real headless Chromium (Debian's, driven by Selenium).

The walk: the front page (latest stories), the articles table, a search that finds an Arabic article
by an Arabic word (and, where the store translates, by an English word of its translation, with the
hit highlighted in the snippet), the Arabic article's page read right-to-left beside its English
version, canned queries, and a watch's Atom feed. Every step saves a screenshot in
test-artifacts/browser/ (the README's are copied from there into docs/images/).

Every action that leads to another page waits for that page: its URL, and a marker only it has,
found after the old page's document went stale; never an element the old page also has, and never
a fixed sleep. When Chromium is missing, the session installs Debian's `chromium` and
`chromium-driver` with apt-get (as root, time-bounded); where that cannot be done it skips and says why.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlite_utils

import storage
from storage import catalog
from tests.conftest import ROOT, Crawled, invoke_cli
from tests.contract_schema import TRANSLATED, add_contract_schema, copy_store, fill_contract_data
from tests.serving import serving
from tests.system_packages import apt_install

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
APT_PACKAGES = ("chromium", "chromium-driver", "fonts-dejavu-core")
INSTALL_TIMEOUT_S = 900
WAIT_S = 30
ARTIFACTS = ROOT / "test-artifacts" / "browser"
WATCH = "book-fairs"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1100")


def install_chromium() -> str | None:
    """Install Debian's Chromium and its driver; return why not, or None when it worked."""
    reason = apt_install(APT_PACKAGES, str(CHROMIUM), INSTALL_TIMEOUT_S)
    if reason is None and not (CHROMIUM.exists() and DRIVER.exists()):
        return f"apt-get installed {' '.join(APT_PACKAGES)} but {CHROMIUM} or {DRIVER} is still missing"
    return reason


@pytest.fixture(scope="session")
def chromium() -> tuple[Path, Path]:
    if not (CHROMIUM.exists() and DRIVER.exists()):
        reason = install_chromium()
        if reason:
            pytest.skip(reason)
    return CHROMIUM, DRIVER


@pytest.fixture(scope="module")
def browser(chromium: tuple[Path, Path]) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium comes with the test extra: "
                                                                 "pip install -e '.[test]'")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium[0])
    profile = tempfile.TemporaryDirectory(prefix="wirewatch-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile.name}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(chromium[1])), options=options)
    driver.set_page_load_timeout(WAIT_S)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        profile.cleanup()


@pytest.fixture(scope="module")
def demo(crawled: Crawled, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, catalog.Features]]:
    """`wirewatch serve` on (a copy of) the demo store, as `wirewatch demo` leaves it."""
    path = copy_store(crawled.db, tmp_path_factory.mktemp("browse") / "wirewatch.db")
    with serving(path) as url:
        yield url, catalog.features(storage.open_readonly(path))


@pytest.fixture(scope="module")
def translated(crawled: Crawled, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`wirewatch serve` on the demo store with translations, provenance and stories filled in."""
    path = copy_store(crawled.db, tmp_path_factory.mktemp("browse-translated") / "translated.db")
    db = sqlite_utils.Database(path)
    add_contract_schema(db)
    fill_contract_data(db)
    db.close()
    added = invoke_cli("watch", "add", WATCH, "publishers", "--db", path)  # matches the Arabic article's English
    assert added.code == 0, added.stderr
    with serving(path) as url:
        yield url


def wait_for(driver: Any, css: str) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_S).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def find_all(driver: Any, css: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def direction(driver: Any, element: Any) -> str:
    return driver.execute_script("return getComputedStyle(arguments[0]).direction", element)


def shot(driver: Any, name: str) -> None:
    path = ARTIFACTS / f"{name}.png"
    assert driver.save_screenshot(str(path)), path


def column(driver: Any, name: str) -> list[str]:
    return [cell.text for cell in find_all(driver, f"table.rows-and-columns tbody td.col-{name}")]


def leads_to(driver: Any, action: Any, url_part: str, marker: str) -> Any:
    """Run ``action`` (a click, a key press) and wait for the page it leads to: the old document gone
    stale, the URL holding ``url_part``, then ``marker`` present (an element of the new page)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element("css selector", "html")
    action()
    WebDriverWait(driver, WAIT_S).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, WAIT_S).until(lambda d: url_part in d.current_url)
    return wait_for(driver, marker)


def search(driver: Any, url: str, words: str) -> None:
    from selenium.webdriver.common.keys import Keys

    driver.get(url + "/articles")
    box = wait_for(driver, "input#_search")
    # The results page is the one whose search box holds the words (the table page's box is empty).
    leads_to(driver, lambda: box.send_keys(words, Keys.ENTER), "_search=", "table.rows-and-columns, p.zero-results")
    assert driver.find_element("css selector", "input#_search").get_attribute("value") == words


def open_first_article(driver: Any) -> None:
    link = find_all(driver, "table.rows-and-columns tbody td.type-pk a")[0]
    leads_to(driver, link.click, "/articles/", "section.wirewatch-article")


def test_articles_table(browser: Any, demo: tuple[str, catalog.Features]) -> None:
    url, _ = demo
    browser.get(url + "/articles")
    wait_for(browser, "table.rows-and-columns tbody tr")
    assert browser.title.startswith("wirewatch: articles")
    facets = [e.text for e in find_all(browser, ".facet-info-name strong")]
    for facet in ("outlet", "region (outlet)", "language"):
        assert any(f.startswith(facet) for f in facets), facets
    assert set(column(browser, "language")) >= {"ar", "en"}
    arabic_title = find_all(browser, "td.col-title div.wirewatch-text")[0]
    assert arabic_title.get_attribute("dir") == "rtl" and direction(browser, arabic_title) == "rtl"
    shot(browser, "01-articles-table")


def test_search_finds_arabic_article_by_arabic_word(browser: Any, demo: tuple[str, catalog.Features]) -> None:
    url, _ = demo
    search(browser, url, "معرض")
    assert "_search=" in browser.current_url
    assert column(browser, "language") == ["ar"]
    assert "معرض الأحساء للكتاب" in column(browser, "title")[0]
    browser.execute_script("arguments[0].scrollIntoView()", find_all(browser, "h3")[0])
    shot(browser, "02-search-arabic-word")


def test_arabic_article_page_reads_right_to_left(browser: Any, demo: tuple[str, catalog.Features]) -> None:
    url, features = demo
    search(browser, url, "معرض")
    open_first_article(browser)
    original = wait_for(browser, "article.wirewatch-original")
    assert original.get_attribute("dir") == "rtl" and original.get_attribute("lang") == "ar"
    assert direction(browser, original) == "rtl"
    heading = original.find_element("css selector", "h2")
    assert direction(browser, heading) == "rtl" and "معرض الأحساء للكتاب" in heading.text
    assert browser.title.startswith("انطلاق معرض الأحساء للكتاب")  # the headline is the page's title
    # Every paragraph, wrapped lines included, starts at the right: text-align start under dir="rtl".
    paragraphs = original.find_elements("css selector", "p:not(.wirewatch-label)")
    assert paragraphs
    for paragraph in paragraphs:
        style = browser.execute_script(
            "const s = getComputedStyle(arguments[0]); return [s.direction, s.textAlign]", paragraph)
        assert style == ["rtl", "start"], style
    # Right-to-left: the heading's first letter sits at the right edge of the article's box.
    box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.right]", original)
    first = browser.execute_script(
        "const range = document.createRange(); const text = arguments[0].firstChild;"
        "range.setStart(text, 0); range.setEnd(text, 1); const r = range.getBoundingClientRect();"
        "return [r.left, r.right]", heading)
    assert box[1] - first[1] < 40 < first[0] - box[0], (box, first)
    english = find_all(browser, "article.wirewatch-english")
    assert english and english[0].get_attribute("dir") == "ltr"
    provenance = english[0].find_element("css selector", ".wirewatch-provenance").text
    if not features.translated:
        assert "does not translate" in provenance
    shot(browser, "03-arabic-article-page")


def test_canned_queries(browser: Any, demo: tuple[str, catalog.Features]) -> None:
    url, _ = demo
    browser.get(url)
    link = browser.find_element("link text", "Latest articles by region and language")
    region = leads_to(browser, link.click, "/latest_articles", "input[name=region]")
    region.send_keys("gulf")
    browser.find_element("css selector", "input[name=language]").send_keys("ar")
    submit = browser.find_element("css selector", "form input[type=submit]")
    leads_to(browser, submit.click, "region=gulf", "table.rows-and-columns tbody tr")
    assert set(column(browser, "language")) == {"ar"} and set(column(browser, "region")) == {"gulf"}
    title = find_all(browser, "td.col-title div.wirewatch-text")[0]
    assert direction(browser, title) == "rtl"
    shot(browser, "04-canned-latest-gulf-arabic")
    browser.get(url + "/outlet_health")
    wait_for(browser, "table.rows-and-columns tbody tr")
    assert set(column(browser, "outlet")) >= {"al-waha", "gulf-herald", "gulf-mirror", "northern-courier"}
    shot(browser, "05-canned-outlet-health")


def test_search_finds_arabic_article_by_english_word(browser: Any, translated: str) -> None:
    search(browser, translated, "publishers")
    assert column(browser, "language") == ["ar"]
    shot(browser, "06-search-english-word")
    open_first_article(browser)
    original = wait_for(browser, "article.wirewatch-original")
    english = wait_for(browser, "article.wirewatch-english")
    assert direction(browser, original) == "rtl" and direction(browser, english) == "ltr"
    assert english.find_element("css selector", "h2").text == TRANSLATED["ahsa-book-fair-opens"][0]
    provenance = english.find_element("css selector", ".wirewatch-provenance").text
    assert "argostranslate" in provenance and "translate-ar_en" in provenance and "ar → en" in provenance
    left, right = original.rect, english.rect
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]  # side by side
    shot(browser, "07-article-original-beside-english")


def test_story_queries(browser: Any, translated: str) -> None:
    browser.get(translated)
    link = browser.find_element("link text", "Stories carried by the most outlets in the last 24 hours")
    leads_to(browser, link.click, "/top_stories_24h", "table.rows-and-columns tbody tr")
    outlets = column(browser, "outlet_list")
    assert any(set(o.split(",")) == {"gulf-herald", "gulf-mirror"} for o in outlets)
    shot(browser, "08-canned-top-stories")
    story = next(s for s, o in zip(column(browser, "story_id"), outlets) if "gulf-mirror" in o)
    browser.get(f"{translated}/story_copies?story_id={story}")
    wait_for(browser, "table.rows-and-columns tbody tr")
    assert column(browser, "outlet") == ["gulf-herald", "gulf-mirror"]
    shot(browser, "09-canned-story-copies")


def test_front_page_shows_latest_multi_outlet_stories(browser: Any, translated: str) -> None:
    browser.get(translated)
    stories = wait_for(browser, "ol.wirewatch-stories")
    items = stories.find_elements("css selector", "li.wirewatch-story")
    assert items and all(" outlets" in item.text for item in items)
    forum = next(item for item in items if item.text.startswith("Water security forum"))
    assert "gulf-herald" in forum.text and "gulf-mirror" in forum.text and "regions gulf" in forum.text
    # The news comes before the list of tables.
    order = browser.execute_script(
        "return arguments[0].compareDocumentPosition(document.getElementById('tables'))", stories)
    assert order & 4  # DOCUMENT_POSITION_FOLLOWING
    shot(browser, "10-front-page")
    link = forum.find_element("css selector", "a")
    leads_to(browser, link.click, "/story_copies?story_id=", "table.rows-and-columns tbody tr")
    assert column(browser, "outlet") == ["gulf-herald", "gulf-mirror"]


def test_search_shows_highlighted_snippet_and_which_text_matched(browser: Any, translated: str) -> None:
    browser.get(translated + "/search_translated")
    box = wait_for(browser, "input[name=q]")
    box.send_keys("publishers")
    submit = browser.find_element("css selector", "form input[type=submit]")
    mark = leads_to(browser, submit.click, "q=publishers", "td.col-snippet mark")
    assert mark.text.lower() == "publishers"
    assert column(browser, "matched") == ["translation"] and column(browser, "language") == ["ar"]
    assert not find_all(browser, "textarea#sql-editor") or not find_all(browser, "textarea#sql-editor")[0].is_displayed()
    shot(browser, "11-search-snippet")
    browser.get(translated + "/search_translated?q=" + "معرض")
    snippet = wait_for(browser, "td.col-snippet div.wirewatch-snippet")
    assert snippet.get_attribute("dir") == "rtl" and direction(browser, snippet) == "rtl"
    assert snippet.find_element("css selector", "mark").text == "معرض"


def test_watch_atom_feed(browser: Any, translated: str) -> None:
    browser.get(f"{translated}/watch_feed.atom?watch={WATCH}")
    source = browser.page_source
    assert "http://www.w3.org/2005/Atom" in source and "<entry>" in source.replace("&lt;", "<")
    assert TRANSLATED["ahsa-book-fair-opens"][0] in source
    shot(browser, "12-watch-atom-feed")
    browser.get(f"{translated}/watch_feed?watch={WATCH}")
    wait_for(browser, "table.rows-and-columns tbody tr")
    assert any("Al-Ahsa Book Fair" in title for title in column(browser, "atom_title"))
    shot(browser, "13-watch-feed-table")
