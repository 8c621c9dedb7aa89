<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Natural Earth (bundled)</source>
        <translation>Natural Earth（内置）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Style…</source>
        <translation>样式(&amp;S)…</translation>
    </message>
    <message>
        <source>Edit how the selected layer is drawn, classed and labelled</source>
        <translation>编辑所选图层的符号、分级与标注</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open data files</source>
        <translation>打开数据文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Zoom to Layer</source>
        <translation>缩放至图层(&amp;Z)</translation>
    </message>
    <message>
        <source>Frame the selected layer</source>
        <translation>将所选图层完整显示在视图中</translation>
    </message>
    <message>
        <source>Zoom to &amp;Hegang</source>
        <translation>缩放至鹤岗(&amp;H)</translation>
    </message>
    <message>
        <source>Frame Hegang, the city of the story</source>
        <translation>显示故事所在的鹤岗市</translation>
    </message>
    <message>
        <source>Zoom to &amp;China</source>
        <translation>缩放至全国(&amp;C)</translation>
    </message>
    <message>
        <source>Frame all of China</source>
        <translation>显示全国范围</translation>
    </message>
    <message>
        <source>&amp;Remove Layer</source>
        <translation>移除图层(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected layer</source>
        <translation>从地图中移除所选图层</translation>
    </message>
    <message>
        <source>Re&amp;name Layer</source>
        <translation>重命名图层(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;load Layer</source>
        <translation>重新读取图层(&amp;L)</translation>
    </message>
    <message>
        <source>Read the selected layer again from its file or database table, with what was changed there since it was opened</source>
        <translation>从文件或数据库表重新读取所选图层，连同打开后在那里所做的更改</translation>
    </message>
    <message>
        <source>&amp;Properties…</source>
        <translation>属性(&amp;P)…</translation>
    </message>
    <message>
        <source>Source, CRS, fields of the selected layer</source>
        <translation>所选图层的数据源、坐标参考系和字段</translation>
    </message>
    <message>
        <source>&amp;Attribute Table</source>
        <translation>属性表(&amp;A)</translation>
    </message>
    <message>
        <source>Show the selected layer&apos;s table</source>
        <translation>打开所选图层的属性表</translation>
    </message>
    <message>
        <source>Cancel Loading</source>
        <translation>取消加载</translation>
    </message>
    <message>
        <source>Add &amp;PostGIS Layers…</source>
        <translation>添加 &amp;PostGIS 图层…</translation>
    </message>
    <message>
        <source>Add tables of a PostGIS database as layers</source>
        <translation>把 PostGIS 数据库中的表添加为图层</translation>
    </message>
    <message>
        <source>E&amp;xport Layer To…</source>
        <translation>导出图层到(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the selected layer to a new GeoPackage, GeoParquet, GeoJSON or FlatGeobuf file, or a PostGIS table</source>
        <translation>把所选图层写入新的 GeoPackage、GeoParquet、GeoJSON 或 FlatGeobuf 文件，或 PostGIS 表</translation>
    </message>
    <message>
        <source>Draw an MBTiles, PMTiles or GeoTIFF file under the layers</source>
        <translation>在图层下方绘制 MBTiles、PMTiles 或 GeoTIFF 文件</translation>
    </message>
    <message>
        <source>&amp;Add Basemap File…</source>
        <translation>添加底图文件(&amp;A)…</translation>
    </message>
    <message>
        <source>Basemap &amp;Files…</source>
        <translation>底图文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Order, show, hide and fade the basemap files</source>
        <translation>调整底图文件的顺序、显示、隐藏和透明度</translation>
    </message>
    <message>
        <source>Draw the map in this frame, to match a basemap made in it: each layer is shifted from its own frame</source>
        <translation>以此坐标系绘制地图，与采用该坐标系的底图对齐：各图层从其自身坐标系偏移过来</translation>
    </message>
    <message>
        <source>&amp;Present</source>
        <extracomment>Window height (pixels) at which the projector scale is 1. Room kept free around a scene&apos;s area, pixels at projector scale 1 (three times that at top and bottom, for the attribution line, the period tag and the scale bar). Zoom steps of the presentation: a scene&apos;s area fills the map more closely than whole zoom levels allow. Caption type size (pixels) at projector scale 1, before it shrinks to fit the card. Legibility from the back row: a capital this high per metre of viewing distance (1:200), on a screen this wide, from this far; a capital is about 0.7 of the type size. Longest wait for preloading before the show starts anyway (ms). Keys of presentation mode and the action each triggers.</extracomment>
        <translation>演示(&amp;P)</translation>
    </message>
    <message>
        <source>Present the scenes full screen (Esc leaves)</source>
        <translation>全屏逐场景演示（按 Esc 退出）</translation>
    </message>
    <message>
        <source>&amp;Next Scene</source>
        <translation>下一场景(&amp;N)</translation>
    </message>
    <message>
        <source>P&amp;revious Scene</source>
        <translation>上一场景(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;First Scene</source>
        <translation>第一个场景(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Last Scene</source>
        <translation>最后一个场景(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Blank Screen</source>
        <translation>黑屏(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;End Presentation</source>
        <translation>结束演示(&amp;E)</translation>
    </message>
    <message>
        <source>Switch Lan&amp;guage: 中文 / English</source>
        <translation>切换语言(&amp;G)：中文 / English</translation>
    </message>
    <message>
        <source>Switch every text between Chinese and English</source>
        <translation>在中文与英文之间切换全部界面文字</translation>
    </message>
    <message>
        <source>Open the Bundled &amp;Hegang Story</source>
        <translation>打开鹤岗故事(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty map</source>
        <translation>从空白地图开始</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>打开项目(&amp;P)…</translation>
    </message>
    <message>
        <source>Open a .hgmap project</source>
        <translation>打开 .hgmap 项目文件</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save the map as a project</source>
        <translation>将当前地图保存为项目</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export Map…</source>
        <translation>导出地图(&amp;E)…</translation>
    </message>
    <message>
        <source>Export a PNG, SVG or PDF figure</source>
        <translation>导出 PNG、SVG 或 PDF 地图图件</translation>
    </message>
    <message>
        <source>Export as &amp;Web Map…</source>
        <translation>导出为网页地图(&amp;W)…</translation>
    </message>
    <message>
        <source>Write one HTML file that opens offline in a browser</source>
        <translation>生成单个 HTML 文件，可在浏览器中离线打开</translation>
    </message>
    <message>
        <source>&amp;Add Scene</source>
        <translation>添加场景(&amp;A)</translation>
    </message>
    <message>
        <source>Add the current map as a scene</source>
        <translation>将当前地图添加为一个场景</translation>
    </message>
    <message>
        <source>&amp;Update Scene</source>
        <translation>更新场景(&amp;U)</translation>
    </message>
    <message>
        <source>Replace the selected scene&apos;s map with the current map</source>
        <translation>用当前地图替换所选场景的地图</translation>
    </message>
    <message>
        <source>Dele&amp;te Scene</source>
        <translation>删除场景(&amp;T)</translation>
    </message>
    <message>
        <source>Edit the selected scene&apos;s title</source>
        <translation>编辑所选场景的标题</translation>
    </message>
    <message>
        <source>Rena&amp;me Scene</source>
        <translation>重命名场景(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Duplicate Scene</source>
        <translation>复制场景(&amp;D)</translation>
    </message>
    <message>
        <source>Copy the selected scene</source>
        <translation>复制所选场景</translation>
    </message>
    <message>
        <source>Delete the selected scene</source>
        <translation>删除所选场景</translation>
    </message>
    <message>
        <source>Save View as &amp;Image…</source>
        <translation>视图另存为图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Save exactly what the map shows as a PNG, at 1x to 4x pixel density</source>
        <translation>将地图当前显示内容原样保存为 PNG 图像，像素密度 1 至 4 倍</translation>
    </message>
    <message>
        <source>WGS-84 (GPS, OpenStreetMap)</source>
        <extracomment>The coordinate frames, as menus and the properties name them.</extracomment>
        <translation>WGS-84（GPS、OpenStreetMap）</translation>
    </message>
    <message>
        <source>GCJ-02 (Amap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <source>BD-09 (Baidu)</source>
        <translation>BD-09（百度）</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Filter rows…</source>
        <extracomment>Cell text is cut here for display; the Identify panel shows the whole value.</extracomment>
        <translation>筛选行…</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} / {total}</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>an untitled map</source>
        <extracomment>Periodic autosave, when something changed since the last one (3 minutes). Delay after a change of layers before it is written (changes in a burst make one write). Most leftover recovery files opened while looking for one to offer.</extracomment>
        <translation>未命名地图</translation>
    </message>
    <message>
        <source>hegang-map did not close normally. A copy of {where} was saved at {when} with {n} layer(s): {names}.

Restore it? (Discard deletes the copy; Not Now keeps it for the next start.)</source>
        <translation>hegang-map 上次未正常关闭。{where} 的副本已于 {when} 自动保存，含 {n} 个图层：{names}。

是否恢复？（“丢弃”将删除该副本；“以后再说”将保留到下次启动。）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Restore unsaved map?</source>
        <translation>恢复未保存的地图？</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>BasemapFiles</name>
    <message>
        <source>{name} is too large to draw at this zoom without overviews: zoom in, or build overviews (QGIS: Raster › Miscellaneous › Build Overviews; or gdaladdo).</source>
        <translation>{name} 没有金字塔（概视图），在此缩放级别下过大无法绘制：请放大，或先建立金字塔（QGIS：栅格 › 杂项 › 构建金字塔；或 gdaladdo）。</translation>
    </message>
    <message>
        <source>Basemaps (MBTiles, PMTiles, GeoTIFF)</source>
        <extracomment>The files the Add dialog offers.</extracomment>
        <translation>底图（MBTiles、PMTiles、GeoTIFF）</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Basemap Files</source>
        <translation>底图文件</translation>
    </message>
    <message>
        <source>&amp;Add File…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>Add Tile &amp;Folder…</source>
        <translation>添加瓦片文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Drawn above the bundled basemap and under every layer; the top of the list is drawn on top. Tiles are read from the files on this computer only.</source>
        <translation>绘制在内置底图之上、所有图层之下；列表中靠上的绘制在上层。瓦片只从本机文件读取。</translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation>不透明度(&amp;O)：</translation>
    </message>
    <message>
        <source>(cannot be read)</source>
        <translation>（无法读取）</translation>
    </message>
    <message>
        <source>Add Basemap File</source>
        <translation>添加底图文件</translation>
    </message>
    <message>
        <source>Add Folder of Tiles</source>
        <translation>添加瓦片文件夹</translation>
    </message>
</context>
<context>
    <name>CLI</name>
    <message>
        <source>Offline desktop GIS of housing financialization in China (Hegang case). Commands: &apos;hegang-map layers FILE&apos; lists a file&apos;s layers; &apos;hegang-map export INPUT --out FILE&apos; draws a map to PNG, SVG, PDF or HTML; &apos;hegang-map present [PROJECT]&apos; presents a story full screen; &apos;hegang-map convert IN --from gcj02 --to wgs84 --out OUT&apos; converts the coordinates of data copied from Chinese web maps.</source>
        <translation>中国住房金融化离线桌面 GIS（鹤岗案例）。命令：&apos;hegang-map layers 文件&apos; 列出文件中的图层；&apos;hegang-map export 输入 --out 文件&apos; 将地图绘制为 PNG、SVG、PDF 或 HTML；&apos;hegang-map present [项目]&apos; 全屏演示故事；&apos;hegang-map convert 输入 --from gcj02 --to wgs84 --out 输出&apos; 转换取自国内网络地图的数据坐标。</translation>
    </message>
    <message>
        <source>data files to open (GeoPackage, GeoJSON, Shapefile, FlatGeobuf, GeoParquet)</source>
        <translation>要打开的数据文件（GeoPackage、GeoJSON、Shapefile、FlatGeobuf、GeoParquet）</translation>
    </message>
    <message>
        <source>draw the map, save a PNG of the window and exit</source>
        <translation>绘制地图，保存窗口的 PNG 截图后退出</translation>
    </message>
    <message>
        <source>window size for --screenshot</source>
        <translation>--screenshot 使用的窗口尺寸</translation>
    </message>
    <message>
        <source>language of the window, remembered (default: the last one chosen, else the system&apos;s)</source>
        <translation>界面语言，下次启动沿用（默认：上次选择的语言，否则跟随系统）</translation>
    </message>
    <message>
        <source>List the layers of a data file.</source>
        <translation>列出数据文件中的图层。</translation>
    </message>
    <message>
        <source>a GeoPackage, GeoJSON, Shapefile, FlatGeobuf or GeoParquet file</source>
        <translation>GeoPackage、GeoJSON、Shapefile、FlatGeobuf 或 GeoParquet 文件</translation>
    </message>
    <message>
        <source>text encoding of Shapefiles, such as GB18030, GBK, Big5 or UTF-8 (default: the .cpg file, else guessed from the text)</source>
        <translation>Shapefile 的文字编码，如 GB18030、GBK、Big5 或 UTF-8（默认：按 .cpg 文件，否则根据文字内容推断）</translation>
    </message>
    <message>
        <source>draw this basemap file under the layers: MBTiles, PMTiles, GeoTIFF or a folder of z/x/y tiles (repeatable; the last is drawn on top)</source>
        <translation>在图层下方绘制此底图文件：MBTiles、PMTiles、GeoTIFF 或 z/x/y 瓦片文件夹（可重复；最后一个绘制在最上层）</translation>
    </message>
    <message>
        <source>print a JSON list of objects, each with its fields (name and type)</source>
        <translation>以 JSON 对象列表输出，每个图层附带其字段（名称与类型）</translation>
    </message>
    <message>
        <source>language of the messages (default: the app&apos;s)</source>
        <translation>提示信息的语言（默认：应用当前语言）</translation>
    </message>
    <message>
        <source>Draw a project, a data file or an export sidecar to PNG, SVG, PDF or a self-contained HTML web map, with no display.</source>
        <translation>将项目、数据文件或导出附属文件绘制为 PNG、SVG、PDF 或独立的 HTML 网页地图，无需显示器。</translation>
    </message>
    <message>
        <source>a .hgmap project, a data file (drawn with its default styles), or a sidecar .json written by --sidecar (redraws that figure); the bundled Hegang story when omitted</source>
        <translation>.hgmap 项目、数据文件（按默认样式绘制），或 --sidecar 写出的附属 .json（重新生成那张图）；省略时为内置的鹤岗故事</translation>
    </message>
    <message>
        <source>FILE.png, .svg, .pdf or .html (a sidecar&apos;s own output when omitted)</source>
        <translation>文件.png、.svg、.pdf 或 .html（省略时使用附属文件记录的输出）</translation>
    </message>
    <message>
        <source>resolution (default 300 for paper, 144 for pixel sizes)</source>
        <translation>分辨率（纸张尺寸默认 300，像素尺寸默认 144）</translation>
    </message>
    <message>
        <source>A4, A4-landscape, A3, A3-landscape, WxHmm (180x120mm) or WxHpx (1920x1080px)</source>
        <translation>A4、A4-landscape、A3、A3-landscape、宽x高mm（180x120mm）或 宽x高px（1920x1080px）</translation>
    </message>
    <message>
        <source>title printed on the map</source>
        <translation>图件标题</translation>
    </message>
    <message>
        <source>draw scene N (1-based) of the project&apos;s story</source>
        <translation>绘制项目故事中的第 N 个场景（从 1 开始）</translation>
    </message>
    <message>
        <source>also write OUT.json to make the same figure again</source>
        <translation>同时写出 OUT.json，可据此重新生成同一张图</translation>
    </message>
    <message>
        <source>no South China Sea inset on a map of China that leaves the islands out (drawn by default)</source>
        <translation>在未包含南海诸岛的中国地图上不画南海诸岛附图（默认会画）</translation>
    </message>
    <message>
        <source>handouts: one PNG per scene of the story into folder --out DIR, or one page each in --out FILE.pdf</source>
        <translation>讲义：每个场景一张 PNG，写入 --out 指定的文件夹；或每个场景一页，写入 --out 文件.pdf</translation>
    </message>
    <message>
        <source>draw only this layer (repeatable); by default the layers the project shows</source>
        <translation>只绘制此图层（可重复）；默认绘制项目中显示的图层</translation>
    </message>
    <message>
        <source>draw without layers whose file is missing or unreadable (by default: exit 3, nothing written)</source>
        <translation>跳过文件缺失或无法读取的图层继续绘制（默认：以退出码 3 结束，不写出任何文件）</translation>
    </message>
    <message>
        <source>language of the figure: legend, units, scale bar, credits, scene titles (default: the app&apos;s language)</source>
        <translation>图件语言：图例、单位、比例尺、资料来源、场景标题（默认：应用当前语言）</translation>
    </message>
    <message>
        <source>Convert a data file&apos;s coordinates between WGS 84 (GPS), GCJ-02 (Amap, Tencent) and BD-09 (Baidu), keeping its attributes, into a new file. The shift applies inside {west}-{east} E, {south}-{north} N; outside, nothing moves.</source>
        <translation>在 WGS 84（GPS）、GCJ-02（高德、腾讯）与 BD-09（百度）之间转换数据文件的坐标，保留属性，写入新文件。偏移只在东经 {west}-{east}、北纬 {south}-{north} 范围内施加；范围以外坐标不变。</translation>
    </message>
    <message>
        <source>the frame the file&apos;s coordinates are in</source>
        <translation>文件坐标当前所用的坐标系</translation>
    </message>
    <message>
        <source>the frame to write them in</source>
        <translation>要转换成的坐标系</translation>
    </message>
    <message>
        <source>the new file: .gpkg (every layer), .geojson, .fgb or .shp (one layer)</source>
        <translation>新文件：.gpkg（全部图层）、.geojson、.fgb 或 .shp（单个图层）</translation>
    </message>
    <message>
        <source>convert only this layer (repeatable); by default every layer with geometry</source>
        <translation>只转换此图层（可重复）；默认转换所有含几何的图层</translation>
    </message>
    <message>
        <source>Present a story full screen, scene by scene (the bundled Hegang story when no project is given). Right/PageDown/Space/Enter: next; Left/PageUp/Backspace: back; Home/End; a number then Enter: jump; B: blank; L: English/Chinese; Esc: leave.</source>
        <translation>全屏逐场景演示故事（不给项目时演示内置的鹤岗故事）。右方向键/PageDown/空格/回车：下一场景；左方向键/PageUp/退格：上一场景；Home/End；数字后回车：跳转；B：黑屏；L：中英文切换；Esc：退出。</translation>
    </message>
    <message>
        <source>a .hgmap project with scenes (default: the bundled story)</source>
        <translation>含场景的 .hgmap 项目（默认：内置故事）</translation>
    </message>
    <message>
        <source>go to the next scene every SECONDS</source>
        <translation>每隔 SECONDS 秒进入下一场景</translation>
    </message>
    <message>
        <source>language of every text on screen (default: the app&apos;s)</source>
        <translation>屏幕上所有文字的语言（默认：应用当前语言）</translation>
    </message>
    <message>
        <source>present in the window instead of full screen</source>
        <translation>在窗口中演示，而不是全屏</translation>
    </message>
    <message>
        <source>{n} feature</source>
        <translation>{n} 个要素</translation>
    </message>
    <message>
        <source>{n} features</source>
        <translation>{n} 个要素</translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation>无几何</translation>
    </message>
    <message>
        <source>{layer}: {n} features, {source} → {target}</source>
        <translation>{layer}：{n} 个要素，{source} → {target}</translation>
    </message>
</context>
<context>
    <name>Credits</name>
    <message>
        <source>Boundary (estimated): Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2 (CC BY 4.0)</source>
        <translation>边界（估计）：全球能源监测组织（Global Energy Monitor），Coal Mine Boundaries and Methane Sources v1.0.2（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Capitals: GeoNames.org (CC BY 4.0)</source>
        <translation>省会：GeoNames.org（CC BY 4.0）</translation>
    </message>
    <message>
        <source>City points: GeoNames.org (CC BY 4.0); codes: GB/T 2260</source>
        <translation>城市点位：GeoNames.org（CC BY 4.0）；行政区划代码：GB/T 2260</translation>
    </message>
    <message>
        <source>District seats: GeoNames.org (CC BY 4.0); areas: de.wikipedia (CC BY-SA)</source>
        <translation>区政府驻地：GeoNames.org（CC BY 4.0）；面积：德语维基百科（CC BY-SA）</translation>
    </message>
    <message>
        <source>Facilities: hospital website, kaowaiyu.cn, caoyuantianlu.org as cited per row; district seats: GeoNames.org (CC BY 4.0)</source>
        <translation>设施：医院官网、kaowaiyu.cn、caoyuantianlu.org，逐条注明出处；区政府驻地：GeoNames.org（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Government point: Wikipedia (Hegang infobox), GCJ-02 converted to WGS 84</source>
        <translation>市政府点位：维基百科（鹤岗信息框），由 GCJ-02 转换为 WGS 84</translation>
    </message>
    <message>
        <source>Mine features (possible): Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2 (CC BY 4.0)</source>
        <translation>矿区要素（可能）：全球能源监测组织（Global Energy Monitor），Coal Mine Boundaries and Methane Sources v1.0.2（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Mines: Global Energy Monitor, Global Coal Mine Tracker (CC BY 4.0)</source>
        <translation>煤矿：全球能源监测组织（Global Energy Monitor），全球煤矿追踪器（Global Coal Mine Tracker，CC BY 4.0）</translation>
    </message>
    <message>
        <source>Mines: Heilongjiang Daily via hlj.cri.cn 2018, press as cited per row; district seats: GeoNames.org (CC BY 4.0)</source>
        <translation>煤矿：《黑龙江日报》（经 hlj.cri.cn，2018）及逐条注明的报道；区政府驻地：GeoNames.org（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Natural Earth (public domain)</source>
        <translation>Natural Earth（公有领域）</translation>
    </message>
    <message>
        <source>Natural Earth (public domain); de facto boundaries, not an official map of China</source>
        <translation>Natural Earth（公有领域）；按实际控制范围绘制的边界，非中国官方标准地图</translation>
    </message>
    <message>
        <source>Natural Earth (public domain); not an official map of China</source>
        <translation>Natural Earth（公有领域）；非中国官方标准地图</translation>
    </message>
    <message>
        <source>Places: web and press sources as cited per row</source>
        <translation>地点：网络与报刊资料，逐条注明出处</translation>
    </message>
    <message>
        <source>Prices: 58.com / Anjuke annual resale listing averages (platform figures, cited), compiled by changao1 (repository MIT)</source>
        <translation>房价：58同城 / 安居客二手房挂牌年均价（平台数据，已注明出处），由 changao1 整理（仓库 MIT 许可）</translation>
    </message>
    <message>
        <source>Prices: 58.com / Anjuke annual resale listing averages (platform figures, cited), compiled by changao1 (repository MIT); points: GeoNames.org (CC BY 4.0)</source>
        <translation>房价：58同城 / 安居客二手房挂牌年均价（平台数据，已注明出处），由 changao1 整理（仓库 MIT 许可）；点位：GeoNames.org（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Prices: creprice.cn (禧泰数据) 2026-05-17 via heroliss/china-house-price-map</source>
        <translation>房价：creprice.cn（禧泰数据）2026-05-17，经 heroliss/china-house-price-map</translation>
    </message>
    <message>
        <source>Prices: creprice.cn (禧泰数据) 2026-05-17 via heroliss/china-house-price-map; points: GeoNames.org (CC BY 4.0)</source>
        <translation>房价：creprice.cn（禧泰数据）2026-05-17，经 heroliss/china-house-price-map；点位：GeoNames.org（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Programme: ThePaper 2019 (the essay&apos;s source)</source>
        <translation>棚改计划：澎湃新闻 2019（原文引用的出处）</translation>
    </message>
    <message>
        <source>Quotes: Securities Times Database 2020 (cited by Yang 2025), the press and creprice.cn, per row; points: GeoNames.org (CC BY 4.0)</source>
        <translation>引述价格：证券时报数据库 2020（Yang 2025 引用）、报刊及 creprice.cn，逐条注明；点位：GeoNames.org（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Rivers: GSHHG 2.3.6 / WDBII, Wessel &amp; Smith (LGPL-3.0)</source>
        <translation>河流：GSHHG 2.3.6 / WDBII，Wessel &amp; Smith（LGPL-3.0）</translation>
    </message>
    <message>
        <source>Sites: Southern Weekly, CGTN, mtkj.org, Sohu as cited per row</source>
        <translation>地块：南方周末、CGTN、mtkj.org、搜狐，逐条注明出处</translation>
    </message>
    <message>
        <source>Sites: ThePaper 2019, Southern Weekly 2019 and others as cited per row; district seats: GeoNames.org (CC BY 4.0)</source>
        <translation>地块：澎湃新闻 2019、南方周末 2019 等，逐条注明出处；区政府驻地：GeoNames.org（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Timeline: the essay&apos;s dated figures (Yang 2025, Metropolitics) with the sources it cites, per row</source>
        <translation>时间线：原文中注明日期的数据（Yang 2025，Metropolitics）及其引用出处，逐条注明</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Sources: {credits}</source>
        <translation>资料来源：{credits}</translation>
    </message>
    <message>
        <source>South China Sea islands</source>
        <extracomment>The most pixels a side of a basemap picture in a figure takes (beyond, it is enlarged). What the South China Sea inset shows: (west, south, east, north), degrees. Features a figure samples to keep its legend off the data (every one up to this many per layer).</extracomment>
        <translation>南海诸岛</translation>
    </message>
    <message>
        <source>Projection: Equal Earth, central meridian {lon0}°E, WGS 84. Scale bar measured geodesically at its position.</source>
        <translation>投影：等地球投影（Equal Earth），中央经线东经 {lon0}°，WGS 84。比例尺按其所在位置的大地线长度量算。</translation>
    </message>
    <message>
        <source>Projection: Albers equal-area conic, standard parallels {lat1}°N and {lat2}°N, central meridian {lon0}°E, WGS 84. Scale bar measured geodesically at its position.</source>
        <translation>投影：阿尔伯斯等积圆锥投影，标准纬线北纬 {lat1}° 和 {lat2}°，中央经线东经 {lon0}°，WGS 84。比例尺按其所在位置的大地线长度量算。</translation>
    </message>
    <message>
        <source>Projection: {name} (EPSG:{epsg}). Scale bar measured geodesically.</source>
        <translation>投影：{name}（EPSG:{epsg}）。比例尺按大地线长度量算。</translation>
    </message>
    <message>
        <source>Drawn in the {frame} frame of Chinese web maps (shifted from WGS 84).</source>
        <translation>按国内网络地图的 {frame} 坐标系绘制（由 WGS 84 偏移）。</translation>
    </message>
    <message>
        <source>{n} km</source>
        <extracomment>The most labels a figure prints: labelling every feature on paper is unreadable. Radius of a scene&apos;s highlight ring, in screen pixels (as the window draws it). Point symbols a figure keeps its labels off, at most (beyond, those of labelled and highlighted features).</extracomment>
        <translation>{n} 公里</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} 米</translation>
    </message>
    <message>
        <source>N</source>
        <comment>north arrow</comment>
        <translation>北</translation>
    </message>
    <message>
        <source>Basemap: {name}</source>
        <translation>底图：{name}</translation>
    </message>
    <message>
        <source>Cited: {sources}</source>
        <translation>引用：{sources}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>PNG image</source>
        <extracomment>Formats offered: label -&gt; file ending.</extracomment>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG (vector, text as text)</source>
        <translation>SVG（矢量，文字保留为文本）</translation>
    </message>
    <message>
        <source>PDF (vector, embedded fonts)</source>
        <translation>PDF（矢量，嵌入字体）</translation>
    </message>
    <message>
        <source>Custom (mm)</source>
        <extracomment>Sizes offered in the list (custom sizes come from the fields below it).</extracomment>
        <translation>自定义（毫米）</translation>
    </message>
    <message>
        <source>Custom (px)</source>
        <translation>自定义（像素）</translation>
    </message>
    <message>
        <source>Drawing the map…</source>
        <extracomment>What the export said of what it drew (set by the worker before it ends).</extracomment>
        <translation>正在绘制地图…</translation>
    </message>
    <message>
        <source>{out}: the export failed ({reason}).</source>
        <translation>{out}：导出失败（{reason}）。</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Custom size:</source>
        <translation>自定义尺寸：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>All visible layers</source>
        <translation>全部可见图层</translation>
    </message>
    <message>
        <source>Extent:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Also write a sidecar JSON that makes this figure again</source>
        <translation>同时保存附属 JSON（可重新生成本图）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Drag the legend, scale bar, north arrow or inset to move it in the map frame.</source>
        <translation>拖动图例、比例尺、指北针或附图，可在地图框内移动其位置。</translation>
    </message>
    <message>
        <source>Reset Placement</source>
        <translation>恢复自动布置</translation>
    </message>
    <message>
        <source>Put every part back in the corner where it hides the fewest features</source>
        <translation>把各部分放回遮挡要素最少的角落</translation>
    </message>
    <message>
        <source>pixels</source>
        <translation>像素</translation>
    </message>
    <message>
        <source>pixels of its raster parts (text stays text)</source>
        <translation>像素（仅栅格部分，文字保留为文本）</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <source>Current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <source>Extent of layer “{name}”</source>
        <translation>图层“{name}”的范围</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>已取消导出。</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>No preview of these settings.</source>
        <extracomment>Pixels of the preview&apos;s longer side (rasterised at this size whatever the export&apos;s dpi). Wait after the last change before drawing again (ms).</extracomment>
        <translation>这些设置无法生成预览。</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>正在绘制预览…</translation>
    </message>
    <message>
        <source>Drag to move the {part}</source>
        <translation>拖动以移动{part}</translation>
    </message>
</context>
<context>
    <name>ExportLayer</name>
    <message>
        <source>Export Layer “{name}” To</source>
        <extracomment>(format key, name shown, file ending)</extracomment>
        <translation>导出图层“{name}”到</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Only the features the map shows (filter and period)</source>
        <translation>只导出地图上显示的要素（筛选和时期）</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>文件(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>连接(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Schema:</source>
        <translation>模式(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>表(&amp;T)：</translation>
    </message>
    <message>
        <source>Export Layer To</source>
        <translation>导出图层到</translation>
    </message>
    <message>
        <source>Say where to write the layer.</source>
        <translation>请指明图层写到哪里。</translation>
    </message>
    <message>
        <source>Writing {n} feature(s)…</source>
        <translation>正在写入 {n} 个要素…</translation>
    </message>
    <message>
        <source>Layer written to {where}</source>
        <translation>图层已写入 {where}</translation>
    </message>
    <message>
        <source>Replace the table? Its rows are lost.</source>
        <translation>替换该表吗？其中的行将丢失。</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>a PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>JPEG 图像</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>GIF 图像</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>a ZIP archive (perhaps a zipped Shapefile or an Office document; unzip it first)</source>
        <translation>ZIP 压缩包（可能是压缩的 Shapefile 或 Office 文档；请先解压）</translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation>gzip 压缩包</translation>
    </message>
    <message>
        <source>a TIFF image</source>
        <translation>TIFF 图像</translation>
    </message>
    <message>
        <source>an old Office document</source>
        <translation>旧版 Office 文档</translation>
    </message>
    <message>
        <source>a GDAL pipeline (.gdalg), which runs GDAL commands that may read other files or the network</source>
        <translation>GDAL 处理流程（.gdalg），它会执行可能读取其他文件或访问网络的 GDAL 命令</translation>
    </message>
    <message>
        <source>a GDAL virtual dataset (VRT), which reads other files and may reach the network</source>
        <translation>GDAL 虚拟数据集（VRT），它会读取其他文件并可能访问网络</translation>
    </message>
    <message>
        <source>GML, whose schema GDAL would download</source>
        <translation>GML，GDAL 会去下载它的模式文件</translation>
    </message>
    <message>
        <source>KML</source>
        <translation>KML</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>SQLite 数据库</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>JSON 文本</translation>
    </message>
    <message>
        <source>XML or HTML text</source>
        <translation>XML 或 HTML 文本</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>an unknown binary file</source>
        <translation>未知的二进制文件</translation>
    </message>
</context>
<context>
    <name>Frames</name>
    <message>
        <source>Coordinates copied from Chinese web maps are shifted by several hundred metres: GCJ-02 from Amap and Tencent, BD-09 from Baidu. The shift applies inside {west}–{east}° E, {south}–{north}° N (China and parts of its neighbours), as those maps apply it; outside, nothing is shifted. The data file is never changed.</source>
        <translation>取自国内网络地图的坐标带有数百米的偏移：高德、腾讯为 GCJ-02，百度为 BD-09。与这些地图一致，偏移只在东经 {west}–{east}°、北纬 {south}–{north}° 范围内施加（中国及部分周边国家），范围以外不作偏移。数据文件本身不会被修改。</translation>
    </message>
</context>
<context>
    <name>Identify</name>
    <message>
        <source>Field</source>
        <extracomment>Values longer than this are cut in the panel (a 10 MB cell would freeze it).</extracomment>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Click a feature on the map.</source>
        <translation>在地图上点击一个要素。</translation>
    </message>
    <message>
        <source>{layer} — feature {n}: {label}</source>
        <translation>{layer} — 第 {n} 个要素：{label}</translation>
    </message>
    <message>
        <source>… ({n} characters)</source>
        <translation>…（共 {n} 个字符）</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>{value}, {period}</source>
        <extracomment>Field names of row identifiers: id, fid, quote_id, osm_id. A date at the start of a period&apos;s text: 2019, 2019-03, 2026-05-17.</extracomment>
        <translation>{value}，{period}</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>{geometry}, {n} features, CRS {crs}</source>
        <translation>{geometry}，{n} 个要素，坐标参考系 {crs}</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>所选图层的不透明度</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <source>Title</source>
        <extracomment>The parts that sit inside the map frame and can be moved there.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <source>South China Sea inset</source>
        <translation>南海诸岛附图</translation>
    </message>
    <message>
        <source>Sources and projection</source>
        <translation>资料来源与投影</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>quantiles</source>
        <translation>分位数</translation>
    </message>
    <message>
        <source>equal interval</source>
        <translation>等间距</translation>
    </message>
    <message>
        <source>natural breaks</source>
        <translation>自然间断点</translation>
    </message>
    <message>
        <source>head/tail breaks</source>
        <translation>头尾断点</translation>
    </message>
    <message>
        <source>standard deviation</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>manual breaks</source>
        <translation>手动断点</translation>
    </message>
    <message>
        <source>other</source>
        <extracomment>Class index of a row that is not drawn (filtered out or another period). Values a compiler flagged as implausible: apart from every ramp and from no-data grey. shapely&apos;s type ids 0..7, by name.</extracomment>
        <translation>其他</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>flagged implausible, not in breaks</source>
        <translation>标记为存疑，未参与分级</translation>
    </message>
    <message>
        <source>1 value flagged as implausible (quality_flag) left out of the class breaks</source>
        <translation>1 个标记为存疑的值（quality_flag）未参与分级断点计算</translation>
    </message>
    <message>
        <source>{n} values flagged as implausible (quality_flag) left out of the class breaks</source>
        <translation>{n} 个标记为存疑的值（quality_flag）未参与分级断点计算</translation>
    </message>
    <message>
        <source>{scheme}, {k} classes</source>
        <translation>{scheme}，{k}&#xa0;级</translation>
    </message>
    <message>
        <source>Same class breaks for every {field} (colours comparable)</source>
        <translation>各期（{field}）采用相同分级断点（颜色可比）</translation>
    </message>
    <message>
        <source>Class breaks of this {field} only</source>
        <translation>仅按本期（{field}）计算分级断点</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of a legend title</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>Hollow symbol: drawn on its district&apos;s seat, not its own site.</source>
        <translation>空心符号：绘于所在区政府驻地，而非实际位置。</translation>
    </message>
    <message>
        <source>Showing {filters}</source>
        <translation>筛选：{filters}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layers</source>
        <extracomment>The languages of View › Language, each named in itself. How long the reads of the bundled start wait, at most, for the page to draw the last start&apos;s layers.</extracomment>
        <translation>图层</translation>
    </message>
    <message>
        <source>Identify</source>
        <translation>识别要素</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <source>Cannot use basemap</source>
        <translation>无法使用底图</translation>
    </message>
    <message>
        <source>Style not loaded or saved</source>
        <translation>样式未能加载或保存</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation>底图(&amp;B)</translation>
    </message>
    <message>
        <source>Map &amp;Frame</source>
        <translation>地图坐标系(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Vector data ({patterns})</source>
        <translation>矢量数据 ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>打开数据</translation>
    </message>
    <message>
        <source>{path}: none of its {n} layer(s) has geometry; nothing to draw.</source>
        <translation>{path}：其 {n} 个图层均无几何图形，无可绘制内容。</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message>
        <source>Loading {n} layer(s)…</source>
        <translation>正在加载 {n} 个图层…</translation>
    </message>
    <message>
        <source>The map page stopped working (its renderer ended with code {code}: out of memory, or stopped by the system). The layers and the project are safe: save the project, close hegang-map and start it again, with more memory free.</source>
        <translation>地图页面停止工作（其渲染进程以代码 {code} 结束：内存不足，或被系统终止）。图层和项目不受影响：请保存项目，关闭 hegang-map，在腾出更多内存后重新启动。</translation>
    </message>
    <message>
        <source>Map page stopped</source>
        <translation>地图页面已停止</translation>
    </message>
    <message>
        <source>Cannot open data</source>
        <translation>无法打开数据</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The bundled basemap could not be read: {reason}</source>
        <translation>无法读取内置底图：{reason}</translation>
    </message>
    <message>
        <source>No layers yet: open a GeoPackage with File › Open (Ctrl+O) or drop a file here.</source>
        <translation>尚无图层：通过“文件 › 打开”（Ctrl+O）打开 GeoPackage，或将文件拖放到此处。</translation>
    </message>
    <message>
        <source>{lng}° E, {lat}° N</source>
        <translation>东经 {lng}°，北纬 {lat}°</translation>
    </message>
    <message>
        <source>{lng}° W, {lat}° N</source>
        <translation>西经 {lng}°，北纬 {lat}°</translation>
    </message>
    <message>
        <source>Zoom {zoom}  ~1:{scale}</source>
        <translation>缩放级别 {zoom}  约 1:{scale}</translation>
    </message>
    <message>
        <source>Layer CRS: {crs}</source>
        <translation>图层坐标参考系：{crs}</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>&amp;Story</source>
        <translation>故事(&amp;S)</translation>
    </message>
    <message>
        <source>Recent Projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>场景</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{path}: not a readable export sidecar.</source>
        <translation>{path}：不是可读取的导出附属文件。</translation>
    </message>
    <message>
        <source>{path}: written by a newer hegang-map (sidecar format {value}).</source>
        <translation>{path}：由更新版本的 hegang-map 写出（附属文件格式 {value}）。</translation>
    </message>
    <message>
        <source>{path}: not a readable export sidecar (its data list must hold objects with a source and a sha256 text). Export the figure again.</source>
        <translation>{path}：不是可读取的导出附属文件（其 data 列表中的每一项都应含 source 和 sha256 文本）。请重新导出该图。</translation>
    </message>
    <message>
        <source>{path}: not a readable export sidecar (its export record is not an object).</source>
        <translation>{path}：不是可读取的导出附属文件（其 export 记录不是对象）。</translation>
    </message>
    <message>
        <source>{path}: export.{reason}. Correct it in the file, or export the figure again.</source>
        <translation>{path}：export.{reason}。请在文件中改正，或重新导出该图。</translation>
    </message>
    <message>
        <source>size must be a size like A4 or 1920x1080px, not {value}</source>
        <extracomment>Most highlighted layers, and rows per layer, a sidecar may name.</extracomment>
        <translation>尺寸应为 A4 或 1920x1080px 这样的写法，而不是 {value}</translation>
    </message>
    <message>
        <source>extent must be four numbers: west &lt; east, south &lt; north</source>
        <translation>extent 必须是四个数：西 &lt; 东，南 &lt; 北</translation>
    </message>
    <message>
        <source>highlights must be a list of {source, layer, rows}</source>
        <translation>highlights 必须是由 {source, layer, rows} 组成的列表</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>{reason} Layer(s) {names} of {where} cannot be drawn.</source>
        <translation>{reason}{where} 的图层 {names} 无法绘制。</translation>
    </message>
    <message>
        <source>{where}: the data file {path} {why}; its layer(s) {names} cannot be drawn.</source>
        <translation>{where}：数据文件 {path} {why}，其中的图层 {names} 无法绘制。</translation>
    </message>
    <message>
        <source>{where}: none of the project&apos;s {n} layer(s) could be read; nothing to draw.</source>
        <translation>{where}：项目的 {n} 个图层都无法读取，没有可绘制的内容。</translation>
    </message>
    <message>
        <source>Nothing was written (--allow-missing draws the map without them).</source>
        <translation>未写出任何文件（--allow-missing 可跳过这些图层绘制地图）。</translation>
    </message>
    <message>
        <source>{where}: no layer named {value} (its layers: {value2}).</source>
        <translation>{where}：没有名为 {value} 的图层（现有图层：{value2}）。</translation>
    </message>
    <message>
        <source>--scene {number}: the project has {n} usable scene(s); {problems}</source>
        <translation>--scene {number}：项目只有 {n} 个可用场景；{problems}</translation>
    </message>
    <message>
        <source>--scene {number}: the project has {value} scene(s)</source>
        <translation>--scene {number}：该项目只有 {value} 个场景</translation>
    </message>
    <message>
        <source>{path} changed since the sidecar was written (SHA-256 differs): the figure may differ.</source>
        <translation>{path} 在写出附属文件之后已被修改（SHA-256 不同）：图件可能与原图不同。</translation>
    </message>
    <message>
        <source>{path}: not a {kind} but a folder.</source>
        <extracomment>The largest project, story, style or sidecar file read (they are a few kB to a few MB).</extracomment>
        <translation>{path}：这不是{kind}，而是一个文件夹。</translation>
    </message>
    <message>
        <source>{path}: not a {kind} but a device, pipe or socket.</source>
        <translation>{path}：这不是{kind}，而是设备、管道或套接字。</translation>
    </message>
    <message>
        <source>{path}: {value} MB is too large for a {kind} (at most {value2} MB); it cannot be one.</source>
        <translation>{path}：{value} MB 对{kind}来说太大（最多 {value2} MB），不可能是这类文件。</translation>
    </message>
    <message>
        <source>{path}: the {kind} grew past {value} MB while it was read; it cannot be one.</source>
        <translation>{path}：读取时该{kind}增长到超过 {value} MB，不可能是这类文件。</translation>
    </message>
    <message>
        <source>{path}: no such {kind}.</source>
        <translation>{path}：找不到该{kind}。</translation>
    </message>
    <message>
        <source>{path}: the {kind} cannot be read ({value}).</source>
        <translation>{path}：无法读取该{kind}（{value}）。</translation>
    </message>
    <message>
        <source>{path}: the {kind} is saved as UTF-16 text; save it as UTF-8 and open it again.</source>
        <translation>{path}：该{kind}以 UTF-16 编码保存；请另存为 UTF-8 后重新打开。</translation>
    </message>
    <message>
        <source>{path}: not a valid {kind}: it is not UTF-8 text (byte 0x{value} at position {start}). If it was saved in another encoding, save it as UTF-8 and open it again.</source>
        <translation>{path}：不是有效的{kind}：不是 UTF-8 文本（位置 {start} 处的字节 0x{value}）。如果它以其他编码保存，请另存为 UTF-8 后重新打开。</translation>
    </message>
    <message>
        <source>{path}: not a valid {kind} (its JSON is nested too deeply).</source>
        <translation>{path}：不是有效的{kind}（JSON 嵌套过深）。</translation>
    </message>
    <message>
        <source>{path}: not a valid {kind} (a number in it has more than 4,300 digits).</source>
        <translation>{path}：不是有效的{kind}（其中有数字超过 4,300 位）。</translation>
    </message>
    <message>
        <source>{path}: not a valid {kind} (JSON error: {value}).</source>
        <translation>{path}：不是有效的{kind}（JSON 错误：{value}）。</translation>
    </message>
    <message>
        <source>hegang-map opens GeoPackage (.gpkg), GeoJSON, Shapefile (.shp), FlatGeobuf (.fgb) and GeoParquet, recognised by their content; convert the file to GeoPackage (with QGIS or ogr2ogr) and open that.</source>
        <extracomment>The first 16 bytes of every SQLite database (GeoPackages are SQLite). GeoPackage ``application_id`` values (1.2 and later, 1.0, 1.1), at byte 68 of the SQLite header.</extracomment>
        <translation>hegang-map 打开 GeoPackage（.gpkg）、GeoJSON、Shapefile（.shp）、FlatGeobuf（.fgb）和 GeoParquet，按内容识别；请把文件转换为 GeoPackage（用 QGIS 或 ogr2ogr）后再打开。</translation>
    </message>
    <message>
        <source>{path}: an SQLite database that is not a GeoPackage (SpatiaLite and plain SQLite are not opened). {value}</source>
        <extracomment>Read as an immutable database: SQLite then takes no lock and writes nothing. Read by pyarrow, not GDAL (:mod:`hegang_map.io.geoparquet`).</extracomment>
        <translation>{path}：这是 SQLite 数据库而不是 GeoPackage（不支持 SpatiaLite 和普通 SQLite 数据库）。{value}</translation>
    </message>
    <message>
        <source>{path}: part of a Shapefile (its index). Open the .shp file beside it.</source>
        <translation>{path}：这是 Shapefile 的一部分（索引文件）。请打开同目录下的 .shp 文件。</translation>
    </message>
    <message>
        <source>{path}: not a format hegang-map opens: it is {kind}. {advice}</source>
        <translation>{path}：hegang-map 无法打开此格式：该文件是{kind}。{advice}</translation>
    </message>
    <message>
        <source>The file has changes not yet merged into it, in the -wal file beside it (another program is writing it, or it was not closed properly). A private copy of both was read, so the file is left as it is; changes made since are not shown.</source>
        <extracomment>What a reader is told when a GeoPackage&apos;s -wal file holds changes.</extracomment>
        <translation>文件旁的 -wal 文件中有尚未合并的更改（另一个程序正在写入，或文件未正常关闭）。已读取两者的私有副本，文件本身保持不变；此后的更改不会显示。</translation>
    </message>
    <message>
        <source>{path}: the {name} beside it is not a plain file (a link, folder, device, pipe or socket), so the GeoPackage is not opened. Move it away and open the file again.</source>
        <translation>{path}：旁边的 {name} 不是普通文件（是链接、文件夹、设备、管道或套接字），因此不打开该 GeoPackage。请将其移走后重新打开。</translation>
    </message>
    <message>
        <source>{where}: not a hegang-map project (no &quot;format&quot;: &quot;{format}&quot;).</source>
        <extracomment>What the ``format`` key says; anything else is not a project. The version this code writes; files of a higher version are refused. Most layer entries a project may hold (each is opened and drawn). Longest layer name, source path or title a project may hold. How often one project may name the same layer of the same file (the bundled story names one twice).</extracomment>
        <translation>{where}：不是 hegang-map 项目（缺少 &quot;format&quot;: &quot;{format}&quot;）。</translation>
    </message>
    <message>
        <source>{where}: the project has no valid format_version.</source>
        <translation>{where}：项目缺少有效的 format_version。</translation>
    </message>
    <message>
        <source>{where}: this project was saved by a newer hegang-map (project format {version}; this version reads up to {format_version}). Update hegang-map to open it.</source>
        <translation>{where}：该项目由更新版本的 hegang-map 保存（项目格式 {version}；本版本最多读取 {format_version}）。请升级 hegang-map 后打开。</translation>
    </message>
    <message>
        <source>layers must be a list of objects, one per layer</source>
        <translation>layers 必须是对象列表，每个图层一项</translation>
    </message>
    <message>
        <source>layers holds {value} entries; a project holds at most {max_project_layers}</source>
        <translation>layers 有 {value} 项；一个项目最多 {max_project_layers} 项</translation>
    </message>
    <message>
        <source>{key} is longer than {max_name} characters</source>
        <translation>{key} 超过 {max_name} 个字符</translation>
    </message>
    <message>
        <source>title must be a text, or a text for each language code ({&quot;en&quot;: ..., &quot;zh&quot;: ...})</source>
        <translation>title 须为文本，或按语言代码分别给出的文本（{&quot;en&quot;: ..., &quot;zh&quot;: ...}）</translation>
    </message>
    <message>
        <source>layers[{i}].style must be an object</source>
        <translation>layers[{i}].style 必须是对象</translation>
    </message>
    <message>
        <source>layers[{i}].source and .layer must be texts</source>
        <translation>layers[{i}].source 和 .layer 必须是文本</translation>
    </message>
    <message>
        <source>{field}.{reason}</source>
        <translation>{field}.{reason}</translation>
    </message>
    <message>
        <source>{field}.name and .source may hold at most {max_name} characters</source>
        <translation>{field}.name 和 .source 最多 {max_name} 个字符</translation>
    </message>
    <message>
        <source>{field} names the layer {layer} of {path} more than {most} times</source>
        <translation>{field} 对 {path} 中的图层 {layer} 引用超过 {most} 次</translation>
    </message>
    <message>
        <source>scenes must be a list of scenes, not {value}</source>
        <translation>scenes 必须是场景列表，而不是 {value}</translation>
    </message>
    <message>
        <source>scenes may hold at most {most} scenes, not {value}</source>
        <translation>scenes 最多只能包含 {most} 个场景，而不是 {value} 个</translation>
    </message>
    <message>
        <source>{where}: {reason}. Correct it in the file, or open a copy saved earlier.</source>
        <translation>{where}：{reason}。请在文件中改正，或打开较早保存的副本。</translation>
    </message>
    <message>
        <source>the entry {key} is missing</source>
        <translation>缺少条目 {key}</translation>
    </message>
    <message>
        <source>an entry of the wrong kind</source>
        <translation>某个条目的类型不对</translation>
    </message>
    <message>
        <source>{where}: the project file is damaged ({kind} where hegang-map writes something else). Open a copy saved earlier, or save the project again.</source>
        <translation>{where}：项目文件已损坏（{kind}，与 hegang-map 写出的内容不符）。请打开较早保存的副本，或重新保存项目。</translation>
    </message>
    <message>
        <source>{field} must be a text encoding such as GB18030 or UTF-8, not {value}</source>
        <translation>{field} 必须是 GB18030、UTF-8 等文字编码，而不是 {value}</translation>
    </message>
    <message>
        <source>the data file {stored} holds a NUL character, which no file name can</source>
        <translation>数据文件名 {stored} 含有 NUL 字符，任何文件名都不能含有它</translation>
    </message>
    <message>
        <source>project file</source>
        <translation>项目文件</translation>
    </message>
    <message>
        <source>{path}: none of its layers has geometry; nothing to draw.</source>
        <translation>{path}：其图层均无几何图形，无可绘制内容。</translation>
    </message>
    <message>
        <source>no layer named {value} in {value2} (its layers: {value3}).</source>
        <translation>{value2} 中没有名为 {value} 的图层（现有图层：{value3}）。</translation>
    </message>
    <message>
        <source>is a link that leads nowhere (broken, or a loop of links)</source>
        <extracomment>File endings the Open dialog offers (the content decides the format). The most layers a file may hold to be opened. Seconds the views of one GeoPackage may take, together, to count their rows. Seconds describing every layer of one file may take (GDAL opens the file once per layer: about 0.2 s each for a GeoPackage of 1,000 layers). Key of ``GeoDataFrame.attrs`` under which :func:`read_layer` leaves what it assumed or skipped; display code adds these to the layer&apos;s warnings. ``gpkg_contents`` identifier and description (untrusted text), if any. (name, type) of each attribute field, as the layer is read.</extracomment>
        <translation>是指向不存在位置的链接（链接已断开或循环）</translation>
    </message>
    <message>
        <source>is a folder, not a data file</source>
        <translation>是文件夹，不是数据文件</translation>
    </message>
    <message>
        <source>is not a regular file (a device or a pipe)</source>
        <translation>不是普通文件（是设备或管道）</translation>
    </message>
    <message>
        <source>cannot be looked up ({reason})</source>
        <translation>无法查询（{reason}）</translation>
    </message>
    <message>
        <source>is not a usable file name</source>
        <translation>不是可用的文件名</translation>
    </message>
    <message>
        <source>is not found</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>{path}: not a usable file name ({reason}). Check the path.</source>
        <translation>{path}：不是可用的文件名（{reason}）。请检查路径。</translation>
    </message>
    <message>
        <source>{path}: {why_absent}. Open the file the link was meant to point at.</source>
        <translation>{path}：{why_absent}。请打开该链接原本指向的文件。</translation>
    </message>
    <message>
        <source>the folder does not exist either</source>
        <translation>文件夹也不存在</translation>
    </message>
    <message>
        <source>the folder exists but the file is not there</source>
        <translation>文件夹存在，但文件不在其中</translation>
    </message>
    <message>
        <source>{path}: no such file ({where}). Check the path, or open the file from its new place.</source>
        <translation>{path}：找不到文件（{where}）。请检查路径，或从文件的新位置打开。</translation>
    </message>
    <message>
        <source>{path}: this is a folder, not a data file. Open a .gpkg, .geojson, .shp or .fgb file inside it.</source>
        <translation>{path}：这是文件夹，不是数据文件。请打开其中的 .gpkg、.geojson、.shp 或 .fgb 文件。</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason}). Check that the file is still there.</source>
        <translation>{path}：无法读取（{reason}）。请确认文件仍在原处。</translation>
    </message>
    <message>
        <source>{path}: not a regular file (a device, pipe or socket). Open a data file instead.</source>
        <translation>{path}：不是普通文件（是设备、管道或套接字）。请打开数据文件。</translation>
    </message>
    <message>
        <source>{path}: permission denied. Ask for read access to the file, or copy it somewhere readable.</source>
        <translation>{path}：没有权限。请申请该文件的读取权限，或将其复制到可读取的位置。</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason}). Check the disk or copy the file again.</source>
        <translation>{path}：无法读取（{reason}）。请检查磁盘，或重新复制该文件。</translation>
    </message>
    <message>
        <source>{path}: the file is empty (0 bytes). It may have been cut off while copying; copy it again.</source>
        <translation>{path}：文件为空（0 字节）。可能在复制时被截断，请重新复制。</translation>
    </message>
    <message>
        <source>{path}: the file is damaged (cut off after {size} bytes). Restore it from a backup or copy it again.</source>
        <translation>{path}：文件已损坏（在 {size} 字节处被截断）。请从备份恢复或重新复制。</translation>
    </message>
    <message>
        <source>{path}: not a {kind}: it is {describe}, not an SQLite database. It may be another file renamed to {suffix}; open the original file instead.</source>
        <translation>{path}：不是 {kind}：它是{describe}，不是 SQLite 数据库。可能是别的文件被改名为 {suffix}；请打开原始文件。</translation>
    </message>
    <message>
        <source>{path}: {name} is not a text encoding hegang-map knows (for Chinese files: GB18030, GBK, Big5 or UTF-8).</source>
        <translation>{path}：{name} 不是 hegang-map 认识的文字编码（中文文件可用 GB18030、GBK、Big5 或 UTF-8）。</translation>
    </message>
    <message>
        <source>{path}: its {name} beside it is a device, pipe or socket, not a file, so the Shapefile is not opened. Put the real {name} there and open it again.</source>
        <extracomment>Largest .prj a Shapefile may carry (a CRS definition is a few hundred bytes). The longest title or description of a layer or field that is kept. The most metadata (as referenced) a GeoPackage may hold for GDAL to read when it opens it. The longest title record (JSON) read from a GeoPackage&apos;s metadata. Fields a layer may have (SQLite, and so a GeoPackage, allows 2,000 columns). The largest -wal beside a GeoPackage that is copied to read it (when larger than the file itself). The files GDAL reads beside a .shp (each in either case).</extracomment>
        <translation>{path}：旁边的 {name} 是设备、管道或套接字，不是文件，因此不打开该 Shapefile。请放回真正的 {name} 后重新打开。</translation>
    </message>
    <message>
        <source>{path}: its {name} is {value} MB, and a CRS definition is a few hundred bytes, so the Shapefile is not opened. Replace the .prj with the right one (or delete it) and open the file again.</source>
        <translation>{path}：其 {name} 有 {value} MB，而坐标参考系定义只有几百字节，因此不打开该 Shapefile。请换上正确的 .prj（或删除它）后重新打开。</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason}).</source>
        <translation>{path}：无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{path}: the -wal file beside it holds {value} MB of unmerged changes, more than the file itself and more than hegang-map copies to read them ({value2} MB). Open it once the program writing it has merged them (closing it does), or move the -wal away if no program writes the file.</source>
        <translation>{path}：旁边的 -wal 文件中有 {value} MB 尚未合并的更改，比文件本身还大，也超过 hegang-map 为读取而复制的上限（{value2} MB）。请等正在写入它的程序合并这些更改后再打开（关闭该程序即可），如果没有程序在写入，请移走 -wal 文件。</translation>
    </message>
    <message>
        <source>{path}: cannot be read: the file has unmerged changes beside it, and a private copy of both ({value} MB) does not fit in the free space of {value2}. Free some disk space, or open the file once the program writing it has closed it.</source>
        <translation>{path}：无法读取：文件旁有尚未合并的更改，而两者的私有副本（{value} MB）超出了 {value2} 的可用空间。请释放磁盘空间，或等写入它的程序关闭后再打开。</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason}): the file has unmerged changes beside it and no private copy of both could be made. Free some disk space, or open the file once the program writing it has closed it.</source>
        <translation>{path}：无法读取（{reason}）：文件旁有尚未合并的更改，且无法为两者制作私有副本。请释放磁盘空间，或等写入它的程序关闭后再打开。</translation>
    </message>
    <message>
        <source>{path}: the path holds a control character (a line break or a tab), which GDAL cannot open. Rename the file or its folder and open it again.</source>
        <translation>{path}：路径中含有控制字符（换行或制表符），GDAL 无法打开。请重命名该文件或其所在文件夹后再打开。</translation>
    </message>
    <message>
        <source>{path}: a &apos;!&apos; in the path (or a name ending in .zip) makes GDAL read it as a path inside an archive. Rename the file or its folder and open it again.</source>
        <translation>{path}：路径中的“!”（或以 .zip 结尾的名称）会让 GDAL 把它当作压缩包内的路径。请重命名该文件或其文件夹后重新打开。</translation>
    </message>
    <message>
        <source>{path}: describing its {value} layers took more than {max_describe_seconds} s ({value2} done), so the file is not opened. Export the layers you need to a new GeoPackage.</source>
        <translation>{path}：读取其 {value} 个图层的信息超过 {max_describe_seconds} 秒（已完成 {value2} 个），因此不打开该文件。请将需要的图层导出到新的 GeoPackage。</translation>
    </message>
    <message>
        <source>{path}: no layer with geometry: its {value} table(s) ({tables}) hold no shapes, so there is nothing to draw. Open a file with map layers, or join the table to one.</source>
        <translation>{path}：没有带几何图形的图层：其 {value} 个表（{tables}）不含图形，无可绘制内容。请打开含地图图层的文件，或将表连接到某个图层。</translation>
    </message>
    <message>
        <source>{path}: GDAL finds no layer in this {name} file: its header is damaged or describes data the file does not hold (a feature count or index that does not match). Export it again from the program that made it.</source>
        <translation>{path}：GDAL 在这个 {name} 文件中找不到图层：文件头已损坏，或描述了文件中并不存在的数据（要素数或索引不符）。请从生成它的程序重新导出。</translation>
    </message>
    <message>
        <source>{path}: the file holds {value} layers; hegang-map opens files of at most {max_layers}. Export the layers you need to a new GeoPackage.</source>
        <translation>{path}：文件含 {value} 个图层；hegang-map 最多打开含 {max_layers} 个图层的文件。请将需要的图层导出到新的 GeoPackage。</translation>
    </message>
    <message>
        <source>{path}: its metadata records come to more than {limit} MB as the file references them, and GDAL reads them all on opening, so the file is not opened. Export the layers you need to a new GeoPackage.</source>
        <translation>{path}：按文件中的引用计算，其元数据记录超过 {limit} MB，而 GDAL 打开时会全部读取，因此不打开该文件。请将需要的图层导出到新的 GeoPackage。</translation>
    </message>
    <message>
        <source>{path}: the view {view} did not finish within {max_view_seconds} s (its query may never end), so the file is not opened. Export the layers you need to a new GeoPackage.</source>
        <translation>{path}：视图 {view} 在 {max_view_seconds} 秒内未完成（其查询可能永不结束），因此不打开该文件。请将需要的图层导出到新的 GeoPackage。</translation>
    </message>
    <message>
        <source>{path}: GDAL read it as {value}, not as the {name} its content shows. Convert it to GeoPackage and open that.</source>
        <translation>{path}：GDAL 将其读作 {value}，而不是其内容所示的 {name}。请转换为 GeoPackage 后再打开。</translation>
    </message>
    <message>
        <source>{path}:{layer}: the layer has {fields} fields; hegang-map reads layers of at most {max_fields} (a GeoPackage holds at most 2,000). Keep the fields you need (with QGIS or ogr2ogr -select) and open that.</source>
        <translation>{path}:{layer}：该图层有 {fields} 个字段；hegang-map 最多读取 {max_fields} 个字段的图层（GeoPackage 最多 2,000 个）。请只保留需要的字段（用 QGIS 或 ogr2ogr -select）后再打开。</translation>
    </message>
    <message>
        <source>{path}:{layer} is a table without geometry; it cannot be drawn on the map. Open a layer with shapes instead.</source>
        <translation>{path}:{layer} 是无几何的表，无法在地图上绘制。请打开含图形的图层。</translation>
    </message>
    <message>
        <source>{path}:{layer}: too large to load into memory. Open a smaller extract of the layer.</source>
        <translation>{path}:{layer}：太大，无法载入内存。请打开该图层的较小子集。</translation>
    </message>
    <message>
        <source>Its {name} is a link to {target}: what it holds comes from that file.</source>
        <translation>它的 {name} 是指向 {target} 的链接：其中的内容来自那个文件。</translation>
    </message>
    <message>
        <source>The file states {stated} features but only {read} could be read: it may be cut off or damaged. Copy it again from its source.</source>
        <translation>文件声明有 {stated} 个要素，但只读出 {read} 个：文件可能被截断或已损坏。请从原处重新复制。</translation>
    </message>
    <message>
        <source>No .cpg file says how the Shapefile&apos;s text is encoded: it was read as {codec} (Chinese), which all of it fits. If names look wrong, open it again with another encoding (File › Open…, or --encoding).</source>
        <translation>没有 .cpg 文件说明该 Shapefile 的文字编码：已按 {codec}（中文）读取，全部文字均符合该编码。如名称显示不对，请换一种编码重新打开（文件 › 打开…，或 --encoding）。</translation>
    </message>
    <message>
        <source>The field name {name} was cut in the middle of a character by the Shapefile&apos;s 10-byte limit: the broken byte is dropped.</source>
        <translation>字段名 {name} 被 Shapefile 的 10 字节上限从一个汉字中间截断：已去掉残缺的字节。</translation>
    </message>
    <message>
        <source>{bad} text value(s) are not valid {codec}: the bytes that are not are shown as �. Open the file again with its encoding (File › Open…, or --encoding).</source>
        <translation>有 {bad} 个文字值不符合 {codec} 编码：无法解码的字节显示为 �。请按文件实际编码重新打开（文件 › 打开…，或 --encoding）。</translation>
    </message>
    <message>
        <source>{bad} text value(s) or field name(s) were not valid UTF-8: decoded as Chinese GB18030 where that fits, otherwise unreadable bytes are shown as �. Save the file as UTF-8 to fix it.</source>
        <translation>{bad} 个文本值或字段名不是有效的 UTF-8：能按中文 GB18030 解码的已解码，其余无法读取的字节显示为 �。将文件另存为 UTF-8 即可解决。</translation>
    </message>
    <message>
        <source>Measured (M) values are ignored on the map.</source>
        <translation>地图上忽略测量值（M 值）。</translation>
    </message>
    <message>
        <source>The file&apos;s CRS definition cannot be read, so the layer is treated as having no CRS.</source>
        <translation>无法读取文件的坐标参考系定义，该图层按无坐标参考系处理。</translation>
    </message>
    <message>
        <source>Some geometries are damaged and cannot be read; they are left out of the map.</source>
        <translation>部分几何图形已损坏、无法读取，未显示在地图上。</translation>
    </message>
    <message>
        <source>Some geometries hold collections inside collections more than 500 deep, too deep to read safely; they are left out of the map.</source>
        <translation>部分几何图形的集合嵌套超过 500 层，无法安全读取，未显示在地图上。</translation>
    </message>
    <message>
        <source>The layer&apos;s declared geometry type does not match all of its features.</source>
        <translation>图层声明的几何类型与部分要素不符。</translation>
    </message>
    <message>
        <source>While reading: {detail}</source>
        <translation>读取时：{detail}</translation>
    </message>
    <message>
        <source>{path}: the file is damaged (corrupt or cut off). Restore it from a backup or copy it again.</source>
        <translation>{path}：文件已损坏（内容损坏或被截断）。请从备份恢复或重新复制。</translation>
    </message>
    <message>
        <source>{path}: an SQLite database but not a GeoPackage (it has no gpkg_contents table, only {value} plain table(s)). Export it as a GeoPackage from the program that made it.</source>
        <translation>{path}：这是 SQLite 数据库但不是 GeoPackage（没有 gpkg_contents 表，只有 {value} 个普通表）。请从生成它的程序导出为 GeoPackage。</translation>
    </message>
    <message>
        <source>{path}: the GeoPackage holds no layers (it may be an empty template). Open a GeoPackage that contains data.</source>
        <translation>{path}：该 GeoPackage 不含图层（可能是空模板）。请打开含数据的 GeoPackage。</translation>
    </message>
    <message>
        <source>{where}: a view or trigger in the file calls GDAL functions that could read other files or the network without your consent (they could be used to steal data), so it is not opened. Export the layers you need to a new GeoPackage.</source>
        <translation>{where}：文件中的视图或触发器调用了可在未经同意时读取其他文件或访问网络的 GDAL 函数（可被用来窃取数据），因此不打开。请将需要的图层导出到新的 GeoPackage。</translation>
    </message>
    <message>
        <source>{where}: a table or view of the layer computes a column with a function this reader does not have ({detail}), so the layer cannot be read; the file itself is sound. Export the layer to a new GeoPackage without that column.</source>
        <translation>{where}：该图层的表或视图用本读取器所没有的函数计算某一列（{detail}），因此无法读取该图层；文件本身并未损坏。请将该图层导出为不含该列的新 GeoPackage。</translation>
    </message>
    <message>
        <source>{where}: not a valid GeoPackage ({detail}). Export it as a GeoPackage again from the program that made it.</source>
        <translation>{where}：不是有效的 GeoPackage（{detail}）。请从生成它的程序重新导出为 GeoPackage。</translation>
    </message>
    <message>
        <source>{where}: not a vector data file GDAL can read. Open a GeoPackage, GeoJSON, Shapefile or FlatGeobuf.</source>
        <translation>{where}：不是 GDAL 可读取的矢量数据文件。请打开 GeoPackage、GeoJSON、Shapefile 或 FlatGeobuf。</translation>
    </message>
    <message>
        <source>{where}: its text is not UTF-8 (GeoJSON must be), so it cannot be read. Save it as UTF-8 (in QGIS: Export › Save Features As…, encoding UTF-8) and open it again.</source>
        <translation>{where}：其文本不是 UTF-8（GeoJSON 必须是 UTF-8），无法读取。请另存为 UTF-8（QGIS 中：导出 › 要素另存为…，编码选 UTF-8）后重新打开。</translation>
    </message>
    <message>
        <source>{where}: the Shapefile&apos;s .shx index is missing or damaged, and the .shp cannot be read without it. A Shapefile is several files: copy its .shx and .dbf beside the .shp and open it again.</source>
        <translation>{where}：Shapefile 的 .shx 索引缺失或损坏，没有它无法读取 .shp。Shapefile 由多个文件组成：请将 .shx 和 .dbf 复制到 .shp 旁边后重新打开。</translation>
    </message>
    <message>
        <source>{where}: one of its features is too large or complex for GDAL&apos;s GeoJSON reader. Convert the file to GeoPackage or FlatGeobuf (with QGIS or ogr2ogr) and open that.</source>
        <translation>{where}：其中某个要素对 GDAL 的 GeoJSON 读取器来说过大或过于复杂。请将文件转换为 GeoPackage 或 FlatGeobuf（用 QGIS 或 ogr2ogr）后再打开。</translation>
    </message>
    <message>
        <source>{where}: GDAL cannot read it as GeoJSON ({detail}). Check it with a JSON validator, or export it again from the program that made it.</source>
        <translation>{where}：GDAL 无法将其作为 GeoJSON 读取（{detail}）。请用 JSON 校验工具检查，或从生成它的程序重新导出。</translation>
    </message>
    <message>
        <source>{where}: the file is damaged (corrupt or cut off). Restore it from a backup or copy it again.</source>
        <translation>{where}：文件已损坏（内容损坏或被截断）。请从备份恢复或重新复制。</translation>
    </message>
    <message>
        <source>{where}: permission denied. Ask for read access to the file, or copy it somewhere readable.</source>
        <translation>{where}：没有权限。请申请该文件的读取权限，或将其复制到可读取的位置。</translation>
    </message>
    <message>
        <source>{where}: the file has no layer of that name (it may have changed). Open the file again.</source>
        <translation>{where}：文件中没有该名称的图层（文件可能已改变）。请重新打开文件。</translation>
    </message>
    <message>
        <source>{where}: could not be read ({detail}). Check that it is a complete vector data file.</source>
        <translation>{where}：无法读取（{detail}）。请确认它是完整的矢量数据文件。</translation>
    </message>
    <message>
        <source>a style file&apos;s JSON is nested too deeply</source>
        <translation>样式文件的 JSON 嵌套过深</translation>
    </message>
    <message>
        <source>a style file holds a JSON object</source>
        <translation>样式文件应为一个 JSON 对象</translation>
    </message>
    <message>
        <source>{path}: the style could not be saved ({value}).</source>
        <translation>{path}：样式未能保存（{value}）。</translation>
    </message>
    <message>
        <source>style file</source>
        <translation>样式文件</translation>
    </message>
    <message>
        <source>{path}: not a usable style file ({reason}).</source>
        <translation>{path}：不是可用的样式文件（{reason}）。</translation>
    </message>
    <message>
        <source>size must be WIDTHxHEIGHT in pixels, e.g. 1600x1000, not {value}</source>
        <translation>尺寸应为以像素计的 宽x高，如 1600x1000，而不是 {value}</translation>
    </message>
    <message>
        <source>{name} is not a text encoding hegang-map knows (for Chinese files: GB18030, GBK, Big5 or UTF-8)</source>
        <translation>{name} 不是 hegang-map 认识的文字编码（中文文件可用 GB18030、GBK、Big5 或 UTF-8）</translation>
    </message>
    <message>
        <source>error: {reason} (see hegang-map --help)</source>
        <translation>错误：{reason}（见 hegang-map --help）</translation>
    </message>
    <message>
        <source>unexpected error: {reason}</source>
        <translation>意外错误：{reason}</translation>
    </message>
    <message>
        <source>exporting the bundled story {path}</source>
        <translation>导出内置的故事 {path}</translation>
    </message>
    <message>
        <source>--size: {reason}</source>
        <translation>--size：{reason}</translation>
    </message>
    <message>
        <source>--dpi must be between 30 and 2400</source>
        <translation>--dpi 必须在 30 到 2400 之间</translation>
    </message>
    <message>
        <source>--size/--dpi: {reason}</source>
        <translation>--size/--dpi：{reason}</translation>
    </message>
    <message>
        <source>--title may hold at most 1,000 characters</source>
        <translation>--title 最多 1,000 个字符</translation>
    </message>
    <message>
        <source>--all-scenes needs --out DIR (one PNG per scene) or --out FILE.pdf</source>
        <translation>--all-scenes 需要 --out 文件夹（每个场景一张 PNG）或 --out 文件.pdf</translation>
    </message>
    <message>
        <source>give a folder or a .pdf file</source>
        <translation>请给出文件夹或 .pdf 文件</translation>
    </message>
    <message>
        <source>export needs --out FILE.png|.svg|.pdf|.html</source>
        <translation>export 需要 --out 文件.png|.svg|.pdf|.html</translation>
    </message>
    <message>
        <source>export writes .png, .svg, .pdf or .html</source>
        <translation>export 可写出 .png、.svg、.pdf 或 .html</translation>
    </message>
    <message>
        <source>export sidecar</source>
        <translation>导出附属文件</translation>
    </message>
    <message>
        <source>{path}: not a readable export sidecar (output.file must name the figure&apos;s file).</source>
        <translation>{path}：不是可读取的导出附属文件（output.file 必须是图件的文件名）。</translation>
    </message>
    <message>
        <source>export writes .png, .svg or .pdf</source>
        <translation>export 可写出 .png、.svg 或 .pdf</translation>
    </message>
    <message>
        <source>{path}: its output file cannot be written ({reason}).</source>
        <translation>{path}：无法写出其输出文件（{reason}）。</translation>
    </message>
    <message>
        <source>{path}: not a readable export sidecar ({reason}).</source>
        <translation>{path}：不是可读取的导出附属文件（{reason}）。</translation>
    </message>
    <message>
        <source>{option} {out}: that names a folder (it ends in /); give a file name</source>
        <translation>{option} {out}：这是一个文件夹名（以 / 结尾）；请给出文件名</translation>
    </message>
    <message>
        <source>{option} {name}: not a usable file name ({reason})</source>
        <translation>{option} {name}：不是可用的文件名（{reason}）</translation>
    </message>
    <message>
        <source>{option} {name}: {kind}</source>
        <translation>{option} {name}：{kind}</translation>
    </message>
    <message>
        <source>{option}: the folder {parent} does not exist</source>
        <translation>{option}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>{option} {out}: that is a folder; give a file name in it</source>
        <translation>{option} {out}：这是文件夹；请给出其中的文件名</translation>
    </message>
    <message>
        <source>{option} {out}: that is a device, pipe or socket, not a file; choose a file name</source>
        <translation>{option} {out}：这是设备、管道或套接字，不是文件；请另选文件名</translation>
    </message>
    <message>
        <source>{option} {out}: that is the input; choose another file</source>
        <translation>{option} {out}：这就是输入文件；请另选文件</translation>
    </message>
    <message>
        <source>{path}: the input holds text that cannot be written as UTF-8 ({reason}).</source>
        <translation>{path}：输入中有无法写成 UTF-8 的文本（{reason}）。</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>warning: {reason}</source>
        <translation>警告：{reason}</translation>
    </message>
    <message>
        <source>--from and --to are the same frame: there is nothing to convert</source>
        <translation>--from 与 --to 是同一坐标系：无需转换</translation>
    </message>
    <message>
        <source>convert writes .gpkg, .geojson, .fgb or .shp</source>
        <translation>convert 可写出 .gpkg、.geojson、.fgb 或 .shp</translation>
    </message>
    <message>
        <source>--autoplay takes seconds between 1 and 3600</source>
        <translation>--autoplay 的秒数须在 1 到 3600 之间</translation>
    </message>
    <message>
        <source>presenting the bundled story {path}</source>
        <translation>放映内置的故事 {path}</translation>
    </message>
    <message>
        <source>--screenshot writes a PNG: give a file name ending in .png</source>
        <translation>--screenshot 写出 PNG：请给出以 .png 结尾的文件名</translation>
    </message>
    <message>
        <source>--screenshot: the folder {parent} does not exist</source>
        <translation>--screenshot：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>{field} must be a number, not {value}</source>
        <extracomment>The web map&apos;s (Web Mercator) latitude limit, rounded out: a view centred on a pole has no finite extent. Row numbers are positions in a layer (the page keeps them as 32-bit integers).</extracomment>
        <translation>{field} 必须是数字，而不是 {value}</translation>
    </message>
    <message>
        <source>{field} must be a number from {value} to {value2}, not {value3}</source>
        <translation>{field} 必须是 {value} 到 {value2} 之间的数字，而不是 {value3}</translation>
    </message>
    <message>
        <source>{field} must be a whole number, not {value}</source>
        <translation>{field} 必须是整数，而不是 {value}</translation>
    </message>
    <message>
        <source>{field} must be a whole number from {lo} to {hi}, not {value}</source>
        <translation>{field} 必须是 {lo} 到 {hi} 之间的整数，而不是 {value}</translation>
    </message>
    <message>
        <source>{field} must be true or false, not {value}</source>
        <translation>{field} 必须是 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <source>{field} must be a text (a name), not {value}</source>
        <translation>{field} 必须是文本（名称），而不是 {value}</translation>
    </message>
    <message>
        <source>{field} must be one of {allowed}, not {value}</source>
        <translation>{field} 必须是 {allowed} 之一，而不是 {value}</translation>
    </message>
    <message>
        <source>{field} must be a colour like #1f77b4, not {value}</source>
        <translation>{field} 必须是形如 #1f77b4 的颜色，而不是 {value}</translation>
    </message>
    <message>
        <source>{field} must be a list of numbers, not {value}</source>
        <translation>{field} 必须是数字列表，而不是 {value}</translation>
    </message>
    <message>
        <source>{field} may hold at most {most} numbers, not {value}</source>
        <translation>{field} 最多 {most} 个数字，而不是 {value} 个</translation>
    </message>
    <message>
        <source>{field} must be an object with lat, lon and zoom, not {value}</source>
        <translation>{field} 必须是含 lat、lon 和 zoom 的对象，而不是 {value}</translation>
    </message>
    <message>
        <source>a scene is an object with a title, a view and layers, not {value}</source>
        <extracomment>Tags a caption may keep (no attributes at all: no links, images or styles). Tags whose content is dropped along with the tag. Longest caption kept (characters of markup): a caption is a few sentences. Most scenes a story holds (each is a figure of the handouts, a slide of the talk).</extracomment>
        <translation>场景应是含标题、视图和图层的对象，而不是 {value}</translation>
    </message>
    <message>
        <source>layers[{i}].{reason}</source>
        <translation>layers[{i}].{reason}</translation>
    </message>
    <message>
        <source>damaged scene ({value}: {reason})</source>
        <translation>场景已损坏（{value}：{reason}）</translation>
    </message>
    <message>
        <source>area must be [west, south, east, north] degrees, west of east and south of north</source>
        <extracomment>The screen a scene without an ``area`` was framed for (pixels): a common projector.</extracomment>
        <translation>area 必须是 [西, 南, 东, 北] 经纬度，且西小于东、南小于北</translation>
    </message>
    <message>
        <source>scene {value}: {reason}</source>
        <translation>场景 {value}：{reason}</translation>
    </message>
    <message>
        <source>style must be an object, not {value}</source>
        <extracomment>How features get their symbol. Classification schemes of graduated styles (mapclassify classes in ``classify.SCHEMES``). Point marker shapes the page and the exporter can draw.</extracomment>
        <translation>style 必须是对象，而不是 {value}</translation>
    </message>
    <message>
        <source>style.label.where must be an object of field: [values], not {value}</source>
        <translation>style.label.where 必须是“字段: [取值]”形式的对象，而不是 {value}</translation>
    </message>
    <message>
        <source>style.time.current must be a period (a year such as 2024, or a short text) or null, not {value}</source>
        <extracomment>Longest period text (a period is a year, a quarter, a date).</extracomment>
        <translation>style.time.current 必须是一个时期（如年份 2024，或一段短文本）或 null，而不是 {value}</translation>
    </message>
    <message>
        <source>style.{key} must be a text of at most {max_text} characters, not {value}</source>
        <extracomment>Limits of a style&apos;s numbers (inclusive), as read from a file. Most classes a graduated style asks for (the data may support fewer). Most explicit categories, colours or breaks a style holds. Style fields that hold one piece of text (``field`` may also be null). Longest text a style field may hold.</extracomment>
        <translation>style.{key} 必须是最多 {max_text} 个字符的文本，而不是 {value}</translation>
    </message>
    <message>
        <source>style.{key} must be an object ({{&quot;field&quot;: ...}}) or null, not {value}</source>
        <translation>style.{key} 必须是对象（{{&quot;field&quot;: ...}}）或 null，而不是 {value}</translation>
    </message>
    <message>
        <source>style.{key}.field must be the name of a field</source>
        <translation>style.{key}.field 必须是字段名</translation>
    </message>
    <message>
        <source>style.{key} must be one of {value}, not {value2}</source>
        <translation>style.{key} 必须是 {value} 之一，而不是 {value2}</translation>
    </message>
    <message>
        <source>style.colors must be a list of at most {max_classes} colours</source>
        <translation>style.colors 必须是最多 {max_classes} 种颜色的列表</translation>
    </message>
    <message>
        <source>style.size_range must be two numbers (smallest and largest radius)</source>
        <translation>style.size_range 必须是两个数（最小和最大半径）</translation>
    </message>
    <message>
        <source>style.categories must be a list of at most {max_classes} categories</source>
        <translation>style.categories 必须是最多 {max_classes} 个类别的列表</translation>
    </message>
    <message>
        <source>style.categories[{i}] must be an object with a value and a colour</source>
        <translation>style.categories[{i}] 必须是含值和颜色的对象</translation>
    </message>
    <message>
        <source>style.categories[{i}].value must be a text or a number, and its label a text</source>
        <translation>style.categories[{i}].value 必须是文本或数字，其 label 必须是文本</translation>
    </message>
    <message>
        <source>{field} must be an object of field names and values</source>
        <translation>{field} 必须是由字段名和取值组成的对象</translation>
    </message>
    <message>
        <source>{field} must pair each field name with its values</source>
        <translation>{field} 必须为每个字段名给出取值</translation>
    </message>
    <message>
        <source>{field}.{value} must be a text or number, or a list of at most {max_classes} of them</source>
        <translation>{field}.{value} 必须是文本或数字，或最多 {max_classes} 个这样的值组成的列表</translation>
    </message>
    <message>
        <source>points</source>
        <extracomment>Geometries per tree of :class:`SpatialIndex`. Key of ``layer.data.attrs`` holding what the reader assumed or repaired (the same string as ``hegang_map.io.READ_WARNINGS``; render does not import io).</extracomment>
        <translation>点</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>线</translation>
    </message>
    <message>
        <source>polygons</source>
        <translation>面</translation>
    </message>
    <message>
        <source>The geometry could not be prepared for the map ({value}: {reason}); the layer is not drawn.</source>
        <translation>几何图形预处理失败（{value}：{reason}），该图层未绘制。</translation>
    </message>
    <message>
        <source>The layer has no features: there is nothing to draw.</source>
        <translation>图层没有要素，无可绘制内容。</translation>
    </message>
    <message>
        <source>{value} feature(s) without geometry are not drawn (they stay in the table).</source>
        <translation>{value} 个无几何的要素未绘制（仍在属性表中）。</translation>
    </message>
    <message>
        <source>3D coordinates: heights (and measures) are ignored on the map.</source>
        <translation>三维坐标：地图上忽略 Z 值（及 M 值）。</translation>
    </message>
    <message>
        <source>No CRS in the file: assumed EPSG:4326 (longitude/latitude) because the coordinates fit.</source>
        <translation>文件中没有坐标参考系：坐标范围符合经纬度，按 EPSG:4326（经纬度）处理。</translation>
    </message>
    <message>
        <source>No CRS in the file and the coordinates are not longitude/latitude: the layer is not drawn. Assign its CRS in the source file.</source>
        <translation>文件中没有坐标参考系，且坐标不是经纬度：该图层未绘制。请在源文件中指定其坐标参考系。</translation>
    </message>
    <message>
        <source>The CRS {layer} cannot be converted to longitude/latitude ({reason}); the layer is not drawn.</source>
        <translation>坐标参考系 {layer} 无法转换为经纬度（{reason}），该图层未绘制。</translation>
    </message>
    <message>
        <source>{value} feature(s) with coordinates outside longitude/latitude range or NaN are not drawn.</source>
        <translation>有 {value} 个要素的坐标超出经纬度范围或为 NaN，未绘制。</translation>
    </message>
    <message>
        <source>{value} geometry collection(s) are drawn by their parts.</source>
        <translation>{value} 个几何集合按其组成部分绘制。</translation>
    </message>
    <message>
        <source>{value} feature(s) of a geometry type the map cannot draw are skipped.</source>
        <translation>已跳过 {value} 个几何类型无法在地图上绘制的要素。</translation>
    </message>
    <message>
        <source>Mixed geometry types in one layer ({kinds}): each kind is drawn with the layer&apos;s symbol for it.</source>
        <translation>同一图层中有多种几何类型（{kinds}）：每种类型使用该图层相应的符号绘制。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{layer}: could not be loaded ({reason}).</source>
        <extracomment>Point layers from this size are drawn early (below it, point objects take less time than the page&apos;s round trip the early draw waits for). Seconds the read waits, once its early payload is out, for the page to draw it.
----------
The map&apos;s coordinate frame, given to each job started.</extracomment>
        <translation>{layer}：无法加载（{reason}）。</translation>
    </message>
    <message>
        <source>{out}: that is the project the figures are made from; an export may not replace it. Choose another file name.</source>
        <translation>{out}：这就是生成这些图件的项目；导出不能覆盖它。请另选文件名。</translation>
    </message>
    <message>
        <source>{out}: that is the data file of layer “{value}”; an export may not replace what it is drawn from. Choose another file name.</source>
        <translation>{out}：这是图层“{value}”的数据文件；导出不能覆盖绘图所用的数据。请另选文件名。</translation>
    </message>
    <message>
        <source>{out}: that is a basemap file the map is drawn on; an export may not replace it. Choose another file name.</source>
        <translation>{out}：这是地图所用的底图文件，导出不得替换它。请换一个文件名。</translation>
    </message>
    <message>
        <source>{layers}: too many lines and polygons for a vector figure to open quickly; drawn as a picture at {dpi} dpi inside it (the rest of the figure stays vector).</source>
        <translation>{layers}：线和面太多，矢量图难以快速打开，已在图中以 {dpi} dpi 的图片绘制（图的其余部分仍为矢量）。</translation>
    </message>
    <message>
        <source>The web map is drawn without the basemap files: a page to share cannot carry them. Export a PNG, SVG or PDF to show them.</source>
        <translation>网页地图不含底图文件：用于分享的网页无法携带它们。如需显示，请导出 PNG、SVG 或 PDF。</translation>
    </message>
    <message>
        <source>{name}: export writes .png, .svg, .pdf or .html</source>
        <translation>{name}：导出可写出 .png、.svg、.pdf 或 .html</translation>
    </message>
    <message>
        <source>paper size must be between 20 and 2000 mm each way</source>
        <extracomment>The sizes the export dialog offers (any ``WxHmm`` / ``WxHpx`` also works). Resolution used for pixel sizes when no dpi is given: text reads well on a projector. The largest raster an export draws: A1 at 600 dpi or A0 at 400 dpi fit (about 1.2 GB of pixels while drawing); more is refused before drawing.</extracomment>
        <translation>纸张尺寸的长和宽都必须在 20 到 2000 毫米之间</translation>
    </message>
    <message>
        <source>pixel size must be whole pixels between 100 and 20000 each way</source>
        <translation>像素尺寸的长和宽都必须是 100 到 20000 之间的整数像素</translation>
    </message>
    <message>
        <source>unknown size {raw}: use A4, A4-landscape, A3, A3-landscape, WIDTHxHEIGHTmm (180x120mm) or WIDTHxHEIGHTpx (1920x1080px)</source>
        <translation>未知尺寸 {raw}：请使用 A4、A4-landscape、A3、A3-landscape、宽x高mm（180x120mm）或宽x高px（1920x1080px）</translation>
    </message>
    <message>
        <source>dpi must be a number from 30 to 2400, not {dpi}</source>
        <translation>dpi 必须是 30 到 2400 之间的数字，而不是 {dpi}</translation>
    </message>
    <message>
        <source>{label} at {dpi} dpi is {w} x {h} pixels ({value} megapixels); an export may have at most {value2} megapixels: lower the dpi or the size</source>
        <translation>{label} 在 {dpi} dpi 下为 {w} x {h} 像素（{value} 百万像素）；导出最多 {value2} 百万像素：请降低 dpi 或尺寸</translation>
    </message>
    <message>
        <source>{name}: export writes .png, .svg or .pdf files</source>
        <extracomment>Output formats by file ending.</extracomment>
        <translation>{name}：导出可写出 .png、.svg 或 .pdf 文件</translation>
    </message>
    <message>
        <source>the extent {tuple} holds no area of the globe to draw</source>
        <translation>范围 {tuple} 不含可绘制的地球区域</translation>
    </message>
    <message>
        <source>convert writes .gpkg, .geojson, .fgb or .shp, not {name}</source>
        <extracomment>Output endings and the GDAL driver that writes each. The files of a Shapefile that the writer makes.</extracomment>
        <translation>convert 可写出 .gpkg、.geojson、.fgb 或 .shp，不能写出 {name}</translation>
    </message>
    <message>
        <source>{path} has no layer {layer} (it has: {names})</source>
        <translation>{path} 中没有图层 {layer}（现有图层：{names}）</translation>
    </message>
    <message>
        <source>{path} holds no layer with geometry to convert.</source>
        <translation>{path} 中没有可转换的含几何图层。</translation>
    </message>
    <message>
        <source>{path} holds {n} layers and {name} holds one: choose one with --layer, or write a .gpkg</source>
        <translation>{path} 含 {n} 个图层，而 {name} 只能存放一个：请用 --layer 选择一个，或写出 .gpkg</translation>
    </message>
    <message>
        <source>{path}: could not be written ({reason}).</source>
        <translation>{path}：无法写出（{reason}）。</translation>
    </message>
    <message>
        <source>{where}: no CRS in the file and the coordinates are not longitude/latitude; assign its CRS first.</source>
        <translation>{where}：文件中没有坐标参考系，且坐标不是经纬度；请先为其指定坐标参考系。</translation>
    </message>
    <message>
        <source>{where}: no CRS in the file: taken as longitude/latitude.</source>
        <translation>{where}：文件中没有坐标参考系，按经纬度处理。</translation>
    </message>
    <message>
        <source>{reason} Nothing was written (--allow-missing draws the map without it).</source>
        <translation>{reason} 未写入任何文件（--allow-missing 可在没有它的情况下绘图）。</translation>
    </message>
    <message>
        <source>{name} has no overviews small enough for this figure: it was left blank. Build overviews (gdaladdo) or export a smaller area.</source>
        <translation>{name} 没有适合此图的小比例金字塔，该处留空。请建立金字塔（gdaladdo）或导出更小的范围。</translation>
    </message>
    <message>
        <source>{name} cost too much to read (its directories or queries are damaged or made to be slow): parts of it were left blank.</source>
        <translation>{name} 读取代价过高（其目录或查询已损坏或被故意做得很慢）：其中部分留空。</translation>
    </message>
    <message>
        <source>it is not a GeoTIFF file</source>
        <extracomment>The most source pixels one request reads (about 200 MB of RGBA). The largest image accepted, per side. The largest block (tile or strip) GDAL would unpack whole to read any pixel of it.</extracomment>
        <translation>它不是 GeoTIFF 文件</translation>
    </message>
    <message>
        <source>it is not a complete GeoTIFF file ({reason})</source>
        <translation>它不是完整的 GeoTIFF 文件（{reason}）</translation>
    </message>
    <message>
        <source>it has no map coordinates: georeference it first (in QGIS: Raster › Georeferencer)</source>
        <translation>它没有地图坐标：请先进行地理配准（QGIS：栅格 › 地理配准）</translation>
    </message>
    <message>
        <source>it claims an image of {w} × {h} pixels</source>
        <translation>它声称影像为 {w} × {h} 像素</translation>
    </message>
    <message>
        <source>its blocks are {w} × {h} pixels ({size} MB each to unpack): rewrite it tiled (gdal_translate -co TILED=YES) with overviews</source>
        <translation>它的数据块为 {w} × {h} 像素（每块解压 {size} MB）：请重写为分块格式（gdal_translate -co TILED=YES）并建立金字塔</translation>
    </message>
    <message>
        <source>it has {n} bands of {kind}: the app draws grey, palette, RGB and RGBA pictures</source>
        <translation>它有 {n} 个 {kind} 波段：本应用只绘制灰度、调色板、RGB 和 RGBA 影像</translation>
    </message>
    <message>
        <source>its coordinates cannot be turned into longitude and latitude ({reason})</source>
        <translation>它的坐标无法转换为经纬度（{reason}）</translation>
    </message>
    <message>
        <source>its bounds enclose nothing</source>
        <translation>它的范围为空</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: {reason}</source>
        <extracomment>The largest PMTiles directory (unpacked) and metadata document read. PMTiles directory bytes one opened archive parses in all (then it gives no more tiles): directories crafted to be parsed again and again cost seconds each. How long one MBTiles query may run (a ``tiles`` view can be made to run forever), and all of one opened file&apos;s queries together (then it gives no more tiles). Zoom levels a tile source may claim. Web Mercator&apos;s latitude limit.</extracomment>
        <translation>{path} 不能用作底图：{reason}</translation>
    </message>
    <message>
        <source>it is not a file or a folder</source>
        <translation>它既不是文件也不是文件夹</translation>
    </message>
    <message>
        <source>it is not an MBTiles, PMTiles or GeoTIFF file, nor a folder of z/x/y tiles</source>
        <translation>它不是 MBTiles、PMTiles 或 GeoTIFF 文件，也不是 z/x/y 瓦片文件夹</translation>
    </message>
    <message>
        <source>its {field} must be a number from {low} to {high}, not {value}</source>
        <extracomment>Set once the source stopped giving tiles because it cost too much (see the budgets above).</extracomment>
        <translation>它的 {field} 必须是 {low} 到 {high} 之间的数，而不是 {value}</translation>
    </message>
    <message>
        <source>west bound</source>
        <translation>西边界</translation>
    </message>
    <message>
        <source>south bound</source>
        <translation>南边界</translation>
    </message>
    <message>
        <source>east bound</source>
        <translation>东边界</translation>
    </message>
    <message>
        <source>north bound</source>
        <translation>北边界</translation>
    </message>
    <message>
        <source>its minzoom is above its maxzoom</source>
        <translation>它的 minzoom 大于 maxzoom</translation>
    </message>
    <message>
        <source>it is not a complete MBTiles file ({reason})</source>
        <translation>它不是完整的 MBTiles 文件（{reason}）</translation>
    </message>
    <message>
        <source>it holds no tiles</source>
        <translation>它不含任何瓦片</translation>
    </message>
    <message>
        <source>its tiles are neither PNG, JPEG, WebP nor vector tiles</source>
        <translation>它的瓦片既不是 PNG、JPEG、WebP，也不是矢量瓦片</translation>
    </message>
    <message>
        <source>its bounds must be four numbers</source>
        <translation>它的范围必须是四个数</translation>
    </message>
    <message>
        <source>it is not a PMTiles version 3 archive, or its header is damaged</source>
        <translation>它不是 PMTiles 第 3 版文件，或其文件头已损坏</translation>
    </message>
    <message>
        <source>it is cut short: its header points past its end</source>
        <translation>它不完整：文件头指向文件末尾之外</translation>
    </message>
    <message>
        <source>its directories use a compression the app cannot read</source>
        <translation>它的目录使用了本应用无法读取的压缩方式</translation>
    </message>
    <message>
        <source>its tiles use a compression the app cannot read</source>
        <translation>它的瓦片使用了本应用无法读取的压缩方式</translation>
    </message>
    <message>
        <source>its directory is damaged ({reason})</source>
        <translation>它的目录已损坏（{reason}）</translation>
    </message>
    <message>
        <source>{field} must name a basemap file</source>
        <translation>{field} 必须指明一个底图文件</translation>
    </message>
    <message>
        <source>{field} must be a list of at most {n} basemap files</source>
        <translation>{field} 必须是最多 {n} 个底图文件的列表</translation>
    </message>
    <message>
        <source>The PostGIS server {where} wants a password (or refused the one given): {reason}</source>
        <extracomment>Seconds to reach the server, and to run one statement. Most rows a table may have to be read whole (an estimate from the server&apos;s statistics). Most geometry tables a database lists. Column types read as they are; any other is read as its text.</extracomment>
        <translation>PostGIS 服务器 {where} 需要密码（或拒绝了所给的密码）：{reason}</translation>
    </message>
    <message>
        <source>The PostGIS server {where} cannot be reached: {reason}. Check that it is running and that the address is right.</source>
        <translation>无法连接 PostGIS 服务器 {where}：{reason}。请确认服务器正在运行、地址正确。</translation>
    </message>
    <message>
        <source>{what} on {where} took more than {seconds} s and was stopped.</source>
        <translation>在 {where} 上{what}超过 {seconds} 秒，已被中止。</translation>
    </message>
    <message>
        <source>{what} on {where}: it is no longer there ({reason}). It may have been dropped or renamed.</source>
        <translation>在 {where} 上{what}：它已不存在（{reason}），可能已被删除或改名。</translation>
    </message>
    <message>
        <source>{what} on {where} failed: {reason}</source>
        <translation>在 {where} 上{what}失败：{reason}</translation>
    </message>
    <message>
        <source>Listing the geometry tables</source>
        <translation>列出几何表</translation>
    </message>
    <message>
        <source>{where} lists more than {most} geometry tables; name the table to open (postgresql://…/DB#SCHEMA.TABLE).</source>
        <translation>{where} 有超过 {most} 个几何表；请指明要打开的表（postgresql://…/DB#SCHEMA.TABLE）。</translation>
    </message>
    <message>
        <source>{text}: {reason}</source>
        <translation>{text}：{reason}</translation>
    </message>
    <message>
        <source>{text} names a database, not a table: add #SCHEMA.TABLE (hegang-map layers {text} lists them).</source>
        <translation>{text} 指的是数据库而不是表：请加上 #SCHEMA.TABLE（hegang-map layers {text} 可列出各表）。</translation>
    </message>
    <message>
        <source>Reading {table}</source>
        <translation>读取 {table}</translation>
    </message>
    <message>
        <source>{where} has no table {table}; hegang-map layers {conninfo} lists the tables it has.</source>
        <translation>{where} 中没有表 {table}；hegang-map layers {conninfo} 可列出其中的表。</translation>
    </message>
    <message>
        <source>{table} on {where} has no geometry column: it cannot be drawn on the map.</source>
        <translation>{where} 上的 {table} 没有几何列，无法绘制在地图上。</translation>
    </message>
    <message>
        <source>{table} on {where} holds about {rows} rows; hegang-map reads tables of at most {most} whole. Make a view of the area or the rows you need and open that.</source>
        <translation>{where} 上的 {table} 约有 {rows} 行；hegang-map 只能整表读取最多 {most} 行的表。请为所需的范围或行建立视图，再打开该视图。</translation>
    </message>
    <message>
        <source>{table} on {where} holds more than {most} rows; make a view of the rows you need and open that.</source>
        <translation>{where} 上的 {table} 超过 {most} 行；请为所需的行建立视图，再打开该视图。</translation>
    </message>
    <message>
        <source>{path}: not a complete Parquet file ({reason}).</source>
        <extracomment>Most data a file may unpack to (its metadata says, before reading).</extracomment>
        <translation>{path}：不是完整的 Parquet 文件（{reason}）。</translation>
    </message>
    <message>
        <source>{path}: its data unpack to {size} GB; hegang-map reads GeoParquet files of at most {most} GB. Write the area or the columns you need to a smaller file.</source>
        <translation>{path}：其数据解压后为 {size} GB；hegang-map 读取的 GeoParquet 文件最多 {most} GB。请把需要的范围或列写入一个较小的文件。</translation>
    </message>
    <message>
        <source>{path}: a Parquet file without GeoParquet metadata (no geometry column is named). Write it with geopandas or GDAL as GeoParquet.</source>
        <translation>{path}：这是没有 GeoParquet 元数据的 Parquet 文件（未指明几何列）。请用 geopandas 或 GDAL 写成 GeoParquet。</translation>
    </message>
    <message>
        <source>{path}: its GeoParquet data cannot be read ({reason}).</source>
        <translation>{path}：其 GeoParquet 数据无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{name}: Export Layer To writes {kinds}</source>
        <extracomment>File endings Export Layer To writes, and what they are.</extracomment>
        <translation>{name}：导出图层只能写入 {kinds}</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason}); nothing was changed.</source>
        <translation>{path} 无法写入（{reason}）；未做任何改动。</translation>
    </message>
    <message>
        <source>{table} is already on {server}: choose another name, or replace it.</source>
        <translation>{server} 上已有 {table}：请换一个名称，或替换它。</translation>
    </message>
    <message>
        <source>Writing {table}</source>
        <translation>写入 {table}</translation>
    </message>
    <message>
        <source>{field} must be an object</source>
        <translation>{field} 必须是一个对象</translation>
    </message>
    <message>
        <source>{field}.hide must be a list of figure parts</source>
        <translation>{field}.hide 必须是图件组成部分的列表</translation>
    </message>
    <message>
        <source>{field}.places must be an object of part: [x, y]</source>
        <translation>{field}.places 必须是“部分: [x, y]”形式的对象</translation>
    </message>
    <message>
        <source>{field}.places.{name} must be [x, y], fractions of the map frame</source>
        <translation>{field}.places.{name} 必须是 [x, y]，即地图框宽高的比例</translation>
    </message>
    <message>
        <source>{name} has {features} features and needs about {need} GB of memory once open; {room} GB are free. Close other layers or programs, or open a part of it (a view of a PostGIS table, a smaller file), then try again.</source>
        <translation>{name} 有 {features} 个要素，打开后约需 {need} GB 内存；目前可用 {room} GB。请关闭其他图层或程序，或只打开其中一部分（PostGIS 表的视图、较小的文件），然后重试。</translation>
    </message>
    <message>
        <source>{story}: the project has no scenes to export: {problems}.</source>
        <translation>{story}：项目没有可导出的场景：{problems}。</translation>
    </message>
    <message>
        <source>{story}: the project has no scenes to export.</source>
        <translation>{story}：项目没有可导出的场景。</translation>
    </message>
    <message>
        <source>scene {number}: layer {layer} could not be loaded; drawn without it</source>
        <translation>场景 {number}：图层 {layer} 无法加载，已在没有它的情况下绘制</translation>
    </message>
    <message>
        <source>not a PostgreSQL address: {value}</source>
        <extracomment>Query parameters of an address that are kept (the rest could change how the server is reached or what runs).</extracomment>
        <translation>不是 PostgreSQL 地址：{value}</translation>
    </message>
    <message>
        <source>a PostgreSQL address names its database (postgresql://USER@HOST:PORT/DB) or a service (postgresql:///?service=NAME)</source>
        <translation>PostgreSQL 地址须写明数据库（postgresql://用户@主机:端口/数据库）或服务名（postgresql:///?service=名称）</translation>
    </message>
    <message>
        <source>#{fragment} is not SCHEMA.TABLE</source>
        <translation>#{fragment} 不是 模式.表 的写法</translation>
    </message>
    <message>
        <source>{value} names a database, not a table (add #SCHEMA.TABLE)</source>
        <translation>{value} 指向的是数据库而不是表（请加上 #模式.表）</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <source>Cities</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>City government</source>
        <translation>市政府</translation>
    </message>
    <message>
        <source>Coal mines (GEM)</source>
        <translation>煤矿（GEM）</translation>
    </message>
    <message>
        <source>Junde mine boundary (estimated)</source>
        <translation>峻德煤矿估计边界</translation>
    </message>
    <message>
        <source>Prices quoted in the essay</source>
        <translation>原文引述的房价</translation>
    </message>
    <message>
        <source>Redevelopment estates</source>
        <translation>棚改小区与片区</translation>
    </message>
    <message>
        <source>Resale listing price (58.com)</source>
        <translation>二手房挂牌价（58同城）</translation>
    </message>
    <message>
        <source>Resale listing price (creprice 2026)</source>
        <translation>二手房挂牌价（creprice 2026）</translation>
    </message>
    <message>
        <source>Welfare facilities</source>
        <translation>福利设施</translation>
    </message>
</context>
<context>
    <name>OpenDialog</name>
    <message>
        <source>Automatic (the file&apos;s .cpg, else guessed from its text)</source>
        <extracomment>The text encodings File › Open offers for Shapefiles: (name given to the reader, label).</extracomment>
        <translation>自动（按文件的 .cpg，否则根据文字推断）</translation>
    </message>
    <message>
        <source>GB18030 / GBK / GB2312 (Simplified Chinese)</source>
        <translation>GB18030 / GBK / GB2312（简体中文）</translation>
    </message>
    <message>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5（繁体中文）</translation>
    </message>
    <message>
        <source>Shift_JIS (Japanese)</source>
        <translation>Shift_JIS（日文）</translation>
    </message>
    <message>
        <source>EUC-KR (Korean)</source>
        <translation>EUC-KR（韩文）</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252（西欧语言）</translation>
    </message>
    <message>
        <source>Text &amp;encoding (Shapefiles):</source>
        <translation>文字编码(&amp;E)（Shapefile）：</translation>
    </message>
    <message>
        <source>Open layers</source>
        <translation>打开图层</translation>
    </message>
    <message>
        <source>Layers in {path}:</source>
        <translation>{path} 中的图层：</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何类型</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no geometry</source>
        <translation>无几何</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Show the legend</source>
        <translation>显示图例</translation>
    </message>
    <message>
        <source>Fold the legend away</source>
        <translation>收起图例</translation>
    </message>
    <message>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <source>m</source>
        <translation>米</translation>
    </message>
</context>
<context>
    <name>Postgis</name>
    <message>
        <source>Add PostGIS Layers</source>
        <translation>添加 PostGIS 图层</translation>
    </message>
    <message>
        <source>a service of pg_service.conf (instead of the fields above)</source>
        <translation>pg_service.conf 中的服务名（代替上面各项）</translation>
    </message>
    <message>
        <source>Saved connections:</source>
        <translation>已保存的连接：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>服务(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>The password comes from ~/.pgpass or the service file, or is asked once and kept until the app closes; it is never saved.</source>
        <translation>密码取自 ~/.pgpass 或服务文件，否则询问一次并保留到程序关闭；从不保存。</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何类型</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <source>Rows (estimate)</source>
        <translation>行数（估计）</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Connecting to {where}…</source>
        <translation>正在连接 {where}…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password for {where} (kept until the app closes, never saved):</source>
        <translation>{where} 的密码（保留到程序关闭，从不保存）：</translation>
    </message>
    <message>
        <source>{n} geometry table(s) on {where}.</source>
        <translation>{where} 上有 {n} 个几何表。</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Preparing the scenes…</source>
        <translation>正在准备场景…</translation>
    </message>
    <message>
        <source>Sources: {sources}</source>
        <translation>资料来源：{sources}</translation>
    </message>
    <message>
        <source>No scenes to present</source>
        <translation>没有可演示的场景</translation>
    </message>
    <message>
        <source>This map has no scenes. Present the bundled Hegang story, or add the map as it is now as a scene (Story › Add Scene) and build your own.</source>
        <translation>这张地图还没有场景。可以演示内置的鹤岗故事，或将当前地图添加为场景（故事 › 添加场景），编排自己的故事。</translation>
    </message>
    <message>
        <source>Present the Hegang Story</source>
        <translation>演示鹤岗故事</translation>
    </message>
    <message>
        <source>No scenes to present: add some in the Scenes panel.</source>
        <translation>没有可演示的场景：请在“场景”面板中添加。</translation>
    </message>
    <message>
        <source>{layer}: not loaded</source>
        <translation>{layer}：未加载</translation>
    </message>
    <message>
        <source>Layer not shown: {reason}</source>
        <translation>未能显示图层：{reason}</translation>
    </message>
    <message>
        <source>This scene could not be drawn fully ({error}).</source>
        <translation>本场景未能完整绘制（{error}）。</translation>
    </message>
    <message>
        <source>Scene {n}: not in the map: {names} (presenting loads them).</source>
        <translation>场景 {n}：地图中缺少 {names}（演示时会自动加载）。</translation>
    </message>
</context>
<context>
    <name>Projects</name>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>hegang-map projects ({pattern})</source>
        <translation>hegang-map 项目 ({pattern})</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The map has changes that are not saved in a project. Save them first?</source>
        <translation>地图有尚未保存到项目的更改。是否先保存？</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Data file not found</source>
        <translation>找不到数据文件</translation>
    </message>
    <message>
        <source>The project&apos;s layer “{name}” reads {path}, which is not there. Locate the file?</source>
        <translation>项目中图层“{name}”的数据文件 {path} 不存在。是否手动查找该文件？</translation>
    </message>
    <message>
        <source>Locate {name}</source>
        <translation>定位 {name}</translation>
    </message>
    <message>
        <source>{path}: the project could not be saved ({reason}). The previous version of the file is unchanged.</source>
        <translation>{path}：项目未能保存（{reason}）。文件的原有版本未被改动。</translation>
    </message>
    <message>
        <source>Project not saved</source>
        <translation>项目未保存</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Web map (*.html)</source>
        <translation>网页地图 (*.html)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG (*.svg);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export as web map</source>
        <translation>导出为网页地图</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>正在导出 {name}…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Layer “{name}”: its data file {path} is not there.</source>
        <translation>图层“{name}”：其数据文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>{layer}: the data file is not there</source>
        <translation>{layer}：数据文件不存在</translation>
    </message>
    <message>
        <source>{layer}: loading cancelled</source>
        <translation>{layer}：已取消加载</translation>
    </message>
    <message>
        <source>Left out of the map: layer(s) {names} of the project {project}; the other layers are open.</source>
        <translation>项目 {project} 中的图层 {names} 未加入地图；其他图层已打开。</translation>
    </message>
    <message>
        <source>Left out of the map: layer(s) {names} of the project; the other layers are open.</source>
        <translation>项目中的图层 {names} 未加入地图；其他图层已打开。</translation>
    </message>
</context>
<context>
    <name>Properties</name>
    <message>
        <source>chosen when opened</source>
        <extracomment>How a Shapefile&apos;s text encoding was decided (:data:`hegang_map.io.dbf.SOURCES`).</extracomment>
        <translation>打开时指定</translation>
    </message>
    <message>
        <source>as its .cpg file says</source>
        <translation>按其 .cpg 文件</translation>
    </message>
    <message>
        <source>as its .dbf header says</source>
        <translation>按其 .dbf 文件头</translation>
    </message>
    <message>
        <source>guessed from its text: no .cpg file says</source>
        <translation>根据文字推断：没有 .cpg 文件说明</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>(in memory)</source>
        <translation>（内存中）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>表名</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何类型</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>Bounds (own CRS)</source>
        <translation>范围（图层坐标参考系）</translation>
    </message>
    <message>
        <source>Field: {name}</source>
        <translation>字段：{name}</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <source>{codec} ({how})</source>
        <translation>{codec}（{how}）</translation>
    </message>
    <message>
        <source>Coordinate frame</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Properties — {name}</source>
        <translation>属性 — {name}</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>&amp;Coordinate frame:</source>
        <translation>坐标系(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>Scenes</name>
    <message>
        <source>(untitled)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>no layers</source>
        <translation>无图层</translation>
    </message>
    <message>
        <source>Layers: {names}</source>
        <translation>图层：{names}</translation>
    </message>
    <message>
        <source>Caption of the selected scene (plain text; blank line = new paragraph)</source>
        <translation>所选场景的说明文字（纯文本；空行分段）</translation>
    </message>
    <message>
        <source>Set Caption</source>
        <translation>设置说明</translation>
    </message>
    <message>
        <source>No scenes yet. Add Scene keeps the current map as a scene; or &lt;a href=&quot;#story&quot;&gt;open the bundled Hegang story&lt;/a&gt; (seven scenes).</source>
        <translation>还没有场景。“添加场景”将当前地图保存为一个场景；也可以&lt;a href=&quot;#story&quot;&gt;打开内置的鹤岗故事&lt;/a&gt;（七个场景）。</translation>
    </message>
    <message>
        <source>A story holds at most {most} scenes.</source>
        <translation>一个故事最多包含 {most} 个场景。</translation>
    </message>
    <message>
        <source>Scene {n}</source>
        <translation>场景 {n}</translation>
    </message>
    <message>
        <source>Project: {problem}</source>
        <translation>项目：{problem}</translation>
    </message>
</context>
<context>
    <name>StylePanel</name>
    <message>
        <source>Single symbol</source>
        <extracomment>Renderer choices: (text, renderer, graduate colour, graduate size).</extracomment>
        <translation>单一符号</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Graduated colour</source>
        <translation>分级设色</translation>
    </message>
    <message>
        <source>Graduated size</source>
        <translation>分级符号大小</translation>
    </message>
    <message>
        <source>Graduated colour and size</source>
        <translation>分级设色与符号大小</translation>
    </message>
    <message>
        <source>Symbology</source>
        <translation>符号化</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>分级方法</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>级数</translation>
    </message>
    <message>
        <source>Manual breaks</source>
        <translation>手动断点</translation>
    </message>
    <message>
        <source>Colour ramp</source>
        <translation>色带</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Size range (px)</source>
        <translation>大小范围（像素）</translation>
    </message>
    <message>
        <source>fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>stroke</source>
        <translation>描边</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Stroke width</source>
        <translation>描边宽度</translation>
    </message>
    <message>
        <source>Fill opacity</source>
        <translation>填充不透明度</translation>
    </message>
    <message>
        <source>Point size</source>
        <translation>点大小</translation>
    </message>
    <message>
        <source>Marker</source>
        <translation>符号形状</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Labels from zoom</source>
        <translation>标注起始级别</translation>
    </message>
    <message>
        <source>upper bounds, e.g. 3000, 6000, 12000</source>
        <translation>各级上限，如 3000, 6000, 12000</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>反转</translation>
    </message>
    <message>
        <source>No labels below this zoom level</source>
        <translation>低于此缩放级别不显示标注</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Value / label</source>
        <translation>值 / 图例</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Save style…</source>
        <translation>保存样式…</translation>
    </message>
    <message>
        <source>Load style…</source>
        <translation>加载样式…</translation>
    </message>
    <message>
        <source>No layer selected</source>
        <translation>未选择图层</translation>
    </message>
    <message>
        <source>(no labels)</source>
        <translation>（无标注）</translation>
    </message>
    <message>
        <source>Chinese + English</source>
        <translation>中文 + 英文</translation>
    </message>
    <message>
        <source>English + Chinese</source>
        <translation>英文 + 中文</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Only where {filter}</source>
        <translation>仅限 {filter}</translation>
    </message>
    <message>
        <source>Double-click to change the colour</source>
        <translation>双击更改颜色</translation>
    </message>
    <message>
        <source>Save style</source>
        <translation>保存样式</translation>
    </message>
    <message>
        <source>Style (*.json)</source>
        <translation>样式 (*.json)</translation>
    </message>
    <message>
        <source>Load style</source>
        <translation>加载样式</translation>
    </message>
</context>
<context>
    <name>Styles</name>
    <message>
        <source>Annual average asking price of resale listings, {platform}; platform data, not official statistics</source>
        <translation>二手房挂牌年均价，{platform}；平台数据，非官方统计</translation>
    </message>
    <message>
        <source>Annual average resale listing price, {platform}, {year}; platform data, not official. 58.com and Anjuke are two listings of one market; Anjuke lacks Beijing, Shanghai, Tianjin, Chongqing and Hainan</source>
        <translation>二手房挂牌年均价，{platform}，{year} 年；平台数据，非官方统计。58同城与安居客是同一市场的两个挂牌平台；安居客缺北京、上海、天津、重庆和海南</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>College</source>
        <translation>高等院校</translation>
    </message>
    <message>
        <source>Commercial new-build (contrast)</source>
        <translation>商品房新盘（对照）</translation>
    </message>
    <message>
        <source>Estimated mine boundary (GEM)</source>
        <translation>煤矿估计边界（GEM）</translation>
    </message>
    <message>
        <source>Hollow: drawn on its district&apos;s seat (location_precision = district)</source>
        <translation>空心：绘于所在区政府驻地（location_precision = district）</translation>
    </message>
    <message>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <source>Mines named in the press, placed on their district</source>
        <translation>报道中提及的煤矿，按所在区定位</translation>
    </message>
    <message>
        <source>Mothballed</source>
        <translation>封存</translation>
    </message>
    <message>
        <source>Operating</source>
        <translation>在产</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>公园</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>拟建</translation>
    </message>
    <message>
        <source>Resale listing average (挂牌均价), creprice.cn snapshot 2026-05-17</source>
        <translation>二手房挂牌均价，creprice.cn 2026-05-17 快照</translation>
    </message>
    <message>
        <source>Resale listing price</source>
        <translation>二手房挂牌价</translation>
    </message>
    <message>
        <source>Resale listing price, annual average</source>
        <translation>二手房挂牌年均价</translation>
    </message>
    <message>
        <source>Resale listing price, creprice 2026-05-17</source>
        <translation>二手房挂牌价，creprice 2026-05-17</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>School</source>
        <translation>学校</translation>
    </message>
    <message>
        <source>Shantytown redevelopment estate / area</source>
        <translation>棚改安置小区 / 片区</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>搁置</translation>
    </message>
    <message>
        <source>Single figures from the press and platforms; two are the essay&apos;s (quoted_in). Kinds and periods differ</source>
        <translation>来自报刊和平台的单个数值，其中两个为原文所引（quoted_in）。口径与时期各不相同</translation>
    </message>
    <message>
        <source>Single figures quoted in the essay and the press (kinds and periods differ: see attributes)</source>
        <translation>原文与报刊引述的单个数值（口径与时期不同，详见属性）</translation>
    </message>
    <message>
        <source>yuan/m²</source>
        <translation>元/平方米</translation>
    </message>
</context>
<context>
    <name>TimeSlider</name>
    <message>
        <source>0.5 s / step</source>
        <extracomment>Seconds per period offered for playback.</extracomment>
        <translation>每步 0.5 秒</translation>
    </message>
    <message>
        <source>1 s / step</source>
        <translation>每步 1 秒</translation>
    </message>
    <message>
        <source>2 s / step</source>
        <translation>每步 2 秒</translation>
    </message>
    <message>
        <source>Time</source>
        <extracomment>Whether some layer has periods to step through (the window shows or hides the bar).</extracomment>
        <translation>时间</translation>
    </message>
    <message>
        <source>Play through the periods</source>
        <translation>逐期播放</translation>
    </message>
    <message>
        <source>Same breaks for all periods</source>
        <translation>各期采用相同断点</translation>
    </message>
    <message>
        <source>Checked: colours compare across periods. Unchecked: breaks of each period.</source>
        <translation>勾选：各期颜色可比。不勾选：按每期数据分别分级。</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
</context>
<context>
    <name>ViewImage</name>
    <message>
        <source>the map did not finish drawing in time</source>
        <extracomment>The pixel densities offered. How long one render may take before it is given up.</extracomment>
        <translation>地图未能按时绘制完成</translation>
    </message>
    <message>
        <source>the map is not ready yet</source>
        <translation>地图尚未就绪</translation>
    </message>
    <message>
        <source>the map page did not describe its view</source>
        <translation>地图页面未返回其视图</translation>
    </message>
    <message>
        <source>the image page did not answer</source>
        <translation>图像页面没有响应</translation>
    </message>
    <message>
        <source>the image page is {found} and not {w}x{h} at {density}x</source>
        <translation>图像页面为 {found}，而不是 {density} 倍密度下的 {w}x{h}</translation>
    </message>
    <message>
        <source>the image page did not settle</source>
        <translation>图像页面未能稳定下来</translation>
    </message>
    <message>
        <source>{path}: the image could not be written ({reason})</source>
        <translation>{path}：无法写出图像（{reason}）</translation>
    </message>
    <message>
        <source>Save view as image</source>
        <translation>将视图保存为图像</translation>
    </message>
    <message>
        <source>Pixel density:</source>
        <translation>像素密度：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>The map exactly as shown, drawn at the chosen density.</source>
        <translation>按所选像素密度绘制地图当前显示的内容。</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Drawing the view at {density}x…</source>
        <translation>正在以 {density} 倍密度绘制视图…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>The view image was not saved: {reason}.</source>
        <translation>视图图像未保存：{reason}。</translation>
    </message>
    <message>
        <source>Image not saved</source>
        <translation>图像未保存</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示程序版本号并退出</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的取值：%(value)r（可选值：%(choices)s）</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项有歧义：%(option)s 可匹配 %(matches)s</translation>
    </message>
</context>
</TS>
