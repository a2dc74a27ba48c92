"""The article and nothing else (#10): related-stories blocks found by structure, notices that are
not the article, the headline not repeated in the text, old layout tables unwrapped.

Pages are written here; each kind is checked through `wirewatch extract` once and then, more
cheaply, through processing.extract.extract (what the command runs). The shared cases in
../shared/cases are extracted too when present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from processing.extract import extract
from tests.conftest import SHARED, invoke_cli

EN = [
    "The harbour board approved a plan on Thursday to widen the northern channel, allowing larger container ships "
    "to dock at the port for the first time since it opened, the chairman told reporters.",
    "Dredging will start in the spring and take about eighteen months, with the cost shared between the board, "
    "the regional government and two shipping companies that use the terminal.",
    "Fishing crews said they had been consulted and would move their moorings to the southern basin while the "
    "work goes on, although some worried about the noise at night.",
]
AR = [
    "أقرّ مجلس إدارة الميناء يوم الخميس خطة لتوسيع القناة الشمالية بما يسمح للسفن الكبيرة بالرسو في الميناء "
    "لأول مرة منذ افتتاحه، وفق ما أعلنه رئيس المجلس في مؤتمر صحفي.",
    "وتبدأ أعمال التجريف في فصل الربيع وتستمر نحو ثمانية عشر شهراً، على أن تتقاسم التكلفة إدارة الميناء "
    "والحكومة المحلية وشركتان للشحن.",
    "وقال صيادون إنهم استُشيروا في الخطة وسينقلون قواربهم إلى الحوض الجنوبي خلال فترة الأعمال، رغم قلق بعضهم "
    "من الضجيج ليلاً.",
]
FR = [
    "Le conseil portuaire a approuvé jeudi un projet d'élargissement du chenal nord, qui permettra aux plus grands "
    "porte-conteneurs d'accoster pour la première fois depuis l'ouverture du port, a indiqué son président.",
    "Les travaux de dragage commenceront au printemps et dureront environ dix-huit mois, pour un coût partagé "
    "entre le conseil, la région et deux compagnies maritimes.",
    "Les pêcheurs disent avoir été consultés et déplaceront leurs bateaux vers le bassin sud pendant le chantier.",
]


def page(body: str, *, title: str = "Harbour channel to be widened", lang: str = "en", head: str = "") -> bytes:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
            f"<body>{body}</body></html>").encode("utf-8")


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def text_of(html: bytes) -> list[str]:
    return extract(html, "https://port.test/news/1").paragraphs


# --- related-stories blocks ------------------------------------------------------------------------
EN_CARDS = [("Ferry fares to rise from April across the islands", "Operators blame the cost of fuel for the increase."),
            ("New pier opens at the old fish market", "The pier took two years and cost four million pounds."),
            ("Lighthouse keepers' cottages sold at auction", "A charity bought all three for holiday lets.")]
AR_CARDS = [("افتتاح مكتبة عامة جديدة في حي الشاطئ", "تضم المكتبة أكثر من خمسين ألف كتاب وقاعة للأطفال."),
            ("انطلاق مهرجان التمور في دورته العاشرة", "يستمر المهرجان عشرة أيام بمشاركة مئتي مزارع."),
            ("تمديد ساعات عمل الحافلات خلال الإجازة", "تعمل الحافلات حتى منتصف الليل طوال أيام العطلة.")]
FR_CARDS = [("Le tarif des ferries augmentera en avril", "Les opérateurs invoquent le prix du carburant."),
            ("Une nouvelle jetée ouvre sur le vieux port", "Les travaux ont duré deux ans."),
            ("Les maisons des gardiens de phare vendues", "Une association a acheté les trois maisons.")]


def cards_in_divs(cards: list[tuple[str, str]], heading: str) -> str:
    items = "".join(f'<div class="teaser"><h4><a href="/n/{i}">{h}</a></h4><p>{t}</p></div>' for i, (h, t) in enumerate(cards))
    return f"<section>{heading}{items}</section>"


def cards_flat(cards: list[tuple[str, str]], heading: str) -> str:
    return heading + "".join(f'<h3><a href="/n/{i}">{h}</a></h3><p>{t}</p>' for i, (h, t) in enumerate(cards))


def cards_as_links(cards: list[tuple[str, str]], heading: str) -> str:
    items = "".join(f'<li><a class="card" href="/n/{i}"><span class="kicker">Port</span><strong>{h}</strong>'
                    f"<br>{t}</a></li>" for i, (h, t) in enumerate(cards))
    return f"{heading}<ul class='stream'>{items}</ul>"


def cards_as_paragraphs(cards: list[tuple[str, str]], heading: str) -> str:
    return heading + "".join(f'<p><a href="/n/{i}"><strong>{h}</strong></a><br>{t}</p>' for i, (h, t) in enumerate(cards))


@pytest.mark.parametrize(("body", "cards", "lang"), [
    (EN, cards_in_divs(EN_CARDS, "<h3>More on this story</h3>"), "en"),
    (AR, cards_as_paragraphs(AR_CARDS, ""), "ar"),  # paragraphs, each a linked headline, a line break, a teaser
    (EN, cards_as_paragraphs(EN_CARDS[:2], "<p><strong>Read more</strong></p>"), "en"),
    (EN, cards_in_divs(EN_CARDS, "<h3>Elsewhere on the site tonight</h3>"), "en"),  # a heading no list knows
    (EN, cards_in_divs(EN_CARDS, ""), "en"),  # no heading at all
    (EN, cards_as_links(EN_CARDS, "<h2>Most read</h2>"), "en"),
    (AR, cards_flat(AR_CARDS, "<h3>اخترنا لك</h3>"), "ar"),
    (AR, cards_in_divs(AR_CARDS, "<h2>مواضيع ذات صلة</h2>"), "ar"),
    (AR, cards_as_links(AR_CARDS, "<div><b>الأكثر قراءة</b></div>"), "ar"),
    (FR, cards_flat(FR_CARDS, "<h3>À lire aussi</h3>"), "fr"),
    (FR, cards_flat(FR_CARDS[:2], "<h3>Sur le même thème</h3>"), "fr"),  # two cards under a heading
])
def test_related_block_is_not_text(body: list[str], cards: str, lang: str) -> None:
    html = page(f"<article><h1>Headline</h1>{paragraphs(body)}{cards}</article>", lang=lang)
    assert text_of(html) == body


def test_cards_in_an_aside_after_the_article() -> None:
    aside = "".join(f'<div><a href="/n/{i}"><img src="/i/{i}.jpg"></a><h5><a href="/n/{i}">{h}</a></h5><p>{t}</p></div>'
                    for i, (h, t) in enumerate(EN_CARDS))
    html = page(f"<main><article>{paragraphs(EN)}</article><div class='rail'>{aside}</div></main>")
    assert text_of(html) == EN


def test_article_lists_with_links_stay() -> None:
    # Link-led list items inside a sentence, and a paragraph that is a link: the article's own content.
    items = ["<li><a href='/c/1'>Northgate Shipping</a> will pay a third of the cost, its chief executive said.</li>",
             "<li><a href='/c/2'>Harbour Line Ferries</a> expects fewer sailings while the work lasts.</li>",
             "<li><a href='/c/3'>The regional government</a> will cover what the companies do not.</li>"]
    html = page(f"<article>{paragraphs(EN[:2])}<ul>{''.join(items)}</ul>{paragraphs(EN[2:])}</article>")
    text = "\n".join(text_of(html))
    assert "Northgate Shipping will pay a third" in text and "Harbour Line Ferries expects" in text
    assert EN[2] in text


def test_paragraphs_that_open_with_a_link_inside_a_sentence_stay() -> None:
    items = "".join(f"<p><a href='/c/{i}'>{name}</a> {rest}</p>" for i, (name, rest) in enumerate([
        ("Northgate Shipping", "will pay a third of the cost of the dredging, its chief executive said."),
        ("Harbour Line Ferries", "expects fewer sailings to the islands while the work lasts."),
        ("The regional government", "will cover whatever the two companies do not pay.")]))
    text = "\n".join(text_of(page(f"<article>{paragraphs(EN[:2])}{items}{paragraphs(EN[2:])}</article>")))
    assert "Northgate Shipping will pay a third" in text and "The regional government will cover" in text


def test_links_inside_a_sentence_and_a_table_of_contents_stay() -> None:
    # A paragraph made of linked names, and jump links repeating the article's own subheadings.
    sentence = ("<p><a href='https://social.test/a'>Councillor Ann Reid of the harbour ward</a> and "
                "<a href='https://social.test/b'>the port's chief engineer Sam Okafor</a> have both backed the plan.</p>")
    contents = "<ul>" + "".join(f"<li><a href='#s{i}'>{h}</a></li>" for i, h in enumerate(
        ["What the dredging involves", "Who pays for the work", "What fishing crews say"])) + "</ul>"
    body = f"{contents}<p>{EN[0]}</p>{sentence}<h2 id='s1'>Who pays for the work</h2><p>{EN[1]}</p><p>{EN[2]}</p>"
    text = text_of(page(f"<article>{body}</article>"))
    assert "Who pays for the work" in text and EN[1] in text
    assert any(p.startswith("Councillor Ann Reid of the harbour ward and the port") for p in text)


def test_related_block_through_the_command(tmp_path: Path) -> None:
    file = tmp_path / "page.html"
    file.write_bytes(page(f"<article><h1>Harbour</h1>{paragraphs(AR)}{cards_flat(AR_CARDS, '<h3>اقرأ أيضاً</h3>')}"
                          "</article>", lang="ar"))
    result = invoke_cli("extract", file, "--json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["text"].split("\n\n") == AR and data["boilerplate_removed"]["related-cards"] >= 6


# The opening of another story, cut short as card teasers cut it.
OPENING = ("Councillors voted late on Tuesday to keep the old ferry terminal open for another five years, after "
           "a petition signed by more than four thousand residents asked them to reconsider the closure. The "
           "terminal, which first opened in 1962, needs a new roof and new gangways, and the council estimates "
           "the repairs at around two million pounds, a sum it hopes to share with the operators who")


def cards_wrapped(cards: list[tuple[str, str]], heading: str) -> str:
    # Each card one link around picture, heading, date and the opening of the story cut short.
    items = "".join(f'<li><a href="/n/{i}"><div><img src="/i/{i}.jpg"></div><h2 class="t">{h}</h2>'
                    f'<div class="when">2026-11-0{i + 1}</div><p><span class="tag">PORT:</span> {t} {OPENING}</p>'
                    "</a></li>" for i, (h, t) in enumerate(cards))
    return f"<div class='more'>{heading}<ul>{items}</ul></div>"


@pytest.mark.parametrize(("body", "cards", "lang"), [
    (EN, cards_wrapped(EN_CARDS, ""), "en"),
    (EN, cards_wrapped(EN_CARDS[:2], ""), "en"),  # two cards closing their container
    (FR, cards_wrapped(FR_CARDS, "<h3>Dans la même rubrique</h3>"), "fr"),
    (AR, cards_wrapped(AR_CARDS, "<h4>من الأرشيف</h4>"), "ar"),
], ids=["en", "en-two", "fr-heading", "ar-heading"])
def test_cards_that_are_one_link_with_a_long_teaser(body: list[str], cards: str, lang: str) -> None:
    html = page(f"<div class='wrap'><div class='col'><h1>Headline</h1>{paragraphs(body)}</div>"
                f"<div class='col2'>{cards}</div></div>", lang=lang)
    assert text_of(html) == body


def test_promotion_links_in_capitals_between_paragraphs_are_not_text() -> None:
    promos = ["<p><a href='/n/7'><strong>FERRY FARES TO RISE FROM APRIL ACROSS THE ISLANDS</strong></a></p>",
              "<p><a href='/app'><b>GET OUR APP FOR THE LATEST PORT NEWS</b></a></p>",
              "<p><a href='/n/9'>LES TARIFS DES FERRIES AUGMENTERONT EN AVRIL</a></p>"]
    heading = "<p><strong>WHAT THE CREWS SAY</strong></p>"  # a subheading in capitals, not a link: stays
    body = f"<p>{EN[0]}</p>{promos[0]}<p>{EN[1]}</p>{promos[1]}{heading}<p>{EN[2]}</p>{promos[2]}"
    assert text_of(page(f"<article>{body}</article>")) == [EN[0], EN[1], "WHAT THE CREWS SAY", EN[2]]


# --- an article body split by ads, and posts embedded in it --------------------------------------------
MORE_EN = [
    "The chairman said the board had looked at three other routes before settling on the northern channel, "
    "which needs the least rock to be removed and leaves the seagrass beds to the south untouched.",
    "Environmental groups welcomed the choice of route but asked for the dredged sand to be kept out of the bay, "
    "where it could smother the shellfish beds that local divers have been restoring for a decade.",
    "A public meeting on the plan will be held at the town hall next month, and the final design is due to be "
    "published before the end of the year, the board said in a statement on its website.",
    "Shipping companies said larger vessels could cut the cost of bringing goods to the islands by a fifth, "
    "although they warned that fares would not fall until the new berths were finished.",
]
MORE_AR = [
    "وأوضح رئيس المجلس أن الدراسات شملت ثلاثة مسارات أخرى قبل اختيار القناة الشمالية لأنها تتطلب أقل قدر من "
    "إزالة الصخور وتحافظ على الأعشاب البحرية في الجنوب.",
    "ورحبت جمعيات البيئة باختيار المسار لكنها طالبت بإبعاد الرمال المستخرجة عن الخليج حفاظاً على مزارع المحار "
    "التي يعمل الغواصون على إعادة تأهيلها منذ سنوات.",
    "ومن المقرر عقد لقاء عام لمناقشة الخطة في مبنى البلدية الشهر المقبل، على أن يُنشر التصميم النهائي قبل نهاية العام.",
    "وقالت شركات الشحن إن السفن الأكبر ستخفض كلفة نقل البضائع إلى الجزر، لكنها حذرت من أن الأسعار لن تنخفض "
    "قبل اكتمال الأرصفة الجديدة.",
]
AD = '<div class="ad-slot"><span>Advertisement</span><iframe src="/ads/1"></iframe></div>'


@pytest.mark.parametrize(("shape", "cls", "lang"), [
    ('<div class="row"><div class="main-col"><div class="{cls}">{ps}</div></div><div class="rail"></div></div>',
     "article-body", "en"),  # parts nested alike, each in its own grid row
    ('<section class="{cls}">{ps}</section>', "story-content", "en"),
    ('<div class="{cls}">{ps}</div>', "article__body", "ar"),
], ids=["nested", "section", "ar"])
def test_an_article_split_into_parts_comes_out_whole(shape: str, cls: str, lang: str) -> None:
    texts = EN + MORE_EN if lang == "en" else AR + MORE_AR
    parts = [texts[:4], texts[4:5], texts[5:]]
    body = (shape.format(cls=cls, ps=paragraphs(parts[0])) + AD
            + '<div class="newsletter-box"><p>Get the morning briefing every day.</p></div>'
            + shape.format(cls=cls, ps=paragraphs(parts[1])) + AD + shape.format(cls=cls, ps=paragraphs(parts[2])))
    html = page(f"<main><article><h1>Headline</h1>{body}</article></main>", lang=lang)
    assert text_of(html) == texts


def test_a_short_note_after_the_article_in_the_same_dress_is_not_joined() -> None:
    texts = EN + MORE_EN
    note = "Note: the sponsorship policy shown below does not cover this report or any other from our newsroom."
    body = (f'<div class="row"><div class="article-body">{paragraphs(texts[:4])}</div></div>{AD}'
            f'<div class="row"><div class="article-body">{paragraphs(texts[4:])}</div></div>'
            f'<div class="row"><div class="article-body"><p>{note}</p></div></div>')
    text = text_of(page(f"<main><article><h1>Headline</h1>{body}</article></main>"))
    assert text[:len(texts)] == texts and note not in text


def test_comments_in_same_class_boxes_are_not_joined_to_the_article() -> None:
    comments = "".join(f'<div class="comment"><p>{text}</p><p>{text}</p></div>' for text in FR)
    html = page(f'<main><article><div class="body">{paragraphs(EN + MORE_EN)}</div></article>'
                f'<section class="comments">{comments}</section></main>')
    assert text_of(html) == EN + MORE_EN


EMBEDS = [
    '<blockquote class="twitter-tweet" data-lang="en"><p lang="en">Dredgers are already on their way to the '
    'port, we hear. Big day for the town! pic.x.test/abc</p>&mdash; Harbour Watcher (@harbourwatch) '
    '<a href="https://x.test/harbourwatch/status/1">November 3, 2026</a></blockquote>',
    '<blockquote class="instagram-media" data-instgrm-permalink="https://insta.test/p/xyz/"><div><p>'
    'Une vue magnifique du chenal nord ce matin, avant les travaux de dragage #port</p>'
    '<p>Publication partagée par Marine (@marine.photo)</p></div></blockquote>',
    '<blockquote class="tiktok-embed" cite="https://tt.test/@diver/video/1"><section><p>غواصون يوثقون '
    'الأعشاب البحرية قبل أعمال التجريف في القناة الشمالية</p></section></blockquote>',
]


def test_embedded_posts_keep_their_words_and_lose_their_credit_lines() -> None:
    quote = ("<blockquote><p>We have waited twenty years for ships this size to reach the quay, and now they "
             "finally will, said the harbour master at the meeting.</p></blockquote>")
    html = page(f"<article>{paragraphs(EN[:1])}{EMBEDS[0]}{paragraphs(EN[1:2])}{EMBEDS[1]}{quote}{EMBEDS[2]}"
                f"{paragraphs(EN[2:])}</article>")
    text = text_of(html)
    assert [p for p in text if p in EN] == EN
    joined = "\n".join(text)
    assert "harbour master" in joined  # an ordinary quotation stays
    assert "Dredgers are already on their way" in joined and "chenal nord" in joined  # what the posts say
    assert "@harbourwatch" not in joined and "November 3, 2026" not in joined and "@marine.photo" not in joined


# --- notices that are not the article ---------------------------------------------------------------
@pytest.mark.parametrize(("body", "notices", "lang"), [
    (EN, ["This is a breaking news story and will be updated.", "Have your say in the comments below.",
          "Sign up for our morning briefing newsletter", "Image source, Getty Images", "Photo: Jo Marsh/PA Wire"], "en"),
    (EN, ["This story is developing and will be updated as more information becomes available.",
          "Let us know what you think in the comments.", "Jane Doe/AFP via Getty Images"], "en"),
    (AR, ["خبر عاجل", "شاركنا رأيك في التعليقات", "اشترك في النشرة البريدية ليصلك أهم الأخبار", "تصوير: سالم العتيبي",
          "التفاصيل لاحقاً"], "ar"),
    (FR, ["Cet article sera mis à jour.", "Laissez un commentaire", "Crédit photo : Agence Littoral"], "fr"),
])
def test_notices_are_not_text(body: list[str], notices: list[str], lang: str) -> None:
    mixed = [notices[0], body[0], notices[1], body[1], *notices[2:], body[2]]
    html = page(f"<article>{paragraphs(mixed)}</article>", lang=lang)
    assert text_of(html) == body


@pytest.mark.parametrize(("body", "byline", "notes", "lang"), [
    (EN, "By Ines Duarte and Kofi Asante",
     ["Ines Duarte is a senior researcher at the Coastal Policy Institute. Kofi Asante", "is a lecturer in marine "
      "engineering.", "This article first appeared in the Harbour Review."], "en"),
    (AR, "كتبت هند السويدي", ["هند السويدي باحثة في شؤون الموانئ والنقل البحري."], "ar"),
])
def test_the_closing_note_about_the_authors_is_not_text(body: list[str], byline: str, notes: list[str],
                                                        lang: str) -> None:
    html = page(f"<article><p class='byline'>{byline}</p>{paragraphs(body)}{paragraphs(notes)}</article>", lang=lang)
    assert text_of(html) == body


@pytest.mark.parametrize(("body", "quote", "lang"), [
    (EN, "<blockquote class='pull'><p>Dredging will start in the spring and take about eighteen months</p>"
         "<p>— Chairman of the harbour board</p></blockquote>", "en"),
    (AR, "<p><strong>«وتبدأ أعمال التجريف في فصل الربيع وتستمر نحو ثمانية عشر شهراً»</strong></p>", "ar"),
])
def test_a_pull_quote_repeating_the_story_is_not_text(body: list[str], quote: str, lang: str) -> None:
    html = page(f"<article>{paragraphs(body[:1])}{quote}{paragraphs(body[1:])}</article>", lang=lang)
    assert text_of(html) == body


def test_a_short_paragraph_of_its_own_stays() -> None:
    short = "The board will meet again in March."
    html = page(f"<article>{paragraphs(EN[:2])}<p>{short}</p>{paragraphs(EN[2:])}</article>")
    assert text_of(html) == EN[:2] + [short] + EN[2:]


def test_an_authors_name_inside_the_story_is_text() -> None:
    # The byline's name opening a paragraph of the story itself, not a closing note.
    last = "Ines Duarte, who has covered the port for a decade, says the plan is the largest she has seen."
    html = page(f"<article><p class='byline'>By Ines Duarte</p>{paragraphs(EN)}<p>{last}</p></article>")
    assert text_of(html) == EN + [last]


# --- the headline is a field, not the first paragraph -----------------------------------------------
@pytest.mark.parametrize(("title", "headline_markup", "body", "lang"), [
    ("Al Ain - Abu Dhabi bus route doubles its services", '<div class="news-title">{}</div>', EN, "en"),
    ("Channel widening approved | The Port Times", '<p class="lead"><strong>{}</strong></p>', EN, "en"),
    ("الدمام - الخبر: افتتاح جسر جديد للمشاة", '<div class="title">{}</div>', AR, "ar"),
    ("الميناء نيوز - توسعة القناة الشمالية للميناء", "<p><b>{}</b></p>", AR, "ar"),
])
def test_headline_is_not_repeated_as_first_paragraph(title: str, headline_markup: str, body: list[str],
                                                     lang: str) -> None:
    headline = title.split(" | ")[0] if " | " in title else title
    if title.startswith("الميناء نيوز - "):
        headline = title.removeprefix("الميناء نيوز - ")
    html = page(f"<div class='story'>{headline_markup.format(headline)}{paragraphs(body)}</div>", title=title, lang=lang)
    assert text_of(html) == body


# --- old CMS layout tables -------------------------------------------------------------------------
MENU = '<td width="18%"><a href="/">الرئيسية</a><br><a href="/mahalliyat">محليات</a><br><a href="/riyada">رياضة</a></td>'


@pytest.mark.parametrize("body", [AR[:1], AR[:2], AR])  # whatever the article's length
def test_layout_table_is_unwrapped_into_paragraphs(body: list[str]) -> None:
    headline = "توسعة القناة الشمالية للميناء"
    html = page(f'<table width="100%"><tr>{MENU}<td><font size="5" color="#003366"><b>{headline}</b></font><br>'
                f"{paragraphs(body)}</td></tr></table>", title=headline, lang="ar")
    assert text_of(html) == body


def test_nested_layout_table_in_windows_1256() -> None:
    headline = "توسعة القناة الشمالية للميناء"
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            f"<title>{headline}</title></head><body><table><tr><td colspan=2><img src=/logo.gif></td></tr><tr>{MENU}"
            f'<td><table width="100%"><tr><td><font face="Tahoma"><b>{headline}</b></font></td></tr>'
            f"<tr><td>{paragraphs(AR[:2])}</td></tr></table></td></tr></table></body></html>")
    assert text_of(html.encode("cp1256")) == AR[:2]


def test_layout_table_with_line_broken_paragraphs() -> None:
    # No <p> at all: the headline in <font><b>, the paragraphs separated by <br><br>, a <title> that
    # is the site's name alone.
    headline = "توسعة القناة الشمالية للميناء"
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
            f"<title>صحيفة الساحل القديمة</title></head><body><table><tr>{MENU}"
            f'<td><font size="4"><b>{headline}</b></font><br><br><font size="2">{"<br><br>".join(AR)}</font></td>'
            f"</tr></table></body></html>").encode("cp1256")
    result = extract(html, "https://port.test/news/1")
    assert result.paragraphs == AR
    assert result.title == headline


def test_data_table_is_left_alone() -> None:
    rows = "".join(f"<tr><td>{name}</td><td>{depth}</td></tr>" for name, depth in (("North", "14 m"), ("South", "9 m")))
    html = page(f"<article>{paragraphs(EN)}<table><tr><th>Channel</th><th>Depth</th></tr>{rows}</table></article>")
    text = "\n".join(text_of(html))
    assert "| North | 14 m |" in text and all(p in text for p in EN)


def test_layout_table_through_the_command(tmp_path: Path) -> None:
    headline = "توسعة القناة الشمالية للميناء"
    file = tmp_path / "old.html"
    file.write_bytes(page(f'<table><tr>{MENU}<td><font size="4"><b>{headline}</b></font><br>{paragraphs(AR[:2])}'
                          "</td></tr></table>", title=headline, lang="ar"))
    result = invoke_cli("extract", file, "--json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["text"].split("\n\n") == AR[:2]


# --- the shared cases, as they are -------------------------------------------------------------------
CASES = SHARED / "cases"


def _case_paragraphs(file: Path, xpath: str) -> list[str]:
    import lxml.html

    tree = lxml.html.fromstring(file.read_bytes())
    return [" ".join(p.text_content().split()) for p in tree.xpath(xpath)]


@pytest.mark.skipif(not CASES.is_dir(), reason="../shared/cases is not present")
@pytest.mark.parametrize(("case", "xpath"), [
    ("related-cards/page-en.html", "//article/p"),
    ("related-cards/page-ar.html", "//article/p"),
    ("layout-table-arabic/page.html", "//td/p"),
    ("title-dash-place-names/page.html", "//div[@class='story']/p"),
])
def test_shared_case_through_the_command(case: str, xpath: str) -> None:
    file = CASES / case
    result = invoke_cli("extract", file, "--json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["text"].split("\n\n") == _case_paragraphs(file, xpath)


# --- links set between the paragraphs, other notices, line breaks, datelines (#10, second round) -------------
H_EN, H_AR = EN_CARDS[0][0], AR_CARDS[0][0]


@pytest.mark.parametrize(("body", "inserts", "lang"), [
    (EN, [f"<p>Recommended: <a href='/n/1'>{H_EN}</a></p>",
          f"<p><a href='/n/2'><b>READ MORE</b></a></p><p><a href='/n/2'>{EN_CARDS[1][0]}</a></p>"], "en"),
    (EN, [f"<div class='inline'><strong>Also on the port</strong> <a href='/n/1'>{H_EN}</a></div>",
          f"<p><a href='/n/3'>{EN_CARDS[2][0]}</a></p>"], "en"),
    (AR, [f"<div class='read-also'><span>اقرأ أيضاً</span><a href='/n/1'>{H_AR}</a></div>",
          f"<p><a href='/n/2'><strong>{AR_CARDS[1][0]}</strong></a></p>"], "ar"),
    (AR, [f"<p><strong>اقرأ أيضًا..</strong></p><p><a href='/n/1'>{H_AR}</a></p>",  # tanween written on the alef
          f"<p>«شاهد أيضا» <a href='/v/2'>{AR_CARDS[2][0]}</a></p>"], "ar"),
    (FR, [f"<p>À lire : <a href='/n/1'>{FR_CARDS[0][0]}</a></p>", f"<p><a href='/n/2'>{FR_CARDS[1][0]}</a></p>"], "fr"),
    (AR, [f"<p>طالع أيضا: {H_AR}</p>", f"<p><b>ربما يعجبك</b></p><p>{AR_CARDS[1][0]}</p>"], "ar"),  # no links left
    (EN, [f"<p>Editor's picks</p><p>{EN_CARDS[1][0]}</p>", f"<p>More:</p><ul><li>{EN_CARDS[2][0]}</li></ul>"], "en"),
], ids=["en-label-colon", "en-bold-label", "ar-span-label", "ar-harakat-quotes", "fr", "ar-words", "en-words"])
def test_links_to_other_stories_between_paragraphs_are_not_text(body: list[str], inserts: list[str], lang: str) -> None:
    html = page(f"<article>{paragraphs(body[:1])}{inserts[0]}{paragraphs(body[1:2])}{inserts[1]}"
                f"{paragraphs(body[2:])}</article>", lang=lang)
    assert text_of(html) == body


def test_a_sentence_ending_on_a_link_and_a_list_of_links_stay() -> None:
    sentence = "The board said in <a href='/doc/1'>a statement published on its website on Monday evening</a>"
    html = page(f"<article>{paragraphs(EN[:2])}<p>{sentence}</p>{paragraphs(EN[2:])}</article>")
    assert "The board said in a statement published on its website on Monday evening" in text_of(html)
    # A page that is a list of linked titles with one paragraph: the links are its content.
    listing = "".join(f"<p><a href='/doc/{i}'>{h}</a></p>" for i, (h, _) in enumerate(EN_CARDS + FR_CARDS))
    text = text_of(page(f"<article>{paragraphs(EN[:1])}{listing}</article>"))
    assert EN_CARDS[0][0] in text and EN_CARDS[2][0] in text


def test_cards_as_list_items_with_teaser_and_time_are_not_text() -> None:
    items = "".join(f"<li><a href='/n/{i}'><img src='/i/{i}.jpg'></a><h4><a href='/n/{i}'>{h}</a></h4><p>{t}</p>"
                    f"<span>منذ {i + 1} ساعات</span></li>" for i, (h, t) in enumerate(AR_CARDS))
    html = page(f"<article>{paragraphs(AR)}<h3>المزيد من محليات</h3><ul>{items}</ul></article>", lang="ar")
    assert text_of(html) == AR


@pytest.mark.parametrize(("body", "notices", "lang"), [
    (EN, ["Click here to download the Port Times app", "This article was originally published on The Harbour Review.",
          "For the latest headlines, follow our Google News channel online or via the app.", "5 min read",
          "Back to top", "Your browser does not support the video tag.", "#Port #Dredging",
          "The views expressed in this article are the author's own and do not necessarily reflect those of the Port Times.",
          "Sponsored Links"], "en"),
    (AR, ["لمتابعة أخبار الميناء عبر تطبيق الواتس آب اضغط هنا", "لمتابعة آخر الأخبار اشترك في قناتنا على تيليجرام",
          "مدة القراءة: 3 دقائق", "عدد المشاهدات: 1245", "رابط مختصر: https://port.test/a/1", "إرسال لصديق",
          "#الميناء #التجريف", "المقال يعبر عن رأي كاتبه ولا يعبر بالضرورة عن رأي الصحيفة", "منذ 3 ساعات"], "ar"),
    (EN, ["SKIP ADVERTISEMENT", "Skip to main content", "Loading...", "(opens in new window)", "Watch video",
          "Listen to this article 4:32", "This story first appeared in Coastal Weekly and is republished with permission.",
          "Copy link", "Opinions expressed by contributors are their own.", "[ad_1]"], "en"),
    (AR, ["تابع أحدث الأخبار عبر تطبيق الميناء", "جاري التحميل...", "شاهد الفيديو", "روابط ممولة", "تكبير الخط",
          "العودة إلى الأعلى", "«اقرأ أيضاً»", "اضغط هنا لمتابعة آخر الأخبار", "وام/ س ر"], "ar"),
    (EN, ["Tags: Port, Dredging, Ferries", "Topics: Transport | Environment", "Filed under: Port, Harbour board",
          "A version of this article appears in print on Nov. 16, 2026, Section A, Page 4.", "Watch video",
          "Show comments (4)", "View all", "Load more", "Subscribe to our YouTube channel for more videos"], "en"),
    (AR, ["كلمات دالة: الميناء - التجريف - العبارات", "الوسوم: الميناء، النقل البحري", "مواضيع ذات صلة: النقل",
          "عرض التعليقات", "عرض المزيد", "المزيد", "اشترك في قناتنا على يوتيوب", "شاهد الفيديو", "إرسال لصديق"], "ar"),
])
def test_more_notices_are_not_text(body: list[str], notices: list[str], lang: str) -> None:
    mixed = [*notices[:3], body[0], *notices[3:5], body[1], *notices[5:7], body[2], *notices[7:]]
    assert text_of(page(f"<article>{paragraphs(mixed)}</article>", lang=lang)) == body


@pytest.mark.parametrize("inline", ["font", "span"])
def test_a_line_break_before_an_inline_element_keeps_the_lines_apart(inline: str) -> None:
    headline = "Harbour channel to be widened"
    html = page(f"<div><{inline} size='4'><b>{headline}</b></{inline}><br><{inline} size='2'>{'<br><br>'.join(EN)}"
                f"</{inline}><br><br><a href='/'>Back to top</a></div>", title=f"Port Times - {headline}")
    assert text_of(html) == EN


@pytest.mark.parametrize(("body", "standfirst", "dateline", "lang"), [
    (EN, "The first ships could dock within two years.", "Dubai:", "en"),
    (AR, "السفن الأولى قد ترسو خلال عامين.", "دبي:", "ar"),
])
def test_a_dateline_line_under_the_standfirst_is_not_text(body: list[str], standfirst: str, dateline: str,
                                                          lang: str) -> None:
    html = page(f"<article>{paragraphs([standfirst, dateline, *body])}</article>", lang=lang)
    assert text_of(html) == [standfirst, *body]


@pytest.mark.parametrize(("headline", "repeated", "body", "lang"), [
    ("Harbour channel to be widened", "Harbour channel to be widened.", EN, "en"),
    ("‘Bigger ships’ for the harbour", "'Bigger ships' for the harbour", EN, "en"),
    ("توسعة القناة الشمالية للميناء", "تَوسعةُ القناة الشمالية للميناء", AR, "ar"),  # vowels marked
    ("توسعة القناة الشمالية للميناء", "«توسعة القناة الشمالية للميناء»", AR, "ar"),
])
def test_headline_repeated_with_a_stop_quotes_or_vowels_is_not_text(headline: str, repeated: str, body: list[str],
                                                                     lang: str) -> None:
    html = page(f"<article><h1>{headline}</h1><p>{repeated}</p>{paragraphs(body)}</article>", title=headline, lang=lang)
    assert text_of(html) == body


@pytest.mark.parametrize(("line", "body", "lang"), [
    ("Ines Duarte | 15 November 2026", EN, "en"),
    ("Kofi Asante 30 August 2026 • 4:45pm", EN, "en"),
    ("هند السويدي - 15 نوفمبر 2026", AR, "ar"),
])
def test_a_name_and_date_line_above_the_story_is_not_text(line: str, body: list[str], lang: str) -> None:
    # The page's metadata names nobody: the line is recognised by its parts, a name and a date.
    assert text_of(page(f"<article><p>{line}</p>{paragraphs(body)}</article>", lang=lang)) == body


def test_a_subheading_with_a_date_stays() -> None:
    line = "The Road Ahead | 15 November 2026"  # not a person's name
    assert text_of(page(f"<article><p>{line}</p>{paragraphs(EN)}</article>"))[0] == line


@pytest.mark.parametrize(("body", "poll", "lang"), [
    (EN, "<div class='poll'><p>Will you use the new ferry service?</p><ul><li><input type='radio' name='q'> Yes</li>"
         "<li><input type='radio' name='q'> No</li></ul><button>Vote</button><p>View results</p></div>", "en"),
    (AR, "<form><p>هل تؤيد توسعة القناة الشمالية؟</p><label><input type='radio' name='q'> نعم</label>"
         "<label><input type='radio' name='q'> لا</label><button>تصويت</button></form>", "ar"),
])
def test_a_readers_poll_is_not_text(body: list[str], poll: str, lang: str) -> None:
    assert text_of(page(f"<article>{paragraphs(body)}{poll}</article>", lang=lang)) == body


def test_a_page_wrapped_in_one_form_keeps_its_article() -> None:
    # ASP.NET pages wrap everything in one <form>; a search box's check box is inside it too.
    html = page(f"<form id='aspnetForm'><div><input type='checkbox' name='all'> All sections</div>"
                f"<article>{paragraphs(EN)}</article></form>")
    assert text_of(html) == EN


@pytest.mark.parametrize(("body", "picture", "lang"), [
    (EN, "<p><img src='/p.jpg'><br><em>The harbour master on the quay on Thursday</em></p>", "en"),
    (EN, "<p><img src='/p.jpg'><small>Dredgers at work in the northern channel. Photo archive</small></p>", "en"),
    (AR, "<p align='center'><img src='/p.jpg'><br>رئيس مجلس إدارة الميناء خلال المؤتمر الصحفي</p>", "ar"),
])
def test_a_picture_and_its_caption_set_as_a_paragraph_are_not_text(body: list[str], picture: str, lang: str) -> None:
    assert text_of(page(f"<article>{paragraphs(body[:1])}{picture}{paragraphs(body[1:])}</article>", lang=lang)) == body


def test_a_picture_inside_a_sentence_and_a_paragraph_after_a_picture_stay() -> None:
    emoji = "Fishing crews cheered <img src='/e/wave.png' alt=''> when the vote was announced on Thursday night."
    after = (f"<p><img src='/p.jpg'><br>{EN[1]}<br>The board will publish the final design before the end of "
             "the year, it said.</p>")
    text = "\n".join(text_of(page(f"<article>{paragraphs(EN[:1])}<p>{emoji}</p>{after}{paragraphs(EN[2:])}</article>")))
    assert "Fishing crews cheered" in text and EN[1] in text


def test_live_blog_entries_linking_to_themselves_are_not_cards() -> None:
    # Each entry: a time, a heading linked to the entry's place on this page, one short paragraph:
    # a run of cards by shape, but the links lead to the page itself.
    url = "https://port.test/live/harbour-vote"
    texts = [text for _, text in EN_CARDS + FR_CARDS[:1]]
    entries = "".join(f"<article class='live-post'><time>1{i}:05</time><h2><a href='{url}#post-{i}'>{h}</a></h2>"
                      f"<p>{t}</p></article>" for i, ((h, _), t) in enumerate(zip(EN_CARDS + FR_CARDS[:1], texts)))
    html = page(f"<main><h1>Live: the harbour vote</h1><p>{EN[0]}</p>{entries}</main><footer>{paragraphs(EN[1:2])}"
                "</footer>")
    text = extract(html, url).paragraphs
    assert all(t in text for t in texts)


@pytest.mark.parametrize("linked", [False, True])
def test_every_live_blog_entry_keeps_its_heading(linked: bool) -> None:
    # Entries as sibling <article>s: trafilatura alone keeps the first one's heading only.
    url = "https://port.test/live/harbour-vote"
    heads = ["Vote opens at the town hall", "Crews gather outside the hall", "Board chairman speaks", "Result expected soon"]
    bodies = [EN[0], EN[1], EN[2], MORE_EN[0]]
    entries = "".join(f"<article class='post'><time>1{i}:05</time><h2>"
                      + (f"<a href='{url}?post={i}'>{h}</a>" if linked else h) + f"</h2><p>{b}</p></article>"
                      for i, (h, b) in enumerate(zip(heads, bodies)))
    text = extract(page(f"<main><h1>Live: the harbour vote</h1>{entries}</main>"), url).paragraphs
    assert all(h in text for h in heads) and all(b in text for b in bodies)


def test_cards_as_sibling_articles_are_still_cards() -> None:
    cards = "".join(f"<article class='card'><h3><a href='/n/{i}'>{h}</a></h3><p>{t}</p></article>"
                    for i, (h, t) in enumerate(EN_CARDS))
    assert text_of(page(f"<main><article class='story'>{paragraphs(EN)}</article><section>{cards}</section></main>")) == EN


def test_a_most_viewed_list_holding_the_page_itself_is_still_cards() -> None:
    url = "https://port.test/news/harbour-channel-to-be-widened"
    cards = [("Harbour channel to be widened", url)] + [(h, f"/n/{i}") for i, (h, _) in enumerate(EN_CARDS)]
    items = "".join(f"<li><h3><a href='{href}?utm_source=rail'>{h}</a></h3></li>" for h, href in cards)
    html = page(f"<main><article>{paragraphs(EN)}</article><div><h2>Most viewed</h2><ol>{items}</ol></div></main>")
    assert extract(html, url).paragraphs == EN


def test_contact_lines_with_mail_and_telephone_links_stay() -> None:
    contacts = ("<ul><li><strong>Hotline:</strong> <a href='tel:+97180012345'>800 123 456 78</a></li>"
                "<li><strong>E-mail:</strong> <a href='mailto:info@port.test'>harbour board press office team</a></li></ul>")
    text = "\n".join(text_of(page(f"<article>{paragraphs(EN)}{contacts}{paragraphs(MORE_EN[:1])}</article>")))
    assert "800 123 456 78" in text and "harbour board press office team" in text
