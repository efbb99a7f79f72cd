from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.validators import (
    InvalidIdNumber,
    InvalidName,
    InvalidPhone,
    id_check_char,
    normalize_id_number,
    normalize_name,
    normalize_phone,
)

TODAY = date(2026, 11, 23)


class TestPhone:
    def test_valid(self):
        assert normalize_phone("13800138000") == "13800138000"

    @pytest.mark.parametrize(
        "bad",
        [
            "12345678901",
            "1380013800",
            "138001380000",
            "13800138000\n",
            " 13800138000",
            "１３８００１３８０００",
            "+8613800138000",
            "1380013800x",
            "",
        ],
    )
    def test_invalid(self, bad):
        with pytest.raises(InvalidPhone) as error:
            normalize_phone(bad)
        assert error.value.code == "INVALID_PHONE"


class TestIdNumber:
    def test_valid(self):
        assert normalize_id_number("110101199003074514", today=TODAY) == "110101199003074514"

    def test_lower_case_x_is_accepted_and_stored_upper(self):
        assert normalize_id_number("11010519491231002x", today=TODAY) == "11010519491231002X"

    @pytest.mark.parametrize(
        ("bad", "reason"),
        [
            ("110101199003074515", "check_digit"),
            ("110101199002300014", "birth_date"),  # 30 February
            ("110101209912310015", "birth_date"),  # born in 2099
            ("110101189912310011", "birth_date"),  # before 1900
        ],
    )
    def test_checks_the_date_and_the_check_digit(self, bad, reason):
        with pytest.raises(InvalidIdNumber) as error:
            normalize_id_number(bad, today=TODAY)
        assert error.value.details["reason"] == reason

    @pytest.mark.parametrize(
        "bad",
        [
            "110101199003074514\n",
            "１１０１０１１９９００３０７４５１４",
            "990101199003074514",
            "11010119900307451",
            "1101011990030745140",
            "11010119900307451Y",
            "110101 99003074514",
            "",
        ],
    )
    def test_refuses_malformed_values(self, bad):
        with pytest.raises(InvalidIdNumber):
            normalize_id_number(bad, today=TODAY)

    @given(
        region=st.sampled_from(["110101", "310104", "440305", "650102", "820000"]),
        born=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
        sequence=st.integers(min_value=0, max_value=999),
    )
    def test_every_well_formed_number_is_accepted_and_any_other_check_char_refused(self, region, born, sequence):
        first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
        valid = first17 + id_check_char(first17)
        assert normalize_id_number(valid, today=TODAY) == valid
        for wrong in set("0123456789X") - {valid[-1]}:
            with pytest.raises(InvalidIdNumber):
                normalize_id_number(first17 + wrong, today=TODAY)


class TestName:
    @pytest.mark.parametrize("good", ["张三", "欧阳娜娜", "阿依古丽·买买提", "John Smith", "𠮷野家"])
    def test_valid(self, good):
        assert normalize_name(good) == good

    @pytest.mark.parametrize(
        "bad",
        [
            "张",
            "张" * 31,
            "张\u200b三",
            "张\u202e三",
            "张\n三",
            "张\r\n三",
            " 张三",
            "张三 ",
            "·张三",
            "张三·",
            "张三1",
            "<b>张三</b>",
            "张\x00三",
            "Straße",
        ],
    )
    def test_invalid(self, bad):
        with pytest.raises(InvalidName):
            normalize_name(bad)
