"""办件编号: format, ISO 7064 MOD 11-2 check character, parsing, and the typos it must catch."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.services.case_numbers import CaseNumber, is_valid, iso7064_mod11_2, number, parse
from app.validators import id_check_char

DAY = date(2026, 10, 9)
# By hand: the digits of 330106 20261009 000123 weighted 2^20 … 2^1 (mod 11) sum to 6 (mod 11),
# and the check (weight 1) makes the whole sum 1 (mod 11): (12 - 6) mod 11 = 6.
EXAMPLE = "330106202610090001236"
WITH_X = "33010620261009000009X"

numbers = st.builds(
    number,
    st.text("0123456789", min_size=6, max_size=6),
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.integers(1, 999_999),
)


class TestCheckCharacter:
    def test_the_gb_11643_example(self):
        # The standard's own example ID number ends in X.
        assert iso7064_mod11_2("11010519491231002") == "X"

    @given(st.text("0123456789", min_size=17, max_size=17))
    def test_agrees_with_the_id_number_check(self, first17):
        assert iso7064_mod11_2(first17) == id_check_char(first17)

    @pytest.mark.parametrize("digits", ["12a4", "１２３", ""])
    def test_digits_only(self, digits):
        with pytest.raises(ValueError, match="ASCII digits only"):
            iso7064_mod11_2(digits)


class TestNumber:
    def test_format(self):
        assert number("330106", DAY, 123) == EXAMPLE
        assert number("330106", DAY, 9) == WITH_X
        assert len(EXAMPLE) == 21

    @pytest.mark.parametrize("region", ["33010", "3301061", "33010a", "３３０１０６", "330106\n"])
    def test_region_is_six_ascii_digits(self, region):
        with pytest.raises(ValueError, match="region_code"):
            number(region, DAY, 1)

    @pytest.mark.parametrize("sequence", [0, -1, 1_000_000])
    def test_sequence_range(self, sequence):
        with pytest.raises(ValueError, match="sequence must be from 1 to 999999"):
            number("330106", DAY, sequence)

    def test_four_digit_years_only(self):
        with pytest.raises(ValueError, match="four digits"):
            number("330106", date(999, 1, 1), 1)


class TestParse:
    def test_parts(self):
        assert parse(EXAMPLE) == CaseNumber("330106", DAY, 123)
        assert is_valid(EXAMPLE)

    def test_a_lower_case_x_is_accepted(self):
        assert parse(WITH_X.lower()) == CaseNumber("330106", DAY, 9)

    @pytest.mark.parametrize(
        "value",
        [
            "",
            EXAMPLE[:-1],  # no check character
            EXAMPLE + "0",
            EXAMPLE[:-1] + "7",  # wrong check character
            EXAMPLE + "\n",
            " " + EXAMPLE,
            "３" + EXAMPLE[1:],  # a full-width digit
            "33010620260230000001" + iso7064_mod11_2("33010620260230000001"),  # 30 February
            "33010620261009000000" + iso7064_mod11_2("33010620261009000000"),  # sequence 0
            "33010620261009000012Y",
        ],
    )
    def test_invalid(self, value):
        assert parse(value) is None
        assert not is_valid(value)

    @given(numbers)
    def test_round_trip(self, value):
        parts = parse(value)
        assert parts is not None
        assert number(*parts) == value


CHARS = "0123456789X"


@given(numbers, st.integers(0, 20), st.sampled_from(CHARS))
def test_every_single_mistyped_character_is_caught(value, position, typed):
    assume(typed != value[position])
    assert not is_valid(value[:position] + typed + value[position + 1 :])


@given(numbers, st.integers(0, 19))
def test_every_swap_of_adjacent_different_characters_is_caught(value, position):
    assume(value[position] != value[position + 1])
    swapped = value[:position] + value[position + 1] + value[position] + value[position + 2 :]
    assert not is_valid(swapped)
