<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjustDialog</name>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="289"/>
        <source>Correct {sku} lot {lot} in {bin}</source>
        <translation>更正 {bin} 中 {sku} 批次 {lot} 的数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="295"/>
        <source>New on hand</source>
        <translation>新的在库数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="296"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="303"/>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
</context>
<context>
    <name>AdminView</name>
    <message>
        <location filename="../../ui/views/admin_view.py" line="383"/>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="386"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="389"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="390"/>
        <source>Your role has no administration tasks.</source>
        <translation>您的角色没有管理任务。</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../../ui/models/stock.py" line="534"/>
        <source>Below reorder point</source>
        <translation>低于再订货点</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="535"/>
        <source>Near expiry</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="536"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="556"/>
        <source>Alert</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="557"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="558"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="559"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="560"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../ui/application.py" line="142"/>
        <source>The database file {path} does not exist. Choose another database in the settings, or create this one with “freshflow demo --db {url}”.</source>
        <translation>数据库文件 {path} 不存在。请在设置中选择其他数据库，或用“freshflow demo --db {url}”创建它。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="151"/>
        <source>Creating the database…</source>
        <translation>正在创建数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="161"/>
        <source>Updating the database…</source>
        <translation>正在更新数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="219"/>
        <source>The database {url} is at schema version {current}, but this version of FreshFlow needs {head}. Ask an administrator to run “freshflow db upgrade”.</source>
        <translation>数据库 {url} 的结构版本是 {current}，而此版本的 FreshFlow 需要 {head}。请管理员运行“freshflow db upgrade”。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="284"/>
        <source>“{url}” is not a database URL FreshFlow can use: {error}</source>
        <translation>“{url}”不是 FreshFlow 可以使用的数据库地址：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="303"/>
        <location filename="../../ui/application.py" line="338"/>
        <source>Preparing the demo database…</source>
        <translation>正在准备演示数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="310"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="362"/>
        <source>The database could not be opened or updated: {detail}</source>
        <translation>无法打开或更新数据库：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="369"/>
        <source>FreshFlow cannot open its database.</source>
        <translation>FreshFlow 无法打开数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="371"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="373"/>
        <source>Open &amp;settings…</source>
        <translation>打开设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="375"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="377"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <location filename="../../ui/views/admin_view.py" line="321"/>
        <source>Search user, action, record or reason</source>
        <translation>搜索用户、操作、记录或原因</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="349"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="357"/>
        <source>Newest {n} entries; search to find older ones</source>
        <translation>最新 {n} 条；搜索可查找更早的记录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/admin_view.py" line="359"/>
        <source>%n entry(s), newest first</source>
        <translation>
            <numerusform>共 %n 条，最新在前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../ui/models/admin.py" line="92"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="93"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="94"/>
        <source>DB user</source>
        <translation>数据库用户</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="95"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="96"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="97"/>
        <source>Entity</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="98"/>
        <source>From → to</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="99"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="100"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BinDialog</name>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="101"/>
        <source>New bin</source>
        <translation>新建货位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="102"/>
        <source>Edit bin {code}</source>
        <translation>编辑货位 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="109"/>
        <source>e.g. SH-CHL-A01-02-1</source>
        <translation>例如 SH-CHL-A01-02-1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="117"/>
        <source>Position on the pick path; pickers walk bins in ascending order.</source>
        <translation>在拣货路径上的位置；拣货员按从小到大的顺序走货位。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="118"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="122"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="123"/>
        <source>Bin code</source>
        <translation>货位编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="124"/>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="125"/>
        <source>Pick order</source>
        <translation>拣货顺序</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="148"/>
        <source>Choose a warehouse.</source>
        <translation>请选择仓库。</translation>
    </message>
</context>
<context>
    <name>BinStockPanel</name>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="817"/>
        <source>Transfer…</source>
        <extracomment>the bin shown changed (&quot;&quot; for none)</extracomment>
        <translation>移库…</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="818"/>
        <source>Write off…</source>
        <translation>报损…</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="819"/>
        <location filename="../../ui/views/goods_in_view.py" line="911"/>
        <source>Quarantine…</source>
        <translation>隔离…</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="820"/>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="821"/>
        <source>Set what the bin really holds of this lot (supervisor)</source>
        <translation>设定库位中该批次的实际数量（主管）</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="872"/>
        <source>Scan a bin to see its lots and move, write off or quarantine them.</source>
        <translation>扫描库位以查看其中的批次，并进行移库、报损或隔离。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="874"/>
        <source>Bin {code} (zone {zone})</source>
        <translation>库位 {code}（区域 {zone}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="907"/>
        <source>Release…</source>
        <translation>解除隔离…</translation>
    </message>
</context>
<context>
    <name>BinStockTableModel</name>
    <message>
        <location filename="../../ui/models/goods_in.py" line="81"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="82"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="83"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="84"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="85"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="86"/>
        <source>Reserved for orders: {quantity}</source>
        <translation>已为订单预留：{quantity}</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="88"/>
        <source>Free</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="89"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="96"/>
        <source>quarantine</source>
        <translation>隔离中</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="98"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="100"/>
        <source>near expiry</source>
        <translation>临期</translation>
    </message>
</context>
<context>
    <name>BinTableModel</name>
    <message>
        <location filename="../../ui/models/admin.py" line="47"/>
        <source>Pick order</source>
        <translation>拣货顺序</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="48"/>
        <source>Bin</source>
        <translation>货位</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="49"/>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="50"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <location filename="../../ui/status_bar.py" line="35"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="44"/>
        <source>Search SKU, name or GTIN</source>
        <extracomment>what a product save touches (the audit tab listens for audit_log)</extracomment>
        <translation>搜索 SKU、名称或 GTIN</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="47"/>
        <location filename="../../ui/views/catalog_view.py" line="168"/>
        <source>All categories</source>
        <translation>全部类目</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="50"/>
        <source>Include inactive</source>
        <translation>含已停用</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="52"/>
        <source>New product…</source>
        <translation>新建商品…</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="53"/>
        <source>Edit product…</source>
        <translation>编辑商品…</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="92"/>
        <source>New category…</source>
        <translation>新建类目…</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="93"/>
        <source>Edit category…</source>
        <translation>编辑类目…</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="106"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="107"/>
        <source>Categories</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="141"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/catalog_view.py" line="155"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n 个商品</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="211"/>
        <source>Saved product {sku}.</source>
        <translation>已保存商品 {sku}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/catalog_view.py" line="232"/>
        <source>Saved category {code}.</source>
        <translation>已保存类目 {code}。</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="23"/>
        <source>New category</source>
        <translation>新建类目</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="24"/>
        <source>Edit category {code}</source>
        <translation>编辑类目 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="27"/>
        <source>e.g. vegetables</source>
        <translation>例如 vegetables</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="35"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="39"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="40"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="41"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/category_dialog.py" line="42"/>
        <source>Temperature class</source>
        <translation>温层</translation>
    </message>
</context>
<context>
    <name>CategoryTableModel</name>
    <message>
        <location filename="../../ui/models/catalog.py" line="110"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="111"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="112"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="113"/>
        <source>Temperature</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="115"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="116"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>ConnectionIndicator</name>
    <message>
        <location filename="../../ui/status_bar.py" line="114"/>
        <source>● Connecting…</source>
        <translation>● 正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="119"/>
        <source>● Connected</source>
        <translation>● 已连接</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="119"/>
        <source>The database answers.</source>
        <translation>数据库响应正常。</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="121"/>
        <source>● Connection lost</source>
        <translation>● 连接已断开</translation>
    </message>
</context>
<context>
    <name>CountSheetTableModel</name>
    <message>
        <location filename="../../ui/models/counts.py" line="44"/>
        <source>Sheet</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="45"/>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="46"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="47"/>
        <source>Counted</source>
        <translation>已盘</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="53"/>
        <source>Created by {user} at {time}</source>
        <translation>由 {user} 于 {time} 创建</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="55"/>
        <source>Submitted by {user} at {time}</source>
        <translation>由 {user} 于 {time} 提交</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="58"/>
        <source>Closed by {user} at {time}</source>
        <translation>由 {user} 于 {time} 关闭</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="66"/>
        <source>counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="67"/>
        <source>to approve</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="68"/>
        <source>approved</source>
        <translation>已审批</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="69"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>CounterLineTableModel</name>
    <message>
        <location filename="../../ui/models/counts.py" line="91"/>
        <source>Bin</source>
        <extracomment>(line, counted in base units) — the person entered a count in the table (line, message) — the text typed is not a quantity</extracomment>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="92"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="93"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="94"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="95"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="96"/>
        <source>Counted</source>
        <translation>盘点数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="98"/>
        <source>Counted by</source>
        <translation>盘点人</translation>
    </message>
</context>
<context>
    <name>CountsView</name>
    <message>
        <location filename="../../ui/views/counts_view.py" line="91"/>
        <source>Show approved and cancelled</source>
        <extracomment>what approving a sheet changes a sheet read that arrived while a cell was being edited, with the saves done when it was asked for counts saved so far: a sheet read started before the latest save would show the older count</extracomment>
        <translation>显示已审批和已取消的</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="92"/>
        <source>New count sheet…</source>
        <translation>新建盘点单…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="100"/>
        <source>Cancel sheet…</source>
        <translation>取消盘点单…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="102"/>
        <source>Scan a bin (B:…) or a label; type the count and press Enter</source>
        <translation>扫描库位（B:…）或标签；输入盘点数量后按回车</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="123"/>
        <source>Add found stock…</source>
        <translation>添加盘盈库存…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="124"/>
        <location filename="../../ui/views/counts_view.py" line="655"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="125"/>
        <source>Hand the counted sheet to a supervisor for approval</source>
        <translation>将已盘点的盘点单提交主管审批</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="143"/>
        <source>Only lines that differ</source>
        <translation>只看有差异的行</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="145"/>
        <source>Approve…</source>
        <translation>审批…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="146"/>
        <source>Write off…</source>
        <translation>报损…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="147"/>
        <source>Transfer…</source>
        <translation>移库…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="148"/>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="149"/>
        <source>Quarantine…</source>
        <translation>隔离…</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="159"/>
        <source>Count sheets</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="182"/>
        <source>Count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="197"/>
        <source>Variances</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="349"/>
        <source>No lines.</source>
        <translation>没有明细行。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="351"/>
        <source>All {n} counted line(s) match.</source>
        <translation>已盘点的 {n} 行全部一致。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="353"/>
        <source>{n} line(s) differ; net value {value}.</source>
        <translation>{n} 行有差异；净值 {value}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="356"/>
        <source>{n} line(s) not counted yet.</source>
        <translation>还有 {n} 行未盘点。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="378"/>
        <source>Choose a count sheet, or start a new one.</source>
        <translation>请选择一张盘点单，或新建一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="380"/>
        <source>Sheet {id} — {warehouse} zone {zone} — {status} — {counted} of {lines} line(s) counted</source>
        <translation>盘点单 {id} — {warehouse} 区域 {zone} — {status} — 已盘 {counted} / {lines} 行</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="486"/>
        <source>{bin} {sku} lot {lot}: counted {quantity}</source>
        <translation>{bin} {sku} 批次 {lot}：盘点 {quantity}</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="508"/>
        <source>Choose a sheet that is being counted.</source>
        <translation>请选择一张正在盘点的盘点单。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="524"/>
        <source>That is a FreshFlow {kind} code; scan a bin or a product label.</source>
        <translation>这是 FreshFlow 的{kind}码；请扫描库位或商品标签。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="529"/>
        <source>This label names no product (no GTIN).</source>
        <translation>此标签不含商品信息（没有 GTIN）。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="535"/>
        <source>Unknown GTIN {gtin}: no product in the catalogue has it.</source>
        <translation>未知 GTIN {gtin}：商品目录中没有该 GTIN 的商品。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="549"/>
        <source>Bin {code} has no lines on this sheet. If you find stock there, use “Add found stock”.</source>
        <translation>库位 {code} 不在此盘点单上。如在该库位发现库存，请使用“添加盘盈库存”。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="554"/>
        <source>Bin {code}: {n} lot(s) to count — {sku} lot {lot} first</source>
        <translation>库位 {code}：需盘点 {n} 个批次 — 先盘 {sku} 批次 {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="568"/>
        <source> in bin {bin}</source>
        <translation>（库位 {bin}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="569"/>
        <source>{sku}{lot} is not on this sheet{where}. If it is in the bin, use “Add found stock”.</source>
        <translation>{sku}{lot}不在此盘点单上{where}。如果它在库位中，请使用“添加盘盈库存”。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="571"/>
        <source> lot {lot}</source>
        <translation> 批次 {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="574"/>
        <source>{bin} {sku} lot {lot}: type the count</source>
        <translation>{bin} {sku} 批次 {lot}：请输入盘点数量</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="580"/>
        <source>Scan the bin first, then type the count.</source>
        <translation>请先扫描库位，再输入盘点数量。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="607"/>
        <source>Count sheet {id} for {warehouse} zone {zone}: {n} line(s) to count.</source>
        <translation>盘点单 {id}（{warehouse} 区域 {zone}）：需盘点 {n} 行。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="628"/>
        <source>Added {sku} lot {lot} in {bin}: {quantity}</source>
        <translation>已添加 {bin} 中的 {sku} 批次 {lot}：{quantity}</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="638"/>
        <location filename="../../ui/views/counts_view.py" line="698"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="650"/>
        <source>Submit count sheet {id} ({warehouse} zone {zone}) for approval? The counts cannot be changed afterwards.</source>
        <translation>提交盘点单 {id}（{warehouse} 区域 {zone}）审批吗？提交后不能再修改盘点数量。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="653"/>
        <source>{n} line(s) are not counted yet; enter 0 where a lot is not in its bin.</source>
        <translation>还有 {n} 行未盘点；批次不在库位中的请输入 0。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="655"/>
        <source>Submit count</source>
        <translation>提交盘点</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="669"/>
        <source>Approve count sheet {id} ({warehouse} zone {zone})?</source>
        <translation>审批盘点单 {id}（{warehouse} 区域 {zone}）吗？</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="671"/>
        <source>{n} line(s) differ; stock is adjusted by their variances, net value {value}.</source>
        <translation>{n} 行有差异；库存将按差异调整，净值 {value}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="673"/>
        <source>Every line matches; no stock changes.</source>
        <translation>所有行一致；库存不变。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="674"/>
        <source>Approve count</source>
        <translation>审批盘点</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="674"/>
        <source>Approve</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="683"/>
        <source>Count sheet {id} approved: {n} adjustment(s), net value {value}.</source>
        <translation>盘点单 {id} 已审批：{n} 笔调整，净值 {value}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="694"/>
        <source>Cancel count sheet</source>
        <translation>取消盘点单</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="695"/>
        <source>Cancel count sheet {id} ({warehouse} zone {zone})? Stock is not changed.
Reason:</source>
        <translation>取消盘点单 {id}（{warehouse} 区域 {zone}）吗？库存不会改变。
原因：</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="697"/>
        <source>Cancel sheet</source>
        <translation>取消盘点单</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="714"/>
        <source>Count sheet {id} is submitted for approval.</source>
        <translation>盘点单 {id} 已提交审批。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="716"/>
        <source>Count sheet {id} is cancelled.</source>
        <translation>盘点单 {id} 已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/views/counts_view.py" line="742"/>
        <source>Bin {bin} holds none of lot {lot} now.</source>
        <translation>库位 {bin} 目前没有批次 {lot} 的库存。</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="23"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="24"/>
        <source>Edit customer {name}</source>
        <translation>编辑客户 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="43"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="44"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="45"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="46"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="47"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="48"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/customer_dialog.py" line="49"/>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <location filename="../../ui/models/customers.py" line="21"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/models/customers.py" line="22"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/customers.py" line="23"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/models/customers.py" line="24"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/models/customers.py" line="25"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/models/customers.py" line="26"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../ui/models/customers.py" line="27"/>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <location filename="../../ui/views/customers_view.py" line="35"/>
        <source>Search name, phone, e-mail or postal code</source>
        <extracomment>rows fetched per search; a narrower search finds the rest</extracomment>
        <translation>搜索姓名、电话、邮箱或邮编</translation>
    </message>
    <message>
        <location filename="../../ui/views/customers_view.py" line="38"/>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <location filename="../../ui/views/customers_view.py" line="39"/>
        <source>Edit customer…</source>
        <translation>编辑客户…</translation>
    </message>
    <message>
        <location filename="../../ui/views/customers_view.py" line="78"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/views/customers_view.py" line="86"/>
        <source>First {n} customers; narrow the search</source>
        <translation>仅显示前 {n} 位客户，请缩小搜索范围</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/customers_view.py" line="88"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/customers_view.py" line="122"/>
        <source>Saved customer {name}.</source>
        <translation>已保存客户 {name}。</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <location filename="../../ui/dialogs/entity_dialog.py" line="56"/>
        <location filename="../../ui/dialogs/entity_dialog.py" line="185"/>
        <source>Save</source>
        <extracomment>the saved ``*Row`` (emitted on the UI thread after the transaction committed)</extracomment>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/entity_dialog.py" line="57"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/entity_dialog.py" line="162"/>
        <source>{message}
Reload to see the current version; what you typed here will be replaced.</source>
        <translation>{message}
重新加载以查看当前版本；您在此输入的内容将被替换。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/entity_dialog.py" line="164"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/entity_dialog.py" line="180"/>
        <source>Reloaded the current version. Make your change again and save.</source>
        <translation>已重新加载当前版本。请重新修改后保存。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/entity_dialog.py" line="185"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>FeedbackBanner</name>
    <message>
        <location filename="../../ui/scanning/feedback.py" line="65"/>
        <source>Scan result</source>
        <translation>扫描结果</translation>
    </message>
</context>
<context>
    <name>FoundStockDialog</name>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="118"/>
        <source>Add found stock — sheet {id}, zone {zone}</source>
        <translation>添加盘盈库存 — 盘点单 {id}，区域 {zone}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="119"/>
        <location filename="../../ui/dialogs/count_dialogs.py" line="217"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="128"/>
        <source>Type SKU or name</source>
        <translation>输入 SKU 或名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="139"/>
        <location filename="../../ui/dialogs/count_dialogs.py" line="188"/>
        <source>pcs</source>
        <translation>件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="146"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="147"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="148"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="149"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="150"/>
        <source>Counted</source>
        <translation>盘点数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="188"/>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="195"/>
        <source>Choose a bin of zone {zone}.</source>
        <translation>请选择区域 {zone} 的库位。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="197"/>
        <source>Type the SKU or name and pick the product.</source>
        <translation>请输入 SKU 或名称并选择商品。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="199"/>
        <source>Enter the lot number from the label.</source>
        <translation>请输入标签上的批次号。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="202"/>
        <source>Enter the expiry date from the label.</source>
        <translation>请输入标签上的到期日。</translation>
    </message>
</context>
<context>
    <name>GoodsInView</name>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="92"/>
        <source>Scan a supplier label, a product or a bin (B:…); type a quantity; Enter receives</source>
        <extracomment>tables whose change makes the goods-in data (warehouses, bins, products, bin stock) stale what a receipt touches (other views listen for these) QSettings key of the warehouse this station receives into</extracomment>
        <translation>扫描供应商标签、商品或库位（B:…）；输入数量；按回车收货</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="102"/>
        <location filename="../../ui/views/goods_in_view.py" line="730"/>
        <source>Scan the first label of the delivery.</source>
        <translation>请扫描本次送货的第一张标签。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="111"/>
        <location filename="../../ui/views/goods_in_view.py" line="192"/>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="114"/>
        <source>Delivery note no.</source>
        <translation>送货单号</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="115"/>
        <source>New delivery</source>
        <translation>新送货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="116"/>
        <source>Clear the supplier, the delivery note and the list of lines received</source>
        <translation>清空供应商、送货单号和已收货明细</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="121"/>
        <source>Scan, or type SKU or name</source>
        <translation>扫描，或输入 SKU 或名称</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="136"/>
        <source>Optional: the best-before date printed on the label</source>
        <translation>可选：标签上印的最佳食用日期</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="143"/>
        <source>Scan or type the bin</source>
        <translation>扫描或输入库位</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="149"/>
        <location filename="../../ui/views/goods_in_view.py" line="703"/>
        <source>Receive</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="152"/>
        <source>Clear line</source>
        <translation>清空本行</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="185"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="191"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="193"/>
        <source>Delivery note</source>
        <translation>送货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="210"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="213"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="215"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="218"/>
        <source>Best before</source>
        <translation>最佳食用日期</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="220"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="226"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="235"/>
        <source>Line</source>
        <translation>收货行</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="246"/>
        <location filename="../../ui/views/goods_in_view.py" line="709"/>
        <source>Received this delivery</source>
        <translation>本次已收货</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="247"/>
        <location filename="../../ui/views/goods_in_view.py" line="759"/>
        <source>Stock in bin</source>
        <translation>库位库存</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="259"/>
        <source>The same label was read twice; it counts once. Scan the next one.</source>
        <translation>同一张标签被读取了两次，只计一次。请扫描下一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="365"/>
        <source>That is a FreshFlow {kind} code ({value}). Scan a supplier label, a product or a bin.</source>
        <translation>这是 FreshFlow 的{kind}码（{value}）。请扫描供应商标签、商品或库位。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="371"/>
        <source>This label names no product (no GTIN): it is a pallet or case label. Scan the label on the goods.</source>
        <translation>此标签不含商品信息（没有 GTIN）：这是托盘或箱标签。请扫描货物上的标签。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="396"/>
        <source>Unknown GTIN {gtin}: no product in the catalogue has it. Check the label, or ask for the GTIN to be added to the product.</source>
        <translation>未知 GTIN {gtin}：商品目录中没有该 GTIN 的商品。请检查标签，或请人将该 GTIN 添加到商品。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="413"/>
        <source>from the label (AI 17)</source>
        <translation>来自标签（AI 17）</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="416"/>
        <source>best-before date (AI 15): the label has no expiry date</source>
        <translation>最佳食用日期（AI 15）：标签上没有到期日</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="426"/>
        <source>lot {lot}</source>
        <translation>批次 {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="429"/>
        <source>expiry {date}</source>
        <translation>到期 {date}</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="430"/>
        <source>expiry {date} (best-before, AI 15)</source>
        <translation>到期 {date}（最佳食用日期，AI 15）</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="438"/>
        <source>{line} — this lot expired on {date}; expired goods cannot be received.</source>
        <translation>{line} — 该批次已于 {date} 过期；过期货物不能收货。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="443"/>
        <location filename="../../ui/views/goods_in_view.py" line="494"/>
        <location filename="../../ui/views/goods_in_view.py" line="511"/>
        <source>enter: {fields}</source>
        <translation>请填写：{fields}</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="462"/>
        <source>(the label counts {count} pieces; {sku} is received by weight)</source>
        <translation>（标签上为 {count} 件；{sku} 按重量收货）</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="468"/>
        <source>(net weight ignored: {sku} is received in pieces)</source>
        <translation>（已忽略净重：{sku} 按件收货）</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="476"/>
        <source>Choose the warehouse first.</source>
        <translation>请先选择仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="479"/>
        <source>Bin {code} is not a bin of warehouse {warehouse}. Scan a bin of {warehouse}, or choose the right warehouse.</source>
        <translation>库位 {code} 不属于仓库 {warehouse}。请扫描 {warehouse} 的库位，或选择正确的仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="484"/>
        <source>Bin {code} is not in use; choose another bin.</source>
        <translation>库位 {code} 已停用；请选择其他库位。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="492"/>
        <source>Bin {code}</source>
        <translation>库位 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="496"/>
        <location filename="../../ui/views/goods_in_view.py" line="512"/>
        <source>press Enter to receive</source>
        <translation>按回车收货</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="510"/>
        <source>Quantity {quantity}</source>
        <translation>数量 {quantity}</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="518"/>
        <source>product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="520"/>
        <source>lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="522"/>
        <source>expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="524"/>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="526"/>
        <source>bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="547"/>
        <source>No single product matches “{text}”; pick one from the list.</source>
        <translation>没有唯一匹配“{text}”的商品；请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="580"/>
        <location filename="../../ui/views/goods_in_view.py" line="589"/>
        <source>pcs</source>
        <translation>件</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="581"/>
        <location filename="../../ui/views/goods_in_view.py" line="590"/>
        <source>pieces</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="584"/>
        <source>by weight: enter kg (3 decimals)</source>
        <translation>按重量：输入千克（3 位小数）</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="585"/>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="588"/>
        <source>in pieces</source>
        <translation>按件</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="599"/>
        <source>typed</source>
        <translation>手工输入</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="627"/>
        <source>Choose the warehouse.</source>
        <translation>请选择仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="630"/>
        <source>Scan the product label, or type the SKU or name and pick the product.</source>
        <translation>请扫描商品标签，或输入 SKU 或名称并选择商品。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="634"/>
        <source>Enter the expiry date from the label.</source>
        <translation>请输入标签上的到期日。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="641"/>
        <source>Scan or type the bin the goods go into.</source>
        <translation>请扫描或输入货物要放入的库位。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="644"/>
        <source>Bin {code} is not a bin of warehouse {warehouse}.</source>
        <translation>库位 {code} 不属于仓库 {warehouse}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="681"/>
        <source>Received {quantity} × {sku} lot {lot} into {bin}</source>
        <translation>已收货 {quantity} × {sku} 批次 {lot}，放入 {bin}</translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="703"/>
        <source>Receiving…</source>
        <translation>正在收货…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/goods_in_view.py" line="707"/>
        <source>%n line(s) received</source>
        <translation>
            <numerusform>已收货 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/goods_in_view.py" line="708"/>
        <source>Received this delivery (%n)</source>
        <translation>
            <numerusform>本次已收货（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/goods_in_view.py" line="758"/>
        <source>Stock in bin {code}</source>
        <translation>库位 {code} 的库存</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="50"/>
        <source>FreshFlow — Log in</source>
        <translation>FreshFlow — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="53"/>
        <source>FreshFlow</source>
        <translation>FreshFlow</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="54"/>
        <source>Station: {name}</source>
        <translation>工作站：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="55"/>
        <source>Station: all views</source>
        <translation>工作站：全部视图</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="57"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="63"/>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="67"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="70"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="71"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="81"/>
        <source>Checking the password</source>
        <translation>正在验证密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="87"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="89"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="119"/>
        <source>This is a demo database. Demo users (user name / password):</source>
        <translation>这是演示数据库。演示用户（用户名 / 密码）：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="161"/>
        <source>Logging in failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>FreshFlow — {station} — {user}</source>
        <translation>FreshFlow — {station} — {user}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="106"/>
        <source>FreshFlow — {user}</source>
        <translation>FreshFlow — {user}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150"/>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>The {title} view could not be opened.

{error}</source>
        <translation>无法打开“{title}”视图。

{error}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179"/>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="192"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198"/>
        <source>&amp;Previous tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="201"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>&amp;About FreshFlow</source>
        <translation>关于 FreshFlow(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="224"/>
        <source>Logged in as {username}</source>
        <translation>登录用户：{username}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>Station: {name}</source>
        <translation>工作站：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="226"/>
        <source>Station: all views</source>
        <translation>工作站：全部视图</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="261"/>
        <source>Station not available</source>
        <translation>工作站不可用</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="262"/>
        <source>Unknown station</source>
        <translation>未知工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="263"/>
        <source>Station not allowed</source>
        <translation>无权使用该工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>About FreshFlow</source>
        <translation>关于 FreshFlow</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>&lt;h3&gt;FreshFlow {version}&lt;/h3&gt;&lt;p&gt;Back office for a fresh-produce web shop: orders, stock, picking, QC, packing and after-sales.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;br&gt;Qt {qt} · PySide6 {pyside} · Python {python}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FreshFlow {version}&lt;/h3&gt;&lt;p&gt;生鲜电商后台：订单、库存、拣货、质检、打包与售后。&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;br&gt;Qt {qt} · PySide6 {pyside} · Python {python}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../ui/widgets/message_bar.py" line="40"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>NewCountSheetDialog</name>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="39"/>
        <source>New count sheet</source>
        <translation>新建盘点单</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="40"/>
        <location filename="../../ui/dialogs/count_dialogs.py" line="98"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="48"/>
        <source>The counter sees bins, products, lots and expiry dates, not the quantities expected.</source>
        <translation>盘点人只看到库位、商品、批次和到期日，看不到预期数量。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="52"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="53"/>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="84"/>
        <source>Choose a warehouse.</source>
        <translation>请选择仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/count_dialogs.py" line="87"/>
        <source>Choose the zone to count.</source>
        <translation>请选择要盘点的区域。</translation>
    </message>
</context>
<context>
    <name>OrderLineTableModel</name>
    <message>
        <location filename="../../ui/models/orders.py" line="517"/>
        <source>#</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="518"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="519"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="520"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="521"/>
        <source>Ordered</source>
        <translation>订购量</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="522"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="525"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="526"/>
        <source>Catalogue price</source>
        <translation>目录价格</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="528"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="532"/>
        <source>Units of sale as ordered</source>
        <translation>订购时的销售单位数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="533"/>
        <source>In stock units: pieces, or kg for goods sold by weight</source>
        <translation>按库存单位计：按件计，称重商品按千克计</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="534"/>
        <source>Reserved in stock for this line</source>
        <translation>已为此订单行预留的库存</translation>
    </message>
</context>
<context>
    <name>OrderStates</name>
    <message>
        <location filename="../../ui/models/orders.py" line="46"/>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="47"/>
        <source>In review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="48"/>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="49"/>
        <source>On hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="50"/>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="51"/>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="52"/>
        <location filename="../../ui/models/orders.py" line="589"/>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="53"/>
        <source>QC passed</source>
        <translation>质检通过</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="54"/>
        <source>QC failed</source>
        <translation>质检未通过</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="55"/>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="56"/>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="57"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="58"/>
        <location filename="../../ui/models/orders.py" line="75"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="65"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="66"/>
        <source>Pending</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="67"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="68"/>
        <source>Not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="74"/>
        <source>Open</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="588"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="588"/>
        <source>Released</source>
        <translation>已释放</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <location filename="../../ui/models/orders.py" line="476"/>
        <source>Number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="477"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="478"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="479"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="480"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="481"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="482"/>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="483"/>
        <source>WH</source>
        <comment>warehouse, abbreviated</comment>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="484"/>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="485"/>
        <source>Total</source>
        <translation>总额</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../../ui/views/orders_view.py" line="63"/>
        <source>Search number, external id, customer, phone or e-mail</source>
        <extracomment>rows fetched per search; a narrower search finds the rest the detail loads once the selection rests this long (arrowing through the list reads nothing) header fields of the detail pane: key, label (translated in ``OrdersView._detail_labels``) rows of the header left out when empty the detail pane shows an order (tests)</extracomment>
        <translation>搜索订单号、外部 ID、客户、电话或邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="66"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="135"/>
        <source>Released</source>
        <translation>已释放</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="149"/>
        <source>Lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="150"/>
        <source>Reservations</source>
        <translation>预留</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="151"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="152"/>
        <source>Select an order to see its lines, reservations and history.</source>
        <translation>选择一个订单，查看其订单行、预留和历史记录。</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="197"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="197"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="197"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="198"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="198"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="198"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="199"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="199"/>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="199"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="200"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="200"/>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="200"/>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="201"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="201"/>
        <source>Being edited by</source>
        <translation>当前编辑人</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="202"/>
        <source>Review findings</source>
        <translation>审核问题</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="202"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="211"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="220"/>
        <source>Newest {n} orders; narrow the search</source>
        <translation>最新 {n} 个订单；请缩小搜索范围</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/orders_view.py" line="222"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="273"/>
        <source>(no shipping address)</source>
        <translation>（无收货地址）</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="275"/>
        <source>(slot chosen by FreshFlow)</source>
        <translation>（时段由 FreshFlow 指定）</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="278"/>
        <source>partial shipment allowed</source>
        <translation>允许部分发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="294"/>
        <source>Reservations ({n})</source>
        <translation>预留（{n}）</translation>
    </message>
    <message>
        <location filename="../../ui/views/orders_view.py" line="295"/>
        <source>History ({n})</source>
        <translation>历史记录（{n}）</translation>
    </message>
</context>
<context>
    <name>PickListTableModel</name>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="22"/>
        <source>order</source>
        <translation>按订单</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="23"/>
        <source>wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="29"/>
        <source>open</source>
        <translation>待拣</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="30"/>
        <source>being picked</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="31"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="32"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="60"/>
        <source>List</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="61"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="62"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="63"/>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="64"/>
        <source>Temperature</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="65"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="66"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="67"/>
        <source>Open tasks</source>
        <translation>待拣任务</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="68"/>
        <source>Claimed by</source>
        <translation>领取人</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="69"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/models/pick_lists.py" line="70"/>
        <source>Claimed until</source>
        <translation>领取有效至</translation>
    </message>
</context>
<context>
    <name>PickListsView</name>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="119"/>
        <source>The warehouse whose pick lists are shown and planned</source>
        <extracomment>the last dialog opened (wave or reason), for tests and to keep it alive while open</extracomment>
        <translation>显示并规划其拣货单的仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="121"/>
        <source>Open and being picked</source>
        <translation>待拣和拣货中</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="121"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="122"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="143"/>
        <source>Plan per order</source>
        <translation>按订单规划</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="144"/>
        <source>One pick list for every allocated order of the warehouse</source>
        <translation>为该仓库每个已分配的订单生成一张拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="145"/>
        <source>Plan wave…</source>
        <translation>规划波次…</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="146"/>
        <source>One pick list per temperature class for the allocated orders of a delivery date and slot</source>
        <translation>为某一配送日期和时段的已分配订单，按温层各生成一张拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="148"/>
        <source>Cancel list…</source>
        <translation>取消拣货单…</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="149"/>
        <source>Take a list nobody has picked from off the floor: its orders go back to allocated</source>
        <translation>撤下尚无人拣货的拣货单：其订单退回已分配状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="151"/>
        <location filename="../../ui/views/pick_lists_view.py" line="334"/>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="152"/>
        <source>Put a list back for any picker (another picker&apos;s list: once their claim has expired)</source>
        <translation>将拣货单交还给所有拣货员（其他拣货员的拣货单：须待其领取过期）</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="154"/>
        <source>Take over…</source>
        <translation>接管…</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="155"/>
        <source>Claim a list whose picker&apos;s claim has expired for this PC</source>
        <translation>由本机接管领取已过期的拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="164"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="166"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="208"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/pick_lists_view.py" line="245"/>
        <source>%n pick list(s)</source>
        <translation>
            <numerusform>%n 张拣货单</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="296"/>
        <source>No allocated orders to plan in {warehouse}{scope}.</source>
        <translation>{warehouse}{scope} 没有可规划的已分配订单。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/pick_lists_view.py" line="299"/>
        <source>Planned %n pick list(s) in {warehouse}{scope}: {lists}.</source>
        <translation>
            <numerusform>已在 {warehouse}{scope} 规划 %n 张拣货单：{lists}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="309"/>
        <source>Cancel pick list {code}?</source>
        <translation>取消拣货单 {code}？</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="310"/>
        <source>Why is pick list {code} cancelled?</source>
        <translation>为什么取消拣货单 {code}？</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="310"/>
        <source>Cancel list</source>
        <translation>取消拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="311"/>
        <source>Its orders go back to allocated and can be planned again. Lists of the same wave that share its orders are cancelled with it.</source>
        <translation>其订单将退回已分配状态，可以重新规划。同一波次中与之共享订单的拣货单将一并取消。</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="313"/>
        <source>Keep the list</source>
        <translation>保留拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="314"/>
        <source>Planned by mistake</source>
        <translation>误规划</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="314"/>
        <source>Replanned as a wave</source>
        <translation>改为按波次规划</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="315"/>
        <source>Delivery moved</source>
        <translation>配送时间已变更</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="323"/>
        <source>Pick list PL-{id} is cancelled; its orders are back to allocated.</source>
        <translation>拣货单 PL-{id} 已取消；其订单已退回已分配状态。</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="331"/>
        <source>Release pick list {code}</source>
        <translation>释放拣货单 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="332"/>
        <source>Why is pick list {code} put back for any picker? {user} holds it at {station}.</source>
        <translation>为什么将拣货单 {code} 交还给所有拣货员？{user} 正在工作站 {station} 持有它。</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="334"/>
        <source>What was picked stays picked.</source>
        <translation>已拣的商品保持已拣。</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="335"/>
        <location filename="../../ui/views/pick_lists_view.py" line="356"/>
        <source>Station crashed</source>
        <translation>工作站故障</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="335"/>
        <source>Picker&apos;s shift ended</source>
        <translation>拣货员已下班</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="343"/>
        <source>Pick list PL-{id} is back for any picker.</source>
        <translation>拣货单 PL-{id} 已交还，任何拣货员都可以领取。</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="351"/>
        <source>Take over pick list {code}</source>
        <translation>接管拣货单 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="352"/>
        <source>Why do you take pick list {code} over from {user}?</source>
        <translation>为什么从 {user} 处接管拣货单 {code}？</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="354"/>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="355"/>
        <source>The list is claimed for you at station {station}.</source>
        <translation>拣货单将在工作站 {station} 由您领取。</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="356"/>
        <source>Picker left</source>
        <translation>拣货员已离开</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="364"/>
        <source>Pick list PL-{id} is yours now, at station {station}.</source>
        <translation>拣货单 PL-{id} 现归您所有，工作站：{station}。</translation>
    </message>
</context>
<context>
    <name>PickTaskTableModel</name>
    <message>
        <location filename="../../ui/models/picking.py" line="128"/>
        <source>#</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="129"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="130"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="131"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="132"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="133"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="134"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="135"/>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="136"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="137"/>
        <source>Tote</source>
        <translation>周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="197"/>
        <source>{sku} {name}: {amount}</source>
        <extracomment>the font of the current task&apos;s row (the view sets a bold copy of its table&apos;s font) bumped on every change, so a proxy can cache its filter</extracomment>
        <translation>{sku} {name}：{amount}</translation>
    </message>
</context>
<context>
    <name>PickingModel</name>
    <message>
        <location filename="../../ui/models/picking.py" line="40"/>
        <source>Frozen</source>
        <extracomment>(background, text) of the temperature-class tag; the tag also says the class in words</extracomment>
        <translation>冷冻</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="41"/>
        <source>Chilled</source>
        <translation>冷藏</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="42"/>
        <source>Ambient</source>
        <translation>常温</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="44"/>
        <source>Mixed</source>
        <translation>混合温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="53"/>
        <source>▶ now</source>
        <translation>▶ 当前</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="55"/>
        <source>to pick</source>
        <translation>待拣</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="56"/>
        <source>picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="57"/>
        <source>short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="64"/>
        <source>1 piece</source>
        <translation>1 件</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="65"/>
        <source>{n} pieces</source>
        <translation>{n} 件</translation>
    </message>
    <message>
        <location filename="../../ui/models/picking.py" line="93"/>
        <source>about {weight} each</source>
        <translation>每件约 {weight}</translation>
    </message>
</context>
<context>
    <name>PickingView</name>
    <message>
        <location filename="../../ui/views/picking_view.py" line="165"/>
        <source>The warehouse this station picks in</source>
        <extracomment>tables whose change (here or at another station) makes the open list stale QSettings key of the warehouse this station picks in (its code) QSettings key of this station&apos;s name for the scan numbering (default: derived from the host name) waits before sending a scan again while the database cannot be reached (the last one repeats) actions that are numbered with the station&apos;s scan sequence (and need an open list) the scan sequence, given when first sent and kept for every retry time.perf_counter() when the scan or key arrived (scan-to-feedback latency) (outcome, seconds from the scan&apos;s arrival to the result on screen) after every numbered action the list shown changed (a PickListView, or None) the queue ran empty (nothing waiting, nothing in flight)</extracomment>
        <translation>本工作站拣货所在的仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="169"/>
        <source>Scan the bin, the item or a tote; type a count and press Enter</source>
        <translation>扫描库位、商品或周转箱；输入数量后按 Enter</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="179"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="190"/>
        <source>Take</source>
        <translation>拣取</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="215"/>
        <source>F5  Take next pick list</source>
        <translation>F5  领取下一张拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="223"/>
        <source>Enter  Yes, take it</source>
        <translation>Enter  是，拣取</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="224"/>
        <source>Esc  No</source>
        <translation>Esc  否</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="237"/>
        <source>F2  Undo</source>
        <translation>F2  撤销</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="238"/>
        <source>F4  Short</source>
        <translation>F4  缺货</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="239"/>
        <source>F6  Lot not found</source>
        <translation>F6  找不到批次</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="240"/>
        <source>F7  Skip</source>
        <translation>F7  跳过</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="241"/>
        <source>F9  Release list</source>
        <translation>F9  释放拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="242"/>
        <source>Take back the last item scan (the goods go back into the bin)</source>
        <translation>撤销最后一次商品扫描（商品放回库位）</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="243"/>
        <source>The rest of this task is not there</source>
        <translation>此项剩余的商品不在库位中</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="244"/>
        <source>The reserved lot is not in the bin; another valid lot of the product will be accepted</source>
        <translation>预留的批次不在库位中；将接受该商品的其他有效批次</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="246"/>
        <source>Leave this task for later (it moves to the end of the list)</source>
        <translation>稍后再拣此项（移到拣货单末尾）</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="247"/>
        <source>Put the list back for another picker; what is picked stays picked</source>
        <translation>将拣货单交还给其他拣货员；已拣的商品保持已拣</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="282"/>
        <source>Only tasks still to pick</source>
        <translation>只显示待拣项</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="289"/>
        <source>This station&apos;s name: its scans are numbered under it</source>
        <translation>本工作站的名称：扫描按此名称编号</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="310"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="397"/>
        <source>The same label was read twice; it counts once. Scan the next one.</source>
        <translation>同一张标签被读取了两次，只计一次。请扫描下一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="431"/>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="564"/>
        <source>Pick list {code} is still open: finish it, or release it (F9) first.</source>
        <translation>拣货单 {code} 仍未完成：请先完成它，或将其释放（F9）。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="568"/>
        <location filename="../../ui/views/picking_view.py" line="711"/>
        <source>Choose the warehouse this station picks in first.</source>
        <translation>请先选择本工作站拣货所在的仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="600"/>
        <source>Report {product} short in bin {bin}: {left} not there? F4 or Enter = yes, Esc = no.</source>
        <translation>将库位 {bin} 的 {product} 报缺货：{left} 不在库位中？F4 或 Enter = 是，Esc = 否。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="612"/>
        <source>Release pick list {code} for another picker? What you picked stays picked. F9 or Enter = yes, Esc = no.</source>
        <translation>释放拣货单 {code}，交给其他拣货员吗？已拣的商品保持已拣。F9 或 Enter = 是，Esc = 否。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="668"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="782"/>
        <source>The database cannot be reached; trying again. Your {n} scan(s) are kept and sent in order — keep the goods where they are.</source>
        <translation>无法连接数据库，正在重试。您的 {n} 次扫描已保存，将按顺序发送——请保持商品原位不动。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="811"/>
        <source>No pick list is waiting.</source>
        <translation>没有待拣的拣货单。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="817"/>
        <source>Pick list {code}: nothing left to pick.</source>
        <translation>拣货单 {code}：已没有待拣商品。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="819"/>
        <source>Pick list {code}: {n} task(s). Go to bin {bin}.</source>
        <translation>拣货单 {code}：共 {n} 项。请前往库位 {bin}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="826"/>
        <source>Pick list {code} is released; another picker can take it.</source>
        <translation>拣货单 {code} 已释放；其他拣货员可以领取。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="841"/>
        <source>Pick list {code} is finished. Press F5 or Enter to take the next one.</source>
        <translation>拣货单 {code} 已完成。按 F5 或 Enter 领取下一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="845"/>
        <source>No pick list is open. Press F5 or Enter to take the next one.</source>
        <translation>没有正在拣的拣货单。按 F5 或 Enter 领取下一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="849"/>
        <source>Pick list {code} was cancelled. Press F5 to take the next one.</source>
        <translation>拣货单 {code} 已取消。按 F5 领取下一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="850"/>
        <source>Pick list {code} is no longer yours (now: {holder}). Press F5 to take the next one.</source>
        <translation>拣货单 {code} 已不归您（现为：{holder}）。按 F5 领取下一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="851"/>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="883"/>
        <source>✔ Pick list {code} is finished.
Press F5 or Enter to take the next one.</source>
        <translation>✔ 拣货单 {code} 已完成。
按 F5 或 Enter 领取下一张。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="886"/>
        <source>Nothing left to pick on {code}.</source>
        <translation>{code} 已没有待拣商品。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="890"/>
        <source>Choose the warehouse this station picks in.</source>
        <translation>请选择本工作站拣货所在的仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="892"/>
        <source>Nothing to pick in {warehouse} right now.
Press F5 or Enter to look again.</source>
        <translation>{warehouse} 目前没有需要拣货的商品。
按 F5 或 Enter 重新查看。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="894"/>
        <source>No pick list open.
Press F5 or Enter to take the next pick list of {warehouse}.</source>
        <translation>没有正在拣的拣货单。
按 F5 或 Enter 领取 {warehouse} 的下一张拣货单。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="899"/>
        <source>Picking</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="905"/>
        <source>no list</source>
        <translation>无拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="909"/>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="909"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="911"/>
        <source>Order {number}</source>
        <translation>订单 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="913"/>
        <source>Wave of {n} orders</source>
        <translation>波次（{n} 个订单）</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="917"/>
        <source>Delivery {slot}</source>
        <translation>配送 {slot}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="922"/>
        <source>{done} / {total} tasks</source>
        <translation>{done} / {total} 项</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="940"/>
        <source>Go to bin {bin} and scan it</source>
        <translation>前往库位 {bin} 并扫描</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="942"/>
        <source>Scan an empty tote for order {order}</source>
        <translation>为订单 {order} 扫描一个空周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="944"/>
        <source>Scan another lot of the product</source>
        <translation>扫描该商品的其他批次</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="946"/>
        <source>Scan each item (or scan one and type how many)</source>
        <translation>逐件扫描商品（或扫描一件后输入数量）</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="947"/>
        <source>Scan each piece&apos;s label</source>
        <translation>扫描每一件的标签</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="954"/>
        <source>SKU {sku}</source>
        <translation>SKU {sku}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="956"/>
        <source>of {amount}</source>
        <translation>共 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="961"/>
        <source>picked {picked}</source>
        <translation>已拣 {picked}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="963"/>
        <source>{n} picked</source>
        <translation>已拣 {n}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="966"/>
        <source>Lot {lot} not found: any other valid lot of this product in the bin is accepted.</source>
        <translation>找不到批次 {lot}：接受库位中该商品的任何其他有效批次。</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="969"/>
        <source>Lot {lot} · expires {date}</source>
        <translation>批次 {lot} · {date} 到期</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="972"/>
        <source>no tote yet: scan an empty one</source>
        <translation>尚无周转箱：请扫描一个空周转箱</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="973"/>
        <source>Order {order} → tote {tote}</source>
        <translation>订单 {order} → 周转箱 {tote}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="975"/>
        <source>Order {order}</source>
        <translation>订单 {order}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="984"/>
        <source>Substitute: {n} × {product} ({sku}) instead of {original}?</source>
        <translation>替代品：用 {n} × {product}（{sku}）代替 {original}？</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="986"/>
        <source>the missing goods</source>
        <translation>缺少的商品</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="1008"/>
        <source>{open} to pick, {done} done</source>
        <translation>待拣 {open}，已完成 {done}</translation>
    </message>
    <message>
        <location filename="../../ui/views/picking_view.py" line="1010"/>
        <source>, {n} short</source>
        <translation>，缺货 {n}</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="39"/>
        <source>New product</source>
        <translation>新建商品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="40"/>
        <source>Edit product {sku}</source>
        <translation>编辑商品 {sku}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="45"/>
        <source>e.g. VEG-0001</source>
        <translation>例如 VEG-0001</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="54"/>
        <source>inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="60"/>
        <source>Active (can be ordered)</source>
        <translation>启用（可下单）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="63"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="65"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="66"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="67"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="68"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="69"/>
        <source>Temperature class</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="88"/>
        <location filename="../../ui/dialogs/product_dialog.py" line="92"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="97"/>
        <source>Selling and shelf life</source>
        <translation>销售与保质期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="99"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="102"/>
        <source>Weight tolerance</source>
        <translation>重量公差</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="106"/>
        <source>Shelf life</source>
        <translation>保质期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="107"/>
        <source>Min. remaining at delivery</source>
        <translation>送达时最短剩余保质期</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="108"/>
        <source>Reorder point</source>
        <translation>补货点</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="112"/>
        <source>One GTIN per line (8, 12, 13 or 14 digits)</source>
        <translation>每行一个 GTIN（8、12、13 或 14 位）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="116"/>
        <source>SKUs in order of preference, e.g. VEG-0002, VEG-0003</source>
        <translation>按优先顺序填写 SKU，例如 VEG-0002, VEG-0003</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="117"/>
        <source>Barcodes and substitutes</source>
        <translation>条码与替代品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="119"/>
        <source>GTINs</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="120"/>
        <source>Substitutes</source>
        <translation>替代品</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="157"/>
        <source>Nominal weight</source>
        <translation>标称重量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="157"/>
        <source>Piece weight (optional)</source>
        <translation>单件重量（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="159"/>
        <source>Price per kg (¥)</source>
        <translation>每千克价格（¥）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="159"/>
        <source>Price per piece (¥)</source>
        <translation>单价（¥）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="160"/>
        <source> pcs</source>
        <translation> 件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="194"/>
        <source>Choose a category (create one on the Categories tab first).</source>
        <translation>请选择类目（请先在“类目”标签页中创建）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/product_dialog.py" line="199"/>
        <source>Enter the price as an amount such as 12.34.</source>
        <translation>请输入金额形式的价格，例如 12.34。</translation>
    </message>
</context>
<context>
    <name>ProductStockTableModel</name>
    <message>
        <location filename="../../ui/models/stock.py" line="478"/>
        <source>WH</source>
        <comment>warehouse, abbreviated</comment>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="448"/>
        <source>{n} expired</source>
        <translation>{n} 批已过期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="450"/>
        <source>{n} near expiry</source>
        <translation>{n} 批临期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="452"/>
        <source>{n} quarantined</source>
        <translation>{n} 批隔离</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="493"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="479"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="480"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="481"/>
        <source>Lots</source>
        <translation>批次数</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="482"/>
        <source>Bins</source>
        <translation>库位数</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="483"/>
        <source>Earliest expiry</source>
        <translation>最早到期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="485"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="486"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="487"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="488"/>
        <source>Lot status</source>
        <translation>批次状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="494"/>
        <source>Lots of this product in the warehouse</source>
        <translation>该商品在此仓库的批次数</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="495"/>
        <source>Bins holding it</source>
        <translation>存放该商品的库位数</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="496"/>
        <source>How many of its lots are expired, near expiry or quarantined</source>
        <translation>其中已过期、临期或隔离的批次数</translation>
    </message>
</context>
<context>
    <name>ProductTableModel</name>
    <message>
        <location filename="../../ui/models/catalog.py" line="25"/>
        <source>{price}/kg</source>
        <translation>{price}/kg</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="57"/>
        <source>{n} d</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="59"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="60"/>
        <source>Substitutes: {skus}</source>
        <translation>替代品：{skus}</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="62"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="63"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="64"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="65"/>
        <source>Temp.</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="67"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="68"/>
        <source>Nominal weight {weight} ± {tolerance}</source>
        <translation>标称重量 {weight} ± {tolerance}</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="70"/>
        <source>Piece weight {weight}</source>
        <translation>单件重量 {weight}</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="72"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="73"/>
        <source>Shelf life</source>
        <translation>保质期</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="75"/>
        <source>Min. left</source>
        <translation>最短剩余</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="77"/>
        <source>GTINs</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="79"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="83"/>
        <source>Temperature class</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="84"/>
        <source>Price per piece, or per kg for goods sold by weight</source>
        <translation>每件价格；称重商品为每千克价格</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="85"/>
        <source>Shelf life in days</source>
        <translation>保质期（天）</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="86"/>
        <source>Minimum remaining shelf life at delivery, in days</source>
        <translation>送达时最短剩余保质期（天）</translation>
    </message>
</context>
<context>
    <name>QuantTableModel</name>
    <message>
        <location filename="../../ui/models/stock.py" line="190"/>
        <source>Quarantined</source>
        <extracomment>SKU -&gt; Chinese name (alerts carry the English name only)</extracomment>
        <translation>隔离中</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="192"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="192"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="194"/>
        <source>near expiry</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="195"/>
        <source>Near expiry</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="200"/>
        <source>{n} d</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="207"/>
        <source>Quarantined: {reason}. This lot cannot be reserved or picked.</source>
        <translation>隔离中：{reason}。该批次不能预留或拣货。</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="208"/>
        <source>no reason given</source>
        <translation>未填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="210"/>
        <source>Expired on {date}: it cannot be reserved or picked; write it off.</source>
        <translation>已于 {date} 过期：不能预留或拣货，请报损。</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="213"/>
        <source>Expires on {date}: {days} d left.</source>
        <translation>{date} 到期：还剩 {days} 天。</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="238"/>
        <source>WH</source>
        <comment>warehouse, abbreviated</comment>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="239"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="240"/>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="241"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="242"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="243"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="244"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="245"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="246"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="247"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="248"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="249"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="269"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="270"/>
        <source>Days until the lot expires (negative: expired that many days ago)</source>
        <translation>距批次到期的天数（负数：已过期的天数）</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="271"/>
        <source>In the bin: pieces, or kg for goods sold by weight</source>
        <translation>库位中的数量：按件计，称重商品按千克计</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="272"/>
        <source>Set aside for orders, not yet picked</source>
        <translation>已为订单预留、尚未拣货</translation>
    </message>
    <message>
        <location filename="../../ui/models/stock.py" line="273"/>
        <source>On hand minus reserved</source>
        <translation>在库减去已预留</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="244"/>
        <source>Release lot {lot} of {sku}</source>
        <translation>解除 {sku} 批次 {lot} 的隔离</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="245"/>
        <source>Quarantine lot {lot} of {sku}</source>
        <translation>隔离 {sku} 批次 {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="250"/>
        <source>The lot can be reserved and picked again in every bin.</source>
        <translation>该批次在所有库位中都可以重新预留和拣货。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="252"/>
        <source>The whole lot, in every bin, can no longer be reserved. Orders already reserved on it lose that stock and are allocated again.</source>
        <translation>整个批次（所有库位）将不能再被预留。已在该批次上预留的订单会失去这部分库存并重新分配。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="256"/>
        <source>e.g. QC check passed</source>
        <translation>例如：质检通过</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="257"/>
        <source>e.g. temperature excursion, supplier recall</source>
        <translation>例如：温度超标、供应商召回</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="259"/>
        <source>In quarantine because</source>
        <translation>隔离原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="261"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="264"/>
        <source>Releasing a lot from quarantine needs a supervisor.</source>
        <translation>解除批次隔离需要主管操作。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="269"/>
        <source>Release</source>
        <translation>解除隔离</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="269"/>
        <source>Quarantine</source>
        <translation>隔离</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="274"/>
        <source>Give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../ui/models/orders.py" line="179"/>
        <source>Number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="180"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="181"/>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="183"/>
        <source>Waiting</source>
        <translation>等待时长</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="185"/>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="187"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="188"/>
        <source>Edited by</source>
        <translation>编辑人</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="195"/>
        <source>Time since the order was received</source>
        <extracomment>changes whenever the rows or their order change (the filter proxy&apos;s cache key)</extracomment>
        <translation>订单接收后已经过的时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="196"/>
        <source>The review rules the order failed</source>
        <translation>订单未通过的审核规则</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="197"/>
        <source>Delivery date and slot</source>
        <translation>配送日期和时段</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="198"/>
        <source>Being edited by: the reviewer who has this order open</source>
        <translation>当前编辑人：正在打开此订单的审核员</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="255"/>
        <source>you</source>
        <translation>您</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/dialogs/reason_dialog.py" line="42"/>
        <source>Reason (saved in the order&apos;s history)</source>
        <translation>原因（保存在订单历史记录中）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason_dialog.py" line="49"/>
        <source>Type a reason, or pick one of the usual ones:
{reasons}</source>
        <translation>请输入原因，或从常用原因中选择：
{reasons}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/reason_dialog.py" line="60"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>ReceivedLineTableModel</name>
    <message>
        <location filename="../../ui/models/goods_in.py" line="48"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="49"/>
        <source>Received at {time}</source>
        <translation>收货时间 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="50"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="51"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="52"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="53"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="54"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/models/goods_in.py" line="55"/>
        <source>{bin} now holds {quantity} of this lot</source>
        <translation>{bin} 现有该批次 {quantity}</translation>
    </message>
</context>
<context>
    <name>ReservationTableModel</name>
    <message>
        <location filename="../../ui/models/orders.py" line="565"/>
        <source>Line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="566"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="567"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="568"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="569"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="570"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="571"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ReviewDetailPanel</name>
    <message>
        <location filename="../../ui/views/review_view.py" line="258"/>
        <source>Accept as it is:</source>
        <extracomment>an order selected with the keyboard opens after this pause, so arrowing through the queue claims nothing the claim lasts ``desk.CLAIM_MINUTES``; it is renewed this often while the order stays open the first load asks for the most urgent orders only, so the table is painted at once, then for the rest the &quot;waiting&quot; column moves on once a minute states in which the desk may approve, hold, or decide on lines (``app.services.orders.desk``) the tables an approval, hold or cancellation changes (other views refresh) something the person typed changed the form (dirty state, buttons) a finding was clicked and its field focused (the view scrolls it into sight)</extracomment>
        <translation>按原样接受：</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="260"/>
        <source>Not a duplicate</source>
        <translation>非重复订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="261"/>
        <source>Price difference</source>
        <translation>价格差异</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="262"/>
        <source>Payment status</source>
        <translation>付款状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="264"/>
        <source>The order is genuine, not the same order placed twice</source>
        <translation>订单真实有效，不是同一订单下了两次</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="265"/>
        <source>Ship at the shop&apos;s price although it differs from the catalogue</source>
        <translation>尽管与商品目录价格不同，仍按店铺价格发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="267"/>
        <source>Ship although the shop does not report the order as paid</source>
        <translation>尽管店铺未显示订单已付款，仍然发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="324"/>
        <source>Double-click (or type over) a SKU or quantity to correct it</source>
        <translation>双击（或直接输入覆盖）SKU 或数量即可更正</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="327"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="329"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="330"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="331"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="332"/>
        <source>Delivery and payment</source>
        <translation>配送与付款</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="334"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="335"/>
        <source>Slot</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="336"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="337"/>
        <source>Shipping address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="339"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="341"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="342"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="343"/>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="344"/>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="345"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="347"/>
        <source>Lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="394"/>
        <source>Select an order in the queue, or press F8 for the next one.</source>
        <translation>请在队列中选择一个订单，或按 F8 打开下一个。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="429"/>
        <source>Order {number}</source>
        <translation>订单 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="433"/>
        <source>received {time}</source>
        <translation>接收于 {time}</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="435"/>
        <source>warehouse {code}</source>
        <translation>仓库 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="437"/>
        <source>total {amount}</source>
        <translation>总额 {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="439"/>
        <source>reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="480"/>
        <source>Click to go to the field.</source>
        <translation>点击可跳转到该字段。</translation>
    </message>
</context>
<context>
    <name>ReviewLinesTableModel</name>
    <message>
        <location filename="../../ui/models/orders.py" line="346"/>
        <source>#</source>
        <extracomment>a line&apos;s SKU or quantity was changed by the person</extracomment>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="347"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="348"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="349"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="350"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="351"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="352"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="425"/>
        <source>Cancelled line</source>
        <translation>已取消的订单行</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <location filename="../../ui/models/orders.py" line="88"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="90"/>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="93"/>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="95"/>
        <source>{d} d {h} h</source>
        <translation>{d} 天 {h} 小时</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../../ui/views/review_view.py" line="715"/>
        <source>Filter: number, customer, phone, reason…</source>
        <extracomment>the number of exceptions waiting (the main window shows it in the tab title) the queue&apos;s rows are in the model and the table was asked to repaint (benchmarks, tests) an order was put in the detail panel (``OpenedOrder``) an approve/hold/cancel/partial/cancel-lines decision came back (``ReviewOutcome``) seconds from asking for the queue to the rows being in the model (the last load)</extracomment>
        <translation>筛选：订单号、客户、电话、原因…</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="717"/>
        <source>Include on hold</source>
        <translation>包括挂起的订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="719"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="734"/>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="753"/>
        <location filename="../../ui/views/review_view.py" line="1162"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="754"/>
        <location filename="../../ui/views/review_view.py" line="1203"/>
        <source>Approve</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="756"/>
        <source>Hold…</source>
        <translation>挂起…</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="757"/>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="758"/>
        <source>Allow partial shipment…</source>
        <translation>允许部分发货…</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="760"/>
        <source>Cancel selected lines…</source>
        <translation>取消所选订单行…</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="762"/>
        <source>Next order</source>
        <translation>下一个订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="784"/>
        <source>Save the corrections (Ctrl+S)</source>
        <translation>保存更正（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="786"/>
        <source>Save, then review and allocate the order again (Ctrl+Enter)</source>
        <translation>保存，然后重新审核并分配订单（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="787"/>
        <source>Park the order with a reason (Ctrl+H)</source>
        <translation>填写原因并挂起订单（Ctrl+H）</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="788"/>
        <source>Cancel the whole order (Ctrl+Shift+Delete)</source>
        <translation>取消整个订单（Ctrl+Shift+Delete）</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="789"/>
        <source>Open the next order in the queue (F8 or Ctrl+Down)</source>
        <translation>打开队列中的下一个订单（F8 或 Ctrl+Down）</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="792"/>
        <source>Supervisor: ship what can be reserved now; the rest is not sent</source>
        <translation>主管：发出现在能预留的部分，其余部分不再发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="793"/>
        <source>Supervisor: drop the lines selected in the lines table</source>
        <translation>主管：取消订单行表中所选的行</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="938"/>
        <source>The first {n} orders; loading the rest…</source>
        <translation>前 {n} 个订单；正在加载其余订单…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/review_view.py" line="943"/>
        <source>%n exception(s)</source>
        <translation>
            <numerusform>%n 个异常</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/review_view.py" line="945"/>
        <source>, %n on hold</source>
        <translation>
            <numerusform>，%n 个挂起</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="948"/>
        <source> — {shown} shown</source>
        <translation> — 显示 {shown} 个</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1074"/>
        <source>Order {number} is {state}; it is shown read-only.</source>
        <translation>订单 {number} 处于 {state} 状态，仅以只读方式显示。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1087"/>
        <source>The order could not be opened.</source>
        <translation>无法打开该订单。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1156"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1157"/>
        <source>Order {number} has changes that are not saved yet.</source>
        <translation>订单 {number} 有尚未保存的更改。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1161"/>
        <source>Save them before leaving the order?</source>
        <translation>离开此订单前要保存这些更改吗？</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1163"/>
        <source>Discard changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1164"/>
        <source>Stay on this order</source>
        <translation>留在此订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1203"/>
        <source>Save and approve</source>
        <translation>保存并审批</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1240"/>
        <source>Reload the order</source>
        <translation>重新加载订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1267"/>
        <source>Saved order {number}.</source>
        <translation>已保存订单 {number}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1293"/>
        <source>Hold order {number}</source>
        <translation>挂起订单 {number}</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1294"/>
        <source>Why is order {number} put on hold? It stays in the queue (on hold) until someone approves or cancels it.</source>
        <translation>为什么挂起订单 {number}？在有人审批或取消它之前，它会以挂起状态留在队列中。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1296"/>
        <source>Hold order</source>
        <translation>挂起订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1297"/>
        <source>Your unsaved changes are saved first.</source>
        <translation>将先保存您未保存的更改。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1298"/>
        <source>Waiting for the customer to call back</source>
        <translation>等待客户回电</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1298"/>
        <source>Waiting for the payment</source>
        <translation>等待付款</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1299"/>
        <source>Customer asked to change the order</source>
        <translation>客户要求修改订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1299"/>
        <source>Address being checked</source>
        <translation>地址核实中</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1311"/>
        <source>The order is cancelled for good and its reserved stock is released. This cannot be undone.</source>
        <translation>订单将被永久取消，其预留的库存将被释放。此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1314"/>
        <source>Your unsaved changes to it are discarded.</source>
        <translation>您对此订单未保存的更改将被放弃。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1316"/>
        <source>Cancel order {number}?</source>
        <translation>取消订单 {number}？</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1317"/>
        <source>Why is order {number} cancelled?</source>
        <translation>为什么取消订单 {number}？</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1318"/>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1318"/>
        <source>Keep the order</source>
        <translation>保留订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1319"/>
        <source>Customer cancelled</source>
        <translation>客户取消</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1319"/>
        <source>Duplicate order</source>
        <translation>重复订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1320"/>
        <source>Address outside the delivery area</source>
        <translation>地址超出配送范围</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1320"/>
        <source>Payment not received</source>
        <translation>未收到付款</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1321"/>
        <source>Customer cannot be reached</source>
        <translation>无法联系到客户</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1334"/>
        <source>Allow a partial shipment of {number}</source>
        <translation>允许订单 {number} 部分发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1335"/>
        <source>Why may order {number} ship without the quantities that are short?</source>
        <translation>为什么订单 {number} 可以在缺少部分数量的情况下发货？</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1336"/>
        <source>Allow partial shipment</source>
        <translation>允许部分发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1337"/>
        <source>The order is reviewed again and allocated with what is in stock now.</source>
        <translation>订单将重新审核，并按当前库存进行分配。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1338"/>
        <source>Customer agreed</source>
        <translation>客户已同意</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1338"/>
        <source>Customer asked to send what is there</source>
        <translation>客户要求先发现有的商品</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1352"/>
        <source>Select the lines to cancel in the lines table first.</source>
        <translation>请先在订单行表中选择要取消的行。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1356"/>
        <source>Cancel lines of {number}</source>
        <translation>取消订单 {number} 的订单行</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1357"/>
        <source>Why are lines {lines} of order {number} cancelled?</source>
        <translation>为什么取消订单 {number} 的第 {lines} 行？</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1359"/>
        <source>Cancel lines</source>
        <translation>取消订单行</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1359"/>
        <source>Keep the lines</source>
        <translation>保留订单行</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1360"/>
        <source>Their reserved stock is released and the rest of the order is reviewed again.</source>
        <translation>这些行预留的库存将被释放，订单的其余部分将重新审核。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1361"/>
        <source>Out of stock, customer agreed</source>
        <translation>缺货，客户已同意</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1361"/>
        <source>Product discontinued</source>
        <translation>商品已停售</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1362"/>
        <source>Customer removed the item</source>
        <translation>客户删除了该商品</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1399"/>
        <source>Order {number} is still an exception: {reasons}. The findings are marked below.</source>
        <translation>订单 {number} 仍为异常：{reasons}。问题已在下方标出。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1404"/>
        <source>Order {number} approved and allocated.</source>
        <translation>订单 {number} 已审批并分配。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1407"/>
        <source>Order {number} is on hold.</source>
        <translation>订单 {number} 已挂起。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1409"/>
        <source>Order {number} cancelled.</source>
        <translation>订单 {number} 已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1411"/>
        <source>Order {number} is now {state}.</source>
        <translation>订单 {number} 现处于 {state} 状态。</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1423"/>
        <source>The queue is empty. Well done.</source>
        <translation>队列已清空。辛苦了！</translation>
    </message>
    <message>
        <location filename="../../ui/views/review_view.py" line="1433"/>
        <source>No other order in the queue is free to open.</source>
        <translation>队列中没有其他可以打开的订单。</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <location filename="../../ui/scanning/scan_field.py" line="95"/>
        <source>Scan a barcode or type a code and press Enter</source>
        <translation>扫描条码，或输入编码后按回车</translation>
    </message>
    <message>
        <location filename="../../ui/scanning/scan_field.py" line="96"/>
        <source>Scan input</source>
        <translation>扫描输入</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="42"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="45"/>
        <source>The file does not exist yet; FreshFlow creates a demo database there at the next start.</source>
        <translation>该文件尚不存在；FreshFlow 将在下次启动时在此创建演示数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="48"/>
        <source>The database file {path} does not exist.</source>
        <translation>数据库文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="55"/>
        <source>Connected.</source>
        <translation>连接成功。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="67"/>
        <source>FreshFlow — Settings</source>
        <translation>FreshFlow — 设置</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="72"/>
        <source>empty: the embedded database</source>
        <translation>留空：使用内置数据库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="73"/>
        <source>For example postgresql://server/freshflow or sqlite:////path/file.db.
Empty: the embedded database {url}</source>
        <translation>例如 postgresql://server/freshflow 或 sqlite:////path/file.db。
留空：使用内置数据库 {url}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="75"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="85"/>
        <source>All views (no station)</source>
        <translation>全部视图（不指定工作站）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="95"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="97"/>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="101"/>
        <source>&amp;Station:</source>
        <translation>工作站(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="102"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="104"/>
        <source>This session uses {url}, given by --db or FRESHFLOW_DB_URL; that takes precedence over the setting above.</source>
        <translation>本次会话使用由 --db 或 FRESHFLOW_DB_URL 指定的 {url}，它优先于上面的设置。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="113"/>
        <source>empty: keyboard-wedge scanner; e.g. /dev/ttyUSB0 or COM3</source>
        <translation>留空：键盘模式扫描枪；例如 /dev/ttyUSB0 或 COM3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="120"/>
        <source>empty: no scale; e.g. /dev/ttyUSB1 or COM4</source>
        <translation>留空：不使用电子秤；例如 /dev/ttyUSB1 或 COM4</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="127"/>
        <source>pdf, system, tcp://host:9100 or a serial port</source>
        <translation>pdf、system、tcp://主机:9100 或串口</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="128"/>
        <source>&amp;Mute scan sounds</source>
        <translation>扫描静音(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="131"/>
        <source>Devices at this station</source>
        <translation>本工作站的设备</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="133"/>
        <source>Scanner &amp;port:</source>
        <translation>扫描枪端口(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="134"/>
        <source>Scanner &amp;baud rate:</source>
        <translation>扫描枪波特率(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="135"/>
        <source>Scanner line &amp;end:</source>
        <translation>扫描枪行尾(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="136"/>
        <source>Scale p&amp;ort:</source>
        <translation>电子秤端口(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="137"/>
        <source>Scale ba&amp;ud rate:</source>
        <translation>电子秤波特率(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="138"/>
        <source>Label &amp;printer:</source>
        <translation>标签打印机(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="141"/>
        <source>Changes to the database or the station apply at the next log-in; a language change applies when FreshFlow is restarted.</source>
        <translation>数据库或工作站的更改在下次登录时生效；语言更改在重新启动 FreshFlow 后生效。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="193"/>
        <source>“{url}” is not a database URL. Use postgresql://user@host/name or sqlite:////path/to/file.db.</source>
        <translation>“{url}”不是数据库地址。请使用 postgresql://user@host/name 或 sqlite:////path/to/file.db。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="196"/>
        <source>FreshFlow works with PostgreSQL or SQLite, not {backend}.</source>
        <translation>FreshFlow 支持 PostgreSQL 或 SQLite，不支持 {backend}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="209"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="241"/>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="242"/>
        <source>The settings could not be saved to {path}: {error}</source>
        <translation>无法将设置保存到 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>StationDevices</name>
    <message>
        <location filename="../../ui/scanning/station_devices.py" line="56"/>
        <source>Scanner: {status}</source>
        <extracomment>a scan from the serial scanner (GS kept), on the UI thread a stable weight from the scale, integer grams live reading (grams, stable?) for a weight display one line per device for the status bar, e.g. &quot;Scanner: connected&quot;</extracomment>
        <translation>扫描枪：{status}</translation>
    </message>
    <message>
        <location filename="../../ui/scanning/station_devices.py" line="63"/>
        <source>Scale: {status}</source>
        <translation>电子秤：{status}</translation>
    </message>
</context>
<context>
    <name>StockDialogs</name>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="318"/>
        <source>Moved {quantity} of {sku} lot {lot} from {source} to {target}.</source>
        <translation>已将 {sku} 批次 {lot} 的 {quantity} 从 {source} 移到 {target}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="322"/>
        <source>Wrote off {quantity} of {sku} lot {lot} from {bin} ({reason}), value {value}.</source>
        <translation>已从 {bin} 报损 {sku} 批次 {lot} 的 {quantity}（{reason}），价值 {value}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="328"/>
        <source>Lot {lot} of {sku} is released from quarantine.</source>
        <translation>{sku} 批次 {lot} 已解除隔离。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="330"/>
        <source>Lot {lot} of {sku} is in quarantine.</source>
        <translation>{sku} 批次 {lot} 已隔离。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="333"/>
        <source>Reservations released, to be allocated again: {refs}.</source>
        <translation>已释放的预留，需重新分配：{refs}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="337"/>
        <source>{bin} now holds {quantity} of {sku} lot {lot} (was {before}).</source>
        <translation>{bin} 现有 {sku} 批次 {lot} 的 {quantity}（原为 {before}）。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="340"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
</context>
<context>
    <name>StockView</name>
    <message>
        <location filename="../../ui/views/stock_view.py" line="89"/>
        <source>Search SKU, name, lot or bin</source>
        <extracomment>the tables whose change makes the stock view stale the filter runs when the event loop is next idle, so a burst of keys (or a paste) filters once the alerts load after the quants have been painted the alert filter buttons, coloured like the rows they stand for while switched on emitted after the quants were put in the model and the table was asked to repaint (benchmarks, tests) emitted when a CSV export finished (path, rows) — or was cancelled/failed (path, -1) seconds from asking for the rows to the rows being in the model (the last load)</extracomment>
        <translation>搜索 SKU、名称、批次或库位</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="92"/>
        <location filename="../../ui/views/stock_view.py" line="299"/>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="96"/>
        <source>All stock</source>
        <translation>全部库存</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="96"/>
        <source>Near expiry</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="97"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="97"/>
        <source>Quarantined</source>
        <translation>隔离中</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="98"/>
        <source>Available &gt; 0</source>
        <translation>可用 &gt; 0</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="100"/>
        <source>Lots and bins</source>
        <translation>批次和库位</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="101"/>
        <source>One row per lot in each bin</source>
        <translation>每个库位中的每个批次一行</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="102"/>
        <source>Per product</source>
        <translation>按商品</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="103"/>
        <source>One row per product and warehouse, with totals</source>
        <translation>每个商品每个仓库一行，显示合计</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="111"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="112"/>
        <source>Save the rows shown to a CSV file (quantities in pieces or grams)</source>
        <translation>将显示的行保存为 CSV 文件（数量以件或克为单位）</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="155"/>
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="167"/>
        <source>Show or hide these alerts</source>
        <translation>显示或隐藏这些提醒</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="172"/>
        <source>Click an alert to show that product&apos;s stock.</source>
        <translation>点击提醒可查看该商品的库存。</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="177"/>
        <source>Below reorder point</source>
        <translation>低于再订货点</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="251"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/stock_view.py" line="341"/>
        <source>%Ln product(s) in stock</source>
        <translation>
            <numerusform>%Ln 个商品有库存</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/stock_view.py" line="343"/>
        <source>%Ln stock record(s)</source>
        <translation>
            <numerusform>%Ln 条库存记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="346"/>
        <source>{shown} of {total} stock records</source>
        <translation>{shown} / {total} 条库存记录</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="398"/>
        <source>{kind}: {count}</source>
        <translation>{kind}：{count}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/stock_view.py" line="400"/>
        <source>Alerts (%Ln)</source>
        <translation>
            <numerusform>提醒（%Ln）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="419"/>
        <location filename="../../ui/views/stock_view.py" line="431"/>
        <source>Export stock</source>
        <translation>导出库存</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="420"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="428"/>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="429"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="447"/>
        <source>pcs</source>
        <translation>件</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="447"/>
        <source>g</source>
        <translation>克</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="450"/>
        <location filename="../../ui/views/stock_view.py" line="469"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="450"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="450"/>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="450"/>
        <location filename="../../ui/views/stock_view.py" line="469"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="450"/>
        <location filename="../../ui/views/stock_view.py" line="469"/>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="451"/>
        <location filename="../../ui/views/stock_view.py" line="469"/>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="451"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="451"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="451"/>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="452"/>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="452"/>
        <location filename="../../ui/views/stock_view.py" line="470"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="452"/>
        <location filename="../../ui/views/stock_view.py" line="470"/>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="452"/>
        <location filename="../../ui/views/stock_view.py" line="471"/>
        <source>Reserved</source>
        <translation>已预留</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="453"/>
        <location filename="../../ui/views/stock_view.py" line="471"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="453"/>
        <location filename="../../ui/views/stock_view.py" line="471"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="470"/>
        <source>Lots</source>
        <translation>批次数</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="470"/>
        <source>Bins</source>
        <translation>库位数</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="470"/>
        <source>Earliest expiry</source>
        <translation>最早到期</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/stock_view.py" line="490"/>
        <source>Exported %n row(s) to {path}.</source>
        <translation>
            <numerusform>已导出 %n 行到 {path}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="496"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入文件。</translation>
    </message>
    <message>
        <location filename="../../ui/views/stock_view.py" line="498"/>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>TimelineTableModel</name>
    <message>
        <location filename="../../ui/models/orders.py" line="609"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="610"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="611"/>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="612"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="613"/>
        <source>From → to</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="614"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders.py" line="615"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="105"/>
        <source>Transfer {sku} lot {lot}</source>
        <translation>移库 {sku} 批次 {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="108"/>
        <source>Scan or type the bin, e.g. {example}</source>
        <translation>扫描或输入库位，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="118"/>
        <source>Optional, e.g. consolidating a pick face</source>
        <translation>可选，例如合并拣货位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="119"/>
        <source>To bin</source>
        <translation>目标库位</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="120"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="121"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="131"/>
        <source>Transfer</source>
        <translation>移库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="146"/>
        <source>Scan or type the bin the stock goes to.</source>
        <translation>请扫描或输入库存要移入的库位。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="149"/>
        <source>{code} is not a bin of this warehouse.</source>
        <translation>{code} 不是本仓库的库位。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="23"/>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="24"/>
        <source>Edit user {name}</source>
        <translation>编辑用户 {name}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="29"/>
        <source>lower-case letters, digits or _</source>
        <translation>小写字母、数字或下划线</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="38"/>
        <source>Active (may log in)</source>
        <translation>启用（可登录）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="44"/>
        <source>At least {n} characters.</source>
        <translation>至少 {n} 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="49"/>
        <location filename="../../ui/dialogs/user_dialog.py" line="54"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="55"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="56"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="57"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="64"/>
        <location filename="../../ui/dialogs/user_dialog.py" line="70"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="64"/>
        <source>Set a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="71"/>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="102"/>
        <source>Enter the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/user_dialog.py" line="104"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <location filename="../../ui/models/admin.py" line="64"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="65"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="66"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="67"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="68"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <location filename="../../ui/views/admin_view.py" line="255"/>
        <source>New user…</source>
        <translation>新建用户…</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="256"/>
        <source>Edit user…</source>
        <translation>编辑用户…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/views/admin_view.py" line="283"/>
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n 个用户</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="307"/>
        <source>Saved user {name}.</source>
        <translation>已保存用户 {name}。</translation>
    </message>
</context>
<context>
    <name>VarianceTableModel</name>
    <message>
        <location filename="../../ui/models/counts.py" line="161"/>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="162"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="163"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="164"/>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="165"/>
        <source>Expires {date}</source>
        <translation>{date} 到期</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="166"/>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="167"/>
        <source>Counted</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="168"/>
        <source>Counted by {user} at {time}</source>
        <translation>由 {user} 于 {time} 盘点</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="170"/>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../ui/models/counts.py" line="171"/>
        <source>Value</source>
        <translation>价值</translation>
    </message>
</context>
<context>
    <name>ViewRegistry</name>
    <message>
        <location filename="../../ui/views/registry.py" line="50"/>
        <source>The view {name} cannot be loaded: {error}</source>
        <translation>无法加载视图 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="64"/>
        <source>Catalogue</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="66"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="68"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="82"/>
        <location filename="../../ui/views/registry.py" line="98"/>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="89"/>
        <source>Review desk</source>
        <translation>审单台</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="74"/>
        <location filename="../../ui/views/registry.py" line="90"/>
        <source>Goods-in</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="70"/>
        <source>Review queue</source>
        <translation>审单队列</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="76"/>
        <source>Stock counts</source>
        <translation>库存盘点</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="78"/>
        <location filename="../../ui/views/registry.py" line="91"/>
        <source>Picking</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="80"/>
        <source>Pick lists</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="92"/>
        <source>QC bench</source>
        <translation>质检台</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="93"/>
        <source>Packing bench</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="94"/>
        <source>Shipments</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="95"/>
        <source>Customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="72"/>
        <location filename="../../ui/views/registry.py" line="96"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="97"/>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="188"/>
        <source>The {name} station is not available in this version. FreshFlow opens the views your role can use instead.</source>
        <translation>此版本暂不提供 {name} 工作站。FreshFlow 将改为打开您的角色可以使用的视图。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="192"/>
        <source>There is no station named “{name}”. Known stations: {names}. FreshFlow opens the views your role can use instead.</source>
        <translation>没有名为“{name}”的工作站。已知工作站：{names}。FreshFlow 将改为打开您的角色可以使用的视图。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="197"/>
        <source>Your role ({role}) may not use the {name} station. FreshFlow opens the views your role can use instead.</source>
        <translation>您的角色（{role}）无权使用 {name} 工作站。FreshFlow 将改为打开您的角色可以使用的视图。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="207"/>
        <source>There is nothing for the role {role} in this version of FreshFlow yet.</source>
        <translation>此版本的 FreshFlow 暂时还没有适用于角色“{role}”的功能。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="211"/>
        <source>Coming in a later version: {stations}.</source>
        <translation>后续版本将提供：{stations}。</translation>
    </message>
</context>
<context>
    <name>WarehouseDialog</name>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="34"/>
        <source>New warehouse</source>
        <translation>新建仓库</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="35"/>
        <source>Edit warehouse {code}</source>
        <translation>编辑仓库 {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="43"/>
        <source>Postal-code prefixes, comma-separated, e.g. 200, 201, 215</source>
        <translation>邮编前缀，用逗号分隔，例如 200, 201, 215</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="47"/>
        <source>Lower ranks are tried first when no region matches.</source>
        <translation>没有匹配的区域时，优先使用序号小的仓库。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="48"/>
        <source>Active (receives orders)</source>
        <translation>启用（接收订单）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="52"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="53"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="54"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="55"/>
        <source>Regions served</source>
        <translation>配送区域</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/warehouse_dialog.py" line="56"/>
        <source>Fallback rank</source>
        <translation>备选顺序</translation>
    </message>
</context>
<context>
    <name>WarehouseTableModel</name>
    <message>
        <location filename="../../ui/models/admin.py" line="25"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="26"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="27"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="29"/>
        <source>Regions (postal prefixes)</source>
        <translation>配送区域（邮编前缀）</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="31"/>
        <source>Fallback rank</source>
        <translation>备选顺序</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="33"/>
        <source>Bins</source>
        <translation>货位</translation>
    </message>
    <message>
        <location filename="../../ui/models/admin.py" line="34"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>WarehousesPanel</name>
    <message>
        <location filename="../../ui/views/admin_view.py" line="76"/>
        <source>New warehouse…</source>
        <extracomment>newest audit entries fetched per search</extracomment>
        <translation>新建仓库…</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="77"/>
        <source>Edit warehouse…</source>
        <translation>编辑仓库…</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="78"/>
        <source>New bin…</source>
        <translation>新建货位…</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="79"/>
        <source>Edit bin…</source>
        <translation>编辑货位…</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="89"/>
        <source>Warehouses and the postal-code regions they serve</source>
        <translation>仓库及其配送的邮编区域</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="153"/>
        <source>Bins</source>
        <translation>货位</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="157"/>
        <source>Bins of {code} in pick-path order (loading…)</source>
        <translation>{code} 的货位（按拣货路径排序，正在加载…）</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="171"/>
        <source>Bins of {code} in pick-path order: {n}</source>
        <translation>{code} 的货位（按拣货路径排序）：{n} 个</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="226"/>
        <source>Saved warehouse {code}.</source>
        <translation>已保存仓库 {code}。</translation>
    </message>
    <message>
        <location filename="../../ui/views/admin_view.py" line="232"/>
        <source>Saved bin {code}.</source>
        <translation>已保存货位 {code}。</translation>
    </message>
</context>
<context>
    <name>WaveDialog</name>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="64"/>
        <source>Plan a wave in {warehouse}</source>
        <extracomment>what planning or cancelling changes (told to the other views) QSettings key of the warehouse whose lists this PC shows (its code) the state filter&apos;s choices: (object key, states)</extracomment>
        <translation>在 {warehouse} 规划波次</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="66"/>
        <source>The allocated orders of one delivery date and slot become one pick list per temperature class; pickers put each order in its own tote.</source>
        <translation>某一配送日期和时段的已分配订单将按温层各生成一张拣货单；拣货员将每个订单放入各自的周转箱。</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="75"/>
        <source>HH:MM-HH:MM</source>
        <translation>HH:MM-HH:MM</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="80"/>
        <source>Plan wave</source>
        <translation>规划波次</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="81"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="86"/>
        <source>Delivery date</source>
        <translation>配送日期</translation>
    </message>
    <message>
        <location filename="../../ui/views/pick_lists_view.py" line="87"/>
        <source>Delivery slot</source>
        <translation>配送时段</translation>
    </message>
</context>
<context>
    <name>WriteOffDialog</name>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="164"/>
        <source>Write off {sku} lot {lot}</source>
        <translation>报损 {sku} 批次 {lot}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="175"/>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="201"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="178"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="179"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="181"/>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="194"/>
        <source>Write off</source>
        <translation>报损</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="201"/>
        <source>Note (required)</source>
        <translation>备注（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="202"/>
        <source>Say why the stock is written off</source>
        <translation>请说明报损原因</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="203"/>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="227"/>
        <source>Say why the stock is written off (a note is needed for “other”).</source>
        <translation>请说明报损原因（选择“其他”时必须填写备注）。</translation>
    </message>
</context>
<context>
    <name>_QuantDialog</name>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="48"/>
        <source>{sku} {name}
Lot {lot}, expiry {expiry} — bin {bin}
On hand {on_hand}, reserved {reserved}, free {available}</source>
        <translation>{sku} {name}
批次 {lot}，到期 {expiry} — 库位 {bin}
在库 {on_hand}，已预留 {reserved}，可用 {available}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="63"/>
        <source>kg</source>
        <translation>千克</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="63"/>
        <source>pcs</source>
        <translation>件</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/stock_dialogs.py" line="79"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>error</name>
    <message>
        <location filename="../../ui/results.py" line="25"/>
        <source>Something went wrong ({kind}: {detail}). The details are in the log; try again.</source>
        <translation>出错了（{kind}：{detail}）。详情见日志；请重试。</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/labels.py" line="17"/>
        <source>Ambient</source>
        <translation>常温</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="18"/>
        <source>Chilled</source>
        <translation>冷藏</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="19"/>
        <source>Frozen</source>
        <translation>冷冻</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="25"/>
        <source>Piece</source>
        <translation>按件</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="26"/>
        <source>By weight</source>
        <translation>称重</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="32"/>
        <source>Chinese (中文)</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../ui/labels.py" line="33"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
</context>
<context>
    <name>quantities</name>
    <message>
        <location filename="../../ui/quantities.py" line="87"/>
        <source>Enter the quantity.</source>
        <extracomment>the largest quantity a form accepts (a 32-bit INTEGER column holds more; no delivery is this big)</extracomment>
        <translation>请输入数量。</translation>
    </message>
    <message>
        <location filename="../../ui/quantities.py" line="90"/>
        <source>Enter the weight in kg with at most 3 decimals (whole grams), not {text}.</source>
        <translation>请以千克输入重量，最多 3 位小数（整克），不能是 {text}。</translation>
    </message>
    <message>
        <location filename="../../ui/quantities.py" line="92"/>
        <source>Count whole pieces: {text} is not a whole number.</source>
        <translation>请按整件计数：{text} 不是整数。</translation>
    </message>
    <message>
        <location filename="../../ui/quantities.py" line="94"/>
        <source>The quantity cannot be negative.</source>
        <translation>数量不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/quantities.py" line="96"/>
        <source>{text} is too large; check the quantity.</source>
        <translation>{text} 太大；请检查数量。</translation>
    </message>
    <message>
        <location filename="../../ui/quantities.py" line="97"/>
        <source>{text} is not a quantity.</source>
        <translation>{text} 不是有效数量。</translation>
    </message>
</context>
</TS>
