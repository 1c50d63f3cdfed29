def test_the_portal_speaks_chinese_whatever_the_browser_language(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "登录" in response.content.decode()


def test_english_is_used_once_chosen_with_the_switch(client, bureau_a):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    response = client.get("/accounts/login/")
    assert "Log in" in response.content.decode()
    assert response.headers["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_chinese(client):
    client.cookies["django_language"] = "fr"
    assert "登录" in client.get("/accounts/login/").content.decode()
