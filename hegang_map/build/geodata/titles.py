"""Human titles of the bundled layers and fields, in Chinese and English.

Written into each GeoPackage (:func:`write_titles`) the standard ways a GIS
reads them: ``gpkg_contents.identifier`` (the layer's English title) and the
schema extension's ``gpkg_data_columns`` (each field's English title), and
both languages as JSON in the metadata extension (``gpkg_metadata``, one
record per layer and per field, standard :data:`TITLES_URI`), which
hegang-map reads to show a layer or field in the language the user chose.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ...model.titles import TITLES_URI


#: ``file:layer`` -> (Chinese title, English title, Chinese description).
LAYERS: dict[str, tuple[str, str, str]] = {
    "city_prices.gpkg:cities": (
        "地级城市", "Prefecture-level cities",
        "有 GeoNames 点位的地级单位（另含 16 个省直辖县级单位和玉门）"),
    "city_prices.gpkg:price_annual": (
        "二手房挂牌年均价", "Resale listing price, annual",
        "各城市各年二手房挂牌年均价：58同城 2010–2024、安居客 2015–2024，同一市场的两个挂牌平台；安居客缺北京、上海、"
        "天津、重庆和海南；6 个存疑值已标记"),
    "city_prices.gpkg:price_latest": (
        "二手房挂牌均价（2026 快照）", "Resale listing price, 2026 snapshot",
        "creprice.cn 二手房挂牌均价，2026-05-17 快照，含 312 城排名"),
    "city_prices.gpkg:price_quotes": (
        "报道中的房价数字", "Price figures quoted",
        "报刊与平台给出的单个房价数字（其中 2 个为原文所引），标在城市点位上"),
    "city_prices.gpkg:price_annual_unplaced": (
        "未定位的年均价记录", "Annual prices without a city point",
        "城市无点位的年均价记录（表格，无几何）"),
    "city_prices.gpkg:price_latest_unplaced": (
        "未定位的 2026 快照记录", "2026 snapshot rows without a city point",
        "城市无点位的 creprice 记录（表格，无几何）"),
    "hegang_welfare.gpkg:facilities": (
        "福利设施", "Welfare facilities",
        "鹤岗的医院和公园，含建成年份和运营单位"),
    "hegang_welfare.gpkg:coal_mines": (
        "煤矿（GEM）", "Coal mines (GEM)",
        "鹤岗煤田的煤矿（全球能源监测 Global Coal Mine Tracker）"),
    "hegang_welfare.gpkg:mine_boundaries": (
        "峻德煤矿估计边界", "Junde mine boundary, estimated",
        "峻德煤矿的估计边界（GEM）"),
    "hegang_welfare.gpkg:coal_mines_press": (
        "报道提及的煤矿", "Coal mines named in the press",
        "报道中提及的其他煤矿，标在所在区的点位上"),
    "hegang_welfare.gpkg:mine_features": (
        "峻德煤矿地面设施（可能）", "Junde mine features, possible",
        "卫星影像上可见的峻德煤矿可能的井口、抽采井和火炬（GEM）"),
    "hegang_welfare.gpkg:reference_points": (
        "鹤岗市人民政府", "Hegang municipal government",
        "鹤岗市人民政府（约 100 米，WGS 84）"),
    "hegang_welfare.gpkg:places_unplaced": (
        "未定位的地点", "Places without a location",
        "位置未知的设施、煤矿和煤炭企业（表格，无几何）"),
    "hegang_redevelopment.gpkg:redevelopment_sites": (
        "棚改小区与片区", "Shantytown redevelopment sites",
        "鹤岗的棚户区改造安置小区和片区（按区点位）"),
    "hegang_redevelopment.gpkg:district_points": (
        "区政府驻地", "District seats",
        "鹤岗各县级单位驻地（GeoNames；绥滨县无点位），按区定位的地点绘于此处"),
    "hegang_redevelopment.gpkg:redevelopment_sites_unplaced": (
        "未定位的棚改小区", "Redevelopment sites without a location",
        "位置未知的棚改小区（表格，无几何）"),
    "hegang_redevelopment.gpkg:programme_figures": (
        "棚改计划数字", "Redevelopment programme figures",
        "全市棚户区改造计划的数字（表格，无几何）"),
    "hegang_redevelopment.gpkg:hegang_timeline": (
        "鹤岗时间线", "Hegang timeline",
        "原文中注明日期的鹤岗数字：房价、销售面积、棚改、政策、新迁入人口（表格）"),
}

#: Field name -> (Chinese title, English title); the same name means the same thing in every layer.
FIELDS: dict[str, tuple[str, str]] = {
    "adcode": ("行政区划代码", "Division code"),
    "address_text": ("地址", "Address"),
    "admin_level": ("行政级别", "Administrative level"),
    "area_ha": ("面积（公顷）", "Area (ha)"),
    "area_km2_2004": ("面积（平方公里，2004）", "Area (km², 2004)"),
    "boundary_status": ("边界状态", "Boundary status"),
    "capacity_mtpa": ("产能（百万吨/年）", "Capacity (Mt/year)"),
    "category": ("类别", "Category"),
    "category_in_source": ("来源中的类别", "Category in the source"),
    "citation": ("引文", "Citation"),
    "city_in_source": ("来源中的城市名", "City in the source"),
    "coal_company_link": ("与煤炭企业的关系", "Link to the coal company"),
    "coal_grade": ("煤炭等级", "Coal grade"),
    "coal_type": ("煤种", "Coal type"),
    "coalfield": ("煤田", "Coalfield"),
    "closing_year": ("关闭年份", "Closing year"),
    "crs_note": ("坐标系说明", "Coordinate note"),
    "data_source_date": ("数据日期", "Data date"),
    "dataset_note": ("数据集说明", "Dataset note"),
    "description": ("描述", "Description"),
    "district_adcode": ("区代码", "District code"),
    "district_en": ("所在区（英文）", "District (English)"),
    "district_zh": ("所在区", "District"),
    "essay_role": ("在原文中的角色", "Role in the essay"),
    "facts": ("事实", "Facts"),
    "feature_id": ("要素编号", "Feature ID"),
    "founded_year": ("建成年份", "Year founded"),
    "gem_mine_id": ("GEM 煤矿编号", "GEM mine ID"),
    "gem_wiki": ("GEM 维基页面", "GEM wiki page"),
    "geonameid": ("GeoNames 编号", "GeoNames ID"),
    "identification": ("识别方式", "Identification"),
    "is_contrast": ("是否为对照", "Contrast case"),
    "kind": ("种类", "Kind"),
    "licence": ("许可", "Licence"),
    "location_note": ("位置说明", "Location note"),
    "location_precision": ("位置精度", "Location precision"),
    "location_text": ("位置描述", "Location as described"),
    "matched_adcode": ("匹配的区划代码", "Matched division code"),
    "metric": ("指标", "Measure"),
    "metric_en": ("指标（英文）", "Measure (English)"),
    "metric_zh": ("指标", "Measure (Chinese)"),
    "mine_depth_m": ("矿井深度（米）", "Mine depth (m)"),
    "mine_name": ("煤矿名称", "Mine name"),
    "mine_size_km2": ("矿区面积（平方公里）", "Mine area (km²)"),
    "mine_type": ("开采方式", "Mine type"),
    "mom_change_pct": ("环比变化（%）", "Month-on-month change (%)"),
    "name_en": ("英文名", "Name (English)"),
    "name_in_source": ("来源中的名称", "Name in the source"),
    "name_zh": ("中文名", "Name (Chinese)"),
    "name_zh_basis": ("中文名依据", "Basis of the Chinese name"),
    "note": ("备注", "Note"),
    "notes": ("备注", "Notes"),
    "opening_year": ("投产年份", "Opening year"),
    "operator": ("运营单位", "Operator"),
    "operator_basis": ("运营单位依据", "Basis of the operator"),
    "owner": ("所有者", "Owner"),
    "parent": ("母公司", "Parent company"),
    "period": ("时期", "Period"),
    "platform": ("平台", "Platform"),
    "population_geonames_undated": ("人口（GeoNames，年份不详）", "Population (GeoNames, undated)"),
    "prefecture_adcode": ("所属地级市代码", "Prefecture code"),
    "price_period": ("价格时期", "Price period"),
    "price_type": ("价格类型", "Price type"),
    "price_unit_adcode": ("价格单位区划代码", "Price unit division code"),
    "price_unit_zh": ("价格对应的区划", "Price unit"),
    "price_yuan_m2": ("价格（元/平方米）", "Price (yuan/m²)"),
    "production_mt": ("产量（百万吨）", "Production (Mt)"),
    "province_en": ("省份（英文）", "Province (English)"),
    "province_in_source": ("来源中的省份", "Province in the source"),
    "province_zh": ("省份", "Province"),
    "quality_flag": ("质量标记", "Quality flag"),
    "quality_note": ("质量说明", "Quality note"),
    "quote_id": ("引述编号", "Quote ID"),
    "quoted_from": ("引自", "Quoted from"),
    "quoted_in": ("被引于", "Quoted in"),
    "rank": ("排名", "Rank"),
    "rank_of": ("参与排名城市数", "Ranked cities"),
    "reason": ("原因", "Reason"),
    "reserves_mt": ("储量（百万吨）", "Reserves (Mt)"),
    "resources_mt": ("资源量（百万吨）", "Resources (Mt)"),
    "row_in_source": ("来源表中的行号", "Row in the source"),
    "scope": ("范围", "Scope"),
    "seat_geonameid": ("驻地 GeoNames 编号", "Seat GeoNames ID"),
    "see_also": ("另见", "See also"),
    "site_type": ("地块类型", "Site type"),
    "snapshot_date": ("快照日期", "Snapshot date"),
    "source": ("资料来源", "Source"),
    "source_caveat": ("来源注意事项", "Source caveat"),
    "status": ("状态", "Status"),
    "status_2023": ("状态（2023）", "Status (2023)"),
    "subcategory": ("子类", "Subcategory"),
    "unit": ("单位", "Unit"),
    "units": ("套数", "Housing units"),
    "url": ("网址", "URL"),
    "value": ("数值", "Value"),
    "value_max": ("数值上限", "Value (upper)"),
    "workforce": ("职工人数", "Workforce"),
    "year": ("年份", "Year"),
    "years": ("年份", "Years"),
    "yoy_pct": ("同比变化（%）", "Year-on-year change (%)"),
}

_FROZEN_TIMESTAMP = "2000-01-01T00:00:00.000Z"


def write_titles(path: Path, file_name: str, descriptions: dict[str, str]) -> None:
    """Write the layers' and fields' titles of ``file_name`` into the GeoPackage at ``path``.

    Raises ``KeyError`` for a layer or field without titles: every bundled
    layer and field has them in both languages.
    """
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents ORDER BY rowid")]
        con.executescript("""
            CREATE TABLE IF NOT EXISTS gpkg_data_columns (
                table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT,
                mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
                CONSTRAINT gdc_tn UNIQUE (table_name, name));
            CREATE TABLE IF NOT EXISTS gpkg_metadata (
                id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, md_scope TEXT NOT NULL DEFAULT 'dataset',
                md_standard_uri TEXT NOT NULL, mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '');
            CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (
                reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT, row_id_value INTEGER,
                timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                md_file_id INTEGER NOT NULL, md_parent_id INTEGER,
                CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
                CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id));
        """)
        extensions = [("gpkg_data_columns", "gpkg_schema", "http://www.geopackage.org/spec/#extension_schema"),
                      ("gpkg_metadata", "gpkg_metadata", "http://www.geopackage.org/spec/#extension_metadata"),
                      ("gpkg_metadata_reference", "gpkg_metadata",
                       "http://www.geopackage.org/spec/#extension_metadata")]
        for table, extension, definition in extensions:
            if not con.execute("SELECT 1 FROM gpkg_extensions WHERE table_name=? AND extension_name=?",
                               (table, extension)).fetchone():
                con.execute("INSERT INTO gpkg_extensions VALUES (?, NULL, ?, ?, 'read-write')",
                            (table, extension, definition))
        for table in tables:
            zh, en, zh_description = LAYERS[f"{file_name}:{table}"]
            con.execute("UPDATE gpkg_contents SET identifier=? WHERE table_name=?", (en, table))
            _record(con, table, None, {"title": {"zh": zh, "en": en},
                                       "description": {"zh": zh_description, "en": descriptions.get(table, "")}})
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            geometry = {r[0] for r in con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name=?",
                                                  (table,))}
            for column in columns:
                if column in geometry or column == "fid":
                    continue
                zh_field, en_field = FIELDS[column]
                con.execute("INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (?, ?, ?, ?)",
                            (table, column, column, en_field))
                _record(con, table, column, {"title": {"zh": zh_field, "en": en_field}})
        con.commit()
    finally:
        con.close()


def _record(con: sqlite3.Connection, table: str, column: str | None, titles: dict) -> None:
    text = json.dumps(titles, ensure_ascii=False, sort_keys=True)
    cur = con.execute("INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                      "VALUES (?, ?, 'application/json', ?)",
                      ("attributeType" if column else "dataset", TITLES_URI, text))
    con.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, column_name, row_id_value, "
                "timestamp, md_file_id, md_parent_id) VALUES (?, ?, ?, NULL, ?, ?, NULL)",
                ("column" if column else "table", table, column, _FROZEN_TIMESTAMP, cur.lastrowid))
