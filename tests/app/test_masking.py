from app.security.masking import mask_id_number, mask_name, mask_phone


def test_phone():
    assert mask_phone("13800138000") == "138****8000"


def test_id_number():
    assert mask_id_number("11010519491231002X") == "110***********002X"


def test_name():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("") == ""


def test_short_values_are_fully_masked():
    assert mask_phone("12345") == "*****"
    assert mask_id_number("1234") == "****"
