"""Wire attribution from bylines, datelines and credit lines, English and Arabic."""

from __future__ import annotations

import pytest

from processing import wire


@pytest.mark.parametrize("byline, agency", [
    ("Reuters", "Reuters"),
    ("By Reuters Staff", "Reuters"),
    ("By Hannah Reeve, PA Political Correspondent", "PA"),
    ("Press Association", "PA"),
    ("PA Media", "PA"),
    ("The Associated Press", "AP"),
    ("By Jo Kent, AP", "AP"),
    ("Agence France-Presse", "AFP"),
    ("AFP", "AFP"),
    ("Bloomberg", "Bloomberg"),
    ("dpa", "dpa"),
    ("WAM", "WAM"),
    ("Emirates News Agency", "WAM"),
    ("Gulf Mirror staff with SPA", "SPA"),
    ("Saudi Press Agency", "SPA"),
    ("KUNA", "KUNA"),
    ("QNA", "QNA"),
    ("BNA", "BNA"),
    ("Oman News Agency", "ONA"),
    ("MENA", "MENA"),
    ("Anadolu Agency", "Anadolu"),
    # Arabic
    ("رويترز", "Reuters"),
    ("أسوشيتد برس", "AP"),
    ("وكالة فرانس برس", "AFP"),
    ("بيروت - أ ف ب", "AFP"),
    ("بلومبرغ", "Bloomberg"),
    ("برلين - د ب أ", "dpa"),
    ("أبوظبي - وام", "WAM"),
    ("الرياض - واس", "SPA"),
    ("وكالة الأنباء السعودية", "SPA"),
    ("الكويت - كونا", "KUNA"),
    ("الدوحة - قنا", "QNA"),
    ("المنامة - بنا", "BNA"),
    ("مسقط - العمانية", "ONA"),
    ("القاهرة - أ ش أ", "MENA"),
    ("أنقرة - الأناضول", "Anadolu"),
    # the region's other national agencies and the main wire services elsewhere, both scripts
    ("Sudan News Agency", "SUNA"), ("الخرطوم - سونا", "SUNA"),
    ("AMMAN (Petra) --", "Petra"), ("عمّان - بترا", "Petra"), ("Jordan News Agency", "Petra"),
    ("Beirut - NNA", "NNA"), ("بيروت - الوطنية للإعلام", "NNA"),
    ("DAMASCUS, (SANA) -", "SANA"), ("دمشق - سانا", "SANA"), ("بغداد - واع", "INA"),
    ("رام الله - وفا", "WAFA"), ("Ramallah - WAFA", "WAFA"), ("صنعاء - سبأ", "Saba"),
    ("طرابلس - وال", "LANA"), ("الجزائر - واج", "APS"), ("Algérie Presse Service", "APS"),
    ("الرباط - و م ع", "MAP"), ("الرباط - ومع", "MAP"), ("Maghreb Arabe Presse", "MAP"),
    ("تونس - وات", "TAP"), ("TAP", "TAP"), ("طهران - إرنا", "IRNA"), ("IRNA", "IRNA"),
    ("بكين - شينخوا", "Xinhua"), ("By Xinhua writer Li Wei", "Xinhua"), ("Kyodo News", "Kyodo"),
    ("Yonhap", "Yonhap"), ("موسكو - تاس", "TASS"), ("ITAR-TASS", "TASS"), ("مدريد - إفي", "EFE"),
    ("ANSA", "ANSA"), ("New Delhi: ANI", "ANI"), ("PTI", "PTI"), ("Press Trust of India", "PTI"),
    ("PA Media", "PA"), ("Associated Press of Pakistan", "APP"), ("Bernama", "Bernama"),
])
def test_agency_in_byline(byline: str, agency: str) -> None:
    assert wire.from_byline(byline) == agency


@pytest.mark.parametrize("byline", [
    "Priya Menon", "By Daniel Ashworth, Local Democracy Reporting Service", "كتب: نورة الشمري",
    "AP Photo/Jon Elm", "Spa and wellness editor", "spa", "Panama correspondent", "Maps by the data team",
    "واسع الانتشار", "قناة الأخبار", "مناظرة حول الأمن المائي",
    # agencies' names that are people's names too: only a whole part of a byline is the agency
    "By Petra Nowak", "كتبت وفا سليمان", "By SANA KHAN", "Sana Khan", "سبأ محمد علي", "Tasnim Aslam",
    "By Saba Imtiaz", "LANA ROSS", "الوطنية للتأمين تعلن نتائجها", "تونس - الوطنية",
])
def test_no_agency_in_byline(byline: str) -> None:
    assert wire.from_byline(byline) is None


@pytest.mark.parametrize("paragraph, agency", [
    ("LONDON (Reuters) - Britain said on Tuesday that", "Reuters"),
    ("DUBAI, Nov 17 (Reuters) - Oil prices rose", "Reuters"),
    ("WASHINGTON (AP) — The Senate voted", "AP"),
    ("PARIS (AFP) - France will", "AFP"),
    ("ABU DHABI, 17th November, 2026 (WAM) -- The UAE", "WAM"),
    ("RIYADH — SPA: The Kingdom", "SPA"),
    ("الرياض - واس: أعلنت وزارة", "SPA"),
    ("الكويت - 16 - 11 (كونا) -- افتتحت وزارة", "KUNA"),
    ("الدوحة (قنا) - وقعت", "QNA"),
    ("القاهرة (أ ش أ) - بدأت", "MENA"),
    ("قنا - أ ش أ: شهدت محافظة قنا", "MENA"),  # Qena, the city, then the agency
    ("بيروت (أ ف ب) - أعادت", "AFP"),
    # the dateline alone on its line, above the story's first paragraph
    ("الرياض - واس", "SPA"),
    ("دبي - وام", "WAM"),
    ("القاهرة - أ ش أ", "MENA"),
    ("(أبوظبي - وام)", "WAM"),
    ("(Manama - BNA)", "BNA"),
    ("AMMAN, March 12 (Petra) -- The cabinet", "Petra"), ("رام الله - وفا - أفاد", "WAFA"),
    ("صنعاء (سبأ) - أعلنت", "Saba"), ("NEW DELHI, March 12 (PTI): The government", "PTI"),
    ("BEIJING, March 12 (Xinhua) -- China's", "Xinhua"), ("تونس (وات) - انطلقت", "TAP"),
])
def test_agency_in_dateline(paragraph: str, agency: str) -> None:
    assert wire.from_dateline(paragraph) == agency


@pytest.mark.parametrize("paragraph", [
    "LONDON: Russia is planning to", "Vienna - The company said", "الأحساء - الواحة: انطلقت",
    "The minister told Reuters (by phone) - that", "RIYADH: The Saudi Press Agency reported that",
    "(أبوظبي - البيان)", "أبوظبي - البيان", "Vienna - Reuters reported on Monday that the talks",
])
def test_no_agency_in_dateline(paragraph: str) -> None:
    assert wire.from_dateline(paragraph) is None


@pytest.mark.parametrize("paragraph, agency", [
    ("— SPA", "SPA"),
    ("(AFP)", "AFP"),
    ("- كونا", "KUNA"),
    ("(واس)", "SPA"),
    ("Source: WAM", "WAM"),
    ("المصدر: وكالة الأنباء العمانية", "ONA"),
    ("With Reuters", "Reuters"),
    ("(Reporting by Ann Doe in London; Editing by Bo Roe)", "Reuters"),
    ("Copyright 2026 The Associated Press. All rights reserved.", "AP"),
    ("The ministry said the work would finish next year. — AFP", "AFP"),
    ("(Petra)", "Petra"), ("- وفا", "WAFA"), ("Source: Xinhua", "Xinhua"), ("المصدر: سانا", "SANA"),
])
def test_agency_in_credit_line(paragraph: str, agency: str) -> None:
    assert wire.from_credit(paragraph) == agency


@pytest.mark.parametrize("paragraph", [
    "Photo: Reuters", "(Photo: AFP)", "(الصورة: واس)",
    "Russia's defense ministry did not immediately respond to Reuters requests for comment.",
    "The company's shares rose on the news, Bloomberg data showed.",
])
def test_no_agency_in_credit_line(paragraph: str) -> None:
    assert wire.from_credit(paragraph) is None


def test_byline_first_then_dateline_then_credit() -> None:
    paragraphs = ["PARIS (AFP) - The story.", "More of it.", "— SPA"]
    assert wire.find(["Reuters"], paragraphs) == "Reuters"
    assert wire.find(["Priya Menon"], paragraphs) == "AFP"
    assert wire.find([], paragraphs[1:]) == "SPA"
    assert wire.find(["Priya Menon"], ["LONDON: A staff story.", "It ends here."]) is None


@pytest.mark.parametrize("line, first", [
    ("LONDON, 12 March (Reuters) -", False), ("NEW DELHI [India], March 12 (ANI):", False),
    ("الرياض - واس", False), ("عمّان (بترا) -", False), ("(أبوظبي - وام)", False), ("(أبوظبي - البيان)", False),
    ("RIYADH — SPA:", False), ("— AFP", False), ("(WAM)", False), ("- كونا", False),
    ("WASHINGTON —", False), ("ABU DHABI:", False), ("Abu Dhabi, March 12, 2026 —", False),
    ("الرياض، 12 مارس 2026 -", False), ("KUWAIT CITY, 3 Nov 2026:", False),
    # a place alone in Title Case or Arabic: only as the text's first line
    ("Dubai:", True), ("Ras Al Khaimah -", True), ("القاهرة -", True), ("دبي:", True), ("واشنطن -", True),
    # other languages' wire datelines
    ("PARIS, 12 mars (AFP) -", False), ("Berlin (dpa) -", False), ("MADRID, 12 mar (EFE).-", False),
    ("ABU DHABI, 12th March, 2026 (WAM) --", False), ("عمّان 12 آذار (بترا) -", False), ("BEIJING, March 12 (Xinhua) --", False),
    # an agency's sign-off with its editors' initials
    ("وام/ س ر", False), ("وام/ع ل م/ ز م ن", False), ("قنا/ م ع", False),
])
def test_a_dateline_alone_on_its_line(line: str, first: bool) -> None:
    assert wire.is_dateline_line(line, first)


@pytest.mark.parametrize("line, first", [
    ("LONDON (Reuters) - The Bank of England said on Thursday it would hold rates.", True),
    ("الرياض - واس: أعلنت وزارة الصحة عن حملة جديدة", True), ("Dubai: Work on the port begins in May.", True),
    ("Dubai:", False), ("القاهرة -", False),  # not the first line: a place alone mid-text is left
    ("Update:", True), ("Key points:", True), ("The Road Ahead:", True), ("تنويه:", True), ("وقال:", True),
    ("Background", True), ("Abu Dhabi", True), ("Dubai, a city of towers —", False), ("He said:", True),
    # a sentence that ends with the agency's credit is text
    ("The minister said the talks would resume next week (AFP)", False), ("Talks resume next week (Reuters)", False),
    ("The talks will resume - AFP", False), ("قال الوزير إن المحادثات ستستأنف (أ ف ب)", False),
    ("(Updated with the minister's remarks - AP)", False),
    ("واس/ محمد العتيبي", False), ("قال المتحدث/ إن", False),  # a name after the slash, a sentence
])
def test_not_a_dateline_line(line: str, first: bool) -> None:
    assert not wire.is_dateline_line(line, first)


@pytest.mark.parametrize("line, expected", [
    ("أبوظبي - البيان", True), ("دبي - «البيان»", True), ("Dubai - Gulf Ledger", True),
    ("Dubai — gulfledger.test", True),  # the site's host written out is its name too (processing.headline.is_site_name)
    ("Dubai - Gulf Ledger reporters", False), ("The site was down for hours - Gulf Ledger", False),
    ("أبوظبي - الخليج", False),  # another outlet's name: not this page's dateline
])
def test_a_place_beside_the_sites_own_name_is_a_dateline(line: str, expected: bool) -> None:
    assert wire.is_dateline_line(line, False, ("البيان", "Gulf Ledger"), "https://www.gulfledger.test/a") is expected
