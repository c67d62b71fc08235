from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.fake_scale import MtSicsSimulator
from app.devices.scale import (
    ScaleErrorCode,
    ScaleFault,
    ScaleReading,
    StableWeightFilter,
    WeightUnit,
    parse_mtsics,
    to_grams,
)


@pytest.mark.parametrize(
    ("line", "stable", "value", "unit", "grams"),
    [
        ("S S     1.234 kg", True, "1.234", WeightUnit.KG, 1234),
        ("S D     1.230 kg", False, "1.230", WeightUnit.KG, 1230),
        ("S S    -0.012 kg", True, "-0.012", WeightUnit.KG, -12),
        ("S S -   0.012 kg", True, "-0.012", WeightUnit.KG, -12),
        ("S S    250.4 g", True, "250.4", WeightUnit.G, 250),
        ("S S    250.5 g", True, "250.5", WeightUnit.G, 250),  # half even
        ("S S    251.5 g", True, "251.5", WeightUnit.G, 252),
        ("S S     2.000 lb", True, "2.000", WeightUnit.LB, 907),
        ("SI S    0.500 KG", True, "0.500", WeightUnit.KG, 500),
        ("S S  .5 kg", True, "0.5", WeightUnit.KG, 500),
        ("  S S     1.234 kg  ", True, "1.234", WeightUnit.KG, 1234),
    ],
)
def test_weight_replies(line, stable, value, unit, grams):
    reading = parse_mtsics(line)
    assert isinstance(reading, ScaleReading)
    assert reading.stable is stable
    assert reading.value == Decimal(value)
    assert reading.unit is unit
    assert reading.grams == grams
    assert reading.raw == line


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("S I", ScaleErrorCode.BUSY),
        ("S +", ScaleErrorCode.OVERLOAD),
        ("S -", ScaleErrorCode.UNDERLOAD),
        ("SI +", ScaleErrorCode.OVERLOAD),
        ("ES", ScaleErrorCode.SYNTAX),
        ("ET", ScaleErrorCode.TRANSMISSION),
        ("EL", ScaleErrorCode.LOGICAL),
        ("S S     1.000 oz", ScaleErrorCode.UNSUPPORTED_UNIT),
        ("hello", ScaleErrorCode.UNPARSEABLE),
        ("S X   1.0 kg", ScaleErrorCode.UNPARSEABLE),
        ("", ScaleErrorCode.UNPARSEABLE),
    ],
)
def test_error_replies(line, code):
    fault = parse_mtsics(line)
    assert isinstance(fault, ScaleFault)
    assert fault.code is code
    assert fault.message  # translated text for the station


def test_fault_messages_include_details():
    assert "oz" in parse_mtsics("S S 1.0 oz").message
    assert "garbage!" in parse_mtsics("garbage!").message


@pytest.mark.parametrize(
    ("value", "unit", "grams"),
    [
        ("1.234", "kg", 1234),
        ("0.0005", "kg", 0),  # 0.5 g -> even
        ("0.0015", "kg", 2),  # 1.5 g -> even
        ("0.0025", "kg", 2),  # 2.5 g -> even
        ("1", "lb", 454),  # 453.59237
        ("0.5", "lb", 227),  # 226.796185
        ("10", "g", 10),
        (Decimal("-1.5"), "g", -2),
        (3, "kg", 3000),
    ],
)
def test_to_grams(value, unit, grams):
    assert to_grams(value, unit) == grams


def test_to_grams_refuses_floats():
    with pytest.raises(TypeError):
        to_grams(1.5, "kg")


@settings(deadline=None)
@given(
    st.decimals(min_value=Decimal("-100"), max_value=Decimal("1000"), places=4, allow_nan=False),
    st.sampled_from(["kg", "g", "lb"]),
)
def test_to_grams_is_exact_half_even(value, unit):
    factor = {"kg": Fraction(1000), "g": Fraction(1), "lb": Fraction("453.59237")}[unit]
    assert to_grams(value, unit) == round(Fraction(value) * factor)  # round(Fraction) is half even


def reading(value: str, stable: bool = True, unit: str = "kg") -> ScaleReading:
    item = parse_mtsics(f"S {'S' if stable else 'D'} {value} {unit}")
    assert isinstance(item, ScaleReading)
    return item


def test_filter_needs_n_identical_stable_readings():
    f = StableWeightFilter(3)
    assert f.feed(reading("1.234")) is None
    assert f.feed(reading("1.234")) is None
    accepted = f.feed(reading("1.234"))
    assert accepted is not None and accepted.grams == 1234
    assert f.feed(reading("1.234")) is None  # accepted once per resting period


def test_filter_resets_on_motion_change_and_faults():
    f = StableWeightFilter(2)
    f.feed(reading("1.000"))
    assert f.feed(reading("1.000", stable=False)) is None
    assert f.feed(reading("1.000")) is None
    assert f.feed(reading("1.001")) is None  # different value restarts the count
    assert f.feed(reading("1.001")).grams == 1001
    assert f.feed(parse_mtsics("S I")) is None
    assert f.feed(reading("1.001")) is None
    assert f.feed(reading("1.001")).grams == 1001  # put back: accepted anew


def test_filter_compares_readings_not_rounded_grams():
    f = StableWeightFilter(2)
    f.feed(reading("1.0001"))
    assert f.feed(reading("1.0002")) is None  # same grams, different readings


def test_filter_with_one_reading_and_validation():
    assert StableWeightFilter(1).feed(reading("0.100")).grams == 100
    with pytest.raises(ValueError):
        StableWeightFilter(0)


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1.000", "1.005"]), st.booleans()), max_size=30))
def test_filter_accepts_only_after_a_full_stable_run(items):
    n = 3
    f = StableWeightFilter(n)
    history = []
    for value, stable in items:
        history.append((value, stable))
        accepted = f.feed(reading(value, stable))
        if accepted is not None:
            tail = history[-n:]
            assert len(tail) == n and all(s for _, s in tail)
            assert len({v for v, _ in tail}) == 1
            assert len(history) == n or history[-n - 1] != (value, True)


def test_simulator_protocol():
    sim = MtSicsSimulator("1.234", "kg")
    assert sim.reply("SI") == "S S      1.234 kg"
    assert parse_mtsics(sim.reply("S")).grams == 1234
    sim.set_weight("0.5", stable=False)
    assert sim.reply("SI") == "S D        0.5 kg"
    assert sim.reply("S") == "S I"
    sim.set_fault("S +")
    assert sim.reply("SI") == "S +"
    assert sim.reply("XYZ") == "ES"
    assert sim.reply("SIR") == "S +" and sim.streaming
    assert sim.commands == ["SI", "S", "SI", "S", "SI", "XYZ", "SIR"]
