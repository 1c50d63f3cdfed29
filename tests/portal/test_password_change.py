from ..factories import PASSWORD


def test_changing_to_the_same_password_is_refused(client, bureau_a, english):
    client.force_login(bureau_a)

    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )

    assert response.status_code == 200
    message = "The new password must differ from the old one."
    assert response.context["form"].errors["new_password1"] == [message]
    assert message in response.content.decode()
    bureau_a.refresh_from_db()
    assert bureau_a.check_password(PASSWORD)


def test_a_wrong_old_password_is_not_compared(client, bureau_a, english):
    client.force_login(bureau_a)

    response = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "wrong", "new_password2": "wrong"},
    )

    errors = response.context["form"].errors
    assert "old_password" in errors
    assert "must differ" not in str(errors)


def test_a_different_password_is_changed(client, bureau_a):
    client.force_login(bureau_a)

    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Another-long-pass-2027",
            "new_password2": "Another-long-pass-2027",
        },
    )

    assert response.status_code == 302
    bureau_a.refresh_from_db()
    assert bureau_a.check_password("Another-long-pass-2027")
