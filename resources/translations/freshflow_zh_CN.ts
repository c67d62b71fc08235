<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Application</name>
    <message>
        <location filename="../../ui/application.py" line="129"/>
        <source>The database file {path} does not exist. Choose another database in the settings, or create this one with “freshflow demo --db {url}”.</source>
        <translation>数据库文件 {path} 不存在。请在设置中选择其他数据库，或用“freshflow demo --db {url}”创建它。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="137"/>
        <source>Creating the database…</source>
        <translation>正在创建数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="146"/>
        <source>Updating the database…</source>
        <translation>正在更新数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="204"/>
        <source>The database {url} is at schema version {current}, but this version of FreshFlow needs {head}. Ask an administrator to run “freshflow db upgrade”.</source>
        <translation>数据库 {url} 的结构版本是 {current}，而此版本的 FreshFlow 需要 {head}。请管理员运行“freshflow db upgrade”。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="269"/>
        <source>“{url}” is not a database URL FreshFlow can use: {error}</source>
        <translation>“{url}”不是 FreshFlow 可以使用的数据库地址：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="288"/>
        <location filename="../../ui/application.py" line="321"/>
        <source>Preparing the demo database…</source>
        <translation>正在准备演示数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="295"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="345"/>
        <source>The database could not be opened or updated: {detail}</source>
        <translation>无法打开或更新数据库：{detail}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="352"/>
        <source>FreshFlow cannot open its database.</source>
        <translation>FreshFlow 无法打开数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="354"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="356"/>
        <source>Open &amp;settings…</source>
        <translation>打开设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="358"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/application.py" line="360"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
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
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="49"/>
        <source>FreshFlow — Log in</source>
        <translation>FreshFlow — 登录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="52"/>
        <source>FreshFlow</source>
        <translation>FreshFlow</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="53"/>
        <source>Station: {name}</source>
        <translation>工作站：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="54"/>
        <source>Station: all views</source>
        <translation>工作站：全部视图</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="56"/>
        <source>Database: {url}</source>
        <translation>数据库：{url}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="62"/>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="66"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="69"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="70"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="80"/>
        <source>Checking the password</source>
        <translation>正在验证密码</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="86"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="88"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="111"/>
        <source>This is a demo database. Demo users (user name / password):</source>
        <translation>这是演示数据库。演示用户（用户名 / 密码）：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login_dialog.py" line="152"/>
        <source>Logging in failed: {error}</source>
        <translation>登录失败：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="90"/>
        <source>FreshFlow — {station} — {user}</source>
        <translation>FreshFlow — {station} — {user}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93"/>
        <source>FreshFlow — {user}</source>
        <translation>FreshFlow — {user}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114"/>
        <source>The {title} view could not be opened.

{error}</source>
        <translation>无法打开“{title}”视图。

{error}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="121"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="126"/>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="142"/>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="145"/>
        <source>&amp;Previous tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="148"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>&amp;About FreshFlow</source>
        <translation>关于 FreshFlow(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169"/>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>Logged in as {username}</source>
        <translation>登录用户：{username}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>Station: {name}</source>
        <translation>工作站：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="173"/>
        <source>Station: all views</source>
        <translation>工作站：全部视图</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205"/>
        <source>Station not available</source>
        <translation>工作站不可用</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>Unknown station</source>
        <translation>未知工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="207"/>
        <source>Station not allowed</source>
        <translation>无权使用该工作站</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255"/>
        <source>About FreshFlow</source>
        <translation>关于 FreshFlow</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="256"/>
        <source>&lt;h3&gt;FreshFlow {version}&lt;/h3&gt;&lt;p&gt;Back office for a fresh-produce web shop: orders, stock, picking, QC, packing and after-sales.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;br&gt;Qt {qt} · PySide6 {pyside} · Python {python}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FreshFlow {version}&lt;/h3&gt;&lt;p&gt;生鲜电商后台：订单、库存、拣货、质检、包装与售后。&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;br&gt;Qt {qt} · PySide6 {pyside} · Python {python}&lt;/p&gt;</translation>
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
        <source>empty: the embedded database ({url})</source>
        <translation>留空：使用内置数据库（{url}）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="74"/>
        <source>For example postgresql://user@server/freshflow or sqlite:////path/file.db</source>
        <translation>例如 postgresql://user@server/freshflow 或 sqlite:////path/file.db</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="75"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="84"/>
        <source>All views (no station)</source>
        <translation>全部视图（不指定工作站）</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="94"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="96"/>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="98"/>
        <source>&amp;Station:</source>
        <translation>工作站(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="99"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="101"/>
        <source>This session uses {url}, given by --db or FRESHFLOW_DB_URL; that takes precedence over the setting above.</source>
        <translation>本次会话使用由 --db 或 FRESHFLOW_DB_URL 指定的 {url}，它优先于上面的设置。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="110"/>
        <source>empty: keyboard-wedge scanner; e.g. /dev/ttyUSB0 or COM3</source>
        <translation>留空：键盘模式扫描枪；例如 /dev/ttyUSB0 或 COM3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="117"/>
        <source>empty: no scale; e.g. /dev/ttyUSB1 or COM4</source>
        <translation>留空：不使用电子秤；例如 /dev/ttyUSB1 或 COM4</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="124"/>
        <source>pdf, system, tcp://host:9100 or a serial port</source>
        <translation>pdf、system、tcp://主机:9100 或串口</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="125"/>
        <source>&amp;Mute scan sounds</source>
        <translation>扫描静音(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="128"/>
        <source>Devices at this station</source>
        <translation>本工作站的设备</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="130"/>
        <source>Scanner &amp;port:</source>
        <translation>扫描枪端口(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="131"/>
        <source>Scanner &amp;baud rate:</source>
        <translation>扫描枪波特率(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="132"/>
        <source>Scanner line &amp;end:</source>
        <translation>扫描枪行尾(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="133"/>
        <source>Scale p&amp;ort:</source>
        <translation>电子秤端口(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="134"/>
        <source>Scale ba&amp;ud rate:</source>
        <translation>电子秤波特率(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="135"/>
        <source>Label &amp;printer:</source>
        <translation>标签打印机(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="138"/>
        <source>Changes to the database or the station apply at the next log-in; a language change applies when FreshFlow is restarted.</source>
        <translation>数据库或工作站的更改在下次登录时生效；语言更改在重新启动 FreshFlow 后生效。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="190"/>
        <source>“{url}” is not a database URL. Use postgresql://user@host/name or sqlite:////path/to/file.db.</source>
        <translation>“{url}”不是数据库地址。请使用 postgresql://user@host/name 或 sqlite:////path/to/file.db。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="193"/>
        <source>FreshFlow works with PostgreSQL or SQLite, not {backend}.</source>
        <translation>FreshFlow 支持 PostgreSQL 或 SQLite，不支持 {backend}。</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="206"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="237"/>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/settings_dialog.py" line="238"/>
        <source>The settings could not be saved to {path}: {error}</source>
        <translation>无法将设置保存到 {path}：{error}</translation>
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
        <translation>包装台</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="80"/>
        <source>Shipments</source>
        <translation>发货</translation>
    </message>
    <message>
        <location filename="../../ui/views/registry.py" line="81"/>
        <source>Customer service</source>
        <translation>客户服务</translation>
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
</TS>
