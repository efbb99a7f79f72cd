from tests.helpers import assert_error


def test_serves_the_h5_build(build_app, tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "index.html").write_text("<html><body>掌上政务</body></html>", encoding="utf-8")
    (tmp_path / "js" / "app.js").write_text("console.log(1)")
    client = build_app(FRONTEND_DIR=str(tmp_path)).test_client()
    with client.get("/") as page:
        assert page.status_code == 200
        assert "掌上政务" in page.get_data(as_text=True)
    with client.get("/js/app.js") as script:
        assert script.status_code == 200
    assert_error(client.get("/js/missing.js"), 404, "NOT_FOUND")


def test_says_clearly_when_the_frontend_is_not_built(build_app, tmp_path):
    client = build_app(FRONTEND_DIR=str(tmp_path / "nothing")).test_client()
    assert_error(client.get("/"), 404, "FRONTEND_NOT_BUILT")


def test_unknown_api_paths_are_not_swallowed_by_the_frontend(client):
    assert_error(client.post("/api/v1/nothing-here"), 404, "NOT_FOUND")


def test_hall_screens_open_their_page_of_the_h5_build(client):
    with client.get("/hall/board?hall=3") as board:
        assert board.status_code == 302
        assert board.headers["Location"] == "/#/hall/board/index?hall=3"
    with client.get("/hall/kiosk") as kiosk:
        assert kiosk.headers["Location"] == "/#/hall/kiosk/index"
    assert_error(client.get("/hall/nothing"), 404, "NOT_FOUND")
