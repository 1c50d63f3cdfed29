from ..factories import PASSWORD


def test_it_logs_in_with_username_and_password(client, bureau_a, campaign):
    response = client.post("/accounts/login/", {"username": "beijing", "password": PASSWORD})
    assert response.status_code == 302
    assert "北京保监局" in client.get("/campaigns/").content.decode()


def test_a_wrong_password_is_refused_in_chinese(client, bureau_a):
    response = client.post("/accounts/login/", {"username": "beijing", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_it_locks_the_account_after_five_failures(client, bureau_a):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "beijing", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "beijing", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_account(client, bureau_a, bureau_b):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "beijing", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "shanghai", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_is_a_post_and_says_so_on_the_login_page(client, bureau_a):
    client.force_login(bureau_a)
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert "您已退出登录" in response.content.decode()
    assert client.get("/campaigns/").status_code == 302


def test_password_change_keeps_the_user_logged_in(client, bureau_a):
    client.force_login(bureau_a)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "A-much-longer-pass-315",
            "new_password2": "A-much-longer-pass-315",
        },
    )
    assert response.status_code == 302
    bureau_a.refresh_from_db()
    assert bureau_a.check_password("A-much-longer-pass-315")
    assert client.get("/campaigns/").status_code == 200
