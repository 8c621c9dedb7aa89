"""The bundled data's words, for the catalogue (written by ``python -m hegang_map.build.catalogue``).

Never imported: ``lupdate`` reads the calls below. The app translates these
texts where it shows them, by the same contexts.
"""

from ..util.i18n import QT_TRANSLATE_NOOP

# Styles
QT_TRANSLATE_NOOP("Styles", "Annual average asking price of resale listings, {platform}; platform data, not official statistics")
QT_TRANSLATE_NOOP("Styles", "Annual average resale listing price, {platform}, {year}; platform data, not official. 58.com and Anjuke are two listings of one market; Anjuke lacks Beijing, Shanghai, Tianjin, Chongqing and Hainan")
QT_TRANSLATE_NOOP("Styles", "Cancelled")
QT_TRANSLATE_NOOP("Styles", "College")
QT_TRANSLATE_NOOP("Styles", "Commercial new-build (contrast)")
QT_TRANSLATE_NOOP("Styles", "Estimated mine boundary (GEM)")
QT_TRANSLATE_NOOP("Styles", "Hollow: drawn on its district's seat (location_precision = district)")
QT_TRANSLATE_NOOP("Styles", "Hospital")
QT_TRANSLATE_NOOP("Styles", "Mines named in the press, placed on their district")
QT_TRANSLATE_NOOP("Styles", "Mothballed")
QT_TRANSLATE_NOOP("Styles", "Operating")
QT_TRANSLATE_NOOP("Styles", "Park")
QT_TRANSLATE_NOOP("Styles", "Proposed")
QT_TRANSLATE_NOOP("Styles", "Resale listing average (挂牌均价), creprice.cn snapshot 2026-05-17")
QT_TRANSLATE_NOOP("Styles", "Resale listing price")
QT_TRANSLATE_NOOP("Styles", "Resale listing price, annual average")
QT_TRANSLATE_NOOP("Styles", "Resale listing price, creprice 2026-05-17")
QT_TRANSLATE_NOOP("Styles", "Retired")
QT_TRANSLATE_NOOP("Styles", "School")
QT_TRANSLATE_NOOP("Styles", "Shantytown redevelopment estate / area")
QT_TRANSLATE_NOOP("Styles", "Shelved")
QT_TRANSLATE_NOOP("Styles", "Single figures from the press and platforms; two are the essay's (quoted_in). Kinds and periods differ")
QT_TRANSLATE_NOOP("Styles", "Single figures quoted in the essay and the press (kinds and periods differ: see attributes)")
QT_TRANSLATE_NOOP("Styles", "yuan/m²")

# Names
QT_TRANSLATE_NOOP("Names", "Cities")
QT_TRANSLATE_NOOP("Names", "City government")
QT_TRANSLATE_NOOP("Names", "Coal mines (GEM)")
QT_TRANSLATE_NOOP("Names", "Junde mine boundary (estimated)")
QT_TRANSLATE_NOOP("Names", "Prices quoted in the essay")
QT_TRANSLATE_NOOP("Names", "Redevelopment estates")
QT_TRANSLATE_NOOP("Names", "Resale listing price (58.com)")
QT_TRANSLATE_NOOP("Names", "Resale listing price (creprice 2026)")
QT_TRANSLATE_NOOP("Names", "Welfare facilities")

# Credits
QT_TRANSLATE_NOOP("Credits", "Boundary (estimated): Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2 (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Capitals: GeoNames.org (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "City points: GeoNames.org (CC BY 4.0); codes: GB/T 2260")
QT_TRANSLATE_NOOP("Credits", "District seats: GeoNames.org (CC BY 4.0); areas: de.wikipedia (CC BY-SA)")
QT_TRANSLATE_NOOP("Credits", "Facilities: hospital website, kaowaiyu.cn, caoyuantianlu.org as cited per row; district seats: GeoNames.org (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Government point: Wikipedia (Hegang infobox), GCJ-02 converted to WGS 84")
QT_TRANSLATE_NOOP("Credits", "Mine features (possible): Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2 (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Mines: Global Energy Monitor, Global Coal Mine Tracker (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Mines: Heilongjiang Daily via hlj.cri.cn 2018, press as cited per row; district seats: GeoNames.org (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Natural Earth (public domain)")
QT_TRANSLATE_NOOP("Credits", "Natural Earth (public domain); de facto boundaries, not an official map of China")
QT_TRANSLATE_NOOP("Credits", "Natural Earth (public domain); not an official map of China")
QT_TRANSLATE_NOOP("Credits", "Places: web and press sources as cited per row")
QT_TRANSLATE_NOOP("Credits", "Prices: 58.com / Anjuke annual resale listing averages (platform figures, cited), compiled by changao1 (repository MIT)")
QT_TRANSLATE_NOOP("Credits", "Prices: 58.com / Anjuke annual resale listing averages (platform figures, cited), compiled by changao1 (repository MIT); points: GeoNames.org (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Prices: creprice.cn (禧泰数据) 2026-05-17 via heroliss/china-house-price-map")
QT_TRANSLATE_NOOP("Credits", "Prices: creprice.cn (禧泰数据) 2026-05-17 via heroliss/china-house-price-map; points: GeoNames.org (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Programme: ThePaper 2019 (the essay's source)")
QT_TRANSLATE_NOOP("Credits", "Quotes: Securities Times Database 2020 (cited by Yang 2025), the press and creprice.cn, per row; points: GeoNames.org (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Rivers: GSHHG 2.3.6 / WDBII, Wessel & Smith (LGPL-3.0)")
QT_TRANSLATE_NOOP("Credits", "Sites: Southern Weekly, CGTN, mtkj.org, Sohu as cited per row")
QT_TRANSLATE_NOOP("Credits", "Sites: ThePaper 2019, Southern Weekly 2019 and others as cited per row; district seats: GeoNames.org (CC BY 4.0)")
QT_TRANSLATE_NOOP("Credits", "Timeline: the essay's dated figures (Yang 2025, Metropolitics) with the sources it cites, per row")
