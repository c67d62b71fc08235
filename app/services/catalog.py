"""Catalogue use cases: categories and products (with GTINs and substitutes)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from app.db.database import Database
from app.errors import ConflictError, NotFound, ValidationError
from app.gtin import display_gtin, normalize_gtin
from app.i18n import _
from app.models import Category, Product, ProductGtin, ProductSubstitute
from app.models.catalog import TEMPERATURE_CLASSES, UNITS
from app.permissions import Action, require
from app.services import audit
from app.services.context import Actor


@dataclass(frozen=True)
class CategoryRow:
    id: int
    code: str
    name_en: str
    name_zh: str
    temperature_class: str
    active: bool
    version: int
    product_count: int = 0


@dataclass(frozen=True)
class CategoryInput:
    code: str
    name_en: str
    name_zh: str = ""
    temperature_class: str = "ambient"
    active: bool = True


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name_en: str
    name_zh: str
    category_id: int
    category_code: str
    category_name: str
    category_name_zh: str
    temperature_class: str
    shelf_life_days: int
    min_remaining_shelf_life_days: int
    unit: str
    nominal_weight_g: int | None
    weight_tolerance_g: int | None
    price_cents: int
    reorder_point: int
    active: bool
    gtins: tuple[str, ...]
    substitutes: tuple[str, ...]
    version: int


@dataclass(frozen=True)
class ProductInput:
    sku: str
    name_en: str
    category_id: int
    temperature_class: str
    shelf_life_days: int
    price_cents: int
    name_zh: str = ""
    min_remaining_shelf_life_days: int = 0
    unit: str = "piece"
    nominal_weight_g: int | None = None
    weight_tolerance_g: int | None = None
    reorder_point: int = 0
    active: bool = True
    gtins: tuple[str, ...] = field(default_factory=tuple)
    substitutes: tuple[str, ...] = field(default_factory=tuple)  # SKUs, in order of preference


# -- categories -----------------------------------------------------------

def list_categories(db: Database, actor: Actor) -> list[CategoryRow]:
    require(actor, Action.CATALOG_VIEW)

    def work(session: Session) -> list[CategoryRow]:
        counts = dict(session.execute(select(Product.category_id, func.count()).group_by(Product.category_id)).all())
        return [
            CategoryRow(c.id, c.code, c.name_en, c.name_zh, c.temperature_class, c.active, c.version,
                        counts.get(c.id, 0))
            for c in session.scalars(select(Category).order_by(Category.code))
        ]

    return db.read(work)


def _validate_category(data: CategoryInput) -> CategoryInput:
    code = data.code.strip(" ").lower()
    if not code or not code.replace("_", "").replace("-", "").isalnum():
        raise ValidationError(_("The category code must be letters, digits, - or _."), "code")
    if not data.name_en.strip(" "):
        raise ValidationError(_("The category needs an English name."), "name_en")
    if data.temperature_class not in TEMPERATURE_CLASSES:
        raise ValidationError(_("Unknown temperature class {value}.").format(value=data.temperature_class),
                              "temperature_class")
    return CategoryInput(code, data.name_en.strip(" "), data.name_zh.strip(" "), data.temperature_class, data.active)


def save_category(db: Database, actor: Actor, data: CategoryInput, category_id: int | None = None,
                  expected_version: int | None = None) -> CategoryRow:
    require(actor, Action.CATALOG_EDIT)
    data = _validate_category(data)

    def work(session: Session) -> CategoryRow:
        clash = session.scalar(select(Category.id).where(Category.code == data.code))
        if clash is not None and clash != category_id:
            raise ConflictError(_("A category with code {code} already exists.").format(code=data.code))
        if category_id is None:
            category = Category(**asdict(data))
            session.add(category)
            before: dict = {}
        else:
            category = session.get(Category, category_id)
            if category is None:
                raise NotFound(_("Category {id} does not exist.").format(id=category_id))
            _check_version(category.version, expected_version)
            before = {k: getattr(category, k) for k in asdict(data)}
            for key, value in asdict(data).items():
                setattr(category, key, value)
        session.flush()
        audit.record(session, actor, "category.created" if category_id is None else "category.updated",
                     "category", category.id, details=audit.changes(before, asdict(data)))
        return CategoryRow(category.id, category.code, category.name_en, category.name_zh,
                           category.temperature_class, category.active, category.version)

    return db.transaction(work)


def _check_version(current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise ConflictError(_("Someone else changed this record at the same time. Reload it and try again."))


# -- products ---------------------------------------------------------------

def _product_row(product: Product, substitute_skus: tuple[str, ...]) -> ProductRow:
    return ProductRow(
        id=product.id, sku=product.sku, name_en=product.name_en, name_zh=product.name_zh,
        category_id=product.category_id, category_code=product.category.code, category_name=product.category.name_en,
        category_name_zh=product.category.name_zh,
        temperature_class=product.temperature_class, shelf_life_days=product.shelf_life_days,
        min_remaining_shelf_life_days=product.min_remaining_shelf_life_days, unit=product.unit,
        nominal_weight_g=product.nominal_weight_g, weight_tolerance_g=product.weight_tolerance_g,
        price_cents=product.price_cents, reorder_point=product.reorder_point, active=product.active,
        gtins=tuple(display_gtin(g.gtin) for g in product.gtins), substitutes=substitute_skus,
        version=product.version,
    )


def _substitute_map(session: Session, product_ids: list[int] | None) -> dict[int, tuple[str, ...]]:
    query = (
        select(ProductSubstitute.product_id, Product.sku)
        .join(Product, Product.id == ProductSubstitute.substitute_id)
        .order_by(ProductSubstitute.product_id, ProductSubstitute.rank)
    )
    if product_ids is not None:
        query = query.where(ProductSubstitute.product_id.in_(product_ids))
    result: dict[int, list[str]] = {}
    for product_id, sku in session.execute(query):
        result.setdefault(product_id, []).append(sku)
    return {k: tuple(v) for k, v in result.items()}


def list_products(db: Database, actor: Actor, search: str = "", *, include_inactive: bool = True,
                  category_id: int | None = None) -> list[ProductRow]:
    """Products matching ``search`` in SKU, names or GTIN; sorted by SKU."""
    require(actor, Action.CATALOG_VIEW)

    def work(session: Session) -> list[ProductRow]:
        query = select(Product).options(selectinload(Product.gtins)).order_by(Product.sku)
        if search.strip(" "):
            pattern = f"%{search.strip(' ')}%"
            gtin_match = select(ProductGtin.product_id).where(ProductGtin.gtin.like(pattern))
            query = query.where(or_(Product.sku.ilike(pattern), Product.name_en.ilike(pattern),
                                    Product.name_zh.like(pattern), Product.id.in_(gtin_match)))
        if not include_inactive:
            query = query.where(Product.active.is_(True))
        if category_id is not None:
            query = query.where(Product.category_id == category_id)
        products = list(session.scalars(query))
        substitutes = _substitute_map(session, None)
        return [_product_row(p, substitutes.get(p.id, ())) for p in products]

    return db.read(work)


def get_product(db: Database, actor: Actor, product_id: int) -> ProductRow:
    require(actor, Action.CATALOG_VIEW)

    def work(session: Session) -> ProductRow:
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound(_("Product {id} does not exist.").format(id=product_id))
        return _product_row(product, _substitute_map(session, [product.id]).get(product.id, ()))

    return db.read(work)


def find_product_by_gtin(db: Database, actor: Actor, gtin: str) -> ProductRow:
    require(actor, Action.CATALOG_VIEW)
    gtin14 = normalize_gtin(gtin)

    def work(session: Session) -> ProductRow:
        product = session.scalar(select(Product).join(ProductGtin).where(ProductGtin.gtin == gtin14))
        if product is None:
            raise NotFound(_("No product has GTIN {gtin}.").format(gtin=gtin))
        return _product_row(product, _substitute_map(session, [product.id]).get(product.id, ()))

    return db.read(work)


def validate_product(data: ProductInput) -> ProductInput:
    """Check a product form; raise ``ValidationError`` naming the first bad field."""
    sku = data.sku.strip(" ").upper()
    if not sku or len(sku) > 40 or not all(c.isalnum() or c in "-_." for c in sku):
        raise ValidationError(_("The SKU must be 1-40 letters, digits, -, _ or ."), "sku")
    if not data.name_en.strip(" "):
        raise ValidationError(_("The product needs an English name."), "name_en")
    if data.temperature_class not in TEMPERATURE_CLASSES:
        raise ValidationError(_("Unknown temperature class {value}.").format(value=data.temperature_class),
                              "temperature_class")
    if data.unit not in UNITS:
        raise ValidationError(_("The unit must be piece or weighed."), "unit")
    if data.shelf_life_days <= 0:
        raise ValidationError(_("Shelf life must be at least one day."), "shelf_life_days")
    if not 0 <= data.min_remaining_shelf_life_days <= data.shelf_life_days:
        raise ValidationError(
            _("The minimum remaining shelf life must be between 0 and the shelf life ({days} days).").format(
                days=data.shelf_life_days), "min_remaining_shelf_life_days")
    if data.price_cents < 0:
        raise ValidationError(_("The price cannot be negative."), "price_cents")
    if data.reorder_point < 0:
        raise ValidationError(_("The reorder point cannot be negative."), "reorder_point")
    if data.unit == "weighed":
        if not data.nominal_weight_g or data.nominal_weight_g <= 0:
            raise ValidationError(_("A product sold by weight needs a nominal weight in grams."), "nominal_weight_g")
        if data.weight_tolerance_g is None or data.weight_tolerance_g < 0:
            raise ValidationError(_("A product sold by weight needs a weight tolerance in grams."),
                                  "weight_tolerance_g")
    gtins = tuple(dict.fromkeys(normalize_gtin(g) for g in data.gtins if g.strip(" ")))
    substitutes = tuple(dict.fromkeys(s.strip(" ").upper() for s in data.substitutes if s.strip(" ")))
    if sku in substitutes:
        raise ValidationError(_("A product cannot be its own substitute."), "substitutes")
    return ProductInput(
        sku=sku, name_en=data.name_en.strip(" "), name_zh=data.name_zh.strip(" "), category_id=data.category_id,
        temperature_class=data.temperature_class, shelf_life_days=data.shelf_life_days,
        min_remaining_shelf_life_days=data.min_remaining_shelf_life_days, unit=data.unit,
        nominal_weight_g=data.nominal_weight_g if data.unit == "weighed" else data.nominal_weight_g or None,
        weight_tolerance_g=data.weight_tolerance_g if data.unit == "weighed" else None,
        price_cents=data.price_cents, reorder_point=data.reorder_point, active=data.active,
        gtins=gtins, substitutes=substitutes,
    )


_SCALAR_FIELDS = ("sku", "name_en", "name_zh", "category_id", "temperature_class", "shelf_life_days",
                  "min_remaining_shelf_life_days", "unit", "nominal_weight_g", "weight_tolerance_g",
                  "price_cents", "reorder_point", "active")


def save_product(db: Database, actor: Actor, data: ProductInput, product_id: int | None = None,
                 expected_version: int | None = None) -> ProductRow:
    """Create (``product_id`` None) or update a product. ``expected_version`` guards stale edits."""
    require(actor, Action.CATALOG_EDIT)
    data = validate_product(data)
    return db.transaction(lambda session: _save_product(session, actor, data, product_id, expected_version))


def _save_product(session: Session, actor: Actor, data: ProductInput, product_id: int | None,
                  expected_version: int | None) -> ProductRow:
    if session.get(Category, data.category_id) is None:
        raise ValidationError(_("Choose a category."), "category_id")
    clash = session.scalar(select(Product.id).where(Product.sku == data.sku))
    if clash is not None and clash != product_id:
        raise ConflictError(_("A product with SKU {sku} already exists.").format(sku=data.sku))
    for gtin in data.gtins:
        owner = session.scalar(select(Product.sku).join(ProductGtin).where(ProductGtin.gtin == gtin,
                                                                        Product.id != (product_id or -1)))
        if owner is not None:
            raise ConflictError(_("GTIN {gtin} already belongs to {sku}.").format(gtin=display_gtin(gtin), sku=owner),
                                )
    substitute_ids: list[int] = []
    for sku in data.substitutes:
        substitute_id = session.scalar(select(Product.id).where(Product.sku == sku))
        if substitute_id is None:
            raise ValidationError(_("Substitute {sku} is not a known SKU.").format(sku=sku), "substitutes")
        substitute_ids.append(substitute_id)

    if product_id is None:
        product = Product(**{k: getattr(data, k) for k in _SCALAR_FIELDS})
        session.add(product)
        before: dict = {}
    else:
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound(_("Product {id} does not exist.").format(id=product_id))
        _check_version(product.version, expected_version)
        before = {k: getattr(product, k) for k in _SCALAR_FIELDS}
        before["gtins"] = [g.gtin for g in product.gtins]
        before["substitutes"] = list(_substitute_map(session, [product.id]).get(product.id, ()))
        for key in _SCALAR_FIELDS:
            setattr(product, key, getattr(data, key))
        if before["gtins"] != list(data.gtins) or before["substitutes"] != list(data.substitutes):
            flag_modified(product, "sku")  # GTINs/substitutes live in other tables: still a new version
    current = {g.gtin: g for g in product.gtins}
    for gtin in list(current):
        if gtin not in data.gtins:
            product.gtins.remove(current[gtin])
    for gtin in data.gtins:
        if gtin not in current:
            product.gtins.append(ProductGtin(gtin=gtin))
    session.flush()
    session.execute(delete(ProductSubstitute).where(ProductSubstitute.product_id == product.id))
    for rank, substitute_id in enumerate(substitute_ids, start=1):
        session.add(ProductSubstitute(product_id=product.id, substitute_id=substitute_id, rank=rank))
    session.flush()
    after = {k: getattr(data, k) for k in _SCALAR_FIELDS} | {"gtins": list(data.gtins),
                                                            "substitutes": list(data.substitutes)}
    audit.record(session, actor, "product.created" if product_id is None else "product.updated", "product",
                 product.sku, details=audit.changes(before, after))
    session.refresh(product)
    return _product_row(product, data.substitutes)
