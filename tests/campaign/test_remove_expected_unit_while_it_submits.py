"""Head office takes a unit off the list at the moment the unit submits (PostgreSQL): one of
the two wins cleanly, never a deadlock shown as a server error."""

import threading
import time

import pytest
from django.db import connection, connections

from campaign.services import expected_units as service
from campaign.services import statistics

from ..factories import organisation, statistics_report, valid_values

pytestmark = pytest.mark.postgresql


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_unit_removed_while_it_submits_either_submits_or_is_removed(
    monkeypatch, campaign, head_office, bureau_a
):
    report = statistics_report(campaign, "beijing")
    statistics.save_report(
        actor=bureau_a, report=report, values=valid_values(report), expected_version=0
    )
    list_locked = threading.Event()
    editable = service._editable

    def lock_the_list_then_let_the_unit_submit(campaign):
        locked = editable(campaign)
        list_locked.set()
        time.sleep(0.5)  # the unit's submission takes its report's lock meanwhile
        return locked

    monkeypatch.setattr(service, "_editable", lock_the_list_then_let_the_unit_submit)
    outcomes = []

    def remove():
        try:
            service.remove_expected_unit(
                actor=head_office, campaign=campaign, organisation=organisation("beijing")
            )
            outcomes.append("removed")
        except service.ExpectedUnitError:
            outcomes.append("kept")
        except Exception as problem:
            outcomes.append(repr(problem))
        finally:
            connections.close_all()

    def submit():
        list_locked.wait(timeout=5)
        try:
            statistics.submit_report(actor=bureau_a, report=report)
            outcomes.append("submitted")
        except statistics.WorkflowError:
            outcomes.append("refused")
        except Exception as problem:
            outcomes.append(repr(problem))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=remove), threading.Thread(target=submit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) in (["kept", "submitted"], ["refused", "removed"])
