"""Deterministic demo catalogue: categories, products, warehouses, customers, users.

Pure data plus small generator helpers (standard library only), used by
``freshflow demo`` to seed a realistic fresh-produce back office. Everything
here is deterministic: the tables are fixed and the generators take an explicit
``random.Random``.

Conventions (DESIGN.md §3): quantities are integers in base units (pieces, or
grams for weighed goods); money is integer CNY cents. For weighed products
``price_cents`` is the price per kilogram; for piece products it is per piece.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import NamedTuple

from app.barcodes.checkdigits import is_digits
from app.barcodes.checkdigits import mod10_check_digit as gtin_check_digit

AMBIENT = "ambient"
CHILLED = "chilled"
FROZEN = "frozen"
TEMPERATURE_CLASSES = (AMBIENT, CHILLED, FROZEN)

PIECE = "piece"
WEIGHED = "weighed"


# --------------------------------------------------------------------------- GTIN


def is_valid_gtin(code: str) -> bool:
    """True for an all-digit GTIN-8/12/13/14 whose check digit is correct."""
    if not isinstance(code, str) or len(code) not in (8, 12, 13, 14):
        return False
    return is_digits(code) and gtin_check_digit(code[:-1]) == int(code[-1])


def _gtin13(company_prefix: str, item_ref: int) -> str:
    """GTIN-13 from a company prefix and an item reference (check digit computed)."""
    body = f"{company_prefix}{item_ref:0{12 - len(company_prefix)}d}"
    if len(body) != 12:
        raise ValueError(f"item reference {item_ref} does not fit prefix {company_prefix}")
    return body + str(gtin_check_digit(body))


def _gtin14(indicator: int, gtin13: str) -> str:
    """GTIN-14 case code: indicator digit (1-8) + GTIN-13 body + new check digit."""
    if not 1 <= indicator <= 8:
        raise ValueError("indicator digit must be 1-8")
    body = f"{indicator}{gtin13[:12]}"
    return body + str(gtin_check_digit(body))


# --------------------------------------------------------------------- categories


@dataclass(frozen=True)
class DemoCategory:
    code: str
    name_en: str
    name_zh: str
    temperature_class: str


CATEGORIES: tuple[DemoCategory, ...] = (
    DemoCategory("vegetables", "Vegetables", "蔬菜", CHILLED),
    DemoCategory("fruit", "Fruit", "水果", AMBIENT),
    DemoCategory("meat", "Meat & Poultry", "肉禽", CHILLED),
    DemoCategory("seafood", "Seafood", "水产海鲜", CHILLED),
    DemoCategory("dairy", "Dairy", "乳制品", CHILLED),
    DemoCategory("eggs", "Eggs", "蛋类", CHILLED),
    DemoCategory("bakery", "Bakery", "烘焙面点", AMBIENT),
    DemoCategory("frozen", "Frozen", "冷冻食品", FROZEN),
)


# ----------------------------------------------------------------------- products


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name_en: str
    name_zh: str
    category: str
    temperature_class: str
    shelf_life_days: int
    min_remaining_shelf_life_days: int
    unit: str
    nominal_weight_g: int | None
    weight_tolerance_g: int | None
    price_cents: int
    gtins: tuple[str, ...]
    substitutes: tuple[str, ...]
    active: bool
    reorder_point: int


class _Row(NamedTuple):
    name_en: str
    name_zh: str
    unit: str
    weight_g: int | None  # piece weight, or nominal pack weight when weighed
    shelf: int
    min_rem: int
    price: int  # cents per piece, or per kg when weighed
    group: str | None  # products of one category and group substitute each other
    temp: str | None = None  # overrides the category's temperature class
    prefix: str | None = None  # GS1 company prefix for imported goods
    active: bool = True


def _p(name_en, name_zh, weight_g, shelf, min_rem, price, group=None, **kw) -> _Row:
    """Piece product row: ``price`` in cents per piece."""
    return _Row(name_en, name_zh, PIECE, weight_g, shelf, min_rem, price, group, **kw)


def _w(name_en, name_zh, nominal_g, shelf, min_rem, price_per_kg, group=None, **kw) -> _Row:
    """Weighed product row: ``price_per_kg`` in cents per kilogram."""
    return _Row(name_en, name_zh, WEIGHED, nominal_g, shelf, min_rem, price_per_kg, group, **kw)


# GS1 company prefixes of imported goods (country prefixes: NZ 94, AU 93,
# Chile 780, Norway 70, Thailand 885, France 37, Italy 80, Mexico 750).
_NZ, _AU, _CL, _NO, _TH, _FR, _IT, _MX = (
    "9421001", "9300654", "7802210", "7040001", "8850123", "3760001", "8001234", "7501234",
)

_VEGETABLES = (
    _p("Broccoli", "西兰花", 450, 7, 2, 690, "brassica"),
    _p("Cauliflower", "花菜", 700, 7, 2, 590, "brassica"),
    _p("Napa Cabbage", "大白菜", 1500, 14, 4, 490, "brassica"),
    _w("Bok Choy", "上海青", 500, 5, 1, 1200, "leafy"),
    _w("Choy Sum", "菜心", 400, 5, 1, 1600, "leafy"),
    _w("Spinach", "菠菜", 300, 5, 1, 1800, "leafy"),
    _p("Romaine Lettuce", "罗马生菜", 350, 6, 2, 590, "salad"),
    _p("Iceberg Lettuce", "球生菜", 500, 7, 2, 490, "salad"),
    _w("Loose Tomatoes", "番茄", 500, 10, 3, 1200, "tomato"),
    _p("Cherry Tomatoes 250 g", "圣女果", 250, 10, 3, 990, "tomato"),
    _w("Cucumber", "黄瓜", 500, 7, 2, 900, "gourd"),
    _w("Zucchini", "西葫芦", 500, 10, 3, 1000, "gourd"),
    _w("Carrots", "胡萝卜", 1000, 21, 7, 600, "root"),
    _w("Potatoes", "土豆", 1000, 30, 10, 500, "root", temp=AMBIENT),
    _w("Sweet Potatoes", "红薯", 1000, 30, 10, 800, "root", temp=AMBIENT),
    _w("Onions", "洋葱", 1000, 30, 10, 500, "allium", temp=AMBIENT),
    _p("Garlic 250 g", "大蒜", 250, 60, 20, 690, "allium", temp=AMBIENT),
    _w("Ginger", "生姜", 250, 30, 10, 2400, None, temp=AMBIENT),
    _p("Spring Onions", "小葱", 150, 5, 1, 390, "allium"),
    _p("Shiitake Mushrooms 200 g", "香菇", 200, 6, 2, 890, "mushroom"),
    _p("Enoki Mushrooms 200 g", "金针菇", 200, 7, 2, 390, "mushroom"),
    _w("Red Bell Pepper", "红甜椒", 500, 10, 3, 1600, None),
    _w("Eggplant", "茄子", 500, 7, 2, 1000, None),
    _w("Lotus Root", "莲藕", 1000, 10, 3, 1400, None),
)

_FRUIT = (
    _w("Fuji Apples", "红富士苹果", 1000, 30, 10, 1600, "apple"),
    _w("Gala Apples", "嘎啦苹果", 1000, 30, 10, 1800, "apple"),
    _w("Granny Smith Apples", "青苹果", 1000, 30, 10, 2200, "apple", prefix=_NZ),
    _w("Bananas", "香蕉", 1000, 6, 2, 800, None),
    _w("Ya Pears", "鸭梨", 1000, 30, 10, 1000, "pear"),
    _w("Crown Pears", "皇冠梨", 1000, 30, 10, 1200, "pear"),
    _w("Gannan Navel Oranges", "赣南脐橙", 1000, 30, 10, 1200, "citrus"),
    _w("Shatang Mandarins", "砂糖橘", 1000, 14, 5, 1400, "citrus"),
    _p("Lemon", "柠檬", 120, 30, 10, 290, "citrus"),
    _p("Strawberries 500 g", "草莓", 500, 4, 1, 3990, "berry", temp=CHILLED),
    _p("Blueberries 125 g", "蓝莓", 125, 10, 3, 2590, "berry", temp=CHILLED),
    _w("Cherries", "车厘子", 500, 10, 3, 9800, "stone", temp=CHILLED, prefix=_CL),
    _w("Kyoho Grapes", "巨峰葡萄", 500, 7, 2, 1800, "grape", temp=CHILLED),
    _w("Shine Muscat Grapes", "阳光玫瑰葡萄", 500, 10, 3, 4800, "grape", temp=CHILLED),
    _p("Kiwifruit 6-pack", "奇异果6个装", 600, 28, 7, 3990, None, prefix=_NZ),
    _p("Mango", "芒果", 350, 7, 2, 990, "tropical"),
    _p("Pineapple", "菠萝", 1200, 7, 2, 1290, "tropical"),
    _p("Watermelon", "西瓜", 5000, 14, 5, 3990, "melon"),
    _p("Hami Melon", "哈密瓜", 2000, 14, 5, 2990, "melon"),
    _w("Durian", "榴莲", 3000, 5, 2, 6800, "tropical", prefix=_TH),
    _w("Lychee", "荔枝", 500, 4, 1, 3000, None, temp=CHILLED, active=False),
    _p("Dragon Fruit", "火龙果", 400, 14, 4, 690, "tropical"),
    _w("Honey Peaches", "水蜜桃", 1000, 5, 2, 2000, "stone", temp=CHILLED),
    _p("Avocado", "牛油果", 200, 7, 2, 890, None, prefix=_MX),
)

_MEAT = (
    _w("Pork Belly", "五花肉", 500, 5, 2, 5600, "pork"),
    _w("Pork Loin", "猪里脊", 500, 5, 2, 4800, "pork"),
    _w("Pork Spare Ribs", "猪肋排", 500, 5, 2, 6800, "pork"),
    _w("Pork Chops", "猪排", 500, 5, 2, 4600, "pork"),
    _w("Pork Shoulder", "猪前腿肉", 500, 5, 2, 3800, "pork"),
    _w("Minced Pork", "猪肉馅", 400, 4, 1, 4200, "mince"),
    _w("Pork Trotters", "猪蹄", 1000, 5, 2, 3600, None),
    _w("Beef Brisket", "牛腩", 500, 7, 2, 9800, "beef"),
    _w("Beef Shank", "牛腱子", 500, 7, 2, 10800, "beef"),
    _w("Beef Tenderloin", "牛里脊", 500, 7, 2, 16800, "beef"),
    _p("Sirloin Steak 250 g", "西冷牛排", 250, 10, 3, 6800, "steak", prefix=_AU),
    _p("Ribeye Steak 250 g", "肉眼牛排", 250, 10, 3, 8800, "steak", prefix=_AU),
    _w("Minced Beef", "牛肉馅", 400, 4, 1, 7800, "mince"),
    _w("Lamb Leg", "羊腿", 1000, 7, 2, 9800, "lamb"),
    _w("Lamb Rack", "羊排", 500, 7, 2, 12800, "lamb", prefix=_NZ),
    _p("Whole Sanhuang Chicken", "三黄鸡", 1300, 5, 2, 3990, None),
    _w("Chicken Breast", "鸡胸肉", 500, 6, 2, 2800, "chicken"),
    _w("Chicken Drumsticks", "鸡腿", 500, 6, 2, 2600, "chicken"),
    _w("Chicken Mid Wings", "鸡翅中", 500, 6, 2, 5600, "chicken"),
    _p("Whole Duck", "鸭子", 1800, 5, 2, 4990, None),
)

_SEAFOOD = (
    _w("Atlantic Salmon Fillet", "三文鱼柳", 300, 4, 2, 19800, "fillet", prefix=_NO),
    _w("Cod Fillet", "鳕鱼柳", 300, 4, 2, 16800, "fillet"),
    _p("Salmon Sashimi 200 g", "三文鱼刺身", 200, 2, 1, 6800, "sashimi", prefix=_NO),
    _p("Tuna Sashimi 150 g", "金枪鱼刺身", 150, 2, 1, 5800, "sashimi"),
    _w("Sea Bass", "鲈鱼", 600, 3, 1, 5600, "whitefish"),
    _w("Large Yellow Croaker", "大黄鱼", 500, 3, 1, 6800, "whitefish"),
    _w("Silver Pomfret", "鲳鱼", 500, 3, 1, 9800, "whitefish"),
    _w("Hairtail", "带鱼", 500, 3, 1, 6000, None),
    _w("Grass Carp", "草鱼", 1500, 2, 1, 2400, "carp"),
    _w("Crucian Carp", "鲫鱼", 500, 2, 1, 3200, "carp"),
    _w("Whiteleg Shrimp", "白虾", 500, 3, 1, 7800, "shrimp"),
    _w("Tiger Prawns", "虎虾", 500, 3, 1, 15800, "shrimp"),
    _w("Crayfish", "小龙虾", 1000, 2, 1, 8800, None),
    _p("Hairy Crab", "大闸蟹", 200, 4, 1, 4800, "crab", active=False),
    _w("Swimming Crab", "梭子蟹", 500, 2, 1, 12800, "crab"),
    _w("Manila Clams", "花蛤", 500, 3, 1, 2400, "shellfish"),
    _w("Mussels", "青口贝", 500, 3, 1, 3600, "shellfish"),
    _p("Pacific Oyster", "生蚝", 150, 4, 1, 1290, "shellfish"),
    _w("Scallops", "扇贝", 500, 3, 1, 5800, "shellfish"),
    _w("Squid", "鱿鱼", 500, 3, 1, 5200, "cephalopod"),
    _w("Octopus", "章鱼", 500, 3, 1, 7800, "cephalopod"),
)

_DAIRY = (
    _p("Fresh Milk 1 L", "鲜牛奶1升", 1030, 10, 4, 1590, "milk"),
    _p("Fresh Milk 250 ml", "鲜牛奶250毫升", 258, 10, 4, 490, "milk"),
    _p("Fresh Milk 2 L", "家庭装鲜牛奶2升", 2060, 10, 4, 2990, "milk"),
    _p("Skimmed Milk 1 L", "脱脂鲜牛奶1升", 1030, 10, 4, 1690, "milk"),
    _p("Organic Milk 950 ml", "有机鲜牛奶950毫升", 980, 10, 4, 2290, "milk"),
    _p("Fresh Goat Milk 250 ml", "鲜羊奶250毫升", 258, 10, 4, 1290, None),
    _p("Fresh Soy Milk 1 L", "鲜豆浆1升", 1030, 7, 2, 890, None),
    _p("Plain Yogurt 420 g", "原味酸奶", 420, 21, 7, 1290, "yogurt"),
    _p("Greek Yogurt 150 g", "希腊酸奶", 150, 21, 7, 890, "yogurt"),
    _p("Strawberry Yogurt 200 g", "草莓酸奶", 200, 21, 7, 690, "yogurt"),
    _p("Set Yogurt 138 g", "老酸奶", 138, 21, 7, 590, "yogurt"),
    _p("Probiotic Drink 5 x 100 ml", "乳酸菌饮品5瓶装", 500, 21, 7, 1250, None),
    _p("Salted Butter 200 g", "有盐黄油", 200, 120, 30, 2190, "butter", prefix=_FR),
    _p("Unsalted Butter 200 g", "无盐黄油", 200, 120, 30, 2290, "butter", prefix=_FR),
    _p("Cheddar Cheese 200 g", "切达奶酪", 200, 60, 20, 3290, "cheese", prefix=_NZ),
    _p("Mozzarella 200 g", "马苏里拉奶酪", 200, 21, 7, 2890, "cheese"),
    _p("Cream Cheese 200 g", "奶油奶酪", 200, 30, 10, 2590, "cheese"),
    _p("Sliced Cheese 200 g", "芝士片", 200, 60, 20, 1990, "cheese"),
    _p("Parmesan 150 g", "帕玛森奶酪", 150, 180, 60, 5990, "cheese", prefix=_IT),
    _p("Whipping Cream 1 L", "淡奶油1升", 1030, 30, 10, 4290, None),
)

_EGGS = (
    _p("Free-range Eggs x10", "散养鸡蛋10枚", 550, 28, 10, 1990, "hen"),
    _p("Brown Eggs x10", "红皮鸡蛋10枚", 550, 28, 10, 1590, "hen"),
    _p("Fresh Eggs x15", "鲜鸡蛋15枚", 825, 28, 10, 1490, "hen"),
    _p("Free-range Eggs x30", "散养鸡蛋30枚", 1650, 28, 10, 4990, "hen"),
    _p("Organic Eggs x6", "有机鸡蛋6枚", 330, 28, 10, 1890, "hen"),
    _p("Organic Eggs x12", "有机鸡蛋12枚", 660, 28, 10, 3490, "hen"),
    _p("Native Chicken Eggs x20", "土鸡蛋20枚", 900, 28, 10, 3990, "hen"),
    _p("Omega-3 Eggs x10", "Omega-3鸡蛋10枚", 550, 28, 10, 2590, "hen"),
    _p("Raw-edible Eggs x10", "可生食鸡蛋10枚", 550, 28, 10, 3290, "hen"),
    _p("Green-shell Eggs x10", "绿壳鸡蛋10枚", 500, 28, 10, 2690, "hen"),
    _p("Duck Eggs x6", "鸭蛋6枚", 420, 28, 10, 1590, "duck"),
    _p("Salted Duck Eggs x6", "咸鸭蛋6枚", 420, 90, 30, 1890, "preserved", temp=AMBIENT),
    _p("Century Eggs x6", "皮蛋6枚", 400, 90, 30, 1290, "preserved", temp=AMBIENT),
    _p("Quail Eggs x20", "鹌鹑蛋20枚", 240, 28, 10, 1290, "small"),
    _p("Pigeon Eggs x10", "鸽子蛋10枚", 200, 28, 10, 3990, "small"),
    _p("Goose Eggs x2", "鹅蛋2枚", 300, 28, 10, 2590, None, active=False),
    _p("Liquid Egg Whites 500 g", "蛋清液", 500, 14, 5, 1990, None),
    _p("Tea Eggs x4", "茶叶蛋4枚", 240, 7, 2, 1190, None),
)

_BAKERY = (
    _p("White Toast 400 g", "白吐司", 400, 4, 2, 1290, "toast"),
    _p("Whole Wheat Toast 400 g", "全麦吐司", 400, 4, 2, 1590, "toast"),
    _p("Brioche Loaf 350 g", "布里欧修面包", 350, 4, 2, 2290, "toast"),
    _p("Baguette", "法棍", 250, 2, 1, 990, "crusty"),
    _p("Sourdough Loaf", "酸种面包", 500, 4, 2, 2890, "crusty"),
    _p("Rye Bread", "黑麦面包", 500, 4, 2, 2490, "crusty"),
    _p("Croissants x4", "牛角包4个装", 240, 3, 1, 1690, "pastry"),
    _p("Portuguese Egg Tarts x4", "葡式蛋挞4个装", 240, 2, 1, 1990, "pastry", temp=CHILLED),
    _p("Bagels x4", "贝果4个装", 400, 3, 1, 1990, "roll"),
    _p("Dinner Rolls x6", "餐包6个装", 300, 3, 1, 1290, "roll"),
    _p("Pineapple Buns x4", "菠萝包4个装", 400, 3, 1, 1590, "bun"),
    _p("Cream Buns x4", "奶油面包4个装", 400, 3, 1, 1490, "bun"),
    _p("Red Bean Buns x4", "红豆面包4个装", 400, 3, 1, 1490, "bun"),
    _p("Pork Floss Buns x4", "肉松面包4个装", 400, 3, 1, 1790, "bun"),
    _p("Swiss Roll", "瑞士卷", 300, 4, 2, 1890, "cake"),
    _p("Chiffon Cake", "戚风蛋糕", 400, 3, 1, 2590, "cake"),
    _p("Blueberry Muffins x4", "蓝莓玛芬4个装", 320, 4, 2, 1990, "cake"),
    _p("Cheesecake Slice", "芝士蛋糕", 120, 4, 2, 1890, None, temp=CHILLED),
    _p("Steamed Buns (Mantou) x6", "馒头6个装", 480, 2, 1, 890, "steamed"),
    _p("Pork Baozi x4", "鲜肉包4个装", 400, 3, 1, 1290, "steamed", temp=CHILLED),
    _p("Mooncake Gift Box", "月饼礼盒", 600, 45, 15, 16800, None, active=False),
)

_FROZEN = (
    _p("Pork & Cabbage Dumplings 1 kg", "猪肉白菜水饺", 1000, 365, 90, 3290, "dumpling"),
    _p("Pork & Chive Dumplings 1 kg", "猪肉韭菜水饺", 1000, 365, 90, 3290, "dumpling"),
    _p("Shrimp Wontons 500 g", "鲜虾馄饨", 500, 270, 60, 2990, "dumpling"),
    _p("Xiaolongbao 500 g", "小笼包", 500, 270, 60, 2590, "dumpling"),
    _p("Spring Rolls 400 g", "春卷", 400, 270, 60, 1690, None),
    _p("Black Sesame Tangyuan 500 g", "黑芝麻汤圆", 500, 365, 90, 1290, "tangyuan"),
    _p("Peanut Tangyuan 500 g", "花生汤圆", 500, 365, 90, 1290, "tangyuan"),
    _p("Peeled Shrimp 500 g", "冻虾仁", 500, 365, 90, 5990, "seafood"),
    _p("Squid Rings 400 g", "冻鱿鱼圈", 400, 365, 90, 2990, "seafood"),
    _p("Cod Steaks 400 g", "冻鳕鱼块", 400, 365, 90, 6990, "seafood"),
    _p("Hot Pot Lamb Slices 500 g", "羊肉卷", 500, 365, 90, 4990, "hotpot"),
    _p("Hot Pot Beef Slices 500 g", "肥牛卷", 500, 365, 90, 4590, "hotpot"),
    _p("Fish Balls 400 g", "鱼丸", 400, 365, 90, 1990, "balls"),
    _p("Beef Balls 400 g", "牛肉丸", 400, 365, 90, 2990, "balls"),
    _p("Mixed Vegetables 500 g", "什锦蔬菜", 500, 365, 90, 890, "veg"),
    _p("Sweet Corn Kernels 500 g", "甜玉米粒", 500, 365, 90, 990, "veg"),
    _p("Green Peas 500 g", "青豆", 500, 365, 90, 890, "veg"),
    _p("Edamame 500 g", "毛豆", 500, 365, 90, 1190, "veg"),
    _p("Frozen Blueberries 500 g", "冷冻蓝莓", 500, 365, 90, 3990, None),
    _p("Vanilla Ice Cream 500 g", "香草冰淇淋", 500, 365, 90, 3990, "icecream"),
    _p("Chocolate Ice Cream 500 g", "巧克力冰淇淋", 500, 365, 90, 3990, "icecream"),
    _p("Red Bean Ice Pops x6", "红豆冰棒6支装", 480, 365, 90, 1590, "icecream", active=False),
    _p("Chicken Nuggets 1 kg", "鸡块", 1000, 365, 90, 3990, None),
    _p("Margherita Pizza 400 g", "玛格丽特披萨", 400, 270, 60, 3590, None, prefix=_IT),
)

# (category code, SKU prefix, domestic GS1 company prefix, rows)
_CATALOGUE = (
    ("vegetables", "VEG", "6934561", _VEGETABLES),
    ("fruit", "FRU", "6934562", _FRUIT),
    ("meat", "MEA", "6945871", _MEAT),
    ("seafood", "SEA", "6951203", _SEAFOOD),
    ("dairy", "DAI", "6970012", _DAIRY),
    ("eggs", "EGG", "6927345", _EGGS),
    ("bakery", "BAK", "6912508", _BAKERY),
    ("frozen", "FRZ", "6938820", _FROZEN),
)

_MAX_SUBSTITUTES = 3
_CASE_CODE_EVERY = 6  # every 6th piece product also has a GTIN-14 case code


def _reorder_point(row: _Row) -> int:
    """Reorder point in base units: pieces, or grams for weighed goods."""
    if row.unit == WEIGHED:
        return row.weight_g * (10 if row.shelf <= 7 else 20)
    return 20 if row.shelf <= 7 else 30 if row.shelf <= 30 else 48


def _substitutes(rows: tuple[_Row, ...], skus: list[str], i: int) -> tuple[str, ...]:
    """Active products of the same group, nearest in the table first."""
    group = rows[i].group
    if group is None:
        return ()
    others = [j for j, r in enumerate(rows) if j != i and r.group == group and r.active]
    others.sort(key=lambda j: (abs(j - i), j))
    return tuple(skus[j] for j in others[:_MAX_SUBSTITUTES])


def _build_products() -> tuple[DemoProduct, ...]:
    temperature = {c.code: c.temperature_class for c in CATEGORIES}
    products: list[DemoProduct] = []
    item_ref = 1000  # global counter keeps item references unique across prefixes
    for category, sku_prefix, company_prefix, rows in _CATALOGUE:
        skus = [f"{sku_prefix}-{n:04d}" for n in range(1, len(rows) + 1)]
        for i, row in enumerate(rows):
            item_ref += 1
            gtin = _gtin13(row.prefix or company_prefix, item_ref)
            gtins: tuple[str, ...] = (gtin,)
            if row.unit == PIECE and item_ref % _CASE_CODE_EVERY == 0:
                indicator = 1 + (item_ref // _CASE_CODE_EVERY) % 8
                gtins += (_gtin14(indicator, gtin),)
            weighed = row.unit == WEIGHED
            products.append(
                DemoProduct(
                    sku=skus[i],
                    name_en=row.name_en,
                    name_zh=row.name_zh,
                    category=category,
                    temperature_class=row.temp or temperature[category],
                    shelf_life_days=row.shelf,
                    min_remaining_shelf_life_days=row.min_rem,
                    unit=row.unit,
                    nominal_weight_g=row.weight_g,
                    weight_tolerance_g=round(row.weight_g * 0.10) if weighed else None,
                    price_cents=row.price,
                    gtins=gtins,
                    substitutes=_substitutes(rows, skus, i),
                    active=row.active,
                    reorder_point=_reorder_point(row),
                )
            )
    return tuple(products)


PRODUCTS: tuple[DemoProduct, ...] = _build_products()
PRODUCTS_BY_SKU: dict[str, DemoProduct] = {p.sku: p for p in PRODUCTS}


# --------------------------------------------------------------------- warehouses


@dataclass(frozen=True)
class DemoZone:
    """A temperature zone; bins span the inclusive aisle/rack/level ranges."""

    code: str  # "AMB" | "CHL" | "FRZ"
    temperature_class: str
    aisles: tuple[int, int]
    racks: tuple[int, int]
    levels: tuple[int, int]


@dataclass(frozen=True)
class DemoWarehouse:
    code: str
    name_en: str
    name_zh: str
    address: str
    postal_prefixes: tuple[str, ...]
    zones: tuple[DemoZone, ...]


@dataclass(frozen=True)
class DemoBin:
    code: str  # e.g. "SH-CHL-A01-02-1": warehouse-zone-aisle-rack-level
    zone: str  # zone code
    pick_sequence: int


def _zones(amb: tuple[int, int, int], chl: tuple[int, int, int], frz: tuple[int, int, int]):
    """Zones from (aisles, racks per aisle, levels) counts, pick order AMB→CHL→FRZ."""
    spec = (("AMB", AMBIENT, amb), ("CHL", CHILLED, chl), ("FRZ", FROZEN, frz))
    return tuple(
        DemoZone(code, temp, (1, a), (1, r), (1, lv)) for code, temp, (a, r, lv) in spec
    )


WAREHOUSES: tuple[DemoWarehouse, ...] = (
    DemoWarehouse(
        "SH", "Shanghai Minhang DC", "上海闵行仓",
        "上海市闵行区申旺路88号 201108",
        ("200", "201", "215"),
        _zones(amb=(4, 6, 2), chl=(3, 5, 2), frz=(2, 4, 2)),
    ),
    DemoWarehouse(
        "BJ", "Beijing Daxing DC", "北京大兴仓",
        "北京市大兴区金星路18号 102600",
        ("100", "101", "102"),
        _zones(amb=(3, 5, 2), chl=(3, 4, 2), frz=(2, 3, 2)),
    ),
    DemoWarehouse(
        "GZ", "Guangzhou Baiyun DC", "广州白云仓",
        "广东省广州市白云区太和镇大源北路66号 510540",
        ("510", "511", "518"),
        _zones(amb=(3, 6, 2), chl=(3, 5, 2), frz=(2, 4, 2)),
    ),
)

_PICK_SEQUENCE_STEP = 10


def generate_bins(warehouse: DemoWarehouse) -> list[DemoBin]:
    """All bins of a warehouse in pick order.

    The path visits zones in order, aisles ascending, and snakes through the
    racks (up odd-numbered aisle positions, back down the next); levels ascend
    within a rack. ``pick_sequence`` increases by 10 along the path.
    """
    bins: list[DemoBin] = []
    seq = 0
    for zone in warehouse.zones:
        racks = range(zone.racks[0], zone.racks[1] + 1)
        for n, aisle in enumerate(range(zone.aisles[0], zone.aisles[1] + 1)):
            for rack in racks if n % 2 == 0 else reversed(racks):
                for level in range(zone.levels[0], zone.levels[1] + 1):
                    seq += _PICK_SEQUENCE_STEP
                    code = f"{warehouse.code}-{zone.code}-A{aisle:02d}-{rack:02d}-{level}"
                    bins.append(DemoBin(code, zone.code, seq))
    return bins


def warehouse_for_postal_code(postal_code: str) -> DemoWarehouse | None:
    """The warehouse serving a 6-digit postal code, or None if not served."""
    for warehouse in WAREHOUSES:
        if postal_code.startswith(warehouse.postal_prefixes):
            return warehouse
    return None


# ---------------------------------------------------------------------- customers


@dataclass(frozen=True)
class DemoDistrict:
    city_en: str
    city_zh: str
    district_en: str
    district_zh: str
    postal_code: str


@dataclass(frozen=True)
class DemoCustomerNames:
    """Name and address material for generated customers."""

    zh_surnames: tuple[tuple[str, str], ...]  # (hanzi, pinyin)
    zh_given_names: tuple[tuple[str, str], ...]  # (hanzi, pinyin)
    en_first_names: tuple[str, ...]
    en_last_names: tuple[str, ...]
    streets: dict[str, tuple[tuple[str, str], ...]]  # city_en -> (street_en, street_zh)
    districts: dict[str, tuple[DemoDistrict, ...]]  # warehouse code -> districts
    unserved_districts: tuple[DemoDistrict, ...]  # outside every served region


@dataclass(frozen=True)
class DemoCustomer:
    name: str
    phone: str  # "+86" + 11-digit mobile number
    email: str
    language: str  # "zh_CN" | "en"
    address_line: str
    city: str
    postal_code: str


def _d(city: str, district: str, postal_code: str) -> DemoDistrict:
    """District from "English|中文" pairs."""
    city_en, city_zh = city.split("|")
    district_en, district_zh = district.split("|")
    return DemoDistrict(city_en, city_zh, district_en, district_zh, postal_code)


_SHA, _SUZ = "Shanghai|上海市", "Suzhou|苏州市"
_PEK = "Beijing|北京市"
_CAN, _SZX = "Guangzhou|广州市", "Shenzhen|深圳市"

CUSTOMER_NAMES = DemoCustomerNames(
    zh_surnames=(
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
        ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"),
        ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"),
        ("郭", "guo"), ("何", "he"), ("林", "lin"), ("高", "gao"), ("罗", "luo"),
        ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"),
        ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("欧阳", "ouyang"),
    ),
    zh_given_names=(
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("秀英", "xiuying"), ("敏", "min"),
        ("静", "jing"), ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"),
        ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"),
        ("明", "ming"), ("超", "chao"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
        ("子涵", "zihan"), ("梓轩", "zixuan"), ("欣怡", "xinyi"), ("浩然", "haoran"),
        ("雨桐", "yutong"), ("思远", "siyuan"), ("嘉怡", "jiayi"), ("宇航", "yuhang"),
        ("婷婷", "tingting"), ("晓东", "xiaodong"), ("佳琪", "jiaqi"), ("俊杰", "junjie"),
    ),
    en_first_names=(
        "Emma", "Oliver", "Sophie", "James", "Charlotte", "Lucas", "Amelia", "Daniel",
        "Hannah", "Thomas", "Chloe", "Matthew", "Laura", "David", "Anna", "Michael",
        "Julia", "Peter", "Sarah", "Mark",
    ),
    en_last_names=(
        "Smith", "Brown", "Wilson", "Taylor", "Anderson", "Martin", "Thompson", "Walker",
        "Clarke", "Schmidt", "Dubois", "Rossi", "Jensen", "Novak", "Kim", "Tanaka",
        "Murphy", "Evans",
    ),
    streets={
        "Shanghai": (
            ("Century Avenue", "世纪大道"), ("Huaihai Middle Road", "淮海中路"),
            ("Nanjing West Road", "南京西路"), ("Zhaojiabang Road", "肇嘉浜路"),
            ("Hongqiao Road", "虹桥路"), ("Zhangyang Road", "张杨路"),
            ("Siping Road", "四平路"), ("Humin Road", "沪闵路"),
        ),
        "Suzhou": (
            ("Ganjiang Road", "干将路"), ("Renmin Road", "人民路"),
            ("Xinghu Street", "星湖街"), ("Qianjin Road", "前进路"),
        ),
        "Beijing": (
            ("Jianguo Road", "建国路"), ("Zhongguancun Street", "中关村大街"),
            ("Chaoyang North Road", "朝阳北路"), ("Wangfujing Street", "王府井大街"),
            ("Xuanwumen Outer Street", "宣武门外大街"), ("Xingfeng Street", "兴丰大街"),
            ("Xinhua Street", "新华大街"), ("Fuxing Road", "复兴路"),
        ),
        "Guangzhou": (
            ("Tianhe Road", "天河路"), ("Huanshi East Road", "环市东路"),
            ("Zhongshan 5th Road", "中山五路"), ("Jiangnan Avenue", "江南大道"),
            ("Baiyun Avenue", "白云大道"), ("Yingbin Road", "迎宾路"),
        ),
        "Shenzhen": (
            ("Shennan Avenue", "深南大道"), ("Binhai Avenue", "滨海大道"),
            ("Huaqiang North Road", "华强北路"), ("Keyuan Road", "科苑路"),
            ("Xin'an Road", "新安路"),
        ),
        "*": (
            ("Renmin Road", "人民路"), ("Jiefang Road", "解放路"),
            ("Zhongshan Road", "中山路"), ("Jianshe Road", "建设路"),
        ),
    },
    districts={
        "SH": (
            _d(_SHA, "Huangpu|黄浦区", "200001"), _d(_SHA, "Xuhui|徐汇区", "200030"),
            _d(_SHA, "Jing'an|静安区", "200040"), _d(_SHA, "Changning|长宁区", "200050"),
            _d(_SHA, "Pudong New Area|浦东新区", "200120"), _d(_SHA, "Yangpu|杨浦区", "200092"),
            _d(_SHA, "Minhang|闵行区", "201100"), _d(_SHA, "Songjiang|松江区", "201600"),
            _d(_SHA, "Jiading|嘉定区", "201800"), _d(_SUZ, "Gusu|姑苏区", "215000"),
            _d(_SUZ, "Suzhou Industrial Park|苏州工业园区", "215021"),
            _d(_SUZ, "Kunshan|昆山市", "215300"),
        ),
        "BJ": (
            _d(_PEK, "Dongcheng|东城区", "100010"), _d(_PEK, "Xicheng|西城区", "100032"),
            _d(_PEK, "Chaoyang|朝阳区", "100020"), _d(_PEK, "Haidian|海淀区", "100080"),
            _d(_PEK, "Fengtai|丰台区", "100071"), _d(_PEK, "Tongzhou|通州区", "101100"),
            _d(_PEK, "Shunyi|顺义区", "101300"), _d(_PEK, "Changping|昌平区", "102200"),
            _d(_PEK, "Daxing|大兴区", "102600"), _d(_PEK, "Fangshan|房山区", "102400"),
        ),
        "GZ": (
            _d(_CAN, "Yuexiu|越秀区", "510030"), _d(_CAN, "Tianhe|天河区", "510620"),
            _d(_CAN, "Haizhu|海珠区", "510220"), _d(_CAN, "Baiyun|白云区", "510400"),
            _d(_CAN, "Panyu|番禺区", "511400"), _d(_CAN, "Zengcheng|增城区", "511300"),
            _d(_SZX, "Futian|福田区", "518033"), _d(_SZX, "Nanshan|南山区", "518052"),
            _d(_SZX, "Luohu|罗湖区", "518001"), _d(_SZX, "Bao'an|宝安区", "518101"),
        ),
    },
    unserved_districts=(
        _d("Chengdu|成都市", "Wuhou|武侯区", "610041"),
        _d("Wuhan|武汉市", "Wuchang|武昌区", "430061"),
        _d("Xi'an|西安市", "Yanta|雁塔区", "710061"),
        _d("Hangzhou|杭州市", "Xihu|西湖区", "310012"),
        _d("Nanjing|南京市", "Gulou|鼓楼区", "210009"),
        _d("Chongqing|重庆市", "Yuzhong|渝中区", "400010"),
    ),
)

# Real mainland mobile number prefixes (China Mobile / Unicom / Telecom).
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "177", "180",
    "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
)
_REGION_WEIGHTS = {"SH": 45, "BJ": 30, "GZ": 25}
_UNSERVED_SHARE = 0.03
_ENGLISH_SHARE = 0.2
_EMAIL_DOMAINS = ("example.com", "example.cn", "example.net")


def generate_customers(rng: random.Random, count: int) -> list[DemoCustomer]:
    """``count`` customers drawn from ``rng`` (same seed, same customers).

    About 80% write Chinese (zh_CN), 20% English; about 3% live outside every
    served region. Phones and e-mail addresses are unique within one call.
    """
    names = CUSTOMER_NAMES
    regions = list(_REGION_WEIGHTS)
    weights = [_REGION_WEIGHTS[r] for r in regions]
    phones: set[str] = set()
    emails: set[str] = set()
    customers: list[DemoCustomer] = []
    for _ in range(count):
        if rng.random() < _UNSERVED_SHARE:
            district = rng.choice(names.unserved_districts)
        else:
            district = rng.choice(names.districts[rng.choices(regions, weights)[0]])
        streets = names.streets.get(district.city_en, names.streets["*"])
        street_en, street_zh = rng.choice(streets)
        number, building = rng.randint(1, 1999), rng.randint(1, 30)
        room = rng.randint(1, 32) * 100 + rng.randint(1, 8)

        if rng.random() < _ENGLISH_SHARE:
            language = "en"
            first, last = rng.choice(names.en_first_names), rng.choice(names.en_last_names)
            name, local = f"{first} {last}", f"{first}.{last}".lower()
            address = (
                f"Room {room}, Building {building}, No. {number} {street_en}, "
                f"{district.district_en}"
            )
            city = district.city_en
        else:
            language = "zh_CN"
            (surname, surname_py), (given, given_py) = (
                rng.choice(names.zh_surnames), rng.choice(names.zh_given_names)
            )
            name, local = surname + given, f"{given_py}.{surname_py}"
            address = f"{district.district_zh}{street_zh}{number}号{building}栋{room}室"
            city = district.city_zh

        phone = ""
        while not phone or phone in phones:
            phone = f"+86{rng.choice(_MOBILE_PREFIXES)}{rng.randint(0, 99_999_999):08d}"
        phones.add(phone)
        email = ""
        while not email or email in emails:
            email = f"{local}{rng.randint(1, 999)}@{rng.choice(_EMAIL_DOMAINS)}"
        emails.add(email)

        customers.append(
            DemoCustomer(name, phone, email, language, address, city, district.postal_code)
        )
    return customers


# -------------------------------------------------------------------------- users


class DemoUser(NamedTuple):
    username: str
    full_name: str
    role: str
    password: str  # documented demo password, never for production


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("picker", "Zhang Wei 张伟", "picker", "picker123"),
    DemoUser("qc", "Li Na 李娜", "qc_inspector", "qc123456"),
    DemoUser("packer", "Wang Fang 王芳", "packer", "packer123"),
    DemoUser("clerk", "Chen Jie 陈杰", "stock_clerk", "clerk123"),
    DemoUser("cs", "Emma Thompson", "cs_rep", "cs123456"),
    DemoUser("super", "Liu Yang 刘洋", "supervisor", "super123"),
    DemoUser("admin", "Zhao Min 赵敏", "admin", "admin123"),
)
