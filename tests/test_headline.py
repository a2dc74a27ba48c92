"""The headline: the one on the page, chosen by agreement; a site name is cut only where it is one (#10)."""

from __future__ import annotations

import pytest

from processing.headline import Candidates, choose, strip_site


@pytest.mark.parametrize("title, sites, expected, site", [
    # A dash between two place names is part of the headline
    ("Doha - Kuwait ferry route resumes after ten years", (), "Doha - Kuwait ferry route resumes after ten years", None),
    ("الدمام - الخبر: افتتاح جسر جديد للمشاة", (), "الدمام - الخبر: افتتاح جسر جديد للمشاة", None),
    ("Tokyo – Osaka maglev delayed again", (), "Tokyo – Osaka maglev delayed again", None),
    # A site name, at either end, known by its og:site_name or the registry
    ("افتتاح جسر جديد للمشاة - الوطن اليوم", ("الوطن اليوم",), "افتتاح جسر جديد للمشاة", "الوطن اليوم"),
    ("الوطن اليوم - افتتاح جسر جديد للمشاة", ("الوطن اليوم",), "افتتاح جسر جديد للمشاة", "الوطن اليوم"),
    ("Ferry route resumes | Harbour Post", ("Harbour Post",), "Ferry route resumes", "Harbour Post"),
    ("HARBOUR POST • Ferry route resumes", ("Harbour Post",), "Ferry route resumes", "HARBOUR POST"),
    ("Doha - Kuwait ferry route resumes - Harbour Post", ("Harbour Post",),
     "Doha - Kuwait ferry route resumes", "Harbour Post"),
    # "Site: Headline" with the colon straight after the name; a colon inside the headline stays
    ("الرأي ميديا: وزير الصحة: اللقاح آمن ومتوفر للجميع", ("الرأي ميديا",),
     "وزير الصحة: اللقاح آمن ومتوفر للجميع", "الرأي ميديا"),
    ("Harbour Post: Minister: ferry route resumes", ("Harbour Post",), "Minister: ferry route resumes", "Harbour Post"),
    ("وزير الصحة: اللقاح آمن ومتوفر للجميع", ("الرأي ميديا",), "وزير الصحة: اللقاح آمن ومتوفر للجميع", None),
    # The site's name followed by a few words of tagline or section (#10)
    ("Ferry route resumes - Harbour Post - News", ("Harbour Post",), "Ferry route resumes", "Harbour Post"),
    ("Doha - Kuwait ferry route resumes | Harbour Post | Latest Gulf news and updates", ("Harbour Post",),
     "Doha - Kuwait ferry route resumes", "Harbour Post"),
    ("Ferry route resumes - Harbour Post - a tagline far too long to be one, it is more", ("Harbour Post",),
     "Ferry route resumes - Harbour Post - a tagline far too long to be one, it is more", None),
])
def test_site_names_are_cut_only_where_they_are_one(title: str, sites: tuple[str, ...], expected: str,
                                                     site: str | None) -> None:
    assert strip_site(title, sites) == (expected, site)


def test_the_host_names_the_site() -> None:
    assert strip_site("Ferry route resumes - The Harbour Post", (), ("harbourpost",)) == \
        ("Ferry route resumes", "The Harbour Post")


@pytest.mark.parametrize("title", ["Ferry route resumes | harbourpost.test", "Ferry route resumes - HarbourPost.com",
                                   "www.harbourpost.test: Ferry route resumes"])
def test_the_host_written_out_is_the_sites_name(title: str) -> None:
    assert strip_site(title, (), ("harbourpost", "test"))[0] == "Ferry route resumes"
    assert strip_site("Ferry route resumes - ft.com", (), ("harbourpost", "test"))[0] == "Ferry route resumes - ft.com"


def test_another_sources_headline_shows_where_the_site_name_is() -> None:
    # No site name known anywhere: the og:title equals one side, so the other side is the site's name.
    chosen = choose(Candidates(og="افتتاح جسر جديد للمشاة", title="افتتاح جسر جديد للمشاة - صحيفة الساحل"))
    assert chosen == ("افتتاح جسر جديد للمشاة", "meta", "صحيفة الساحل")


def test_the_headline_on_the_page_beats_the_social_one() -> None:
    candidates = Candidates(h1=("Ferry between Doha and Kuwait returns after a decade",),
                            og="You won't believe which ferry is back", json_ld="Ferry is back: what to know",
                            title="Ferry is back: what to know | Harbour Post")
    assert choose(candidates, ("Harbour Post",))[:2] == ("Ferry between Doha and Kuwait returns after a decade", "h1")


def test_a_logo_or_label_h1_is_not_the_headline() -> None:
    candidates = Candidates(h1=("Harbour Post", "World"), og="Ferry route resumes",
                            title="Ferry route resumes - Harbour Post")
    assert choose(candidates, ("Harbour Post",))[:2] == ("Ferry route resumes", "meta")


def test_of_several_h1_the_one_others_agree_with() -> None:
    candidates = Candidates(h1=("Most read this week", "Ferry route resumes after ten years"),
                            og="Ferry route resumes after ten years")
    assert choose(candidates)[0] == "Ferry route resumes after ten years"


def test_without_h1_agreement_not_length_decides() -> None:
    candidates = Candidates(json_ld="Ferry route resumes", og="Ferry route resumes",
                            title="A much longer search-engine title about the ferry route resuming this week")
    assert choose(candidates)[:2] == ("Ferry route resumes", "json-ld")
    only_title = Candidates(title="Doha - Kuwait ferry route resumes")
    assert choose(only_title) == ("Doha - Kuwait ferry route resumes", "title", None)


def test_an_h1_edited_from_the_headline_every_other_source_states() -> None:
    stated = "Abu Dhabi council approves new cycle lanes along the Corniche"
    candidates = Candidates(h1=("AD council approves new cycle lanes along the Corniche",), json_ld=stated, og=stated,
                            title=f"{stated} | Gulf Ledger")
    assert choose(candidates, ("Gulf Ledger",))[:2] == (stated, "json-ld")
    arabic = "بلدية الدوحة تعتمد مسارات جديدة للدراجات على الكورنيش"
    candidates = Candidates(h1=("بلدية الدوحة تعتمد مسارات للدراجات على الكورنيش",), json_ld=arabic, og=arabic,
                            title=f"{arabic} - صحيفة الساحل")
    assert choose(candidates, ("صحيفة الساحل",))[0] == arabic
    # Two sources only, or a different headline (the social one): the page's h1 stays.
    two = Candidates(h1=("AD council approves new cycle lanes along the Corniche",), json_ld=stated, og=stated)
    assert choose(two)[1] == "h1"
    social = Candidates(h1=("Council approves cycle lanes on the Corniche",), json_ld="You'll love these new lanes",
                        og="You'll love these new lanes", title="You'll love these new lanes | Gulf Ledger")
    assert choose(social, ("Gulf Ledger",))[1] == "h1"


def test_a_heading_other_than_h1_confirms_where_the_title_splits() -> None:
    # An old layout: no <h1>, no og:title, no site name known; its <font><b> headline is one side.
    headline = "افتتاح منتدى الأمن المائي بمشاركة ثلاثمئة خبير"
    page = Candidates(title=f"جريدة الخليج القديمة - {headline}", headings=(headline,))
    assert choose(page) == (headline, "title", "جريدة الخليج القديمة")
    # without it, nothing says which side is the site's name: the title stays whole
    assert choose(Candidates(title=f"جريدة الخليج القديمة - {headline}"))[0] == f"جريدة الخليج القديمة - {headline}"


def test_the_heading_that_opens_the_text_when_the_title_says_something_else() -> None:
    # No h1, og:title or JSON-LD: the <title> is the site's name alone, the page's heading is the headline.
    headline = "الأهلي يحقق فوزاً ثميناً ويعزز صدارته"
    assert choose(Candidates(title="الصحيفة الكويتية القديمة", lead=headline)) == (headline, "heading", None)
    # a title that agrees with it stays the source; an og:title or an h1 outranks it
    assert choose(Candidates(title=headline, lead=headline))[1] == "title"
    assert choose(Candidates(og="Ferry route resumes after ten years", title="Harbour Post",
                             lead="Most read this week"))[0] == "Ferry route resumes after ten years"


@pytest.mark.parametrize("title, expected", [
    ("Schools may raise fees by up to 3% | Education | Gulf Daily Report", "Schools may raise fees by up to 3%"),
    ("الأرصاد تتوقع أمطاراً غزيرة - محليات - صوت الخليج", "الأرصاد تتوقع أمطاراً غزيرة"),
    ("صوت الخليج | محليات | الأرصاد تتوقع أمطاراً غزيرة", "الأرصاد تتوقع أمطاراً غزيرة"),
    # a section's name cut only beside the site's: a headline ending in that word stays whole
    ("Ronaldo scores twice - Sport", "Ronaldo scores twice - Sport"),
])
def test_the_section_beside_the_sites_name_is_cut(title: str, expected: str) -> None:
    candidates = Candidates(title=title, sections=("Education", "محليات", "Sport"))
    assert choose(candidates, ("Gulf Daily Report", "صوت الخليج"))[0] == expected


@pytest.mark.parametrize("h1, og, expected", [
    ("عاجل الأرصاد تحذر من السيول", "الأرصاد تحذر من السيول", "الأرصاد تحذر من السيول"),
    ("بالفيديو.. الأرصاد تحذر من السيول", "الأرصاد تحذر من السيول", "الأرصاد تحذر من السيول"),
    ("EXCLUSIVE: Ministers plan rail link", "Ministers plan rail link", "Ministers plan rail link"),
    # a longer label, closed by a separator (#10)
    ("Letters to the Editor | Ministers plan rail link", "Ministers plan rail link", "Ministers plan rail link"),
    # words of the headline itself are no label
    ("Ministers plan rail link to the north", "rail link to the north", "Ministers plan rail link to the north"),
])
def test_a_label_before_the_headline_in_h1_is_not_the_headline(h1: str, og: str, expected: str) -> None:
    assert choose(Candidates(h1=(h1,), og=og))[0] == expected


def test_a_columnists_name_beside_the_headline_is_not_the_site() -> None:
    # og:title "Headline | Columnist", <title> "Headline | Columnist | Site": the site is the known one.
    candidates = Candidates(h1=("The high street is changing",), og="The high street is changing | Rosa Finch",
                            title="The high street is changing | Rosa Finch | Harbour Post")
    assert choose(candidates, ("Harbour Post",)) == ("The high street is changing", "h1", "Harbour Post")
    # No site name known: the <title>'s last side, not the og:title's.
    assert choose(Candidates(h1=candidates.h1, og=candidates.og, title=candidates.title))[2] == "Harbour Post"


def test_a_heading_on_the_page_votes_for_the_title_it_repeats() -> None:
    # No <h1>; og:title is the social headline; the page's styled headline repeats the <title>'s.
    candidates = Candidates(og="BILL SHOCK Millions face higher energy bills",
                            title="Energy bills to rise in January | Harbour Post",
                            headings=("Energy bills to rise in January",))
    assert choose(candidates, ("Harbour Post",))[:2] == ("Energy bills to rise in January", "title")
    assert choose(Candidates(og=candidates.og, title=candidates.title), ("Harbour Post",))[1] == "meta"


def test_an_h1_that_is_the_site_name_the_title_carries_is_not_the_headline() -> None:
    """A page header's <h1> with the site's name (no og:site_name, no registry name: only the <title>
    carries it), then the story's <h1> with a label before the headline (#10)."""
    chosen = choose(Candidates(h1=("أخبار الخليج 24", "بالفيديو أمطار غزيرة تغلق طرقاً في رأس الخيمة"),
                               og="أمطار غزيرة تغلق طرقاً في رأس الخيمة",
                               title="أمطار غزيرة تغلق طرقاً في رأس الخيمة | أخبار الخليج 24"))
    assert chosen[0] == "أمطار غزيرة تغلق طرقاً في رأس الخيمة"


@pytest.mark.parametrize("title", [
    "عنوان الخبر الطويل :: الوطن العربي", "عنوان الخبر الطويل » الوطن العربي", "عنوان الخبر الطويل / الوطن العربي",
    "عنوان الخبر الطويل ـ الوطن العربي", "عنوان الخبر الطويل ~ الوطن العربي", "عنوان الخبر الطويل -الوطن العربي",
    "عنوان الخبر الطويل- الوطن العربي", "عنوان الخبر الطويل | الوطن العربي | أخبار محلية",
    "عنوان الخبر الطويل - بوابة الوطن العربي الإلكترونية", "الوطن العربي :: عنوان الخبر الطويل",
])
def test_more_separators_before_the_sites_name(title: str) -> None:
    """The separators Arabic sites put between headline and name: "::", "»", "/", "~", a tatweel, a dash
    spaced on one side; the site's name before a section (#10)."""
    assert strip_site(title, ("الوطن العربي",))[0] == "عنوان الخبر الطويل"


@pytest.mark.parametrize("title", ["درجات الحرارة -5 في الجبال", "Abu Dhabi - Dubai rail link opens",
                                   "Prices up 3% / month in Dubai", "24/7 clinics open in Sharjah"])
def test_a_separator_inside_a_headline_stays(title: str) -> None:
    assert strip_site(title, ("الوطن العربي",)) == (title, None)


def test_a_section_between_the_sites_name_and_the_headline_a_heading_states() -> None:
    """«الموقع :: محليات » العنوان»: the heading on the page says where the headline starts (#10)."""
    title = "صوت الكويت :: محليات » البلدية تحرر 300 مخالفة في حملة على المطاعم"
    chosen = choose(Candidates(title=title, headings=("البلدية تحرر 300 مخالفة في حملة على المطاعم",)),
                    ("صوت الكويت",))
    assert chosen[0] == "البلدية تحرر 300 مخالفة في حملة على المطاعم"
    assert strip_site("Schools may raise fees » Education :: The Courier", ("The Courier",),
                      headlines=("Schools may raise fees",))[0] == "Schools may raise fees"


def test_arabic_spellings_of_one_headline_agree() -> None:
    """Hamza or none, tanween or none, tatweel: one headline to the vote and to the cut (#10)."""
    assert strip_site("عاجـــل الامارات تطلق برنامجا - الموقع", (), headlines=("عاجل الإمارات تطلق برنامجاً",)) \
        == ("عاجـــل الامارات تطلق برنامجا", "الموقع")
    chosen = choose(Candidates(h1=("بالفيديو الإمارات تطلق برنامجاً جديداً",), og="الامارات تطلق برنامجا جديدا"))
    assert chosen[0] == "الامارات تطلق برنامجا جديدا"


def test_of_spellings_that_agree_folded_the_one_more_sources_write() -> None:
    chosen = choose(Candidates(json_ld="الامارات تطلق برنامجا جديدا", og="الإمارات تطلق برنامجاً جديداً",
                               title="الإمارات تطلق برنامجاً جديداً | الخليج"), ("الخليج",))
    assert chosen[0] == "الإمارات تطلق برنامجاً جديداً"


@pytest.mark.parametrize("title, sites, h1, expected", [
    # a one-word site name in the <h1> shows no cut: the rest of the <title> is the headline
    ("seelenradio » Nummer zwei: Leo", (), ("seelenradio",), "Nummer zwei: Leo"),
    # the side that is itself a site's name is never the headline
    ("mediaarchitecture.de // » Jens Weber", ("mediaarchitecture.de",), (), "Jens Weber"),
    ("Disfunctions.de » Blog Archiv » Podcasts in Plex einbinden", (), ("Disfunctions.de",),
     "Blog Archiv » Podcasts in Plex einbinden"),
    # «» inside a headline are quotation marks, not separators
    ("»frag.jetzt« – ARSnova", ("ARSnova",), (), "»frag.jetzt«"),
    # a dash in a compound word is not a separator
    ("Naturkosmetik- doch gesünder? | Stylegart", ("Stylegart",), ("Naturkosmetik- doch gesünder?", "Naturkosmetik –"),
     "Naturkosmetik- doch gesünder?"),
])
def test_separator_pitfalls(title: str, sites: tuple[str, ...], h1: tuple[str, ...], expected: str) -> None:
    assert choose(Candidates(h1=h1, title=title, og=title), sites,
                  "https://www.disfunctions.de/a/" if "Disfunctions" in title else "https://www.seelenradio.test/a/")[0] == expected


def test_the_heading_shown_on_the_page_beats_two_sources_that_agree() -> None:
    # no <h1>: the page shows its headline in a classed heading; JSON-LD and og:title carry another one (#10)
    social = "You will not believe what the council did next"
    candidates = Candidates(json_ld=social, og=social, title="Library budget approved at last | Harbour Post",
                            headings=("Library budget approved at last",))
    assert choose(candidates, ("Harbour Post",))[0] == "Library budget approved at last"
    candidates = Candidates(json_ld="Library budget approved at last", og=social,
                            title="Library budget approved at last | Harbour Post", headings=(social,))
    assert choose(candidates, ("Harbour Post",))[0] == social


@pytest.mark.parametrize("cut", [110, 100])
def test_a_headline_cut_short_takes_the_whole_one_another_source_gives(cut: int) -> None:
    whole = ("Regulator orders water companies to publish real-time sewage discharge data for every outflow "
             "pipe across England by next summer")
    for json_ld in (whole[:cut], whole[:cut - 3] + "...", whole[:cut - 1] + "…"):
        candidates = Candidates(json_ld=json_ld, og="Sewage: the map that shows it all", title=f"{whole} | Harbour Post")
        assert choose(candidates, ("Harbour Post",))[0] == whole
    # a short headline that begins a longer one is a headline of its own
    assert choose(Candidates(json_ld="Rates rise", og="Rates rise: what it means"))[0] == "Rates rise"


def test_a_whole_headline_is_not_completed_with_the_titles_section() -> None:
    """A headline of 60 letters or more that begins the <title> ("… - Local | Site.test") is the
    headline, not a cut one: only an ellipsis or a length near JSON-LD's limit of 110 says a cut (#10)."""
    headline = "Council approves the new central library budget after a long night of heated debate"
    title = f"{headline} - Local | Harbourpost.test"
    chosen = choose(Candidates(h1=(headline,), json_ld=headline, og=title, title=title), ("Harbour Post",),
                    "https://harbourpost.test/news/1/")
    assert chosen[0] == headline
