"""PostgreSQL goes away while the hotline's system registers complaints through the API, on a
live server: every request in flight gets a clean answer (its complaint registered, or 503 "try
again" as JSON), none hangs, nothing half-written stays behind, and once the database is back
each request sent again under its Idempotency-Key registers its complaint exactly once.

What goes away: .ci/run sets POSTGRES_RESTART_COMMAND and the cluster is restarted for real.
Without it (a cluster shared with other work: a developer's machine, or CI_SHARED_POSTGRES=1)
the server's connections to this test's database are terminated, again and again, which is
what a restart does to a client, without touching anyone else's.
"""

import json
import os
import shlex
import subprocess
import threading
import time
import urllib.error
import urllib.request

import psycopg2
import pytest
from django.db import connection

from campaign.models import Organisation, User
from complaints.models import Complaint, ComplaintTransition, IdempotencyKey

from ..complaints.api import URL, client_for, payload
from ..factories import UserFactory

pytestmark = [pytest.mark.production, pytest.mark.django_db(transaction=True)]

CLIENTS = 3
REQUEST_TIMEOUT = 20  # seconds: an answer slower than this is a hang


def test_intake_during_a_database_restart_answers_cleanly_and_stores_each_complaint_once(
    live_server, reference_data
):
    hotline = UserFactory(
        username="hotline-restart",
        organisation=Organisation.objects.get(kind=Organisation.Kind.HEAD_OFFICE),
        role=User.Role.HOTLINE,
    )
    token = client_for(hotline)._credentials["HTTP_AUTHORIZATION"]
    body = payload()
    answers = {}  # Idempotency-Key → (status, headers, JSON)
    stop = threading.Event()

    def send(key):
        request = urllib.request.Request(  # noqa: S310 (the live server's http URL)
            live_server.url + URL,
            data=json.dumps(body | {"description": f"车险理赔拖延，投诉编号 {key}。"}).encode(),
            headers={
                "Authorization": token,
                "Content-Type": "application/json",
                "Idempotency-Key": key,
                "X-Forwarded-Proto": "https",  # as the proxy in front of gunicorn says
            },
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310
                answer = response.status, dict(response.headers), json.load(response)
        except urllib.error.HTTPError as error:
            answer = error.code, dict(error.headers), json.load(error)
        assert time.monotonic() - started < REQUEST_TIMEOUT
        return answer

    def client(number):
        sent = 0
        while not stop.is_set():
            key = f"restart-{number}-{sent}"
            try:
                answers[key] = send(key)
            except Exception as error:  # no answer, or not JSON: the assertions below say so
                answers[key] = "no clean answer", {}, repr(error)
            sent += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        database_goes_away()
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=2 * REQUEST_TIMEOUT)
    connection.close()  # the test's own connection went with the others

    statuses = {status for status, _headers, _json in answers.values()}
    assert statuses <= {201, 503}, answers
    failed = [key for key, (status, _h, _j) in answers.items() if status == 503]
    assert failed, "no request was in flight when the database went away"
    for key in failed:
        _status, headers, answer = answers[key]
        assert headers["Retry-After"] == "30"
        assert answer["detail"]  # a message, not a traceback
        assert headers["Content-Type"] == "application/json"
    # Nothing half-written: each complaint has its key and its registration step.
    complaints = sorted(Complaint.objects.values_list("pk", flat=True))
    keyed = IdempotencyKey.objects.values_list("complaint_id", flat=True)
    registered = ComplaintTransition.objects.filter(action="register")
    assert sorted(keyed) == complaints
    assert sorted(registered.values_list("complaint_id", flat=True)) == complaints

    # The database is back: each failed request, sent again, registers its complaint once.
    for key in failed:
        status, _headers, answer = send(key)
        assert status == 201, answer
    stored = dict(IdempotencyKey.objects.values_list("key", "complaint__id"))
    assert set(stored) == set(answers)
    assert Complaint.objects.count() == len(answers)
    for key, (status, _headers, answer) in answers.items():
        if status == 201:
            assert Complaint.objects.get(pk=stored[key]).reference == answer["reference"]


def database_goes_away():
    command = os.environ.get("POSTGRES_RESTART_COMMAND")
    if command:
        subprocess.run(shlex.split(command), check=True, timeout=60)  # noqa: S603
        return
    params = connection.get_connection_params()
    keys = ("dbname", "user", "password", "host", "port")
    killer = psycopg2.connect(**{key: value for key, value in params.items() if key in keys})
    killer.autocommit = True
    try:
        # Over a second, so that some requests are cut in the middle of their transaction.
        for _ in range(20):
            with killer.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            time.sleep(0.05)
    finally:
        killer.close()
