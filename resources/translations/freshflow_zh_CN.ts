<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>Application</name>
    <message>
        <location filename="../../ui/application.py" line="132"/>
        <source>The database file {path} does not exist. Choose another database in the settings, or create this one with “freshflow demo --db {url}”.</source>
        <translation>数据库文件 {path} 不存在。请在设置中选择其他数据库，或用“freshflow demo --db {url}”创建它。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="140"/>
        <source>Creating the database…</source>
        <translation>正在创建数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="149"/>
        <source>Updating the database…</source>
        <translation>正在更新数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="207"/>
        <source>The database {url} is at schema version {current}, but this version of FreshFlow needs {head}. Ask an administrator to run “freshflow db upgrade”.</source>
        <translation>数据库 {url} 的结构版本是 {current}，而此版本的 FreshFlow 需要 {head}。请管理员运行“freshflow db upgrade”。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="272"/>
        <source>“{url}” is not a database URL FreshFlow can use: {error}</source>
        <translation>“{url}”不是 FreshFlow 可以使用的数据库地址：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="291"/>
        <location filename="../../ui/application.py" line="326"/>
        <source>Preparing the demo database…</source>
        <translation>正在准备演示数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="298"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="350"/>
        <source>The database could not be opened or updated: {detail}</source>
        <translation>无法打开或更新数据库：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="357"/>
        <source>FreshFlow cannot open its database.</source>
        <translation>FreshFlow 无法打开数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="359"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="361"/>
        <source>Open &amp;settings…</source>
        <translation>打开设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="363"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="365"/>
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
        <location filename="../../ui/models/catalog.py" line="102"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="103"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="104"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="105"/>
        <source>Temperature</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="107"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="108"/>
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
        <location filename="../../ui/dialogs/login_dialog.py" line="116"/>
        <source>This is a demo database. Demo users (user name / password):</source>
        <translation>这是演示数据库。演示用户（用户名 / 密码）：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="158"/>
        <source>Logging in failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="99"/>
        <source>FreshFlow — {station} — {user}</source>
        <translation>FreshFlow — {station} — {user}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="102"/>
        <source>FreshFlow — {user}</source>
        <translation>FreshFlow — {user}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>The {title} view could not be opened.

{error}</source>
        <translation>无法打开“{title}”视图。

{error}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="175"/>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="178"/>
        <source>&amp;Previous tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="193"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>&amp;About FreshFlow</source>
        <translation>关于 FreshFlow(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="204"/>
        <source>Logged in as {username}</source>
        <translation>登录用户：{username}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>Station: {name}</source>
        <translation>工作站：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>Station: all views</source>
        <translation>工作站：全部视图</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="209"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="238"/>
        <source>Station not available</source>
        <translation>工作站不可用</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="239"/>
        <source>Unknown station</source>
        <translation>未知工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Station not allowed</source>
        <translation>无权使用该工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>About FreshFlow</source>
        <translation>关于 FreshFlow</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286"/>
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
    <name>ProductTableModel</name>
    <message>
        <location filename="../../ui/models/catalog.py" line="24"/>
        <source>{price}/kg</source>
        <translation>{price}/kg</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="49"/>
        <source>{n} d</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="51"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="52"/>
        <source>Substitutes: {skus}</source>
        <translation>替代品：{skus}</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="54"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="55"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="56"/>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="57"/>
        <source>Temp.</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="59"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="60"/>
        <source>Nominal weight {weight} ± {tolerance}</source>
        <translation>标称重量 {weight} ± {tolerance}</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="62"/>
        <source>Piece weight {weight}</source>
        <translation>单件重量 {weight}</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="64"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="65"/>
        <source>Shelf life</source>
        <translation>保质期</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="67"/>
        <source>Min. left</source>
        <translation>最短剩余</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="69"/>
        <source>GTINs</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="71"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="75"/>
        <source>Temperature class</source>
        <translation>温层</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="76"/>
        <source>Price per piece, or per kg for goods sold by weight</source>
        <translation>每件价格；称重商品为每千克价格</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="77"/>
        <source>Shelf life in days</source>
        <translation>保质期（天）</translation>
    </message>
    <message>
        <location filename="../../ui/models/catalog.py" line="78"/>
        <source>Minimum remaining shelf life at delivery, in days</source>
        <translation>送达时最短剩余保质期（天）</translation>
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
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="68"/>
        <location filename="../../ui/views/registry.py" line="84"/>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="75"/>
        <source>Review desk</source>
        <translation>审单台</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="76"/>
        <source>Goods-in</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="77"/>
        <source>Picking</source>
        <translation>拣货</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="78"/>
        <source>QC bench</source>
        <translation>质检台</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="79"/>
        <source>Packing bench</source>
        <translation>打包台</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="80"/>
        <source>Shipments</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="81"/>
        <source>Customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="82"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="83"/>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="158"/>
        <source>The {name} station is not available in this version. FreshFlow opens the views your role can use instead.</source>
        <translation>此版本暂不提供 {name} 工作站。FreshFlow 将改为打开您的角色可以使用的视图。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="162"/>
        <source>There is no station named “{name}”. Known stations: {names}. FreshFlow opens the views your role can use instead.</source>
        <translation>没有名为“{name}”的工作站。已知工作站：{names}。FreshFlow 将改为打开您的角色可以使用的视图。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="167"/>
        <source>Your role ({role}) may not use the {name} station. FreshFlow opens the views your role can use instead.</source>
        <translation>您的角色（{role}）无权使用 {name} 工作站。FreshFlow 将改为打开您的角色可以使用的视图。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="177"/>
        <source>There is nothing for the role {role} in this version of FreshFlow yet.</source>
        <translation>此版本的 FreshFlow 暂时还没有适用于角色“{role}”的功能。</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="181"/>
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
</TS>
