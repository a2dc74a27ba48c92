"""Builds tests/data/english-pages: invented English article pages (outlets, hosts, people and stories
made up for the project) in the layouts of common CMSs, with the title, authors and publication date a
reader writes down, in the format of benchmarks/real_pages_eval.py's --data (golden.jsonl + pages/).

    python tests/data/english-pages/build.py tests/data/english-pages

A page whose visible local day differs from the publisher's stated UTC time (RiverCityPress) expects
the publisher's stated value, as the real-pages goldens do.
"""
import json, sys
from pathlib import Path
OUT = Path(sys.argv[1])
(OUT / "pages").mkdir(parents=True, exist_ok=True)
PAGES = []

def P(paras):
    return "\n".join(f"<p>{p}</p>" for p in paras)

def add(name, url, html, title, authors, published, paras):
    html = html.replace("{BODY}", P(paras))
    (OUT / "pages" / f"{name}.html").write_text(html, encoding="utf-8")
    PAGES.append({"file": f"{name}.html", "publisher": name.split("_")[0], "url": url, "language": "en",
                  "title": title, "authors": authors, "published": published, "text": "\n".join(paras)})

def ld(obj):
    return '<script type="application/ld+json">' + json.dumps(obj, ensure_ascii=False) + "</script>"

# 1. WordPress + Yoast @graph, author by @id reference; UK broadsheet; og:title is a social headline.
paras = [
 "Ministers will set out plans on Wednesday to let councils in England borrow against future bus fare income, a change that transport officials say could fund up to 400 new routes before the next election.",
 "The proposal, first floated in a consultation last spring, was shelved after objections from the Treasury, which feared that councils would take on debts they could not service if passenger numbers fell again.",
 "Under the revised scheme, a council would need the approval of an independent panel before borrowing, and any loan would be capped at three years of forecast fare revenue, according to a draft seen by this newspaper.",
 "Local leaders in the north-west welcomed the shift but said the cap was too low to rebuild networks that had lost a third of their services over the past decade.",
]
add("KingsmereHerald_2026_11_24", "https://www.kingsmereherald.test/politics/2026/11/24/councils-bus-borrowing/", f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Councils to be allowed to borrow against bus fares under new plans | The Kingsmere Herald</title>
<meta property="og:title" content="Your bus fare could soon pay for your council's new routes">
<meta property="og:site_name" content="The Kingsmere Herald">
<meta property="article:published_time" content="2026-11-24T17:45:00+00:00">
<meta property="article:modified_time" content="2026-11-25T08:02:11+00:00">
<meta name="author" content="Harriet Oakes">
{ld({"@context": "https://schema.org", "@graph": [
  {"@type": "NewsArticle", "@id": "https://www.kingsmereherald.test/politics/2026/11/24/councils-bus-borrowing/#article",
   "headline": "Councils to be allowed to borrow against bus fares under new plans",
   "datePublished": "2026-11-24T17:45:00+00:00", "dateModified": "2026-11-25T08:02:11+00:00",
   "author": {"@id": "https://www.kingsmereherald.test/#/schema/person/7f3a9c"},
   "publisher": {"@id": "https://www.kingsmereherald.test/#organization"}},
  {"@type": "Person", "@id": "https://www.kingsmereherald.test/#/schema/person/7f3a9c", "name": "Harriet Oakes",
   "url": "https://www.kingsmereherald.test/author/harriet-oakes/"},
  {"@type": "Organization", "@id": "https://www.kingsmereherald.test/#organization", "name": "The Kingsmere Herald"}]})}
</head><body class="post-template-default single single-post">
<header id="masthead" class="site-header"><p class="site-title"><a href="/" rel="home">The Kingsmere Herald</a></p>
<nav class="main-navigation"><ul><li><a href="/news/">News</a></li><li><a href="/politics/">Politics</a></li></ul></nav></header>
<main id="main" class="site-main"><article id="post-88121" class="post-88121 post type-post">
<header class="entry-header"><span class="cat-links"><a href="/politics/">Politics</a></span>
<h1 class="entry-title">Councils to be allowed to borrow against bus fares under new plans</h1>
<div class="entry-meta"><span class="byline">By <span class="author vcard"><a class="url fn n" href="/author/harriet-oakes/">Harriet Oakes</a></span>, Political Editor</span>
<span class="posted-on"><time class="entry-date published" datetime="2026-11-24T17:45:00+00:00">Tue 24 Nov 2026 17.45 GMT</time><time class="updated" datetime="2026-11-25T08:02:11+00:00">Wed 25 Nov 2026 08.02 GMT</time></span></div></header>
<div class="entry-content">{{BODY}}</div></article>
<section class="related-posts"><h3>Related</h3><article class="related"><a href="/politics/2026/10/02/rail/">Rail fares rise again</a><span class="byline">By Tom Ashby</span><time datetime="2026-10-02T09:00:00+00:00">2 Oct 2026</time></article></section>
</main><footer class="site-footer"><p>© 2026 The Kingsmere Herald</p></footer></body></html>""",
 "Councils to be allowed to borrow against bus fares under new plans", ["Harriet Oakes"], "2026-11-24T17:45:00+00:00", paras)

# 2. UK tabloid: byline and date glued in one block, og:title punchier, no JSON-LD author, meta author = site.
paras = [
 "A pensioner who spent forty years restoring a steam engine in his back garden has finally seen it pull carriages along a heritage line in Somerset.",
 "Reg Pullman, 81, bought the rusting locomotive for a few hundred pounds in 1986 and rebuilt almost every part of it by hand, from the boiler tubes to the brass whistle.",
 "Volunteers at the railway said hundreds of visitors had turned up to watch the first run, many of them former railway workers who remembered the engine in service.",
 "Mr Pullman said he had never doubted that the engine would run again, although his wife admitted she had wondered more than once whether the garden would ever be theirs again.",
]
add("DailyClarion_2026_11_30", "https://www.dailyclarion.test/news/uk-news/pensioner-steam-engine-garden-31877402", f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pensioner, 81, finally sees garden steam engine run after 40 years - Daily Clarion</title>
<meta property="og:title" content="Pensioner's 40-YEAR labour of love finally roars into life">
<meta property="og:site_name" content="Daily Clarion">
<meta name="author" content="Daily Clarion">
<meta property="article:published_time" content="2026-11-30T16:45:00Z">
{ld({"@context": "http://schema.org", "@type": "NewsArticle", "headline": "Pensioner's 40-YEAR labour of love finally roars into life",
     "datePublished": "2026-11-30T16:45:00Z", "dateModified": "2026-11-30T17:10:00Z",
     "author": {"@type": "Organization", "name": "Daily Clarion"}, "publisher": {"@type": "Organization", "name": "Daily Clarion"}})}
</head><body><div class="top-bar"><span class="today">Tuesday, 1 December 2026</span></div>
<div class="article-wrapper"><h1 class="article-title">Pensioner, 81, finally sees garden steam engine run after 40 years</h1>
<p class="sub-heading">Reg Pullman rebuilt the engine by hand after buying it for a few hundred pounds</p>
<div class="author-container"><a class="author-name" href="/authors/ben-marsh/">Ben Marsh</a><span class="date-published">30 November 2026 • 4:45pm</span></div>
<figure><img src="/img/engine.jpg" alt=""><figcaption>The engine on its first run (Image: Clarion Media)</figcaption></figure>
<div class="article-body">{{BODY}}</div>
<div class="comments"><div class="comment"><span class="comment-author">Dave Hollis</span><span class="comment-date">1 December 2026 • 9:02am</span><p>Lovely story.</p></div></div>
</div></body></html>""",
 "Pensioner, 81, finally sees garden steam engine run after 40 years", ["Ben Marsh"], "2026-11-30T16:45:00+00:00", paras)

# 3. Arc XP-style US metro paper: two authors, "Updated" line, US date with p.m. ET.
paras = [
 "The city council voted 9-4 on Tuesday to convert two downtown parking garages into affordable housing, ending a two-year fight over the future of the aging structures.",
 "Supporters said the project would add about 320 apartments within walking distance of the light rail line, while opponents warned that merchants on Commerce Street would lose customers who drive in from the suburbs.",
 "The developer chosen for the project has agreed to reserve a quarter of the units for households earning less than half the area's median income, according to the agreement approved by the council.",
 "Construction could begin next summer if the state housing agency approves the financing package, city officials said.",
]
add("RiverCityPress_2026_12_01", "https://www.rivercitypress.test/local/2026/12/01/council-garages-housing-vote/", f"""<!DOCTYPE html>
<html lang="en-US"><head><title>Council votes to turn downtown garages into housing – River City Press</title>
<meta property="og:title" content="Council votes to turn downtown garages into housing">
<meta property="og:site_name" content="River City Press">
<meta name="article:published_time" content="2026-12-01T03:12:00Z">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council votes to turn downtown garages into housing",
     "datePublished": "2026-12-01T03:12:00Z", "dateModified": "2026-12-01T14:40:00Z",
     "author": [{"@type": "Person", "name": "Maria de la Cruz", "url": "https://www.rivercitypress.test/people/maria-de-la-cruz/"},
                {"@type": "Person", "name": "Tom O'Hara"}]})}
<script>window.Fusion=window.Fusion||{{}};Fusion.globalContent={{"_id":"ABC","expires":"2027-01-04T00:00:00Z","cacheUntil":"2026-12-02"}};</script>
</head><body><div id="fusion-app"><nav class="nav-sections"><a href="/local/">Local</a><a href="/sports/">Sports</a></nav>
<article class="article-body-wrapper"><h1 class="headline">Council votes to turn downtown garages into housing</h1>
<div class="byline-wrapper"><span class="ts-byline">By <a href="/people/maria-de-la-cruz/">Maria de la Cruz</a> and <a href="/people/tom-ohara/">Tom O'Hara</a></span></div>
<div class="timestamp"><span class="ts-label">Updated</span> Dec. 1, 2026 at 9:40 a.m. EST <span class="ts-label">Published</span> Nov. 30, 2026 10:12 p.m. ET</div>
{{BODY}}
</article><aside class="most-read"><h2>Most read</h2><div class="card"><a href="/x">Storm closes schools</a><span class="byline">By Ann Poe</span></div></aside></div></body></html>""",
 "Council votes to turn downtown garages into housing", ["Maria de la Cruz", "Tom O'Hara"], "2026-12-01T03:12:00+00:00", paras)

# 4. Brightspot-style: meta author with semicolons, "Site: Headline" title.
paras = [
 "Researchers at the state university have grown a strain of wheat that needs about a fifth less water than the varieties now planted across the plains, after a decade of crossbreeding trials.",
 "The team tested the new strain on plots in three counties during last summer's drought and found that yields held up even when irrigation was cut back sharply.",
 "Farmers who took part in the trials said the grain milled well, though they cautioned that seed would not be widely available for at least two more seasons.",
 "The university plans to license the strain to regional seed companies next year, with royalties going back into its plant breeding programme.",
]
add("PlainsObserver_2026_11_18", "https://plainsobserver.test/news/science/drought-wheat-strain", f"""<!DOCTYPE html>
<html lang="en"><head><title>Plains Observer: New wheat strain uses a fifth less water, researchers say</title>
<meta name="author" content="Lena Park; Omar Haddad">
<meta property="og:site_name" content="Plains Observer">
<meta property="og:title" content="New wheat strain uses a fifth less water, researchers say">
<meta name="brightspot.contentId" content="00000180-aaaa">
<meta property="article:published_time" content="2026-11-18T15:30:00.000-06:00">
</head><body><div class="Page-header"><a class="Page-header-logo" href="/">Plains Observer</a></div>
<div class="ArticlePage-mainContent"><div class="ArticlePage-headline"><h1 class="ArticlePage-headline">New wheat strain uses a fifth less water, researchers say</h1></div>
<div class="ArticlePage-authors"><div class="ArticlePage-authorName"><a href="/people/lena-park">Lena Park</a></div><div class="ArticlePage-authorName"><a href="/people/omar-haddad">Omar Haddad</a></div></div>
<div class="ArticlePage-datePublished">Published November 18, 2026 at 3:30 PM CST</div>
<div class="RichTextArticleBody">{{BODY}}</div></div></body></html>""",
 "New wheat strain uses a fifth less water, researchers say", ["Lena Park", "Omar Haddad"], "2026-11-18T15:30:00-06:00", paras)

# 5. Gulf English outlet: "Staff Reporter", article:author a profile URL, title "Headline - Site - News".
paras = [
 "Dubai's roads authority will open a new cycling track linking Al Qudra to the Expo district next month, adding 33 kilometres to the emirate's network.",
 "The track includes rest stops with shaded seating, drinking water and bicycle repair stations every eight kilometres, the authority said in a statement on Sunday.",
 "Officials said the route had been designed with lighting along its whole length so that it could be used after sunset during the summer months, when daytime temperatures make cycling difficult.",
 "The emirate aims to more than double its cycling network by the end of the decade as part of a wider plan to cut car journeys.",
]
add("GulfMeridian_2026_11_29", "https://www.gulfmeridian.test/uae/transport/new-cycling-track-al-qudra-expo", f"""<!DOCTYPE html>
<html lang="en"><head><title>New 33km cycling track to link Al Qudra and Expo district - Gulf Meridian - News</title>
<meta property="og:title" content="New 33km cycling track to link Al Qudra and Expo district">
<meta property="og:site_name" content="Gulf Meridian">
<meta property="article:author" content="https://www.gulfmeridian.test/author/staff-reporter">
<meta property="article:published_time" content="2026-11-29T10:05:00+04:00">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "New 33km cycling track to link Al Qudra and Expo district",
     "datePublished": "2026-11-29T10:05:00+04:00", "author": {"@type": "Person", "name": "Staff Reporter"},
     "publisher": {"@type": "NewsMediaOrganization", "name": "Gulf Meridian"}})}
</head><body><header><div class="header-date">Tuesday, December 01, 2026</div></header>
<div class="story-container"><h1 class="story-headline">New 33km cycling track to link Al Qudra and Expo district</h1>
<div class="story-byline"><span class="author">Staff Reporter</span> <span class="date">Sun 29 Nov 2026, 10:05 AM</span></div>
<div class="story-body">{{BODY}}</div></div></body></html>""",
 "New 33km cycling track to link Al Qudra and Expo district", [], "2026-11-29T10:05:00+04:00", paras)

# 6. Gulf outlet: "Web Desk" as the credited author in a visible byline; date "Last Updated" vs "Published".
paras = [
 "Qatar's health ministry has launched a winter vaccination campaign offering free flu jabs at all primary health care centres across the country.",
 "The campaign prioritises people over 50, pregnant women, children under five and those with chronic conditions, the ministry said, though anyone over six months old can book an appointment.",
 "Last year more than 400,000 doses were given during the season, a record that officials hope to beat with extended clinic hours and walk-in sessions at shopping centres.",
 "Appointments can be booked through the ministry's app or by calling the national health line.",
]
add("PeninsulaLedger_2026_11_16", "https://www.peninsulaledger.test/qatar/health/winter-flu-campaign-launched", f"""<!DOCTYPE html>
<html lang="en"><head><title>Free flu vaccines offered as winter campaign begins | Peninsula Ledger</title>
<meta property="og:site_name" content="Peninsula Ledger">
<meta property="og:title" content="Free flu vaccines offered as winter campaign begins">
</head><body><div class="main-wrap"><div class="article-head"><h1>Free flu vaccines offered as winter campaign begins</h1>
<div class="article-meta"><p class="author-name">Web Desk</p>
<p class="meta-date">Last Updated: 20 Nov 2026 - 11:15 am</p><p class="meta-date">Published: 16 Nov 2026 - 9:30 am</p></div></div>
<div class="article-content">{{BODY}}</div>
<div class="more-news"><h3>More news</h3><ul><li><a href="/a">Doha metro extends hours</a> <span class="date">28 Nov 2026</span></li></ul></div>
</div></body></html>""",
 "Free flu vaccines offered as winter campaign begins", [], "2026-11-16T09:30:00", paras)

# 7. "Agencies" credit, Drupal layout, date only in URL and a Drupal "submitted" line.
paras = [
 "Oil prices rose for a third day on Thursday as traders weighed signs of stronger demand in Asia against expectations of higher output from producers outside the OPEC+ group.",
 "Brent crude futures gained 62 cents to $78.40 a barrel by midday, while US West Texas Intermediate rose 55 cents to $74.10.",
 "Analysts said inventories in the United States had fallen more than expected last week, tightening a market that many had expected to remain well supplied into the new year.",
 "The producer group is due to meet next week to review its output policy for the first quarter.",
]
add("ArabianTradeDaily_2026_11_26", "https://www.arabiantradedaily.test/2026/11/26/oil-prices-rise-third-day", f"""<!DOCTYPE html>
<html lang="en" dir="ltr"><head><title>Oil prices rise for third day on Asian demand hopes | Arabian Trade Daily</title>
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<meta property="og:title" content="Oil prices rise for third day on Asian demand hopes">
<meta property="og:site_name" content="Arabian Trade Daily">
</head><body class="path-node page-node-type-article"><div class="region region-content"><article role="article" class="node node--type-article">
<h1 class="page-title"><span class="field field--name-title">Oil prices rise for third day on Asian demand hopes</span></h1>
<div class="node__submitted">Agencies <span class="field--name-created">Thu, 11/26/2026 - 13:20</span></div>
<div class="field field--name-body">{{BODY}}</div></article></div>
<div class="block-views-blockcontent-recent"><h2>Latest</h2><div class="views-row"><a href="/y">Gold steadies</a><span class="date">Tue, 12/01/2026 - 08:00</span></div></div></body></html>""",
 "Oil prices rise for third day on Asian demand hopes", [], "2026-11-26T13:20:00", paras)

# 8. Desk credit "<Outlet> Report" (site's own name + Report).
paras = [
 "Sharjah police have warned residents about a wave of fake text messages claiming to come from delivery companies and asking recipients to pay small customs fees through a link.",
 "The messages lead to websites that copy the look of real courier firms and collect card details, which are then used for larger purchases abroad, police said.",
 "Residents were urged never to enter card details through links sent by text message and to report suspicious messages through the police app.",
 "More than 200 complaints about such messages were received in October alone, according to the force.",
]
add("CoastlineTimes_2026_11_21", "https://coastlinetimes.test/uae/police-warn-fake-delivery-texts", f"""<!DOCTYPE html>
<html lang="en"><head><title>Police warn of fake delivery text messages - Coastline Times</title>
<meta property="og:site_name" content="Coastline Times">
<meta name="author" content="Coastline Times Report">
<meta property="article:published_time" content="2026-11-21T19:40:00+04:00">
</head><body><div class="container"><div class="col-md-8"><h1 class="title">Police warn of fake delivery text messages</h1>
<div class="byline"><span>Coastline Times Report</span></div><div class="pub-date">November 21, 2026</div>
<div class="content">{{BODY}}</div></div>
<div class="col-md-4 sidebar"><div class="widget"><h4>Opinion</h4><div class="author">By Rashid Kareem</div><a href="/op">The city needs shade</a></div></div></div></body></html>""",
 "Police warn of fake delivery text messages", [], "2026-11-21T19:40:00+04:00", paras)

# 9. Wire page: "Jane Doe | Reuters" byline; title "Headline | Reuters-less site".
paras = [
 "Chile's central bank cut its benchmark interest rate by half a percentage point on Wednesday, its fourth cut this year, saying inflation was falling faster than it had expected.",
 "The bank's board voted unanimously to lower the rate to 5.25%, in line with the forecasts of most economists surveyed before the meeting.",
 "In a statement, the bank said it would consider further reductions in the first half of next year if price pressures continued to ease.",
 "The peso weakened slightly against the dollar after the announcement.",
]
add("MarketWireAsia_2026_11_25", "https://www.marketwireasia.test/economy/chile-central-bank-cuts-rate-2026-11-25/", f"""<!DOCTYPE html>
<html lang="en"><head><title>Chile's central bank cuts rate by half a point, signals more to come | MarketWire Asia</title>
<meta property="og:site_name" content="MarketWire Asia">
<meta property="article:published_time" content="2026-11-25T22:05:00Z">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Chile's central bank cuts rate by half a point, signals more to come",
     "datePublished": "2026-11-25T22:05:00Z", "author": {"@type": "Organization", "name": "Reuters"}})}
</head><body><main><h1>Chile's central bank cuts rate by half a point, signals more to come</h1>
<p class="article-byline">Camila Vergara | Reuters</p><p class="article-date">November 25, 2026 10:05 PM GMT</p>
<div class="article-text">{{BODY}}</div></main></body></html>""",
 "Chile's central bank cuts rate by half a point, signals more to come", ["Camila Vergara"], "2026-11-25T22:05:00+00:00", paras)

# 10. "Jane Doe in Dubai" plus Twitter handle, no structured author.
paras = [
 "A start-up founded by two former airline engineers says it has raised $18 million to build charging hubs for electric air taxis at hotels and shopping malls in the Gulf.",
 "The company plans to open its first hub on the roof of a car park in Dubai next year, pending approval from the civil aviation authority.",
 "Investors in the round include a regional sovereign fund and a European maker of aircraft batteries, the founders said in an interview.",
 "Air taxi services are expected to start carrying passengers in the emirate within two years, although regulators have not yet published the final rules.",
]
add("DesertBusinessReview_2026_11_12", "https://desertbusinessreview.test/tech/air-taxi-charging-startup-raises-18m", f"""<!DOCTYPE html>
<html lang="en"><head><title>Air taxi charging start-up raises $18m | Desert Business Review</title>
<meta property="og:title" content="Air taxi charging start-up raises $18m">
<meta property="og:site_name" content="Desert Business Review">
<meta name="twitter:creator" content="@DBReview">
<meta itemprop="datePublished" content="2026-11-12">
</head><body><article><h1 class="post-title">Air taxi charging start-up raises $18m</h1>
<div class="post-byline">By Nadia Rahman in Dubai <a href="https://x.test/nadiarahman">@nadiarahman</a> <button>Follow</button></div>
<div class="post-date">12 November 2026</div>
<div class="post-body">{{BODY}}</div></article></body></html>""",
 "Air taxi charging start-up raises $18m", ["Nadia Rahman"], "2026-11-12", paras)

# 11. E-mail in the byline, name in ALL CAPS, "BY" prefix.
paras = [
 "The county's only maternity unit will stay open after health officials reversed a plan to move births to a hospital forty miles away, following months of protests by parents.",
 "The decision was announced at a public meeting on Monday evening, where the health board's chair said staffing had improved enough to keep the unit running safely.",
 "Campaigners, who had collected more than 12,000 signatures, said they were relieved but would keep watching for any attempt to revive the plan.",
 "The board said it would review the unit's staffing every six months.",
]
add("ValleyEcho_2026_11_09", "https://www.valleyecho.test/news/maternity-unit-saved", f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>Maternity unit saved after U-turn by health board · Valley Echo</title>
<meta property="og:title" content="VICTORY: Parents celebrate as maternity unit is saved">
<meta property="og:site_name" content="Valley Echo">
<meta property="article:published_time" content="2026-11-09T21:10:00+00:00">
</head><body><div id="content"><h1 class="headline">Maternity unit saved after U-turn by health board</h1>
<div class="byline">BY GARETH LLEWELLYN-JONES <a href="mailto:gareth.llewellyn-jones@valleyecho.test">gareth.llewellyn-jones@valleyecho.test</a></div>
<div class="dateline">Monday 9 November 2026 9.10pm</div>
<div class="story">{{BODY}}</div></div></body></html>""",
 "Maternity unit saved after U-turn by health board", ["Gareth Llewellyn-Jones"], "2026-11-09T21:10:00+00:00", paras)

# 12. Read time glued to the name ("Jane Doe5 Min Read"), name + date glued.
paras = [
 "A new generation of heat pumps designed for flats could halve heating bills in older apartment blocks, according to a trial run by a housing association in Leeds.",
 "The units, which are small enough to fit inside a kitchen cupboard, draw heat from a shared loop of pipes that runs through the building rather than from outdoor fans.",
 "Tenants in the 48 flats taking part paid on average 47% less for heating over the winter than in the previous year, the association said.",
 "The manufacturer hopes to bring the units to market next autumn.",
]
add("GreenGridJournal_2026_11_03", "https://greengridjournal.test/energy/heat-pumps-flats-trial", f"""<!DOCTYPE html>
<html lang="en"><head><title>Cupboard-sized heat pumps halve bills in flats trial — Green Grid Journal</title>
<meta property="og:site_name" content="Green Grid Journal">
<meta property="og:title" content="Cupboard-sized heat pumps halve bills in flats trial">
{ld({"@context": "https://schema.org", "@type": "Article", "headline": "Cupboard-sized heat pumps halve bills in flats trial", "datePublished": "2026-11-03T07:00:00+00:00"})}
</head><body><article><h1>Cupboard-sized heat pumps halve bills in flats trial</h1>
<div class="article-author">Priya Nair<span>5 Min Read</span></div>
{{BODY}}</article></body></html>""",
 "Cupboard-sized heat pumps halve bills in flats trial", ["Priya Nair"], "2026-11-03T07:00:00+00:00", paras)

# 13. Three authors "A, B and C", JSON-LD one string.
paras = [
 "Three of the country's largest supermarket chains have agreed to cap the price of a basket of 30 staple foods until the end of March, the competition regulator said on Friday.",
 "The basket includes bread, milk, eggs, rice, cooking oil and a range of fresh vegetables, and will be marked on shelves with a green label.",
 "Consumer groups said the deal was a welcome start but covered too few products to make a real difference to households struggling with food costs.",
 "The regulator said it would publish monthly checks on whether the chains were keeping to the agreement.",
]
add("CapitalDispatch_2026_11_20", "https://capitaldispatch.test/business/supermarkets-cap-staple-prices/", f"""<!DOCTYPE html>
<html lang="en"><head><title>Supermarkets agree to cap prices of 30 staple foods | Business | Capital Dispatch</title>
<meta property="og:site_name" content="Capital Dispatch">
<meta property="article:section" content="Business">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Supermarkets agree to cap prices of 30 staple foods", "datePublished": "2026-11-20T11:00:00+02:00",
     "author": {"@type": "Person", "name": "Thandiwe Mokoena, Pieter van Wyk and Aisha Bello"}})}
</head><body><div class="article"><h1>Supermarkets agree to cap prices of 30 staple foods</h1>
<p class="byline">Thandiwe Mokoena, Pieter van Wyk and Aisha Bello</p><time datetime="2026-11-20T11:00:00+02:00">20 November 2026</time>
{{BODY}}</div></body></html>""",
 "Supermarkets agree to cap prices of 30 staple foods", ["Thandiwe Mokoena", "Pieter van Wyk", "Aisha Bello"], "2026-11-20T11:00:00+02:00", paras)

# 14. The outlet's own name typed as a Person in JSON-LD; no other byline.
paras = [
 "The island's ferry operator will add a late-evening sailing on Fridays and Saturdays from next month, after residents complained that the last boat left too early for them to attend events on the mainland.",
 "The extra sailings will run on a trial basis until Easter, when the operator will decide whether to keep them based on passenger numbers.",
 "Councillors said the change was a small but important step for young people on the island, who had been unable to take evening jobs on the mainland.",
]
add("IslandBeacon_2026_11_27", "https://islandbeacon.test/news/late-ferry-trial", f"""<!DOCTYPE html>
<html lang="en"><head><title>Late ferry sailings to be trialled at weekends | Island Beacon</title>
<meta property="og:site_name" content="Island Beacon">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Late ferry sailings to be trialled at weekends",
     "datePublished": "1795782600000", "author": {"@type": "Person", "name": "Island Beacon"}})}
</head><body><h1>Late ferry sailings to be trialled at weekends</h1><p class="meta">27/11/2026</p>{{BODY}}</body></html>""",
 "Late ferry sailings to be trialled at weekends", [], "2026-11-27T12:30:00+00:00", paras)

# 15. Photo credit beside the byline; "Photo: AFP" as first meta author.
paras = [
 "Firefighters in southern France brought a forest fire under control on Sunday after it burned through some 1,200 hectares of pine woodland near the coast.",
 "About 600 people were evacuated from campsites and holiday homes overnight as strong winds pushed the flames towards the sea, local authorities said.",
 "No injuries were reported, but several houses were damaged and a stretch of coastal road remained closed while crews dealt with smouldering hotspots.",
 "Investigators are trying to establish the cause of the fire, which started near a motorway lay-by.",
]
add("EuroNewsline_2026_11_22", "https://euronewsline.test/world/france-forest-fire-contained", f"""<!DOCTYPE html>
<html lang="en"><head><title>French firefighters contain coastal forest fire after evacuations | Euro Newsline</title>
<meta property="og:site_name" content="Euro Newsline">
<meta name="author" content="Photo: AFP">
<meta property="article:published_time" content="2026-11-22T18:20:00+01:00">
</head><body><article><h1>French firefighters contain coastal forest fire after evacuations</h1>
<figure><img src="/f.jpg"><figcaption class="caption">Smoke over the pines. <span class="credit">Photo: AFP</span></figcaption></figure>
<div class="meta"><span class="writer">By Sam Reid</span> · <span class="timestamp">22 November 2026, 18:20 CET</span></div>
{{BODY}}</article></body></html>""",
 "French firefighters contain coastal forest fire after evacuations", ["Sam Reid"], "2026-11-22T18:20:00+01:00", paras)

# 16. meta author with commas, no JSON-LD; date only as US text with "Dec." and a modified meta.
paras = [
 "Volunteers planted more than 5,000 native trees along the banks of the Mill River on Saturday, the largest single planting in the watershed's history.",
 "The project, organised by a coalition of neighbourhood groups, aims to shade the river and lower water temperatures that have been harming trout in recent summers.",
 "Organisers said they had chosen species such as silver maple, black willow and river birch that can tolerate flooding.",
 "A second planting day is planned for the spring.",
]
add("MillTownCourier_2026_11_28", "https://www.milltowncourier.test/news/2026/11/28/river-tree-planting/", f"""<!DOCTYPE html>
<html lang="en"><head><title>Volunteers plant 5,000 trees along Mill River - Mill Town Courier</title>
<meta name="author" content="Alice Grant, Ravi Menon">
<meta property="og:site_name" content="Mill Town Courier">
<meta property="article:modified_time" content="2026-11-30T12:00:00-05:00">
</head><body><div class="story"><h1 class="story-title">Volunteers plant 5,000 trees along Mill River</h1>
<div class="story-meta"><span class="authors">Alice Grant, Ravi Menon</span><span class="label">Updated</span> <time class="story-date" datetime="2026-11-30T12:00:00-05:00">Nov. 30, 2026</time>
<span class="label">Published</span> <time class="story-date" datetime="2026-11-28T17:45:00-05:00">Nov. 28, 2026 5:45 p.m. ET</time></div>
{{BODY}}</div></body></html>""",
 "Volunteers plant 5,000 trees along Mill River", ["Alice Grant", "Ravi Menon"], "2026-11-28T17:45:00-05:00", paras)

# 17. rel=author links, name with particle, Dr title.
paras = [
 "Hospitals in the region will start screening all patients over 65 for a common heart rhythm disorder when they attend emergency departments, in a programme doctors say could prevent hundreds of strokes a year.",
 "The test uses a handheld device that records the heart's rhythm in 30 seconds, and patients with an irregular reading will be referred to a specialist clinic.",
 "The programme follows a two-year pilot in which one in 25 patients screened was found to have the condition without knowing it.",
]
add("HealthWatchWeekly_2026_11_15", "https://healthwatchweekly.test/news/heart-rhythm-screening-over-65s", f"""<!DOCTYPE html>
<html lang="en"><head><title>Emergency departments to screen over-65s for irregular heartbeat | Health Watch Weekly</title>
<meta property="og:site_name" content="Health Watch Weekly">
<meta property="article:published_time" content="2026-11-15T08:00:00+00:00">
</head><body><article><h1>Emergency departments to screen over-65s for irregular heartbeat</h1>
<p class="contributors">Words by <a rel="author" href="/contributors/amina-al-farsi">Dr Amina Al-Farsi</a> and <a rel="author" href="/contributors/joost-van-den-berg">Joost van den Berg</a></p>
{{BODY}}</article></body></html>""",
 "Emergency departments to screen over-65s for irregular heartbeat", ["Dr Amina Al-Farsi", "Joost van den Berg"], "2026-11-15T08:00:00+00:00", paras)

# 18. Headline with internal " - " and ": ", <title> "Headline - Site"; og:title equal.
paras = [
 "The Abu Dhabi - Dubai high-speed rail link will carry its first passengers in the spring, the operator said, cutting the journey between the two cities to under an hour.",
 "Trains will initially run every 40 minutes at peak times, with stops at the airport and at a new station near the border between the two emirates.",
 "Ticket prices have not yet been announced, but the operator said fares would be competitive with the cost of driving.",
]
add("EmiratesLedger_2026_11_10", "https://www.emiratesledger.test/uae/abu-dhabi-dubai-rail-spring", f"""<!DOCTYPE html>
<html lang="en"><head><title>Abu Dhabi - Dubai rail: first passengers in spring - Emirates Ledger</title>
<meta property="og:title" content="Abu Dhabi - Dubai rail: first passengers in spring">
<meta property="og:site_name" content="Emirates Ledger">
<meta property="article:published_time" content="2026-11-10T14:00:00+04:00">
</head><body><div class="article"><h1>Abu Dhabi - Dubai rail: first passengers in spring</h1>
<div class="author-info"><span class="author-name">By Hamad bin Khalifa Al Mansoori</span></div>
{{BODY}}</div></body></html>""",
 "Abu Dhabi - Dubai rail: first passengers in spring", ["Hamad bin Khalifa Al Mansoori"], "2026-11-10T14:00:00+04:00", paras)

# 19. JSON-LD headline truncated at 110 chars; h1 full; og:title full.
full = "Regulator orders water companies to publish real-time sewage discharge data for every outflow pipe across England by next summer"
paras = [
 "Water companies in England will have to publish live data on every sewage overflow by next summer, the regulator said, after years of pressure from campaigners and river users.",
 "The data will show when each outflow pipe starts and stops discharging, and will be available on a single public map updated every 15 minutes.",
 "Companies that fail to keep the data accurate could face fines of up to 10% of their turnover, the regulator said.",
]
add("RiversideGazette_2026_11_05", "https://riversidegazette.test/environment/sewage-live-data-order", f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>Water firms must publish live sewage data | Riverside Gazette</title>
<meta property="og:title" content="{full}">
<meta property="og:site_name" content="Riverside Gazette">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": full[:110], "datePublished": "2026-11-05T06:00:00Z",
     "author": [{"@type": "Person", "name": "SIOBHAN O'NEILL"}]})}
</head><body><h1 class="article__title">{full}</h1>
<div class="article__byline">By SIOBHAN O'NEILL, Environment Correspondent</div>
<div class="article__body">{{BODY}}</div></body></html>""",
 full, ["Siobhan O'Neill"], "2026-11-05T06:00:00+00:00", paras)

# 20. Dates: only visible "Published" vs "Updated" in UK BST style; epoch ms in data attribute; date in URL.
paras = [
 "A summer festival that drew 40,000 people to a city park will not return next year after its organisers said rising security and insurance costs had made it impossible to break even.",
 "The three-day event had run every August since 2011 and featured local bands alongside headline acts.",
 "The city council said it was disappointed and would talk to other promoters about using the park for a smaller event.",
]
add("NorthernLights_2026_08_14", "https://northernlights.test/whats-on/2026/08/14/festival-cancelled-costs", f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>City park festival axed over rising costs | Northern Lights</title>
<meta property="og:site_name" content="Northern Lights">
</head><body><div class="page"><h1>City park festival axed over rising costs</h1>
<div class="article-info"><span class="by">By Callum Fraser</span>
<span class="stamp" data-epoch="1786806000000">Updated 16:20 BST, 15 August 2026</span>
<span class="stamp">Published 09:05 BST, 14 August 2026</span></div>
{{BODY}}
<div class="comment-list"><div class="comment"><span class="name">Morag Dunn</span> <span class="comment-time">14 August 2026 11:12</span><p>Such a shame.</p></div></div></div></body></html>""",
 "City park festival axed over rising costs", ["Callum Fraser"], "2026-08-14T09:05:00+01:00", paras)

# 21. Byline with "Jane Doe @janedoe" handle attached and role after comma, plus agency.
paras = [
 "Kenya's parliament passed a bill on Tuesday that will require all new buildings over four storeys to include rooftop solar panels, a first for the region.",
 "The law gives developers two years to comply and offers tax relief on the cost of installation for buildings that generate more than half their own electricity.",
 "Business groups had lobbied against the bill, arguing that it would raise construction costs at a time when housing is already unaffordable for many.",
]
add("EastAfricaWire_2026_11_17", "https://eastafricawire.test/news/kenya-rooftop-solar-law", f"""<!DOCTYPE html>
<html lang="en"><head><title>Kenya makes rooftop solar mandatory on new high-rise buildings - East Africa Wire</title>
<meta property="og:site_name" content="East Africa Wire">
<meta property="article:published_time" content="2026-11-17T16:00:00+03:00">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Kenya makes rooftop solar mandatory on new high-rise buildings", "datePublished": "2026-11-17T16:00:00+03:00"})}
</head><body><article><h1>Kenya makes rooftop solar mandatory on new high-rise buildings</h1>
<div class="byline">Wanjiru Kamau @wkamau_news, Energy Reporter, with AFP</div>
{{BODY}}</article></body></html>""",
 "Kenya makes rooftop solar mandatory on new high-rise buildings", ["Wanjiru Kamau"], "2026-11-17T16:00:00+03:00", paras)

# 22. Yoast @graph with author list of @id refs (two persons) and a WebPage node with its own name.
paras = [
 "The state's wildlife agency has confirmed the first breeding pair of river otters in the lower valley in more than 60 years.",
 "Trail cameras set up by volunteers recorded the pair with two pups near a disused mill in early October.",
 "Biologists said the return of otters was a sign that efforts to clean up the river were working, though they warned that the population remained fragile.",
]
graph = [
 {"@type": "WebPage", "@id": "https://valleynaturalist.test/otters-return/", "name": "Otters return to lower valley after 60 years - The Valley Naturalist",
  "datePublished": "2026-10-20T09:00:00+00:00"},
 {"@type": "Article", "@id": "https://valleynaturalist.test/otters-return/#article", "headline": "Otters return to lower valley after 60 years",
  "datePublished": "2026-10-20T09:00:00+00:00", "dateModified": "2026-11-02T10:00:00+00:00",
  "author": [{"@id": "https://valleynaturalist.test/#/schema/person/a1"}, {"@id": "https://valleynaturalist.test/#/schema/person/b2"}],
  "isPartOf": {"@id": "https://valleynaturalist.test/otters-return/"}},
 {"@type": "Person", "@id": "https://valleynaturalist.test/#/schema/person/a1", "name": "Rosa Delgado"},
 {"@type": "Person", "@id": "https://valleynaturalist.test/#/schema/person/b2", "name": "Prof. Martin Ashdown"},
]
add("ValleyNaturalist_2026_10_20", "https://valleynaturalist.test/otters-return/", f"""<!DOCTYPE html>
<html lang="en-US"><head><title>Otters return to lower valley after 60 years - The Valley Naturalist</title>
<meta property="og:title" content="Otters return to lower valley after 60 years - The Valley Naturalist">
<meta property="og:site_name" content="The Valley Naturalist">
<meta property="article:published_time" content="2026-10-20T09:00:00+00:00">
<meta property="article:modified_time" content="2026-11-02T10:00:00+00:00">
{ld({"@context": "https://schema.org", "@graph": graph})}
</head><body class="single"><article class="post"><header class="entry-header"><h1 class="entry-title">Otters return to lower valley after 60 years</h1>
<div class="entry-meta">Posted on <time class="entry-date published" datetime="2026-10-20T09:00:00+00:00">October 20, 2026</time> by <span class="author vcard"><a class="url fn n" href="/author/rosa/">Rosa Delgado</a></span> and <span class="author vcard"><a class="url fn n" href="/author/martin/">Prof. Martin Ashdown</a></span></div></header>
<div class="entry-content">{{BODY}}</div>
<div id="comments" class="comments-area"><ol class="comment-list"><li class="comment"><div class="comment-author vcard"><b class="fn">Glen Tarrant</b></div><time datetime="2026-11-01T10:00:00+00:00">November 1, 2026</time><p>Wonderful news.</p></li></ol></div>
</article></body></html>""",
 "Otters return to lower valley after 60 years", ["Rosa Delgado", "Prof. Martin Ashdown"], "2026-10-20T09:00:00+00:00", paras)

# 23. Page whose only machine date is in script data; visible date "Posted" line; Sir in name.
paras = [
 "A former chief scientific adviser has been appointed to lead a review of how universities in the country fund early-career researchers, the education department said.",
 "The review will examine short-term contracts, which critics say push talented scientists out of research, and will report to ministers within a year.",
 "University leaders welcomed the appointment, saying the review was overdue.",
]
add("CampusTimes_2026_11_11", "https://campustimes.test/news/review-early-career-research-funding", f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>Campus Times: Former science adviser to lead research funding review</title>
<meta property="og:site_name" content="Campus Times">
<script>var dataLayer=[{{"pageType":"article","expires":"2027-02-01","cacheUntil":"2026-12-03T00:00:00Z","lastBuilt":"2026-11-30"}}];</script>
</head><body><div class="wrap"><h1>Former science adviser to lead research funding review</h1>
<p class="byline">By Sir Malcolm Reeve</p><p class="posted">Posted: Wednesday 11 November 2026</p>
{{BODY}}</div></body></html>""",
 "Former science adviser to lead research funding review", ["Sir Malcolm Reeve"], "2026-11-11", paras)

# 24. US wire-style local page: "By JANE DOE Associated Press", AP dateline.
paras = [
 "PHOENIX (AP) — Arizona regulators on Thursday approved the state's largest solar-and-storage project, a development on tribal land that is expected to power about 180,000 homes.",
 "The project pairs 600 megawatts of solar panels with batteries that can supply electricity for four hours after sunset, when demand in the desert peaks.",
 "Tribal leaders said lease payments from the project would fund housing and water infrastructure on the reservation for decades.",
]
add("DesertSunTribune_2026_11_19", "https://www.desertsuntribune.test/story/news/2026/11/19/arizona-solar-storage-approved/", f"""<!DOCTYPE html>
<html lang="en-US"><head><title>Arizona approves largest solar-and-storage project on tribal land</title>
<meta property="og:site_name" content="Desert Sun Tribune">
<meta property="og:title" content="Arizona approves largest solar-and-storage project on tribal land">
<meta name="author" content="JAKE MORALES Associated Press">
<meta property="article:published_time" content="2026-11-19T20:31:00Z">
</head><body><main><h1 class="gnt_ar_hl">Arizona approves largest solar-and-storage project on tribal land</h1>
<div class="gnt_ar_by">JAKE MORALES<br>Associated Press</div>
<div class="gnt_ar_dt" aria-label="Published: 1:31 PM MST November 19, 2026">Published 1:31 PM MST Nov. 19, 2026</div>
<div class="gnt_ar_b">{{BODY}}</div></main></body></html>""",
 "Arizona approves largest solar-and-storage project on tribal land", ["Jake Morales"], "2026-11-19T13:31:00-07:00", paras)

# 25. Author name and date glued in one element without separator; og:title differs (social).
paras = [
 "A secondary school in Bristol has banned mobile phones for the whole school day and says behaviour and exam results have both improved since the rule came in.",
 "Pupils hand in their phones at the gate each morning and collect them at the end of the day from lockable pouches kept in each form room.",
 "The head teacher said detentions had fallen by a third in the first term, and that pupils were talking to each other more at lunchtime.",
]
add("WestCountryPost_2026_11_26", "https://westcountrypost.test/news/bristol-school-phone-ban-results", f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>Bristol school's all-day phone ban 'has improved behaviour' | West Country Post</title>
<meta property="og:title" content="'The kids actually talk to each other now': inside the school that banned phones">
<meta property="og:site_name" content="West Country Post">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "'The kids actually talk to each other now': inside the school that banned phones",
     "datePublished": "2026-11-26T05:00:00Z", "author": {"@type": "Person", "name": "Ellie Woodward", "url": "https://westcountrypost.test/authors/ellie-woodward"}})}
</head><body><h1 class="headline">Bristol school's all-day phone ban 'has improved behaviour'</h1>
<div class="article-meta"><a class="author" href="/authors/ellie-woodward">Ellie Woodward</a>Thursday, 26 November 2026, 5:00 am</div>
{{BODY}}</body></html>""",
 "Bristol school's all-day phone ban 'has improved behaviour'", ["Ellie Woodward"], "2026-11-26T05:00:00+00:00", paras)

# 26. JSON-LD author a list of plain strings, one of them the site; title "Headline | Section | Site" with breadcrumb.
paras = [
 "Bahrain's central bank has issued its first licences for companies offering buy-now-pay-later services, setting limits on how much shoppers can borrow.",
 "Under the new rules, customers can spread purchases of up to 2,000 dinars over a maximum of six months, and providers must check their ability to repay.",
 "Three companies received licences in the first round, and others are expected to follow early next year.",
]
add("GulfFinanceToday_2026_11_23", "https://gulffinancetoday.test/banking/bahrain-bnpl-licences", f"""<!DOCTYPE html>
<html lang="en"><head><title>Bahrain issues first buy-now-pay-later licences | Banking | Gulf Finance Today</title>
<meta property="og:site_name" content="Gulf Finance Today">
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bahrain issues first buy-now-pay-later licences",
     "datePublished": "2026-11-23T09:45:00+03:00", "author": ["Yousef Al-Khalifa", "Gulf Finance Today"]})}
</head><body><div class="breadcrumb"><a href="/">Home</a> › <a href="/banking/">Banking</a></div>
<h1>Bahrain issues first buy-now-pay-later licences</h1>
<div class="author">Yousef Al-Khalifa, Gulf Finance Today</div><div class="date">23 Nov 2026</div>
{{BODY}}</body></html>""",
 "Bahrain issues first buy-now-pay-later licences", ["Yousef Al-Khalifa"], "2026-11-23T09:45:00+03:00", paras)

# 27. No <h1>: the headline in an <h2 class="entry-title">; social og:title; "Headline - Site - News"; "Posted by … on …".
paras = [
 "The community land trust that owns the old textile mill has been given permission to turn its upper floors into 42 flats for rent at below-market prices.",
 "The trust bought the building for a nominal sum from the council three years ago and has since raised money from local residents through a community share offer.",
 "Planning officers said the scheme would bring a long-empty landmark back into use while keeping its chimney, water tower and cast-iron windows.",
 "Work is due to start in the spring and the first tenants could move in within two years.",
]
add("TownAndMill_2026_11_30", "https://townandmill.test/mill-flats-approved/", f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>Old textile mill to become 42 affordable flats - Town and Mill - News</title>
<meta property="og:title" content="You could soon live in the old mill (and pay less than market rent)">
<meta property="og:site_name" content="Town and Mill">
</head><body><div id="page"><div class="site-branding"><p class="site-title"><a href="/">Town and Mill</a></p></div>
<div id="primary"><div class="post"><h2 class="entry-title">Old textile mill to become 42 affordable flats</h2>
<div class="postmeta">Posted by Eleanor Whitcombe on November 30, 2026</div>
<div class="entry">{{BODY}}</div></div></div>
<div id="secondary" class="widget-area"><h3 class="widget-title">Recent Posts</h3><ul><li><a href="/p">Bridge repairs finished</a> December 1, 2026</li></ul></div></div></body></html>""",
 "Old textile mill to become 42 affordable flats", ["Eleanor Whitcombe"], "2026-11-30", paras)

# 28. JSON-LD author is the outlet (Organization); the byline holds two staff writers, a role and a relative time.
paras = [
 "The state's largest utility has asked regulators to approve a 9% rise in electricity rates next year, blaming the cost of repairing lines damaged in last winter's ice storms.",
 "If approved, the increase would add about $11 a month to the average household bill, according to the utility's filing.",
 "Consumer advocates said they would challenge the request at hearings scheduled for February, arguing that shareholders should carry part of the cost.",
]
add("CapitolCurrent_2026_11_27", "https://www.capitolcurrent.test/business/2026/11/27/utility-rate-rise-ice-storm/", f"""<!DOCTYPE html>
<html lang="en-US"><head><title>Capitol Current | Business</title>
<meta property="og:site_name" content="Capitol Current">
<meta property="og:title" content="Your power bill could go up by $11 a month. Here's why">
{ld({"@context": "https://schema.org", "@type": "ItemList", "name": "More business news", "itemListElement": [
     {"@type": "NewsArticle", "headline": "Grocer opens third store", "datePublished": "2026-11-20T08:00:00-05:00",
      "author": {"@type": "Person", "name": "Lou Brandt"}}]})}
{ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Your power bill could go up by $11 a month. Here's why",
     "datePublished": "2026-11-27T14:02:00-05:00", "author": {"@type": "Organization", "name": "Capitol Current"}})}
</head><body><div class="section-front"><h1 class="section-title">Business News</h1></div><article><h1>Utility seeks 9% rate rise to cover ice storm repairs</h1>
<div class="byline">By Marcus Bell and Dana Whitford, Staff Writers | Updated 2 hours ago</div>
{{BODY}}</article></body></html>""",
 "Utility seeks 9% rate rise to cover ice storm repairs", ["Marcus Bell", "Dana Whitford"], "2026-11-27T14:02:00-05:00", paras)

# 29. A column: meta author a social profile URL, JSON-LD author name with "By" in capitals, a "More from" box.
paras = [
 "Every December the same argument returns to our dinner table: should the children be given money to spend as they like, or presents chosen for them?",
 "My own view has changed over the years. When they were small, choosing for them felt like part of the magic; now that they are teenagers, a gift card seems less like a failure of imagination than an act of respect.",
 "Still, I cannot quite give up on the idea that a present should say something about the person who gives it, and not only about the one who receives it.",
]
add("HarbourLantern_2026_12_01", "https://harbourlantern.test/opinion/columns/gift-cards-teenagers", f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>Opinion: Why I have stopped feeling guilty about gift cards | Harbour Lantern</title>
<meta name="author" content="https://www.facebook.com/harbourlantern">
<meta property="article:author" content="https://harbourlantern.test/profile/rachel-amoah">
<meta property="og:site_name" content="Harbour Lantern">
{ld({"@context": "https://schema.org", "@type": "OpinionNewsArticle", "headline": "Why I have stopped feeling guilty about gift cards",
     "datePublished": "2026-12-01T06:00:00+00:00", "author": {"@type": "Person", "name": "BY RACHEL AMOAH"}})}
</head><body><main><span class="kicker">Opinion</span><h1>Why I have stopped feeling guilty about gift cards</h1>
{{BODY}}
<div class="author-bio"><a href="/profile/rachel-amoah">More from Rachel Amoah</a><p>Rachel Amoah is a columnist. Follow her on social media.</p></div></main></body></html>""",
 "Why I have stopped feeling guilty about gift cards", ["Rachel Amoah"], "2026-12-01T06:00:00+00:00", paras)

# 30. Gulf English page: outlet desk credit, visible date with day-month order and Gulf time, a "Related" list, no structured data.
paras = [
 "Ras Al Khaimah will host its first international kite festival on the beaches of Al Marjan Island next February, the emirate's tourism authority announced.",
 "More than 60 kite flyers from 20 countries are expected to take part over three days, with night shows using illuminated kites over the water.",
 "Entry will be free, and organisers plan workshops where children can build and decorate their own kites.",
]
add("NorthernEmiratesDaily_2026_11_25", "https://www.northernemiratesdaily.test/uae/ras-al-khaimah-kite-festival", f"""<!DOCTYPE html>
<html lang="en"><head><title>Ras Al Khaimah to host first international kite festival | Northern Emirates Daily</title>
<meta property="og:site_name" content="Northern Emirates Daily">
<meta property="og:title" content="Ras Al Khaimah to host first international kite festival">
</head><body><div class="header"><span class="today-date">Tuesday 01 December 2026</span></div>
<div class="details"><h1>Ras Al Khaimah to host first international kite festival</h1>
<div class="writer-date"><span class="writer">Northern Emirates Daily Report</span><span class="date">Wed 25 Nov 2026 | 07:30 PM (UAE)</span></div>
<div class="details-body">{{BODY}}</div>
<div class="related-news"><h3>Related</h3><div class="item"><a href="/k">Hajar mountain trail reopens</a><span class="date">Mon 23 Nov 2026</span><span class="writer">By Layla Haddad</span></div></div>
</div></body></html>""",
 "Ras Al Khaimah to host first international kite festival", [], "2026-11-25T19:30:00+04:00", paras)

with open(OUT / "golden.jsonl", "w", encoding="utf-8") as f:
    for p in PAGES:
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
print(len(PAGES), "pages")
